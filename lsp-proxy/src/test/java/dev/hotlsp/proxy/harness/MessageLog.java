package dev.hotlsp.proxy.harness;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Every message between the fake editor and the server, in the order seen, with a timestamp.
 * Waiters block on a condition signalled by each new message, never by polling. Thread-safe.
 */
public final class MessageLog {
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<LoggedMessage> messages = new ArrayList<>();
  private String closedReason;

  public MessageLog(Clock clock) {
    this.clock = clock;
  }

  /** Records a message and wakes every waiter; returns the logged form. */
  public LoggedMessage append(Direction direction, JsonObject body) {
    lock.lock();
    try {
      var m = new LoggedMessage(messages.size(), clock.instant(), direction, body);
      messages.add(m);
      changed.signalAll();
      return m;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the log as final (the connection ended); later waits judge it as it stands. */
  public void close(String reason) {
    lock.lock();
    try {
      if (closedReason == null) {
        closedReason = reason;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The sequence number the next message will get: pass it to {@link Expectation#since}. */
  public long mark() {
    lock.lock();
    try {
      return messages.size();
    } finally {
      lock.unlock();
    }
  }

  public LogView snapshot() {
    lock.lock();
    try {
      return new LogView(messages, closedReason != null);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until {@code expectation} is met and returns the view that met it.
   *
   * @throws AssertionError when it becomes unmeetable, the log closes first, or time runs out;
   *     the message lists every message seen
   */
  public LogView await(Expectation expectation, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        var view = new LogView(messages, closedReason != null);
        var verdict = expectation.verdict(view);
        if (verdict == Verdict.MET) {
          return view;
        }
        if (verdict == Verdict.UNMEETABLE) {
          throw failure("unmeetable", expectation);
        }
        if (closedReason != null) {
          throw failure("connection ended (" + closedReason + ") before it was met", expectation);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw failure("not met within " + timeout, expectation);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Every message, one summary line each, for failure messages. */
  public String listing() {
    lock.lock();
    try {
      var start = messages.isEmpty() ? null : messages.get(0).at();
      return messages.stream()
          .map(m -> String.format("  +%5dms %s", Duration.between(start, m.at()).toMillis(), m.summary()))
          .collect(Collectors.joining("\n"));
    } finally {
      lock.unlock();
    }
  }

  private AssertionError failure(String why, Expectation expectation) {
    return new AssertionError(
        "expectation " + why + ": " + expectation.description() + "\nmessages seen (" + messages.size() + "):\n" + listing());
  }
}
