package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one case.
 *
 * @param failures every expectation that did not hold, each naming only the mismatched item
 *     (expected against actual); empty when the case passed
 * @param actual the decision or error JSON the engine gave
 * @param shown {@code actual} as reports show it: a natural person's id, and the personal values of
 *     a rejected request, masked as in the decision log ({@code SubjectMask})
 * @param rejected true when the request was rejected ({@code actual} holds its {@code errors})
 * @param fired the rules that fired ({@code pack@version/name}), empty for a rejected request
 */
public record CaseResult(
    RegressionCase regressionCase,
    List<String> failures,
    JsonNode actual,
    JsonNode shown,
    boolean rejected,
    List<String> fired) {
  public CaseResult {
    Objects.requireNonNull(regressionCase, "regressionCase");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(shown, "shown");
    failures = List.copyOf(failures);
    fired = List.copyOf(fired);
  }

  /** A result whose actual JSON holds nothing personal, shown as it is. */
  public CaseResult(
      RegressionCase regressionCase,
      List<String> failures,
      JsonNode actual,
      boolean rejected,
      List<String> fired) {
    this(regressionCase, failures, actual, actual, rejected, fired);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** The case ({@code file:line: name}) and each failed expectation, one per line. */
  public String report() {
    return report(false);
  }

  /**
   * The case ({@code file:line: name}) and each failed expectation; {@code verbose} adds the whole
   * actual decision.
   */
  public String report(boolean verbose) {
    StringBuilder b =
        new StringBuilder()
            .append(regressionCase.where())
            .append(": ")
            .append(regressionCase.name())
            .append('\n');
    failures.forEach(f -> b.append("  - ").append(f).append('\n'));
    if (verbose && !failures.isEmpty()) {
      b.append("  actual:\n");
      shown.toPrettyString().lines().forEach(l -> b.append("    ").append(l).append('\n'));
    }
    return b.toString();
  }
}
