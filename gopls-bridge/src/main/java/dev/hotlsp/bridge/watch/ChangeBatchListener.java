package dev.hotlsp.bridge.watch;

/** Receives the batches of a {@link WorkspaceWatcher}, one call at a time (see its contract). */
@FunctionalInterface
public interface ChangeBatchListener {
  /** Called with a non-empty batch; never concurrently with another call on the same listener. */
  void onBatch(ChangeBatch batch);
}
