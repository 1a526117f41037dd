package dev.creditrules.api;

import dev.creditrules.api.fact.Fact;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One subject's credit facts, to be decided as of one day.
 *
 * @param requestId an optional caller id echoed in the decision, or {@code null}
 * @param asOf the day the decision is for; nothing in the engine reads the clock
 * @param subject the subject
 * @param areas the matters the caller handles, or {@code null} for every outcome (an empty list is
 *     invalid)
 * @param facts the authoritative records about the subject, possibly empty
 */
public record Request(
    @Nullable String requestId,
    LocalDate asOf,
    Subject subject,
    @Nullable List<Area> areas,
    List<Fact> facts) {

  public Request {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(subject, "subject");
    areas = areas == null ? null : List.copyOf(areas);
    facts = List.copyOf(facts);
  }

  /** The same request (id, subject, areas, facts) as of {@code day}. */
  public Request on(LocalDate day) {
    return new Request(requestId, day, subject, areas, facts);
  }

  /** A request without id and areas. */
  public static Request of(LocalDate asOf, Subject subject, List<Fact> facts) {
    return new Request(null, asOf, subject, null, facts);
  }
}
