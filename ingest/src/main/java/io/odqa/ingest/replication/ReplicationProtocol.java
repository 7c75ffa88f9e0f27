package io.odqa.ingest.replication;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.replicator.IndexRevision;
import org.apache.lucene.replicator.SessionExpiredException;
import org.apache.lucene.replicator.SessionToken;
import org.apache.lucene.replicator.http.ReplicationService;
import org.apache.lucene.replicator.http.ReplicationService.ReplicationAction;

/**
 * The wire format of Lucene's {@link ReplicationService}, which its {@code HttpReplicator} client
 * speaks: {@code GET <base>/<shard>/<ACTION>?params}, where the action is {@code update} (body:
 * byte 0 when the client is up to date, else byte 1 and a serialised {@link SessionToken}),
 * {@code obtain} (body: the file's bytes) or {@code release} (empty body). A failure is any status
 * but 200 with a Java-serialised exception as its body, which the client rethrows.
 *
 * <p>Lucene's service needs a servlet container; ingest serves the same bytes from JAX-RS. The
 * parameter names are Lucene's own constants (compile-time constants, so {@code
 * ReplicationService} itself, and its servlet API, is never loaded).
 */
final class ReplicationProtocol {
  static final String VERSION = ReplicationService.REPLICATE_VERSION_PARAM;
  static final String SESSION_ID = ReplicationService.REPLICATE_SESSION_ID_PARAM;
  static final String SOURCE = ReplicationService.REPLICATE_SOURCE_PARAM;
  static final String FILENAME = ReplicationService.REPLICATE_FILENAME_PARAM;
  /** The one source of an {@link IndexRevision} (Lucene's {@code IndexRevision.SOURCE}, private). */
  static final String INDEX_SOURCE = "index";

  /**
   * A Lucene index file name ({@code segments_N}, {@code _0.cfs}, {@code _0_1.liv}, ...), never a
   * path: Lucene's replicator opens whatever name it is given in the index directory, so a name
   * like {@code ../x} must not reach it.
   */
  private static final Pattern INDEX_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private ReplicationProtocol() {}

  /** The action named by the last path segment, in any case; empty when there is none. */
  static Optional<ReplicationAction> action(String name) {
    for (ReplicationAction action : ReplicationAction.values()) {
      if (action.name().equals(name.toUpperCase(Locale.ROOT))) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code source} and {@code fileName} can name a file of an index revision. */
  static boolean isRevisionFile(String source, String fileName) {
    return INDEX_SOURCE.equals(source) && fileName != null
        && INDEX_FILE.matcher(fileName).matches() && !fileName.contains("..");
  }

  /** The body of an {@code update} answer. */
  static byte[] update(SessionToken token) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (token == null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        token.serialize(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The body of a failure: an exception the client rethrows, carrying {@code message} only (no
   * cause, no stack trace of this process). An expired session stays a {@link
   * SessionExpiredException}; anything else is a plain {@link IOException}.
   */
  static byte[] failure(Exception cause) {
    String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    IOException sent = cause instanceof SessionExpiredException
        ? new SessionExpiredException(cause.getMessage()) : new IOException(message);
    sent.setStackTrace(new StackTraceElement[0]);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return bytes.toByteArray();
  }
}
