package dev.citadel.client.testkit;

import java.util.Map;

/**
 * A test server's connection settings as citadel-client configuration values: documented key
 * names ({@code database.port}, {@code redis.tls.ca_file}, ...) to their values as text, the way a
 * YAML file would write them. The kit cannot build a {@code CitadelConfig} itself (core's tests use
 * the kit), so it hands out these values and {@code CitadelConfig.fromValues(...)} (or
 * {@code CitadelConfig.loader().values(...)}) reads them through the one loader, with the same
 * checks and defaults as a YAML file. Combine several servers with {@link TestConfig}.
 */
@FunctionalInterface
public interface ConfigValues {

  /**
   * Returns the values that point citadel-client at this server.
   *
   * @return key name to value, never containing {@code null}; secrets in clear text (test servers only)
   */
  Map<String, String> configValues();
}
