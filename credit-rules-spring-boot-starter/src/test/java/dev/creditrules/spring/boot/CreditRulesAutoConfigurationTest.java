package dev.creditrules.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.jackson.InvalidContractJsonException;
import dev.creditrules.runtime.CreditRulesEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration in real application contexts with the shipped packs: the default {@code
 * CreditRules}, the application's own winning, the contract's JSON and its limits, the health
 * indicator and the meters of decisions.
 */
class CreditRulesAutoConfigurationTest {
  static final Path REQUESTS = Path.of("../examples/requests");

  /** The shipped packs, built once for the tests that give the application's own bean. */
  static CreditRulesEngine engine;

  static List<Request> examples;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CreditRulesAutoConfiguration.class));

  /** With Boot's own meter registry (and the binding of meter binders). */
  private final ApplicationContextRunner metered =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MetricsAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  CreditRulesAutoConfiguration.class));

  @BeforeAll
  static void shippedPacks() throws IOException {
    engine = CreditRulesEngine.fromClasspath();
    ContractJson json = new ContractJson(engine.model());
    try (Stream<Path> files = Files.list(REQUESTS)) {
      examples =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .map(f -> json.readRequest(read(f)))
              .toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
  }

  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRules {
    @Bean
    CreditRules myRules() {
      return engine;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    @Bean
    CreditRulesEngine myEngine() {
      return engine;
    }
  }

  @Test
  void withoutPropertiesTheShippedPacksAreServedAndTheContractJsonReadsTheirFacts() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(CreditRules.class).hasSingleBean(ContractJson.class);
          CreditRules rules = context.getBean(CreditRules.class);
          assertThat(rules).isInstanceOf(CreditRulesEngine.class);
          assertThat(rules.packs()).isEqualTo(engine.packs());
          ContractJson json = context.getBean(ContractJson.class);
          for (Request r : examples) {
            assertThat(json.writeDecision(rules.decide(r)))
                .isEqualTo(json.writeDecision(engine.decide(r)));
          }
          // no web application, no Actuator registry here: no advice, no meters
          assertThat(context).doesNotHaveBean(InvalidRequestAdvice.class);
          assertThat(context).doesNotHaveBean(CreditRulesMetrics.class);
        });
  }

  @Test
  void aLiveDirectoryWithTheCaseGateButWithoutRulesTestkitSaysWhatToAdd() {
    runner
        .withClassLoader(new FilteredClassLoader(LiveDirectory.CASE_GATE))
        .withPropertyValues("credit-rules.packs.directory=" + REQUESTS)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("credit-rules.packs.directory=" + REQUESTS)
                    .hasMessageContaining("add the dependency dev.creditrules:rules-testkit"));
  }

  @Test
  void theApplicationsOwnCreditRulesWins() {
    runner
        .withUserConfiguration(OwnRules.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CreditRules.class);
              assertThat(context.getBean(CreditRules.class)).isSameAs(engine);
              assertThat(context.getBean(ContractJson.class).model()).isSameAs(engine.model());
            });
  }

  @Test
  void limitsComeFromProperties() {
    runner
        .withUserConfiguration(OwnRules.class)
        .withPropertyValues("credit-rules.limits.max-facts=1")
        .run(
            context -> {
              ContractJson json = context.getBean(ContractJson.class);
              assertThat(json.limits().maxFacts()).isEqualTo(1);
              String twoFacts =
                  Files.readAllLines(REQUESTS.resolve("tax-ex-01.json")).stream()
                      .reduce("", String::concat);
              assertThatThrownBy(() -> json.readRequest(twoFacts))
                  .isInstanceOf(InvalidRequestException.class)
                  .satisfies(
                      e ->
                          assertThat(((InvalidRequestException) e).errors())
                              .anySatisfy(err -> assertThat(err.pointer()).isEqualTo("/facts")));
            });
  }

  @Test
  void bootsObjectMapperReadsAndWritesTheContractsBytes() {
    runner
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
        .withUserConfiguration(OwnRules.class)
        .run(
            context -> {
              ObjectMapper mapper = context.getBean(ObjectMapper.class);
              ContractJson json = context.getBean(ContractJson.class);
              try (Stream<Path> files = Files.list(REQUESTS)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                  String text = Files.readString(f);
                  Request request = mapper.readValue(text, Request.class);
                  assertThat(request).as(f.toString()).isEqualTo(json.readRequest(text));
                  Decision decision = engine.decide(request);
                  assertThat(mapper.writeValueAsString(decision))
                      .as(f.toString())
                      .isEqualTo(json.writeDecision(decision));
                }
              }
              assertThatThrownBy(
                      () -> mapper.readValue("{\"asOf\": \"2026-02-30\"}", Request.class))
                  .isInstanceOf(InvalidContractJsonException.class)
                  .satisfies(
                      e ->
                          assertThat(((InvalidContractJsonException) e).errors())
                              .extracting(RequestError::pointer)
                              .contains("/asOf", "/subject"));
            });
  }

  @Test
  void aServletApplicationGetsTheAdviceForInvalidRequests() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CreditRulesAutoConfiguration.class))
        .withUserConfiguration(OwnRules.class)
        .run(context -> assertThat(context).hasSingleBean(InvalidRequestAdvice.class));
  }

  @Test
  void healthIsUpWithThePacksServed() {
    runner
        .withUserConfiguration(OwnRules.class)
        .run(
            context -> {
              Health health =
                  context.getBean("creditRulesHealthIndicator", HealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("generation", 1)
                  .containsEntry("packs", engine.packs().stream().map(PackRef::toString).toList());
            });
  }

  @Test
  void decisionsAreTimedAndCountedByOutcomeKindAndInvalidRequestsCounted() {
    metered
        .withUserConfiguration(OwnRules.class)
        .run(
            context -> {
              CreditRules rules = context.getBean(CreditRules.class);
              assertThat(rules).isInstanceOf(MeteredCreditRules.class);
              assertThat(MeteredCreditRules.unwrap(rules)).isSameAs(engine);
              int sanctions = 0;
              int incentives = 0;
              int repairs = 0;
              for (Request r : examples) {
                Decision d = rules.decide(r);
                sanctions += d.sanctions().isEmpty() ? 0 : 1;
                incentives += d.incentives().isEmpty() ? 0 : 1;
                repairs += d.repairs().isEmpty() ? 0 : 1;
              }
              Request invalid =
                  new Request(
                      "bad",
                      examples.get(0).asOf(),
                      new dev.creditrules.api.Subject(
                          "91110108MA01TAX03X",
                          dev.creditrules.api.SubjectType.ENTERPRISE,
                          null,
                          null,
                          null),
                      null,
                      List.of());
              assertThatThrownBy(() -> rules.decide(invalid))
                  .isInstanceOf(InvalidRequestException.class);

              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get(CreditRulesMetrics.DECISION_DURATION)
                          .tag("result", "decided")
                          .timer()
                          .count())
                  .isEqualTo(examples.size());
              assertThat(
                      registry
                          .get(CreditRulesMetrics.DECISION_DURATION)
                          .tag("result", "invalid")
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(count(registry, "sanction")).isEqualTo(sanctions).isPositive();
              assertThat(count(registry, "incentive")).isEqualTo(incentives).isPositive();
              assertThat(count(registry, "repair")).isEqualTo(repairs).isPositive();
              assertThat(registry.get(CreditRulesMetrics.INVALID_REQUESTS).counter().count())
                  .isEqualTo(1);
              assertThat(registry.get(CreditRulesMetrics.PACKS_GENERATION).gauge().value())
                  .isEqualTo(1);
              assertThat(registry.get(CreditRulesMetrics.PACKS_SERVED).gauge().value())
                  .isEqualTo(engine.packs().size());
              assertThat(registry.get(CreditRulesMetrics.PACKS_REJECTED).gauge().value()).isZero();
              // no tag names a subject, request, fact or measure
              assertThat(registry.getMeters())
                  .filteredOn(m -> m.getId().getName().startsWith("creditrules."))
                  .allSatisfy(
                      m ->
                          assertThat(m.getId().getTags())
                              .allSatisfy(t -> assertThat(t.getKey()).isIn("result", "outcome")))
                  .hasSize(3 + 6 + 1 + 3);
            });
  }

  @Test
  void aBeanDeclaredWithItsConcreteTypeIsLeftAsItIs() {
    metered
        .withUserConfiguration(OwnEngine.class)
        .run(
            context -> {
              assertThat(context.getBean(CreditRulesEngine.class)).isSameAs(engine);
              assertThat(context.getBean(CreditRules.class)).isSameAs(engine);
            });
  }

  private static double count(MeterRegistry registry, String outcome) {
    return registry.get(CreditRulesMetrics.DECISIONS).tag("outcome", outcome).counter().count();
  }
}
