package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The day a decision is made, as rules see it ({@code Context.asOf()}). It is not a {@link
 * LocalDate} on purpose: rules can only compare it with dates, through these methods, and each
 * comparison records in the decision's {@link Changes} the first later day on which its result
 * would differ. That is what makes {@code nextChangeOn} sound: no rule can read {@code asOf}
 * without saying when what it read changes. {@link #yearsBefore(int)} gives the same kind of value
 * for the day a number of calendar years before (for windows such as "the three years before
 * asOf"); {@link #day()} gives the plain date for the rare computation that needs it, and records
 * that anything computed from it may change the next day.
 */
public final class AsOf {
  private final LocalDate day;
  private final int yearsBack;
  private final Changes changes;

  private AsOf(LocalDate day, int yearsBack, Changes changes) {
    this.day = Objects.requireNonNull(day, "day");
    this.yearsBack = yearsBack;
    this.changes = Objects.requireNonNull(changes, "changes");
  }

  /** The decision's day, recording into {@code changes}. */
  public static AsOf of(LocalDate day, Changes changes) {
    return new AsOf(day, 0, changes);
  }

  /** The value on decision day {@code t}: {@code t} minus the years back. */
  private LocalDate valueOn(LocalDate t) {
    return yearsBack == 0 ? t : t.minusYears(yearsBack);
  }

  /** The value on the decision's day. */
  private LocalDate value() {
    return valueOn(day);
  }

  /**
   * Records the first decision day after this one on which {@code test} of the value differs from
   * today's result. The value is a non-decreasing function of the decision day and {@code test}
   * changes at most once as the value passes {@code x}, so the change is near the day whose value
   * is {@code x}: searching from a few days before that day finds it.
   */
  private boolean record(LocalDate x, java.util.function.Predicate<LocalDate> test) {
    boolean now = test.test(value());
    LocalDate from = yearsBack == 0 ? x : x.plusYears(yearsBack);
    LocalDate t = from.minusDays(3);
    if (!t.isAfter(day)) {
      t = day.plusDays(1);
    }
    for (int i = 0; i < 8; i++, t = t.plusDays(1)) {
      if (test.test(valueOn(t)) != now) {
        changes.on(t);
        return now;
      }
    }
    // no change near x: the test does not change later (the value has passed x already)
    return now;
  }

  /** True when the day is after {@code x}. */
  public boolean isAfter(LocalDate x) {
    if (yearsBack != 0) {
      return record(x, v -> v.isAfter(x));
    }
    boolean now = day.isAfter(x);
    if (!now) {
      // true from the day after x
      changes.on(x.plusDays(1));
    }
    return now;
  }

  /** True when the day is before {@code x}. */
  public boolean isBefore(LocalDate x) {
    if (yearsBack != 0) {
      return record(x, v -> v.isBefore(x));
    }
    boolean now = day.isBefore(x);
    if (now) {
      // false from x on
      changes.on(x);
    }
    return now;
  }

  /** True when the day is {@code x}. */
  public boolean isEqual(LocalDate x) {
    if (yearsBack != 0) {
      return record(x, v -> v.isEqual(x));
    }
    int c = day.compareTo(x);
    if (c < 0) {
      changes.on(x);
    } else if (c == 0) {
      changes.on(x.plusDays(1));
    }
    return c == 0;
  }

  /** True when the day is {@code x} or later; false when {@code x} is {@code null}. */
  public boolean onOrAfter(LocalDate x) {
    return x != null && !isBefore(x);
  }

  /** True when the day is {@code x} or earlier; false when {@code x} is {@code null}. */
  public boolean onOrBefore(LocalDate x) {
    return x != null && !isAfter(x);
  }

  /** True when the day lies in {@code start … end}, where a {@code null} end is open. */
  public boolean within(LocalDate start, LocalDate end) {
    return !isBefore(start) && (end == null || !isAfter(end));
  }

  /**
   * The day {@code years} calendar years before this one (29 February goes to 28 February), to
   * compare with dates as this one is compared.
   */
  public AsOf yearsBefore(int years) {
    return new AsOf(day, yearsBack + years, changes);
  }

  /**
   * The plain date, for a computation that needs the value itself (a date computed from it, a day
   * count). Anything may then change the next day, and that is recorded: prefer the comparisons
   * above.
   */
  public LocalDate day() {
    changes.on(day.plusDays(1));
    return value();
  }

  @Override
  public String toString() {
    // not a date literal: rules cannot have it coerced into a date
    return "AsOf[" + value() + "]";
  }
}
