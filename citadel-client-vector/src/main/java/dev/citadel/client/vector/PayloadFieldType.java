package dev.citadel.client.vector;

/** The type of a payload index, i.e. how Qdrant indexes a payload field we filter on. */
public enum PayloadFieldType {
  /** Exact strings: ids, categories, tags. */
  KEYWORD,
  /** 64-bit integers. */
  INTEGER,
  /** Floating-point numbers. */
  FLOAT,
  /** Booleans. */
  BOOL,
  /** RFC 3339 timestamps. */
  DATETIME,
  /** Full-text tokens. */
  TEXT,
  /** UUID strings. */
  UUID
}
