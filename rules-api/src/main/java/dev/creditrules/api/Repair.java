package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether one repairable record can be repaired on {@code asOf}.
 *
 * @param fact the id of the record
 * @param sector the record's sector (a penalty's own sector, otherwise its pack's)
 * @param status the status
 * @param earliest for {@code ELIGIBLE} and {@code NOT_YET} the first day all time conditions hold,
 *     {@code null} when a date it needs is unknown and for the other statuses
 * @param unmet every unmet condition, possibly empty
 * @param route where the application goes, {@code null} when there is no procedure
 * @param basis the legal bases of the repair procedure
 * @param verified false where the procedure rests on an unverified rule
 * @param rule {@code pack@version/rule-name}
 */
public record Repair(
    String fact,
    String sector,
    RepairStatus status,
    @Nullable LocalDate earliest,
    List<Unmet> unmet,
    @Nullable String route,
    List<Basis> basis,
    boolean verified,
    String rule,
    @Nullable Boolean disputed,
    @Nullable String withdrawnBy) {

  public Repair {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(sector, "sector");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rule, "rule");
    unmet = List.copyOf(unmet);
    basis = List.copyOf(basis);
    if (Boolean.FALSE.equals(disputed)) {
      // present only when true (commitments-objections.md part C)
      disputed = null;
    }
  }

  /** An entry of a record that is neither disputed nor withdrawn. */
  public Repair(
      String fact,
      String sector,
      RepairStatus status,
      @Nullable LocalDate earliest,
      List<Unmet> unmet,
      @Nullable String route,
      List<Basis> basis,
      boolean verified,
      String rule) {
    this(fact, sector, status, earliest, unmet, route, basis, verified, rule, null, null);
  }

  /** This entry marked disputed (its record is disputed on asOf). */
  public Repair markDisputed() {
    return new Repair(
        fact, sector, status, earliest, unmet, route, basis, verified, rule, true, withdrawnBy);
  }
}
