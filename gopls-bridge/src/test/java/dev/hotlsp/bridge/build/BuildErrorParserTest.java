package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs are go 1.26 output copied from real builds of test-workspaces/multi. */
class BuildErrorParserTest {
  private static final Path WS = Path.of("/w/multi");
  private static final Path GO_MOD = WS.resolve("go.mod");

  @Test
  void compilerErrorsWithRelativePathsResolveAgainstTheWorkingDirectory() {
    var stderr =
        """
        # example.com/multi/internal/store
        internal/store/store.go:10:33: syntax error: unexpected name New, expected (
        ../other/x.go:3:1: undefined: y
        """;
    assertEquals(
        List.of(
            new BuildError(
                WS.resolve("internal/store/store.go"),
                10,
                33,
                "syntax error: unexpected name New, expected ("),
            new BuildError(Path.of("/w/other/x.go"), 3, 1, "undefined: y")),
        BuildErrorParser.parse(stderr, WS, GO_MOD));
  }

  @Test
  void continuationLinesJoinTheirError() {
    var stderr =
        """
        internal/store/store.go:4:20: no required module provides package github.com/nope/nope; to add it:
        \tgo get github.com/nope/nope
        """;
    assertEquals(
        List.of(
            new BuildError(
                WS.resolve("internal/store/store.go"),
                4,
                20,
                "no required module provides package github.com/nope/nope; to add it:\n"
                    + "go get github.com/nope/nope")),
        BuildErrorParser.parse(stderr, WS, GO_MOD));
  }

  @Test
  void aLinkErrorIsPlacedOnTheLinknameLineNamingItsSymbolElseOnFuncMain(@TempDir Path tmp) throws Exception {
    var cmd = Files.createDirectories(tmp.resolve("cmd/linkerr"));
    Files.writeString(cmd.resolve("a.go"), "package main\n\nimport _ \"unsafe\"\n\n"
        + "//go:linkname present example.com/m/other.present\nfunc present() int\n\n"
        + "//go:linkname missing example.com/m/nowhere.missing\nfunc missing() int\n");
    Files.writeString(cmd.resolve("main.go"), "package main\n\nfunc main() {\n\tprintln(missing())\n}\n");
    Files.writeString(cmd.resolve("main_test.go"), "package main\n\nfunc main() {}\n");
    var stderr =
        """
        # example.com/m/cmd/linkerr
        main.main: relocation target example.com/m/nowhere.missing not defined
        main.main: relocation target example.com/m/gone.other not defined
        # example.com/m/cmd/unknown
        main.main: relocation target example.com/m/x.y not defined
        """;
    Function<String, Optional<Path>> dirs =
        p -> p.equals("example.com/m/cmd/linkerr") ? Optional.of(cmd) : Optional.empty();
    assertEquals(
        List.of(
            new BuildError(cmd.resolve("a.go"), 8, 1,
                "main.main: relocation target example.com/m/nowhere.missing not defined"),
            new BuildError(cmd.resolve("main.go"), 3, 1,
                "main.main: relocation target example.com/m/gone.other not defined"),
            new BuildError(GO_MOD, 1, 1, "main.main: relocation target example.com/m/x.y not defined")),
        BuildErrorParser.parse(stderr, WS, GO_MOD, dirs));
  }

  /** go 1.26 with gcc 14: an external link of a cgo program whose C function is declared but defined nowhere. */
  @Test
  void anExternalLinkersUndefinedReferenceIsOneErrorOnTheImportCLineOfTheFileNamingIt(@TempDir Path tmp) throws Exception {
    var cmd = Files.createDirectories(tmp.resolve("cmd/c"));
    Files.writeString(cmd.resolve("a.go"), "package main\n\nfunc main() {\n\tprintln(n())\n}\n");
    Files.writeString(cmd.resolve("b.go"), "package main\n\n/*\nint nothere(void);\n*/\nimport \"C\"\n\n"
        + "func n() int { return int(C.nothere()) }\n");
    var stderr =
        """
        # example.com/cgolink/cmd/c
        /usr/local/go/pkg/tool/linux_amd64/link: running gcc failed: exit status 1
        /usr/bin/gcc -m64 -o $WORK/b001/exe/a.out /tmp/go-link-468522281/go.o -O2 -g -lpthread -no-pie
        /usr/bin/ld: /tmp/go-link-468522281/000001.o: in function `_cgo_98da1d135bbe_Cfunc_nothere':
        /tmp/go-build/main.cgo2.c:54: undefined reference to `nothere'
        collect2: error: ld returned 1 exit status
        """;
    var errors = BuildErrorParser.parse(stderr, WS, GO_MOD, p -> Optional.of(cmd));
    assertEquals(1, errors.size(), errors::toString);
    var e = errors.getFirst();
    assertEquals(List.of(cmd.resolve("b.go"), 6, 1), List.of(e.file(), e.line(), e.column()));
    assertTrue(e.message().startsWith("/usr/local/go/pkg/tool/linux_amd64/link: running gcc failed"), e.message());
    assertTrue(e.message().contains("/tmp/go-build/main.cgo2.c:54: undefined reference to `nothere'"), e.message());
    assertTrue(e.message().endsWith("collect2: error: ld returned 1 exit status"), e.message());
  }

  @Test
  void moduleErrorsWithoutAPositionGoToTheGoMod() {
    var stderr =
        """
        go: downloading example.com/x v1.0.0
        go: errors parsing go.mod:
        go.mod:4: unknown directive: foo
        go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)
        too many errors
        """;
    assertEquals(
        List.of(
            new BuildError(GO_MOD, 1, 1, "go: errors parsing go.mod:"),
            new BuildError(GO_MOD, 4, 1, "unknown directive: foo"),
            new BuildError(
                GO_MOD,
                1,
                1,
                "go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)")),
        BuildErrorParser.parse(stderr, WS, GO_MOD));
  }

  @Test
  void linkerFailuresGoToTheGoMod() {
    var stderr = "/usr/local/go/pkg/tool/linux_amd64/link: running gcc failed: exit status 1\n";
    assertEquals(
        List.of(
            new BuildError(
                GO_MOD,
                1,
                1,
                "/usr/local/go/pkg/tool/linux_amd64/link: running gcc failed: exit status 1")),
        BuildErrorParser.parse(stderr, WS, GO_MOD));
  }
}
