package dev.citadel.qdrant.local.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Persistence for the local server: every applied write request, in order, as
 * {@code [length][type][protobuf bytes]} records in {@code operations.log}. Opening replays it;
 * {@link #compact} rewrites it as the current state (collections, indexes, points). Each record
 * is flushed to the operating system before the call returns, so a stopped or killed JVM loses
 * nothing; it is not fsynced, so a power loss may. Thread-safe.
 */
final class OperationLog implements AutoCloseable {
  /** Record types; their numbers are the file format. */
  enum Type {
    CREATE_COLLECTION, DELETE_COLLECTION, UPSERT, DELETE_POINTS, SET_PAYLOAD, OVERWRITE_PAYLOAD,
    DELETE_PAYLOAD, CLEAR_PAYLOAD, CREATE_INDEX, DELETE_INDEX
  }

  /** One record read back. */
  record Entry(Type type, byte[] body) {}

  /** A record to write when compacting. */
  record Snapshot(Type type, MessageLite message) {}

  private static final String FILE = "operations.log";

  private final Path file;
  private DataOutputStream out;

  private OperationLog(Path file) {
    this.file = file;
  }

  static OperationLog open(Path dir) {
    try {
      Files.createDirectories(dir);
      OperationLog log = new OperationLog(dir.resolve(FILE));
      log.out = log.appender();
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the operation log in " + dir, e);
    }
  }

  private DataOutputStream appender() throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16));
  }

  /**
   * Every complete record, in order. A torn last record (the process died mid-write) ends the
   * replay instead of failing it.
   */
  List<Entry> readAll() {
    List<Entry> entries = new java.util.ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          return entries;
        }
        int type = in.read();
        byte[] body = new byte[length];
        try {
          in.readFully(body);
        } catch (EOFException torn) {
          return entries;
        }
        if (type < 0 || type >= Type.values().length) {
          throw new IOException("unknown record type " + type + " in " + file);
        }
        entries.add(new Entry(Type.values()[type], body));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operation log " + file, e);
    }
  }

  synchronized void append(Type type, MessageLite message) {
    try {
      write(out, type, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the operation log " + file, e);
    }
  }

  private static void write(DataOutputStream to, Type type, MessageLite message) throws IOException {
    byte[] body = message.toByteArray();
    to.writeInt(body.length);
    to.write(type.ordinal());
    to.write(body);
  }

  /** Replaces the log with {@code state} atomically. */
  synchronized void compact(Iterable<Snapshot> state) {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      out.close();
      try (DataOutputStream to = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        for (Snapshot s : state) {
          write(to, s.type(), s.message());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out = appender();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact the operation log " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the operation log " + file, e);
    }
  }

  static <T> T parse(com.google.protobuf.Parser<T> parser, byte[] body) {
    try {
      return parser.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt operation log record", e);
    }
  }
}
