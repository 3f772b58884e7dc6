package dev.hotlsp.bridge.gopls;

import java.util.List;

/** No usable gopls was found; carries every place that was tried, in order. */
public final class GoplsNotFoundException extends Exception {
  private final List<String> tried;

  public GoplsNotFoundException(List<String> tried) {
    super(
        "gopls not found (tried: "
            + String.join(", ", tried)
            + "). Install it with: GOTOOLCHAIN=local go install golang.org/x/tools/gopls@v0.23.0"
            + " (or run ./dev setup), or pass --gopls PATH");
    this.tried = List.copyOf(tried);
  }

  public List<String> tried() {
    return tried;
  }
}
