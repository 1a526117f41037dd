package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A major labour-law violation published under 人社部令第29号 ({@code MAJOR_LABOR_VIOLATION}).
 *
 * @param category the category 1-7
 */
public record MajorLaborViolation(
    String id, LocalDate decidedOn, int category, String authority, String documentNo)
    implements Fact {

  public MajorLaborViolation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decidedOn, "decidedOn");
  }

  @Override
  public FactType type() {
    return FactType.MAJOR_LABOR_VIOLATION;
  }

  @Override
  public LocalDate datedOn() {
    return decidedOn;
  }
}
