package dev.citadel.spring.boot;

import dev.citadel.client.Citadel;
import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.sync.VectorSync;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link CitadelVectors} and {@link VectorSync} as beans, when {@code citadel-client-vector} is on
 * the class path and the configuration has a {@code qdrant} section ({@code citadel.qdrant.*}).
 * The {@code Citadel} bean closes the vectors; the sync bean's {@code close()} stops its relay,
 * which the application starts with {@code startRelay()} where it wants one.
 */
@AutoConfiguration(after = CitadelAutoConfiguration.class)
@ConditionalOnClass({Citadel.class, CitadelVectors.class})
@ConditionalOnBean(Citadel.class)
@ConditionalOnCitadelSection("qdrant")
public class CitadelVectorAutoConfiguration {

  /** {@code citadel.extension(CitadelVectors.class)}. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public CitadelVectors citadelVectors(Citadel citadel) {
    return citadel.extension(CitadelVectors.class).orElseThrow(() -> new IllegalStateException(
        "the Citadel bean has no CitadelVectors although the configuration has a qdrant section: was it"
            + " created from another configuration?"));
  }

  /** PostgreSQL to Qdrant sync over the two beans; its relay is stopped on close. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public VectorSync citadelVectorSync(Database database, CitadelVectors vectors) {
    return VectorSync.create(database, vectors);
  }
}
