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
 * a race one finding at each access, related to the other. User frames are those whose function
 * belongs to a workspace module and whose file {@link FrameLocator} finds; GOROOT and module-cache
 * frames never are, nor is a frame whose line is not in its file. The range is the line's code:
 * first non-blank character to the end of the text, in UTF-16 columns. A trace whose goroutines
 * were not all kept ({@link Crash#omittedGoroutines}) says so in each finding's message. Pure given the index and the source text; not thread-safe.
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
    if (crash.deadlock()) {
      var out = new ArrayList<Finding>();
      for (var g : crash.goroutines()) {
        String message = "deadlock: goroutine " + g.id() + " blocked: " + g.status()
            + (g.minutes() > 0 ? ", " + g.minutes() + " minutes" : "") + omitted;
        goroutine(g, crash.kind().code(), message).ifPresent(out::add);
      }
      return out;
    }
    return crash.crashedGoroutine()
        .flatMap(g -> goroutine(g, crash.kind().code(), crash.message() + omitted))
        .map(List::of)
        .orElse(List.of());
  }

  private Optional<Finding> goroutine(Goroutine g, String code, String message) {
    var places = places(g.frames());
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
    if (frame.line() < 1 || !locator.userFunction(frame.function())) {
      return Optional.empty();
    }
    return locator.locate(frame.file())
        .filter(file -> sources.line(file, frame.line()).isPresent()) // a line past the file's end is no place
        .map(file -> new Place(file, frame.line(), frame));
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
    int bracket = function.indexOf('[');
    int slash = function.lastIndexOf('/', bracket < 0 ? function.length() - 1 : bracket);
    return function.substring(slash + 1);
  }
}
