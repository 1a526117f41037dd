package dev.creditrules.api.fact;

/** The severity of a research-misconduct finding. */
public enum MisconductSeverity {
  LIGHT,
  SERIOUS,
  GRAVE
}
