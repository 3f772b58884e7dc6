package dev.hotlsp.proxy.cli;

import dev.hotlsp.proxy.check.FindingsReport;
import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.FindingTally;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.proxy.crash.CrashPlaces;
import dev.hotlsp.proxy.log.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code hotlsp crash [--workspace DIR] [--format text|json] [FILE|-]}: reads a Go program's output,
 * lifts the crash traces out of it and prints them as findings on DIR's files (docs/check-json.md):
 * panics, fatal errors and races as errors, recovered panics and hangs (waiting goroutines of a
 * dump) as warnings, a finding repeated in the log once with its count. Exit 0 no crash, 1 a crash
 * or a finding, 2 failure (unreadable input, DIR not a Go workspace).
 */
final class CrashCommand {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final ProcessLauncher launcher;

  CrashCommand(InputStream in, OutputStream out, PrintStream err, Map<String, String> env, ProcessLauncher launcher) {
    this.in = in;
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.env = env;
    this.launcher = launcher;
  }

  int run(CrashOptions options) {
    var dir = options.workspace().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      err.println(TerminalText.escape("hotlsp: no such directory: " + dir));
      return 2;
    }
    var go = GoToolchain.findGo(env);
    if (go.isEmpty()) {
      err.println(TerminalText.escape("hotlsp: go is not on PATH; it is needed to read the workspace " + dir));
      return 2;
    }
    WorkspaceIndex index;
    Path base;
    try {
      var workspace = GoWorkspace.detect(dir, new GoToolchain(go.get(), env, launcher));
      index = WorkspaceIndex.scan(workspace);
      base = dir.toRealPath();
    } catch (IOException e) {
      err.println(TerminalText.escape(
          "hotlsp: " + dir + " is not a Go workspace: " + String.valueOf(e.getMessage()).replace('\n', ' ')));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    var places = CrashPlaces.of(index);
    var findings = new FindingTally();
    boolean[] failed = {false};
    Consumer<Crash> place = crash -> { // each crash placed as it is read: only findings are kept
      var placed = places.mapped(crash);
      if (placed.isEmpty() && !crash.goroutineDump()) {
        err.println(TerminalText.escape("hotlsp: no frame of this crash is in " + dir + ": " + crash.message()));
      }
      findings.add(placed);
      // a goroutine dump with no goroutine of DIR waiting is no crash
      failed[0] |= !placed.isEmpty() || !crash.goroutineDump();
    };
    try {
      read(options, place);
    } catch (IOException e) {
      err.println(TerminalText.escape("hotlsp: cannot read "
          + options.input().map(Path::toString).orElse("standard input") + ": " + e.getMessage()));
      return 2;
    }
    var all = findings.all();
    out.print(options.format().equals("json") ? FindingsReport.json(all, base) : FindingsReport.text(all, base));
    out.flush();
    return failed[0] ? 1 : 0;
  }

  private void read(CrashOptions options, Consumer<Crash> place) throws IOException {
    if (options.input().isEmpty()) {
      scan(in, place); // standard input belongs to the caller: not closed
      return;
    }
    try (var file = Files.newInputStream(options.input().get())) {
      scan(file, place);
    }
  }

  private static void scan(InputStream stream, Consumer<Crash> place) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    Reader reader = new InputStreamReader(stream, decoder);
    var scanner = new CrashScanner();
    var buffer = new char[8192];
    for (int n; (n = reader.read(buffer)) > 0; ) {
      scanner.feed(CharBuffer.wrap(buffer, 0, n)).crashes().forEach(place);
    }
    scanner.finish().crashes().forEach(place);
  }
}
