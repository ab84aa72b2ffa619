package dev.citadel.spring.boot;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.spi.ConfigSection;
import dev.citadel.spring.boot.internal.SpringConfigValues;
import java.util.Map;
import java.util.ServiceLoader;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The conditions that look at the loaded citadel configuration: whether the application
 * configures citadel at all, a module's section ({@link ConditionalOnCitadelSection}), or API keys
 * ({@code auth.key_pepper}). A config that does not load does not match here; the {@code Citadel}
 * bean then fails start-up with the loader's message naming the property.
 */
class OnCitadelConfigCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    if (!(context.getEnvironment() instanceof ConfigurableEnvironment env)) {
      return ConditionOutcome.noMatch("the environment is not a ConfigurableEnvironment");
    }
    Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnCitadelSection.class.getName());
    String section = attributes == null ? null : (String) attributes.get("value");
    CitadelConfig config;
    try {
      config = SpringConfigValues.of(env).load();
    } catch (ConfigException e) {
      return ConditionOutcome.noMatch("the citadel configuration does not load: " + e.getMessage());
    }
    if (section == null) {
      return ConditionOutcome.noMatch("no section named");
    }
    for (ConfigSection<?, ?> s : ServiceLoader.load(ConfigSection.class, ConfigSection.class.getClassLoader())) {
      if (s.name().equals(section)) {
        return config.section(s.type()).isPresent()
            ? ConditionOutcome.match("the citadel configuration has a '" + section + "' section")
            : ConditionOutcome.noMatch("the citadel configuration has no '" + section + "' section (citadel."
                + section + ".*)");
      }
    }
    return ConditionOutcome.noMatch("no module on the class path reads a '" + section + "' section");
  }

  /** Whether {@code auth.key_pepper} is set, which {@code Citadel.apiKeys()} needs. */
  static final class ApiKeys extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      if (!(context.getEnvironment() instanceof ConfigurableEnvironment env)) {
        return ConditionOutcome.noMatch("the environment is not a ConfigurableEnvironment");
      }
      try {
        return SpringConfigValues.of(env).load().auth().keyPepper().isEmpty()
            ? ConditionOutcome.noMatch("citadel.auth.key-pepper is not set")
            : ConditionOutcome.match("citadel.auth.key-pepper is set");
      } catch (ConfigException e) {
        return ConditionOutcome.noMatch("the citadel configuration does not load: " + e.getMessage());
      }
    }
  }

  /**
   * Whether the application configures citadel: any {@code citadel.*} key, a
   * {@code citadel.config-file}, or a database given by environment variable.
   */
  static final class Configured extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      if (!(context.getEnvironment() instanceof ConfigurableEnvironment env)) {
        return ConditionOutcome.noMatch("the environment is not a ConfigurableEnvironment");
      }
      if (!SpringConfigValues.of(env).isEmpty()) {
        return ConditionOutcome.match("citadel.* properties are set");
      }
      for (String variable : new String[] {"CITADEL_DATABASE_HOST", "POSTGRES_HOST"}) {
        if (env.getSystemEnvironment().get(variable) != null) {
          return ConditionOutcome.match(variable + " is set");
        }
      }
      return ConditionOutcome.noMatch("no citadel.* property, citadel.config-file, CITADEL_DATABASE_HOST or"
          + " POSTGRES_HOST is set");
    }
  }
}
