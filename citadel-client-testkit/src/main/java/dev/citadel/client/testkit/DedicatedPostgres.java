package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.EmbeddedPostgresServer;
import dev.citadel.client.testkit.internal.Settings;
import java.util.Objects;

/**
 * A PostgreSQL server of its own for tests that need server settings the shared {@link CitadelTestKit#postgres()}
 * must not have, such as TLS only. Always embedded (PostgreSQL 17 from the kit's binaries, on a free port of
 * {@code 127.0.0.1}, run as {@code CITADEL_TESTKIT_PG_OS_USER} when the JVM is root), whatever source the shared
 * server has. Every TCP login needs SCRAM-SHA-256 ({@code password_encryption = scram-sha-256}, and
 * {@code scram-sha-256} for every {@code pg_hba.conf} rule); the superuser has a random password.
 *
 * <p>{@link #close()} stops the server and deletes its data; the kit also does that at JVM exit. Like embedded
 * servers, it is {@linkplain #controllable() controllable}.
 *
 * <pre>{@code
 * try (TestCertificates certs = TestCertificates.generate("localhost");
 *      DedicatedPostgres pg = DedicatedPostgres.builder().tls(certs).requireTls(true).start()) {
 *     ...
 * }
 * }</pre>
 */
public interface DedicatedPostgres extends PostgresServer, AutoCloseable {

  /**
   * Starts configuring a dedicated server.
   *
   * @return a builder for a server without TLS
   */
  static Builder builder() {
    return new Builder();
  }

  /** Stops the server at once and deletes its data. Idempotent. */
  @Override
  void close();

  /** Configures and starts a {@link DedicatedPostgres}. Not thread-safe. */
  final class Builder {
    private TestCertificates certificates;
    private boolean requireTls;

    private Builder() {
    }

    /**
     * Turns TLS on ({@code ssl = on}) with the server certificate and key of {@code certificates}, which are
     * copied: they may be closed once the server has started.
     *
     * @param certificates the server's certificate
     * @return this builder
     */
    public Builder tls(TestCertificates certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificates");
      return this;
    }

    /**
     * Refuses logins without TLS ({@code hostnossl ... reject}); needs {@link #tls(TestCertificates)}.
     *
     * @param value true to refuse plain-text logins (default false)
     * @return this builder
     */
    public Builder requireTls(boolean value) {
      this.requireTls = value;
      return this;
    }

    /**
     * Initialises a data directory and starts the server.
     *
     * @return the running server
     * @throws IllegalArgumentException when TLS is required without a certificate
     * @throws IllegalStateException when the server cannot start
     */
    public DedicatedPostgres start() {
      EmbeddedPostgresServer.Options options = new EmbeddedPostgresServer.Options(
          certificates == null ? null : certificates.serverCertificate(),
          certificates == null ? null : certificates.serverKey(), requireTls);
      return EmbeddedPostgresServer.launch(Settings.fromEnvironment(), options);
    }
  }
}
