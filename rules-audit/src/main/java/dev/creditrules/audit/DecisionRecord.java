package dev.creditrules.audit;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.SubjectType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One decision or rejected request, as the {@link DecisionLog} hands it to its sinks. It holds the
 * real subject id and input: sinks decide what they store (masked ids, the input in plain,
 * encrypted or not at all; see {@link RequestStorage}). {@link #toString()} shows no personal data.
 *
 * @param decisionId the record's id, unique per call
 * @param recordedAt when it was recorded (logging time only: decisions never read the clock)
 * @param result whether the request was decided or rejected
 * @param requestId the caller's request id, or {@code null}
 * @param subjectId the subject id as given (upper-cased), or {@code null} when the input did not
 *     have one; personal data for natural persons, see {@link #maskedSubjectId()}
 * @param subjectType the subject type, or {@code null} when unknown
 * @param asOf the request's day, or {@code null} when the input did not have a valid one
 * @param inputDigest {@code sha256:} and the hex SHA-256 of {@code input} as UTF-8
 * @param input the exact input decided: the canonical request JSON ({@code
 *     ContractJson.writeRequest}), or for a request rejected while it was read, its text as given
 * @param packs every pack version the deciding engine had loaded (not only those that produced an
 *     outcome: a loaded version can change the result by existing), sorted by id then version
 * @param decision the decision, for {@link Result#DECIDED}, else {@code null}
 * @param errors every problem of the request, for {@link Result#REJECTED}, else {@code null}
 */
public record DecisionRecord(
    UUID decisionId,
    Instant recordedAt,
    Result result,
    @Nullable String requestId,
    @Nullable String subjectId,
    @Nullable SubjectType subjectType,
    @Nullable LocalDate asOf,
    String inputDigest,
    String input,
    List<PackRef> packs,
    @Nullable Decision decision,
    @Nullable List<RequestError> errors) {

  /** What became of a request. */
  public enum Result {
    /** A decision was returned. */
    DECIDED,
    /** The request was invalid: no decision, only errors. */
    REJECTED
  }

  public DecisionRecord {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(inputDigest, "inputDigest");
    Objects.requireNonNull(input, "input");
    packs = List.copyOf(packs);
    errors = errors == null ? null : List.copyOf(errors);
    if ((result == Result.DECIDED) != (decision != null)
        || (result == Result.REJECTED) != (errors != null)) {
      throw new IllegalArgumentException("a DECIDED record has a decision, a REJECTED one errors");
    }
  }

  /** The subject id as it may be displayed or indexed ({@link SubjectMask}). */
  public @Nullable String maskedSubjectId() {
    return SubjectMask.mask(subjectId, subjectType);
  }

  /** True when the subject is (or may be: type unknown) a natural person. */
  public boolean personal() {
    return subjectType == null || !subjectType.isOrganisation();
  }

  /** The record's id, result and masked subject: never the input or personal data. */
  @Override
  public String toString() {
    return "DecisionRecord[" + decisionId + " " + result + " " + maskedSubjectId() + "]";
  }
}
