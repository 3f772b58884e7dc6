package dev.hotlsp.proxy.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.hotlsp.proxy.wire.Frame;
import org.junit.jupiter.api.Test;

/**
 * What gopls still says after the headless editor closed goes nowhere, quietly: a check that ends
 * early (no go command) closed the editor while gopls was still publishing, and the proxy's reader
 * logged each late message as an internal routing error (seen once in a full CI run).
 */
class HeadlessEditorTest {
  @Test
  void aMessageAfterCloseIsDroppedQuietly() {
    var editor = new HeadlessEditor();
    editor.close();
    assertDoesNotThrow(() -> editor.send(Frame.of(
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":\"file:///a.go\",\"diagnostics\":[]}}")));
  }
}
