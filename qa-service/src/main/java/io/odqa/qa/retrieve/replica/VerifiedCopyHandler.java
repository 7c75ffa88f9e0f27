package io.odqa.qa.retrieve.replica;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.replicator.IndexReplicationHandler;
import org.apache.lucene.replicator.ReplicationClient.ReplicationHandler;
import org.apache.lucene.replicator.RevisionFile;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * Checks every copied file before Lucene's {@link IndexReplicationHandler} moves it into the
 * index: its length must be the revision's and its codec footer's CRC32 must match its bytes
 * (Lucene's client copies a stream without either check). A file cut short by a dropped
 * connection or corrupted on the way fails the revision before the index is touched; the client
 * throws, and the next poll copies the revision again. Also counts what was copied.
 */
final class VerifiedCopyHandler implements ReplicationHandler {
  private final IndexReplicationHandler delegate;
  private volatile long lastBytes;
  private volatile int lastFiles;

  VerifiedCopyHandler(IndexReplicationHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public Map<String, List<RevisionFile>> currentRevisionFiles() {
    return delegate.currentRevisionFiles();
  }

  @Override
  public String currentVersion() {
    return delegate.currentVersion();
  }

  @Override
  public void revisionReady(String version, Map<String, List<RevisionFile>> revisionFiles,
      Map<String, List<String>> copiedFiles, Map<String, Directory> sourceDirectory)
      throws IOException {
    long bytes = 0;
    int files = 0;
    for (Map.Entry<String, List<String>> source : copiedFiles.entrySet()) {
      Map<String, Long> lengths = new HashMap<>();
      for (RevisionFile file : revisionFiles.get(source.getKey())) {
        lengths.put(file.fileName, file.size);
      }
      Directory dir = sourceDirectory.get(source.getKey());
      for (String name : source.getValue()) {
        bytes += verify(dir, name, lengths.get(name));
        files++;
      }
    }
    delegate.revisionReady(version, revisionFiles, copiedFiles, sourceDirectory);
    lastBytes = bytes;
    lastFiles = files;
  }

  private static long verify(Directory dir, String name, Long expected) throws IOException {
    long length = dir.fileLength(name);
    if (expected == null || length != expected) {
      throw new CorruptIndexException("copied " + length + " bytes, the revision lists "
          + expected, name);
    }
    try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
      CodecUtil.checksumEntireFile(in);
    }
    return length;
  }

  /** Bytes copied for the last revision that was installed. */
  long lastBytes() {
    return lastBytes;
  }

  /** Files copied for the last revision that was installed. */
  int lastFiles() {
    return lastFiles;
  }
}
