package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A gopls that never finishes shutting down, for {@code --gopls}: runs the real gopls given as
 * its arguments and relays every message both ways, except that it swallows {@code shutdown} and
 * {@code exit} and keeps running after its input ends, as a gopls still busy on a cold cache
 * would look. Only a signal stops it (and its gopls, through their shared process tree).
 */
public final class StuckShutdownGopls {
  private static final Pattern SWALLOWED = Pattern.compile("\"method\"\\s*:\\s*\"(shutdown|exit)\"");

  private StuckShutdownGopls() {}

  /** The command line that runs this stand-in in front of {@code gopls}. */
  public static List<String> command(java.nio.file.Path gopls) {
    return List.of(HarnessEnv.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
        StuckShutdownGopls.class.getName(), gopls.toString());
  }

  public static void main(String[] args) throws Exception {
    var command = new ArrayList<>(List.of(args));
    command.add("serve");
    var gopls = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var stdout = System.out;
    Thread.ofPlatform().daemon().start(() -> copy(gopls.getInputStream(), stdout));
    OutputStream toGopls = gopls.getOutputStream();
    InputStream in = System.in;
    while (true) {
      var message = LspWire.read(in);
      if (message.isEmpty()) {
        break;
      }
      if (!SWALLOWED.matcher(message.get()).find()) {
        LspWire.write(toGopls, message.get());
      }
    }
    Thread.currentThread().join(); // wedged: waits for a signal
  }

  private static void copy(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
      to.flush();
    } catch (IOException e) {
      // gopls or our reader went away
    }
  }
}
