package dev.creditrules.api.fact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A tax credit grade ({@code TAX_GRADE}) A, B, M, C or D.
 *
 * @param score the score, or {@code null}
 * @param directReason for a direct D, the case number 1-13 of TAX-G-07; {@code null} otherwise
 * @param correctedOn the day the dishonest conduct was corrected, or {@code null}
 */
public record TaxGrade(
    String id,
    int year,
    String grade,
    LocalDate publishedOn,
    BigDecimal score,
    Integer directReason,
    LocalDate correctedOn,
    String authority,
    String documentNo)
    implements Grade {

  /** The tax grades, best first. */
  public static final List<String> LEVELS = List.of("A", "B", "M", "C", "D");

  public TaxGrade {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(publishedOn, "publishedOn");
  }

  @Override
  public FactType type() {
    return FactType.TAX_GRADE;
  }

  @Override
  public List<String> levels() {
    return LEVELS;
  }

  /** True for a D with a direct-judgment reason. */
  public boolean isDirectD() {
    return "D".equals(grade) && directReason != null;
  }
}
