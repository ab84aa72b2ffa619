package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TLS settings of one connection, the same shape in every section: {@code <section>.tls.mode}
 * ({@link TlsMode}) and {@code <section>.tls.ca_file} (a PEM file of the certificate authorities
 * to trust; unset means the driver's default trust store). Immutable; the owning section
 * validates it with {@link #check(String, TlsMode...)}, which knows the key prefix and the modes
 * its backend supports.
 */
public final class TlsOptions extends ConfigValue {
  private static final TlsOptions DISABLED = new TlsOptions(TlsMode.DISABLE, null);

  private final TlsMode mode;
  private final String caFile;

  private TlsOptions(TlsMode mode, String caFile) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.caFile = Checks.blankToNull(caFile);
  }

  /** Plain text: {@link TlsMode#DISABLE} and no CA file. */
  public static TlsOptions disabled() {
    return DISABLED;
  }

  /** {@code mode} with the default trust store. */
  public static TlsOptions of(TlsMode mode) {
    return new TlsOptions(mode, null);
  }

  /** A builder starting from {@link #disabled()}. */
  public static Builder builder() {
    return new Builder(DISABLED);
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The mode ({@code <section>.tls.mode}). */
  public TlsMode mode() {
    return mode;
  }

  /** The PEM file of trusted CAs ({@code <section>.tls.ca_file}), or null for the default store. */
  public String caFile() {
    return caFile;
  }

  /** Whether TLS is used at all ({@code mode} is not {@code disable}). */
  public boolean enabled() {
    return mode.enabled();
  }

  /**
   * Checks these options for the section whose TLS keys start with {@code prefix} (e.g.
   * {@code database.tls}): the mode must be one of {@code supported}, and a CA file needs TLS.
   *
   * @return this
   * @throws ConfigException naming {@code prefix.mode} or {@code prefix.ca_file}
   */
  public TlsOptions check(String prefix, TlsMode... supported) {
    Set<TlsMode> allowed = EnumSet.copyOf(Arrays.asList(supported));
    if (!allowed.contains(mode)) {
      throw new ConfigException(prefix + ".mode", "must be one of "
          + allowed.stream().map(TlsMode::value).collect(Collectors.joining(", "))
          + ", was '" + mode.value() + "'");
    }
    if (caFile != null && !mode.enabled()) {
      throw new ConfigException(prefix + ".ca_file", "is set but " + prefix + ".mode is disable");
    }
    return this;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"mode", mode.value(), "caFile", caFile};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private TlsMode mode;
    private String caFile;

    private Builder(TlsOptions from) {
      this.mode = from.mode;
      this.caFile = from.caFile;
    }

    /** The mode. */
    public Builder mode(TlsMode value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    /** PEM file of trusted CAs; null or blank for the default trust store. */
    public Builder caFile(String path) {
      this.caFile = path;
      return this;
    }

    /** Builds (the owning section checks the values). */
    public TlsOptions build() {
      return new TlsOptions(mode, caFile);
    }
  }
}
