package dev.creditrules.api.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A type whose facts grant the repair of a record (packs-v1 s.0): the grant that counts for a
 * record on {@code asOf} is the earliest one granted by then and not revoked by then. A grant cuts
 * every outcome citing the record the day before it, and a {@code newGrade} replaces a grade from
 * the grant to the end of its span.
 *
 * @param target the reference field naming the repaired record
 * @param grantedOn the date field of the grant
 * @param revokedOn the date field of a revocation, or {@code null}
 * @param newGrade the field of a replacing grade, or {@code null}
 */
public record GrantRole(
    String target, String grantedOn, @Nullable String revokedOn, @Nullable String newGrade) {
  public GrantRole {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(grantedOn, "grantedOn");
  }
}
