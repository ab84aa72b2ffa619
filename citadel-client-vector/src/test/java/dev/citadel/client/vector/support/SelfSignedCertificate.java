package dev.citadel.client.vector.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate for {@code localhost} / {@code 127.0.0.1}, made with the JDK's keytool
 * and written as PEM files (certificate, PKCS#8 private key) for a TLS test server.
 *
 * @param certificate the certificate PEM (also the CA to trust, since it is self-signed)
 * @param privateKey the private key PEM
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

  public static SelfSignedCertificate create(Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    char[] password = "test-only-store".toCharArray();
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(password), "-keypass", new String(password))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, password);
    }
    Key key = ks.getKey("server", password);
    Certificate cert = ks.getCertificate("server");
    Path certPem = dir.resolve("server.crt");
    Path keyPem = dir.resolve("server.key");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(certPem, keyPem);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
