package dev.hotlsp.bridge.build;

/**
 * Receives what the {@link RebuildLoop} does, always on the loop's own thread, one call at a time;
 * implementations must return quickly and never call back into the loop synchronously.
 */
public interface BuildListener {
  /** A set of changes was examined; called for every batch, also when nothing is built. */
  default void decided(RebuildDecision decision) {}

  /** A {@code go build} of one target has started. */
  void buildStarted(BuildStarted started);

  /** A build finished and was not superseded by a newer change (superseded builds are dropped). */
  void buildFinished(BuildResult result);
}
