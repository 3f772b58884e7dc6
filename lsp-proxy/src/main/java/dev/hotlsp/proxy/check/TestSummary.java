package dev.hotlsp.proxy.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code tests} summary of a test run in docs/check-json.md: per package its status, elapsed
 * milliseconds, whether go took it from its cache and its tests' counts (subtests included; a test
 * that timed out counts as failed), and the totals. Pure.
 */
public final class TestSummary {
  private TestSummary() {}

  /** The summary of {@code packages}, directories relative to {@code base}. */
  public static JsonObject json(List<PackageResult> packages, Duration elapsed, Path base) {
    var list = new JsonArray();
    long passed = 0;
    long failed = 0;
    long skipped = 0;
    for (var p : packages) {
      var o = new JsonObject();
      o.addProperty("importPath", p.importPath());
      o.addProperty("dir", p.dir().startsWith(base) ? FindingsReport.rel(base, p.dir()) : p.dir().toString());
      o.addProperty("status", p.status().wireName());
      o.addProperty("elapsedMs", p.elapsed().toMillis());
      o.addProperty("cached", p.cached());
      o.addProperty("passed", passed(p));
      o.addProperty("failed", failedTests(p));
      o.addProperty("skipped", p.count(TestStatus.SKIP));
      list.add(o);
      passed += passed(p);
      failed += failedTests(p);
      skipped += p.count(TestStatus.SKIP);
    }
    var top = new JsonObject();
    top.add("packages", list);
    top.addProperty("passed", passed);
    top.addProperty("failed", failed);
    top.addProperty("skipped", skipped);
    top.addProperty("elapsedMs", elapsed.toMillis());
    return top;
  }

  /** {@code 5 packages (2 failed), 11 tests passed, 3 failed, 1 skipped in 2.4s}. */
  public static String line(List<PackageResult> packages, Duration elapsed) {
    long failedPackages = packages.stream().filter(TestSummary::failed).count();
    long passed = packages.stream().mapToLong(TestSummary::passed).sum();
    long failed = packages.stream().mapToLong(TestSummary::failedTests).sum();
    long skipped = packages.stream().mapToLong(p -> p.count(TestStatus.SKIP)).sum();
    return packages.size() + (packages.size() == 1 ? " package" : " packages")
        + (failedPackages > 0 ? " (" + failedPackages + " failed)" : "") + ", " + passed + " tests passed, " + failed
        + " failed, " + skipped + " skipped in " + String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
  }

  /** Whether the package failed: a failed test, or its test binary did not build. */
  public static boolean failed(PackageResult p) {
    return p.status() == PackageStatus.FAIL || p.status() == PackageStatus.BUILD_FAILED;
  }

  private static long passed(PackageResult p) {
    return p.count(TestStatus.PASS);
  }

  private static long failedTests(PackageResult p) {
    return p.count(TestStatus.FAIL) + p.count(TestStatus.TIMEOUT);
  }
}
