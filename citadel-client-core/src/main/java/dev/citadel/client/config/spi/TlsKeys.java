package dev.citadel.client.config.spi;

import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import java.util.List;
import java.util.function.Function;

/** The TLS keys every section has, {@code <section>.tls.mode} and {@code <section>.tls.ca_file}. */
public final class TlsKeys {
  private TlsKeys() {}

  /**
   * The two TLS keys of {@code section}, setting the TLS builder that {@code tls} picks out of the
   * section's draft.
   */
  public static <D> List<ConfigKey<D>> of(String section, Function<D, TlsOptions.Builder> tls) {
    return List.of(
        ConfigKey.<D, String>of(section + ".tls.mode", ConfigKey.Kind.TEXT,
            (d, v) -> tls.apply(d).mode(TlsMode.parse(v))),
        ConfigKey.<D, String>of(section + ".tls.ca_file", ConfigKey.Kind.TEXT,
            (d, v) -> tls.apply(d).caFile(v)));
  }
}
