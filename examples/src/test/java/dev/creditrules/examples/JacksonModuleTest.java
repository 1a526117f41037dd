package dev.creditrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.jackson.CreditRulesModule;
import dev.creditrules.runtime.CreditRulesEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedding with Jackson: an application's own {@code ObjectMapper}, with {@link CreditRulesModule}
 * registered, reads every worked example as {@link ContractJson} reads it and writes the decision
 * the shipped packs make of it byte for byte as {@code ContractJson} writes it.
 */
class JacksonModuleTest {
  private static CreditRules rules;
  private static ContractJson json;

  @BeforeAll
  static void load() {
    rules = CreditRulesEngine.fromClasspath();
    json = new ContractJson(rules.model());
  }

  @Test
  void everyWorkedExampleDecidedThroughAnApplicationsMapperHasTheContractsBytes() throws Exception {
    ObjectMapper plain = new ObjectMapper().registerModule(new CreditRulesModule(json));
    ObjectMapper application =
        JsonMapper.builder()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build()
            .registerModule(new CreditRulesModule(json));
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("requests"))) {
      examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    int outcomes = 0;
    for (Path file : examples) {
      byte[] bytes = Files.readAllBytes(file);
      Request expected = json.readRequest(new String(bytes, StandardCharsets.UTF_8));
      Decision decision = rules.decide(expected);
      String contract = json.writeDecision(decision);
      outcomes += decision.incentives().size() + decision.sanctions().size();
      for (ObjectMapper mapper : List.of(plain, application)) {
        Request read = mapper.readValue(bytes, Request.class);
        assertThat(read).as(file.toString()).isEqualTo(expected);
        assertThat(mapper.writeValueAsString(rules.decide(read)))
            .as(file.toString())
            .isEqualTo(contract);
        assertThat(mapper.readValue(contract, Decision.class)).isEqualTo(decision);
      }
    }
    assertThat(outcomes).as("the worked examples decide something").isPositive();
  }
}
