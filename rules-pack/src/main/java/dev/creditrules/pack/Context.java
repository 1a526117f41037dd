package dev.creditrules.pack;

import dev.creditrules.api.Subject;
import java.util.Objects;

/**
 * The evaluation a session belongs to.
 *
 * @param asOf the day of the decision, which rules compare with dates ({@link AsOf}: each
 *     comparison records when its result next changes, for {@code nextChangeOn})
 * @param subject the subject
 * @param current true when this pack version is the one in force on {@code asOf} (rules with no
 *     triggering fact, such as GEN-I-01, fire only then)
 * @param predates true when {@code asOf} is before this pack's first version
 * @param scope the pack version this context is for ({@code id@version}); see {@link
 *     Judged#scope()}. A rule of a version can only fire while that version's context is present
 */
public record Context(AsOf asOf, Subject subject, boolean current, boolean predates, String scope) {
  public Context {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * {@code asOf} minus {@code years} calendar years (29 February goes to 28 February), to compare
   * with dates ({@link AsOf#yearsBefore(int)}).
   */
  public AsOf yearsBefore(int years) {
    return asOf.yearsBefore(years);
  }

  /** True when the subject is a natural person. */
  public boolean isPerson() {
    return !subject.type().isOrganisation();
  }
}
