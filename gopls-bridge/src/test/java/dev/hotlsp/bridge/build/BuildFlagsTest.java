package dev.hotlsp.bridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotlsp.bridge.graph.GoWorkspace;
import dev.hotlsp.bridge.testing.Workspaces;
import dev.hotlsp.bridge.toolchain.GoToolchain;
import dev.hotlsp.bridge.watch.ChangeBatch;
import dev.hotlsp.bridge.watch.FileChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's go build flags reach the builds and the import graph alike, with the real go on a copy
 * of test-workspaces/multi: under {@code -tags=alt} the server imports a package only files with
 * that build tag import, and an edit of it rebuilds the server.
 */
class BuildFlagsTest {
  private static final String SERVER = RebuildLoopTest.SERVER;
  @TempDir Path tmp;
  private final GoToolchain go = Workspaces.go();
  private final RecordingBuildListener listener = new RecordingBuildListener();

  @Test
  void aPackageOnlyATaggedFileImportsIsInTheGraphAndItsEditRebuilds() throws Exception {
    var root = Workspaces.copy("multi", tmp);
    var extra = Files.createDirectories(root.resolve("internal/extra")).resolve("extra.go");
    Files.writeString(extra, "package extra\n\nfunc Word() string { return \"tagged\" }\n");
    Files.writeString(root.resolve("cmd/server/alt.go"), """
        //go:build alt

        package main

        import (
        \t"fmt"

        \t"example.com/multi/internal/extra"
        )

        func init() { fmt.Println(extra.Word()) }
        """);
    var config = RebuildConfig.defaults(GoWorkspace.detect(root, go), Workspaces.cache(tmp))
        .withTargets(List.of(SERVER)).withStaleReasons(false).withBuildFlags(List.of("-tags=alt"));
    assertEquals(List.of("-buildvcs=false", "-tags=alt"), config.buildFlags());
    try (var loop = RebuildLoop.start(config, go, listener)) {
      loop.build(Set.of(SERVER), "initial build");
      var first = listener.result(SERVER, 1);
      assertTrue(first.ok(), () -> first.errors().toString());
      assertEquals("tagged", firstLine(first.binary()), "the build has the tag");

      Files.writeString(extra, "package extra\n\nfunc Word() string { return \"edited\" }\n");
      loop.onBatch(ChangeBatch.of(new FileChange(extra, FileChange.Kind.MODIFIED)));
      var second = listener.result(SERVER, 2);
      assertTrue(second.ok() && second.binaryChanged(), second::toString);
      assertEquals("edited", firstLine(second.binary()));
    }
  }

  @Test
  void flagsHotLspOwnsOrThatStopTheBuildAreRefused() {
    for (var flag : List.of("-o", "-o=/tmp/x", "--o=x", "-C", "-C=dir", "-n", "-json", "race", "", "-", "--")) {
      assertThrows(IllegalArgumentException.class, () -> RebuildConfig.checkedUserFlag(flag), flag);
    }
    for (var flag : List.of("-race", "-tags=a,b", "-gcflags=all=-N -l", "-ldflags=-X main.v=1", "-v", "-trimpath")) {
      assertEquals(flag, RebuildConfig.checkedUserFlag(flag));
    }
  }

  private static String firstLine(Path binary) throws Exception {
    var p = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
    var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.lines().findFirst().orElse("");
  }
}
