package dev.creditrules.runtime;

import dev.creditrules.api.Outcome;
import dev.creditrules.api.RepairStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a measure is or is not in a request's decision, and why a repair entry has its status.
 *
 * @param measure the measure or repair procedure asked about, or {@code null} when only a fact was
 * @param fact the fact asked about, or {@code null}
 * @param outcomes the decision's outcomes of that measure (empty when it is not in the decision)
 * @param rules every loaded rule that can produce the measure (a procedure's repair rules
 *     included), with what happened to it
 * @param repairs the decision's repair entries of that procedure and fact, each with the conditions
 *     its procedure checked and the values they read
 */
public record Explanation(
    @Nullable String measure,
    @Nullable String fact,
    List<Outcome> outcomes,
    List<RuleExplanation> rules,
    List<RepairExplanation> repairs) {
  public Explanation {
    if (measure == null && fact == null) {
      throw new NullPointerException("measure and fact");
    }
    outcomes = List.copyOf(outcomes);
    rules = List.copyOf(rules);
    repairs = List.copyOf(repairs);
  }

  /** An explanation of a measure alone. */
  public Explanation(String measure, List<Outcome> outcomes, List<RuleExplanation> rules) {
    this(Objects.requireNonNull(measure, "measure"), null, outcomes, rules, List.of());
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
   * @param seen the facts and session records of the failing condition's type that the rule saw;
   *     for an {@code eval}, the values its variables and calls had ({@code $d = 2024-03-01})
   */
  public record RuleExplanation(
      String rule,
      Verdict verdict,
      String reason,
      String file,
      int line,
      @Nullable String condition,
      List<String> seen) {
    public RuleExplanation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(reason, "reason");
      seen = List.copyOf(seen);
    }
  }

  /**
   * Why one repair entry is what it is, from the pack function its rule calls: every condition of
   * that function that decides a status or an unmet code, whether it held, and the values it read.
   *
   * @param fact the record's id
   * @param procedure the repair procedure(s) of the rule ({@code @procedure})
   * @param status the entry's status in the decision
   * @param earliest the entry's earliest day, or null
   * @param unmet the entry's unmet codes
   * @param rule {@code pack@version/name} of the rule that concluded it
   * @param function the pack function the rule calls, or null when it concludes directly
   * @param file the file the function (else the rule) is written in
   * @param line the line of the function (else the rule)
   * @param conditions each condition of the function that concludes a status or unmet code
   * @param values every value the function was given and computed, in order ({@code minOver =
   *     minimumPeriodOver(p) = 2024-09-02 (general.drl:116)})
   * @param reason a sentence for people
   */
  public record RepairExplanation(
      String fact,
      String procedure,
      RepairStatus status,
      @Nullable LocalDate earliest,
      List<String> unmet,
      String rule,
      @Nullable String function,
      String file,
      int line,
      List<Condition> conditions,
      List<String> values,
      String reason) {
    public RepairExplanation {
      Objects.requireNonNull(fact, "fact");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(reason, "reason");
      unmet = List.copyOf(unmet);
      conditions = List.copyOf(conditions);
      values = List.copyOf(values);
    }
  }

  /**
   * One condition of a repair function and what it concludes.
   *
   * @param conclusions the statuses and unmet codes it concludes when it holds ({@code NEVER,
   *     NOT_REPAIRABLE}; {@code MIN_PERIOD})
   * @param holds whether it held on asOf (so the conclusions apply), null when the function
   *     returned before reaching it
   * @param condition the condition as written ({@code not (…)} for an else branch), or null when
   *     the conclusions are not guarded
   * @param file the file
   * @param line its line
   * @param values the values of the variables and calls it reads, when it was evaluated
   */
  public record Condition(
      List<String> conclusions,
      @Nullable Boolean holds,
      @Nullable String condition,
      String file,
      int line,
      List<String> values) {
    public Condition {
      conclusions = List.copyOf(conclusions);
      values = List.copyOf(values);
    }
  }
}
