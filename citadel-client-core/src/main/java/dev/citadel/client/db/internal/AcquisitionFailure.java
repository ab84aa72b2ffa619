package dev.citadel.client.db.internal;

import java.sql.SQLException;

/**
 * No connection could be borrowed, so no statement was sent: safe to retry even writes. Keeps
 * the pool's SQLSTATE so the failure is classified like the underlying one.
 */
final class AcquisitionFailure extends SQLException {
  private static final long serialVersionUID = 1L;

  AcquisitionFailure(SQLException cause) {
    super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
  }
}
