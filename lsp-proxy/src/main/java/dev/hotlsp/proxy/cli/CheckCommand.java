package dev.hotlsp.proxy.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.gopls.GoplsSupervisor;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxyCore;
import dev.hotlsp.proxy.session.OpenDocument;
import dev.hotlsp.proxy.server.ProxySettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code hotlsp check DIR}: runs the proxy core and gopls on DIR with a headless editor, opens
 * every Go file, waits until gopls has finished diagnosing (every file has diagnostics, no
 * progress under way, then a quiet second), and prints {@code path:line:col: severity: message}
 * sorted. Exit 0 clean, 1 errors found, 2 tool failure.
 */
final class CheckCommand {
  private static final Duration QUIET = Duration.ofMillis(1000);

  private final PrintStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;

  CheckCommand(OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock) {
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
  }

  int run(Options options, BiFunction<Options, Path, ProxySettings> settingsFor) {
    var dir = options.directory().orElseThrow().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      err.println("hotlsp: no such directory: " + dir);
      return 2;
    }
    List<Path> files;
    try {
      files = goFiles(dir);
    } catch (IOException e) {
      err.println("hotlsp: cannot list " + dir + ": " + e.getMessage());
      return 2;
    }
    var problem = new StringBuilder();
    try (var editor = new HeadlessEditor();
        var core = ProxyCore.start(settingsFor.apply(options, dir), editor, launcher, log, clock, problem::append)) {
      if (!problem.isEmpty()) {
        err.println(problem);
        return 2;
      }
      editor.connect(core.router()::fromEditor);
      var deadline = clock.instant().plus(options.checkTimeout());
      var init = editor.request("initialize", initializeParams(dir)).get(options.checkTimeout().toSeconds(), TimeUnit.SECONDS);
      if (init.has("error")) {
        err.println("hotlsp: gopls failed to initialize: " + init.getAsJsonObject("error").get("message").getAsString());
        return 2;
      }
      editor.notify("initialized", new JsonObject());
      var uris = new ArrayList<String>();
      for (var file : files) {
        var uri = FileUri.of(file);
        uris.add(uri);
        editor.notify("textDocument/didOpen", new OpenDocument(uri, "go", 1, Files.readString(file)).toDidOpenParams());
      }
      if (!awaitSettled(editor, core, uris, deadline)) {
        err.println("hotlsp: gopls did not finish diagnosing " + dir + " within " + options.checkTimeout().toSeconds() + " s");
        return 2;
      }
      var report = DiagnosticReport.of(dir, core.diagnostics().snapshot());
      report.lines().forEach(out::println);
      editor.request("shutdown", null).get(10, TimeUnit.SECONDS);
      editor.notify("exit", null);
      return report.errors() > 0 ? 1 : 0;
    } catch (IOException | ExecutionException | TimeoutException e) {
      err.println("hotlsp: check failed: " + e);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private boolean awaitSettled(HeadlessEditor editor, ProxyCore core, List<String> uris, Instant deadline)
      throws InterruptedException {
    var supervisor = core.supervisor();
    while (clock.instant().isBefore(deadline)) {
      var state = supervisor.state();
      if (state != GoplsSupervisor.State.RUNNING && state != GoplsSupervisor.State.RESTARTING) {
        return false;
      }
      boolean quiet = Duration.between(core.router().diagnostics().lastFromGopls(), clock.instant()).compareTo(QUIET) >= 0;
      if (quiet && !core.router().progress().busy() && uris.stream().allMatch(editor::hasDiagnostics)) {
        return true;
      }
      Thread.sleep(50); // polls gopls's progress in production code; tests never sleep
    }
    return false;
  }

  private static JsonObject initializeParams(Path dir) {
    var p = new JsonObject();
    p.addProperty("processId", ProcessHandle.current().pid());
    p.addProperty("rootUri", dir.toUri().toString());
    var folder = new JsonObject();
    folder.addProperty("uri", dir.toUri().toString());
    folder.addProperty("name", dir.getFileName() == null ? "/" : dir.getFileName().toString());
    var folders = new JsonArray();
    folders.add(folder);
    p.add("workspaceFolders", folders);
    var caps = new JsonObject();
    var window = new JsonObject();
    window.addProperty("workDoneProgress", true);
    caps.add("window", window);
    var workspace = new JsonObject();
    workspace.addProperty("configuration", true);
    workspace.addProperty("workspaceFolders", true);
    caps.add("workspace", workspace);
    p.add("capabilities", caps);
    var client = new JsonObject();
    client.addProperty("name", "hotlsp check");
    p.add("clientInfo", client);
    return p;
  }

  static List<Path> goFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".go") && Files.isRegularFile(p))
          .filter(p -> !skipped(dir.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path relative) {
    for (var part : relative) {
      var name = part.toString();
      if (name.startsWith(".") || name.startsWith("_") || name.equals("vendor") || name.equals("testdata")
          || name.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

}
