package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A bad record that denies GEN-I-01 while it overlaps the three years before {@code asOf} (packs-v1
 * s.3), concluded by the pack that knows the record's window.
 *
 * @param fact the record's id
 * @param start the first day of the record
 * @param until the day it ends ({@code decidedOn} for a penalty), or {@code null} when open-ended
 */
public record BadRecord(String fact, LocalDate start, LocalDate until) {
  public BadRecord {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(start, "start");
  }

  /** True when the record overlaps {@code first … last}. */
  public boolean overlaps(LocalDate first, LocalDate last) {
    return !start.isAfter(last) && (until == null || !until.isBefore(first));
  }

  /** True when the record overlaps {@code first … last}, two days relative to a decision's day. */
  public boolean overlaps(AsOf first, AsOf last) {
    return last.onOrAfter(start) && (until == null || first.onOrBefore(until));
  }
}
