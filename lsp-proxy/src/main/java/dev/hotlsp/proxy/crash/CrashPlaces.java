package dev.hotlsp.proxy.crash;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashMapper;
import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FrameLocator;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoModule;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.bridge.graph.SourceAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place that puts a program's failure on a line, for the editor, {@code hotlsp run},
 * {@code hotlsp crash} and {@code hotlsp check}: crashes through the bridge's {@link CrashMapper}
 * over the workspace's Go files (listed afresh for each call, so a file added since is found),
 * and a failure without a trace — a memory-limit kill, a run that timed out or exited non-zero,
 * a probe that failed — on its target's {@code func main} ({@link SourceAnchors}). Keeps no state
 * between calls, so the pump threads (races) and the controller's thread (ends) may call it at once.
 */
public final class CrashPlaces implements CrashWatchingEvents.Places {
  private static final long MIB = 1024 * 1024;

  /** What placing needs to know of a workspace. */
  public interface Workspace {
    /** Its Go files and modules, read now. */
    WorkspaceIndex index() throws IOException;

    /** The Go files of the main package {@code target} (as go names it), in go's order; none if unknown. */
    List<Path> mainFiles(String target);
  }

  private final Workspace workspace;
  private final OptionalLong memoryLimit;

  /** A folder of the editor or of {@code hotlsp run}: its modules and packages as the import graph knows them now. */
  CrashPlaces(Path folder, Supplier<ImportGraph> graph, OptionalLong memoryLimit) {
    this(new Workspace() {
      @Override
      public WorkspaceIndex index() throws IOException {
        var dirs = graph.get().mainModules().stream().map(GoModule::dir).distinct().toList();
        return WorkspaceIndex.scan(new GoWorkspace(folder, dirs.isEmpty() ? List.of(folder) : dirs, false));
      }

      @Override
      public List<Path> mainFiles(String target) {
        return graph.get().get(target).map(p -> p.goFiles().stream().map(p.dir()::resolve).toList()).orElse(List.of());
      }
    }, memoryLimit);
  }

  /** {@code memoryLimit}: the run's limit, named in the message of a memory-limit kill. */
  public CrashPlaces(Workspace workspace, OptionalLong memoryLimit) {
    this.workspace = workspace;
    this.memoryLimit = memoryLimit;
  }

  /**
   * A workspace read from disk for each call ({@code hotlsp check}); {@code mainDirs} gives a
   * target's package directory, whose non-test Go files are read in name order.
   */
  public static CrashPlaces of(GoWorkspace workspace, Function<String, Optional<Path>> mainDirs) {
    return new CrashPlaces(new Workspace() {
      @Override
      public WorkspaceIndex index() throws IOException {
        return WorkspaceIndex.scan(workspace);
      }

      @Override
      public List<Path> mainFiles(String target) {
        return mainDirs.apply(target).map(SourceAnchors::goFiles).orElse(List.of());
      }
    }, OptionalLong.empty());
  }

  /** A workspace already read ({@code hotlsp crash}: no targets). */
  public static CrashPlaces of(WorkspaceIndex index) {
    return new CrashPlaces(new Workspace() {
      @Override
      public WorkspaceIndex index() {
        return index;
      }

      @Override
      public List<Path> mainFiles(String target) {
        return List.of();
      }
    }, OptionalLong.empty());
  }

  @Override
  public List<Finding> map(List<Crash> crashes) throws IOException {
    if (crashes.isEmpty()) {
      return List.of();
    }
    var mapper = new CrashMapper(new FrameLocator(workspace.index()), new FileSourceLines());
    var out = new ArrayList<Finding>();
    crashes.forEach(c -> out.addAll(mapper.map(c)));
    return out;
  }

  /** The findings of one crash in a workspace already read ({@link #of(WorkspaceIndex)}). */
  public List<Finding> mapped(Crash crash) {
    try {
      return map(List.of(crash));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Optional<Finding> memoryLimit(String target) {
    return atMain(target, "oom", memoryLimit.isPresent()
        ? "out of memory: the program was killed at its memory limit of " + size(memoryLimit.getAsLong()) + " (--memory)"
        : "out of memory: the program was killed for lack of memory");
  }

  /**
   * A failure of {@code target} that no trace places, with {@code code} and {@code message}: on
   * the line of its {@code func main}, else the first line of its first file; none when its files
   * are unknown.
   */
  public Optional<Finding> atMain(String target, String code, String message) {
    var files = workspace.mainFiles(target);
    var at = SourceAnchors.funcMain(files);
    if (at.isPresent()) {
      var a = at.get();
      return Optional.of(new Finding(a.file(), a.line(), a.column(), a.line(), a.endColumn(), code, message, List.of()));
    }
    return files.isEmpty() ? Optional.empty()
        : Optional.of(new Finding(files.get(0), 1, 1, 1, 1, code, message, List.of()));
  }

  private static String size(long bytes) {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
  }
}
