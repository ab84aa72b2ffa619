package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlOperations;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.sync.TextMatch;
import dev.citadel.client.vector.sync.TextSearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Full-text search over {@code vector_metadata} (vector migration V3: the generated
 * {@code content_tsv} column and its GIN index), ranked by {@code ts_rank_cd}, filtered by the
 * same {@link VectorFilter} as vector search, translated to conditions on the {@code payload}
 * jsonb. Thread-safe; holds no connection.
 */
public final class ChunkTextSearch {
  private final String collections;
  private final String metadata;

  public ChunkTextSearch(Database db) {
    String schema = "\"" + db.config().metadataSchema() + "\".";
    this.collections = schema + "collections";
    this.metadata = schema + "vector_metadata";
  }

  private static final RowMapper<SearchHit> HIT = rs -> new SearchHit(PointId.of(rs.getObject("point_id", UUID.class)),
      rs.getFloat("score"), Json.read(rs.getString("payload")), null);

  /**
   * Most chunks whose tsvector one search reads to rank them, unless offset + limit is larger. The
   * GIN index finds matches but cannot order them, and ranking reads each match's tsvector:
   * ranking every match of a frequent word cost 0.3-0.8 s at 100k chunks. Bounding the ranked set
   * bounds the work whatever the words.
   */
  public static final int RANK_WINDOW = 1_000;

  /** The best chunks of {@code collection} for {@code request}, best first. */
  public List<SearchHit> search(SqlOperations sql, String collection, TextSearchRequest request) {
    int window = Math.max(RANK_WINDOW, request.offset() + request.limit());
    List<Object> filterParams = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    for (VectorFilter.Condition c : request.filter().conditions()) {
      where.append(" AND ").append(condition(c, filterParams));
    }
    List<Object> params = new ArrayList<>();
    params.add(collection);
    // The collection's id and the tsqueries are scalar subqueries (init plans, evaluated once), so
    // they are parameters to the scans and the GIN index serves the @@. Choosing candidates reads
    // heap rows but not their tsvectors (a one-word or all-words match needs no recheck); only the
    // window's candidates are ranked, and payloads are read for the returned rows only. Candidates
    // are carried by ctid: within one statement (one snapshot) it names the very row version the
    // scan saw, and fetching it is one page read (vector V4 keeps the tsvector in that page).
    String matches = " FROM " + metadata + " m WHERE m.collection_id = (SELECT id FROM cfg)";
    String statement;
    if (request.match() == TextMatch.WEBSEARCH) {
      // Candidates: the first matches in table order (a boolean query offers no cheaper order).
      params.add(request.text());
      params.addAll(filterParams);
      params.add(window);
      statement = "WITH cfg AS (SELECT id, text_search_config FROM " + collections + " WHERE name = ?),"
          + " q AS (SELECT websearch_to_tsquery(cfg.text_search_config, ?) AS tsq FROM cfg),"
          + " cands AS MATERIALIZED (SELECT m.ctid AS rid" + matches + " AND m.content_tsv @@ (SELECT tsq FROM q)"
          + where + " LIMIT ?),"
          + " top AS (SELECT m.ctid AS rid, m.point_id, ts_rank_cd(m.content_tsv, (SELECT tsq FROM q)) AS score"
          + " FROM cands c JOIN " + metadata + " m ON m.ctid = c.rid ORDER BY score DESC, m.point_id LIMIT ? OFFSET ?)";
    } else {
      // Any word. Candidates, at most the window: every chunk holding all the words, then chunks
      // holding any of them, those of the rarest word first (each word's chunks counted up to the
      // window: a bounded scan per word that reads no tsvector). When the words' chunks fit in the
      // window, all are ranked. Score: the cover density of each word alone (an OR query's covers
      // are single words, blind to proximity), plus, for chunks holding every word, that of all of
      // them together, so chunks with every word close together come first.
      params.add(request.text());
      params.add(request.text());
      params.add(request.text());
      params.addAll(filterParams);
      params.add(window);
      params.addAll(filterParams);
      params.add(window);
      params.add(window);
      statement = "WITH cfg AS (SELECT id, text_search_config FROM " + collections + " WHERE name = ?),"
          + " q AS (SELECT replace(plainto_tsquery(cfg.text_search_config, ?)::text, ' & ', ' | ')::tsquery AS anyq,"
          + " plainto_tsquery(cfg.text_search_config, ?) AS allq FROM cfg),"
          // each lexeme as a one-word tsquery: quoted, its quotes and backslashes doubled
          + " words AS MATERIALIZED (SELECT DISTINCT w AS word, ('''' || replace(replace(w, '\\', '\\\\'), '''', '''''')"
          + " || '''')::tsquery AS wq FROM cfg, unnest(tsvector_to_array(to_tsvector(cfg.text_search_config, ?))) w),"
          + " every AS MATERIALIZED (SELECT m.ctid AS rid" + matches + " AND m.content_tsv @@ (SELECT allq FROM q)" + where
          + " LIMIT ?),"
          + " per_word AS MATERIALIZED (SELECT w.word, h.rid FROM words w CROSS JOIN LATERAL (SELECT m.ctid AS rid"
          + matches
          + " AND m.content_tsv @@ w.wq" + where + " LIMIT ?) h WHERE (SELECT count(*) FROM words) > 1),"
          + " df AS (SELECT word, count(*) AS n FROM per_word GROUP BY word),"
          + " cands AS MATERIALIZED (SELECT rid, min(tier) AS tier FROM (SELECT rid, 0 AS tier, 0::bigint AS n"
          + " FROM every UNION ALL SELECT p.rid, 1, df.n FROM per_word p JOIN df USING (word)) c"
          + " GROUP BY rid ORDER BY min(tier), min(n), rid LIMIT ?),"
          + " top AS (SELECT m.ctid AS rid, m.point_id, ts_rank_cd(m.content_tsv, (SELECT anyq FROM q))"
          + " + CASE WHEN c.tier = 0 THEN ts_rank_cd(m.content_tsv, (SELECT allq FROM q)) ELSE 0 END AS score"
          + " FROM cands c JOIN " + metadata + " m ON m.ctid = c.rid ORDER BY score DESC, m.point_id LIMIT ? OFFSET ?)";
    }
    params.add(request.limit());
    params.add(request.offset());
    statement += " SELECT top.point_id, top.score, m.payload::text AS payload FROM top JOIN " + metadata
        + " m ON m.ctid = top.rid ORDER BY top.score DESC, top.point_id";
    List<SearchHit> hits = sql.query(statement, HIT, params.toArray());
    if (hits.isEmpty() && sql.queryOptional("SELECT 1 FROM " + collections + " WHERE name = ?",
        RowMapper.column(Integer.class), collection).isEmpty()) {
      throw new VectorException(collection, "collection '" + collection
          + "' is not registered in PostgreSQL (call VectorSync.registerCollection first)", null);
    }
    return hits;
  }

  /** One filter condition as SQL over {@code m.payload} / {@code m.point_id}; adds its parameters. */
  static String condition(VectorFilter.Condition c, List<Object> params) {
    if (c instanceof VectorFilter.Keyword k) {
      params.add(path(k.key()));
      params.add(k.value());
      // jsonb containment: a string equal to the value, or an array holding it (Qdrant's match).
      return "(m.payload #> ?::text[]) @> to_jsonb(?::text)";
    }
    if (c instanceof VectorFilter.AnyKeyword a) {
      params.add(textArray(a.values()));
      params.add(path(a.key()));
      return "EXISTS (SELECT 1 FROM unnest(?::text[]) v WHERE (m.payload #> ?::text[]) @> to_jsonb(v))";
    }
    if (c instanceof VectorFilter.IntegerMatch i) {
      params.add(path(i.key()));
      params.add(i.value());
      return "(m.payload #> ?::text[]) @> to_jsonb(?::bigint)";
    }
    if (c instanceof VectorFilter.BooleanMatch b) {
      params.add(path(b.key()));
      params.add(b.value());
      return "(m.payload #> ?::text[]) @> to_jsonb(?::boolean)";
    }
    if (c instanceof VectorFilter.NumberRange r) {
      String value = "(CASE WHEN jsonb_typeof(m.payload #> ?::text[]) = 'number'"
          + " THEN (m.payload #>> ?::text[])::float8 END)";
      List<String> parts = new ArrayList<>();
      if (r.min() != null) {
        params.add(path(r.key()));
        params.add(path(r.key()));
        params.add(r.min());
        parts.add(value + " >= ?");
      }
      if (r.max() != null) {
        params.add(path(r.key()));
        params.add(path(r.key()));
        params.add(r.max());
        parts.add(value + " <= ?");
      }
      return parts.isEmpty() ? "(m.payload #> ?::text[]) IS NOT NULL" + addPath(params, r.key())
          : "(" + String.join(" AND ", parts) + ")";
    }
    if (c instanceof VectorFilter.TimeRange t) {
      // Only RFC 3339 strings qualify; anything else never matches (as in Qdrant) instead of failing.
      String value = "(CASE WHEN (m.payload #>> ?::text[]) ~ '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}'"
          + " THEN (m.payload #>> ?::text[])::timestamptz END)";
      List<String> parts = new ArrayList<>();
      if (t.from() != null) {
        params.add(path(t.key()));
        params.add(path(t.key()));
        params.add(t.from().toString());
        parts.add(value + " >= ?::timestamptz");
      }
      if (t.to() != null) {
        params.add(path(t.key()));
        params.add(path(t.key()));
        params.add(t.to().toString());
        parts.add(value + " < ?::timestamptz");
      }
      return parts.isEmpty() ? "(m.payload #> ?::text[]) IS NOT NULL" + addPath(params, t.key())
          : "(" + String.join(" AND ", parts) + ")";
    }
    if (c instanceof VectorFilter.IdIn ids) {
      List<String> uuids = ids.ids().stream().filter(PointId::isUuid).map(id -> id.uuid().toString()).toList();
      params.add(textArray(uuids));
      return "m.point_id = ANY(?::uuid[])";
    }
    throw new IllegalStateException("unknown filter condition " + c);
  }

  private static String addPath(List<Object> params, String key) {
    params.add(path(key));
    return "";
  }

  /** A payload key as a jsonb path: {@code meta.author} is {@code {meta,author}}. */
  private static String path(String key) {
    return textArray(List.of(key.split("\\.", -1)));
  }

  /** A PostgreSQL text[] literal, every element quoted. */
  static String textArray(List<String> values) {
    StringBuilder out = new StringBuilder("{");
    for (String v : values) {
      out.append(out.length() > 1 ? "," : "").append('"');
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        if (ch == '"' || ch == '\\') {
          out.append('\\');
        }
        out.append(ch);
      }
      out.append('"');
    }
    return out.append('}').toString();
  }
}
