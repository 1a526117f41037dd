package dev.creditrules.testkit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem of a case file: where it is and why, as {@code file:line:column: message}. A case with
 * a problem does not run; the other cases of the file and the other files do.
 *
 * @param file the case file
 * @param line 1-based, 0 when the problem concerns the whole file
 * @param column 1-based, 0 when unknown
 * @param message what is wrong, with the value in question
 */
public record CaseProblem(Path file, int line, int column, String message) {
  public CaseProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:column: message}, line and column left out when unknown. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
  }
}
