package dev.hotlsp.bridge.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three mapping rules and what is not a user frame, on an index written in the test. */
class FrameLocatorTest {
  private static final Path W = Path.of("/w");
  private static final WorkspaceIndex INDEX = new WorkspaceIndex(W,
      Set.of(W.resolve("main.go"), W.resolve("internal/x/x.go"), W.resolve("a/util/u.go"),
          W.resolve("b/util/u.go"), W.resolve("lib/panic.go"), W.resolve("tools/cmd/main.go")),
      Map.of("example.com/app", W, "example.com/app/tools", W.resolve("tools")));

  private final FrameLocator locator = new FrameLocator(INDEX);

  @Test
  void anAbsolutePathOfAWorkspaceFileMapsToIt() {
    assertEquals(Optional.of(W.resolve("internal/x/x.go")), locator.locate("/w/internal/x/x.go"));
  }

  @Test
  void aTrimpathFileMapsThroughItsModuleThenTheLongestModulePathWins() {
    assertEquals(Optional.of(W.resolve("internal/x/x.go")), locator.locate("example.com/app/internal/x/x.go"));
    assertEquals(Optional.of(W.resolve("tools/cmd/main.go")), locator.locate("example.com/app/tools/cmd/main.go"));
  }

  @Test
  void aFileFromAnotherMachineMapsByItsLongestUniqueSuffix() {
    assertEquals(Optional.of(W.resolve("internal/x/x.go")), locator.locate("/build/src/app/internal/x/x.go"));
    assertEquals(Optional.of(W.resolve("a/util/u.go")), locator.locate("/build/a/util/u.go"));
    assertEquals(Optional.of(W.resolve("tools/cmd/main.go")), locator.locate("/build/cmd/main.go"));
  }

  @Test
  void anAmbiguousSuffixMapsNowhere() {
    assertEquals(Optional.empty(), locator.locate("/build/src/util/u.go"));
    assertEquals(Optional.empty(), locator.locate("/build/src/main.go"));
    assertEquals(Optional.empty(), locator.locate("/build/src/nothing.go"));
  }

  @Test
  void userFunctionsAreMainAndTheWorkspaceModulesOnly() {
    assertTrue(locator.userFunction("main.main.func1"));
    assertTrue(locator.userFunction("example.com/app/internal/x.(*T).M"));
    assertTrue(locator.userFunction("example.com/app.F"));
    assertFalse(locator.userFunction("example.com/application/x.F"));
    assertFalse(locator.userFunction("runtime.gopark"));
    assertFalse(locator.userFunction("github.com/dep/lib.Panic"));
  }

  @Test
  void goRootAndModuleCacheFramesAreNotPlacedEvenWhenTheirFileNameIsUnique() {
    var crash = new Crash(CrashKind.PANIC, "panic: boom", List.of(),
        List.of(new Goroutine(1, "running", 0, false, List.of(
            new StackFrame("github.com/dep/lib.Panic", "", "/root/go/pkg/mod/github.com/dep/lib@v1.0.0/panic.go", 3, 1),
            new StackFrame("runtime.gopanic", "", "/opt/go/src/runtime/panic.go", 860, 1),
            new StackFrame("main.main", "", "/elsewhere/main.go", 2, 1)), Optional.empty(), OptionalLong.empty(), 0, false)),
        OptionalLong.of(1), List.of(), Optional.empty(), Optional.empty(), false);
    // columns count UTF-16 units: the tab is column 1, the emoji takes two, the end is exclusive
    SourceLines lines = (file, line) -> Optional.of("\tcall(\"é😀\")  ");

    var findings = new CrashMapper(new FrameLocator(new WorkspaceIndex(W, Set.of(W.resolve("lib/panic.go"),
        W.resolve("main.go")), Map.of("example.com/app", W))), lines).map(crash);

    assertEquals(List.of(new Finding(W.resolve("main.go"), 2, 2, 2, 13, "panic", "panic: boom", List.of())), findings);
  }
}
