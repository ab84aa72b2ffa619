package dev.citadel.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.Citadel;
import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration with a user-supplied {@link Citadel} bean (the starter's job, done by hand here). */
class CitadelChatMemoryAutoConfigurationIT {
  private static TestDatabase testDb;
  private static Citadel citadel;
  private static Citadel withoutRedis;

  @BeforeAll
  static void start() {
    testDb = CitadelTestKit.postgres().createDatabase();
    citadel = Citadel.create(CitadelConfig.fromValues(CitadelTestKit.config(testDb, CitadelTestKit.redis()).values()));
    citadel.database().migrate();
    withoutRedis = Citadel.create(CitadelConfig.fromValues(CitadelTestKit.config(testDb).values()));
  }

  @AfterAll
  static void stop() {
    withoutRedis.close();
    citadel.close();
    testDb.close();
  }

  private static ApplicationContextRunner runner(Citadel bean) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CitadelChatMemoryAutoConfiguration.class))
        .withBean(Citadel.class, () -> bean, d -> d.setDestroyMethodName(""));
  }

  @Test
  void theDurableRepositoryIsTheDefaultAndWorks() {
    runner(citadel).run(context -> {
      assertThat(context).hasSingleBean(ChatMemoryRepository.class);
      ChatMemoryRepository repository = context.getBean(ChatMemoryRepository.class);
      assertThat(repository).isInstanceOf(CitadelChatMemoryRepository.class);
      repository.saveAll("auto-durable", List.of(new UserMessage("hi")));
      assertThat(citadel.conversations().window("auto-durable")).hasSize(1);
    });
  }

  @Test
  void thePropertyPicksTheRedisOrCachedStore() {
    runner(citadel).withPropertyValues(CitadelChatMemoryAutoConfiguration.STORE_PROPERTY + "=redis")
        .run(context -> assertThat(context.getBean(ChatMemoryRepository.class))
            .isInstanceOf(CitadelRedisChatMemoryRepository.class));
    runner(citadel).withPropertyValues(CitadelChatMemoryAutoConfiguration.STORE_PROPERTY + "=cached")
        .run(context -> assertThat(context.getBean(ChatMemoryRepository.class))
            .isInstanceOf(CitadelChatMemoryRepository.class));
  }

  @Test
  void aRepositoryOfTheApplicationWins() {
    runner(citadel).withBean(ChatMemoryRepository.class, InMemoryChatMemoryRepository::new)
        .run(context -> assertThat(context.getBean(ChatMemoryRepository.class))
            .isInstanceOf(InMemoryChatMemoryRepository.class));
  }

  @Test
  void withoutACitadelBeanNothingIsConfigured() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CitadelChatMemoryAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChatMemoryRepository.class));
  }

  @Test
  void aBadStoreOrAMissingRedisSectionFailsNamingTheProperty() {
    runner(citadel).withPropertyValues(CitadelChatMemoryAutoConfiguration.STORE_PROPERTY + "=mongo")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(ConfigException.class)
            .hasMessageContaining(CitadelChatMemoryAutoConfiguration.STORE_PROPERTY).hasMessageContaining("mongo"));
    runner(withoutRedis).withPropertyValues(CitadelChatMemoryAutoConfiguration.STORE_PROPERTY + "=redis")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(ConfigException.class)
            .hasMessageContaining("redis: section"));
  }
}
