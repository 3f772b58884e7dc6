package dev.hotlsp.proxy.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotlsp.proxy.harness.Expectation;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.InProcessServer;
import dev.hotlsp.proxy.harness.LogView;
import dev.hotlsp.proxy.harness.LoggedMessage;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the watch-and-rebuild tests observe of HotLSP: its {@code hotlsp/buildEnded} notifications,
 * its build progress, and (through {@code --trace}) the messages it sends gopls.
 */
final class Builds {
  static final String BUILD_ENDED = "hotlsp/buildEnded";
  static final String GO_BUILD = "go build";

  private Builds() {}

  /** The proxy in this JVM, tracing every message (both sides) to {@code trace}. */
  static ServerUnderTest tracedProxy(Path trace, String... extraArgs) {
    var args = new java.util.ArrayList<>(
        List.of("serve", "--gopls", HarnessEnv.gopls().toString(), "--trace", trace.toString()));
    args.addAll(List.of(extraArgs));
    return new InProcessServer("proxy-in-process", args, HarnessEnv.childEnvironment());
  }

  /** The proxy in this JVM, building {@code targets} when the workspace opens. */
  static ServerUnderTest proxyBuildingAtStart(String... targets) {
    var args = new java.util.ArrayList<String>();
    for (var target : targets) {
      args.add("--build");
      args.add(target);
    }
    return dev.hotlsp.proxy.harness.Servers.proxyInProcess(args);
  }

  /** Met when a {@code hotlsp/buildEnded} for {@code target} satisfies {@code holds}. */
  static Expectation buildEnded(String target, String what, Predicate<JsonObject> holds) {
    return Expectation.of(
        "hotlsp/buildEnded for " + target + " " + what,
        view -> buildsEnded(view).anyMatch(p -> p.get("target").getAsString().equals(target) && holds.test(p)));
  }

  /** Met when a build of {@code target} ended with {@code ok}. */
  static Expectation buildEnded(String target, boolean ok) {
    return buildEnded(target, "with ok=" + ok, p -> p.get("ok").getAsBoolean() == ok);
  }

  /** Met when every one of {@code targets} has reported a build (e.g. the build at start). */
  static Expectation built(String... targets) {
    var all = new Expectation[targets.length];
    for (int i = 0; i < targets.length; i++) {
      all[i] = buildEnded(targets[i], "(any outcome)", p -> true);
    }
    return Expectation.allOf(all);
  }

  static java.util.stream.Stream<JsonObject> buildsEnded(LogView view) {
    return view.notifications(BUILD_ENDED).map(LoggedMessage::params);
  }

  /** The value of each {@code $/progress} whose title (begin) names a build. */
  static List<JsonObject> buildProgressBegins(LogView view) {
    return progressValues(view, "begin").filter(p -> p.getAsJsonObject("value").get("title").getAsString()
        .startsWith("Building ")).toList();
  }

  /**
   * Met when at least {@code builds} build progresses have begun and every one of them has ended
   * (a superseded build's progress ends without a buildEnded, so there may be more begins).
   */
  static Expectation buildProgressPaired(long builds) {
    return Expectation.of("at least " + builds + " build progress(es) begun, each ended", view -> {
      var begun = new HashSet<String>();
      buildProgressBegins(view).forEach(p -> begun.add(p.get("token").getAsString()));
      var ended = new HashSet<String>();
      progressValues(view, "end").forEach(p -> ended.add(p.get("token").getAsString()));
      return begun.size() >= builds && ended.containsAll(begun);
    });
  }

  private static java.util.stream.Stream<JsonObject> progressValues(LogView view, String kind) {
    return view.notifications("$/progress").map(LoggedMessage::params)
        .filter(p -> p.getAsJsonObject("value").get("kind").getAsString().equals(kind));
  }

  /** True for a diagnostic that HotLSP's {@code go build} source published. */
  static boolean fromGoBuild(JsonObject diagnostic) {
    return Optional.ofNullable(diagnostic.get("source")).map(s -> s.getAsString().equals(GO_BUILD)).orElse(false);
  }

  /** The bodies of the messages the trace file records in {@code direction} with {@code method}. */
  static List<JsonObject> traced(Path trace, String direction, String method) throws IOException {
    return Files.readAllLines(trace, UTF_8).stream()
        .map(line -> line.split(" ", 3))
        .filter(parts -> parts.length == 3 && parts[1].equals(direction))
        .map(parts -> JsonParser.parseString(parts[2]).getAsJsonObject())
        .filter(body -> body.has("method") && body.get("method").getAsString().equals(method))
        .toList();
  }
}
