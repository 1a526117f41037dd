package dev.creditrules.testkit;

import java.util.List;

/**
 * The outcome of one case.
 *
 * @param failures every expectation that did not hold, empty when the case passed
 * @param actual the decision or error JSON the engine gave, pretty-printed
 * @param fired the rules that fired ({@code pack@version/name}), empty for a rejected request
 */
public record CaseResult(
    RegressionCase regressionCase, List<String> failures, String actual, List<String> fired) {
  public CaseResult {
    failures = List.copyOf(failures);
    fired = List.copyOf(fired);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** A readable report: the case, each failed expectation, and the actual result. */
  public String report() {
    StringBuilder b =
        new StringBuilder()
            .append(regressionCase.file())
            .append(": ")
            .append(regressionCase.name())
            .append('\n');
    failures.forEach(f -> b.append("  - ").append(f).append('\n'));
    if (!failures.isEmpty()) {
      b.append("  actual:\n");
      actual.lines().forEach(l -> b.append("    ").append(l).append('\n'));
    }
    return b.toString();
  }
}
