package dev.creditrules.api.fact;

import java.time.LocalDate;

/** A yearly credit grade of one scheme (tax, labour, environment). */
public sealed interface Grade extends Fact permits TaxGrade, LaborGrade, EnvGrade {
  /** The evaluation year. */
  int year();

  /** The grade, one of the scheme's {@link #levels()}. */
  String grade();

  /** The day the grade was published; it is in force from then. */
  LocalDate publishedOn();

  /** The grades of this scheme, best first. */
  java.util.List<String> levels();

  @Override
  default LocalDate datedOn() {
    return publishedOn();
  }

  @Override
  default LocalDate versionDate() {
    return LocalDate.of(year(), 12, 31);
  }
}
