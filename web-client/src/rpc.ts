// The page's connection to its HotLSP session: the WebSocket URL (token from the page's own URL),
// and JSON-RPC requests on a socket before the language client owns it.

/** `ws(s)://HOST:PORT/lsp?token=…` of the page's own origin. */
export function sessionUrl(): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/lsp?token=${encodeURIComponent(token)}`;
}

/** Opens a WebSocket; rejects if it closes before it opens. */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
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
