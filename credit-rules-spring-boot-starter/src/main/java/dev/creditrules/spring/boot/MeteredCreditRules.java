package dev.creditrules.spring.boot;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CreditRules} that times and counts each decision ({@link CreditRulesMetrics}) and
 * otherwise does what its delegate does. A timeline is made by the delegate (with one set of packs,
 * for a live directory) and is not counted as decisions. Closing it closes the delegate when that
 * is {@link AutoCloseable} (a live directory).
 */
final class MeteredCreditRules implements CreditRules, AutoCloseable {
  private final CreditRules delegate;
  private final CreditRulesMetrics meters;

  MeteredCreditRules(CreditRules delegate, CreditRulesMetrics meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /** The rules this one meters (for the health indicator and the gauges of a live directory). */
  CreditRules delegate() {
    return delegate;
  }

  /** {@code rules} without the metering wrapper, if it has one. */
  static CreditRules unwrap(CreditRules rules) {
    return rules instanceof MeteredCreditRules m ? m.delegate : rules;
  }

  @Override
  public Decision decide(Request request) {
    long start = System.nanoTime();
    Decision decision;
    try {
      decision = delegate.decide(request);
    } catch (InvalidRequestException e) {
      meters.invalid.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      meters.invalidRequest();
      throw e;
    } catch (RuntimeException | Error e) {
      meters.error.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      throw e;
    }
    meters.decided.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    meters.count(decision);
    return decision;
  }

  @Override
  public Timeline timeline(Request request, LocalDate until) {
    return delegate.timeline(request, until);
  }

  @Override
  public Timeline timeline(Request request, LocalDate until, int maxChanges) {
    return delegate.timeline(request, until, maxChanges);
  }

  @Override
  public List<PackRef> packs() {
    return delegate.packs();
  }

  @Override
  public FactModel model() {
    return delegate.model();
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
