package io.odqa.qa.retrieve.replica;

import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.impl.conn.ManagedHttpClientConnectionFactory;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.impl.io.DefaultHttpRequestWriter;
import org.apache.http.io.HttpMessageWriterFactory;
import org.apache.http.protocol.HttpContext;

/**
 * Connections for Lucene's {@code HttpReplicator}, which builds its own HTTP client and takes
 * only a connection manager: the connections this one makes write {@code X-API-Key} into every
 * request to the source (and to no other host, should a response redirect), and give up
 * connecting after the configured timeout (the replicator's client sets none).
 */
final class ApiKeyConnections {
  private ApiKeyConnections() {}

  /** A connection manager for requests to {@code source}; the caller shuts it down. */
  static HttpClientConnectionManager create(ReplicaSource source, Optional<String> apiKey,
      Duration connectTimeout) {
    int timeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "odqa.replication.connect-timeout must be positive, got " + connectTimeout);
    }
    HttpMessageWriterFactory<HttpRequest> withKey = buffer -> new DefaultHttpRequestWriter(buffer) {
      @Override
      public void write(HttpRequest request) throws IOException, HttpException {
        apiKey.ifPresent(key -> request.setHeader(ApiKey.HEADER, key));
        super.write(request);
      }
    };
    ManagedHttpClientConnectionFactory keyed = new ManagedHttpClientConnectionFactory(withKey, null);
    String host = source.host().toLowerCase(Locale.ROOT);
    Registry<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
        .register("http", new PlainConnectionSocketFactory() {
          @Override
          public Socket connectSocket(int timeout, Socket socket, HttpHost target,
              InetSocketAddress remote, InetSocketAddress local, HttpContext context)
              throws IOException {
            return super.connectSocket(timeout > 0 ? timeout : timeoutMillis, socket, target,
                remote, local, context);
          }
        }).build();
    return new PoolingHttpClientConnectionManager(sockets, (route, config) -> {
      HttpHost target = route.getTargetHost();
      boolean toSource = host.equals(target.getHostName().toLowerCase(Locale.ROOT))
          && target.getPort() == source.port();
      return (toSource ? keyed : ManagedHttpClientConnectionFactory.INSTANCE).create(route, config);
    });
  }
}
