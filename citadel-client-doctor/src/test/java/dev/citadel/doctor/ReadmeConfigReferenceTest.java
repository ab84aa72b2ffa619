package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.internal.ConfigKeys;
import dev.citadel.client.vector.config.QdrantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's configuration reference true to the one key table, with every module's
 * section in it: the doctor's class path has core, cache and vector, as a full installation has.
 */
class ReadmeConfigReferenceTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);

  @Test
  void everyKeyHasOneRowNamingItsEnvironmentVariables() throws IOException {
    String section = section();
    List<String> documented = new ArrayList<>();
    Matcher row = ROW.matcher(section);
    while (row.find()) {
      documented.add(row.group(1));
      String path = row.group(1);
      if (ConfigKeys.paths().contains(path)) {
        assertThat(row.group(2)).as("environment column of %s", path)
            .contains(ConfigKeys.envNames(path).stream().map(e -> "`" + e + "`").toList());
      }
    }
    assertThat(documented).as("keys in README's table, in the loader's order")
        .containsExactlyElementsOf(ConfigKeys.paths());
  }

  @Test
  void theSampleFileLoads() throws IOException {
    String section = section();
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    CitadelConfig config = CitadelConfig.loader()
        .yaml(yaml, "README.md")
        .environment(Map.of("DB_PASSWORD", "pw-from-env", "API_KEY_PEPPER", "a-pepper-of-16-chars-or-more"))
        .load();
    assertThat(config.database().port()).isEqualTo(5433);
    assertThat(config.database().directPort()).isEqualTo(5432);
    assertThat(config.database().password().reveal()).isEqualTo("pw-from-env");
    assertThat(config.section(RedisConfig.class)).isPresent();
    assertThat(config.section(QdrantConfig.class)).isPresent();
    assertThat(config.audit().batchSize()).isEqualTo(2000);
  }

  private static String section() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Configuration reference");
    assertThat(start).as("README has a configuration reference").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
