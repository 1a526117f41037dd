package dev.creditrules.runtime;

import dev.creditrules.api.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * Why a measure is or is not in a request's decision.
 *
 * @param measure the measure asked about
 * @param outcomes the decision's outcomes of that measure (empty when it is not in the decision)
 * @param rules every loaded rule that can produce the measure, with what happened to it
 */
public record Explanation(String measure, List<Outcome> outcomes, List<RuleExplanation> rules) {
  public Explanation {
    Objects.requireNonNull(measure, "measure");
    outcomes = List.copyOf(outcomes);
    rules = List.copyOf(rules);
  }

  /** True when the measure is in the decision. */
  public boolean inDecision() {
    return !outcomes.isEmpty();
  }

  /** What happened to one rule. */
  public enum Verdict {
    /** The rule fired. */
    FIRED,
    /** The rule's pack version judged no fact of the request and was not in force on asOf. */
    NOT_RUN,
    /** A condition of the rule failed; {@code condition} names the first one. */
    FAILED
  }

  /**
   * One rule that can produce the measure.
   *
   * @param rule {@code pack@version/name}
   * @param verdict what happened
   * @param reason a sentence for people
   * @param file the DRL file of the rule
   * @param line the line of the failing condition (or of the rule), 0 when unknown
   * @param condition the first condition that failed, as written in the DRL, or null
   * @param seen the facts and session records of the failing condition's type that the rule saw
   */
  public record RuleExplanation(
      String rule,
      Verdict verdict,
      String reason,
      String file,
      int line,
      String condition,
      List<String> seen) {
    public RuleExplanation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(reason, "reason");
      seen = List.copyOf(seen);
    }
  }
}
