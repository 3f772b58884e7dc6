import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/** Jetty 12 core WebSocket echo (text), as hotlsp web sets it up; prints PORT when listening. */
public class JettyEcho {
  public static void main(String[] args) throws Exception {
    var server = new Server();
    var connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    var upgrade = new WebSocketUpgradeHandler();
    upgrade.addMapping("/lsp", (req, resp, cb) -> new FrameHandler() {
      CoreSession session;
      public void onOpen(CoreSession s, Callback c) { session = s; c.succeeded(); s.demand(); }
      public void onFrame(Frame f, Callback c) {
        if (f.getOpCode() == OpCode.TEXT) {
          var copy = ByteBuffer.allocate(f.getPayloadLength()).put(f.getPayload()).flip();
          session.sendFrame(new Frame(OpCode.TEXT, copy), Callback.NOOP, false);
        }
        c.succeeded();
        if (f.getOpCode() != OpCode.CLOSE) session.demand();
      }
      public void onError(Throwable t, Callback c) { c.succeeded(); }
      public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus s, Callback c) { c.succeeded(); }
    });
    server.setHandler(upgrade);
    server.start();
    System.out.println("PORT " + connector.getLocalPort());
    server.join();
  }
}
