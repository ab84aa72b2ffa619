package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/** Config values of a server as reached through something in front of it (a proxy, a pooler). */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Returns {@code server}'s values with {@code <section>.host}/{@code <section>.port} naming
   * {@code host}:{@code port} instead, plus {@code extra}; read when asked.
   *
   * @param server the server's own values
   * @param section the section whose endpoint moves, e.g. {@code database}
   * @param host the address in front of the server
   * @param port its port, read when the values are asked for
   * @param extra further values, e.g. the direct endpoint; may be empty
   * @return the values
   */
  public static ConfigValues through(ConfigValues server, String section, String host, IntSupplier port,
      Map<String, String> extra) {
    return () -> {
      Map<String, String> values = new LinkedHashMap<>(server.configValues());
      values.put(section + ".host", host);
      values.put(section + ".port", Integer.toString(port.getAsInt()));
      values.putAll(extra);
      return values;
    };
  }
}
