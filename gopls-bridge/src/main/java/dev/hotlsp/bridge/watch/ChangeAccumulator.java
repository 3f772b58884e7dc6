package dev.hotlsp.bridge.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects raw watch signals (a path was touched; events were lost) through a {@link Debouncer}
 * and, once quiet, turns them into one {@link ChangeBatch}: the touched paths settled against
 * {@link FileStates}, or a full rescan if any signal was an overflow. Empty batches are not
 * delivered. Thread-safe; the listener runs on the scheduler's thread.
 */
final class ChangeAccumulator {
  private static final System.Logger LOG = System.getLogger(ChangeAccumulator.class.getName());

  private sealed interface Signal permits Touched, Overflow {}

  private record Touched(Path path) implements Signal {}

  private record Overflow() implements Signal {}

  private final List<Path> roots;
  private final FileStates states;
  private final ChangeBatchListener listener;
  private final Debouncer<Signal> debouncer;
  private volatile boolean closed;
  /** System.nanoTime() of the first signal not yet delivered (0: none), for the debug log's phases. */
  private final java.util.concurrent.atomic.AtomicLong firstSignal = new java.util.concurrent.atomic.AtomicLong();

  ChangeAccumulator(
      List<Path> roots,
      FileStates states,
      Scheduler scheduler,
      java.time.Duration quiet,
      ChangeBatchListener listener) {
    this.roots = List.copyOf(roots);
    this.states = states;
    this.listener = listener;
    this.debouncer = new Debouncer<>(scheduler, quiet, this::deliver);
  }

  void touched(Path path) {
    firstSignal.compareAndSet(0, System.nanoTime());
    debouncer.add(new Touched(path));
  }

  void overflow() {
    debouncer.add(new Overflow());
  }

  /** Drops every signal from now on, including those still waiting for quiet. */
  void close() {
    closed = true;
  }

  private void deliver(List<Signal> signals) {
    if (closed) {
      return;
    }
    ChangeBatch batch;
    try {
      boolean overflow = signals.stream().anyMatch(s -> s instanceof Overflow);
      if (overflow) {
        batch = new ChangeBatch(states.rescan(roots), true);
      } else {
        var paths = new LinkedHashSet<Path>();
        signals.forEach(s -> paths.add(((Touched) s).path()));
        batch = new ChangeBatch(states.settle(paths), false);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read changed files", e);
      return;
    }
    long first = firstSignal.getAndSet(0);
    if (batch.isEmpty() || closed) {
      return;
    }
    if (first != 0) {
      int size = batch.changes().size();
      LOG.log(System.Logger.Level.DEBUG, () -> "phase batch: " + size + " change(s), first signal "
          + (System.nanoTime() - first) / 1_000_000 + " ms ago");
    }
    try {
      listener.onBatch(batch);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "change listener failed", e);
    }
  }
}
