package dev.hotlsp.proxy.it;

import static dev.hotlsp.proxy.harness.Expectations.diagnosticsFor;
import static dev.hotlsp.proxy.harness.Expectations.latestDiagnostics;
import static dev.hotlsp.proxy.harness.Expectations.showMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.FakeEditor;
import dev.hotlsp.proxy.harness.HarnessEnv;
import dev.hotlsp.proxy.harness.InProcessServer;
import dev.hotlsp.proxy.harness.Pos;
import dev.hotlsp.proxy.harness.Sandbox;
import dev.hotlsp.proxy.harness.ServerUnderTest;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash traces of programs HotLSP runs become diagnostics on the user's lines, through the real
 * proxy, gopls, go and runner on test-workspaces/crashers: they join gopls's diagnostics of the same
 * file (never replace them), go when the file is edited, come back with the next crash and go when
 * a run of the target ends cleanly; a deadlock gives one per blocked goroutine, a {@code -race}
 * report one at each access.
 */
class CrashDiagnosticsTest {
  private static final EditorConfig CONFIG = EditorConfig.defaults().withWatchedFilesRegistration(false);
  private static final String TARGET = "example.com/crashers";
  private static final String STORE = "internal/store/store.go";
  private static final String WORK = "internal/work/work.go";
  /** A go vet finding gopls reports (and go build does not mind), appended to store.go. */
  private static final String SELF_ASSIGNMENT = """

      // Touch assigns n to itself: go vet's assign check, a gopls diagnostic that leaves the build alone.
      func Touch(n int) int {
      \tn = n
      \treturn n
      }
      """;

  @Test
  void aPanicShowsOnItsLineWithTheChainBesideGoplssDiagnosticUntilTheFileChangesOrACleanRun(@TempDir Path tmp)
      throws Exception {
    var sandbox = Sandbox.copyOf("crashers", tmp);
    sandbox.write(STORE, sandbox.read(STORE) + SELF_ASSIGNMENT);
    try (var editor = start(Servers.proxyInProcess(List.of()), sandbox)) {
      var store = editor.open(STORE);
      editor.await(diagnosticsFor(store, "hold gopls's self-assignment", CrashDiagnosticsTest::hasGoplsFinding));

      Runs.run(editor, TARGET, "nil-map");
      var view = editor.await(diagnosticsFor(store, "hold the panic and gopls's finding",
          ds -> hasGoplsFinding(ds) && crashes(ds).size() == 1));
      var panic = crashes(latestDiagnostics(view, store).orElseThrow()).get(0);
      assertEquals("panic: assignment to entry in nil map", panic.get("message").getAsString());
      assertEquals("panic", panic.get("code").getAsString());
      assertEquals(1, panic.get("severity").getAsInt());
      assertEquals(new Pos(12, 1), Pos.fromJson(panic.getAsJsonObject("range").getAsJsonObject("start")),
          "store.go:13 `table[k] = v`, from its first non-blank character");
      assertEquals(new Pos(12, 13), Pos.fromJson(panic.getAsJsonObject("range").getAsJsonObject("end")));
      var related = panic.getAsJsonArray("relatedInformation");
      assertEquals(1, related.size(), related::toString);
      var caller = related.get(0).getAsJsonObject();
      assertEquals(sandbox.uri("main.go"), caller.getAsJsonObject("location").get("uri").getAsString());
      assertEquals(30, caller.getAsJsonObject("location").getAsJsonObject("range").getAsJsonObject("start")
          .get("line").getAsInt(), "main.go:31 store.Put");
      assertEquals("called from main.main", caller.get("message").getAsString());
      // it keeps crashing: HotLSP holds it after three quick crashes, so no later crash is under way
      editor.await(dev.hotlsp.proxy.harness.Expectations.showMessage(2, "3 times in a row"));

      var edit = editor.log().mark();
      var end = Pos.of(editor.text(STORE), "\treturn n\n}\n").plus(2, 0);
      editor.edit(STORE, end, end, "// edited\n");
      editor.await(diagnosticsFor(store, "hold gopls's finding and no crash",
          ds -> hasGoplsFinding(ds) && crashes(ds).isEmpty()).since(edit));

      var again = editor.log().mark();
      Runs.run(editor, TARGET, "nil-map");
      editor.await(diagnosticsFor(store, "hold the panic again", ds -> hasGoplsFinding(ds) && crashes(ds).size() == 1)
          .since(again));
      editor.await(showMessages(2, "3 times in a row", 2));

      var watched = editor.log().mark(); // an editor that watches files reports a change on disk
      editor.notify("workspace/didChangeWatchedFiles", com.google.gson.JsonParser.parseString(
          "{\"changes\": [{\"uri\": \"" + store + "\", \"type\": 2}]}"));
      editor.await(diagnosticsFor(store, "hold gopls's finding and no crash",
          ds -> hasGoplsFinding(ds) && crashes(ds).isEmpty()).since(watched));

      var third = editor.log().mark();
      Runs.run(editor, TARGET, "nil-map");
      editor.await(diagnosticsFor(store, "hold the panic again", ds -> hasGoplsFinding(ds) && crashes(ds).size() == 1)
          .since(third));

      var clean = Runs.run(editor, TARGET, "race"); // without -race this mode exits 0
      var cleared = editor.await(dev.hotlsp.proxy.harness.Expectation.allOf(
          Runs.endedRun(clean.get("runId").getAsString()),
          diagnosticsFor(store, "hold gopls's finding and no crash", ds -> hasGoplsFinding(ds) && crashes(ds).isEmpty())));
      assertEquals("exited", Runs.endOf(cleared, clean.get("runId").getAsString()).get("reason").getAsString());
    }
  }

  @Test
  void aDeadlockGivesOneDiagnosticPerBlockedGoroutine(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("crashers", tmp);
    try (var editor = start(Servers.proxyInProcess(List.of()), sandbox)) {
      var work = sandbox.uri(WORK);
      Runs.run(editor, TARGET, "deadlock");
      var view = editor.await(diagnosticsFor(work, "hold two deadlock findings", ds -> crashes(ds).size() == 2));
      var found = crashes(latestDiagnostics(view, work).orElseThrow());
      var main = found.stream().filter(d -> d.get("message").getAsString()
          .equals("deadlock: goroutine 1 blocked: chan receive")).findFirst().orElseThrow(() -> new AssertionError(found.toString()));
      assertEquals(35, line(main), "work.go:36 <-ch");
      assertEquals("fatal", main.get("code").getAsString());
      var other = found.stream().filter(d -> d != main).findFirst().orElseThrow();
      assertTrue(other.get("message").getAsString().endsWith("blocked: sync.Mutex.Lock"), other::toString);
      assertEquals(32, line(other), "work.go:33 mu.Lock() in the goroutine");
      var created = other.getAsJsonArray("relatedInformation").get(0).getAsJsonObject();
      assertTrue(created.get("message").getAsString().endsWith("created by work.Deadlock"), created::toString);
      assertEquals(31, created.getAsJsonObject("location").getAsJsonObject("range").getAsJsonObject("start")
          .get("line").getAsInt());

      // a change on disk (HotLSP's watcher): the file's crash diagnostics go at once; the rebuilt
      // program deadlocks one line lower, and those replace them
      var disk = editor.log().mark();
      sandbox.write(WORK, "// moved one line down\n" + sandbox.read(WORK));
      var moved = editor.await(dev.hotlsp.proxy.harness.Expectation.allOf(
          dev.hotlsp.proxy.harness.Expectation.of("a publication for work.go without crash diagnostics",
              v -> v.notifications("textDocument/publishDiagnostics").map(m -> m.params())
                  .filter(p -> p.get("uri").getAsString().equals(work))
                  .anyMatch(p -> crashes(list(p)).isEmpty())),
          diagnosticsFor(work, "hold the deadlock one line lower",
              ds -> crashes(ds).stream().map(CrashDiagnosticsTest::line).sorted().toList().equals(List.of(33, 36))))
          .since(disk));
      assertTrue(moved.notifications("textDocument/publishDiagnostics").map(m -> m.params())
          .filter(p -> p.get("uri").getAsString().equals(work)).map(p -> crashes(list(p)))
          .noneMatch(ds -> ds.size() > 2), "the new findings replace the old ones");
    }
  }

  private static List<JsonObject> list(JsonObject params) {
    var out = new java.util.ArrayList<JsonObject>();
    params.getAsJsonArray("diagnostics").forEach(d -> out.add(d.getAsJsonObject()));
    return out;
  }

  @Test
  void aRaceReportGivesADiagnosticAtEachAccessRelatedToTheOther(@TempDir Path tmp) throws Exception {
    var env = new HashMap<>(HarnessEnv.childEnvironment());
    env.put("GOFLAGS", "-race"); // go build has no flag option in HotLSP: go reads GOFLAGS from the environment
    var server = new InProcessServer("proxy-in-process-race",
        List.of("serve", "--gopls", HarnessEnv.gopls().toString()), env);
    var sandbox = Sandbox.copyOf("crashers", tmp);
    try (var editor = start(server, sandbox)) {
      var work = sandbox.uri(WORK);
      var started = Runs.run(editor, TARGET, "race");
      var view = editor.await(diagnosticsFor(work, "hold both accesses of the race", ds -> crashes(ds).size() == 2));
      var found = crashes(latestDiagnostics(view, work).orElseThrow());
      var write = found.stream().filter(d -> line(d) == 56).findFirst().orElseThrow(() -> new AssertionError(found.toString()));
      var read = found.stream().filter(d -> line(d) == 59).findFirst().orElseThrow(() -> new AssertionError(found.toString()));
      assertEquals("race", write.get("code").getAsString());
      // which access the detector saw first varies from run to run: "write …" then "previous read …", or the reverse
      assertTrue(write.get("message").getAsString().matches("data race: (previous )?write by goroutine \\d+"),
          write::toString);
      assertTrue(read.get("message").getAsString().matches("data race: (previous )?read by main goroutine"),
          read::toString);
      assertEquals(59, relatedLine(write, 0), "the write is related to the read");
      assertEquals(56, relatedLine(read, 0), "the read is related to the write");
      var ended = editor.await(Runs.endedRun(started.get("runId").getAsString()));
      assertEquals(66, Runs.endOf(ended, started.get("runId").getAsString()).get("exitCode").getAsInt());
    }
  }

  @Test
  void aProgramEndedByTheMemoryLimitShowsWhere(@TempDir Path tmp) throws Exception {
    var sandbox = Sandbox.copyOf("runners", tmp);
    try (var editor = start(Servers.proxyInProcess(List.of("--memory", "64MiB")), sandbox)) {
      var hog = sandbox.uri("cmd/hog/main.go");
      var runId = Runs.run(editor, "./cmd/hog").get("runId").getAsString();
      var view = editor.await(dev.hotlsp.proxy.harness.Expectation.allOf(Runs.endedRun(runId),
          diagnosticsFor(hog, "hold an oom finding", ds -> crashes(ds).size() == 1)));
      assertEquals("memory-limit", Runs.endOf(view, runId).get("reason").getAsString());
      var oom = crashes(latestDiagnostics(view, hog).orElseThrow()).get(0);
      assertEquals("oom", oom.get("code").getAsString());
      if (Runs.output(runId, "fatal error: ").verdict(view)
          == dev.hotlsp.proxy.harness.Verdict.MET) {
        // no writable cgroup here: RLIMIT_DATA made Go print its own trace, placed on the allocation
        assertEquals(8, line(oom), oom::toString);
      } else {
        // the cgroup killed it without a word: the finding is on func main and names the limit
        assertEquals(5, line(oom), oom::toString);
        assertTrue(oom.get("message").getAsString().contains("memory limit of 64 MiB"), oom::toString);
      }
    }
  }

  private static FakeEditor start(ServerUnderTest server, Sandbox sandbox) throws IOException, InterruptedException {
    Sessions.assumeAvailable(server);
    return FakeEditor.start(server, sandbox, CONFIG);
  }

  private static List<JsonObject> crashes(List<JsonObject> diagnostics) {
    return diagnostics.stream().filter(d -> d.has("source") && d.get("source").getAsString().equals("hotlsp")).toList();
  }

  private static boolean hasGoplsFinding(List<JsonObject> diagnostics) {
    Predicate<JsonObject> selfAssignment = d -> d.get("message").getAsString().contains("self-assignment of n");
    return diagnostics.stream().anyMatch(selfAssignment);
  }

  private static int line(JsonObject diagnostic) {
    return diagnostic.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
  }

  private static int relatedLine(JsonObject diagnostic, int i) {
    return diagnostic.getAsJsonArray("relatedInformation").get(i).getAsJsonObject().getAsJsonObject("location")
        .getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
  }
}
