package dev.hotlsp.bridge.build;

import dev.hotlsp.bridge.testing.Recorder;
import java.time.Duration;
import java.util.List;

/** Records every call of the loop, in order, and lets a test wait for one. */
final class RecordingBuildListener implements BuildListener {
  static final Duration WAIT = Duration.ofSeconds(120);
  final Recorder<Object> events = new Recorder<>();

  @Override
  public void decided(RebuildDecision decision) {
    events.add(decision);
  }

  @Override
  public void buildStarted(BuildStarted started) {
    events.add(started);
  }

  @Override
  public void buildFinished(BuildResult result) {
    events.add(result);
  }

  /** The {@code n}-th (1-based) decision. */
  RebuildDecision decision(int n) throws InterruptedException {
    return (RebuildDecision) events.awaitNth(n, e -> e instanceof RebuildDecision, WAIT);
  }

  /** The {@code n}-th (1-based) build result of {@code target}. */
  BuildResult result(String target, int n) throws InterruptedException {
    return (BuildResult)
        events.awaitNth(n, e -> e instanceof BuildResult r && r.target().equals(target), WAIT);
  }

  List<BuildStarted> started() {
    return events.all().stream()
        .filter(BuildStarted.class::isInstance)
        .map(BuildStarted.class::cast)
        .toList();
  }
}
