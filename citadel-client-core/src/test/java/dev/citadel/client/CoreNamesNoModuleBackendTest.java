package dev.citadel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core owns PostgreSQL and the extension SPI; Redis and Qdrant belong to the cache and vector
 * modules, which plug in through that SPI. A core source file naming either means a module's
 * concept leaked back into core.
 */
class CoreNamesNoModuleBackendTest {

  @Test
  void noMainSourceFileOfCoreNamesRedisOrQdrant() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(sources)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String text = Files.readString(p).toLowerCase(Locale.ROOT);
          return text.contains("redis") || text.contains("qdrant");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(offenders).as("core main sources naming Redis or Qdrant").isEmpty();
  }
}
