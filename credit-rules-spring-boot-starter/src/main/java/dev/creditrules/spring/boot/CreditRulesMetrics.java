package dev.creditrules.spring.boot;

import dev.creditrules.api.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The Micrometer meters of decisions, registered with the application's {@link MeterRegistry} (one
 * instance per registry: the auto-configuration makes it a bean). Tags have a few fixed values each
 * (never a subject, request or fact id, never a measure): their number does not grow with the
 * traffic.
 *
 * <ul>
 *   <li>{@value #DECISION_DURATION} (timer), tag {@code result}: {@code decided}, {@code invalid}
 *       (the request broke the contract) or {@code error}; its count of {@code decided} is the
 *       number of decisions.
 *   <li>{@value #DECISIONS} (counter), tag {@code outcome}: {@code sanction}, {@code warning},
 *       {@code incentive}, {@code repair}, {@code dispute}, {@code none}: a decision counts once
 *       under each kind of entry it holds (one with sanctions and repairs counts under both), and
 *       under {@code none} when it holds nothing.
 *   <li>{@value #INVALID_REQUESTS} (counter): requests refused for breaking the contract, whether
 *       the JSON could not be read into a request or the request was refused when decided.
 * </ul>
 */
public final class CreditRulesMetrics {
  /** The timer of decisions, tagged {@code result}. */
  public static final String DECISION_DURATION = "creditrules.decision.duration";

  /** The counter of decisions by the kinds of entry they hold, tagged {@code outcome}. */
  public static final String DECISIONS = "creditrules.decisions";

  /** The counter of requests refused for breaking the contract. */
  public static final String INVALID_REQUESTS = "creditrules.requests.invalid";

  /** The gauge of the generation of the packs served (1 for the shipped packs). */
  public static final String PACKS_GENERATION = "creditrules.packs.generation";

  /** The gauge of how many pack versions are served. */
  public static final String PACKS_SERVED = "creditrules.packs.served";

  /**
   * The gauge of how many pack folders (and the fact declarations) of a live directory had their
   * last change rejected: what is on disk is not what is served. 0 for the shipped packs.
   */
  public static final String PACKS_REJECTED = "creditrules.packs.rejected";

  final Timer decided;
  final Timer invalid;
  final Timer error;
  private final Counter sanction;
  private final Counter warning;
  private final Counter incentive;
  private final Counter repair;
  private final Counter dispute;
  private final Counter none;
  private final Counter invalidRequests;

  /** Registers the meters of decisions with {@code registry}. */
  public CreditRulesMetrics(MeterRegistry registry) {
    decided = timer(registry, "decided");
    invalid = timer(registry, "invalid");
    error = timer(registry, "error");
    sanction = counter(registry, "sanction");
    warning = counter(registry, "warning");
    incentive = counter(registry, "incentive");
    repair = counter(registry, "repair");
    dispute = counter(registry, "dispute");
    none = counter(registry, "none");
    invalidRequests =
        Counter.builder(INVALID_REQUESTS)
            .description("Requests refused for breaking the contract")
            .register(registry);
  }

  private static Timer timer(MeterRegistry registry, String result) {
    return Timer.builder(DECISION_DURATION)
        .description("Time to decide one request")
        .tag("result", result)
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(DECISIONS)
        .description("Decisions by the kinds of entry they hold")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Counts one request refused for breaking the contract. */
  void invalidRequest() {
    invalidRequests.increment();
  }

  /** Counts {@code decision} under each kind of entry it holds. */
  void count(Decision decision) {
    boolean any = false;
    if (!decision.sanctions().isEmpty()) {
      sanction.increment();
      any = true;
    }
    if (!decision.warnings().isEmpty()) {
      warning.increment();
      any = true;
    }
    if (!decision.incentives().isEmpty()) {
      incentive.increment();
      any = true;
    }
    if (!decision.repairs().isEmpty()) {
      repair.increment();
      any = true;
    }
    if (decision.disputes() != null) {
      dispute.increment();
      any = true;
    }
    if (!any) {
      none.increment();
    }
  }
}
