package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A public credit commitment ({@code CREDIT_COMMITMENT}) made for a repairable record.
 *
 * @param target the id of the record it is made for
 * @param breachedOn the day it was breached, or {@code null}
 */
public record CreditCommitment(
    String id,
    LocalDate madeOn,
    String target,
    LocalDate breachedOn,
    String authority,
    String documentNo)
    implements Fact {

  public CreditCommitment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(madeOn, "madeOn");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public FactType type() {
    return FactType.CREDIT_COMMITMENT;
  }

  @Override
  public LocalDate datedOn() {
    return madeOn;
  }

  /** True when the commitment counts on {@code day}: made by then and not breached by then. */
  public boolean countsOn(LocalDate day) {
    return !madeOn.isAfter(day) && (breachedOn == null || breachedOn.isAfter(day));
  }
}
