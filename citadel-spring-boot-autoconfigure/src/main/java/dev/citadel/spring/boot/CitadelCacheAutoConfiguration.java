package dev.citadel.spring.boot;

import dev.citadel.client.Citadel;
import dev.citadel.client.cache.CitadelCache;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link CitadelCache} (the Redis stores) as a bean, when {@code citadel-client-cache} is on the
 * class path and the configuration has a {@code redis} section ({@code citadel.redis.*}). The
 * stores are reached from it ({@code cache.sessions()}, {@code cache.rateLimiter()}, ...); the
 * {@code Citadel} bean closes it.
 */
@AutoConfiguration(after = CitadelAutoConfiguration.class)
@ConditionalOnClass({Citadel.class, CitadelCache.class})
@ConditionalOnBean(Citadel.class)
@ConditionalOnCitadelSection("redis")
public class CitadelCacheAutoConfiguration {

  /** {@code citadel.extension(CitadelCache.class)}. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public CitadelCache citadelCache(Citadel citadel) {
    return citadel.extension(CitadelCache.class).orElseThrow(() -> new IllegalStateException(
        "the Citadel bean has no CitadelCache although the configuration has a redis section: was it"
            + " created from another configuration?"));
  }
}
