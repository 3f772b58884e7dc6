#!/usr/bin/env python3
"""Jetty 12 core WebSocket vs Java-WebSocket 1.6: start-up (JVM spawn to listening) and echo
round-trip latency of a 300-byte text message, same machine, same run, interleaved.

  bench/ws-libs/compare.py   (after ./dev build and `mvn dependency:get -Dartifact=org.java-websocket:Java-WebSocket:1.6.0`)
"""
import glob, os, socket, statistics, subprocess, sys, time, base64
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ws_bench  # noqa: E402

M2 = os.path.expanduser("~/.m2/repository")
JETTY = sorted(glob.glob(M2 + "/org/eclipse/jetty/jetty-*/12.1.14/*.jar") + glob.glob(M2 + "/org/eclipse/jetty/websocket/jetty-websocket-core-*/12.1.14/*.jar")
               + glob.glob(M2 + "/org/slf4j/slf4j-api/2.0.17/*.jar"))
JWS = glob.glob(M2 + "/org/java-websocket/Java-WebSocket/1.6.0/*.jar") + glob.glob(M2 + "/org/slf4j/slf4j-api/2.0.17/*.jar")
JAVA = os.path.join(subprocess.check_output(["bash", "-c", "source %s/scripts/find-jdk.sh; hotlsp_find_jdk" % os.path.dirname(os.path.dirname(HERE))]).decode().strip(), "bin")
LIBS = {"jetty-core": ("JettyEcho", JETTY), "java-websocket": ("JavaWebSocketEcho", JWS)}
OUT = "/tmp/ws-libs-classes"


def start(name):
    main, cp = LIBS[name]
    t0 = time.perf_counter()
    p = subprocess.Popen([JAVA + "/java", "-XX:TieredStopAtLevel=1", "-cp", ":".join(cp + [OUT]), main],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = p.stdout.readline().decode()
    return p, int(line.split()[1]), (time.perf_counter() - t0) * 1000


def echo(port, n):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.sendall(("GET /lsp HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (port, base64.b64encode(os.urandom(16)).decode())).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    r = ws_bench.WsReader(s)
    msg = b'{"jsonrpc":"2.0","id":1,"result":{"contents":{"kind":"markdown","value":"' + b"x" * 220 + b'"}}}'
    out = []
    for _ in range(n):
        t = time.perf_counter_ns()
        ws_bench.send_frame(s, 1, msg)
        r.read(10)
        out.append((time.perf_counter_ns() - t) / 1e6)
    s.close()
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (main, cp) in LIBS.items():
        subprocess.check_call([JAVA + "/javac", "-d", OUT, "-cp", ":".join(cp), os.path.join(HERE, main + ".java")])
    startup = {k: [] for k in LIBS}
    lat = {k: [] for k in LIBS}
    for _ in range(5):
        for name in LIBS:
            p, port, ms = start(name)
            startup[name].append(ms)
            echo(port, 300)  # warm-up
            lat[name] += echo(port, 1000)
            p.kill()
            p.wait()
    print("| library | jars (bytes) | start to listening, median of 5 (ms) | echo p50 (ms) | echo p99 (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, (_, cp) in LIBS.items():
        size = sum(os.path.getsize(j) for j in cp if "slf4j" not in j)
        v = sorted(lat[name])
        print("| %s | %d | %.0f | %.3f | %.3f |" % (name, size, statistics.median(startup[name]), v[len(v) // 2], v[int(len(v) * 0.99)]))


if __name__ == "__main__":
    main()
