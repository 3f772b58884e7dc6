package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.log.TerminalText;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.server.ProxySettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code hotlsp check [DIR...]}: for each DIR, what gopls and go build find ({@link
 * GoplsDiagnosis}), then each {@code --run} target run isolated ({@link RunSession}), then with
 * {@code --tests} its tests ({@link CheckTests}: failures as findings, a failed test package fails
 * the check, {@code --junit FILE} gets the JUnit XML); prints the
 * findings sorted in the chosen format ({@link CheckReport}). Exit 0 nothing fails (a finding at
 * or above {@code --fail-on}, or any finding of a {@code --run}: {@link CheckFinding#fails}), 1
 * findings that fail, 2 tool failure with one line on stderr (no go command, not a Go workspace,
 * gopls cannot start or finish, a run cannot start); a directory it cannot read is skipped with a
 * warning line; gopls's shutdown cannot change the exit code.
 */
public final class CheckCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final Log log;
  private final ProcessLauncher launcher;
  private final Clock clock;
  private final boolean progress;

  /** {@code progress}: stderr is a terminal, so say what is under way. */
  public CheckCommand(OutputStream out, PrintStream err, Log log, ProcessLauncher launcher, Clock clock, boolean progress) {
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Checks {@code check}'s directories; {@code trace}: where every LSP message is recorded; {@code
   * goplsTimeout}: gopls's time per directory; {@code settingsFor}: the session settings of a directory.
   */
  public int run(CheckOptions check, Optional<Path> trace, Duration goplsTimeout,
      Function<Path, ProxySettings> settingsFor) {
    ProcessHandle.current().info().startInstant().ifPresent(t -> log.debug("check: JVM started at " + t));
    try {
      var findings = new ArrayList<CheckFinding>();
      var dirs = new ArrayList<Path>();
      var gopls = new GoplsDiagnosis(err, log, launcher, clock, this::progress);
      var runs = new RunSession(launcher, clock, log, this::progress);
      var tests = new CheckTests(launcher, clock, this::progress);
      for (var given : check.dirs()) {
        var dir = given.toAbsolutePath().normalize();
        dirs.add(dir);
        var settings = settingsFor.apply(dir);
        findings.addAll(gopls.findings(dir, settings, trace, goplsTimeout));
        if (!check.runs().isEmpty()) {
          findings.addAll(runs.findings(dir, check, settings, settings.workspace().build()));
        }
        if (check.tests()) {
          findings.addAll(tests.findings(dir, settings));
        }
      }
      var base = dirs.size() == 1 ? dirs.get(0) : Path.of("").toAbsolutePath();
      List<CheckFinding> sorted = CheckTests.withoutRepeats(findings).stream().map(f -> CheckedDirs.under(f, dirs))
          .sorted(CheckFinding.ORDER).toList();
      CheckReport.write(check, CheckReport.format(check.format(), sorted, base,
          check.tests() ? tests.summary(base) : null), out);
      if (check.junit().isPresent()) {
        tests.writeJunit(check.junit().get(), base);
      }
      err.println(CheckReport.summary(sorted));
      if (check.tests()) {
        err.println(TerminalText.escape("tests: " + tests.line()));
      }
      int code = sorted.stream().anyMatch(f -> f.fails(check.failOn())) || tests.failed() ? 1 : 0;
      log.debug("check: exit " + code);
      return code;
    } catch (CheckFailedException e) {
      err.println(TerminalText.escape("hotlsp: " + e.getMessage()));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private void progress(String what) {
    if (progress) {
      err.println(TerminalText.escape("hotlsp: " + what));
    }
  }
}
