package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module paths that go's command line reads as patterns ({@code tool}, {@code a...b}): builds and
 * go list name packages by directory, and a package go cannot load at all is logged, with the real
 * go.
 */
class PackagePatternsTest {
  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();
  private final Logger rebuilderLog = Logger.getLogger(Rebuilder.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @AfterEach
  void detach() {
    rebuilderLog.removeHandler(capture);
  }

  private Path module(String path, Map<String, String> mains) throws Exception {
    var root = Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(root.resolve("go.mod"), "module " + path + "\n\ngo 1.22\n");
    for (var dir : mains.keySet()) {
      var file = root.resolve(dir).resolve("main.go");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "package main\n\nfunc main() { println(\"" + mains.get(dir) + "\") }\n");
    }
    return root;
  }

  @Test
  void aModulePathWithAWildcardBuildsOnlyItsOwnPackage() throws Exception {
    var root = module("example.com/a...b", Map.of(".", "root", "c/b", "nested"));
    try (var loop = RebuildLoop.start(RebuildConfig.defaults(GoWorkspace.detect(root, go), Workspaces.cache(tmp)),
        go, listener)) {
      assertEquals(Set.of("example.com/a...b", "example.com/a...b/c/b"), loop.graph().commands());
      loop.build(Set.of(), "initial build");
      for (var target : loop.graph().commands()) {
        var result = listener.result(target, 1);
        assertTrue(result.ok(), () -> target + ": " + result.errors());
      }
    }
  }

  @Test
  void aModuleNamedToolIsLoggedNotSilentlySkipped() throws Exception {
    rebuilderLog.addHandler(capture);
    var root = module("tool", Map.of(".", "root", "cmd/hello", "hello"));
    try (var loop = RebuildLoop.start(RebuildConfig.defaults(GoWorkspace.detect(root, go), Workspaces.cache(tmp)),
        go, listener)) {
      assertTrue(loop.graph().unloadable().get("tool").contains("not an importable package"),
          loop.graph().unloadable()::toString);
      assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING
              && r.getMessage().contains("cannot load package tool")
              && r.getMessage().contains("not an importable package")),
          () -> "logged: " + logged.stream().map(LogRecord::getMessage).toList());
      loop.build(Set.of(), "initial build");
      var hello = listener.result("tool/cmd/hello", 1);
      assertTrue(hello.ok(), () -> hello.errors().toString());
    }
  }
}
