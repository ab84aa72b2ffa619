package dev.citadel.benchmarks;

import dev.citadel.client.db.RowMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code items} as both sides of every comparison map it: the same mapping code runs
 * for the SDK (as its {@link RowMapper}) and for raw JDBC.
 */
public record Item(long id, String name, BigDecimal price) {

  /** The mapper both sides use. */
  public static final RowMapper<Item> MAPPER = Item::map;

  /** Maps the current row of {@code SELECT id, name, price ...}. */
  public static Item map(ResultSet rs) throws SQLException {
    return new Item(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3));
  }
}
