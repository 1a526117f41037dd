package dev.creditrules.api;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The subject of a request. The id is upper-cased on construction and never otherwise changed.
 *
 * @param id a unified social credit code or a resident identity number
 * @param type the declared subject type, which picks the id validator
 * @param name the subject's name, or {@code null}
 * @param region the 6-digit region code, or {@code null}
 * @param establishedOn an organisation's date of establishment, or {@code null} when unknown
 */
public record Subject(
    String id,
    SubjectType type,
    @Nullable String name,
    @Nullable String region,
    @Nullable LocalDate establishedOn) {

  public Subject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    id = SubjectIds.normalize(id);
  }

  /** A subject with only the required parts. */
  public static Subject of(String id, SubjectType type) {
    return new Subject(id, type, null, null, null);
  }

  /**
   * The birth date encoded in a natural person's resident id, empty for organisations and for ids
   * whose date part is not a real date.
   */
  public Optional<LocalDate> birthDate() {
    if (type != SubjectType.NATURAL_PERSON) {
      return Optional.empty();
    }
    return SubjectIds.birthDate(id);
  }
}
