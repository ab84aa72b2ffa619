package dev.citadel.client.vector.internal;

import com.google.protobuf.Timestamp;
import dev.citadel.client.vector.VectorFilter;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.HasIdCondition;
import io.qdrant.client.grpc.Common.IsEmptyCondition;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Common.RepeatedIntegers;
import io.qdrant.client.grpc.Common.RepeatedStrings;
import java.time.Instant;

/** {@link VectorFilter} as a Qdrant filter: every condition under {@code must}. */
final class Filters {
  private Filters() {}

  /** The Qdrant filter, or null for no conditions. */
  static Filter toQdrant(VectorFilter filter) {
    if (filter == null || filter.isEmpty()) {
      return null;
    }
    Filter.Builder f = Filter.newBuilder();
    for (VectorFilter.Condition c : filter.conditions()) {
      f.addMust(condition(c));
    }
    return f.build();
  }

  private static Condition condition(VectorFilter.Condition c) {
    if (c instanceof VectorFilter.Not not) {
      return nested(Filter.newBuilder().addMustNot(condition(not.condition())));
    }
    if (c instanceof VectorFilter.Or or) {
      Filter.Builder f = Filter.newBuilder();
      or.conditions().forEach(x -> f.addShould(condition(x)));
      return nested(f);
    }
    if (c instanceof VectorFilter.And and) {
      Filter.Builder f = Filter.newBuilder();
      and.conditions().forEach(x -> f.addMust(condition(x)));
      return nested(f);
    }
    if (c instanceof VectorFilter.IsEmpty e) {
      return Condition.newBuilder().setIsEmpty(IsEmptyCondition.newBuilder().setKey(e.key())).build();
    }
    if (c instanceof VectorFilter.IdIn ids) {
      HasIdCondition.Builder h = HasIdCondition.newBuilder();
      ids.ids().forEach(id -> h.addHasId(PointIds.toQdrant(id)));
      return Condition.newBuilder().setHasId(h).build();
    }
    FieldCondition.Builder field = FieldCondition.newBuilder();
    if (c instanceof VectorFilter.Keyword k) {
      field.setKey(k.key()).setMatch(Match.newBuilder().setKeyword(k.value()));
    } else if (c instanceof VectorFilter.AnyKeyword a) {
      field.setKey(a.key()).setMatch(Match.newBuilder()
          .setKeywords(RepeatedStrings.newBuilder().addAllStrings(a.values())));
    } else if (c instanceof VectorFilter.IntegerMatch i) {
      field.setKey(i.key()).setMatch(Match.newBuilder().setInteger(i.value()));
    } else if (c instanceof VectorFilter.BooleanMatch b) {
      field.setKey(b.key()).setMatch(Match.newBuilder().setBoolean(b.value()));
    } else if (c instanceof VectorFilter.AnyInteger a) {
      field.setKey(a.key()).setMatch(Match.newBuilder()
          .setIntegers(RepeatedIntegers.newBuilder().addAllIntegers(a.values())));
    } else if (c instanceof VectorFilter.Text t) {
      field.setKey(t.key()).setMatch(Match.newBuilder().setText(t.text()));
    } else if (c instanceof VectorFilter.Bounds b) {
      Range.Builder range = Range.newBuilder();
      if (b.gt() != null) {
        range.setGt(b.gt());
      }
      if (b.gte() != null) {
        range.setGte(b.gte());
      }
      if (b.lt() != null) {
        range.setLt(b.lt());
      }
      if (b.lte() != null) {
        range.setLte(b.lte());
      }
      field.setKey(b.key()).setRange(range);
    } else if (c instanceof VectorFilter.NumberRange r) {
      Range.Builder range = Range.newBuilder();
      if (r.min() != null) {
        range.setGte(r.min());
      }
      if (r.max() != null) {
        range.setLte(r.max());
      }
      field.setKey(r.key()).setRange(range);
    } else if (c instanceof VectorFilter.TimeRange t) {
      DatetimeRange.Builder range = DatetimeRange.newBuilder();
      if (t.from() != null) {
        range.setGte(timestamp(t.from()));
      }
      if (t.to() != null) {
        range.setLt(timestamp(t.to()));
      }
      field.setKey(t.key()).setDatetimeRange(range);
    } else {
      throw new IllegalStateException("unknown condition " + c);
    }
    return Condition.newBuilder().setField(field).build();
  }

  private static Condition nested(Filter.Builder filter) {
    return Condition.newBuilder().setFilter(filter).build();
  }

  private static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
