package dev.hotlsp.proxy.web;

import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.log.TerminalText;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Applies the {@link AccessPolicy} to every HTTP request before anything else sees it: a refusal
 * is an HTTP 403 (before any WebSocket upgrade), logged once per reason as a warning (a page that
 * retries does not flood the log; repeats go to the debug log).
 */
final class AccessGuard extends Handler.Wrapper {
  static final String LSP_PATH = "/lsp";
  private final java.util.function.Supplier<AccessPolicy> policy;
  private final Log log;
  /** The refusal reasons already warned about (bounded: they quote what the client sent). */
  private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

  AccessGuard(java.util.function.Supplier<AccessPolicy> policy, Log log, Handler next) {
    super(next);
    this.policy = policy;
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var headers = request.getHeaders();
    var host = headers.get(HttpHeader.HOST);
    var path = Request.getPathInContext(request);
    var current = policy.get();
    if (current == null) {
      return StaticFiles.text(response, callback, 503, "starting\n");
    }
    var refusal = LSP_PATH.equals(path)
        ? current.checkUpgrade(host, headers.get(HttpHeader.ORIGIN),
            Request.extractQueryParameters(request).getValue("token"), subprotocols(request))
        : current.checkPage(host);
    if (refusal.isPresent()) {
      var line = TerminalText.escape("refused " + request.getMethod() + " " + path + " from "
          + Request.getRemoteAddr(request) + ": " + refusal.get().reason());
      if (warned.size() < 100 && warned.add(refusal.get().reason())) {
        log.warn(line + " (HTTP 403; repeats of this reason are logged at debug)");
      } else {
        log.debug(line);
      }
      return StaticFiles.text(response, callback, 403, "forbidden: " + refusal.get().reason() + "\n");
    }
    return super.handle(request, response, callback);
  }

  /** The entries of every {@code Sec-WebSocket-Protocol} header. */
  static List<String> subprotocols(Request request) {
    return request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
