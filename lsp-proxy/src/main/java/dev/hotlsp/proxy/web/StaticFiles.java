package dev.hotlsp.proxy.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's files, from one directory ({@code web-client/dist}, or {@code --static}): GET and
 * HEAD only; {@code /} is {@code index.html}; a path with a {@code ..}, a backslash or a NUL, or one
 * that resolves (through links) outside the directory, is refused with 404 like a missing file.
 * A file's precompressed sibling ({@code NAME.br}, {@code NAME.gz}, written by the page's build) is
 * sent instead when the client accepts that encoding. Files under {@code assets/} (content-hashed
 * names) are cached for a year as immutable; the rest ({@code index.html}) are revalidated by ETag.
 * When the directory does not exist, every page is a plain 404 saying how to build it.
 */
final class StaticFiles extends Handler.Abstract {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"), Map.entry("map", "application/json"),
      Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
      Map.entry("wasm", "application/wasm"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
      Map.entry("txt", "text/plain; charset=utf-8"));
  /** Where Vite puts the files whose names carry a hash of their content. */
  static final String HASHED_DIR = "assets/";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Path root;

  StaticFiles(Path root) {
    this.root = root;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    var method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      return text(response, callback, 405, "method not allowed\n");
    }
    if (!Files.isDirectory(root)) {
      return text(response, callback, 404, "The HotLSP web page is not built: " + root + " does not exist.\n"
          + "Build it with ./dev build in the HotLSP repository, or pass --static DIR.\n");
    }
    var file = resolve(Request.getPathInContext(request));
    if (file.isEmpty()) {
      return text(response, callback, 404, "not found\n");
    }
    try {
      var path = file.get();
      var name = path.getFileName().toString();
      var ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
      var relative = root.toRealPath().relativize(path).toString().replace('\\', '/');
      var headers = response.getHeaders();
      headers.put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
      headers.put("X-Content-Type-Options", "nosniff");
      headers.put(HttpHeader.VARY, "Accept-Encoding");
      if (relative.startsWith(HASHED_DIR)) {
        headers.put(HttpHeader.CACHE_CONTROL, IMMUTABLE);
      } else {
        var etag = "\"" + Long.toHexString(Files.getLastModifiedTime(path).toMillis()) + "-"
            + Long.toHexString(Files.size(path)) + "\"";
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put(HttpHeader.ETAG, etag);
        var match = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (match != null && (match.contains(etag) || match.trim().equals("*"))) {
          response.setStatus(304);
          response.write(true, ByteBuffer.allocate(0), callback);
          return true;
        }
      }
      var accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
      for (var encoding : ENCODINGS) {
        if (accepts(accepted, encoding.token())) {
          var sibling = path.resolveSibling(name + encoding.suffix());
          if (Files.isRegularFile(sibling, LinkOption.NOFOLLOW_LINKS)) {
            path = sibling;
            headers.put(HttpHeader.CONTENT_ENCODING, encoding.token());
            break;
          }
        }
      }
      var bytes = Files.readAllBytes(path);
      response.setStatus(200);
      headers.put(HttpHeader.CONTENT_LENGTH, Long.toString(bytes.length));
      response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
      return true;
    } catch (IOException e) {
      return text(response, callback, 404, "not found\n");
    }
  }

  /** A content encoding the build may have precompressed a file in, and its file name suffix. */
  private record Encoding(String token, String suffix) {}

  /** In the order preferred: brotli is the smaller. */
  private static final java.util.List<Encoding> ENCODINGS = java.util.List.of(new Encoding("br", ".br"),
      new Encoding("gzip", ".gz"));

  /** Whether an {@code Accept-Encoding} header accepts {@code token} (listed, or {@code *}, without {@code q=0}). */
  static boolean accepts(String header, String token) {
    if (header == null) {
      return false;
    }
    boolean star = false;
    for (var entry : header.split(",")) {
      var parts = entry.trim().split(";");
      var name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      boolean zero = false;
      for (int i = 1; i < parts.length; i++) {
        var p = parts[i].trim().replace(" ", "");
        if (p.startsWith("q=") && p.substring(2).matches("0(\\.0*)?")) {
          zero = true;
        }
      }
      if (name.equals(token)) {
        return !zero;
      }
      if (name.equals("*")) {
        star = !zero;
      }
    }
    return star;
  }

  /** The regular file a request path names inside the root, if it does. */
  Optional<Path> resolve(String requestPath) {
    if (requestPath == null || !requestPath.startsWith("/") || requestPath.contains("\\")
        || requestPath.contains("\0")) {
      return Optional.empty();
    }
    var relative = requestPath.substring(1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative = relative + "index.html";
    }
    for (var part : relative.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        return Optional.empty();
      }
    }
    try {
      var realRoot = root.toRealPath();
      var file = realRoot.resolve(relative).normalize();
      if (!file.startsWith(realRoot) || !Files.exists(file)) {
        return Optional.empty();
      }
      var real = file.toRealPath();
      return real.startsWith(realRoot) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
          ? Optional.of(real) : Optional.empty();
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  static boolean text(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
