package dev.creditrules.pack;

import java.time.LocalDate;

/**
 * Period arithmetic of 民法典 第二百零一、二百零二条, as packs-v1 s.0 defines it. Rule packs call these
 * helpers; nothing else in the library counts months.
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
  public static LocalDate later(LocalDate a, LocalDate b) {
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

  /** 31 December of the given year. */
  public static LocalDate endOfYear(int year) {
    return LocalDate.of(year, 12, 31);
  }
}
