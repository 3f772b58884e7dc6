package dev.hotlsp.proxy.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's files over the real {@code hotlsp web}: the build's precompressed siblings are sent to
 * a browser that accepts them, hashed assets are cached as immutable, {@code index.html} is
 * revalidated by ETag; a compressed sibling that links out of the directory is never sent.
 */
class StaticFilesTest {
  private static final String SCRIPT = "console.log('hotlsp');\n".repeat(200);
  private static WebFixture web;
  private static Path page;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    page = dir.resolve("dist");
    Files.createDirectories(page.resolve("assets"));
    Files.writeString(page.resolve("index.html"), "<!doctype html><title>HotLSP</title>");
    Files.writeString(page.resolve("assets/index-Ab12Cd.js"), SCRIPT);
    Files.write(page.resolve("assets/index-Ab12Cd.js.gz"), gzip(SCRIPT));
    Files.writeString(page.resolve("assets/index-Ab12Cd.js.br"), "brotli bytes");
    Files.writeString(page.resolve("assets/other-Ef34.css"), "body{}");
    Files.writeString(dir.resolve("secret.gz"), "secret");
    Files.createSymbolicLink(page.resolve("assets/other-Ef34.css.gz"), dir.resolve("secret.gz"));
    web = new WebFixture("hello", "--static", page.toString());
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  private static byte[] gzip(String text) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aBrowserAcceptingGzipGetsTheBuildsGzipSibling() throws Exception {
    var r = get("/assets/index-Ab12Cd.js", "Accept-Encoding", "gzip, deflate");
    assertEquals(200, r.statusCode());
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("Accept-Encoding", r.headers().firstValue("Vary").orElse(""));
    try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertEquals(SCRIPT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void brotliIsPreferredAndQZeroRefusesAnEncoding() throws Exception {
    var br = get("/assets/index-Ab12Cd.js", "Accept-Encoding", "gzip, deflate, br, zstd");
    assertEquals("br", br.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("brotli bytes", new String(br.body(), StandardCharsets.UTF_8));
    var noBr = get("/assets/index-Ab12Cd.js", "Accept-Encoding", "br;q=0, gzip");
    assertEquals("gzip", noBr.headers().firstValue("Content-Encoding").orElse(""));
  }

  @Test
  void withoutAcceptEncodingTheFileItselfIsSent() throws Exception {
    var r = get("/assets/index-Ab12Cd.js");
    assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
    assertArrayEquals(SCRIPT.getBytes(StandardCharsets.UTF_8), r.body());
  }

  @Test
  void hashedAssetsAreImmutableAndIndexIsRevalidatedByEtag() throws Exception {
    var asset = get("/assets/index-Ab12Cd.js", "Accept-Encoding", "gzip");
    assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""));
    var index = get("/");
    assertEquals(200, index.statusCode());
    assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElse(""));
    var etag = index.headers().firstValue("ETag").orElseThrow();
    var again = get("/", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(200, get("/", "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void aCompressedSiblingLinkingOutOfTheDirectoryIsNotSent() throws Exception {
    var r = get("/assets/other-Ef34.css", "Accept-Encoding", "gzip");
    assertEquals(200, r.statusCode());
    assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
    assertEquals("body{}", new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(get("/../secret.gz").statusCode() >= 400);
  }
}
