package dev.citadel.spring.boot.internal;

import dev.citadel.client.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by a bad citadel configuration into Boot's short report: the
 * loader's message (naming the property; never a secret) and what to change, instead of a bean
 * creation stack trace.
 */
public final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    return new FailureAnalysis("citadel-client could not load its configuration: " + cause.getMessage(),
        "Fix the property (or variable, or citadel.config-file entry) named above. Every key is listed in the"
            + " configuration reference of citadel-client's README; citadel.* accepts any of Boot's relaxed"
            + " spellings of it.", cause);
  }
}
