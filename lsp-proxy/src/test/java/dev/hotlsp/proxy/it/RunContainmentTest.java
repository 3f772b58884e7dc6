package dev.hotlsp.proxy.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hotlsp.proxy.harness.EditorConfig;
import dev.hotlsp.proxy.harness.LoggedMessage;
import dev.hotlsp.proxy.harness.Servers;
import dev.hotlsp.proxy.harness.Sessions;
import dev.hotlsp.proxy.run.EditorRunEvents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a misbehaving program costs the editor session, through the real proxy, gopls, go and
 * runner: an output flood reaches the editor in bounded batches with the rest counted as dropped,
 * and a memory hog ends by its limit while the editor's requests are answered.
 */
class RunContainmentTest {
  private static final EditorConfig CONFIG = EditorConfig.defaults().withWatchedFilesRegistration(false);
  private static final long FLOOD = 64L << 20;

  @Test
  void aFloodArrivesInBoundedBatchesAndEveryByteIsSentOrCountedAsDropped(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of()), "runners", tmp, CONFIG)) {
      var runId = Runs.run(editor, "./cmd/flood", "stdout", Long.toString(FLOOD)).get("runId").getAsString();
      var view = editor.await(Runs.endedRun(runId));
      var batches = view.notifications(Runs.OUTPUT).map(LoggedMessage::params)
          .filter(p -> p.get("runId").getAsString().equals(runId) && p.get("stream").getAsString().equals("stdout"))
          .toList();
      long sent = 0;
      long dropped = 0;
      for (JsonObject b : batches) {
        int bytes = b.get("text").getAsString().getBytes(UTF_8).length;
        assertTrue(bytes <= EditorRunEvents.CAP, () -> "a batch larger than the per-stream buffer: " + bytes);
        sent += bytes;
        dropped += b.has("droppedBytes") ? b.get("droppedBytes").getAsLong() : 0;
      }
      assertEquals(FLOOD, sent + dropped, "every byte of the flood is either sent or counted as dropped");
      assertTrue(dropped > 0, "a 64 MiB flood cannot all go to the editor");
      var end = Runs.endOf(view, runId);
      assertEquals("crashed", end.get("reason").getAsString(), end::toString);
      assertTrue(end.get("truncatedBytes").getAsLong() > 0, end::toString);
      assertEquals(dev.hotlsp.proxy.harness.Verdict.MET, Runs.output(runId, "panic: after the flood").verdict(view),
          "the panic after the flood reaches the editor");
    }
  }

  @Test
  void aMemoryHogEndsByItsLimitWhileTheEditorIsAnswered(@TempDir Path tmp) throws Exception {
    try (var editor = Sessions.start(Servers.proxyInProcess(List.of("--memory", "64MiB")), "runners", tmp, CONFIG)) {
      var file = "cmd/hello/main.go";
      editor.open(file);
      var runId = Runs.run(editor, "./cmd/hog").get("runId").getAsString();
      var hover = editor.requests().hover(file, editor.positionOf(file, "Println"));
      assertTrue(hover.toString().contains("Println"), hover::toString);
      var end = Runs.endOf(editor.await(Runs.endedRun(runId)), runId);
      assertEquals("memory-limit", end.get("reason").getAsString(), end::toString);
      var after = editor.requests().hover(file, editor.positionOf(file, "Getenv"));
      assertTrue(after.toString().contains("Getenv"), after::toString);
    }
  }
}
