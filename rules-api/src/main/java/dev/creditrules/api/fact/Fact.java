package dev.creditrules.api.fact;

import java.time.LocalDate;

/**
 * An authoritative record about the subject. Every fact has an id unique in its request, a type,
 * and optionally the authority and document number it comes from (echoed in traces).
 */
public sealed interface Fact
    permits AdminPenalty,
        CreditCommitment,
        RepairGranted,
        Grade,
        TaxSeriousListing,
        WageArrearsListing,
        WageArrearsCase,
        MajorLaborViolation,
        EnvRectification,
        ResearchMisconduct,
        JudgmentDefaulter {

  /** The id, unique in the request. */
  String id();

  /** The type. */
  FactType type();

  /** The authority that made the record, or {@code null}. */
  String authority();

  /** The document number, or {@code null}. */
  String documentNo();

  /**
   * The fact's own date: facts whose own date is after {@code asOf} are validated but play no part
   * in the decision (packs-v1 s.10).
   */
  LocalDate datedOn();

  /**
   * The date that picks the pack version judging this fact (packs-v1 s.0). Grades compare their
   * year, so a grade answers 31 December of its year.
   */
  default LocalDate versionDate() {
    return datedOn();
  }
}
