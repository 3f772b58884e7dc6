package dev.hotlsp.bridge.crash;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;

/** Renders a parse (passthrough + crashes) and its findings as the golden JSON the tests compare. */
final class CrashJson {
  private final Path root;
  private final String rootText;

  CrashJson(Path root) {
    this.root = root;
    this.rootText = root.toString();
  }

  String render(ScanOutput scan, List<Finding> findings) {
    var top = new JsonObject();
    top.addProperty("passthrough", scan.passthrough().replace(rootText, "$WORKSPACE"));
    var crashes = new JsonArray();
    scan.crashes().forEach(c -> crashes.add(crash(c)));
    top.add("crashes", crashes);
    var fs = new JsonArray();
    findings.forEach(f -> fs.add(finding(f)));
    top.add("findings", fs);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(top) + "\n";
  }

  private JsonObject crash(Crash c) {
    var o = new JsonObject();
    o.addProperty("kind", c.kind().name());
    o.addProperty("message", c.message());
    c.request().ifPresent(r -> o.addProperty("request", r));
    o.add("details", strings(c.details()));
    c.crashed().ifPresent(id -> o.addProperty("crashed", id));
    o.addProperty("truncated", c.truncated());
    var gs = new JsonArray();
    for (var g : c.goroutines()) {
      var j = new JsonObject();
      j.addProperty("id", g.id());
      j.addProperty("status", g.status());
      if (g.minutes() > 0) {
        j.addProperty("minutes", g.minutes());
      }
      if (g.lockedToThread()) {
        j.addProperty("lockedToThread", true);
      }
      j.add("frames", frames(g.frames()));
      g.createdBy().ifPresent(f -> j.addProperty("createdBy", frame(f)));
      g.createdInGoroutine().ifPresent(n -> j.addProperty("createdInGoroutine", n));
      if (g.elidedFrames() > 0) {
        j.addProperty("elidedFrames", g.elidedFrames());
      }
      if (g.moreFramesElided()) {
        j.addProperty("moreFramesElided", true);
      }
      gs.add(j);
    }
    o.add("goroutines", gs);
    if (!c.runtimeStack().isEmpty()) {
      o.add("runtimeStack", frames(c.runtimeStack()));
    }
    c.race().ifPresent(r -> {
      var race = new JsonObject();
      var accesses = new JsonArray();
      for (var a : r.accesses()) {
        var j = new JsonObject();
        j.addProperty("operation", a.operation());
        j.addProperty("by", a.by());
        j.add("frames", frames(a.frames()));
        accesses.add(j);
      }
      race.add("accesses", accesses);
      var creations = new JsonArray();
      for (var cr : r.creations()) {
        var j = new JsonObject();
        j.addProperty("goroutine", cr.goroutine());
        j.addProperty("status", cr.status());
        j.add("frames", frames(cr.frames()));
        creations.add(j);
      }
      race.add("creations", creations);
      o.add("race", race);
    });
    return o;
  }

  private JsonArray frames(List<StackFrame> frames) {
    var a = new JsonArray();
    frames.forEach(f -> a.add(frame(f)));
    return a;
  }

  private String frame(StackFrame f) {
    return f.function() + "(" + f.arguments() + ") " + f.file().replace(rootText, "$WORKSPACE") + ":" + f.line()
        + (f.offset() >= 0 ? " +0x" + Long.toHexString(f.offset()) : "");
  }

  private JsonObject finding(Finding f) {
    var o = new JsonObject();
    o.addProperty("at", rel(f.file()) + ":" + f.line() + ":" + f.column() + "-" + f.endLine() + ":" + f.endColumn());
    o.addProperty("code", f.code());
    o.addProperty("message", f.message());
    o.add("related", strings(f.related().stream()
        .map(r -> rel(r.file()) + ":" + r.line() + ":" + r.column() + " " + r.message()).toList()));
    return o;
  }

  private String rel(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static JsonArray strings(List<String> list) {
    var a = new JsonArray();
    list.forEach(a::add);
    return a;
  }
}
