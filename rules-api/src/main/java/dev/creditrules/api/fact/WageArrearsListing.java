package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A listing on the wage-arrears joint-sanction list ({@code WAGE_ARREARS_LISTING}).
 *
 * @param paidInFullOn the day the arrears were paid in full, or {@code null}
 */
public record WageArrearsListing(
    String id, LocalDate decidedOn, LocalDate paidInFullOn, String authority, String documentNo)
    implements Fact {

  public WageArrearsListing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decidedOn, "decidedOn");
  }

  @Override
  public FactType type() {
    return FactType.WAGE_ARREARS_LISTING;
  }

  @Override
  public LocalDate datedOn() {
    return decidedOn;
  }
}
