package dev.creditrules.pack;

import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.UnmetCode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A rule's conclusion about repairing one record. The procedure is the one the inserting rule names
 * in {@code @procedure}. The runtime adds the procedure's route and basis from the catalogue and
 * turns the status into REPAIRED when a grant covers the record.
 *
 * @param fact the record's id
 * @param status the status on {@code asOf}
 * @param earliest the first day all time conditions hold, or {@code null}
 * @param unmet every unmet condition, in the order to report them
 * @param verified false when this status is computed to rest on an unverified rule (the catalogue's
 *     own flag is combined with it); a constant belongs in the catalogue
 */
public record RepairHit(
    String fact, RepairStatus status, LocalDate earliest, List<UnmetCode> unmet, boolean verified) {
  public RepairHit {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(status, "status");
    unmet = List.copyOf(unmet);
  }

  /** A repair conclusion of the rule's procedure whose verification is the catalogue's. */
  public RepairHit(String fact, RepairStatus status, LocalDate earliest, List<UnmetCode> unmet) {
    this(fact, status, earliest, unmet, true);
  }
}
