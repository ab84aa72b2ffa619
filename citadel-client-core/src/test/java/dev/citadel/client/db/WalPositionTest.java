package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class WalPositionTest {

  @Test
  void keepsTheServersTextAndRefusesWhatIsNoLsn() {
    assertThat(new WalPosition("0/3000148").toString()).isEqualTo("0/3000148");
    assertThat(new WalPosition("1A/FF").lsn()).isEqualTo("1A/FF");
    for (String bad : new String[] {"", "3000148", "0/", "/1", "0/3000148; DROP TABLE x", "G/1", "123456789/1"}) {
      assertThatThrownBy(() -> new WalPosition(bad)).as(bad)
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lsn");
    }
    assertThatThrownBy(() -> new WalPosition(null)).isInstanceOf(NullPointerException.class);
  }
}
