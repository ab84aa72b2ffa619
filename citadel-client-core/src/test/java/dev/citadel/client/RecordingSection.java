package dev.citadel.client;

import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import dev.citadel.client.config.spi.ConfigSection;
import dev.citadel.client.config.spi.ConfigValue;
import java.util.List;

/**
 * A module's config section as core's tests see one: {@code recording.host} and
 * {@code recording.port}, registered through ServiceLoader in the test class path. Its presence
 * turns on {@link RecordingExtension}.
 */
public final class RecordingSection extends ConfigSection<RecordingSection.Draft, RecordingSection.Settings> {

  /** The built section. */
  public static final class Settings extends ConfigValue {
    private final String host;
    private final int port;

    private Settings(String host, int port) {
      this.host = Checks.host("recording.host", host);
      this.port = Checks.port("recording.port", port);
    }

    /** A section at {@code host:port}. */
    public static Settings of(String host, int port) {
      return new Settings(host, port);
    }

    public String host() {
      return host;
    }

    public int port() {
      return port;
    }

    @Override
    protected Object[] namedFields() {
      return new Object[] {"host", host, "port", port};
    }
  }

  /** What one load fills in. */
  public static final class Draft {
    private String host = "localhost";
    private int port = 1;
  }

  /** The ServiceLoader entry. */
  public RecordingSection() {
    super("recording", Settings.class, Draft::new, List.of(
        ConfigKey.<Draft, String>of("recording.host", Kind.TEXT, (d, v) -> d.host = v, "RECORDING_HOST"),
        ConfigKey.<Draft, Integer>of("recording.port", Kind.INT, (d, v) -> d.port = v)),
        d -> new Settings(d.host, d.port));
  }
}
