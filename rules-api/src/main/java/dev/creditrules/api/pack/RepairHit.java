package dev.creditrules.api.pack;

import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.UnmetCode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A rule's conclusion about repairing one record. The runtime adds the procedure's route and basis
 * from the catalogue and turns the status into REPAIRED when a grant covers the record.
 *
 * @param fact the record's id
 * @param procedure the repair procedure id in the pack's catalogue, for example {@code GEN-R-03}
 * @param status the status on {@code asOf}
 * @param earliest the first day all time conditions hold, or {@code null}
 * @param unmet every unmet condition, in the order to report them
 * @param verified false when this status rests on an unverified rule
 */
public record RepairHit(
    String fact,
    String procedure,
    RepairStatus status,
    LocalDate earliest,
    List<UnmetCode> unmet,
    boolean verified) {
  public RepairHit {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(procedure, "procedure");
    Objects.requireNonNull(status, "status");
    unmet = List.copyOf(unmet);
  }
}
