// The page's connection to its HotLSP session: the WebSocket URL (token from the page's own URL),
// and JSON-RPC requests on a socket before the language client owns it.

interface EarlyWindow {
  /** `ws(s)://HOST:PORT/lsp?token=…` of the page's own origin, set by index.html */
  hotlspSessionUrl: string;
  /** the first socket, opened by index.html before the bundle loaded */
  hotlspFirstSocket?: WebSocket;
}

export function sessionUrl(): string {
  return (window as unknown as EarlyWindow).hotlspSessionUrl;
}

/** The socket index.html opened (once), else a new one; resolves when it is open, rejects if it closes first. */
export function openSocket(url: string): Promise<WebSocket> {
  const early = window as unknown as EarlyWindow;
  const ws = early.hotlspFirstSocket ?? new WebSocket(url);
  early.hotlspFirstSocket = undefined;
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.OPEN) {
      resolve(ws);
      return;
    }
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('close', (e) => reject(new Error(`closed before opening (${e.code} ${e.reason})`)), { once: true });
  });
}

let nextId = 0;

/** One request on a raw socket (one JSON-RPC message per text frame); its listener is gone once answered. */
export function rawRequest<R>(ws: WebSocket, method: string, params: unknown): Promise<R> {
  const id = `page-${++nextId}`;
  return new Promise<R>((resolve, reject) => {
    const onMessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') {
        return;
      }
      let msg: { id?: unknown; result?: R; error?: { message: string } };
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      if (msg.id !== id) {
        return;
      }
      done();
      msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result as R);
    };
    const onClose = () => {
      done();
      reject(new Error(`${method}: the connection closed`));
    };
    const done = () => {
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', onClose);
    };
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', onClose);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}
