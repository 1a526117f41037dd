package dev.creditrules.api;

/**
 * Whether a bad record can be repaired on {@code asOf}. When several apply the first wins: {@code
 * REPAIRED > EXPIRED > NEVER > NOT_YET > ELIGIBLE}.
 */
public enum RepairStatus {
  /** A repair grant covers the record. */
  REPAIRED,
  /** Every window the record opens has ended: nothing to repair. */
  EXPIRED,
  /** No repair or early exit: the record ends only by expiry. */
  NEVER,
  /** A condition is not met yet. */
  NOT_YET,
  /** Every condition is met on {@code asOf}. */
  ELIGIBLE
}
