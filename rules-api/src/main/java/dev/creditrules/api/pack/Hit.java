package dev.creditrules.api.pack;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A rule's conclusion that a measure applies in a window. The runtime adds the measure's catalogue
 * attributes, the rule and pack version, keeps it only when active on {@code asOf}, and merges hits
 * of measures the catalogue marks {@code merge}.
 *
 * @param measure the measure id, which must be in the pack's catalogue
 * @param start the first day
 * @param until the last day, or {@code null} when open-ended
 * @param facts the ids of the facts behind it, in the order to cite them; empty only for
 *     measures with no triggering fact (GEN-I-01)
 * @param verified false when this term rests on an unverified or defaulted rule (the catalogue's
 *     own flag is combined with it)
 */
public record Hit(
    String measure, LocalDate start, LocalDate until, List<String> facts, boolean verified) {
  public Hit {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(start, "start");
    facts = List.copyOf(facts);
  }

  /** A verified hit citing one fact. */
  public static Hit of(String measure, LocalDate start, LocalDate until, String fact) {
    return new Hit(measure, start, until, List.of(fact), true);
  }
}
