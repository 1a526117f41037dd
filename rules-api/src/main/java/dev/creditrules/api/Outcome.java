package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One measure that applies on the decision's {@code asOf}, with the rule and facts behind it.
 *
 * @param measure the measure id, for example {@code TAX-S-05}
 * @param name the measure's names
 * @param sector the sector of the pack that produced it
 * @param group the measure's group
 * @param areas the areas the measure touches, possibly empty
 * @param from the first day the measure applies
 * @param until the last day it applies, or {@code null} when open-ended
 * @param basis the legal bases
 * @param verified false where the measure or its term rests on an unverified rule
 * @param rule {@code pack@version/rule-name}
 * @param facts the ids of the facts that triggered it
 */
public record Outcome(
    String measure,
    Name name,
    String sector,
    MeasureGroup group,
    List<Area> areas,
    LocalDate from,
    @Nullable LocalDate until,
    List<Basis> basis,
    boolean verified,
    String rule,
    List<String> facts,
    @Nullable Boolean disputed) {

  public Outcome {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sector, "sector");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(rule, "rule");
    areas = List.copyOf(areas);
    basis = List.copyOf(basis);
    facts = List.copyOf(facts);
    if (Boolean.FALSE.equals(disputed)) {
      // present only when true (commitments-objections.md part C)
      disputed = null;
    }
  }

  /** An outcome none of whose facts is disputed. */
  public Outcome(
      String measure,
      Name name,
      String sector,
      MeasureGroup group,
      List<Area> areas,
      LocalDate from,
      @Nullable LocalDate until,
      List<Basis> basis,
      boolean verified,
      String rule,
      List<String> facts) {
    this(measure, name, sector, group, areas, from, until, basis, verified, rule, facts, null);
  }

  /** This outcome marked disputed (one of its facts is disputed on asOf). */
  public Outcome markDisputed() {
    return new Outcome(
        measure, name, sector, group, areas, from, until, basis, verified, rule, facts, true);
  }
}
