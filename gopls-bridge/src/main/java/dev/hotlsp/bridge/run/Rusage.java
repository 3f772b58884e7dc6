package dev.hotlsp.bridge.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak RSS of a run from GNU time's {@code -f "%U %S %M"} output (wait4's rusage). */
record Rusage(long cpuMs, long peakKiB) {
  static final Rusage UNKNOWN = new Rusage(-1, -1);

  /** Reads the file GNU time wrote; its last line holds the figures (a first line may say how the command ended). */
  static Rusage read(Path file) {
    try {
      var lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0; i--) {
        var parts = lines.get(i).strip().split(" ");
        if (parts.length == 3) {
          try {
            double user = Double.parseDouble(parts[0]);
            double sys = Double.parseDouble(parts[1]);
            return new Rusage(Math.round((user + sys) * 1000), Long.parseLong(parts[2]));
          } catch (NumberFormatException e) {
            // not the figures line
          }
        }
      }
    } catch (IOException e) {
      // time did not write it (killed with the run)
    }
    return UNKNOWN;
  }
}
