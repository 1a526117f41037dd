package dev.creditrules.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Timeline} by hopping from one decision's {@code nextChangeOn} to the next: one
 * decision per change point, never one per day. Generic: it only calls {@link CreditRules#decide}.
 */
final class TimelineBuilder {
  private TimelineBuilder() {}

  static Timeline build(CreditRules rules, Request request, LocalDate until, int maxChanges) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(until, "until");
    if (until.isBefore(request.asOf())) {
      throw new IllegalArgumentException(
          "until must not be before asOf " + request.asOf() + " but was " + until);
    }
    if (maxChanges < 0) {
      throw new IllegalArgumentException("maxChanges must be 0 or more but was " + maxChanges);
    }
    Decision start = checked(rules.decide(request), request.asOf());
    List<ChangePoint> changes = new ArrayList<>();
    Decision current = start;
    LocalDate next = start.nextChangeOn();
    int decided = 0;
    boolean truncated = false;
    while (next != null && !next.isAfter(until)) {
      if (decided == maxChanges) {
        truncated = true;
        break;
      }
      Decision d = checked(rules.decide(request.on(next)), next);
      decided++;
      // a candidate day on which nothing changed (a nextChangeOn that was not tight) is no point
      if (!d.sameAs(current)) {
        changes.add(ChangePoint.between(current, d));
        current = d;
      }
      next = d.nextChangeOn();
    }
    return new Timeline(until, start, changes, next, truncated);
  }

  /** {@code d}, after checking that it is as of {@code day} and its next change comes after. */
  private static Decision checked(Decision d, LocalDate day) {
    if (!d.asOf().equals(day)) {
      throw new IllegalStateException(
          "a decision asked for " + day + " came back as of " + d.asOf());
    }
    if (d.nextChangeOn() != null && !d.nextChangeOn().isAfter(day)) {
      // otherwise the timeline would loop on one day
      throw new IllegalStateException(
          "nextChangeOn must be after asOf " + day + " but was " + d.nextChangeOn());
    }
    return d;
  }
}
