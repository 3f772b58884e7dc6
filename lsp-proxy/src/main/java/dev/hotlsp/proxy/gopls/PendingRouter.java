package dev.hotlsp.proxy.gopls;

import com.google.gson.JsonElement;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.IdKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link GoplsSupervisor} started before the router exists talks to: each call waits until
 * {@link #attach} hands over the router's frame sink and listener, then goes to them. gopls says
 * nothing before the editor's {@code initialize}, which only the router sends, so in practice only
 * a death within the proxy's first milliseconds waits here (never under the supervisor's lock).
 */
public final class PendingRouter implements GoplsSupervisor.FrameSink, GoplsSupervisor.Listener {
  private record Target(GoplsSupervisor.FrameSink frames, GoplsSupervisor.Listener listener) {}

  private final CompletableFuture<Target> target = new CompletableFuture<>();

  /** From now on every call goes to {@code frames} and {@code listener}. */
  public void attach(GoplsSupervisor.FrameSink frames, GoplsSupervisor.Listener listener) {
    target.complete(new Target(frames, listener));
  }

  @Override
  public void onFrame(int generation, Frame frame) {
    target.join().frames().onFrame(generation, frame);
  }

  @Override
  public boolean onDeath(int generation, String cause, List<String> stderrTail, Set<IdKey> queued) {
    return target.join().listener().onDeath(generation, cause, stderrTail, queued);
  }

  @Override
  public CompletableFuture<?> initialize(int generation) {
    return target.join().listener().initialize(generation);
  }

  @Override
  public void replay(int generation) {
    target.join().listener().replay(generation);
  }

  @Override
  public void restored(int generation, String crash) {
    target.join().listener().restored(generation, crash);
  }

  @Override
  public void expired(JsonElement wireId) {
    target.join().listener().expired(wireId);
  }

  @Override
  public void gaveUp(String crash, int crashes, Duration window) {
    target.join().listener().gaveUp(crash, crashes, window);
  }
}
