package dev.creditrules.api;

import java.util.Objects;

/**
 * One problem found while loading, compiling or checking a rule pack.
 *
 * @param pack {@code id@version}, or the folder when the manifest cannot be read
 * @param file the file relative to the pack folder, for example {@code sanctions.drl}
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param rule the rule's name, or {@code null}
 * @param message what is wrong
 */
public record PackProblem(
    String pack, String file, int line, int column, String rule, String message) {
  public PackProblem {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(pack).append('/').append(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ");
    if (rule != null) {
      b.append("rule \"").append(rule).append("\": ");
    }
    return b.append(message).toString();
  }
}
