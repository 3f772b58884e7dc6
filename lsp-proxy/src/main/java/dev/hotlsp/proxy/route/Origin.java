package dev.hotlsp.proxy.route;

/** Who sent a request that is waiting for its response. */
public enum Origin {
  EDITOR,
  GOPLS,
  /** HotLSP itself. */
  PROXY
}
