package dev.citadel.client.vector;

import java.util.List;
import java.util.Optional;

/**
 * One page of a scroll through a collection, in point id order.
 *
 * @param points the points of this page
 * @param nextOffset where the next page starts, or null after the last page
 */
public record ScrollPage(List<StoredPoint> points, PointId nextOffset) {

  /** Copies the list. */
  public ScrollPage {
    points = List.copyOf(points);
  }

  /** Where the next page starts; empty after the last page. */
  public Optional<PointId> next() {
    return Optional.ofNullable(nextOffset);
  }
}
