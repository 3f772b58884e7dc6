package dev.hotlsp.bridge.crash;

import java.util.ArrayList;

/** The tests' way to feed a scanner: {@code input} in chunks of {@code size}, every passthrough and crash collected. */
final class ChunkedScan {
  private ChunkedScan() {}

  static ScanOutput of(String input, int size, ScanBudget budget) {
    var scanner = new CrashScanner(budget);
    var text = new StringBuilder();
    var crashes = new ArrayList<Crash>();
    for (int i = 0; i < input.length(); i += size) {
      var out = scanner.feed(input.substring(i, Math.min(input.length(), i + size)));
      text.append(out.passthrough());
      crashes.addAll(out.crashes());
    }
    var last = scanner.finish();
    text.append(last.passthrough());
    crashes.addAll(last.crashes());
    return new ScanOutput(text.toString(), crashes);
  }
}
