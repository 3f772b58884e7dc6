package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import dev.hotlsp.bridge.crash.Finding;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checked directories as the user named them: what a report covers of gopls's diagnostics,
 * and a finding in a directory's real path (gopls and go resolve symbolic links) spelled under
 * the directory as it was given. Pure but for resolving real paths.
 */
final class CheckedDirs {
  private CheckedDirs() {}

  /** A finding in a real path under a checked directory, spelled under that directory as it was given. */
  static CheckFinding under(CheckFinding f, List<Path> dirs) {
    for (var dir : dirs) {
      var real = realPath(dir);
      if (!f.file().startsWith(dir) && f.file().startsWith(real) && !real.equals(dir)) {
        var file = dir.resolve(real.relativize(f.file()));
        var related = f.related().stream().map(r -> respell(r, dir, real)).toList();
        var flow = f.flow().stream().map(r -> respell(r, dir, real)).toList();
        return new CheckFinding(file, f.line(), f.column(), f.endLine(), f.endColumn(), f.goColumn(), f.severity(),
            f.source(), f.code(), f.message(), related, flow);
      }
    }
    return f;
  }

  private static Finding.Related respell(Finding.Related r, Path dir, Path real) {
    return r.file().startsWith(real) ? new Finding.Related(dir.resolve(real.relativize(r.file())), r.line(), r.column(), r.message()) : r;
  }

  /**
   * What the report covers: everything gopls diagnosed when DIR holds the go.mod or go.work (a
   * go.work's modules may lie outside it); only the files under DIR when DIR is inside a module,
   * whose other packages gopls loads too (as {@code go vet ./...} run in DIR would report).
   */
  static Map<String, JsonArray> inScope(Map<String, JsonArray> byUri, Path dir, Path workspaceFile) {
    if (realPath(workspaceFile.getParent()).equals(realPath(dir))) {
      return byUri;
    }
    var real = realPath(dir);
    var out = new TreeMap<String, JsonArray>();
    byUri.forEach((uri, diagnostics) -> {
      var file = Path.of(URI.create(uri));
      if (file.startsWith(dir) || file.startsWith(real)) {
        out.put(uri, diagnostics);
      }
    });
    return out;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }
}
