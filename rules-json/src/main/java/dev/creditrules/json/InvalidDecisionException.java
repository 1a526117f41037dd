package dev.creditrules.json;

import dev.creditrules.api.RequestError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a text is not a decision of the JSON contract: lists every problem found, each with
 * the JSON pointer of the field, the value found and the reason (as {@link RequestError}s, the
 * contract's error shape, although no request is involved).
 */
public final class InvalidDecisionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<RequestError> errors;

  /**
   * An exception listing {@code errors}.
   *
   * @throws IllegalArgumentException when {@code errors} is empty
   */
  public InvalidDecisionException(List<RequestError> errors) {
    super(
        "not a decision:\n"
            + errors.stream().map(RequestError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in document order. */
  public List<RequestError> errors() {
    return errors;
  }
}
