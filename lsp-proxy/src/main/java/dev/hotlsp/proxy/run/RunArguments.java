package dev.hotlsp.proxy.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code arguments} of the {@code hotlsp.run}/{@code stop}/{@code restart}/{@code status}
 * commands: none, or one object ({@code {target?, args?, env?}} for run, {@code {target?}} for
 * the others). Pure; a bad shape is an {@link InvalidArgumentsException} that says what was expected.
 *
 * @param target the target as the user named it, if any
 */
public record RunArguments(Optional<String> target, List<String> args, Map<String, String> env) {
  public RunArguments {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** Parses {@code hotlsp.run}'s arguments. */
  public static RunArguments ofRun(String command, JsonArray arguments) throws InvalidArgumentsException {
    return parse(command, arguments, Set.of("target", "args", "env"));
  }

  /** Parses the arguments of a command that takes at most a target. */
  public static RunArguments ofTarget(String command, JsonArray arguments) throws InvalidArgumentsException {
    return parse(command, arguments, Set.of("target"));
  }

  private static RunArguments parse(String command, JsonArray arguments, Set<String> allowed)
      throws InvalidArgumentsException {
    if (arguments.isEmpty()) {
      return new RunArguments(Optional.empty(), List.of(), Map.of());
    }
    String shape = allowed.size() == 1 ? "{target?}" : "{target?, args?, env?}";
    if (arguments.size() > 1 || !arguments.get(0).isJsonObject()) {
      throw new InvalidArgumentsException(command + " takes one argument, an object " + shape + ", got " + arguments);
    }
    JsonObject o = arguments.get(0).getAsJsonObject();
    for (var key : o.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidArgumentsException(command + ": unknown member \"" + key + "\"; expected " + shape);
      }
    }
    Optional<String> target = Optional.empty();
    if (o.has("target") && !o.get("target").isJsonNull()) {
      target = Optional.of(string(command, "target", o.get("target")));
      if (target.get().isBlank()) {
        throw new InvalidArgumentsException(command + ": target must not be empty");
      }
    }
    var args = new ArrayList<String>();
    if (o.has("args") && !o.get("args").isJsonNull()) {
      if (!o.get("args").isJsonArray()) {
        throw new InvalidArgumentsException(command + ": args must be an array of strings, got " + o.get("args"));
      }
      for (var a : o.getAsJsonArray("args")) {
        args.add(string(command, "args[" + args.size() + "]", a));
      }
    }
    var env = new LinkedHashMap<String, String>();
    if (o.has("env") && !o.get("env").isJsonNull()) {
      if (!o.get("env").isJsonObject()) {
        throw new InvalidArgumentsException(command + ": env must be an object of strings, got " + o.get("env"));
      }
      for (var e : o.getAsJsonObject("env").entrySet()) {
        if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().indexOf('\0') >= 0) {
          throw new InvalidArgumentsException(command + ": env name " + e.getKey() + " is not a variable name");
        }
        env.put(e.getKey(), string(command, "env." + e.getKey(), e.getValue()));
      }
    }
    return new RunArguments(target, args, env);
  }

  private static String string(String command, String member, JsonElement value) throws InvalidArgumentsException {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new InvalidArgumentsException(command + ": " + member + " must be a string, got " + value);
    }
    var s = value.getAsString();
    if (s.indexOf('\0') >= 0) {
      throw new InvalidArgumentsException(command + ": " + member + " contains a NUL character");
    }
    return s;
  }
}
