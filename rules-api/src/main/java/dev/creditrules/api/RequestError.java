package dev.creditrules.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem of a request that cannot be decided.
 *
 * @param pointer a JSON pointer to the field, for example {@code /facts/2/decidedOn}
 * @param value the offending value as found (a string, number, boolean, list, map) or {@code null}
 *     when the field is missing
 * @param reason why it is wrong
 */
public record RequestError(String pointer, @Nullable Object value, String reason) {
  public RequestError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return pointer + " (" + value + "): " + reason;
  }
}
