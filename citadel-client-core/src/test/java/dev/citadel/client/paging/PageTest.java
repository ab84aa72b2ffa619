package dev.citadel.client.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void limitsOutsideOneToAThousandAreInvalidArguments() {
    for (int limit : new int[] {0, -1, PageRequest.MAX_LIMIT + 1}) {
      assertThatThrownBy(() -> PageRequest.first(limit))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("limit"));
    }
    assertThat(PageRequest.first(PageRequest.MAX_LIMIT).limit()).isEqualTo(PageRequest.MAX_LIMIT);
    assertThatThrownBy(() -> PageRequest.after(null, 5)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aPageCopiesItsItemsAndOffersTheNextRequestUnlessLast() {
    List<String> items = new ArrayList<>(List.of("a", "b"));
    Page<String> page = new Page<>(items, "c1");
    items.add("c");
    assertThat(page.items()).containsExactly("a", "b");
    assertThat(page.hasNext()).isTrue();
    assertThat(page.next(7)).contains(PageRequest.after("c1", 7));

    Page<String> last = new Page<>(List.of("z"), null);
    assertThat(last.hasNext()).isFalse();
    assertThat(last.next(7)).isEmpty();
  }
}
