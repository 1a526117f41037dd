package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request's decision does from its {@code asOf} to a later day: the decision on {@code
 * asOf}, then every day up to {@code until} on which the decision changes, each with what starts,
 * ends and changes and the decision of that day. Between two change points the decision is that of
 * the earlier one ({@link #decisionOn(LocalDate)}). Made by {@link CreditRules#timeline}.
 *
 * @param until the last day looked at, not before {@code start.asOf()}
 * @param start the decision on the request's {@code asOf}
 * @param changes the change points after {@code asOf} and not after {@code until}, in day order
 * @param nextChangeOn when {@code truncated}, the first change point not listed (not after {@code
 *     until}); otherwise the first day after {@code until} on which the decision changes, or {@code
 *     null} when no later day changes anything
 * @param truncated true when the timeline stopped at its limit of decisions ({@link #MAX_CHANGES}
 *     by default) before reaching {@code until}; the listed points are still exact
 */
public record Timeline(
    LocalDate until,
    Decision start,
    List<ChangePoint> changes,
    @Nullable LocalDate nextChangeOn,
    boolean truncated) {

  /**
   * The most decisions a timeline makes after the one on {@code asOf} unless told otherwise: a
   * bound on its cost whatever {@code until} is (a change point costs about one decision).
   */
  public static final int MAX_CHANGES = 1_000;

  public Timeline {
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(start, "start");
    changes = List.copyOf(changes);
    if (until.isBefore(start.asOf())) {
      throw new IllegalArgumentException(
          "until must not be before asOf " + start.asOf() + " but was " + until);
    }
    LocalDate previous = start.asOf();
    for (ChangePoint point : changes) {
      if (!point.on().isAfter(previous) || point.on().isAfter(until)) {
        throw new IllegalArgumentException(
            "change points must be in day order after asOf "
                + start.asOf()
                + " and not after "
                + until
                + " but "
                + point.on()
                + " came after "
                + previous);
      }
      previous = point.on();
    }
    if (nextChangeOn != null && !nextChangeOn.isAfter(previous)) {
      throw new IllegalArgumentException(
          "nextChangeOn must be after the last day listed "
              + previous
              + " but was "
              + nextChangeOn);
    }
    if (truncated && (nextChangeOn == null || nextChangeOn.isAfter(until))) {
      throw new IllegalArgumentException(
          "a truncated timeline names the next change not listed, on or before " + until);
    }
  }

  /** The request's id, as its decisions echo it. */
  public @Nullable String requestId() {
    return start.requestId();
  }

  /** The first day: the request's {@code asOf}. */
  public LocalDate asOf() {
    return start.asOf();
  }

  /** The subject of the request. */
  public SubjectRef subject() {
    return start.subject();
  }

  /**
   * The decision in force on {@code day}: that of the last change point on or before it, or the
   * start. Its {@code asOf} is that of the point it comes from.
   *
   * @throws IllegalArgumentException if {@code day} is before {@code asOf} or after {@code until},
   *     or after the last listed point of a truncated timeline
   */
  public Decision decisionOn(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (day.isBefore(asOf()) || day.isAfter(until)) {
      throw new IllegalArgumentException(
          "day must be from " + asOf() + " to " + until + " but was " + day);
    }
    if (truncated && !day.isBefore(nextChangeOn)) {
      throw new IllegalArgumentException(
          "the timeline was truncated before " + nextChangeOn + ": " + day + " is not known");
    }
    Decision in = start;
    for (ChangePoint point : changes) {
      if (point.on().isAfter(day)) {
        break;
      }
      in = point.decision();
    }
    return in;
  }

  /** The decision in force on the last day known: {@code until}, or before the truncation. */
  public Decision last() {
    return changes.isEmpty() ? start : changes.get(changes.size() - 1).decision();
  }
}
