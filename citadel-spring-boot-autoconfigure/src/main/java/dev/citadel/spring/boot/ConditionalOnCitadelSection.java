package dev.citadel.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the citadel configuration the starter loads (the {@code citadel.*} properties,
 * {@code citadel.config-file} and the {@code CITADEL_*} variables) has the module section
 * {@link #value()}, e.g. {@code redis} or {@code qdrant}: a module's beans exist only when the
 * application configures its backend, as {@code Citadel.extension(...)} does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnCitadelConfigCondition.class)
public @interface ConditionalOnCitadelSection {

  /** The section's name as the YAML file writes it, e.g. {@code redis}. */
  String value();
}
