package dev.hotlsp.bridge.gotest;

import java.util.ArrayList;
import java.util.List;

/**
 * A push parser of a whole {@code go test -json} stream into placed {@link PackageResult}s: text
 * in ({@link #feed}, chunks cut anywhere), each package's result out as it ends, the listener told
 * first. {@link #finish} at the end of the stream hands out the packages that never ended. Not
 * thread-safe.
 */
public final class GoTestOutput {
  private final TestJsonStream stream = new TestJsonStream();
  private final TestRunCollector collector;
  private final TestFindings findings;
  private final TestListener listener;

  public GoTestOutput(TestFindings findings, TestListener listener) {
    this.collector = new TestRunCollector(listener);
    this.findings = findings;
    this.listener = listener;
  }

  /** The packages {@code chunk} ended. */
  public List<PackageResult> feed(CharSequence chunk) {
    return accept(stream.feed(chunk));
  }

  /**
   * The end of the stream: the last line's package, then every package that had not ended ({@link
   * PackageStatus#STOPPED} when {@code stopped}).
   */
  public List<PackageResult> finish(boolean stopped) {
    var out = new ArrayList<>(accept(stream.finish()));
    for (var run : collector.finish(stopped)) {
      var result = findings.place(run);
      listener.packageDone(result);
      out.add(result);
    }
    return out;
  }

  /** What go printed outside every package so far (lines that were not JSON). */
  public String general() {
    return collector.general();
  }

  private List<PackageResult> accept(List<TestEvent> events) {
    var out = new ArrayList<PackageResult>();
    for (var e : events) {
      collector.accept(e).ifPresent(run -> {
        var result = findings.place(run);
        listener.packageDone(result);
        out.add(result);
      });
    }
    return out;
  }
}
