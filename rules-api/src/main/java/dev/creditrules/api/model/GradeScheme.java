package dev.creditrules.api.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A yearly grade scheme (packs-v1 s.0): a grade is in force from {@code publishedOn} to the earlier
 * of 12 months later and the day before the next year's grade of the same scheme was published. The
 * runtime computes these spans ({@code GradeTerm}) for any declared scheme.
 *
 * @param year the field holding the evaluation year
 * @param level the field holding the grade
 * @param publishedOn the field holding the day it was published
 * @param levels the grades, best first
 * @param notAsNewGrade grades a repair grant may not give as {@code newGrade}
 * @param notAsNewGradeMessage the reason when it does, or {@code null} for the generated one
 */
public record GradeScheme(
    String year,
    String level,
    String publishedOn,
    List<String> levels,
    List<String> notAsNewGrade,
    @Nullable String notAsNewGradeMessage) {
  public GradeScheme {
    Objects.requireNonNull(year, "year");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(publishedOn, "publishedOn");
    levels = List.copyOf(levels);
    notAsNewGrade = notAsNewGrade == null ? List.of() : List.copyOf(notAsNewGrade);
  }
}
