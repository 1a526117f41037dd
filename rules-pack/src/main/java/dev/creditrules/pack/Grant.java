package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The repair grant that counts for a target on {@code asOf}: the earliest one granted by then and
 * not revoked by then (packs-v1 s.0).
 *
 * @param target the repaired record's id
 * @param grant the REPAIR_GRANTED fact's id
 * @param newGrade the replacing grade, or {@code null}
 */
public record Grant(String target, String grant, LocalDate grantedOn, @Nullable String newGrade) {
  public Grant {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(grantedOn, "grantedOn");
  }
}
