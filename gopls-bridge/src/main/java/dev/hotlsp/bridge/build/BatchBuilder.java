package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.process.FileTrees;
import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.OwnedDirs;
import dev.hotlsp.bridge.toolchain.GoCommand;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Starts one {@code go build -o <staging>/ <flags> <package>...} of several targets, whose binary
 * names ({@link ExecutableNames}) must differ, from the workspace root at a lower CPU priority
 * ({@link RebuildConfig#niceness}, {@code nice -n 10} in an editor session); go shares and parallelises the work of all of them. A target succeeded iff
 * its binary is in the staging directory when go ends — go still writes the others when one fails
 * — and each built binary is then renamed to its final path and hashed. A running build can be
 * stopped with its whole process tree; a stopped build moves nothing. Thread-safe.
 *
 * <p>go writes its {@code -o} files itself, and where it cannot rename them into place it copies
 * through an {@code open} that follows a symlink. So go writes into a fresh staging directory
 * (0700, unpredictable name) inside the private output directory, and a binary is then renamed to
 * its final path: {@code rename} replaces whatever is there (a planted symlink included) without
 * following it, on the same file system, and a reader never sees half a binary.
 */
final class BatchBuilder {
  private static final System.Logger LOG = System.getLogger(BatchBuilder.class.getName());
  private static final Duration STOP_GRACE = Duration.ofMillis(500);

  /**
   * What one go build left for one target: exit code (0 iff its binary was produced), the part of
   * go's output that concerns it, the invocation's duration and the binary's {@link BinaryDigest}.
   */
  record Outcome(int exitCode, String stderr, Duration duration, Optional<String> digest) {}

  /** A started build of {@code targets}. */
  record Running(
      Set<String> targets,
      ChildProcess process,
      AtomicBoolean stopped,
      CompletableFuture<Map<String, Outcome>> outcomes) {
    /** Stops the go process tree (SIGTERM, grace, SIGKILL); returns when go has ended. */
    void stop() {
      stopped.set(true);
      process.stop(STOP_GRACE);
    }
  }

  private final GoToolchain go;
  /** Each go build writes into a fresh directory of this name beside the binaries. */
  static final String STAGING = ".build-";

  private final RebuildConfig config;
  private final Executor io;
  private final OwnedDirs owned = OwnedDirs.ofThisProcess();
  private final AtomicBoolean swept = new AtomicBoolean();

  BatchBuilder(GoToolchain go, RebuildConfig config, Executor io) {
    this.go = go;
    this.config = config;
    this.io = io;
  }

  /** Which files this workspace's build errors may be shown on. */
  dev.hotlsp.bridge.toolchain.BuildScope scope() {
    return go.scope(config.workspace().root());
  }

  /**
   * Builds the targets of {@code packageArguments} (import path → its package as go's command line
   * names it, see {@link dev.hotlsp.bridge.graph.GoWorkspace#packageArgument}) in one go build;
   * {@code concerns} gives each target's packages, to pick its part of go's output.
   */
  Running start(Map<String, String> packageArguments, Function<String, Set<String>> concerns)
      throws IOException {
    var names = new java.util.HashSet<String>();
    for (var target : packageArguments.keySet()) {
      if (!names.add(ExecutableNames.of(target))) {
        throw new IllegalArgumentException("two targets named " + ExecutableNames.of(target));
      }
    }
    var outputs = config.outputs().ensure();
    if (swept.compareAndSet(false, true)) { // a HotLSP killed mid-build left its staging behind
      owned.sweep(outputs, STAGING);
    }
    var staging = owned.create(outputs, STAGING);
    var args = new ArrayList<String>();
    args.add("-o");
    args.add(staging + "/");
    args.addAll(config.buildFlags());
    args.addAll(packageArguments.values());
    long start = System.nanoTime();
    ChildProcess child;
    try {
      var build = new GoCommand("build", args, Map.of(), config.workspace().root());
      child = config.niceness() == 0 ? go.start(build) : go.startNiced(build, config.niceness());
    } catch (IOException e) {
      FileTrees.delete(staging);
      throw e;
    }
    child.stdin().close();
    var stopped = new AtomicBoolean();
    var targets = Set.copyOf(packageArguments.keySet());
    var out = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stdout()), io);
    var err = CompletableFuture.supplyAsync(() -> ChildProcess.readAll(child.stderr()), io);
    var outcomes =
        child
            .onExit()
            .thenCombineAsync(
                out.thenCombine(err, (o, e) -> o + e),
                (code, text) -> {
                  try {
                    return stopped.get()
                        ? Map.<String, Outcome>of()
                        : finish(code, text, packageArguments, concerns, staging, start);
                  } finally {
                    FileTrees.delete(staging);
                  }
                },
                io);
    return new Running(targets, child, stopped, outcomes);
  }

  /** Moves each built binary into place and hashes it; a missing binary is that target's failure. */
  private Map<String, Outcome> finish(
      int code,
      String text,
      Map<String, String> packageArguments,
      Function<String, Set<String>> concerns,
      Path staging,
      long start) {
    var took = Duration.ofNanos(System.nanoTime() - start);
    var output = BuildOutput.parse(text);
    var outcomes = new LinkedHashMap<String, Outcome>();
    for (var target : packageArguments.keySet()) {
      var staged = staging.resolve(ExecutableNames.of(target));
      var binary = config.binaryOf(target);
      if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
        var why = code == 0 ? text + "hotlsp: go build wrote no binary for " + target + "\n" : "";
        outcomes.put(
            target,
            new Outcome(
                code == 0 ? 1 : code,
                why.isEmpty() ? output.concerning(concerns.apply(target)) : why,
                took,
                Optional.empty()));
        continue;
      }
      try {
        Files.move(staged, binary, StandardCopyOption.ATOMIC_MOVE);
        long digestStart = System.nanoTime();
        var digest = BinaryDigest.of(binary);
        LOG.log(System.Logger.Level.DEBUG, () -> "phase built: " + target + ": go build " + took.toMillis()
            + " ms, digest " + (System.nanoTime() - digestStart) / 1_000_000 + " ms");
        outcomes.put(target, new Outcome(0, "", took, digest));
      } catch (IOException e) {
        var why = "hotlsp: cannot move the binary to " + binary + ": " + e + "\n";
        outcomes.put(target, new Outcome(1, why, took, Optional.empty()));
      }
    }
    return outcomes;
  }

}
