package dev.creditrules.spring.boot;

import dev.creditrules.api.CreditRules;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauges of the packs served: {@value CreditRulesMetrics#PACKS_GENERATION}, {@value
 * CreditRulesMetrics#PACKS_SERVED} and {@value CreditRulesMetrics#PACKS_REJECTED}, read from the
 * live directory's {@link LiveStatus} at each scrape (for the shipped packs: 1, their number, 0).
 */
final class PackMetrics implements MeterBinder {
  private final CreditRules rules;

  PackMetrics(CreditRules rules) {
    this.rules = MeteredCreditRules.unwrap(rules);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(CreditRulesMetrics.PACKS_GENERATION, this, PackMetrics::generation)
        .description("Generation of the packs served: 1 on start, one more for each change taken")
        .register(registry);
    Gauge.builder(CreditRulesMetrics.PACKS_SERVED, this, m -> m.rules.packs().size())
        .description("Pack versions served")
        .register(registry);
    Gauge.builder(CreditRulesMetrics.PACKS_REJECTED, this, PackMetrics::rejected)
        .description("Pack folders of the live directory whose last change was rejected")
        .register(registry);
  }

  private double generation() {
    return rules instanceof LivePacks live ? live.status().generation() : 1;
  }

  private double rejected() {
    if (!(rules instanceof LivePacks live)) {
      return 0;
    }
    return live.status().folders().stream()
        .filter(f -> f.verdict() == LiveStatus.Verdict.REJECTED)
        .count();
  }
}
