package dev.hotlsp.proxy.harness;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real gopls with one behaviour changed, for {@code --gopls}: runs the gopls given as its
 * second argument and relays every message both ways, except what its mode (first argument)
 * alters. Modes:
 *
 * <ul>
 *   <li>{@code stuck-shutdown}: swallows {@code shutdown} and {@code exit} and keeps running after
 *       its input ends, as a gopls still busy on a cold cache looks; only a signal stops it (and
 *       its gopls, through their shared process tree);
 *   <li>{@code no-diagnose-files}: answers the {@code gopls.diagnose_files} command with
 *       MethodNotFound itself, as a server without it would.
 * </ul>
 */
public final class AlteredGopls {
  private static final Object STDOUT = new Object();

  private AlteredGopls() {}

  /** The command line that runs gopls altered by {@code mode}. */
  public static List<String> command(String mode, Path gopls) {
    return List.of(HarnessEnv.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
        AlteredGopls.class.getName(), mode, gopls.toString());
  }

  public static void main(String[] args) throws Exception {
    var mode = args[0];
    var command = new ArrayList<>(List.of(args).subList(1, args.length));
    command.add("serve");
    var gopls = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var stdout = System.out;
    Thread.ofPlatform().daemon().start(() -> relay(gopls.getInputStream(), stdout));
    OutputStream toGopls = gopls.getOutputStream();
    InputStream in = System.in;
    while (true) {
      var message = LspWire.read(in);
      if (message.isEmpty()) {
        break;
      }
      var json = JsonParser.parseString(message.get()).getAsJsonObject();
      var method = json.has("method") ? json.get("method").getAsString() : "";
      if (mode.equals("stuck-shutdown") && (method.equals("shutdown") || method.equals("exit"))) {
        continue;
      }
      if (mode.equals("no-diagnose-files") && method.equals("workspace/executeCommand")
          && json.getAsJsonObject("params").get("command").getAsString().equals("gopls.diagnose_files")) {
        write(stdout, "{\"jsonrpc\":\"2.0\",\"id\":" + json.get("id")
            + ",\"error\":{\"code\":-32601,\"message\":\"unknown command gopls.diagnose_files\"}}");
        continue;
      }
      LspWire.write(toGopls, message.get());
    }
    if (mode.equals("stuck-shutdown")) {
      Thread.currentThread().join(); // wedged: waits for a signal
    }
    toGopls.close();
    System.exit(gopls.waitFor());
  }

  private static void relay(InputStream from, OutputStream to) {
    try {
      while (true) {
        var message = LspWire.read(from);
        if (message.isEmpty()) {
          return;
        }
        write(to, message.get());
      }
    } catch (IOException e) {
      // gopls or our reader went away
    }
  }

  private static void write(OutputStream out, String json) throws IOException {
    synchronized (STDOUT) {
      LspWire.write(out, json);
    }
  }
}
