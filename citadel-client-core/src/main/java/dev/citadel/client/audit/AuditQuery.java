package dev.citadel.client.audit;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.internal.AuditCursor;
import dev.citadel.client.audit.internal.TextChecks;
import java.time.Instant;
import java.util.Objects;

/**
 * Which audit events to read: filters that all apply (actor, resource, model, a time range),
 * newest first, one page at a time with keyset paging, so a page costs the same however deep it
 * is and stays correct while events are added. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * AuditQuery q = AuditQuery.builder().actor("alice").from(start).to(end).limit(100).build();
 * for (Page<AuditRecord> page = log.query(q); ; page = log.query(q = q.after(page.nextCursor()))) {
 *   page.items().forEach(...);
 *   if (page.nextCursor() == null) break;
 * }
 * }</pre>
 */
public final class AuditQuery {
  /** Default page size. */
  public static final int DEFAULT_LIMIT = 100;
  /** Largest page size. */
  public static final int MAX_LIMIT = 1000;

  private final String actor;
  private final String resource;
  private final String model;
  private final Instant from;
  private final Instant to;
  private final int limit;
  private final String cursor;

  private AuditQuery(Builder b) {
    this.actor = b.actor;
    this.resource = b.resource;
    this.model = b.model;
    this.from = b.from;
    this.to = b.to;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** A query for every event, newest first, {@value #DEFAULT_LIMIT} per page. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.actor = actor;
    b.resource = resource;
    b.model = model;
    b.from = from;
    b.to = to;
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  /**
   * This query continuing after {@code cursor} (from {@link dev.citadel.client.paging.Page#nextCursor()}).
   *
   * @throws InvalidArgumentException ({@code cursor}) when the cursor did not come from an audit page
   */
  public AuditQuery after(String cursor) {
    return toBuilder().after(Objects.requireNonNull(cursor, "cursor")).build();
  }

  /** Only events of this actor, or null for any. */
  public String actor() {
    return actor;
  }

  /** Only events on this resource, or null for any. */
  public String resource() {
    return resource;
  }

  /** Only events about this model, or null for any. */
  public String model() {
    return model;
  }

  /** Only events at or after this time, or null for no lower bound. */
  public Instant from() {
    return from;
  }

  /** Only events before this time, or null for no upper bound. */
  public Instant to() {
    return to;
  }

  /** Page size, 1 to {@value #MAX_LIMIT}. */
  public int limit() {
    return limit;
  }

  /** Where this page starts, or null for the first page. */
  public String cursor() {
    return cursor;
  }

  @Override
  public String toString() {
    return "AuditQuery[actor=" + actor + ", resource=" + resource + ", model=" + model + ", from="
        + from + ", to=" + to + ", limit=" + limit + (cursor == null ? "" : ", after cursor") + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String actor;
    private String resource;
    private String model;
    private Instant from;
    private Instant to;
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    private Builder() {}

    /** Only events of this actor (user or service name); null for any. */
    public Builder actor(String value) {
      this.actor = value;
      return this;
    }

    /** Only events on this resource; null for any. */
    public Builder resource(String value) {
      this.resource = value;
      return this;
    }

    /** Only events about this model; null for any. */
    public Builder model(String value) {
      this.model = value;
      return this;
    }

    /** Only events at or after {@code value} (inclusive); null for no lower bound. */
    public Builder from(Instant value) {
      this.from = value;
      return this;
    }

    /** Only events before {@code value} (exclusive); null for no upper bound. */
    public Builder to(Instant value) {
      this.to = value;
      return this;
    }

    /** Page size, 1 to {@value AuditQuery#MAX_LIMIT}; default {@value AuditQuery#DEFAULT_LIMIT}. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Start after this cursor (from {@link dev.citadel.client.paging.Page#nextCursor()}); null for the first page. */
    public Builder after(String value) {
      this.cursor = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the argument when an actor, resource or model
     *     filter breaks the text rules of {@link AuditEvent} (it could match no event), the
     *     limit is out of range, {@code from} is not before {@code to}, or the cursor did not
     *     come from an audit page
     */
    public AuditQuery build() {
      TextChecks.checkText("actor", actor, AuditEvent.MAX_TEXT_LENGTH);
      TextChecks.checkText("resource", resource, AuditEvent.MAX_TEXT_LENGTH);
      TextChecks.checkText("model", model, AuditEvent.MAX_TEXT_LENGTH);
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new InvalidArgumentException("limit", "must be between 1 and " + MAX_LIMIT);
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new InvalidArgumentException("from", "must be before to");
      }
      if (cursor != null) {
        AuditCursor.decode(cursor);
      }
      return new AuditQuery(this);
    }
  }
}
