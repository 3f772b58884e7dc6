package dev.hotlsp.proxy.tests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.hotlsp.proxy.run.InvalidArgumentsException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of {@code hotlsp.test} ({@code [{packages|affectedBy, run?, folder?}]}) and {@code
 * hotlsp.listTests} ({@code [{uri?}]} or none). Pure; a bad shape is an {@link
 * InvalidArgumentsException} that says what was expected.
 *
 * @param packages import paths to test (empty when {@code affectedBy} is given)
 * @param affectedBy files whose change's tests to run
 * @param run the {@code -run} regex, {@code ""} for every test
 * @param folder the workspace folder to run in, if named
 */
record TestArguments(List<String> packages, List<Path> affectedBy, String run, Optional<Path> folder) {
  private static final String SHAPE = "{packages: [importPath…]} or {affectedBy: [uri…]}, with run? and folder?";

  static TestArguments ofTest(JsonArray arguments) throws InvalidArgumentsException {
    if (arguments.size() != 1 || !arguments.get(0).isJsonObject()) {
      throw new InvalidArgumentsException("hotlsp.test takes one argument, an object " + SHAPE + ", got " + arguments);
    }
    var o = arguments.get(0).getAsJsonObject();
    for (var key : o.keySet()) {
      if (!Set.of("packages", "affectedBy", "run", "folder").contains(key)) {
        throw new InvalidArgumentsException("hotlsp.test: unknown member \"" + key + "\"; expected " + SHAPE);
      }
    }
    if (o.has("packages") == o.has("affectedBy")) {
      throw new InvalidArgumentsException("hotlsp.test: give exactly one of packages and affectedBy; expected " + SHAPE);
    }
    var packages = new ArrayList<String>();
    var files = new ArrayList<Path>();
    if (o.has("packages")) {
      for (var p : strings("packages", o.get("packages"))) {
        if (p.isBlank()) {
          throw new InvalidArgumentsException("hotlsp.test: an empty package in packages");
        }
        packages.add(p);
      }
    } else {
      for (var uri : strings("affectedBy", o.get("affectedBy"))) {
        files.add(file("affectedBy", uri));
      }
    }
    var run = o.has("run") && !o.get("run").isJsonNull() ? string("run", o.get("run")) : "";
    Optional<Path> folder = o.has("folder") && !o.get("folder").isJsonNull()
        ? Optional.of(file("folder", string("folder", o.get("folder")))) : Optional.empty();
    return new TestArguments(packages, files, run, folder);
  }

  /** {@code hotlsp.listTests}' folder or file, if one is named. */
  static Optional<Path> ofList(JsonArray arguments) throws InvalidArgumentsException {
    if (arguments.isEmpty() || arguments.size() == 1 && arguments.get(0).isJsonNull()) {
      return Optional.empty();
    }
    if (arguments.size() != 1 || !arguments.get(0).isJsonObject()) {
      throw new InvalidArgumentsException("hotlsp.listTests takes no argument or one object {uri?}, got " + arguments);
    }
    var o = arguments.get(0).getAsJsonObject();
    for (var key : o.keySet()) {
      if (!key.equals("uri")) {
        throw new InvalidArgumentsException("hotlsp.listTests: unknown member \"" + key + "\"; expected {uri?}");
      }
    }
    return o.has("uri") && !o.get("uri").isJsonNull()
        ? Optional.of(file("uri", string("uri", o.get("uri")))) : Optional.empty();
  }

  private static List<String> strings(String member, JsonElement value) throws InvalidArgumentsException {
    if (!value.isJsonArray()) {
      throw new InvalidArgumentsException("hotlsp.test: " + member + " must be an array of strings, got " + value);
    }
    var out = new ArrayList<String>();
    for (var e : value.getAsJsonArray()) {
      out.add(string(member, e));
    }
    return out;
  }

  private static String string(String member, JsonElement value) throws InvalidArgumentsException {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new InvalidArgumentsException(member + " must be a string, got " + value);
    }
    return value.getAsString();
  }

  private static Path file(String member, String uri) throws InvalidArgumentsException {
    try {
      var u = URI.create(uri);
      if (!"file".equals(u.getScheme())) {
        throw new InvalidArgumentsException(member + " must be a file: URI, got " + uri);
      }
      return Path.of(u).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentsException(member + " must be a file: URI, got " + uri);
    }
  }
}
