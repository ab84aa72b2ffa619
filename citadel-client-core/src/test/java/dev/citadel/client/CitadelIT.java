package dev.citadel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.audit.AuditQuery;
import dev.citadel.client.auth.ApiKeyRejectedException;
import dev.citadel.client.auth.IssuedKey;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metadata.User;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class CitadelIT {

  @Test
  void oneObjectReachesDatabaseMetadataAndApiKeysAndClosesThem(TestDatabase testDb) {
    CitadelConfig config = TestConfigs.citadel(testDb).toBuilder()
        .auth(AuthConfig.builder().keyPepper("pepper-for-citadel-it-0001").build()).build();
    Citadel citadel = Citadel.create(config);
    try {
      citadel.database().migrate();
      User user = citadel.metadata().users().create("u-" + UUID.randomUUID(), null, null);
      assertThat(citadel.metadata().users().get(user.id())).isEqualTo(user);
      String key = citadel.apiKeys().issue(user.id().toString(), Set.of("chat"), Set.of(), null, null).plaintext();
      assertThat(citadel.apiKeys().authenticate(key).owner()).isEqualTo(user.id().toString());
      assertThat(citadel.apiKeys()).isSameAs(citadel.apiKeys());
      IssuedKey issued = citadel.apiKeys().issue("svc-audit", Set.of(), Set.of(), null, null);
      String wrong = issued.plaintext().substring(0, issued.plaintext().length() - 1)
          + (issued.plaintext().endsWith("x") ? "y" : "x");
      assertThatThrownBy(() -> citadel.apiKeys().authenticate(wrong)).isInstanceOf(ApiKeyRejectedException.class);
      citadel.apiKeys().revoke(issued.id());
      citadel.apiKeys().flushRejectionSummaries();
      citadel.audit().flush();
      List<String> actions = citadel.audit().query(AuditQuery.builder().resource("api_key:" + issued.prefix()).build())
          .items().stream().map(r -> r.event().action() + "/" + r.event().outcome()).toList();
      assertThat(actions).containsExactlyInAnyOrder(
          "api_key.issue/SUCCESS", "api_key.authenticate/DENIED", "api_key.revoke/SUCCESS");
      assertThat(citadel.extension(RecordingExtension.class)).as("no recording section, no extension").isEmpty();
      assertThat(citadel.health().healthy()).isTrue();
    } finally {
      citadel.close();
    }
    citadel.close();
    assertThatThrownBy(() -> citadel.database().query("SELECT 1", r -> 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configuredExtensionsAreCreatedReportedAndClosed(TestDatabase testDb) {
    CitadelConfig config = TestConfigs.citadel(testDb).toBuilder().section(RecordingSection.Settings.of("localhost", 1)).build();
    int closedBefore = RecordingExtension.CLOSED.get();
    try (Citadel citadel = Citadel.create(config)) {
      assertThat(citadel.extension(RecordingExtension.class)).isPresent();
      assertThat(citadel.health().check("recording")).isPresent();
      assertThat(citadel.toString()).contains("RecordingExtension");
    }
    assertThat(RecordingExtension.CLOSED.get()).isEqualTo(closedBefore + 1);
  }

  @Test
  void apiKeysNeedAPepper(TestDatabase testDb) {
    try (Citadel citadel = Citadel.create(TestConfigs.citadel(testDb))) {
      assertThatThrownBy(citadel::apiKeys).isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.key_pepper:");
    }
  }
}
