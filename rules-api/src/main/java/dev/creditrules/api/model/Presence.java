package dev.creditrules.api.model;

/** Whether a field must be given. */
public enum Presence {
  /** Missing is an error. */
  REQUIRED,
  /** May be missing; then it has no value ({@code null} in rules). */
  OPTIONAL,
  /** May be missing; then it has the declared default. */
  DEFAULTED
}
