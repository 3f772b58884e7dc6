package dev.hotlsp.proxy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.harness.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar's {@code hotlsp run} leaves nothing in its TMPDIR: not after a normal end, not after
 * SIGTERM, SIGINT or SIGHUP while the program runs; what a SIGKILL leaves (the run's copy of the
 * binary) goes with the next {@code hotlsp run}.
 */
class RunLeftoversIT {
  private static final Path REPO = Path.of(System.getProperty("hotlsp.repo"));
  private Path workspace;
  private Path tmp;
  private Path cache;

  @BeforeEach
  void copy(@TempDir Path dir) throws Exception {
    workspace = Sandbox.copyOf("runners", dir).root();
    tmp = Files.createDirectory(dir.resolve("tmp"));
    cache = dir.resolve("cache");
  }

  private Process hotlsp(String... args) throws IOException {
    var command = new ArrayList<>(List.of("env", "--default-signal=INT", REPO.resolve("hotlsp").toString()));
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command).directory(workspace.toFile());
    pb.environment().clear();
    pb.environment().putAll(HarnessEnv.withCacheHome(cache));
    pb.environment().put("TMPDIR", tmp.toString());
    return pb.start();
  }

  /** Everything in the TMPDIR, depth first (empty: nothing left). */
  private List<String> left() {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> !p.equals(tmp)).map(p -> tmp.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      return List.of("cannot list: " + e);
    }
  }

  /** Reads a stream to its end on a daemon thread (so the process never blocks on a full pipe). */
  private static void drain(InputStream in) {
    Thread.ofPlatform().daemon().start(() -> {
      try {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // ended
      }
    });
  }

  /** Starts {@code run --isolation isolated ./cmd/noterm} and waits until the program runs. */
  private Process running() throws Exception {
    var run = hotlsp("run", "--isolation", "isolated", "./cmd/noterm");
    var out = new StringBuilder();
    Thread.ofPlatform().daemon().start(() -> {
      var buf = new byte[4096];
      try (var in = run.getInputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          synchronized (out) {
            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException e) {
        // ended
      }
    });
    drain(run.getErrorStream());
    Poll.until("noterm runs", Duration.ofSeconds(120), () -> {
      synchronized (out) {
        return out.toString().contains("ignoring SIGTERM");
      }
    }, out::toString);
    return run;
  }

  @Test
  void aNormalEndLeavesNothing() throws Exception {
    var run = hotlsp("run", "--isolation", "isolated", "./cmd/hello");
    drain(run.getInputStream());
    drain(run.getErrorStream());
    assertTrue(run.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue());
    Poll.until("nothing is left in TMPDIR", Duration.ofSeconds(10), () -> left().isEmpty(), () -> "left: " + left());
  }

  @Test
  void sigtermSigintAndSighupLeaveNothing() throws Exception {
    for (var signal : List.of("TERM", "INT", "HUP")) {
      var run = running();
      assertTrue(left().stream().anyMatch(p -> p.startsWith("hotlsp-runs-")), "the run has its directory: " + left());
      new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "hotlsp run ends on SIG" + signal);
      Poll.until("nothing is left in TMPDIR after SIG" + signal, Duration.ofSeconds(10), () -> left().isEmpty(),
          () -> "left: " + left());
    }
  }

  @Test
  void whatASigkillLeavesGoesWithTheNextRun() throws Exception {
    var run = running();
    run.destroyForcibly();
    assertTrue(run.waitFor(10, TimeUnit.SECONDS));
    // the watchdog empties the launcher's scratch directory; the runs' directory stays
    Poll.until("only the runs' directory is left", Duration.ofSeconds(10),
        () -> !left().isEmpty() && left().stream().allMatch(p -> p.startsWith("hotlsp-runs-")), () -> "left: " + left());

    var next = hotlsp("run", "./cmd/hello");
    drain(next.getInputStream());
    drain(next.getErrorStream());
    assertTrue(next.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, next.exitValue());
    Poll.until("nothing is left in TMPDIR", Duration.ofSeconds(10), () -> left().isEmpty(), () -> "left: " + left());
  }
}
