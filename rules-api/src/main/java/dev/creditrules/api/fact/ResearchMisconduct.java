package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A research-misconduct finding ({@code RESEARCH_MISCONDUCT}).
 *
 * @param misconduct RM-01 … RM-08
 * @param banYears the term in years (≥ 1), or {@code null} for the severity's default
 */
public record ResearchMisconduct(
    String id,
    LocalDate decidedOn,
    String misconduct,
    MisconductSeverity severity,
    Integer banYears,
    boolean permanent,
    boolean aggravated,
    boolean awardRevoked,
    String authority,
    String documentNo)
    implements Fact {

  public ResearchMisconduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decidedOn, "decidedOn");
    Objects.requireNonNull(misconduct, "misconduct");
    Objects.requireNonNull(severity, "severity");
  }

  @Override
  public FactType type() {
    return FactType.RESEARCH_MISCONDUCT;
  }

  @Override
  public LocalDate datedOn() {
    return decidedOn;
  }
}
