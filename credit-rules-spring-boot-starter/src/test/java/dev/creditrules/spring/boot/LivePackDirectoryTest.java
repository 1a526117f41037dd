package dev.creditrules.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.CreditRules;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code credit-rules.packs.directory}: a copy of the shipped packs served live with the case gate;
 * a change that breaks one of a pack's own cases is rejected, the health goes DOWN with the failed
 * case and the gauge counts the rejected folder, while the last good version is still served; the
 * context's close closes the live directory.
 */
class LivePackDirectoryTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");
  static final Path CASE_FILE = Path.of("tax/2025.07/cases/grades-b-m-c.yaml");
  static final String EXPECTATION = "exclude: [TAX-I-01, TAX-I-07, TAX-I-09]";

  @TempDir Path tmp;

  @Test
  void aLiveDirectoryIsServedWithTheCaseGateAndARejectedChangeTurnsTheHealthDown()
      throws IOException {
    Path dir = tmp.resolve("packs");
    copy(PACKS, dir);
    LivePacks[] served = new LivePacks[1];
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CreditRulesAutoConfiguration.class))
        .withPropertyValues(
            "credit-rules.packs.directory=" + dir, "credit-rules.packs.poll-interval=1h")
        .run(
            context -> {
              CreditRules rules = context.getBean(CreditRules.class);
              assertThat(MeteredCreditRules.unwrap(rules)).isInstanceOf(LivePacks.class);
              LivePacks live = (LivePacks) MeteredCreditRules.unwrap(rules);
              served[0] = live;
              HealthIndicator indicator =
                  context.getBean("creditRulesHealthIndicator", HealthIndicator.class);
              Health up = indicator.health();
              assertThat(up.getStatus()).isEqualTo(Status.UP);
              assertThat(up.getDetails())
                  .containsEntry("generation", 1L)
                  .containsEntry("directory", dir.toString())
                  .doesNotContainKey("rejected");
              assertThat(up.getDetails().get("packs")).asString().contains("tax@2025.07");

              // an analyst's change that breaks one of the pack's own cases
              Path cases = dir.resolve(CASE_FILE);
              String text = Files.readString(cases);
              assertThat(text).contains(EXPECTATION);
              Files.writeString(cases, text.replace(EXPECTATION, "exclude: [TAX-I-08]"));
              LiveStatus status = live.reload();
              assertThat(status.healthy()).isFalse();

              Health down = indicator.health();
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);
              assertThat(down.getDetails()).containsEntry("generation", 1L);
              List<?> rejected = (List<?>) down.getDetails().get("rejected");
              assertThat(rejected).hasSize(1);
              Map<?, ?> folder = (Map<?, ?>) rejected.get(0);
              assertThat(folder.get("pack")).isEqualTo("tax@2025.07");
              assertThat((List<?>) folder.get("problems"))
                  .singleElement()
                  .asString()
                  .contains("cases/grades-b-m-c.yaml", "M gives only TAX-I-08");
              // the last good version is still served
              assertThat(rules.packs()).extracting(Object::toString).contains("tax@2025.07");

              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.get(CreditRulesMetrics.PACKS_REJECTED).gauge().value())
                  .isEqualTo(1);
              assertThat(registry.get(CreditRulesMetrics.PACKS_GENERATION).gauge().value())
                  .isEqualTo(1);

              // put right: accepted, UP again
              Files.writeString(cases, text);
              assertThat(live.reload().healthy()).isTrue();
              assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
              assertThat(registry.get(CreditRulesMetrics.PACKS_REJECTED).gauge().value()).isZero();
            });
    // closed with the context
    assertThatThrownBy(() -> served[0].reload())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
