package dev.creditrules.benchmarks;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.DecisionListener;
import dev.creditrules.runtime.internal.SessionObserver;
import dev.creditrules.testkit.RequestGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * How many decisions confirm {@code nextChangeOn} per decision (docs/architecture.md, "What changes
 * next"): the share of decisions that need 0, 1, 2 or more confirming decisions, and the sessions
 * run per decision, on the benchmark pool (typical subjects, {@link Subjects#pool}), on a few
 * thousand more typical subjects of the same generator, and on NextChangeOnTest's generated
 * requests (every declared fact type, dates on boundaries). Usage: {@code java -cp benchmarks.jar
 * dev.creditrules.benchmarks.Confirmations [COUNT]} (default 4,000 typical subjects).
 */
public final class Confirmations {
  private Confirmations() {}

  /** Counts the confirmations and sessions of one decision at a time. */
  private static final class Counter implements DecisionListener, SessionObserver {
    int confirmations;
    int sessions;
    LocalDate firstConfirmed;

    @Override
    public void session(
        KieBase base, boolean sequential, List<Object> facts, Map<String, Object> globals) {
      sessions++;
    }

    @Override
    public void confirming(LocalDate day) {
      if (confirmations++ == 0) {
        firstConfirmed = day;
      }
    }
  }

  /** Tallies of one set of requests. */
  private static final class Tally {
    final String name;
    int decisions;
    int none;
    int one;
    int more;
    long confirmations;
    long sessions;

    /**
     * Decisions whose first confirmation found the change (the candidate was visible after all).
     */
    int firstWasChange;

    Tally(String name) {
      this.name = name;
    }

    void add(CreditRulesEngine engine, Request request) {
      Counter c = new Counter();
      Decision d = engine.decide(request, c);
      decisions++;
      confirmations += c.confirmations;
      sessions += c.sessions;
      if (c.confirmations == 0) {
        none++;
      } else if (c.confirmations == 1) {
        one++;
      } else {
        more++;
      }
      if (c.confirmations > 0 && c.firstConfirmed.equals(d.nextChangeOn())) {
        firstWasChange++;
      }
    }

    String line() {
      return String.format(
          "%-48s %6d decisions: 0 confirmations %5.1f%%, 1 %5.1f%%, 2+ %5.1f%%;"
              + " %.3f confirming decisions and %.2f sessions per decision;"
              + " first confirmation found the change for %d of %d confirmed",
          name,
          decisions,
          100.0 * none / decisions,
          100.0 * one / decisions,
          100.0 * more / decisions,
          (double) confirmations / decisions,
          (double) sessions / decisions,
          firstWasChange,
          one + more);
    }
  }

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    CreditRulesEngine engine = CreditRulesEngine.fromClasspath();
    Tally pool = new Tally("benchmark pool (facts=10, 64, seed 42)");
    for (Request r : Subjects.pool(engine.model(), 10, DecideBenchmark.POOL)) {
      pool.add(engine, r);
    }
    Tally typical = new Tally("typical subjects (facts=10, seed 7)");
    for (Request r : Subjects.benchmarkPool(engine.model(), 7, 10, count)) {
      typical.add(engine, r);
    }
    // NextChangeOnTest's requests: every shipped pack and declared fact type, boundary dates
    ContractJson json = new ContractJson(engine.model());
    RequestGenerator generator =
        new RequestGenerator(
            engine.model(),
            RequestGenerator.Settings.of(29, 8, 0).withVaryingFacts().withBoundaries());
    Tally varied = new Tally("NextChangeOnTest's requests (seed 29)");
    List<Request> requests = new ArrayList<>();
    for (long n = 1; n <= 2_000; n++) {
      requests.add(json.readRequest(generator.valid(n)));
    }
    requests.forEach(r -> varied.add(engine, r));
    System.out.println(pool.line());
    System.out.println(typical.line());
    System.out.println(varied.line());
  }
}
