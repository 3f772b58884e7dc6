package dev.hotlsp.proxy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The servers the integration tests run against: gopls itself (the baseline every test must pass
 * on), and the proxy in this JVM, in a separate JVM, and through the {@code ./hotlsp} launcher.
 */
public final class Servers {
  private Servers() {}

  /** gopls v0.23.0 spoken to directly: proves each test on the real server. */
  public static ServerUnderTest gopls() {
    return new SubprocessServer(
        "gopls", List.of(HarnessEnv.gopls().toString(), "serve"), HarnessEnv.childEnvironment(), Optional::empty);
  }

  /** The proxy's Main in this JVM with piped streams. */
  public static ServerUnderTest proxyInProcess() {
    return proxyInProcess(List.of());
  }

  /** The proxy's Main in this JVM, with {@code extraArgs} after {@code serve --gopls GOPLS} (a later option wins). */
  public static ServerUnderTest proxyInProcess(List<String> extraArgs) {
    return new InProcessServer("proxy-in-process", serveArgs(extraArgs), HarnessEnv.childEnvironment());
  }

  /** The proxy's Main in a separate JVM on the test class path. */
  public static ServerUnderTest proxyJvm() {
    return proxyJvm(List.of());
  }

  /** The proxy's Main in a separate JVM, with {@code extraArgs} after {@code serve --gopls GOPLS}. */
  public static ServerUnderTest proxyJvm(List<String> extraArgs) {
    var command = new ArrayList<String>();
    command.addAll(
        List.of(
            HarnessEnv.javaExecutable().toString(),
            "-cp",
            System.getProperty("java.class.path"),
            InProcessServer.MAIN));
    command.addAll(serveArgs(extraArgs));
    return new SubprocessServer("proxy-jvm", command, HarnessEnv.childEnvironment(), InProcessServer::mainMissing);
  }

  /** The proxy through the {@code ./hotlsp} launcher script (needs {@code ./dev build}). */
  public static ServerUnderTest proxyLauncher() {
    var command = new ArrayList<String>();
    command.add(launcher().toString());
    command.addAll(serveArgs(List.of()));
    return new SubprocessServer(
        "proxy-launcher",
        command,
        HarnessEnv.childEnvironment(),
        () -> InProcessServer.mainMissing().or(Servers::jarMissing));
  }

  /**
   * Every mode, for {@code @MethodSource}: tests call {@code assumeAvailable} on each. The system
   * property {@code hotlsp.servers} (comma-separated names, e.g. {@code gopls,proxy-jvm}) narrows it.
   */
  public static Stream<ServerUnderTest> all() {
    return selected(Stream.of(gopls(), proxyInProcess(), proxyJvm()));
  }

  /** The proxy modes only, for tests of what gopls alone cannot do (surviving its own crash). */
  public static Stream<ServerUnderTest> proxies() {
    return selected(Stream.of(proxyInProcess(), proxyJvm()));
  }

  private static Stream<ServerUnderTest> selected(Stream<ServerUnderTest> servers) {
    var only = System.getProperty("hotlsp.servers", "");
    if (only.isBlank()) {
      return servers;
    }
    var names = List.of(only.split(","));
    return servers.filter(s -> names.contains(s.name()));
  }

  public static java.nio.file.Path launcher() {
    return HarnessEnv.repo().resolve("hotlsp");
  }

  /** Why the launcher cannot run: the jar it execs is not built, or was built before Main existed. */
  public static Optional<String> jarMissing() {
    var jar = HarnessEnv.repo().resolve("lsp-proxy/target/hotlsp.jar");
    if (!Files.isRegularFile(jar)) {
      return Optional.of(jar + " is not built (./dev build)");
    }
    try (var file = new JarFile(jar.toFile())) {
      var entry = InProcessServer.MAIN.replace('.', '/') + ".class";
      return file.getEntry(entry) != null ? Optional.empty() : Optional.of(jar + " has no " + entry + " (./dev build)");
    } catch (IOException e) {
      return Optional.of(jar + " is unreadable: " + e.getMessage());
    }
  }

  private static List<String> serveArgs(List<String> extraArgs) {
    var args = new ArrayList<>(List.of("serve", "--gopls", HarnessEnv.gopls().toString()));
    args.addAll(extraArgs);
    return List.copyOf(args);
  }
}
