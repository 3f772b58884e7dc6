package dev.hotlsp.bridge.run;

import dev.hotlsp.bridge.process.ChildProcess;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One HTTP/1.0 {@code GET} of a loopback URL, sent from where the program runs: from HotLSP itself
 * for a program on the host's network, or — for a program in a network namespace of its own (an
 * {@code isolated} run has only its own loopback) — from inside that namespace, by {@code nsenter
 * --net} into a process of the program and bash's {@code /dev/tcp}, started by the injected
 * launcher; the program is never given the host's network. Only the status line is read.
 */
public final class HttpProbe {
  private static final Pattern STATUS = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");
  /** bash's exit status when the connection was refused (nothing listens yet). */
  private static final int REFUSED = 7;
  private static final String SCRIPT = "exec 3<>\"/dev/tcp/$1/$2\" 2>/dev/null || exit " + REFUSED + "; "
      + "printf 'GET %s HTTP/1.0\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' \"$3\" \"$4\" >&3; "
      + "IFS= read -r status <&3; printf '%s\\n' \"$status\"";

  /** What one probe found: no connection, a connection closed without an answer, or a status. */
  public record Answer(boolean connected, OptionalInt status) {
    public static final Answer REFUSED = new Answer(false, OptionalInt.empty());

    /** A status below 500: the program served the request. */
    public boolean ok() {
      return status.isPresent() && status.getAsInt() < 500;
    }
  }

  private final ProcessLauncher launcher;
  private final boolean root;

  /** {@code root}: HotLSP runs as root, so entering the network namespace needs no user namespace. */
  public HttpProbe(ProcessLauncher launcher, boolean root) {
    this.launcher = launcher;
    this.root = root;
  }

  /** Whether {@code url} is an {@code http} URL of a loopback host (127.0.0.0/8, ::1, localhost) with no user info. */
  public static boolean loopback(URI url) {
    if (url == null || !"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null) {
      return false;
    }
    var host = url.getHost();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    var literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false; // a name: never resolved here
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Sends one {@code GET url} within {@code timeout}: from inside the network namespace of process
   * {@code netnsPid} when present, else from here. A failure to connect is {@link Answer#REFUSED}.
   */
  public Answer get(URI url, Optional<Long> netnsPid, Duration timeout) throws InterruptedException {
    if (!loopback(url)) {
      throw new IllegalArgumentException("not a loopback http URL: " + url);
    }
    var host = url.getHost().equalsIgnoreCase("localhost") ? "127.0.0.1"
        : url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
    int port = url.getPort() < 0 ? 80 : url.getPort();
    var path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    var hostHeader = url.getHost() + (url.getPort() < 0 ? "" : ":" + port);
    return netnsPid.isPresent() ? inNamespace(netnsPid.get(), host, port, path, hostHeader, timeout)
        : here(host, port, path, hostHeader, timeout);
  }

  private static Answer here(String host, int port, String path, String hostHeader, Duration timeout) {
    try (var socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), (int) Math.max(1, timeout.toMillis()));
      } catch (ConnectException e) {
        return Answer.REFUSED;
      }
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      var request = "GET " + path + " HTTP/1.0\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new Answer(true, status(firstLine(socket.getInputStream())));
    } catch (IOException e) {
      return new Answer(true, OptionalInt.empty()); // connected, but no answer (reset, timeout)
    }
  }

  private Answer inNamespace(long pid, String host, int port, String path, String hostHeader, Duration timeout)
      throws InterruptedException {
    var command = new ArrayList<>(List.of("nsenter", "--target", Long.toString(pid), "--net"));
    if (!root) {
      command.addAll(List.of("--user", "--preserve-credentials"));
    }
    command.addAll(List.of("--", "bash", "-c", SCRIPT, "probe", host, Integer.toString(port), path, hostHeader));
    ChildProcess child;
    try {
      child = launcher.start(new CommandSpec(command, Map.of("PATH", "/usr/bin:/bin:/usr/sbin:/sbin"), Path.of("/")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start nsenter to probe the program: " + e.getMessage(), e);
    }
    try {
      int code = child.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      var out = ChildProcess.readAll(child.stdout());
      if (code == REFUSED) {
        return Answer.REFUSED;
      }
      if (code != 0) {
        var why = ChildProcess.readAll(child.stderr()).strip();
        throw new IllegalStateException("nsenter could not enter the program's network namespace (exit " + code + ")"
            + (why.isEmpty() ? "" : ": " + why.lines().findFirst().orElse("")));
      }
      return new Answer(true, status(out.lines().findFirst().orElse("")));
    } catch (TimeoutException e) {
      child.stop(Duration.ZERO);
      return new Answer(true, OptionalInt.empty());
    } catch (ExecutionException e) {
      throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n' && line.length() < 1024; ) {
      line.append((char) c);
    }
    return line.toString();
  }

  private static OptionalInt status(String line) {
    var m = STATUS.matcher(line.strip());
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
