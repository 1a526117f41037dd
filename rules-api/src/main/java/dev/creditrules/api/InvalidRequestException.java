package dev.creditrules.api;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a request cannot be decided; lists every problem found, never just the first. */
public final class InvalidRequestException extends RulesException {
  private static final long serialVersionUID = 1L;

  private final transient List<RequestError> errors;

  public InvalidRequestException(List<RequestError> errors) {
    super(
        "request is invalid:\n"
            + errors.stream().map(RequestError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every problem, top-level fields first, then per fact in request order. */
  public List<RequestError> errors() {
    return errors;
  }
}
