import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Java-WebSocket 1.6 echo (text); prints PORT when listening. */
public class JavaWebSocketEcho extends WebSocketServer {
  JavaWebSocketEcho() { super(new InetSocketAddress("127.0.0.1", 0)); setTcpNoDelay(true); }
  public void onOpen(WebSocket c, ClientHandshake h) {}
  public void onClose(WebSocket c, int code, String reason, boolean remote) {}
  public void onMessage(WebSocket c, String m) { c.send(m); }
  public void onError(WebSocket c, Exception e) {}
  public void onStart() { System.out.println("PORT " + getPort()); }
  public static void main(String[] args) { new JavaWebSocketEcho().start(); }
}
