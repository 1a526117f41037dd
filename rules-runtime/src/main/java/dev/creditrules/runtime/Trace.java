package dev.creditrules.runtime;

import dev.creditrules.api.Decision;
import java.util.List;
import java.util.Objects;

/**
 * A decision with the rules that fired to reach it.
 *
 * @param decision the decision, equal to what {@link CreditRulesEngine#decide} returns
 * @param fired every rule firing as {@code pack@version/rule-name}, in firing order (a rule that
 *     fires for two facts appears twice)
 */
public record Trace(Decision decision, List<String> fired) {
  public Trace {
    Objects.requireNonNull(decision, "decision");
    fired = List.copyOf(fired);
  }
}
