package dev.hotlsp.bridge.toolchain;

import dev.hotlsp.bridge.process.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file system a go command HotLSP starts for a workspace sees (issue 16 §1): bubblewrap with a
 * fresh mount namespace holding only what a build needs — the system's programs, libraries and C
 * headers ({@code /usr}, {@code /bin}, {@code /lib*}, {@code /sbin}) and a few files of {@code /etc}
 * (name service, certificates, the linker cache, the C compiler's alternatives; no {@code shadow},
 * no {@code ssh}), GOROOT and the user's go env file read-only, the module and build caches
 * writable (they are go's), the command's {@link BuildView} (sources read-only, {@code -o}
 * writable), the launcher's private TMPDIR writable (else a private {@code /tmp}), {@code /proc}
 * and {@code /dev}. Everything else — homes, {@code /etc/shadow}, {@code /root}, other projects —
 * is absent, so a cgo {@code -include ~/.ssh/id_ed25519} finds no file. The network, the
 * environment, the process ids and the process group are shared: module downloads stay go's job,
 * and stopping the group stops the build ({@code --die-with-parent} ties it to its wrapper as
 * well). Where
 * bubblewrap is unusable ({@link #off}), commands run unchanged and {@link #problem} says why.
 * Immutable.
 */
public final class BuildSandbox {
  static final Path BWRAP = Path.of("/usr/bin/bwrap");
  /** The system's program and library directories, bound read-only (or as the same symlink). */
  private static final List<Path> SYSTEM = List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"),
      Path.of("/lib"), Path.of("/lib32"), Path.of("/lib64"), Path.of("/libx32"));
  /** What of /etc a build uses: resolving names, TLS roots, the dynamic linker, cc's alternatives, git's config. */
  private static final List<Path> ETC = List.of("alternatives", "ca-certificates", "ca-certificates.conf",
      "gai.conf", "gitconfig", "group", "host.conf", "hosts", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
      "localtime", "mime.types", "nsswitch.conf", "passwd", "pki", "protocols", "resolv.conf", "services", "ssl")
      .stream().map(name -> Path.of("/etc", name)).toList();

  private final Optional<String> problem;
  private final Optional<GoPaths> paths;

  private BuildSandbox(Optional<String> problem, Optional<GoPaths> paths) {
    this.problem = problem;
    this.paths = paths;
  }

  /** A sandbox that wraps nothing: go commands run as they are, for {@code reason}. */
  public static BuildSandbox off(String reason) {
    return new BuildSandbox(Optional.of(reason), Optional.empty());
  }

  /** The sandbox over {@code paths} where bubblewrap works ({@code bwrapProblem} empty). */
  public static BuildSandbox of(GoPaths paths, Optional<String> bwrapProblem) {
    return bwrapProblem.map(BuildSandbox::off).orElseGet(() -> new BuildSandbox(Optional.empty(), Optional.of(paths)));
  }

  /** Why go commands run outside the sandbox here; empty when they run inside it. */
  public Optional<String> problem() {
    return problem;
  }

  /** go's shared paths, when the sandbox is active. */
  public Optional<GoPaths> paths() {
    return paths;
  }

  /**
   * {@code spec} (a go command, {@code go} its program) inside the sandbox with {@code view}, the
   * launcher's {@code scratch} directory (its children's TMPDIR) writable; unchanged when the
   * sandbox is off.
   */
  public CommandSpec wrap(CommandSpec spec, Path go, BuildView view, Optional<Path> scratch) {
    if (paths.isEmpty()) {
      return spec;
    }
    var readOnly = new ArrayList<Path>(view.sources());
    readOnly.addAll(toolchain(go));
    return around(spec, readOnly, view.outputs(), scratch);
  }

  /** What of the toolchain is bound beyond GOROOT: the user's go env file, and {@code go} if it lives elsewhere. */
  public List<Path> toolchain(Path go) {
    if (paths.isEmpty()) {
      return List.of();
    }
    var p = paths.get();
    var out = new ArrayList<Path>();
    p.envFile().filter(Files::isRegularFile).ifPresent(out::add);
    if (!go.toAbsolutePath().normalize().startsWith(p.goroot())) {
      out.add(go);
    }
    return out;
  }

  /**
   * {@code spec} inside the sandbox's system view with {@code readOnly} and {@code writable}
   * directories (and go's, as for a build) bound at their own paths; unchanged when off.
   */
  public CommandSpec around(CommandSpec spec, List<Path> readOnly, List<Path> writable, Optional<Path> scratch) {
    if (paths.isEmpty()) {
      return spec;
    }
    var argv = new ArrayList<String>(List.of(BWRAP.toString()));
    argv.addAll(options(readOnly, writable, scratch, spec.environment()));
    argv.addAll(List.of("--chdir", spec.workingDirectory().toAbsolutePath().toString(), "--"));
    argv.addAll(spec.command());
    return new CommandSpec(argv, spec.environment(), spec.workingDirectory());
  }

  /**
   * bubblewrap's options for the system view plus {@code readOnly} and {@code writable} and go's
   * own directories, without the working directory and the command; empty when off. {@code env}
   * is the command's environment (its TMPDIR is bound when there is no {@code scratch}).
   */
  public List<String> options(List<Path> readOnly, List<Path> writable, Optional<Path> scratch, Map<String, String> env) {
    if (paths.isEmpty()) {
      return List.of();
    }
    var p = paths.get();
    // go's caches are created as go would create them, so that they can be bound
    for (var cache : List.of(p.moduleCache(), p.buildCache())) {
      cache.ifPresent(BuildSandbox::createDirectories);
    }
    var binds = new LinkedHashMap<Path, Boolean>(); // path -> writable
    readOnly.forEach(d -> binds.putIfAbsent(d.toAbsolutePath().normalize(), false));
    binds.putIfAbsent(p.goroot(), false);
    var rw = new ArrayList<Path>(writable);
    p.moduleCache().ifPresent(rw::add);
    p.buildCache().ifPresent(rw::add);
    Optional<Path> tmp = scratch.or(() -> Optional.ofNullable(env.get("TMPDIR"))
        .filter(t -> t.startsWith("/") && !t.equals("/tmp")).map(Path::of));
    tmp.ifPresent(rw::add);
    rw.forEach(d -> binds.put(d.toAbsolutePath().normalize(), true));
    // a mount namespace of its own (and user, IPC, UTS, cgroup); the network and the process ids
    // stay the host's, so the launcher's group and tree stops reach the build as before
    var argv = new ArrayList<String>(List.of("--unshare-user-try", "--unshare-ipc", "--unshare-uts",
        "--unshare-cgroup-try", "--die-with-parent"));
    for (var dir : SYSTEM) {
      if (Files.isSymbolicLink(dir)) {
        argv.addAll(List.of("--symlink", readLink(dir), dir.toString()));
      } else if (Files.isDirectory(dir)) {
        argv.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
      }
    }
    for (var file : ETC) {
      if (Files.exists(file)) {
        argv.addAll(List.of("--ro-bind", file.toString(), file.toString()));
      }
    }
    argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
    // outer directories first, so that a writable directory inside a read-only one is bound over it
    binds.entrySet().stream()
        .filter(e -> Files.exists(e.getKey()))
        .filter(e -> e.getValue() || SYSTEM.stream().noneMatch(s -> !Files.isSymbolicLink(s) && e.getKey().startsWith(s)))
        .sorted(Comparator.comparingInt(e -> e.getKey().getNameCount()))
        .forEach(e -> argv.addAll(List.of(e.getValue() ? "--bind" : "--ro-bind", e.getKey().toString(), e.getKey().toString())));
    if (tmp.isEmpty()) {
      argv.addAll(List.of("--setenv", "TMPDIR", "/tmp", "--setenv", "GOTMPDIR", "/tmp"));
    }
    return List.copyOf(argv);
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return link.toString();
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | RuntimeException e) {
      // go reports it as it would
    }
  }

  @Override
  public String toString() {
    return problem.map(p -> "off: " + p).orElse("bwrap (workspace read-only, GOROOT, module and build caches)");
  }
}
