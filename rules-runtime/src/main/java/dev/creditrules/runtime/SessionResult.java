package dev.creditrules.runtime;

import dev.creditrules.pack.BadRecord;
import dev.creditrules.pack.DisputeAnswer;
import dev.creditrules.pack.Hit;
import dev.creditrules.pack.RepairHit;
import dev.creditrules.pack.SeriousRecord;
import java.util.List;
import java.util.Set;

/** What one session of one pack version concluded, with the rule behind each conclusion. */
record SessionResult(
    CompiledPack pack,
    boolean predates,
    Set<String> predatingFacts,
    List<Attributed<Hit>> hits,
    List<Attributed<RepairHit>> repairs,
    List<Attributed<SeriousRecord>> seriousRecords,
    List<Attributed<BadRecord>> badRecords,
    List<Attributed<DisputeAnswer>> answers) {

  /** A conclusion and the name of the rule that inserted it. */
  record Attributed<T>(T value, String rule) {}

  /** True when a conclusion citing {@code facts} must be unverified because of version dates. */
  boolean predates(List<String> facts) {
    if (predates) {
      return true;
    }
    if (predatingFacts.isEmpty()) {
      return false;
    }
    for (String f : facts) {
      if (predatingFacts.contains(f)) {
        return true;
      }
    }
    return false;
  }
}
