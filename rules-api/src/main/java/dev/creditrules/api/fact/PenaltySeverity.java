package dev.creditrules.api.fact;

/** The class of penalty information under 令第36号: 轻微, 一般, 严重. */
public enum PenaltySeverity {
  MINOR,
  GENERAL,
  SERIOUS
}
