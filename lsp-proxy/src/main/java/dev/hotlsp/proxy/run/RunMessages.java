package dev.hotlsp.proxy.run;

import com.google.gson.JsonObject;
import dev.hotlsp.bridge.run.RunResult;
import dev.hotlsp.bridge.run.RunStarted;

/** The params of HotLSP's run notifications and command results (docs/lsp-extensions.md). Pure. */
public final class RunMessages {
  private RunMessages() {}

  /** {@code hotlsp/runStarted}, and the start of an entry of {@code hotlsp.status}. */
  public static JsonObject started(RunStarted s) {
    var p = new JsonObject();
    p.addProperty("runId", s.runId());
    p.addProperty("target", s.target());
    p.addProperty("binary", s.binary().toString());
    p.addProperty("isolation", s.isolation().wireName());
    p.addProperty("pid", s.pid());
    p.addProperty("startedAt", s.startedAt().toString());
    return p;
  }

  /**
   * One entry of {@code hotlsp.status}: the run's {@link #started} params and, where the run has a
   * cgroup, {@code peakRssKiB}: its peak memory so far, the figure {@code hotlsp/runEnded} will give.
   */
  public static JsonObject status(RunStarted s, long peakKiB) {
    var p = started(s);
    if (peakKiB >= 0) {
      p.addProperty("peakRssKiB", peakKiB);
    }
    return p;
  }

  /** {@code hotlsp/output}; {@code droppedBytes} only when some were dropped before this text. */
  public static JsonObject output(String runId, String target, String stream, String text, long droppedBytes) {
    var p = new JsonObject();
    p.addProperty("runId", runId);
    p.addProperty("target", target);
    p.addProperty("stream", stream);
    p.addProperty("text", text);
    if (droppedBytes > 0) {
      p.addProperty("droppedBytes", droppedBytes);
    }
    return p;
  }

  /** {@code hotlsp/runEnded}, and {@code hotlsp run --report}'s JSON. */
  public static JsonObject ended(RunResult r) {
    var p = new JsonObject();
    p.addProperty("runId", r.runId());
    p.addProperty("target", r.target());
    p.addProperty("exitCode", r.exitCode());
    if (r.signal().isPresent()) {
      p.addProperty("signal", r.signal().getAsInt());
    } else {
      p.add("signal", com.google.gson.JsonNull.INSTANCE);
    }
    p.addProperty("reason", r.reason().wireName());
    p.addProperty("wallMs", r.wallMs());
    p.addProperty("cpuMs", r.cpuMs());
    p.addProperty("peakRssKiB", r.peakRssKiB());
    p.addProperty("truncatedBytes", r.truncatedBytes());
    return p;
  }

  /** The one-line summary {@code hotlsp run} prints on stderr, also logged for each run. */
  public static String summary(RunResult r) {
    return r.reason().wireName() + " exit=" + r.exitCode() + " wall=" + r.wallMs() + "ms cpu=" + r.cpuMs()
        + "ms peak=" + r.peakRssKiB() + "KiB truncated=" + r.truncatedBytes();
  }
}
