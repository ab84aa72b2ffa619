package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

  @Test
  void defaults() {
    Arguments a = Arguments.parse(new String[0]);

    assertThat(a).isEqualTo(new Arguments(null, false, Duration.ofSeconds(20), false, List.of(), Set.of()));
  }

  @Test
  void theSeedCollectionsAreExpectedOnlyWhenAskedFor() {
    assertThat(Arguments.parse(new String[0]).collections()).as("only what the config declares").isEmpty();
    assertThat(Arguments.parse(new String[] {"--default-collections"}).collections())
        .containsExactly("documents", "chat_history", "code", "knowledge");
    assertThat(Arguments.parse(new String[] {"--collections", "code,scratch", "--default-collections"}).collections())
        .containsExactly("documents", "chat_history", "code", "knowledge", "scratch");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--default-collections=yes"}))
        .hasMessage("--default-collections takes no value");
  }

  @Test
  void everyOptionInBothSpellings() {
    Arguments a = Arguments.parse(new String[] {"--config", "c.yaml", "--json", "--timeout=45s",
        "--collections", "documents, code", "--require", "redis", "--require=qdrant"});

    assertThat(a.configFile()).isEqualTo("c.yaml");
    assertThat(a.json()).isTrue();
    assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(a.collections()).containsExactly("documents", "code");
    assertThat(a.required()).containsExactlyInAnyOrder("redis", "qdrant");
    assertThat(Arguments.parse(new String[] {"--config=other.yaml", "-h"}))
        .extracting(Arguments::configFile, Arguments::help).containsExactly("other.yaml", true);
    assertThat(Arguments.parse(new String[] {"--collections", "none"}).collections()).isEqualTo(List.of());
  }

  @Test
  void durations() {
    assertThat(Arguments.duration("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Arguments.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Arguments.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Arguments.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Arguments.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> Arguments.duration("50ms")).isInstanceOf(UsageException.class)
        .hasMessage("--timeout must be between 100ms and 1h, was '50ms'");
    assertThatThrownBy(() -> Arguments.duration("2h")).hasMessage("--timeout must be between 100ms and 1h, was '2h'");
    assertThatThrownBy(() -> Arguments.duration("-5s")).hasMessageStartingWith("--timeout must be a duration");
    assertThatThrownBy(() -> Arguments.duration("PTx")).hasMessageStartingWith("--timeout must be a duration");
  }

  @Test
  void mistakesNameTheOption() {
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--json=yes"})).hasMessage("--json takes no value");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--timeout", "--json"}))
        .hasMessage("--timeout needs a value");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--config", " "})).hasMessage("--config needs a file name");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--config", "a", "--config=b"}))
        .hasMessage("--config is given twice");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"--collections", "docs,bad name"}))
        .hasMessage("--collections: 'bad name' is not a collection name (letters, digits, '_', '-')");
    assertThatThrownBy(() -> Arguments.parse(new String[] {"-v"})).hasMessage("unknown option -v");
  }

  @Test
  void usageListsEveryOption() {
    assertThat(Arguments.usage()).contains("--config FILE", "--json", "--timeout DURATION", "--collections LIST",
        "--require LIST", "--help");
  }
}
