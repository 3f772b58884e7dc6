package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.hotlsp.proxy.wire.IdKey;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The id space of one peer: requests sent to it and not yet answered, keyed by the id it saw.
 * A relayed request keeps its original id when the peer can take it (a string, or an integer in
 * int64 range: gopls exits on any other number) and it is not already in use here; otherwise it
 * gets a fresh numeric one. HotLSP's own requests always get fresh ids. Thread-safe.
 */
public final class PendingRequests {
  private final ConcurrentHashMap<IdKey, Pending> byWireId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<OriginKey, IdKey> wireIdByOriginal = new ConcurrentHashMap<>();

  private final AtomicLong nextId = new AtomicLong();

  private record OriginKey(Origin origin, IdKey id) {
    // written out: see IdKey
    @Override
    public boolean equals(Object o) {
      return o instanceof OriginKey k && origin == k.origin && id.equals(k.id);
    }

    @Override
    public int hashCode() {
      return 31 * origin.hashCode() + id.hashCode();
    }
  }

  /** Registers a relayed request and returns the id to send it with. */
  public JsonElement relay(Origin origin, JsonElement originalId, String method, int generation) {
    var original = IdKey.of(originalId);
    if (portable(originalId) && byWireId.putIfAbsent(
            original, new Pending(origin, originalId, originalId, method, generation, null))
        == null) {
      wireIdByOriginal.put(new OriginKey(origin, original), original);
      return originalId;
    }
    var pending = fresh(origin, originalId, method, generation, null);
    wireIdByOriginal.put(new OriginKey(origin, original), IdKey.of(pending.wireId()));
    return pending.wireId();
  }

  /** True for an id every JSON-RPC peer can take as it is: a string, or an integer in int64 range. */
  static boolean portable(JsonElement id) {
    var p = id.getAsJsonPrimitive();
    if (p.isString()) {
      return true;
    }
    var text = p.getAsNumber().toString();
    int digits = integerDigits(text);
    // up to 18 digits always fits int64 (the common case, without a BigInteger)
    return digits > 0 && (digits <= 18 || new BigInteger(text).bitLength() < 64);
  }

  /** How many digits {@code text} has if it is a JSON integer ({@code -?(0|[1-9][0-9]*)}), else 0. */
  private static int integerDigits(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int digits = text.length() - start;
    if (digits == 0 || (text.charAt(start) == '0' && digits > 1)) {
      return 0;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return 0;
      }
    }
    return digits;
  }

  /** Registers a request HotLSP originates; the future completes with the whole response. */
  public Pending own(String method, int generation) {
    return fresh(Origin.PROXY, null, method, generation, new CompletableFuture<JsonObject>());
  }

  private Pending fresh(
      Origin origin, JsonElement originalId, String method, int generation, CompletableFuture<JsonObject> reply) {
    while (true) {
      var wire = new JsonPrimitive(nextId.incrementAndGet());
      var pending = new Pending(origin, originalId == null ? wire : originalId, wire, method, generation, reply);
      if (byWireId.putIfAbsent(IdKey.of(wire), pending) == null) {
        return pending;
      }
    }
  }

  /** Removes and returns the request a response with {@code wireId} answers. */
  public Optional<Pending> complete(JsonElement wireId) {
    if (wireId == null || !wireId.isJsonPrimitive()) {
      return Optional.empty();
    }
    var pending = byWireId.remove(IdKey.of(wireId));
    if (pending != null && pending.origin() != Origin.PROXY) {
      wireIdByOriginal.remove(new OriginKey(pending.origin(), IdKey.of(pending.originalId())));
    }
    return Optional.ofNullable(pending);
  }

  /** The id this peer saw for a request {@code origin} sent as {@code originalId}, if pending. */
  public Optional<JsonElement> wireIdOf(Origin origin, JsonElement originalId) {
    if (originalId == null || !originalId.isJsonPrimitive()) {
      return Optional.empty();
    }
    var wire = wireIdByOriginal.get(new OriginKey(origin, IdKey.of(originalId)));
    return wire == null ? Optional.empty() : Optional.ofNullable(byWireId.get(wire)).map(Pending::wireId);
  }

  /** Removes and returns every pending request that matches {@code filter}. */
  public List<Pending> drain(Predicate<Pending> filter) {
    var drained = byWireId.values().stream().filter(filter).toList();
    drained.forEach(p -> complete(p.wireId()));
    return drained;
  }

  public int size() {
    return byWireId.size();
  }
}
