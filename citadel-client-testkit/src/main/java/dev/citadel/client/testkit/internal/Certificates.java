package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway certificate authority and one server certificate signed by it, made with the JDK's {@code keytool}
 * (no OpenSSL needed) in a private temporary directory: {@code ca.crt}, {@code server.crt} and the unencrypted
 * PKCS#8 {@code server.key}, all PEM. Valid from yesterday for two days.
 */
public final class Certificates {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Certificates() {
  }

  /**
   * Generates the CA and the server certificate.
   *
   * @param dir an empty directory to write into
   * @param serverNames the names the server certificate is valid for: DNS names, or IP literals
   * @throws IllegalStateException when keytool fails
   */
  public static void generate(Path dir, List<String> serverNames) {
    generate(dir, serverNames, false);
  }

  /**
   * Generates the CA and the server certificate; with {@code expired}, the server certificate was
   * valid for one day three days ago (the CA stays valid).
   */
  public static void generate(Path dir, List<String> serverNames, boolean expired) {
    if (expired) {
      generate(dir, serverNames, 3, 1);
    } else {
      generate(dir, serverNames, 1, 2);
    }
  }

  /**
   * Generates the CA and the server certificate; the server certificate is valid from
   * {@code startDaysAgo} days ago for {@code validityDays} days, the CA from yesterday until at
   * least one day after the server certificate ends.
   */
  public static void generate(Path dir, List<String> serverNames, int startDaysAgo, int validityDays) {
    if (validityDays < 1) {
      throw new IllegalArgumentException("a certificate is valid for at least one day, was " + validityDays);
    }
    if (serverNames.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one name");
    }
    Path keystore = dir.resolve("keys.p12");
    String storePassword = Passwords.generate();
    List<String> store = List.of("-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", storePassword);
    String validity = "-validity";
    keytool(dir, store, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=Citadel test kit CA " + Passwords.generate().substring(0, 8), "-startdate", "-1d",
        validity, String.valueOf(Math.max(2, validityDays - startDaysAgo + 2)), "-ext", "bc:c",
        "-ext", "ku:c=keyCertSign,cRLSign");
    keytool(dir, store, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=" + serverNames.get(0), "-startdate", "-1d", validity, "2");
    keytool(dir, store, "-certreq", "-alias", "server", "-file", dir.resolve("server.csr").toString());
    keytool(dir, store, "-gencert", "-alias", "ca", "-infile", dir.resolve("server.csr").toString(),
        "-outfile", dir.resolve("server.crt").toString(), "-rfc", "-startdate", "-" + startDaysAgo + "d",
        validity, String.valueOf(validityDays),
        "-ext", "san=" + subjectAlternativeNames(serverNames), "-ext", "ku:c=digitalSignature,keyEncipherment",
        "-ext", "eku=serverAuth");
    keytool(dir, store, "-exportcert", "-alias", "ca", "-rfc", "-file", dir.resolve("ca.crt").toString());
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, storePassword.toCharArray());
      Key key = keys.getKey("server", storePassword.toCharArray());
      Path pem = dir.resolve("server.key");
      Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
      FileSupport.setPermissionsIfOwned(pem, "rw-------");
      Files.delete(keystore);
      Files.delete(dir.resolve("server.csr"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the server key into " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the key keytool generated in " + keystore, e);
    }
  }

  private static String subjectAlternativeNames(List<String> names) {
    List<String> entries = new ArrayList<>();
    for (String name : names) {
      boolean ip = name.matches("[0-9.]+") || name.contains(":");
      entries.add((ip ? "ip:" : "dns:") + name);
    }
    return String.join(",", entries);
  }

  private static void keytool(Path dir, List<String> store, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add(arguments[0]);
    command.addAll(store);
    command.addAll(List.of(arguments).subList(1, arguments.length));
    command.add("-noprompt");
    OsProcess.Result result = OsProcess.run(command, dir, TIMEOUT);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("keytool " + arguments[0] + " failed with exit code " + result.exitCode()
          + ": " + result.output().trim());
    }
  }
}
