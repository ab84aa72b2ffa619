package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Certificates;
import dev.citadel.client.testkit.internal.FileSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A throwaway certificate authority and a server certificate it signed, generated for one test run into a private
 * temporary directory with the JDK's {@code keytool}; {@link #close()} deletes them. For TLS tests with
 * {@code sslmode=verify-full}: give the server {@link #serverCertificate()} and {@link #serverKey()}, and the client
 * {@link #caCertificate()} as its root certificate. Never use them for anything else.
 *
 * <pre>{@code
 * try (TestCertificates certs = TestCertificates.generate("localhost");
 *      DedicatedPostgres pg = DedicatedPostgres.builder().tls(certs).requireTls(true).start()) {
 *     // jdbc:postgresql://localhost:PORT/db?sslmode=verify-full&sslrootcert=<certs.caCertificate()>
 * }
 * }</pre>
 */
public final class TestCertificates implements AutoCloseable {

  private final Path dir;
  private final List<String> serverNames;

  private TestCertificates(Path dir, List<String> serverNames) {
    this.dir = dir;
    this.serverNames = serverNames;
  }

  /**
   * Generates a new CA (RSA 2048, valid from yesterday for two days) and a server certificate signed by it.
   *
   * @param serverNames the names the server certificate is valid for (subject alternative names): DNS names such
   *     as {@code localhost}, or IP literals such as {@code 127.0.0.1}; the first is also its common name
   * @return the files, in a directory only the JVM's user can read
   * @throws IllegalArgumentException when no name is given
   * @throws IllegalStateException when keytool fails
   */
  public static TestCertificates generate(String... serverNames) {
    return generate(false, serverNames);
  }

  /**
   * Like {@link #generate(String...)}, but the server certificate expired two days ago (it was
   * valid for one day, three days ago); the CA is valid. For tests of how clients report an
   * expired certificate.
   *
   * @param serverNames the names the server certificate is valid for
   * @return the files, in a directory only the JVM's user can read
   */
  public static TestCertificates generateExpired(String... serverNames) {
    return generate(true, serverNames);
  }

  /**
   * Like {@link #generate(String...)}, but the server certificate is valid from yesterday for
   * {@code validity} (in whole days, rounded up; the CA at least as long): a certificate that
   * expires soon, or one far from expiry, for tests of expiry warnings.
   *
   * @param validity how long the server certificate is valid from yesterday, at least one day
   * @param serverNames the names the server certificate is valid for
   * @return the files, in a directory only the JVM's user can read
   * @throws IllegalArgumentException when {@code validity} is shorter than one day or no name is given
   */
  public static TestCertificates generateValidFor(Duration validity, String... serverNames) {
    long days = Objects.requireNonNull(validity, "validity").plusDays(1).minusNanos(1).toDays();
    if (validity.compareTo(Duration.ofDays(1)) < 0 || days > 36500) {
      throw new IllegalArgumentException("validity must be 1 day to 100 years, was " + validity);
    }
    return generate(dir -> Certificates.generate(dir, List.of(serverNames), 1, (int) days), serverNames);
  }

  private static TestCertificates generate(boolean expired, String... serverNames) {
    return generate(dir -> Certificates.generate(dir, List.of(serverNames), expired), serverNames);
  }

  private static TestCertificates generate(java.util.function.Consumer<Path> writer, String... serverNames) {
    List<String> names = List.of(serverNames);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one host the server certificate is for");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("citadel-tls-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for test certificates", e);
    }
    try {
      writer.accept(dir);
    } catch (RuntimeException e) {
      FileSupport.deleteRecursively(dir);
      throw e;
    }
    return new TestCertificates(dir, names);
  }

  /**
   * Returns the CA certificate, which clients trust as their root ({@code sslrootcert}).
   *
   * @return a PEM file
   */
  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  /**
   * Returns the server certificate, signed by {@link #caCertificate()}.
   *
   * @return a PEM file
   */
  public Path serverCertificate() {
    return dir.resolve("server.crt");
  }

  /**
   * Returns the server certificate's private key, unencrypted.
   *
   * @return a PEM file (PKCS#8), readable by the JVM's user only
   */
  public Path serverKey() {
    return dir.resolve("server.key");
  }

  /**
   * Returns the names the server certificate is valid for.
   *
   * @return the names given to {@link #generate(String...)}
   */
  public List<String> serverNames() {
    return serverNames;
  }

  /** Deletes the files. Idempotent. */
  @Override
  public void close() {
    FileSupport.deleteRecursively(dir);
  }

  @Override
  public String toString() {
    return "TestCertificates[" + String.join(",", serverNames) + " in " + Objects.toString(dir) + "]";
  }
}
