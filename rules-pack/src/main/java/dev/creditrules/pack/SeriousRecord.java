package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A serious-dishonesty record (packs-v1 s.3) and the window in which it is active, concluded by a
 * sector pack and consumed by the joint pack.
 *
 * @param fact the record's id
 * @param start the first day active
 * @param until the last day active, or {@code null} when open-ended
 * @param verified false when the window rests on an unverified rule
 */
public record SeriousRecord(String fact, LocalDate start, LocalDate until, boolean verified) {
  public SeriousRecord {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(start, "start");
  }

  /** True when active on {@code day}. */
  public boolean activeOn(LocalDate day) {
    return !day.isBefore(start) && (until == null || !day.isAfter(until));
  }
}
