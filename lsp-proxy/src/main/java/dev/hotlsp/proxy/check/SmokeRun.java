package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.run.HttpProbe;
import dev.hotlsp.bridge.run.RunningProgram;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --for} part of a check's {@code --run}: watches a server for its run time and asks
 * each {@code --probe} URL once. A URL is asked again (every {@link #POLL}) while nothing accepts
 * the connection — the server is still starting; the first request that reaches the program is
 * the probe, and its answer counts. Returns when the run time is over or the program ended.
 */
final class SmokeRun {
  /** How often a URL nothing listens on yet is asked again. */
  static final Duration POLL = Duration.ofMillis(100);
  /** The longest one request may take. */
  private static final Duration REQUEST = Duration.ofSeconds(5);

  /** What one probe found; {@link HttpProbe.Answer#REFUSED} when nothing accepted within the run time. */
  record Probed(URI url, HttpProbe.Answer answer) {}

  private final HttpProbe probe;
  private final Clock clock;

  SmokeRun(HttpProbe probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * Watches {@code program}, started at {@code start}, until {@code runFor} has passed or it ends,
   * asking {@code urls}; {@code ownNetwork}: the program has a network namespace of its own, which
   * the probe enters.
   */
  List<Probed> watch(RunningProgram program, Instant start, Duration runFor, List<URI> urls, boolean ownNetwork)
      throws InterruptedException {
    var deadline = start.plus(runFor);
    var answers = new LinkedHashMap<URI, HttpProbe.Answer>();
    while (program.isAlive()) {
      var left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      for (var url : urls) {
        if (answers.containsKey(url)) {
          continue;
        }
        Optional<Long> pid = ownNetwork ? program.programPid() : Optional.empty();
        if (ownNetwork && pid.isEmpty()) {
          continue;
        }
        var answer = probe.get(url, pid, left.compareTo(REQUEST) < 0 ? left : REQUEST);
        if (answer.connected()) {
          answers.put(url, answer);
        }
      }
      left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      var wait = answers.size() == urls.size() ? left : (left.compareTo(POLL) < 0 ? left : POLL);
      try {
        program.result().get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS); // the program's end, or the wait
      } catch (TimeoutException e) {
        // time to ask again, or the run time is over
      } catch (ExecutionException e) {
        break;
      }
    }
    var out = new ArrayList<Probed>();
    for (var url : urls) {
      out.add(new Probed(url, answers.getOrDefault(url, HttpProbe.Answer.REFUSED)));
    }
    return out;
  }
}
