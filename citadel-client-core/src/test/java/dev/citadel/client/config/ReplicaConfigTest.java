package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multi-host keys: {@code database.hosts}, {@code direct_hosts}, {@code read_hosts}, {@code replica_wait_timeout}. */
class ReplicaConfigTest {

  private static DatabaseConfig load(String yaml, Map<String, String> env) {
    return CitadelConfig.loader().yaml("database:\n  database: d\n  user: u\n" + yaml, "t.yaml").environment(env).load()
        .database();
  }

  @Test
  void oneHostKeepsTheSingleHostEndpointsAndNoReplicas() {
    DatabaseConfig db = load("  host: pg.internal\n  port: 6432\n  direct_port: 5432\n", Map.of());
    assertThat(db.hosts()).containsExactly("pg.internal:6432");
    assertThat(db.directHosts()).containsExactly("pg.internal:5432");
    assertThat(db.readHosts()).containsExactly("pg.internal:6432");
    assertThat(db.readHostsConfigured()).isFalse();
    assertThat(db.replicaWaitTimeout()).isEqualTo(DatabaseConfig.DEFAULT_REPLICA_WAIT_TIMEOUT);
  }

  @Test
  void severalHostsServeEveryEndpointWithTheirOwnOrTheDefaultPort() {
    DatabaseConfig db = load("  port: 6000\n  hosts: [pg1.internal, 'pg2.internal:5433', '[fd00::3]:5434']\n"
        + "  replica_wait_timeout: 250ms\n", Map.of());
    assertThat(db.hosts()).containsExactly("pg1.internal:6000", "pg2.internal:5433", "[fd00::3]:5434");
    assertThat(db.directHosts()).isEqualTo(db.hosts());
    assertThat(db.readHosts()).isEqualTo(db.hosts());
    assertThat(db.replicaWaitTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readAndDirectHostsOfTheirOwnComeFromYamlOrTheEnvironment() {
    DatabaseConfig db = load("  hosts: [pooler:6432]\n", Map.of(
        "CITADEL_DATABASE_DIRECT_HOSTS", "pg1:5432,pg2:5432",
        "CITADEL_DATABASE_READ_HOSTS", "pg2:5432,pg3:5432"));
    assertThat(db.hosts()).containsExactly("pooler:6432");
    assertThat(db.directHosts()).containsExactly("pg1:5432", "pg2:5432");
    assertThat(db.readHosts()).containsExactly("pg2:5432", "pg3:5432");
    assertThat(db.readHostsConfigured()).isTrue();
  }

  @Test
  void aDirectHostBesideDirectHostsIsRefused() {
    assertThatThrownBy(() -> load("  direct_host: pg\n  direct_hosts: [pg1, pg2]\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.direct_hosts")
        .hasMessageContaining("database.direct_host");
  }

  @Test
  void badEntriesAreNamedWithTheirIndex() {
    assertThatThrownBy(() -> load("  hosts: [pg1, 'pg2:http']\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.hosts[1]");
    assertThatThrownBy(() -> load("  read_hosts: ['pg1:70000']\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.read_hosts[0]");
    assertThatThrownBy(() -> load("  hosts: [pg1, 'pg1:5432']\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.hosts[1]").hasMessageContaining("twice");
    assertThatThrownBy(() -> load("  replica_wait_timeout: 0s\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("database.replica_wait_timeout");
  }

  @Test
  void theBuilderRoundTripsDefaultedAndExplicitHosts() {
    DatabaseConfig plain = DatabaseConfig.builder().database("d").user("u").hosts(List.of("a", "b")).build();
    assertThat(plain.toBuilder().build()).isEqualTo(plain);
    assertThat(plain.toBuilder().build().directHosts()).containsExactly("a:5432", "b:5432");
    DatabaseConfig direct = plain.toBuilder().directHost("c").build();
    assertThat(direct.toBuilder().build()).isEqualTo(direct);
    assertThat(direct.directHosts()).containsExactly("c:5432");
  }
}
