package dev.hotlsp.bridge.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportBlockTest {
  @Test
  void readsGroupedNamedDotAndBlankImportsPastComments() {
    var src =
        """
        // Copyright notice.
        /* block
           comment */
        //go:build linux

        // Package x does things.
        package x // trailing

        import "fmt"
        import (
        \t"os" // why
        \tstr "strings"
        \t. "math"
        \t_ "embed"
        \t/* odd */ `net/http`
        )
        import "C"

        func F() { _ = "import \\"not/this\\"" }
        """;
    assertEquals(
        Optional.of(
            new ImportBlock(
                "x", List.of("fmt", "os", "strings", "math", "embed", "net/http", "C"))),
        ImportBlock.parse(src));
  }

  @Test
  void aFileWithoutImportsHasAnEmptyBlock() {
    assertEquals(
        Optional.of(new ImportBlock("main", List.of())),
        ImportBlock.parse("package main\n\nfunc main() {}\n"));
  }

  @Test
  void anUnparsableHeaderIsEmpty() {
    assertTrue(ImportBlock.parse("packag main\n").isEmpty());
    assertTrue(ImportBlock.parse("package main\nimport (\n\t\"fmt\"\n").isEmpty());
    assertTrue(ImportBlock.parse("package main\nimport fmt\n").isEmpty());
  }
}
