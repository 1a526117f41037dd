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
   * The day the record starts ({@code decidedOn}, {@code servedOn}, {@code listedOn}, a grade's
   * {@code publishedOn}, …): what a commitment, a grant or a correction may not precede (packs-v1
   * s.1).
   */
  LocalDate datedOn();

  /**
   * The fact's own date in the sense of packs-v1 s.0 and s.10: it picks the pack version judging
   * the fact, and a fact whose own date is after {@code asOf} is validated but plays no part in
   * the decision. Grades are dated by their year, taken as its last day (31 December), so a grade
   * whose year is over but which is published after {@code asOf} is part of the decision: it is
   * not yet in force, and a C or D gets its repair entry. Other facts answer {@link #datedOn()}.
   */
  default LocalDate versionDate() {
    return datedOn();
  }
}
