package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The span in which a grade is in force (packs-v1 s.0): from {@code publishedOn} to the earlier of
 * {@code L(publishedOn, 12)} and the day before the next later-year grade of the same scheme was
 * published. A repair grant with a {@code newGrade} adds a second term for the new grade from
 * {@code grantedOn} to the end of the original span.
 *
 * @param fact the id of the grade fact (for a replacement, the replaced grade)
 * @param scheme the grade type's name (as its types.yaml declares it)
 * @param year the evaluation year
 * @param grade the grade that applies in this term
 * @param start the first day in force
 * @param until the last day in force
 * @param facts the facts to cite: the grade, plus the grant for a replacement
 * @param replacement true for the term of a {@code newGrade}
 */
public record GradeTerm(
    String fact,
    String scheme,
    int year,
    String grade,
    LocalDate start,
    LocalDate until,
    List<String> facts,
    boolean replacement) {

  public GradeTerm {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(until, "until");
    facts = List.copyOf(facts);
  }

  /** True when the grade is in force on {@code day}. */
  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(until);
  }
}
