package dev.hotlsp.proxy.gopls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.hotlsp.proxy.harness.Poll;
import dev.hotlsp.proxy.wire.Frame;
import dev.hotlsp.proxy.wire.IdKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** What gopls says before the router exists waits for it, then reaches it in order. */
class PendingRouterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aFrameAndADeathBeforeTheAttachWaitAndThenReachTheRouter() throws Exception {
    var pending = new PendingRouter();
    var seen = new CopyOnWriteArrayList<String>();
    var reader = Thread.ofPlatform().start(() -> pending.onFrame(1, Frame.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")));
    var death = new CompletableFuture<Boolean>();
    var watcher = Thread.ofPlatform().start(() -> death.complete(pending.onDeath(1, "gone", List.of(), Set.of())));
    Poll.until("both callers wait for the router", WAIT,
        () -> reader.getState() == Thread.State.WAITING && watcher.getState() == Thread.State.WAITING,
        () -> reader.getState() + " " + watcher.getState());
    assertTrue(seen.isEmpty());

    pending.attach((generation, frame) -> seen.add("frame " + generation), new GoplsSupervisor.Listener() {
      @Override
      public boolean onDeath(int generation, String cause, List<String> stderrTail, Set<IdKey> queued) {
        seen.add("death " + generation + " " + cause);
        return true;
      }

      @Override
      public CompletableFuture<?> initialize(int generation) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void replay(int generation) {}

      @Override
      public void restored(int generation, String crash) {}

      @Override
      public void expired(JsonElement wireId) {}

      @Override
      public void gaveUp(String crash, int crashes, Duration window) {}
    });
    reader.join(WAIT.toMillis());
    assertTrue(death.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(Set.of("frame 1", "death 1 gone"), Set.copyOf(seen));
  }
}
