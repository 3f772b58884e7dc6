package dev.hotlsp.proxy.harness;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A described condition over the message log that a test waits for with {@link
 * MessageLog#await}. An expectation that is {@link Verdict#UNMET} on a closed log is treated as
 * unmeetable by the waiter.
 */
public record Expectation(String description, Function<LogView, Verdict> check) {
  public Expectation {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(check, "check");
  }

  /** A two-valued expectation from a predicate: met when true, unmet otherwise. */
  public static Expectation of(String description, java.util.function.Predicate<LogView> holds) {
    return new Expectation(description, view -> holds.test(view) ? Verdict.MET : Verdict.UNMET);
  }

  public Verdict verdict(LogView view) {
    return check.apply(view);
  }

  /** The same condition judged only on messages from sequence number {@code mark} on. */
  public Expectation since(long mark) {
    return new Expectation(description + " (after #" + mark + ")", view -> verdict(view.since(mark)));
  }

  /** Met when every one is met; unmeetable when any is. */
  public static Expectation allOf(Expectation... all) {
    var description = String.join(" and ", Arrays.stream(all).map(Expectation::description).toList());
    return new Expectation(
        description,
        view -> {
          var result = Verdict.MET;
          for (var e : all) {
            var v = e.verdict(view);
            if (v == Verdict.UNMEETABLE) {
              return v;
            }
            if (v == Verdict.UNMET) {
              result = Verdict.UNMET;
            }
          }
          return result;
        });
  }

  /**
   * Once {@code precondition} is met, every one of {@code then} must be met on the same view, or
   * the whole is unmeetable (so a test does not wait for what has already been decided).
   */
  public static Expectation onceMet(Expectation precondition, Expectation... then) {
    var must = allOf(then);
    return new Expectation(
        "once " + precondition.description() + ": " + must.description(),
        view ->
            switch (precondition.verdict(view)) {
              case MET -> must.verdict(view) == Verdict.MET ? Verdict.MET : Verdict.UNMEETABLE;
              case UNMET -> Verdict.UNMET;
              case UNMEETABLE -> Verdict.UNMEETABLE;
            });
  }
}
