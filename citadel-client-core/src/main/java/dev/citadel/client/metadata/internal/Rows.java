package dev.citadel.client.metadata.internal;

import dev.citadel.client.InvalidArgumentException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Column readers and argument checks shared by the metadata and API key repositories. */
public final class Rows {
  private Rows() {}

  /** A {@code timestamptz} column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A {@code uuid} column, or null. */
  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  /** {@code value} unless it is null or blank ({@link InvalidArgumentException} naming {@code argument}). */
  public static String requireText(String value, String argument) {
    if (value == null || value.isBlank()) {
      throw new InvalidArgumentException(argument, "must not be blank");
    }
    return value;
  }
}
