package dev.hotlsp.bridge.bench;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.LocalProcessLauncher;
import dev.hotlsp.bridge.run.Isolation;
import dev.hotlsp.bridge.run.RunListener;
import dev.hotlsp.bridge.run.RunSpec;
import dev.hotlsp.bridge.run.Runner;
import dev.hotlsp.bridge.run.SandboxProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures the sandbox's start overhead (bench/sandbox/run.sh runs it): for the same binary
 * (test-workspaces/runners' hello), the wall time from asking for a start to having its end, for a
 * plain exec (ProcessBuilder, both pipes read), the launcher's exec (setpriv + setsid), and a
 * {@link Runner} run at each level this machine offers (cgroup made, limits set, the sandbox, the
 * program, counters read, cgroup removed). The configurations are interleaved, one run each per
 * round. Not a test: prints a Markdown table to stdout.
 *
 * <p>Arguments: {@code --binary HELLO [--runs N] [--warmup N]}.
 */
public final class SandboxBench {
  public static void main(String[] argv) throws Exception {
    Path binary = null;
    int runs = 30;
    int warmup = 3;
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--binary" -> binary = Path.of(argv[++i]).toRealPath();
        case "--runs" -> runs = Integer.parseInt(argv[++i]);
        case "--warmup" -> warmup = Integer.parseInt(argv[++i]);
        default -> throw new IllegalArgumentException("usage: SandboxBench --binary HELLO [--runs N] [--warmup N]");
      }
    }
    var base = Files.createTempDirectory("hotlsp-sandbox-bench");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    var env = Map.of("PATH", "/usr/bin:/bin");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(base)));
    try (var launcher = new LocalProcessLauncher(base)) {
      var probe = SandboxProbe.probe(launcher);
      try (var runner = new Runner(launcher, probe, base.resolve("runs"), Clock.systemUTC(), env)) {
        var configs = new LinkedHashMap<String, Callable<Integer>>();
        final Path hello = binary;
        configs.put("plain exec (ProcessBuilder)", () -> {
          var p = new ProcessBuilder(hello.toString()).directory(base.toFile()).start();
          p.getOutputStream().close();
          ChildProcess.readAll(p.getInputStream());
          ChildProcess.readAll(p.getErrorStream());
          return p.waitFor();
        });
        configs.put("launcher exec (setpriv --pdeathsig, setsid)", () -> {
          var c = launcher.start(new CommandSpec(List.of(hello.toString()), env, base));
          c.stdin().close();
          ChildProcess.readAll(c.stdout());
          ChildProcess.readAll(c.stderr());
          return c.onExit().get();
        });
        if (Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
          // bubblewrap's own cost, for comparison: namespaces (the network one is the dearest) and mounts
          for (var net : List.of("--unshare-net", "--share-net")) {
            var line = new ArrayList<>(List.of("/usr/bin/bwrap", "--unshare-all", net, "--die-with-parent", "--new-session",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", hello.toString()));
            line.remove("--unshare-net");
            configs.put("bare `bwrap --unshare-all" + (net.equals("--share-net") ? " --share-net" : "") + "` (ProcessBuilder)", () -> {
              var p = new ProcessBuilder(line).directory(base.toFile()).start();
              p.getOutputStream().close();
              ChildProcess.readAll(p.getInputStream());
              ChildProcess.readAll(p.getErrorStream());
              return p.waitFor();
            });
          }
        }
        for (var level : List.of(Isolation.LOCAL, Isolation.ISOLATED, Isolation.GVISOR)) {
          if (probe.protections(level).stream().anyMatch(p -> p.name().equals("gvisor") && !p.active())) {
            System.err.println("[bench] skipping gvisor: runsc is not installed");
            continue;
          }
          configs.put("Runner --isolation " + level.wireName(), () -> {
            var spec = RunSpec.of("hello", hello, List.of(), base, level);
            return runner.start(spec, RunListener.none()).result().get().exitCode();
          });
        }
        var times = new LinkedHashMap<String, List<Double>>();
        configs.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int round = 0; round < warmup + runs; round++) {
          for (var entry : configs.entrySet()) {
            long t0 = System.nanoTime();
            int code = entry.getValue().call();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (code != 0) {
              throw new IllegalStateException(entry.getKey() + " exited " + code);
            }
            if (round >= warmup) {
              times.get(entry.getKey()).add(ms);
            }
          }
        }
        double plain = median(times.values().iterator().next());
        System.out.printf(Locale.ROOT, "| start → end of `hello` (%d runs, interleaved) | median ms | p10 ms | p90 ms | overhead vs plain exec (median) |%n", runs);
        System.out.println("|---|---:|---:|---:|---:|");
        for (var entry : times.entrySet()) {
          var sorted = new ArrayList<>(entry.getValue());
          Collections.sort(sorted);
          double median = median(sorted);
          System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %+.1f |%n", entry.getKey(), median,
              sorted.get(sorted.size() / 10), sorted.get(sorted.size() * 9 / 10), median - plain);
        }
      }
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (java.io.IOException e) {
      System.err.println("[bench] cannot remove " + dir + ": " + e);
    }
  }

  private static double median(List<Double> values) {
    var sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
