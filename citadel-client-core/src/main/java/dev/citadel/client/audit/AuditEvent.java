package dev.citadel.client.audit;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.internal.CanonicalJson;
import dev.citadel.client.audit.internal.TextChecks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited operation: who ({@code actor}, a user or a service) did what ({@code action}) to
 * what ({@code resource}, {@code model}), how it ended ({@code outcome}), in which request, from
 * where, with free-form {@code details} (a JSON object). Immutable and thread-safe; build with
 * {@link #builder()}, which validates every field.
 *
 * <p>{@link #id()} and {@link #time()} may be left unset: {@link AuditLog#record} then assigns a
 * time-ordered UUID (version 7) and the current time. Times are kept to the microsecond, as
 * PostgreSQL stores them. {@link #details()} is the canonical form of what was given (keys
 * sorted, no insignificant whitespace), which is also what queries return.
 *
 * <p>{@link #toString()} shows the fields but only the size of {@code details}, which may hold
 * personal data.
 */
public final class AuditEvent {
  /** Longest text field (actor, action, resource, model, request id, client address), in chars. */
  public static final int MAX_TEXT_LENGTH = 1024;
  /** Largest details document accepted by the builder, in UTF-8 bytes (the config may set less). */
  public static final int MAX_DETAILS_BYTES = 16 * 1024 * 1024;
  /** The details of an event that gives none. */
  public static final String EMPTY_DETAILS = "{}";

  private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final UUID id;
  private final Instant time;
  private final String actor;
  private final ActorType actorType;
  private final String action;
  private final String resource;
  private final String model;
  private final AuditOutcome outcome;
  private final String requestId;
  private final String clientAddress;
  private final String details;
  private final int detailsBytes;

  private AuditEvent(Builder b, String details, int detailsBytes) {
    this.id = b.id;
    this.time = b.time == null ? null : b.time.truncatedTo(ChronoUnit.MICROS);
    this.actor = b.actor;
    this.actorType = b.actorType;
    this.action = b.action;
    this.resource = b.resource;
    this.model = b.model;
    this.outcome = b.outcome;
    this.requestId = b.requestId;
    this.clientAddress = b.clientAddress;
    this.details = details;
    this.detailsBytes = detailsBytes;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this event's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.time = time;
    b.actor = actor;
    b.actorType = actorType;
    b.action = action;
    b.resource = resource;
    b.model = model;
    b.outcome = outcome;
    b.requestId = requestId;
    b.clientAddress = clientAddress;
    b.detailsJson = details;
    return b;
  }

  /** The event's id, or null until {@link AuditLog#record} assigns one. */
  public UUID id() {
    return id;
  }

  /** When it happened, to the microsecond; null until {@link AuditLog#record} assigns one. */
  public Instant time() {
    return time;
  }

  /** Who acted (user name or service name); never null. */
  public String actor() {
    return actor;
  }

  /** Whether {@link #actor()} is a user or a service; never null. */
  public ActorType actorType() {
    return actorType;
  }

  /** What was done, e.g. {@code model.infer} or {@code user.delete}; never null. */
  public String action() {
    return action;
  }

  /** What it was done to, or null. */
  public String resource() {
    return resource;
  }

  /** The model involved, or null. */
  public String model() {
    return model;
  }

  /** How it ended; never null. */
  public AuditOutcome outcome() {
    return outcome;
  }

  /** The request it belongs to, or null. */
  public String requestId() {
    return requestId;
  }

  /** Where the request came from (an IP address, usually), or null. */
  public String clientAddress() {
    return clientAddress;
  }

  /** The details as canonical JSON text; {@value #EMPTY_DETAILS} when none were given. */
  public String details() {
    return details;
  }

  /** The size of {@link #details()} in UTF-8 bytes. */
  public int detailsBytes() {
    return detailsBytes;
  }

  /** This event with {@code id} and {@code time} set (time truncated to microseconds). */
  AuditEvent withIdAndTime(UUID newId, Instant newTime) {
    Builder b = toBuilder();
    b.id = newId;
    b.time = newTime;
    return new AuditEvent(b, details, detailsBytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e
        && Objects.equals(id, e.id)
        && Objects.equals(time, e.time)
        && actor.equals(e.actor)
        && actorType == e.actorType
        && action.equals(e.action)
        && Objects.equals(resource, e.resource)
        && Objects.equals(model, e.model)
        && outcome == e.outcome
        && Objects.equals(requestId, e.requestId)
        && Objects.equals(clientAddress, e.clientAddress)
        && details.equals(e.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, time, actor, action, resource, model, requestId);
  }

  @Override
  public String toString() {
    return "AuditEvent[id=" + id + ", time=" + time + ", " + actorType.value() + "=" + actor
        + ", action=" + action + ", resource=" + resource + ", model=" + model + ", outcome="
        + outcome.value() + ", requestId=" + requestId + ", clientAddress=" + clientAddress
        + ", details=" + detailsBytes + " bytes]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private UUID id;
    private Instant time;
    private String actor;
    private ActorType actorType;
    private String action;
    private String resource;
    private String model;
    private AuditOutcome outcome;
    private String requestId;
    private String clientAddress;
    private String detailsJson;
    private Map<String, ?> detailsMap;

    private Builder() {}

    /**
     * The event's id; leave unset to have {@link AuditLog#record} assign one. Recording two
     * events with the same id and time stores one of them.
     */
    public Builder id(UUID value) {
      this.id = value;
      return this;
    }

    /** When it happened; leave unset for the time of {@link AuditLog#record}. */
    public Builder time(Instant value) {
      this.time = value;
      return this;
    }

    /** A user acted. */
    public Builder user(String name) {
      return actor(name, ActorType.USER);
    }

    /** A service acted. */
    public Builder service(String name) {
      return actor(name, ActorType.SERVICE);
    }

    /** Who acted, and whether that is a user or a service. Required. */
    public Builder actor(String name, ActorType type) {
      this.actor = name;
      this.actorType = type;
      return this;
    }

    /** What was done, e.g. {@code model.infer}. Required. */
    public Builder action(String value) {
      this.action = value;
      return this;
    }

    /** What it was done to; optional. */
    public Builder resource(String value) {
      this.resource = value;
      return this;
    }

    /** The model involved; optional. */
    public Builder model(String value) {
      this.model = value;
      return this;
    }

    /** How it ended. Required. */
    public Builder outcome(AuditOutcome value) {
      this.outcome = value;
      return this;
    }

    /** The request it belongs to; optional. */
    public Builder requestId(String value) {
      this.requestId = value;
      return this;
    }

    /** Where the request came from; optional. */
    public Builder clientAddress(String value) {
      this.clientAddress = value;
      return this;
    }

    /** Details as JSON text holding one object; replaces details given before. Optional. */
    public Builder details(String json) {
      this.detailsJson = json;
      this.detailsMap = null;
      return this;
    }

    /**
     * Details as a map written as a JSON object; values may be null, strings, booleans, finite
     * numbers, maps with string keys, collections and arrays of these. Read when {@link #build()}
     * runs. Replaces details given before. Optional.
     */
    public Builder details(Map<String, ?> map) {
      this.detailsMap = map;
      this.detailsJson = null;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException naming the field ({@link InvalidArgumentException#argument()}:
     *     {@code actor}, {@code actor type}, {@code action}, {@code outcome}, {@code resource},
     *     {@code model}, {@code request id}, {@code client address}, {@code time} or
     *     {@code details}) when actor, action or outcome is missing, a text field is longer than
     *     {@value AuditEvent#MAX_TEXT_LENGTH} characters or holds NUL or an unpaired surrogate,
     *     the time is outside years 1 to 9999, or the details are not one JSON object that
     *     PostgreSQL's {@code jsonb} stores exactly (see {@link AuditLog})
     */
    public AuditEvent build() {
      TextChecks.requireText("actor", actor, MAX_TEXT_LENGTH);
      if (actorType == null) {
        throw new InvalidArgumentException("actor type", "is required (user or service)");
      }
      TextChecks.requireText("action", action, MAX_TEXT_LENGTH);
      if (outcome == null) {
        throw new InvalidArgumentException("outcome", "is required");
      }
      TextChecks.checkText("resource", resource, MAX_TEXT_LENGTH);
      TextChecks.checkText("model", model, MAX_TEXT_LENGTH);
      TextChecks.checkText("request id", requestId, MAX_TEXT_LENGTH);
      TextChecks.checkText("client address", clientAddress, MAX_TEXT_LENGTH);
      if (time != null && (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME))) {
        throw new InvalidArgumentException("time", "must lie between years 1 and 9999");
      }
      String canonical;
      try {
        if (detailsMap != null) {
          canonical = CanonicalJson.canonicalObject(detailsMap);
        } else if (detailsJson != null) {
          if (detailsJson.length() > MAX_DETAILS_BYTES) {
            throw new InvalidArgumentException("details", "is larger than " + MAX_DETAILS_BYTES + " bytes");
          }
          canonical = CanonicalJson.canonicalObject(detailsJson);
        } else {
          canonical = EMPTY_DETAILS;
        }
      } catch (CanonicalJson.SyntaxError e) {
        throw new InvalidArgumentException("details", e.getMessage());
      }
      int bytes = utf8Length(canonical);
      if (bytes > MAX_DETAILS_BYTES) {
        throw new InvalidArgumentException("details", "is larger than " + MAX_DETAILS_BYTES + " bytes");
      }
      return new AuditEvent(this, canonical, bytes);
    }

    private static int utf8Length(String s) {
      int ascii = 0;
      while (ascii < s.length() && s.charAt(ascii) < 0x80) {
        ascii++;
      }
      return ascii == s.length() ? ascii : s.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
