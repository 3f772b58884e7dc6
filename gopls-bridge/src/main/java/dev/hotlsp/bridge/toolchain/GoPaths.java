package dev.hotlsp.bridge.toolchain;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the go toolchain keeps what all builds share, as {@code go env -json} reports it: GOROOT,
 * the module cache, the build cache (absent when {@code GOCACHE=off}) and the user's go env file.
 */
public record GoPaths(Path goroot, Optional<Path> moduleCache, Optional<Path> buildCache, Optional<Path> envFile) {
  /** The variables {@link #parse} reads. */
  static final String[] VARIABLES = {"GOROOT", "GOMODCACHE", "GOCACHE", "GOENV"};

  /** Reads the output of {@code go env -json GOROOT GOMODCACHE GOCACHE GOENV}. */
  static GoPaths parse(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return new GoPaths(Path.of(o.get("GOROOT").getAsString()), path(o, "GOMODCACHE"), path(o, "GOCACHE"),
        path(o, "GOENV"));
  }

  private static Optional<Path> path(JsonObject o, String name) {
    var e = o.get(name);
    String v = e == null || e.isJsonNull() ? "" : e.getAsString();
    return v.startsWith("/") ? Optional.of(Path.of(v)) : Optional.empty();
  }
}
