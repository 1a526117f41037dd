package dev.creditrules.api.model;

/** The kind of a declared field, and the Java type of its value in a {@code Fact}. */
public enum FieldKind {
  /** A calendar day, JSON {@code "yyyy-MM-dd"}; {@code LocalDate}. */
  DATE,
  /** A JSON integer in the int range; {@code Integer}. */
  INTEGER,
  /** A JSON number; {@code BigDecimal}. */
  DECIMAL,
  /** A JSON string; {@code String}. */
  TEXT,
  /** One of a closed list of codes (an unknown code is a structural error); {@code String}. */
  ENUMERATION,
  /** A JSON array of codes of a closed list; {@code List<String>}. */
  ENUMERATION_LIST,
  /** {@code true} or {@code false}; {@code Boolean}. */
  BOOLEAN,
  /** The id of another fact of the same request; {@code String}. */
  REFERENCE
}
