package dev.hotlsp.proxy.gopls;

import com.google.gson.JsonElement;
import dev.hotlsp.bridge.process.CommandSpec;
import dev.hotlsp.bridge.process.ProcessLauncher;
import dev.hotlsp.proxy.log.FrameTap;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.IdKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one gopls running: starts it, detects its death at once, restarts it with backoff and
 * has the {@link Listener} replay the session, gives up after too many crashes, and holds
 * messages that arrive while no gopls is ready. All state changes happen under one lock, which
 * {@link #sendSessionUpdate} shares, so a document change can never slip between a replay's
 * snapshot and the moment the new gopls starts receiving messages.
 */
public final class GoplsSupervisor implements GoplsProcess.Events {
  /** The supervisor's view of gopls. */
  public enum State { RUNNING, RESTARTING, GAVE_UP, FAILED, STOPPED }

  /** What happened to a message handed to {@link #send}. */
  public enum Outcome { SENT, QUEUED, UNAVAILABLE }

  /** Receives every message gopls sends, with the generation that sent it. */
  @FunctionalInterface
  public interface FrameSink {
    void onFrame(int generation, Frame frame);
  }

  /** What happens around a death: the editor's view of it, and the replay of the session. */
  public interface Listener {
    /**
     * gopls died; requests with ids in {@code queued} are still waiting and will be sent.
     * Returns false when restarting would be pointless (the editor's own initialize failed).
     */
    boolean onDeath(int generation, String cause, List<String> stderrTail, Set<IdKey> queued);

    /** Sends {@code initialize} to a new generation; completes when it answered. */
    CompletableFuture<?> initialize(int generation);

    /** Sends the rest of the session (initialized, configuration, open documents). */
    void replay(int generation);

    /** The new generation is serving; {@code crash} says what happened to the last one. */
    void restored(int generation, String crash);

    /** A queued request waited too long for gopls: answer it. */
    void expired(JsonElement wireId);

    /** gopls will not be restarted again until the user asks. */
    void gaveUp(String crash, int crashes, Duration window);
  }

  private record Queued(Frame frame, JsonElement wireId) {}

  private final CommandSpec spec;
  private final ProcessLauncher launcher;
  private final Log log;
  private final ScheduledExecutorService scheduler;
  private final CrashPolicy policy;
  private final Duration initializeTimeout;
  private final Duration queueBound;
  private final long maxMessageBytes;
  private final FrameTap tap;
  private final Object lock = new Object();
  private final Deque<Queued> queue = new ArrayDeque<>();
  private Listener listener;
  private FrameSink frames;
  private State state = State.STOPPED;
  private GoplsProcess current;
  private int generation;
  private String lastCrash = "";

  /** @param tap sees every frame written to and read from each gopls ({@code --trace}) */
  public GoplsSupervisor(
      CommandSpec spec, ProcessLauncher launcher, Log log, Clock clock, ScheduledExecutorService scheduler,
      SupervisorSettings settings, FrameTap tap) {
    this.tap = tap;
    this.spec = spec;
    this.launcher = launcher;
    this.log = log;
    this.scheduler = scheduler;
    this.policy = new CrashPolicy(settings.crashLimit(), settings.crashWindow(), clock);
    this.initializeTimeout = settings.initializeTimeout();
    this.queueBound = settings.queueBound();
    this.maxMessageBytes = settings.maxMessageBytes();
  }

  /** Starts the first gopls; the editor's own initialize goes to it directly. */
  public void start(FrameSink frames, Listener listener) throws IOException {
    synchronized (lock) {
      this.frames = frames;
      this.listener = listener;
      generation = 1;
      try {
        current = GoplsProcess.start(generation, spec, launcher, maxMessageBytes, log, this);
      } catch (IOException e) {
        state = State.FAILED;
        throw e;
      }
      state = State.RUNNING;
      log.info("started gopls (pid " + current.pid() + "): " + spec.display());
    }
  }

  public State state() {
    synchronized (lock) {
      return state;
    }
  }

  public int generation() {
    synchronized (lock) {
      return generation;
    }
  }

  /** The pid of the running gopls, or -1. */
  public long pid() {
    synchronized (lock) {
      return state == State.RUNNING ? current.pid() : -1;
    }
  }

  /** Sends to the running gopls, or queues while it restarts ({@code wireId} set for requests). */
  public Outcome send(Frame frame, JsonElement wireId) {
    synchronized (lock) {
      switch (state) {
        case STOPPED -> {
          if (current != null && write(frame)) {
            return Outcome.SENT; // the editor's exit, after expectExit
          }
          return Outcome.UNAVAILABLE;
        }
        case RUNNING -> {
          if (write(frame)) {
            return Outcome.SENT;
          }
          enqueue(frame, wireId);
          return Outcome.QUEUED;
        }
        case RESTARTING -> {
          enqueue(frame, wireId);
          return Outcome.QUEUED;
        }
        default -> {
          return Outcome.UNAVAILABLE;
        }
      }
    }
  }

  /**
   * Applies a session change and sends its message, atomically with respect to restarts: while
   * gopls restarts the message is dropped, because the replay carries the change.
   */
  public void sendSessionUpdate(Runnable apply, Frame frame) {
    synchronized (lock) {
      apply.run();
      if (state == State.RUNNING) {
        write(frame);
      }
    }
  }

  /** Sends to generation {@code gen} only (replay traffic); false if it is gone. */
  public boolean sendTo(int gen, Frame frame) {
    synchronized (lock) {
      return gen == generation && current != null && !current.isDead() && write(frame);
    }
  }

  private boolean write(Frame frame) {
    if (!current.send(frame)) {
      return false;
    }
    tap.record("hotlsp->gopls", frame);
    return true;
  }

  private void enqueue(Frame frame, JsonElement wireId) {
    var queued = new Queued(frame, wireId);
    queue.addLast(queued);
    if (wireId != null) {
      scheduler.schedule(() -> expire(queued), queueBound.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void expire(Queued queued) {
    boolean removed;
    synchronized (lock) {
      removed = queue.remove(queued);
    }
    if (removed) {
      listener.expired(queued.wireId());
    }
  }

  @Override
  public void onFrame(int gen, Frame frame) {
    tap.record("gopls->hotlsp", frame);
    frames.onFrame(gen, frame);
  }

  @Override
  public void onDeath(int gen, String cause) {
    List<String> tail;
    Set<IdKey> queued = new HashSet<>();
    synchronized (lock) {
      if (gen != generation || state != State.RUNNING && state != State.RESTARTING) {
        return;
      }
      tail = current == null ? List.of() : current.stderrTail();
      lastCrash = cause;
      state = State.RESTARTING;
      queue.stream().filter(q -> q.wireId() != null).forEach(q -> queued.add(IdKey.of(q.wireId())));
    }
    log.warn(cause + (tail.isEmpty() ? "" : "; its last stderr lines:\n  " + String.join("\n  ", tail)));
    boolean restart = listener.onDeath(gen, cause, tail, queued);
    java.util.Optional<Duration> delay;
    synchronized (lock) {
      if (generation != gen || state != State.RESTARTING) {
        return;
      }
      delay = restart ? policy.onCrash() : java.util.Optional.empty();
      state = delay.isPresent() ? State.RESTARTING : restart ? State.GAVE_UP : State.FAILED;
    }
    if (delay.isPresent()) {
      log.info("restarting gopls in " + delay.get().toMillis() + " ms");
      scheduler.schedule(() -> restart(gen + 1), delay.get().toMillis(), TimeUnit.MILLISECONDS);
    } else {
      failQueue();
      if (restart) {
        listener.gaveUp(cause, policy.limit(), policy.window());
      }
    }
  }

  private void failQueue() {
    List<Queued> dropped;
    synchronized (lock) {
      dropped = List.copyOf(queue);
      queue.clear();
    }
    dropped.stream().filter(q -> q.wireId() != null).forEach(q -> listener.expired(q.wireId()));
  }

  private void restart(int gen) {
    GoplsProcess process;
    synchronized (lock) {
      if (state != State.RESTARTING || generation != gen - 1) {
        return;
      }
      generation = gen;
      try {
        current = GoplsProcess.start(gen, spec, launcher, maxMessageBytes, log, this);
      } catch (IOException e) {
        log.error("cannot restart gopls: " + e.getMessage());
        state = State.RUNNING; // let onDeath count it as a crash
        current = null;
      }
      process = current;
    }
    if (process == null) {
      onDeath(gen, "gopls could not be started");
      return;
    }
    listener.initialize(gen)
        .orTimeout(initializeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            initializeFailed(gen, process, failure);
            return;
          }
          String crash;
          synchronized (lock) {
            if (generation != gen || state != State.RESTARTING) {
              return;
            }
            listener.replay(gen);
            state = State.RUNNING;
            while (!queue.isEmpty()) {
              var q = queue.pollFirst();
              if (!write(q.frame())) {
                queue.addFirst(q);
                break;
              }
            }
            crash = lastCrash;
          }
          log.info("gopls restarted (generation " + gen + ", pid " + process.pid() + ")");
          listener.restored(gen, crash);
        });
  }

  /**
   * The editor's own initialize went to the running gopls: unless {@code answered} completes
   * within the initialize timeout, that gopls has failed (it is killed and its death reported),
   * as for a restarted one.
   */
  public void superviseInitialize(CompletableFuture<?> answered) {
    GoplsProcess process;
    int gen;
    synchronized (lock) {
      if (state != State.RUNNING || current == null) {
        return;
      }
      process = current;
      gen = generation;
    }
    answered.copy().orTimeout(initializeTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
      if (failure != null) {
        initializeFailed(gen, process, failure);
      }
    });
  }

  private void initializeFailed(int gen, GoplsProcess process, Throwable failure) {
    var why = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    log.warn("gopls generation " + gen + " did not answer initialize: " + why);
    if (process.kill()) {
      onDeath(gen, why instanceof TimeoutException
          ? "gopls did not answer initialize within " + initializeTimeout.toMillis() + " ms"
          : "gopls failed before answering initialize (" + why.getMessage() + ")");
    }
  }

  /** Restarts gopls now and forgets earlier crashes (the user asked). */
  public void restartNow() {
    GoplsProcess old;
    int next;
    synchronized (lock) {
      if (state == State.STOPPED || listener == null) {
        return; // stopped, or never started (no gopls found)
      }
      policy.reset();
      old = current;
      next = generation + 1;
      state = State.RESTARTING;
      lastCrash = "restarted on request";
    }
    if (old != null) {
      old.stop(Duration.ofMillis(500));
    }
    listener.onDeath(next - 1, "restarted on request", List.of(), Set.of());
    scheduler.execute(() -> restart(next));
  }

  /** The editor said {@code exit}: gopls will exit now, and that is no crash. */
  public void expectExit() {
    synchronized (lock) {
      state = State.STOPPED;
      if (current != null) {
        current.expectExit();
      }
    }
  }

  /** Stops gopls for good: close its input, wait {@code grace}, then kill its process tree. */
  public void stop(Duration grace) {
    GoplsProcess process;
    synchronized (lock) {
      state = State.STOPPED;
      process = current;
      queue.clear();
    }
    if (process != null) {
      process.stop(grace);
    }
  }
}
