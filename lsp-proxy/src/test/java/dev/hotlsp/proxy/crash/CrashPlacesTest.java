package dev.hotlsp.proxy.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotlsp.bridge.crash.CrashScanner;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.GoModule;
import dev.hotlsp.bridge.graph.GoPackage;
import dev.hotlsp.bridge.graph.ImportGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashPlacesTest {
  private static final String MAIN = """
      package main

      import "example.com/m/lib"

      func main() {
      \tlib.Boom()
      }
      """;
  private static final String LIB = """
      package lib

      func Boom() {
      \tpanic("boom")
      }
      """;

  @Test
  void aMemoryLimitKillIsPlacedOnFuncMainAndNamesTheLimit(@TempDir Path dir) throws Exception {
    var places = places(dir, OptionalLong.of(64L << 20));
    var finding = places.memoryLimit("example.com/m").orElseThrow();
    assertEquals(new Finding(dir.resolve("main.go"), 5, 1, 5, 14, "oom",
        "out of memory: the program was killed at its memory limit of 64 MiB (--memory)", List.of()),
        finding);
    assertEquals(java.util.Optional.empty(), places.memoryLimit("example.com/m/other"));
  }

  @Test
  void crashesArePlacedOnTheFilesOfTheGraphsModulesIncludingOnesAddedSinceItLoaded(@TempDir Path dir) throws Exception {
    var places = places(dir, OptionalLong.empty());
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/lib.go"), LIB); // not in the graph: written after it loaded
    var trace = """
        panic: boom

        goroutine 1 [running]:
        example.com/m/lib.Boom(...)
        \t%1$s/lib/lib.go:4
        main.main()
        \t%1$s/main.go:6 +0x25
        """.formatted(dir);
    var findings = places.map(CrashScanner.scan(trace).crashes());
    assertEquals(1, findings.size(), findings::toString);
    var f = findings.get(0);
    assertEquals(dir.resolve("lib/lib.go"), f.file());
    assertEquals(4, f.line());
    assertEquals(List.of(new Finding.Related(dir.resolve("main.go"), 6, 2, "called from main.main")), f.related());
  }

  private static CrashPlaces places(Path dir, OptionalLong limit) throws Exception {
    Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.22\n");
    Files.writeString(dir.resolve("main.go"), MAIN);
    var module = new GoModule("example.com/m", dir, dir.resolve("go.mod"));
    var graph = new ImportGraph(List.of(new GoPackage("example.com/m", dir, "main", List.of("main.go"), List.of(),
        List.of(), List.of(), List.of("example.com/m/lib"), module, false, "")));
    return new CrashPlaces(dir, () -> graph, limit);
  }
}
