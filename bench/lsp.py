"""A small LSP client over a child process's stdio, for benchmarks (Python standard library only).

Framing: `Content-Length: N\r\n\r\n` + N bytes of UTF-8 JSON. Every wait has a timeout.
Server-to-client requests (workspace/configuration, client/registerCapability,
window/workDoneProgress/create, ...) are answered automatically; notifications are
handed to an optional callback.
"""
import json
import math
import os
import select
import signal
import subprocess
import threading
import time


class LspTimeout(Exception):
    """A wait for the server ran out of time."""


class LspClosed(Exception):
    """The server closed its stdout."""


def frame(payload):
    """Encodes a JSON-RPC message (dict or bytes) as one LSP frame."""
    body = payload if isinstance(payload, (bytes, bytearray)) else json.dumps(payload, separators=(",", ":")).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class FrameReader:
    """Reads LSP frames from a file descriptor, with a timeout on every read."""

    def __init__(self, fd):
        self.fd = fd
        self.buf = bytearray()

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LspTimeout("timed out reading from server")
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            raise LspTimeout("timed out reading from server")
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise LspClosed("server closed its output")
        self.buf += chunk

    def read(self, timeout):
        """Returns (body bytes, perf_counter_ns when the last byte arrived)."""
        deadline = time.monotonic() + timeout
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            self._fill(deadline)
        length = None
        for line in bytes(self.buf[:end]).split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ValueError("frame without Content-Length: %r" % bytes(self.buf[:end]))
        start = end + 4
        while len(self.buf) < start + length:
            self._fill(deadline)
        t = time.perf_counter_ns()
        body = bytes(self.buf[start:start + length])
        del self.buf[:start + length]
        return body, t


def default_server_request_result(method, params):
    """The answer a plain editor would give to a server-to-client request."""
    if method == "workspace/configuration":
        return [None for _ in (params or {}).get("items", [])]
    if method == "workspace/workspaceFolders":
        return None
    return None


class LspProcess:
    """A language server child process (own session, so its whole tree can be killed)."""

    def __init__(self, argv, cwd=None, env=None, stderr_path=None, on_notification=None):
        self.argv = list(argv)
        self.stderr_file = open(stderr_path, "ab") if stderr_path else subprocess.DEVNULL
        self.t_spawn = time.perf_counter_ns()
        self.proc = subprocess.Popen(
            self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr_file,
            cwd=cwd, env=env, bufsize=0, start_new_session=True)
        self.pid = self.proc.pid
        self.reader = FrameReader(self.proc.stdout.fileno())
        self.out_fd = self.proc.stdin.fileno()
        self.next_id = 1
        self.on_notification = on_notification
        self.write_lock = threading.Lock()

    # -- writing ---------------------------------------------------------
    def write_raw(self, data):
        view = memoryview(data)
        with self.write_lock:
            while view:
                try:
                    n = os.write(self.out_fd, view)
                except (BrokenPipeError, ConnectionResetError) as e:
                    raise LspClosed("server closed its input: %s" % e) from e
                view = view[n:]

    def notify(self, method, params):
        self.write_raw(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def send_request(self, method, params):
        """Writes a request; returns (id, perf_counter_ns just before the write)."""
        rid = self.next_id
        self.next_id += 1
        data = frame({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        t = time.perf_counter_ns()
        self.write_raw(data)
        return rid, t

    # -- reading ---------------------------------------------------------
    def handle_incoming(self, msg):
        """Answers server requests and dispatches notifications; returns True if msg was a response."""
        if "method" in msg:
            if "id" in msg:
                result = default_server_request_result(msg["method"], msg.get("params"))
                self.write_raw(frame({"jsonrpc": "2.0", "id": msg["id"], "result": result}))
            elif self.on_notification:
                self.on_notification(msg)
            return False
        return True

    def wait_response(self, rid, timeout):
        """Reads until the response to rid arrives; returns (message, perf_counter_ns of arrival)."""
        deadline = time.monotonic() + timeout
        while True:
            body, t = self.reader.read(max(0.001, deadline - time.monotonic()))
            msg = json.loads(body)
            if self.handle_incoming(msg) and msg.get("id") == rid:
                return msg, t

    def wait_any(self, ids, timeout):
        """Reads until a response to one of ids arrives; returns that message (LspTimeout if none)."""
        deadline = time.monotonic() + timeout
        while True:
            body, _ = self.reader.read(max(0.001, deadline - time.monotonic()))
            msg = json.loads(body)
            if self.handle_incoming(msg) and msg.get("id") in ids:
                return msg

    def request(self, method, params, timeout=30.0):
        """Sends one request and waits for its answer; returns (message, latency in ns)."""
        rid, t0 = self.send_request(method, params)
        msg, t1 = self.wait_response(rid, timeout)
        return msg, t1 - t0

    def pump(self, timeout):
        """Reads and dispatches messages for up to timeout seconds (returns early on silence)."""
        try:
            body, _ = self.reader.read(timeout)
        except LspTimeout:
            return False
        self.handle_incoming(json.loads(body))
        return True

    def wait_until(self, predicate, timeout, what):
        """Reads and dispatches messages until predicate() holds."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LspTimeout("timed out after %.0f s waiting for %s" % (timeout, what))
            self.pump(min(remaining, 0.5))

    # -- lifecycle -------------------------------------------------------
    def shutdown(self, timeout=5.0):
        """Polite shutdown + exit, then kills the process group whatever happens."""
        try:
            if self.proc.poll() is None:
                rid, _ = self.send_request("shutdown", None)
                self.wait_response(rid, timeout)
                self.notify("exit", None)
                self.proc.wait(timeout=timeout)
        except (LspTimeout, LspClosed, OSError, ValueError, subprocess.TimeoutExpired):
            pass
        finally:
            self.kill()

    def kill(self):
        kill_group(self.pid)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        if self.stderr_file is not subprocess.DEVNULL:
            self.stderr_file.close()


def kill_group(pid):
    """SIGKILLs the process group led by pid, and any descendants that left it."""
    for child in descendants(pid):
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# -- /proc helpers --------------------------------------------------------

def children_of(pid):
    """Direct children of pid, read from /proc/PID/task/*/children."""
    out = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                    out.extend(int(x) for x in f.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def descendants(pid):
    todo, seen = [pid], []
    while todo:
        for c in children_of(todo.pop()):
            if c not in seen:
                seen.append(c)
                todo.append(c)
    return seen


def proc_name(pid):
    try:
        return os.path.basename(os.readlink("/proc/%d/exe" % pid))
    except OSError:
        return ""


def proc_status_kib(pid, field):
    """A /proc/PID/status field in KiB (VmRSS, VmHWM), or None if the process is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class RssSampler:
    """Samples VmRSS/VmHWM of one process on a background thread."""

    def __init__(self, pid, interval=0.1):
        self.pid = pid
        self.interval = interval
        self.max_rss = 0
        self.hwm = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self):
        rss = proc_status_kib(self.pid, "VmRSS")
        hwm = proc_status_kib(self.pid, "VmHWM")
        if rss is not None:
            self.max_rss = max(self.max_rss, rss)
            self.samples += 1
        if hwm is not None:
            self.hwm = max(self.hwm, hwm)

    def start(self):
        self._thread.start()
        return self

    def cancel(self):
        self._stop.set()

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sample()
        return {"max_vmrss_kib": self.max_rss, "vmhwm_kib": self.hwm, "samples": self.samples}


# -- statistics -----------------------------------------------------------

def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100.0 * len(sorted_values)) - 1))
    return sorted_values[k]


def summarize_ns(values_ns):
    v = sorted(x / 1e6 for x in values_ns)
    return {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95), "p99": percentile(v, 99),
            "min": v[0] if v else float("nan"), "max": v[-1] if v else float("nan")}


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2
