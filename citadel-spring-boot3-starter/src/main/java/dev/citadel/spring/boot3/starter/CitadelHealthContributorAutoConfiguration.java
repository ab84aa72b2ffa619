package dev.citadel.spring.boot3.starter;

import dev.citadel.client.Citadel;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.spring.boot.CitadelAutoConfiguration;
import dev.citadel.spring.boot.health.CitadelHealthGroups;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;
import java.util.Iterator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health for citadel-client on Spring Boot 3: one contributor {@code citadel} whose
 * components are the backends of {@link CitadelHealthGroups} ({@code postgres-pooled},
 * {@code postgres-direct}, {@code schemas}, {@code migrations}, {@code redis}, {@code qdrant},
 * {@code audit}), each from {@code citadel.health()}. {@code citadel} is also a member of the
 * {@code readiness} group when the application has one (probes enabled). Details follow
 * {@code management.endpoint.health.show-details}; {@code management.health.citadel.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = CitadelAutoConfiguration.class)
@ConditionalOnClass({Citadel.class, HealthContributor.class})
@ConditionalOnBean(Citadel.class)
@ConditionalOnEnabledHealthIndicator("citadel")
public class CitadelHealthContributorAutoConfiguration {

  /** The contributor's name in {@code /actuator/health}. */
  public static final String NAME = "citadel";

  /** {@code citadel} and its per-backend components. */
  @Bean
  @ConditionalOnMissingBean(name = "citadelHealthContributor")
  public CompositeHealthContributor citadelHealthContributor(Citadel citadel, ObjectProvider<AuditLog> audit) {
    CitadelHealthGroups groups = new CitadelHealthGroups(citadel, audit.getIfAvailable(), Duration.ofSeconds(1));
    return new CompositeHealthContributor() {
      @Override
      public HealthContributor getContributor(String name) {
        return groups.names().contains(name) ? indicator(groups, name) : null;
      }

      @Override
      public Iterator<NamedContributor<HealthContributor>> iterator() {
        return groups.names().stream()
            .map(n -> NamedContributor.<HealthContributor>of(n, indicator(groups, n))).iterator();
      }
    };
  }

  /** Adds {@code citadel} to the {@code readiness} group, when there is one. */
  @Bean
  @ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
  public static HealthEndpointGroupsPostProcessor citadelReadinessGroup() {
    return groups -> {
      HealthEndpointGroup readiness = groups.get("readiness");
      if (readiness == null || readiness.isMember(NAME)) {
        return groups;
      }
      Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
      groups.getNames().forEach(n -> all.put(n, groups.get(n)));
      all.put("readiness", new ReadinessWithCitadel(readiness));
      return HealthEndpointGroups.of(groups.getPrimary(), all);
    };
  }

  private static HealthIndicator indicator(CitadelHealthGroups groups, String name) {
    return () -> {
      CitadelHealthGroups.Group group = groups.group(name);
      if (group == null) {
        return Health.unknown().withDetail("detail", "no such check in the current report").build();
      }
      return (group.up() ? Health.up() : Health.down()).withDetails(group.details()).build();
    };
  }

  private record ReadinessWithCitadel(HealthEndpointGroup delegate) implements HealthEndpointGroup {
    @Override
    public boolean isMember(String name) {
      return NAME.equals(name) || delegate.isMember(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return delegate.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return delegate.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return delegate.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return delegate.getHttpCodeStatusMapper();
    }

    @Override
    public AdditionalHealthEndpointPath getAdditionalPath() {
      return delegate.getAdditionalPath();
    }
  }
}
