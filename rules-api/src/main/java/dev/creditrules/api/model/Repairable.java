package dev.creditrules.api.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A type whose facts are repairable records (packs-v1 s.1.1): the only targets of commitments and
 * grants. All of its facts, or only those whose {@code field} has one of {@code values}.
 *
 * @param field the field that decides, or {@code null} when every fact of the type is repairable
 * @param values the values of {@code field} that make a fact repairable
 * @param label how the error about a non-repairable target names this kind of record, or {@code
 *     null}
 * @param when a further condition on the fact's fields ({@code repairable: {when: ...}}), or {@code
 *     null}
 */
public record Repairable(
    @Nullable String field, List<String> values, @Nullable String label, @Nullable Condition when) {
  public Repairable {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** A repairable role without a further condition. */
  public Repairable(@Nullable String field, List<String> values, @Nullable String label) {
    this(field, values, label, null);
  }
}
