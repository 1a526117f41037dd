package dev.creditrules.spring.boot;

import dev.creditrules.api.CreditRules;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.jackson.CreditRulesModule;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.LivePacks;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Auto-configures credit-rules in a Spring Boot application.
 *
 * <ul>
 *   <li>A shared {@link CreditRules}, unless the application declares its own: the packs shipped in
 *       rules-drl ({@link CreditRulesEngine#fromClasspath()}), or, with {@code
 *       credit-rules.packs.directory}, a watched live directory ({@link LivePacks}) whose changes
 *       must pass the changed packs' own cases ({@code CaseGate}; {@code
 *       credit-rules.packs.gate=none} for compile and lint only; a live directory needs {@code
 *       rules-testkit}, which brings {@code rules-compiler}). Closed with the context.
 *   <li>A {@link ContractJson} for the packs' fact model, within {@code credit-rules.limits.*}, and
 *       its Jackson module ({@link CreditRulesModule}), which Boot registers with its {@code
 *       ObjectMapper}.
 *   <li>In a servlet web application, an advice that answers a request breaking the contract with
 *       422 and the contract's error body.
 *   <li>With Actuator, the health indicator {@code creditRules}.
 *   <li>With a Micrometer {@link MeterRegistry}, the meters of {@link CreditRulesMetrics}: every
 *       {@code CreditRules} bean declared as the interface is metered.
 * </ul>
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@EnableConfigurationProperties(CreditRulesProperties.class)
public class CreditRulesAutoConfiguration {

  /**
   * The shipped packs, or the live directory of {@code credit-rules.packs.directory}.
   *
   * @throws dev.creditrules.api.PackException if a pack of the live directory does not compile,
   *     lint or pass the gate on start (the application does not start)
   * @throws IllegalStateException if a directory is set with the case gate and rules-testkit is not
   *     on the class path
   */
  @Bean
  @ConditionalOnMissingBean
  public CreditRules creditRules(CreditRulesProperties properties, ResourceLoader resources) {
    CreditRulesProperties.Packs packs = properties.getPacks();
    Path directory = packs.getDirectory();
    if (directory == null) {
      return CreditRulesEngine.fromClasspath();
    }
    return LiveDirectory.open(directory, packs, resources.getClassLoader());
  }

  /** The contract's JSON for the fact types of the packs served on start. */
  @Bean
  @ConditionalOnMissingBean
  public ContractJson contractJson(CreditRules rules, CreditRulesProperties properties) {
    return ContractJson.withLimits(rules.model(), properties.getLimits().toLimits());
  }

  /**
   * The contract's types through Jackson: Spring Boot registers every {@code Module} bean with its
   * {@code ObjectMapper}, so {@code @RequestBody Request} is read and a returned {@code Decision}
   * written exactly as {@link ContractJson} does.
   */
  @Bean
  @ConditionalOnMissingBean
  public CreditRulesModule creditRulesJacksonModule(ContractJson json) {
    return new CreditRulesModule(json);
  }

  /** The contract's error body for invalid requests, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(HttpMessageNotReadableException.class)
  static class WebConfiguration {
    @Bean
    InvalidRequestAdvice creditRulesInvalidRequestAdvice(
        ContractJson json, ObjectProvider<CreditRulesMetrics> metrics) {
      return new InvalidRequestAdvice(json, metrics);
    }
  }

  /** The health indicator {@code creditRules}, with Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "creditRulesHealthIndicator")
    HealthIndicator creditRulesHealthIndicator(CreditRules rules) {
      return new CreditRulesHealthIndicator(rules);
    }
  }

  /** The meters of decisions and packs, with a Micrometer registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CreditRulesMetrics creditRulesMetrics(MeterRegistry registry) {
      return new CreditRulesMetrics(registry);
    }

    @Bean
    static MeteringPostProcessor creditRulesMeteringPostProcessor(
        ObjectProvider<CreditRulesMetrics> metrics) {
      return new MeteringPostProcessor(metrics);
    }

    @Bean
    PackMetrics creditRulesPackMetrics(CreditRules rules) {
      return new PackMetrics(rules);
    }
  }
}
