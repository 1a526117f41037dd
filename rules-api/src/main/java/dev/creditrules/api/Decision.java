package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the rule packs decide for one request. Lists are never null, possibly empty, and sorted as
 * the contract prescribes, so the same request always gives an equal decision.
 */
public record Decision(
    String requestId,
    LocalDate asOf,
    SubjectRef subject,
    List<PackRef> packs,
    List<Outcome> incentives,
    List<Outcome> sanctions,
    List<Outcome> warnings,
    List<Repair> repairs,
    List<OpenDispute> disputes) {

  public Decision {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(subject, "subject");
    packs = List.copyOf(packs);
    incentives = List.copyOf(incentives);
    sanctions = List.copyOf(sanctions);
    warnings = List.copyOf(warnings);
    repairs = List.copyOf(repairs);
    // present only when a dispute is pending on asOf (commitments-objections.md part C)
    disputes = disputes == null || disputes.isEmpty() ? null : List.copyOf(disputes);
  }

  /** A decision without pending disputes. */
  public Decision(
      String requestId,
      LocalDate asOf,
      SubjectRef subject,
      List<PackRef> packs,
      List<Outcome> incentives,
      List<Outcome> sanctions,
      List<Outcome> warnings,
      List<Repair> repairs) {
    this(requestId, asOf, subject, packs, incentives, sanctions, warnings, repairs, null);
  }
}
