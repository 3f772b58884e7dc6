package dev.hotlsp.proxy.files;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.EditorRequests;
import dev.hotlsp.proxy.wire.Messages;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * {@code hotlsp/files}, {@code hotlsp/readFile} and {@code hotlsp/writeFile} of a web session
 * (docs/lsp-extensions.md), answered from its {@link WorkspaceFiles} synchronously, so a write is
 * on disk before the {@code didSave} that follows it is routed.
 */
public final class FileRequests implements EditorRequests {
  public static final String FILES = "hotlsp/files";
  public static final String READ = "hotlsp/readFile";
  public static final String WRITE = "hotlsp/writeFile";
  private static final Set<String> METHODS = Set.of(FILES, READ, WRITE);

  private final WorkspaceFiles files;
  private final Log log;

  public FileRequests(WorkspaceFiles files, Log log) {
    this.files = files;
    this.log = log;
  }

  @Override
  public boolean handles(String method) {
    return METHODS.contains(method);
  }

  @Override
  public CompletableFuture<JsonElement> handle(String method, JsonObject params) {
    try {
      return CompletableFuture.completedFuture(switch (method) {
        case FILES -> listing();
        case READ -> {
          var path = path(params);
          var result = new JsonObject();
          result.addProperty("path", path);
          result.addProperty("text", files.read(path));
          yield result;
        }
        case WRITE -> {
          var path = path(params);
          var text = params.get("text");
          if (text == null || !text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
            throw failure(Messages.INVALID_PARAMS, WRITE + ": text must be a string");
          }
          var size = files.write(path, text.getAsString());
          log.info(WRITE + " " + path + " (" + size + " bytes)");
          var result = new JsonObject();
          result.addProperty("path", path);
          result.addProperty("size", size);
          yield result;
        }
        default -> throw new IllegalArgumentException(method);
      });
    } catch (FileAccessException e) {
      log.info(method + " refused: " + e.getMessage());
      return CompletableFuture.failedFuture(
          failure(e.badPath() ? Messages.INVALID_PARAMS : Messages.REQUEST_FAILED, e.getMessage()));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(failure(Messages.REQUEST_FAILED, method + " failed: " + e));
    } catch (ResponseErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private JsonObject listing() throws IOException {
    var listing = files.list();
    var array = new JsonArray();
    for (var entry : listing.files()) {
      var o = new JsonObject();
      o.addProperty("path", entry.path());
      o.addProperty("size", entry.size());
      array.add(o);
    }
    var result = new JsonObject();
    result.addProperty("root", FileUri.of(listing.root()));
    result.add("files", array);
    result.addProperty("truncated", listing.truncated());
    return result;
  }

  private static String path(JsonObject params) {
    var path = params == null ? null : params.get("path");
    if (path == null || !path.isJsonPrimitive() || !path.getAsJsonPrimitive().isString()) {
      throw failure(Messages.INVALID_PARAMS, "path must be a string (relative to the workspace)");
    }
    return path.getAsString();
  }

  private static ResponseErrorException failure(int code, String message) {
    return new ResponseErrorException(new ResponseError(code, message, null));
  }
}
