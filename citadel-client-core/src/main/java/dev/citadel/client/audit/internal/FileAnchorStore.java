package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.audit.AuditException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The latest anchor of one chain in one small text file, replaced atomically: written to a
 * temporary file beside it, forced to disk, then renamed over it, so a reader sees the old
 * anchor or the new one, never half of one.
 */
public final class FileAnchorStore implements AuditAnchorStore {
  private final Path path;

  public FileAnchorStore(Path path) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
  }

  @Override
  public String name() {
    return "file " + path;
  }

  @Override
  public synchronized void publish(AuditAnchor a) {
    String text = "# citadel-client audit chain anchor (HMAC-SHA256 under the chain key)\n"
        + "chain_id=" + a.chainId() + "\n"
        + "sequence=" + a.sequence() + "\n"
        + "hash=" + HexFormat.of().formatHex(a.hash()) + "\n"
        + "key_id=" + a.keyId() + "\n"
        + "published_at=" + a.publishedAt() + "\n"
        + "mac=" + HexFormat.of().formatHex(a.mac()) + "\n";
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Files.createDirectories(path.getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AuditException("cannot write the audit anchor file " + path + " (audit.anchor.file): " + e, e);
    }
  }

  @Override
  public Optional<AuditAnchor> latest(String chainId) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new AuditException("cannot read the audit anchor file " + path + ": " + e, e);
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      if (!chainId.equals(p.getProperty("chain_id"))) {
        return Optional.empty();
      }
      return Optional.of(new AuditAnchor(p.getProperty("chain_id"), Long.parseLong(p.getProperty("sequence")),
          HexFormat.of().parseHex(p.getProperty("hash")), p.getProperty("key_id"),
          Instant.parse(p.getProperty("published_at")), HexFormat.of().parseHex(p.getProperty("mac"))));
    } catch (IOException | RuntimeException e) {
      throw new AuditException("the audit anchor file " + path + " does not hold an anchor (damaged or"
          + " replaced): " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
