package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Starts {@code go build -o <binary> <flags> <target>} from the workspace root and, when it ends,
 * hashes the binary; a running build can be stopped with its whole process tree. Thread-safe.
 *
 * <p>go writes its {@code -o} file itself, and where it cannot rename it into place it copies
 * through an {@code open} that follows a symlink. So go writes into a fresh staging directory
 * (0700, unpredictable name) inside the private output directory, and a successful binary is then
 * renamed to its final path: {@code rename} replaces whatever is there (a planted symlink
 * included) without following it, on the same file system, and a reader never sees half a binary.
 */
final class TargetBuilder {
  private static final System.Logger LOG = System.getLogger(TargetBuilder.class.getName());
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

  /**
   * Builds {@code target} (an import path) from {@code packageArgument}, its package as go's
   * command line names it unambiguously (see {@link dev.hotlsp.bridge.graph.GoWorkspace#packageArgument}).
   */
  Running start(String target, String packageArgument) throws IOException {
    var binary = config.binaryOf(target);
    var staging = Files.createTempDirectory(config.outputs().ensure(), ".build-");
    var staged = staging.resolve(binary.getFileName());
    var args = new ArrayList<String>();
    args.add("-o");
    args.add(staged.toString());
    args.addAll(config.buildFlags());
    args.add(packageArgument);
    long start = System.nanoTime();
    ChildProcess child;
    try {
      child = go.start(new GoCommand("build", args, Map.of(), config.workspace().root()));
    } catch (IOException e) {
      deleteTree(staging);
      throw e;
    }
    child.stdin().close();
    var out = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stdout()), io);
    var err = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()), io);
    var outcome =
        child
            .onExit()
            .thenCombineAsync(
                out.thenCombine(err, (o, e) -> o + e),
                (code, text) -> finish(code, text, staged, binary, start),
                io);
    return new Running(child, outcome);
  }

  /** Moves a built binary into place, removes the staging directory, hashes the binary. */
  private static Outcome finish(int code, String text, Path staged, Path binary, long start) {
    int exit = code;
    var stderr = text;
    try {
      if (code == 0) {
        Files.move(staged, binary, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      exit = 1;
      stderr = text + "hotlsp: cannot move the binary to " + binary + ": " + e + "\n";
    } finally {
      deleteTree(staged.getParent());
    }
    var took = Duration.ofNanos(System.nanoTime() - start);
    var digest = exit == 0 ? BinaryDigests.of(binary) : Optional.<String>empty();
    return new Outcome(exit, stderr, took, digest);
  }

  /** Deletes {@code dir} and what go left in it, never following a symlink. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove the staging directory " + dir + ": " + e);
    }
  }

}
