package dev.creditrules.api;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when rule packs cannot be loaded or compiled; lists every problem with its location. */
public final class PackException extends RulesException {
  private static final long serialVersionUID = 1L;

  private final transient List<PackProblem> problems;

  public PackException(List<PackProblem> problems) {
    super(
        "rule packs do not load:\n"
            + problems.stream().map(PackProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<PackProblem> problems() {
    return problems;
  }
}
