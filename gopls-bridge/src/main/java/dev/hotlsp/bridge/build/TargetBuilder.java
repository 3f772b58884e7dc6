package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Starts {@code go build -o <binary> <flags> <target>} from the workspace root and, when it ends,
 * hashes the binary; a running build can be stopped with its whole process tree. Thread-safe.
 */
final class TargetBuilder {
  private static final Duration STOP_GRACE = Duration.ofMillis(500);

  /** What a finished go build left: exit code, stderr, duration and the binary's SHA-256. */
  record Outcome(int exitCode, String stderr, Duration duration, Optional<String> digest) {}

  /** A started build. */
  record Running(ChildProcess process, CompletableFuture<Outcome> outcome) {
    /** Stops the go process tree (SIGTERM, grace, SIGKILL); returns when go has ended. */
    void stop() {
      process.stop(STOP_GRACE);
    }
  }

  private final GoToolchain go;
  private final RebuildConfig config;
  private final Executor io;

  TargetBuilder(GoToolchain go, RebuildConfig config, Executor io) {
    this.go = go;
    this.config = config;
    this.io = io;
  }

  Running start(String target) throws IOException {
    Files.createDirectories(config.outputDir());
    var binary = config.binaryOf(target);
    var args = new ArrayList<String>();
    args.add("-o");
    args.add(binary.toString());
    args.addAll(config.buildFlags());
    args.add(target);
    long start = System.nanoTime();
    var child = go.start(new GoCommand("build", args, Map.of(), config.workspace().root()));
    child.stdin().close();
    var out = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stdout()), io);
    var err = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()), io);
    var outcome =
        child
            .onExit()
            .thenCombineAsync(
                out.thenCombine(err, (o, e) -> o + e),
                (code, text) -> {
                  var took = Duration.ofNanos(System.nanoTime() - start);
                  var digest = code == 0 ? BinaryDigests.of(binary) : Optional.<String>empty();
                  return new Outcome(code, text, took, digest);
                },
                io);
    return new Running(child, outcome);
  }

}
