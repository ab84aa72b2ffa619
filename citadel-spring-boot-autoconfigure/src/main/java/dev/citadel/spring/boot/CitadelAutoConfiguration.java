package dev.citadel.spring.boot;

import dev.citadel.client.Citadel;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.spring.boot.internal.DataSourceReport;
import dev.citadel.spring.boot.internal.MeterRegistryMetrics;
import dev.citadel.spring.boot.internal.SpringConfigValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The citadel-client beans of a Spring Boot application: the {@link CitadelConfig} read from the
 * {@code citadel.*} properties (and {@code citadel.config-file}) through the SDK's one loader, the
 * {@link Citadel} object, and what it holds ({@link Database}, {@link Metadata}, {@link AuditLog},
 * {@link ApiKeys} when {@code citadel.auth.key-pepper} is set, the cache and vector modules'
 * entry points when their jar is present and their section configured). Every bean backs off
 * when the application defines its own of the same type. Applies when any {@code citadel.*}
 * property, a config file or a {@code CITADEL_DATABASE_HOST} / {@code POSTGRES_HOST} variable is
 * set (or the application defines a {@code CitadelConfig} or {@code Citadel} bean), unless
 * {@code citadel.enabled=false}.
 *
 * <p>Shutdown: the {@code Citadel} bean alone closes what the SDK opened, in the SDK's order (API
 * keys, the audit log, which flushes its buffer, the modules, then the pools); the beans it hands
 * out are not closed on their own, and beans that use them are destroyed before it. With
 * {@code citadel.database.expose-data-source=true} the pooled endpoint's pool is the
 * application's {@code DataSource}; otherwise Boot's own DataSource (if any) is left alone and a
 * start-up line says which is which.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(Citadel.class)
@ConditionalOnProperty(prefix = "citadel", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(CitadelAutoConfiguration.CitadelConfigured.class)
public class CitadelAutoConfiguration {

  /** The configuration, from {@code citadel.*} through the SDK's loader. */
  @Bean
  @ConditionalOnMissingBean
  public CitadelConfig citadelConfig(ConfigurableEnvironment environment) {
    return SpringConfigValues.of(environment).load();
  }

  /** The one object; closed when the context closes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Citadel citadel(CitadelConfig config, ObjectProvider<CitadelMetrics> metrics) {
    return Citadel.create(config, metrics.getIfAvailable(() -> CitadelMetrics.NOOP));
  }

  /** {@code citadel.database()}; closed by the {@code Citadel} bean. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Database citadelDatabase(Citadel citadel) {
    return citadel.database();
  }

  /** {@code citadel.metadata()}. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Metadata citadelMetadata(Citadel citadel) {
    return citadel.metadata();
  }

  /** {@code citadel.audit()}; flushed and closed by the {@code Citadel} bean. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public AuditLog citadelAuditLog(Citadel citadel) {
    return citadel.audit();
  }

  /** {@code citadel.apiKeys()}, when {@code citadel.auth.key-pepper} is set. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  @Conditional(OnCitadelConfigCondition.ApiKeys.class)
  public ApiKeys citadelApiKeys(Citadel citadel) {
    return citadel.apiKeys();
  }

  /** Logs which DataSource is which once the context is up. */
  @Bean
  public static DataSourceReport citadelDataSourceReport(ObjectProvider<Citadel> citadel,
      ConfigurableEnvironment environment, org.springframework.beans.factory.ListableBeanFactory beans) {
    return new DataSourceReport(citadel, environment, beans);
  }

  /**
   * Boot's {@code MeterRegistry} ({@code citadel.calls}, breakers, pools) and {@code ObservationRegistry}
   * (one observation per backend call, a span when tracing is on) handed to the SDK.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CitadelMetrics citadelMetrics(ObjectProvider<MeterRegistry> registry,
        ObjectProvider<ObservationRegistry> observations) {
      return MeterRegistryMetrics.of(registry, observations);
    }
  }

  /** The pooled endpoint as the application's DataSource, on request. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "javax.sql.DataSource")
  @ConditionalOnProperty(prefix = "citadel.database", name = "expose-data-source", havingValue = "true")
  static class DataSourceConfiguration {
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(javax.sql.DataSource.class)
    javax.sql.DataSource dataSource(Database database) {
      return database.dataSource(dev.citadel.client.db.Endpoint.POOLED);
    }
  }

  /** Configured by properties, a config file or variables, or by the application's own bean. */
  static final class CitadelConfigured extends AnyNestedCondition {
    CitadelConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @Conditional(OnCitadelConfigCondition.Configured.class)
    static class ByProperties {}

    @ConditionalOnBean(CitadelConfig.class)
    static class ByConfigBean {}

    @ConditionalOnBean(Citadel.class)
    static class ByCitadelBean {}
  }
}
