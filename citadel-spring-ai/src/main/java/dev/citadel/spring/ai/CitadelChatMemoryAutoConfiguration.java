package dev.citadel.spring.ai;

import dev.citadel.client.Citadel;
import dev.citadel.client.ConfigException;
import dev.citadel.client.cache.CitadelCache;
import java.util.Locale;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI chat memory over Citadel: a {@link ChatMemoryRepository} bean when the application
 * has a {@link Citadel} bean and defines no repository of its own (it runs before Spring AI's
 * in-memory default). {@value #STORE_PROPERTY} picks the store:
 * <ul>
 *   <li>{@code durable} (default): {@link CitadelChatMemoryRepository} over {@code citadel.conversations()};</li>
 *   <li>{@code cached}: the same, windows read from Redis slot 4 ({@code CitadelCache.conversations});</li>
 *   <li>{@code redis}: {@link CitadelRedisChatMemoryRepository}, Redis alone.</li>
 * </ul>
 * {@code cached} and {@code redis} need the cache module and a {@code redis:} section.
 */
@AutoConfiguration(afterName = "dev.citadel.spring.boot.CitadelAutoConfiguration",
    beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass({ChatMemoryRepository.class, Citadel.class})
@ConditionalOnBean(Citadel.class)
public class CitadelChatMemoryAutoConfiguration {
  /** The property naming the store: {@code durable}, {@code cached} or {@code redis}. */
  public static final String STORE_PROPERTY = "citadel.spring-ai.chat-memory.store";

  /**
   * The repository {@value #STORE_PROPERTY} names.
   *
   * @throws ConfigException when the property has another value, or names a Redis store while the
   *     cache module or the {@code redis:} section is missing
   */
  @Bean
  @ConditionalOnMissingBean(ChatMemoryRepository.class)
  public ChatMemoryRepository citadelChatMemoryRepository(Citadel citadel,
      @Value("${" + STORE_PROPERTY + ":durable}") String store) {
    String name = store.trim().toLowerCase(Locale.ROOT);
    if (name.equals("durable")) {
      return CitadelChatMemoryRepository.create(citadel.conversations());
    }
    if (!name.equals("cached") && !name.equals("redis")) {
      throw new ConfigException(STORE_PROPERTY, "must be durable, cached or redis, was '" + store + "'");
    }
    try {
      return CacheStores.create(citadel, name);
    } catch (NoClassDefFoundError e) {
      throw new ConfigException(STORE_PROPERTY, "'" + store + "' needs dev.citadel:citadel-client-cache on the class path");
    }
  }

  /** Kept apart so that the cache module's classes load only when a Redis store is asked for. */
  private static final class CacheStores {
    static ChatMemoryRepository create(Citadel citadel, String store) {
      CitadelCache cache = citadel.extension(CitadelCache.class).orElseThrow(() -> new ConfigException(STORE_PROPERTY,
          "'" + store + "' needs a redis: section in the Citadel config"));
      return store.equals("redis") ? CitadelRedisChatMemoryRepository.create(cache)
          : CitadelChatMemoryRepository.create(cache.conversations(citadel.conversations()));
    }
  }
}
