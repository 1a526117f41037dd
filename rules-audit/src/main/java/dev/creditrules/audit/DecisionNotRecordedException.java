package dev.creditrules.audit;

import java.util.UUID;

/**
 * Thrown by a fail-closed {@link DecisionLog} instead of returning a decision (or rethrowing a
 * rejection) whose record did not become durable in every sink: the caller must treat the call as
 * not made (an HTTP service answers 503). Carries the decision id and the kind of failure, never
 * request data.
 */
public final class DecisionNotRecordedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final UUID decisionId;

  /**
   * @param decisionId the record that could not be written
   * @param message what failed, without personal data (sink name and error kind)
   */
  public DecisionNotRecordedException(UUID decisionId, String message) {
    super(message);
    this.decisionId = decisionId;
  }

  /** The id of the record that could not be written. */
  public UUID decisionId() {
    return decisionId;
  }
}
