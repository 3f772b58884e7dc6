// The one condition wait of the browser tests (the page of `hotlsp web`, the VS Code e2e): never a
// sleep of a fixed length, a poll of the condition until it holds or the time is up.

/**
 * Waits until `check` returns a truthy value (polled every `pollMs`), or fails with `what` and the
 * last value seen (or error thrown).
 */
export async function until(what, check, timeoutMs = 60_000, pollMs = 100) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) {
        return last;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
