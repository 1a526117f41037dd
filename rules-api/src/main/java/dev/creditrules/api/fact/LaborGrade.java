package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A labour-law compliance grade ({@code LABOR_GRADE}) A, B or C. */
public record LaborGrade(
    String id, int year, String grade, LocalDate publishedOn, String authority, String documentNo)
    implements Grade {

  /** The labour grades, best first. */
  public static final List<String> LEVELS = List.of("A", "B", "C");

  public LaborGrade {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(publishedOn, "publishedOn");
  }

  @Override
  public FactType type() {
    return FactType.LABOR_GRADE;
  }

  @Override
  public List<String> levels() {
    return LEVELS;
  }
}
