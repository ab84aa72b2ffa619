package dev.citadel.client.db;

import dev.citadel.client.InvalidArgumentException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A position in the primary's write-ahead log ({@code pg_lsn}, e.g. {@code 0/3000148}), as taken
 * by {@link Database#writePosition()} after a write: reads through {@link SqlClient#reads(WalPosition)}
 * see everything committed before it. Immutable; its text is the server's own.
 *
 * @param lsn the position in PostgreSQL's {@code X/Y} hexadecimal notation
 */
public record WalPosition(String lsn) {
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  /**
   * @throws InvalidArgumentException when {@code lsn} is not {@code X/Y} in hexadecimal
   */
  public WalPosition {
    Objects.requireNonNull(lsn, "lsn");
    if (!LSN.matcher(lsn).matches()) {
      throw new InvalidArgumentException("lsn", "must be a pg_lsn such as 0/3000148 (hexadecimal X/Y)");
    }
  }

  @Override
  public String toString() {
    return lsn;
  }
}
