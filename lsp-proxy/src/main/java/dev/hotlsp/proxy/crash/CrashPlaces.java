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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Places one folder's crashes on its files: {@link CrashMapper} over the folder's modules as the
 * import graph knows them now (the Go files are listed afresh for each end that has crashes, so a
 * file added since the folder opened is found), and the {@code func main} line of a target killed
 * at the memory limit. Keeps no state between calls, so the pump threads (races) and the
 * controller's thread (ends) may call it at once.
 */
final class CrashPlaces implements CrashWatchingEvents.Places {
  private static final Pattern FUNC_MAIN = Pattern.compile("^func\\s+main\\s*\\(\\s*\\)");
  private static final long MIB = 1024 * 1024;

  private final Path folder;
  private final Supplier<ImportGraph> graph;
  private final OptionalLong memoryLimit;

  CrashPlaces(Path folder, Supplier<ImportGraph> graph, OptionalLong memoryLimit) {
    this.folder = folder;
    this.graph = graph;
    this.memoryLimit = memoryLimit;
  }

  @Override
  public List<Finding> map(List<Crash> crashes) throws IOException {
    if (crashes.isEmpty()) {
      return List.of();
    }
    var dirs = graph.get().mainModules().stream().map(GoModule::dir).distinct().toList();
    var index = WorkspaceIndex.scan(new GoWorkspace(folder, dirs.isEmpty() ? List.of(folder) : dirs, false));
    var mapper = new CrashMapper(new FrameLocator(index), new FileSourceLines());
    var out = new ArrayList<Finding>();
    crashes.forEach(c -> out.addAll(mapper.map(c)));
    return out;
  }

  @Override
  public Optional<Finding> memoryLimit(String target) throws IOException {
    var pkg = graph.get().get(target);
    if (pkg.isEmpty()) {
      return Optional.empty();
    }
    for (var name : pkg.get().goFiles()) {
      var file = pkg.get().dir().resolve(name);
      var lines = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        var text = lines.get(i);
        if (FUNC_MAIN.matcher(text).find()) {
          int end = text.stripTrailing().length();
          return Optional.of(new Finding(file, i + 1, 1, i + 1, end + 1, "oom", message(), List.of()));
        }
      }
    }
    return Optional.empty();
  }

  private String message() {
    return memoryLimit.isPresent()
        ? "out of memory: the program was killed at its memory limit of " + size(memoryLimit.getAsLong())
            + " (--memory)"
        : "out of memory: the program was killed for lack of memory";
  }

  private static String size(long bytes) {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
  }
}
