package dev.hotlsp.bridge.graph;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the output of {@code go list -json}: concatenated JSON objects, one per package, streamed
 * one object at a time. Standard-library packages and packages without a directory or module are
 * skipped: they are never edited in a workspace. A listed (not dependency-only) package go could
 * not load at all — no directory, only an error, e.g. the root package of a module named {@code
 * tool}, which go refuses as an import path — is kept aside with its error.
 */
final class GoListJson {
  /** The packages read, and each listed package that could not be loaded (import path → go's error). */
  record Listing(List<GoPackage> packages, Map<String, String> unloadable) {}

  /** The field list HotLSP passes to {@code -json=}; everything {@link #read} looks at. */
  static final String FIELDS =
      "ImportPath,Dir,Name,GoFiles,CgoFiles,CFiles,CXXFiles,HFiles,SFiles,SysoFiles,EmbedFiles,"
          + "TestGoFiles,XTestGoFiles,Imports,TestImports,XTestImports,Module,Standard,DepOnly,Error";

  private GoListJson() {}

  static Listing read(Reader in) throws IOException {
    var reader = new JsonReader(in);
    reader.setStrictness(Strictness.LENIENT);
    var packages = new ArrayList<GoPackage>();
    var unloadable = new TreeMap<String, String>();
    try {
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        var object = JsonParser.parseReader(reader).getAsJsonObject();
        if (!bool(object, "Standard") && object.has("Dir") && object.has("Module")) {
          packages.add(toPackage(object));
        } else if (!bool(object, "Standard") && !bool(object, "DepOnly") && object.has("Error")) {
          unloadable.put(str(object, "ImportPath"), str(object.getAsJsonObject("Error"), "Err"));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("malformed go list output", e);
    }
    return new Listing(packages, unloadable);
  }

  private static GoPackage toPackage(JsonObject o) {
    var m = o.getAsJsonObject("Module");
    var module =
        new GoModule(
            str(m, "Path"), Path.of(str(m, "Dir")), Path.of(str(m, "Dir")).resolve("go.mod"));
    if (m.has("GoMod")) {
      module = new GoModule(module.path(), module.dir(), Path.of(str(m, "GoMod")));
    }
    var goFiles = strings(o, "GoFiles");
    goFiles.addAll(strings(o, "CgoFiles"));
    var other = new ArrayList<String>();
    for (var key : List.of("CFiles", "CXXFiles", "HFiles", "SFiles", "SysoFiles")) {
      other.addAll(strings(o, key));
    }
    var error = o.has("Error") ? str(o.getAsJsonObject("Error"), "Err") : "";
    return new GoPackage(
        str(o, "ImportPath"),
        Path.of(str(o, "Dir")),
        str(o, "Name"),
        goFiles,
        other,
        strings(o, "EmbedFiles"),
        strings(o, "TestGoFiles"),
        strings(o, "XTestGoFiles"),
        strings(o, "Imports"),
        strings(o, "TestImports"),
        strings(o, "XTestImports"),
        module,
        bool(o, "DepOnly"),
        error);
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }

  private static boolean bool(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && !e.isJsonNull() && e.getAsBoolean();
  }

  private static List<String> strings(JsonObject o, String key) {
    var out = new ArrayList<String>();
    if (o.get(key) instanceof JsonArray array) {
      array.forEach(e -> out.add(e.getAsString()));
    }
    return out;
  }
}
