package dev.hotlsp.proxy.tests;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestCase;
import dev.hotlsp.bridge.gotest.TestDeclarations;
import dev.hotlsp.bridge.gotest.TestStatus;
import dev.hotlsp.proxy.diagnostics.FileUri;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON of HotLSP's test protocol (docs/lsp-extensions.md): a package's results, the {@code
 * hotlsp/testResults} notification, {@code hotlsp.test}'s answer and {@code hotlsp.listTests}'
 * answer. Lines are LSP's, 0-based. Pure.
 */
final class TestMessages {
  private TestMessages() {}

  /** {@code {importPath, dir, status, elapsedMs, cached, tests, output?}}; output for a package that did not build. */
  static JsonObject packageResult(PackageResult p) {
    var o = new JsonObject();
    o.addProperty("importPath", p.importPath());
    o.addProperty("dir", FileUri.of(p.dir()));
    o.addProperty("status", p.status().wireName());
    o.addProperty("elapsedMs", p.elapsed().toMillis());
    o.addProperty("cached", p.cached());
    var tests = new JsonArray();
    for (var t : p.tests()) {
      tests.add(test(t, p.findings()));
    }
    o.add("tests", tests);
    if (p.status() == PackageStatus.BUILD_FAILED) {
      o.addProperty("output", p.output());
    }
    return o;
  }

  /**
   * {@code {name, status, elapsedMs, uri?, line?, output?, failures?}}; output and failures only for a
   * failure or a timeout: failures are the package's findings of this test (their messages start
   * with its name), each {@code {uri, line, character, code, message}}, 0-based — the lines the
   * test failed on, where {@code line} is its declaration.
   */
  static JsonObject test(TestCase t, List<Finding> findings) {
    var o = new JsonObject();
    o.addProperty("name", t.name());
    o.addProperty("status", t.status().wireName());
    o.addProperty("elapsedMs", t.elapsed().toMillis());
    if (t.file() != null) {
      o.addProperty("uri", FileUri.of(t.file()));
      o.addProperty("line", t.line() - 1);
    }
    if (t.status() == TestStatus.FAIL || t.status() == TestStatus.TIMEOUT) {
      o.addProperty("output", t.output());
      var failures = new JsonArray();
      findings.stream().filter(f -> f.message().startsWith(t.name() + ": ")).forEach(f -> {
        var failure = new JsonObject();
        failure.addProperty("uri", FileUri.of(f.file()));
        failure.addProperty("line", f.line() - 1);
        failure.addProperty("character", f.column() - 1);
        failure.addProperty("code", f.code());
        failure.addProperty("message", f.message());
        failures.add(failure);
      });
      if (!failures.isEmpty()) {
        o.add("failures", failures);
      }
    }
    return o;
  }

  static JsonArray packages(List<PackageResult> results) {
    var out = new JsonArray();
    results.forEach(p -> out.add(packageResult(p)));
    return out;
  }

  /** {@code hotlsp/testResults}' params. */
  static JsonObject results(Path folder, long runId, String trigger, boolean done, boolean stopped,
      List<PackageResult> packages) {
    var o = new JsonObject();
    o.addProperty("folder", FileUri.of(folder));
    o.addProperty("runId", runId);
    o.addProperty("trigger", trigger);
    o.addProperty("done", done);
    if (done) {
      o.addProperty("stopped", stopped);
    }
    o.add("packages", packages(packages));
    return o;
  }

  /** {@code hotlsp.test}'s answer; {@code error} (go's own failure, not a test's) when not empty. */
  static JsonObject answer(long runId, boolean stopped, List<PackageResult> packages, String error) {
    var o = new JsonObject();
    o.addProperty("runId", runId);
    o.addProperty("stopped", stopped);
    o.add("packages", packages(packages));
    if (!error.isEmpty()) {
      o.addProperty("error", error);
    }
    return o;
  }

  /** One package of {@code hotlsp.listTests}' answer. */
  static JsonObject listed(String importPath, Path dir, List<TestDeclarations.Declaration> declarations) {
    var o = new JsonObject();
    o.addProperty("importPath", importPath);
    o.addProperty("dir", FileUri.of(dir));
    var tests = new JsonArray();
    for (var d : declarations) {
      var t = new JsonObject();
      t.addProperty("name", d.name());
      t.addProperty("kind", d.kind().wireName());
      t.addProperty("uri", FileUri.of(d.file()));
      t.addProperty("line", d.line() - 1);
      tests.add(t);
    }
    o.add("tests", tests);
    return o;
  }
}
