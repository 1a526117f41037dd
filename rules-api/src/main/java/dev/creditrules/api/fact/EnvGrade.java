package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An environmental credit grade ({@code ENV_GRADE}).
 *
 * @param province the 2-digit province code whose overlay applies, or {@code null}
 */
public record EnvGrade(
    String id,
    int year,
    String grade,
    LocalDate publishedOn,
    String province,
    String authority,
    String documentNo)
    implements Grade {

  /** The environmental grades, best first. */
  public static final List<String> LEVELS = List.of("GREEN", "BLUE", "YELLOW", "RED", "BLACK");

  public EnvGrade {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(publishedOn, "publishedOn");
  }

  @Override
  public FactType type() {
    return FactType.ENV_GRADE;
  }

  @Override
  public List<String> levels() {
    return LEVELS;
  }
}
