package dev.hotlsp.bridge.bench;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashMapper;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FrameLocator;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures parsing and mapping of big {@code GOTRACEBACK=all} dumps (bench/crash/run.sh runs it): for
 * each trace file, the median over runs of the wall and CPU time and the bytes allocated (ThreadMXBean) to feed
 * the whole text to a {@link CrashScanner} in 64 KiB chunks, finish, and map every crash with a fresh
 * {@link FrameLocator} and {@link CrashMapper}; and the first (cold) run. The workspace index is
 * built once, outside. Not a test: prints a Markdown table to stdout.
 *
 * <p>Arguments: {@code --workspace DIR [--runs N] [--warmup N] TRACE...}.
 */
public final class CrashBench {
  private static final int CHUNK = 64 * 1024;

  public static void main(String[] argv) throws Exception {
    Path root = null;
    int runs = 30;
    int warmup = 40;
    var traces = new ArrayList<Path>();
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--workspace" -> root = Path.of(argv[++i]).toRealPath();
        case "--runs" -> runs = Integer.parseInt(argv[++i]);
        case "--warmup" -> warmup = Integer.parseInt(argv[++i]);
        default -> traces.add(Path.of(argv[i]));
      }
    }
    if (root == null || traces.isEmpty()) {
      throw new IllegalArgumentException("usage: CrashBench --workspace DIR [--runs N] [--warmup N] TRACE...");
    }
    var index = WorkspaceIndex.scan(new GoWorkspace(root, List.of(root), false));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().threadId();
    System.out.println("| trace | MiB | lines | goroutines | findings | first run ms (CPU ms) | median ms | min ms | median CPU ms | allocated MiB (median) | median CPU ms per 1k goroutines |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Path trace : traces) {
      String text = Files.readString(trace, StandardCharsets.UTF_8);
      long lines = text.lines().count();
      long f0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      Result last = once(text, index);
      double first = (System.nanoTime() - f0) / 1e6;
      double firstCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      for (int i = 0; i < warmup; i++) {
        last = once(text, index);
      }
      var millis = new ArrayList<Double>();
      var bytes = new ArrayList<Double>();
      var cpu = new ArrayList<Double>();
      for (int i = 0; i < runs; i++) {
        long a0 = threads.getThreadAllocatedBytes(me);
        long u0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        last = once(text, index);
        long t1 = System.nanoTime();
        cpu.add((threads.getCurrentThreadCpuTime() - u0) / 1e6);
        long a1 = threads.getThreadAllocatedBytes(me);
        millis.add((t1 - t0) / 1e6);
        bytes.add((a1 - a0) / 1048576.0);
      }
      int goroutines = last.crashes().stream().mapToInt(c -> c.goroutines().size()).sum();
      double median = median(millis);
      System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %d | %d | %.1f (%.1f) | %.1f | %.1f | %.1f | %.0f | %.2f |%n",
          trace.getFileName(), text.length() / 1048576.0, lines, goroutines, last.findings().size(),
          first, firstCpu, median, millis.stream().mapToDouble(d -> d).min().orElse(0), median(cpu), median(bytes),
          median(cpu) / (goroutines / 1000.0));
    }
  }

  private record Result(List<Crash> crashes, List<Finding> findings) {}

  private static Result once(String text, WorkspaceIndex index) {
    var scanner = new CrashScanner();
    var crashes = new ArrayList<Crash>();
    for (int i = 0; i < text.length(); i += CHUNK) {
      crashes.addAll(scanner.feed(text.subSequence(i, Math.min(text.length(), i + CHUNK))).crashes());
    }
    crashes.addAll(scanner.finish().crashes());
    var mapper = new CrashMapper(new FrameLocator(index), new FileSourceLines());
    var findings = new ArrayList<Finding>();
    crashes.forEach(c -> findings.addAll(mapper.map(c)));
    return new Result(crashes, findings);
  }

  private static double median(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
