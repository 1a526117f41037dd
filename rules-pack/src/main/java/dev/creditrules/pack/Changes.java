package dev.creditrules.pack;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The first day after {@code asOf} on which some comparison with {@code asOf}, made while deciding,
 * would come out differently. Every comparison of a date with {@code asOf} (in the rules, through
 * {@link AsOf}; in the runtime, through the same) tells it the day its result next changes; it
 * keeps the earliest. Deciding the same request on any day before {@link #next()} makes the same
 * comparisons with the same results, so it gives the same decision: {@code next()} is a sound
 * candidate for the decision's {@code nextChangeOn}, which the runtime confirms by deciding on it.
 * One instance per decision; not thread-safe.
 */
public final class Changes {
  private @Nullable LocalDate next;

  /** Days on which the runtime knows the decision changes (an outcome starts), or null. */
  private java.util.@Nullable Set<LocalDate> visible;

  /** Records that some comparison's result changes on {@code day}. */
  public void on(LocalDate day) {
    if (next == null || day.isBefore(next)) {
      next = day;
    }
  }

  /**
   * Records that the decision itself changes on {@code day} (the runtime knows, for instance, that
   * an outcome starts then), so that a candidate on that day needs no confirming decision.
   */
  public void visibleOn(LocalDate day) {
    if (visible == null) {
      visible = new java.util.HashSet<>();
    }
    visible.add(day);
  }

  /** True when {@link #visibleOn} named {@code day}. */
  public boolean isVisible(LocalDate day) {
    return visible != null && visible.contains(day);
  }

  /** The earliest day recorded, or {@code null} when no comparison changes on a later day. */
  public @Nullable LocalDate next() {
    return next;
  }
}
