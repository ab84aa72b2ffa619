package dev.citadel.qdrant.local.internal;

import dev.citadel.qdrant.local.internal.OperationLog.Entry;
import dev.citadel.qdrant.local.internal.OperationLog.Snapshot;
import dev.citadel.qdrant.local.internal.OperationLog.Type;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every collection of one local server, and the write operations as Qdrant applies them. Each
 * write is applied, then logged (when persistent) while holding the collection's monitor, so the
 * log replays in the order the writes happened. Thread-safe.
 */
public final class LocalStore implements AutoCloseable {
  private static final int SNAPSHOT_BATCH = 512;

  private final ConcurrentHashMap<String, LocalCollection> collections = new ConcurrentHashMap<>();
  private final Object namespace = new Object();
  private final OperationLog log;
  private final SearchExecutor searchExecutor = new SearchExecutor();
  private boolean replaying;

  private LocalStore(OperationLog log) {
    this.log = log;
  }

  /** An empty store held in memory only. */
  public static LocalStore inMemory() {
    return new LocalStore(null);
  }

  /** A store persisted in {@code dir}: replays its log, then compacts it. */
  public static LocalStore open(Path dir) {
    OperationLog log = OperationLog.open(dir);
    LocalStore store = new LocalStore(log);
    store.replaying = true;
    try {
      for (Entry e : log.readAll()) {
        store.replay(e);
      }
    } finally {
      store.replaying = false;
    }
    store.compact();
    return store;
  }

  private void replay(Entry e) {
    switch (e.type()) {
      case CREATE_COLLECTION -> createCollection(OperationLog.parse(CreateCollection.parser(), e.body()));
      case DELETE_COLLECTION -> deleteCollection(
          OperationLog.parse(DeleteCollection.parser(), e.body()).getCollectionName());
      case UPSERT -> upsert(OperationLog.parse(UpsertPoints.parser(), e.body()));
      case DELETE_POINTS -> delete(OperationLog.parse(DeletePoints.parser(), e.body()));
      case SET_PAYLOAD -> setPayload(OperationLog.parse(SetPayloadPoints.parser(), e.body()));
      case OVERWRITE_PAYLOAD -> overwritePayload(OperationLog.parse(SetPayloadPoints.parser(), e.body()));
      case DELETE_PAYLOAD -> deletePayload(OperationLog.parse(DeletePayloadPoints.parser(), e.body()));
      case CLEAR_PAYLOAD -> clearPayload(OperationLog.parse(ClearPayloadPoints.parser(), e.body()));
      case CREATE_INDEX -> createFieldIndex(OperationLog.parse(CreateFieldIndexCollection.parser(), e.body()));
      case DELETE_INDEX -> deleteFieldIndex(OperationLog.parse(DeleteFieldIndexCollection.parser(), e.body()));
    }
  }

  private void logged(Type type, com.google.protobuf.MessageLite message) {
    if (log != null && !replaying) {
      log.append(type, message);
    }
  }

  /** The collection, or NOT_FOUND as Qdrant words it. */
  LocalCollection require(String name) {
    LocalCollection c = collections.get(name);
    if (c == null) {
      throw Errors.collectionNotFound(name);
    }
    return c;
  }

  boolean exists(String name) {
    return collections.containsKey(name);
  }

  List<String> names() {
    return new ArrayList<>(new TreeMap<>(collections).keySet());
  }

  /** ALREADY_EXISTS for a taken name (collections_ops.rs validate_collection_not_exists). */
  boolean createCollection(CreateCollection request) {
    LocalCollection created = LocalCollection.create(request, searchExecutor);
    synchronized (namespace) {
      if (collections.containsKey(created.name())) {
        throw Errors.collectionExists(created.name());
      }
      collections.put(created.name(), created);
      logged(Type.CREATE_COLLECTION, request);
    }
    return true;
  }

  /** False when there was no such collection (toc delete_collection). */
  boolean deleteCollection(String name) {
    synchronized (namespace) {
      boolean removed = collections.remove(name) != null;
      if (removed) {
        logged(Type.DELETE_COLLECTION, DeleteCollection.newBuilder().setCollectionName(name).build());
      }
      return removed;
    }
  }

  long upsert(UpsertPoints request) {
    if (request.hasShardKeySelector()) {
      throw Errors.unimplemented("Shard key selectors");
    }
    if (request.hasUpdateFilter() || request.getUpdateModeValue() != 0) {
      throw Errors.unimplemented("Conditional upserts (update_filter, update_mode)");
    }
    LocalCollection c = require(request.getCollectionName());
    synchronized (c) {
      long op = c.upsert(request.getPointsList());
      logged(Type.UPSERT, request);
      return op;
    }
  }

  long delete(DeletePoints request) {
    if (request.hasShardKeySelector()) {
      throw Errors.unimplemented("Shard key selectors");
    }
    LocalCollection c = require(request.getCollectionName());
    synchronized (c) {
      long op = c.delete(select(c, request.getPoints(), true));
      logged(Type.DELETE_POINTS, request);
      return op;
    }
  }

  /** The ids a selector names: a list as given, or a filter's matches. */
  private static List<PointKey> select(LocalCollection c, PointsSelector selector, boolean present) {
    if (!present) {
      throw Errors.invalid("PointsSelector is missing");
    }
    return switch (selector.getPointsSelectorOneOfCase()) {
      case POINTS -> {
        List<PointKey> keys = new ArrayList<>();
        for (PointId id : selector.getPoints().getIdsList()) {
          keys.add(PointKey.of(id));
        }
        yield keys;
      }
      case FILTER -> c.matching(selector.getFilter());
      default -> throw Errors.invalid("PointsSelector is empty");
    };
  }

  long setPayload(SetPayloadPoints request) {
    LocalCollection c = require(request.getCollectionName());
    Map<String, Value> payload = request.getPayloadMap();
    JsonPath key = request.hasKey() ? JsonPath.parse(request.getKey()) : null;
    synchronized (c) {
      long op = c.changePayload(select(c, request.getPointsSelector(), request.hasPointsSelector()), current -> {
        if (key == null) {
          JsonPath.merge(current, payload);
        } else {
          key.set(current, payload);
        }
        return current;
      });
      logged(Type.SET_PAYLOAD, request);
      return op;
    }
  }

  long overwritePayload(SetPayloadPoints request) {
    LocalCollection c = require(request.getCollectionName());
    Map<String, Value> payload = request.getPayloadMap();
    JsonPath key = request.hasKey() ? JsonPath.parse(request.getKey()) : null;
    synchronized (c) {
      long op = c.changePayload(select(c, request.getPointsSelector(), request.hasPointsSelector()), current -> {
        if (key == null) {
          Map<String, Value> replaced = new java.util.LinkedHashMap<>();
          JsonPath.merge(replaced, payload);
          return replaced;
        }
        key.set(current, payload);
        return current;
      });
      logged(Type.OVERWRITE_PAYLOAD, request);
      return op;
    }
  }

  long deletePayload(DeletePayloadPoints request) {
    LocalCollection c = require(request.getCollectionName());
    List<JsonPath> keys = new ArrayList<>();
    for (String k : request.getKeysList()) {
      keys.add(JsonPath.parse(k));
    }
    synchronized (c) {
      long op = c.changePayload(select(c, request.getPointsSelector(), request.hasPointsSelector()), current -> {
        keys.forEach(k -> k.remove(current));
        return current;
      });
      logged(Type.DELETE_PAYLOAD, request);
      return op;
    }
  }

  long clearPayload(ClearPayloadPoints request) {
    LocalCollection c = require(request.getCollectionName());
    synchronized (c) {
      long op = c.changePayload(select(c, request.getPoints(), request.hasPoints()), current -> Map.of());
      logged(Type.CLEAR_PAYLOAD, request);
      return op;
    }
  }

  long createFieldIndex(CreateFieldIndexCollection request) {
    LocalCollection c = require(request.getCollectionName());
    PayloadIndexParams params = request.hasFieldIndexParams() ? request.getFieldIndexParams() : null;
    PayloadSchemaType type = schemaType(request, params);
    synchronized (c) {
      long op = c.createIndex(request.getFieldName(), new LocalCollection.FieldIndex(type, params));
      logged(Type.CREATE_INDEX, request);
      return op;
    }
  }

  private static PayloadSchemaType schemaType(CreateFieldIndexCollection request, PayloadIndexParams params) {
    if (request.hasFieldType()) {
      return switch (request.getFieldType()) {
        case FieldTypeKeyword -> PayloadSchemaType.Keyword;
        case FieldTypeInteger -> PayloadSchemaType.Integer;
        case FieldTypeFloat -> PayloadSchemaType.Float;
        case FieldTypeGeo -> PayloadSchemaType.Geo;
        case FieldTypeText -> PayloadSchemaType.Text;
        case FieldTypeBool -> PayloadSchemaType.Bool;
        case FieldTypeDatetime -> PayloadSchemaType.Datetime;
        case FieldTypeUuid -> PayloadSchemaType.Uuid;
        default -> throw Errors.invalid("Unknown field type " + request.getFieldTypeValue());
      };
    }
    if (params != null) {
      return switch (params.getIndexParamsCase()) {
        case KEYWORD_INDEX_PARAMS -> PayloadSchemaType.Keyword;
        case INTEGER_INDEX_PARAMS -> PayloadSchemaType.Integer;
        case FLOAT_INDEX_PARAMS -> PayloadSchemaType.Float;
        case GEO_INDEX_PARAMS -> PayloadSchemaType.Geo;
        case TEXT_INDEX_PARAMS -> PayloadSchemaType.Text;
        case BOOL_INDEX_PARAMS -> PayloadSchemaType.Bool;
        case DATETIME_INDEX_PARAMS -> PayloadSchemaType.Datetime;
        case UUID_INDEX_PARAMS -> PayloadSchemaType.Uuid;
        default -> throw Errors.invalid("Cannot create field index: field_type or field_index_params required");
      };
    }
    throw Errors.invalid("Cannot create field index: field_type or field_index_params required");
  }

  long deleteFieldIndex(DeleteFieldIndexCollection request) {
    LocalCollection c = require(request.getCollectionName());
    synchronized (c) {
      long op = c.deleteIndex(request.getFieldName());
      logged(Type.DELETE_INDEX, request);
      return op;
    }
  }

  /** Rewrites the log as the current state; a no-op in memory. */
  public void compact() {
    if (log == null) {
      return;
    }
    synchronized (namespace) {
      List<Snapshot> state = new ArrayList<>();
      for (String name : names()) {
        LocalCollection c = collections.get(name);
        synchronized (c) {
          state.add(new Snapshot(Type.CREATE_COLLECTION, c.definition()));
          c.indexes().forEach((field, index) -> {
            CreateFieldIndexCollection.Builder b = CreateFieldIndexCollection.newBuilder()
                .setCollectionName(name).setFieldName(field).setFieldTypeValue(fieldType(index.type()));
            if (index.params() != null) {
              b.setFieldIndexParams(index.params());
            }
            state.add(new Snapshot(Type.CREATE_INDEX, b.build()));
          });
          List<PointStruct> points = c.snapshot();
          for (int i = 0; i < points.size(); i += SNAPSHOT_BATCH) {
            state.add(new Snapshot(Type.UPSERT, UpsertPoints.newBuilder().setCollectionName(name)
                .addAllPoints(points.subList(i, Math.min(points.size(), i + SNAPSHOT_BATCH))).build()));
          }
        }
      }
      log.compact(state);
    }
  }

  private static int fieldType(PayloadSchemaType type) {
    return switch (type) {
      case Keyword -> 0;
      case Integer -> 1;
      case Float -> 2;
      case Geo -> 3;
      case Text -> 4;
      case Bool -> 5;
      case Datetime -> 6;
      default -> 7;
    };
  }

  /** Compacts and closes the log and stops the search threads; the in-memory state stays readable. */
  @Override
  public void close() {
    try {
      if (log != null) {
        compact();
        log.close();
      }
    } finally {
      searchExecutor.close();
    }
  }
}
