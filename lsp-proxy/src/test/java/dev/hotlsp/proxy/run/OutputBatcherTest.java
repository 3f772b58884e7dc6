package dev.hotlsp.proxy.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputBatcherTest {
  private static final Duration INTERVAL = Duration.ofMillis(50);

  private record Batch(String stream, String text, long dropped) {}

  private final ManualTime time = new ManualTime();
  private final List<Batch> sent = new ArrayList<>();
  private final OutputBatcher batcher = new OutputBatcher(
      (stream, text, dropped) -> sent.add(new Batch(stream, text, dropped)), time, time, INTERVAL, 16);

  private void out(String stream, String text) {
    var bytes = text.getBytes(UTF_8);
    batcher.output(stream, bytes, bytes.length);
  }

  @Test
  void theFirstOutputGoesAtOnceThenAtMostOneBatchPerStreamPerInterval() {
    out("stdout", "a");
    time.advance(Duration.ZERO);
    assertEquals(List.of(new Batch("stdout", "a", 0)), sent);
    out("stdout", "b");
    out("stdout", "c");
    out("stderr", "x");
    time.advance(Duration.ZERO);
    assertEquals(List.of(new Batch("stdout", "a", 0), new Batch("stderr", "x", 0)), sent,
        "stderr has its own pace; stdout waits for its interval");
    time.advance(Duration.ofMillis(49));
    assertEquals(2, sent.size());
    time.advance(Duration.ofMillis(1));
    assertEquals(new Batch("stdout", "bc", 0), sent.get(2));
    out("stdout", "d");
    time.advance(Duration.ofMillis(49));
    assertEquals(3, sent.size());
    time.advance(Duration.ofMillis(1));
    assertEquals(new Batch("stdout", "d", 0), sent.get(3));
  }

  @Test
  void aFloodKeepsAtMostTheCapPerStreamAndSaysHowMuchWasDropped() {
    var chunk = new byte[1000];
    Arrays.fill(chunk, (byte) 'z');
    for (int i = 0; i < 10_000; i++) {
      batcher.output("stdout", chunk, chunk.length); // 10 MB inside one interval
    }
    assertEquals(16, batcher.peakQueuedBytes());
    time.advance(Duration.ZERO);
    assertEquals(new Batch("stdout", "z".repeat(16), 10_000_000 - 16), sent.get(0));
    assertEquals(10_000_000 - 16, batcher.droppedBytes());
    assertEquals(0, batcher.queuedBytes());
  }

  @Test
  void theEndOfAFloodReachesTheEditorWhenTheRunEnds() {
    var chunk = new byte[1000];
    Arrays.fill(chunk, (byte) 'z');
    for (int i = 0; i < 1000; i++) {
      batcher.output("stdout", chunk, chunk.length);
    }
    out("stdout", "flood done\n");
    out("stderr", "ok");
    batcher.finish();
    var stdout = sent.stream().filter(b -> b.stream().equals("stdout")).toList();
    assertEquals(List.of(new Batch("stdout", "z".repeat(16), 0),
        new Batch("stdout", "zzzzzflood done\n", 1_000_011 - 32)), stdout, "the buffered head, then the last 16 bytes");
    assertEquals(List.of(new Batch("stderr", "ok", 0)), sent.stream().filter(b -> b.stream().equals("stderr")).toList());
  }

  @Test
  void aBatchSentDuringTheRunForgetsTheTailOfWhatItDropped() {
    out("stdout", "0123456789abcdefTAIL");
    time.advance(Duration.ZERO);
    assertEquals(List.of(new Batch("stdout", "0123456789abcdef", 4)), sent);
    out("stdout", "end");
    batcher.finish();
    assertEquals(new Batch("stdout", "end", 0), sent.get(1));
    assertEquals(2, sent.size());
  }

  @Test
  void aCharacterSplitAcrossChunksArrivesWhole() {
    var euro = "€".getBytes(UTF_8); // three bytes
    batcher.output("stdout", new byte[] {'a', euro[0]}, 2);
    time.advance(Duration.ZERO);
    assertEquals(new Batch("stdout", "a", 0), sent.get(0));
    assertEquals(1, batcher.queuedBytes(), "the first byte of € waits for the rest");
    batcher.output("stdout", new byte[] {euro[1], euro[2], 'b'}, 3);
    time.advance(INTERVAL);
    assertEquals(new Batch("stdout", "€b", 0), sent.get(1));
  }

  @Test
  void finishSendsEverythingAtOnceAndIgnoresLaterOutput() {
    out("stdout", "a");
    time.advance(Duration.ZERO);
    out("stdout", "tail");
    batcher.output("stderr", new byte[] {(byte) 0xE2}, 1); // a cut character
    batcher.finish();
    assertEquals(List.of(new Batch("stdout", "a", 0), new Batch("stdout", "tail", 0), new Batch("stderr", "\uFFFD", 0)),
        sent);
    out("stdout", "late");
    time.advance(Duration.ofSeconds(1));
    assertEquals(3, sent.size());
    assertTrue(batcher.queuedBytes() == 0);
  }
}
