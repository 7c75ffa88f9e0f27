package io.odqa.qa.retrieve.replica;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odqa.core.api.ApiKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.replicator.Replicator;
import org.apache.lucene.replicator.SessionToken;

/**
 * A real HTTP server speaking Lucene's ReplicationService protocol over a {@link Replicator}, as
 * ingest's ReplicationResource does, on loopback: it records the API key of every request, and
 * can cut the next file it serves in half (with a matching Content-Length, so that HTTP framing
 * cannot notice) to test the replica's own checks.
 */
@SuppressWarnings("deprecation")
final class ReplicationTestServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Replicator> replicators;
  final List<String> keysSeen = new CopyOnWriteArrayList<>();
  final List<String> actions = new CopyOnWriteArrayList<>();
  final AtomicBoolean truncateNextFile = new AtomicBoolean();

  ReplicationTestServer(Map<String, Replicator> replicators) throws IOException {
    this.replicators = replicators;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/replication/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    keysSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst(ApiKey.HEADER)));
    String[] path = exchange.getRequestURI().getPath().split("/");
    String action = path[path.length - 1].toUpperCase(Locale.ROOT);
    actions.add(action);
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    Replicator replicator = replicators.get(path[path.length - 2]);
    try {
      byte[] body = switch (action) {
        case "UPDATE" -> update(replicator.checkForUpdate(params.get("version")));
        case "OBTAIN" -> {
          try (InputStream in = replicator.obtainFile(params.get("sessionid"),
              params.get("source"), params.get("filename"))) {
            byte[] bytes = in.readAllBytes();
            yield truncateNextFile.getAndSet(false)
                ? Arrays.copyOf(bytes, bytes.length / 2) : bytes;
          }
        }
        case "RELEASE" -> {
          replicator.release(params.get("sessionid"));
          yield new byte[0];
        }
        default -> throw new IOException("unsupported action " + action);
      };
      send(exchange, 200, body);
    } catch (IOException e) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(new IOException(e.getMessage()));
      }
      send(exchange, 500, bytes.toByteArray());
    }
  }

  private static byte[] update(SessionToken token) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(token == null ? 0 : 1);
      if (token != null) {
        token.serialize(out);
      }
    }
    return bytes.toByteArray();
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
