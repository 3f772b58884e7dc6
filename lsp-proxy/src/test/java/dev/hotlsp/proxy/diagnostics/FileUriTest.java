package dev.hotlsp.proxy.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected URIs are what Go 1.26's {@code url.URL{Scheme: "file", Path: p}.String()} prints, as gopls does. */
class FileUriTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/tmp/a (b)/x.go | file:///tmp/a%20%28b%29/x.go",
      "/tmp/wörk space/x.go | file:///tmp/w%C3%B6rk%20space/x.go",
      "/tmp/a!b'c*d/x.go | file:///tmp/a%21b%27c%2Ad/x.go",
      "/tmp/a@b+c,d;e=f$g&h/x.go | file:///tmp/a@b+c,d;e=f$g&h/x.go",
      "/tmp/a#b%c?d[e]/x.go | file:///tmp/a%23b%25c%3Fd%5Be%5D/x.go",
      "/tmp/ok-_.~/x.go | file:///tmp/ok-_.~/x.go",
  })
  void spellsPathsAsGopls(String path, String uri) {
    assertEquals(uri, FileUri.of(Path.of(path)));
  }
}
