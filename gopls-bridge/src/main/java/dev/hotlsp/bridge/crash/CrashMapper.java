package dev.hotlsp.bridge.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Places crashes on the workspace's own lines. A panic, fatal error or signal becomes one finding
 * on the top-most user frame of the crashing goroutine, related to each further user frame and to
 * the {@code created by} site; a deadlock one finding per blocked goroutine that has a user frame;
 * a race one finding at each access, related to the other. A recovered panic is one finding on the
 * top-most user frame below the last {@code panic} frame (the line that panicked, not the
 * recoverer's {@code debug.Stack} call above it); a goroutine dump ({@code SIGQUIT}, or a stack of
 * every goroutine with no panic) one {@code hang} finding per goroutine that is {@link
 * Goroutine#waiting waiting}. User frames are those whose function belongs to a workspace module
 * and whose file {@link FrameLocator} finds, or whose file is exactly a workspace file (a recoverer
 * that prints short function names); GOROOT and module-cache frames never are, nor is a frame whose
 * line is not in its file. The range is the line's code: first non-blank character to the end of
 * the text, in UTF-16 columns. A trace whose goroutines were not all kept ({@link
 * Crash#omittedGoroutines}) says so in each finding's message. Pure given the index and the source
 * text; not thread-safe.
 */
public final class CrashMapper {
  private final FrameLocator locator;
  private final SourceLines sources;

  public CrashMapper(FrameLocator locator, SourceLines sources) {
    this.locator = locator;
    this.sources = sources;
  }

  private record Place(Path file, int line, StackFrame frame) {}

  /** The findings of {@code crash}; empty when none of its frames is the workspace's. */
  public List<Finding> map(Crash crash) {
    if (crash.race().isPresent()) {
      return race(crash.race().get());
    }
    String omitted = crash.omittedGoroutines() == 0 ? ""
        : String.format(Locale.ROOT, " (… %,d more goroutines not read)", crash.omittedGoroutines());
    if (crash.goroutineDump()) {
      var out = new ArrayList<Finding>();
      for (var g : crash.goroutines()) {
        if (g.waiting()) {
          goroutine(g, g.frames(), CrashKind.DUMP.code(), "hang: goroutine " + g.id() + " blocked: " + g.status()
              + (g.minutes() > 0 ? ", " + g.minutes() + (g.minutes() == 1 ? " minute" : " minutes") : "") + omitted)
              .ifPresent(out::add);
        }
      }
      return out;
    }
    if (crash.kind() == CrashKind.RECOVERED) {
      return crash.crashedGoroutine()
          .flatMap(g -> goroutine(g, belowPanic(g.frames()), crash.kind().code(), "recovered panic: "
              + crash.message() + crash.request().map(r -> " (serving " + r + ")").orElse("")))
          .map(List::of)
          .orElse(List.of());
    }
    if (crash.deadlock()) {
      var out = new ArrayList<Finding>();
      for (var g : crash.goroutines()) {
        String message = "deadlock: goroutine " + g.id() + " blocked: " + g.status()
            + (g.minutes() > 0 ? ", " + g.minutes() + " minutes" : "") + omitted;
        goroutine(g, g.frames(), crash.kind().code(), message).ifPresent(out::add);
      }
      return out;
    }
    return crash.crashedGoroutine()
        .flatMap(g -> goroutine(g, g.frames(), crash.kind().code(), crash.message() + omitted))
        .map(List::of)
        .orElse(List.of());
  }

  /**
   * A finding on line {@code line} of the workspace file {@code file} as a trace or a test's output
   * names it ({@link FrameLocator#locate}), ranged over the line's code like a crash's; empty when
   * the file is not the workspace's, or the line is past its end.
   */
  public Optional<Finding> onLine(String file, int line, String code, String message) {
    if (line < 1) {
      return Optional.empty();
    }
    return locator.locate(file)
        .filter(f -> sources.line(f, line).isPresent())
        .map(f -> finding(new Place(f, line, new StackFrame(StackFrame.UNKNOWN_FUNCTION, "", file, line, 0)),
            code, message, List.of()));
  }

  /** The frames below the last {@code panic} frame (all of them when none is). */
  private static List<StackFrame> belowPanic(List<StackFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).panicking()) {
        return frames.subList(i + 1, frames.size());
      }
    }
    return frames;
  }

  private Optional<Finding> goroutine(Goroutine g, List<StackFrame> frames, String code, String message) {
    var places = places(frames);
    if (places.isEmpty()) {
      return Optional.empty();
    }
    var related = new LinkedHashSet<Finding.Related>();
    chain(places, related);
    g.createdBy().flatMap(this::place).ifPresent(p -> related.add(related(p,
        "goroutine " + g.id() + " created by " + shortName(p.frame().function()))));
    return Optional.of(finding(places.get(0), code, message, List.copyOf(related)));
  }

  private List<Finding> race(RaceReport report) {
    var tops = new ArrayList<Optional<Place>>();
    for (var access : report.accesses()) {
      tops.add(places(access.frames()).stream().findFirst());
    }
    var out = new ArrayList<Finding>();
    for (int i = 0; i < report.accesses().size(); i++) {
      var access = report.accesses().get(i);
      var places = places(access.frames());
      if (places.isEmpty()) {
        continue;
      }
      var related = new LinkedHashSet<Finding.Related>();
      for (int j = 0; j < tops.size(); j++) {
        var other = report.accesses().get(j);
        if (j != i && tops.get(j).isPresent()) {
          related.add(related(tops.get(j).get(), describe(other)));
        }
      }
      chain(places, related);
      for (var creation : report.creations()) {
        if (access.goroutine().isPresent() && creation.goroutine() == access.goroutine().getAsLong()) {
          places(creation.frames()).stream().findFirst().ifPresent(p -> related.add(related(p,
              "goroutine " + creation.goroutine() + " created in " + shortName(p.frame().function()))));
        }
      }
      out.add(finding(places.get(0), CrashKind.RACE.code(), "data race: " + describe(access), List.copyOf(related)));
    }
    return out;
  }

  private static String describe(RaceReport.Access access) {
    String op = access.operation();
    return Character.toLowerCase(op.charAt(0)) + op.substring(1) + " by " + access.by();
  }

  private void chain(List<Place> places, LinkedHashSet<Finding.Related> into) {
    for (int i = 1; i < places.size(); i++) {
      var p = places.get(i);
      into.add(related(p, "called from " + shortName(p.frame().function())));
    }
  }

  private List<Place> places(List<StackFrame> frames) {
    var out = new ArrayList<Place>();
    for (var frame : frames) {
      place(frame).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Place> place(StackFrame frame) {
    if (frame.line() < 1) {
      return Optional.empty();
    }
    var file = locator.userFunction(frame.function()) ? locator.locate(frame.file()) : locator.locateExactly(frame.file());
    return file
        .filter(f -> sources.line(f, frame.line()).isPresent()) // a line past the file's end is no place
        .map(f -> new Place(f, frame.line(), frame));
  }

  private Finding finding(Place p, String code, String message, List<Finding.Related> related) {
    var text = sources.line(p.file(), p.line()).orElse("");
    int start = firstNonBlank(text);
    int end = lastNonBlank(text);
    return end <= start
        ? new Finding(p.file(), p.line(), 1, p.line(), 1, code, message, related)
        : new Finding(p.file(), p.line(), start + 1, p.line(), end + 1, code, message, related);
  }

  private Finding.Related related(Place p, String message) {
    var text = sources.line(p.file(), p.line()).orElse("");
    int start = firstNonBlank(text);
    return new Finding.Related(p.file(), p.line(), start < lastNonBlank(text) ? start + 1 : 1, message);
  }

  /** UTF-16 index of the first character that is not a space or tab (Java strings count UTF-16). */
  private static int firstNonBlank(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int lastNonBlank(String text) {
    int i = text.length();
    while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** {@code example.com/m/pkg.(*T).M} → {@code pkg.(*T).M}. */
  static String shortName(String function) {
    if (function.equals(StackFrame.UNKNOWN_FUNCTION)) {
      return "a frame";
    }
    int bracket = function.indexOf('[');
    int slash = function.lastIndexOf('/', bracket < 0 ? function.length() - 1 : bracket);
    return function.substring(slash + 1);
  }
}
