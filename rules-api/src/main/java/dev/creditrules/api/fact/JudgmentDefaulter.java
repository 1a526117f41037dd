package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A listing as 失信被执行人 ({@code JUDGMENT_DEFAULTER}).
 *
 * @param termYears the listing term, 1-5 years (2 when not given)
 * @param fulfilledOn the day the judgment was fulfilled, or {@code null}
 */
public record JudgmentDefaulter(
    String id,
    LocalDate listedOn,
    int termYears,
    LocalDate fulfilledOn,
    String authority,
    String documentNo)
    implements Fact {

  public JudgmentDefaulter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(listedOn, "listedOn");
  }

  @Override
  public FactType type() {
    return FactType.JUDGMENT_DEFAULTER;
  }

  @Override
  public LocalDate datedOn() {
    return listedOn;
  }
}
