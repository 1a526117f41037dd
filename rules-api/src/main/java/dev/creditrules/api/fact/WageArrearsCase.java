package dev.creditrules.api.fact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A wage-arrears case found by an authority ({@code WAGE_ARREARS_CASE}).
 *
 * @param amount the amount in yuan, or {@code null}
 * @param workers the number of workers, or {@code null}
 */
public record WageArrearsCase(
    String id,
    LocalDate foundOn,
    BigDecimal amount,
    Integer workers,
    String authority,
    String documentNo)
    implements Fact {

  public WageArrearsCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(foundOn, "foundOn");
  }

  @Override
  public FactType type() {
    return FactType.WAGE_ARREARS_CASE;
  }

  @Override
  public LocalDate datedOn() {
    return foundOn;
  }
}
