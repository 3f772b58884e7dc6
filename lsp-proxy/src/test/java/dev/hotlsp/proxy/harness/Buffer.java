package dev.hotlsp.proxy.harness;

import java.util.Objects;

/** An open document in the fake editor: its URI, language, LSP version and current text. */
public record Buffer(String uri, String languageId, int version, String text) {
  public Buffer {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(languageId, "languageId");
    Objects.requireNonNull(text, "text");
    if (version < 1) {
      throw new IllegalArgumentException("version " + version + " < 1");
    }
  }

  /** The next version of this buffer with new text. */
  public Buffer next(String newText) {
    return new Buffer(uri, languageId, version + 1, newText);
  }
}
