package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test engine whose {@code nextChangeOn} is found the slow way: it decides the same request on
 * each following day, up to {@code horizonDays} after {@code asOf}, and names the first day whose
 * decision is not {@link Decision#sameAs} (null when none within the horizon). Exact by
 * construction, so the timeline, its JSON, its text and the repair guide can be checked on real
 * decisions of the shipped packs, whatever the engine's own {@code nextChangeOn} does yet.
 */
final class DailyNextChange implements CreditRules {
  private final CreditRules engine;
  private final int horizonDays;
  private final AtomicLong asked = new AtomicLong();

  DailyNextChange(CreditRules engine, int horizonDays) {
    this.engine = engine;
    this.horizonDays = horizonDays;
  }

  /** How many decisions callers asked this engine for (not counting the days it looked ahead). */
  long asked() {
    return asked.get();
  }

  @Override
  public Decision decide(Request request) {
    asked.incrementAndGet();
    Decision d = engine.decide(request);
    for (int i = 1; i <= horizonDays; i++) {
      LocalDate day = request.asOf().plusDays(i);
      if (!engine.decide(request.on(day)).sameAs(d)) {
        return d.withNextChangeOn(day);
      }
    }
    return d.withNextChangeOn(null);
  }

  @Override
  public List<PackRef> packs() {
    return engine.packs();
  }

  @Override
  public FactModel model() {
    return engine.model();
  }
}
