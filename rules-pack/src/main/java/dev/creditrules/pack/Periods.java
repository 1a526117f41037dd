package dev.creditrules.pack;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Period arithmetic of 民法典 第二百零一、二百零二条, as packs-v1 s.0 defines it. Rule packs call these helpers;
 * nothing else in the library counts months.
 */
public final class Periods {
  private Periods() {}

  /**
   * {@code L(d, n)}: the last day of an n-month period that starts on {@code d}, the same day of
   * the month n months later, clamped to the month's last day. {@code L(2025-11-30, 3) =
   * 2026-02-28}.
   */
  public static LocalDate lastDay(LocalDate start, int months) {
    return start.plusMonths(months);
  }

  /** {@code E(d, n) = L(d, n) + 1 day}: the first day after the period. */
  public static LocalDate dayAfter(LocalDate start, int months) {
    return lastDay(start, months).plusDays(1);
  }

  /** The later of two dates; {@code null} when either is {@code null}. */
  public static @Nullable LocalDate later(LocalDate a, LocalDate b) {
    if (a == null || b == null) {
      return null;
    }
    return a.isAfter(b) ? a : b;
  }

  /** The earlier of two dates, where {@code null} means open-ended (later than any date). */
  public static LocalDate earlierEnd(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  /** True when {@code day} lies in {@code start … end}, where a {@code null} end is open. */
  public static boolean within(LocalDate day, LocalDate start, LocalDate end) {
    return !day.isBefore(start) && (end == null || !day.isAfter(end));
  }

  /** True when {@code a} is on or before {@code b}; false when either is {@code null}. */
  public static boolean onOrBefore(LocalDate a, LocalDate b) {
    return a != null && b != null && !a.isAfter(b);
  }

  /** True when {@code day} lies in {@code start … end}, where a {@code null} end is open. */
  public static boolean within(AsOf day, LocalDate start, LocalDate end) {
    return day.within(start, end);
  }

  /**
   * True when {@code a} is on or before the decision's day; false when {@code a} is {@code null}.
   */
  public static boolean onOrBefore(LocalDate a, AsOf b) {
    return b.onOrAfter(a);
  }

  /** 31 December of the given year. */
  public static LocalDate endOfYear(int year) {
    return LocalDate.of(year, 12, 31);
  }

  /**
   * {@code W(d, n)}: the n-th day after {@code d} that is a Monday to Friday ({@code d} itself
   * never counts). Public holidays and the weekend days worked in their place (调休) are not
   * modelled: there is no holiday calendar, so a deadline computed with it is a reading, and packs
   * mark it unverified. {@code W(2026-07-03 (Fri), 1) = 2026-07-06 (Mon)}.
   */
  public static LocalDate workingDaysAfter(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate d = start;
    // counting from a Saturday or a Sunday is counting from the Friday before
    while (d.getDayOfWeek().getValue() > 5) {
      d = d.minusDays(1);
    }
    if (days == 0) {
      return start;
    }
    int left = days;
    // whole weeks first: from a working day, five working days are seven calendar days
    d = d.plusWeeks(left / 5);
    left %= 5;
    while (left > 0) {
      d = d.plusDays(1);
      if (d.getDayOfWeek().getValue() <= 5) {
        left--;
      }
    }
    return d;
  }
}
