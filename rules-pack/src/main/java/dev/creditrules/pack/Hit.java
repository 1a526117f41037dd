package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A rule's conclusion that its measure applies in a window. The measure is the one the inserting
 * rule names in {@code @measure}: a rule names its measure once, and cannot emit another. The
 * runtime adds the measure's catalogue attributes, the rule and pack version, keeps the hit only
 * when active on {@code asOf}, and merges hits of measures the catalogue marks {@code merge}.
 *
 * @param start the first day
 * @param until the last day, or {@code null} when open-ended
 * @param facts the ids of the facts behind it, in the order to cite them; empty only for measures
 *     with no triggering fact (GEN-I-01)
 * @param verified false when this term is computed to rest on an unverified or defaulted rule (the
 *     catalogue's own flag is combined with it); a constant belongs in the catalogue, so rules
 *     write {@code new Hit(start, until, facts)}
 */
public record Hit(LocalDate start, LocalDate until, List<String> facts, boolean verified) {
  public Hit {
    Objects.requireNonNull(start, "start");
    facts = List.copyOf(facts);
  }

  /** A hit of the rule's measure whose verification is the catalogue's. */
  public Hit(LocalDate start, LocalDate until, List<String> facts) {
    this(start, until, facts, true);
  }

  /** A hit of the rule's measure citing one fact, whose verification is the catalogue's. */
  public static Hit of(LocalDate start, LocalDate until, String fact) {
    return new Hit(start, until, List.of(fact), true);
  }
}
