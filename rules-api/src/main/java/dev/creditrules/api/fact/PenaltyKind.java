package dev.creditrules.api.fact;

/** The kinds of administrative penalty (行政处罚法 第九条). */
public enum PenaltyKind {
  WARNING,
  CRITICISM,
  FINE,
  CONFISCATION,
  LICENSE_SUSPENSION,
  LICENSE_REVOCATION,
  PRODUCTION_SUSPENSION,
  EMPLOYMENT_RESTRICTION,
  DETENTION
}
