package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
