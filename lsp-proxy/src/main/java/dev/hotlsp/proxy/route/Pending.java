package dev.hotlsp.proxy.route;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/**
 * A request sent to a peer and not yet answered.
 *
 * @param originalId the id its origin gave it (what the origin must get back)
 * @param wireId the id the receiving peer saw
 * @param generation the gopls generation involved (sender or receiver), 0 when none
 * @param reply completed with the whole response message, for requests HotLSP originated
 */
public record Pending(
    Origin origin,
    JsonElement originalId,
    JsonElement wireId,
    String method,
    int generation,
    CompletableFuture<JsonObject> reply) {}
