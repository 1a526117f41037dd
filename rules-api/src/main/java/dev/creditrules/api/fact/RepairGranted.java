package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A granted repair ({@code REPAIR_GRANTED}) of a repairable record.
 *
 * @param newGrade for grade targets, the grade that replaces the target's, or {@code null}
 * @param revokedOn the day the grant was revoked, or {@code null}
 */
public record RepairGranted(
    String id,
    String target,
    LocalDate grantedOn,
    String newGrade,
    LocalDate revokedOn,
    String authority,
    String documentNo)
    implements Fact {

  public RepairGranted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(grantedOn, "grantedOn");
  }

  @Override
  public FactType type() {
    return FactType.REPAIR_GRANTED;
  }

  @Override
  public LocalDate datedOn() {
    return grantedOn;
  }

  /** True when the grant is in effect on {@code day}: granted by then and not revoked by then. */
  public boolean effectiveOn(LocalDate day) {
    return !grantedOn.isAfter(day) && (revokedOn == null || revokedOn.isAfter(day));
  }
}
