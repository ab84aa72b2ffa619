package dev.citadel.client.vector.sync;

/** How the words of a full-text query must occur in a chunk. */
public enum TextMatch {
  /**
   * Chunks holding at least one of the query's words (after the collection's stemming and stop
   * words), ranked by how many and how close together: the mode for natural-language questions
   * and retrieval. PostgreSQL {@code plainto_tsquery} with its terms ORed.
   */
  ANY_WORD,
  /**
   * Web-search syntax, PostgreSQL {@code websearch_to_tsquery}: every word must occur,
   * {@code "quoted phrases"} in order, {@code or} between alternatives, {@code -word} excluded.
   */
  WEBSEARCH
}
