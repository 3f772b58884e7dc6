package dev.hotlsp.bridge.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One small shell process per launcher that outlives HotLSP to kill what HotLSP started: HotLSP
 * tells it, over a pipe, the process group of each child tree it starts and ends; when the pipe
 * reaches end of file — HotLSP closed it, exited or was killed, even by SIGKILL — it kills every
 * group still registered (SIGKILL) and exits. It runs in its own session and ignores SIGINT,
 * SIGTERM and SIGHUP, so the signals that stop HotLSP (or its terminal) do not stop it first. Last
 * it removes the children's scratch directory (go's work directories and response files, which a
 * killed go leaves behind). Cgroups registered by the runner (a user program's run) are emptied
 * too: frozen (v1), every task SIGKILLed (also those that left the group), thawed, removed. It
 * also sends the signals of {@link ChildProcess#stop} to a group.
 * Thread-safe.
 */
public final class ProcessWatchdog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProcessWatchdog.class.getName());

  /**
   * The watchdog: reads "add|del|term|kill GROUP", "cgadd|cgdel DIR" and "scratch DIR" lines; at
   * end of input kills the groups left, empties and removes the cgroups left (and their parent if
   * it is empty), then removes the scratch directory. Groups and cgroups are kept as " a b c " in
   * one variable each; kill is the shell's builtin (no fork).
   */
  static final String SCRIPT =
      """
      trap '' INT TERM HUP QUIT PIPE
      groups=' '
      cgroups=' '
      scratch=''
      while read -r verb arg; do
        case $verb in
          scratch) scratch=$arg; continue ;;
          cgadd) cgroups="$cgroups$arg "; continue ;;
          cgdel) case $cgroups in *" $arg "*) cgroups="${cgroups%% $arg *} ${cgroups#* $arg }" ;; esac; continue ;;
        esac
        case $arg in ''|*[!0-9]*) continue ;; esac
        case $verb in
          add) groups="$groups$arg " ;;
          del) case $groups in *" $arg "*) groups="${groups%% $arg *} ${groups#* $arg }" ;; esac ;;
          term) kill -TERM -"$arg" 2>/dev/null ;;
          kill) kill -KILL -"$arg" 2>/dev/null ;;
        esac
      done
      for group in $groups; do kill -KILL -"$group" 2>/dev/null; done
      for cg in $cgroups; do
        if [ -f "$cg/cgroup.kill" ]; then echo 1 > "$cg/cgroup.kill"; fi
        if [ -f "$cg/freezer.state" ]; then echo FROZEN > "$cg/freezer.state"; fi
      done
      for cg in $cgroups; do kill -KILL $(cat "$cg/cgroup.procs" 2>/dev/null) 2>/dev/null; done
      for cg in $cgroups; do
        if [ -f "$cg/freezer.state" ]; then echo THAWED > "$cg/freezer.state"; fi
      done
      rounds=0
      while [ "$rounds" -lt 100 ]; do
        left=''
        for cg in $cgroups; do
          [ -d "$cg" ] || continue
          pids=$(cat "$cg/cgroup.procs" 2>/dev/null)
          if [ -n "$pids" ]; then
            kill -KILL $pids 2>/dev/null; left=1
          else
            rmdir "$cg" 2>/dev/null; rmdir "${cg%/*}" 2>/dev/null
          fi
        done
        [ -z "$left" ] && break
        rounds=$((rounds + 1)); sleep 0.1
      done
      if [ -n "$scratch" ]; then rm -rf -- "$scratch"; fi
      """;

  private final Process process;
  private final OutputStream pipe;
  private boolean broken;

  private ProcessWatchdog(Process process) {
    this.process = process;
    this.pipe = process.getOutputStream();
  }

  /**
   * Starts the watchdog with {@code setsid} and {@code sh}, or gives empty where they are missing
   * (children then die only by the parent-death signal and {@link ChildProcess#stop}).
   */
  public static Optional<ProcessWatchdog> start(Path setsid, Path shell) {
    if (!Files.isExecutable(setsid) || !Files.isExecutable(shell)) {
      return Optional.empty();
    }
    try {
      var process =
          new ProcessBuilder(List.of(setsid.toString(), shell.toString(), "-c", SCRIPT))
              .directory(Path.of("/").toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return Optional.of(new ProcessWatchdog(process));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "no process watchdog: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The watchdog's own process id. */
  public long pid() {
    return process.pid();
  }

  /** From now on, group {@code pgid} is killed if HotLSP ends before {@link #remove} is called. */
  void add(long pgid) {
    send("add", pgid);
  }

  /** Forgets group {@code pgid} (its tree has ended and been reaped). */
  void remove(long pgid) {
    send("del", pgid);
  }

  /** Sends SIGTERM to every process of group {@code pgid}. */
  void terminate(long pgid) {
    send("term", pgid);
  }

  /** Sends SIGKILL to every process of group {@code pgid}. */
  void kill(long pgid) {
    send("kill", pgid);
  }

  /** Empties and removes cgroup directory {@code dir} if HotLSP ends before {@link #removeCgroup}. */
  void addCgroup(Path dir) {
    if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
      LOG.log(System.Logger.Level.WARNING, "not guarding a cgroup whose path has white space: " + dir);
      return;
    }
    send("cgadd", dir.toString());
  }

  /** Forgets cgroup directory {@code dir}. */
  void removeCgroup(Path dir) {
    send("cgdel", dir.toString());
  }

  /** Removes {@code dir} (the children's temporary directory) when HotLSP ends. */
  void scratch(Path dir) {
    send("scratch", dir.toString());
  }

  private void send(String verb, long pgid) {
    send(verb, Long.toString(pgid));
  }

  private synchronized void send(String verb, String arg) {
    if (broken || arg.indexOf('\n') >= 0) {
      return;
    }
    try {
      pipe.write((verb + " " + arg + "\n").getBytes(StandardCharsets.UTF_8));
      pipe.flush();
    } catch (IOException e) {
      broken = true;
      LOG.log(System.Logger.Level.WARNING, "the process watchdog is gone: " + e.getMessage());
    }
  }

  /** Closes the pipe: the watchdog kills the groups still registered and exits. */
  @Override
  public synchronized void close() {
    broken = true;
    try {
      pipe.close();
    } catch (IOException e) {
      // the watchdog already ended
    }
  }
}
