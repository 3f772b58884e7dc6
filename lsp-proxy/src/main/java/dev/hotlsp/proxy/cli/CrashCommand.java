package dev.hotlsp.proxy.cli;

import dev.hotlsp.bridge.crash.Crash;
import dev.hotlsp.bridge.crash.CrashMapper;
import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.FileSourceLines;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.crash.FrameLocator;
import dev.hotlsp.bridge.crash.WorkspaceIndex;
import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.bridge.toolchain.GoToolchain;
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
 * lifts the crash traces out of it and prints them as findings on DIR's files (docs/check-json.md).
 * Exit 0 no crash, 1 a crash found, 2 failure (unreadable input, DIR not a Go workspace).
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
      err.println("hotlsp: no such directory: " + dir);
      return 2;
    }
    var go = GoToolchain.findGo(env);
    if (go.isEmpty()) {
      err.println("hotlsp: go is not on PATH; it is needed to read the workspace " + dir);
      return 2;
    }
    WorkspaceIndex index;
    Path base;
    try {
      var workspace = GoWorkspace.detect(dir, new GoToolchain(go.get(), env, launcher));
      index = WorkspaceIndex.scan(workspace);
      base = dir.toRealPath();
    } catch (IOException e) {
      err.println("hotlsp: " + dir + " is not a Go workspace: " + String.valueOf(e.getMessage()).replace('\n', ' '));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    var mapper = new CrashMapper(new FrameLocator(index), new FileSourceLines());
    var findings = new ArrayList<Finding>();
    int[] crashes = {0};
    Consumer<Crash> place = crash -> { // each crash placed as it is read: only findings are kept
      crashes[0]++;
      var placed = mapper.map(crash);
      if (placed.isEmpty()) {
        err.println("hotlsp: no frame of this crash is in " + dir + ": " + crash.message().replace("\n", "\\n"));
      }
      findings.addAll(placed);
    };
    try {
      read(options, place);
    } catch (IOException e) {
      err.println("hotlsp: cannot read " + options.input().map(Path::toString).orElse("standard input") + ": "
          + e.getMessage());
      return 2;
    }
    out.print(options.format().equals("json") ? FindingsReport.json(findings, base) : FindingsReport.text(findings, base));
    out.flush();
    return crashes[0] == 0 ? 0 : 1;
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
