package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting one go build's output by the {@code # importpath} headers go prints per package. */
class BuildOutputTest {
  // go build -o out/ ./cmd/alpha ./cmd/gamma ./cmd/delta, gamma and delta broken (go 1.26).
  private static final String TEXT =
      """
      # example.com/fanout/cmd/gamma
      cmd/gamma/main.go:10:30: cannot use 1 (untyped int constant) as string value in argument to greet.Hello
      # example.com/fanout/internal/names
      internal/names/names.go:6:40: undefined: x
      """;

  @Test
  void aTargetGetsTheSectionsOfItsOwnPackages() {
    var output = BuildOutput.parse("go: warning: something general\n" + TEXT);
    assertEquals(
        "go: warning: something general\n"
            + "# example.com/fanout/cmd/gamma\n"
            + "cmd/gamma/main.go:10:30: cannot use 1 (untyped int constant) as string value in argument to greet.Hello\n",
        output.concerning(Set.of("example.com/fanout/cmd/gamma", "example.com/fanout/internal/greet", "fmt")));
    assertEquals(
        "go: warning: something general\n"
            + "# example.com/fanout/internal/names\n"
            + "internal/names/names.go:6:40: undefined: x\n",
        output.concerning(Set.of("example.com/fanout/cmd/delta", "example.com/fanout/internal/names")));
  }

  @Test
  void everythingWhenNoSectionIsTheTargets() {
    var output = BuildOutput.parse(TEXT);
    assertEquals(TEXT, output.concerning(Set.of("example.com/fanout/cmd/new")));
    assertEquals("go: go.mod: bad\n", BuildOutput.parse("go: go.mod: bad\n").concerning(Set.of("x")));
  }
}
