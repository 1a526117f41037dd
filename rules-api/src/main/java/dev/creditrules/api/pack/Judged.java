package dev.creditrules.api.pack;

import java.util.Objects;

/**
 * Marks a fact that this pack version judges (its own date falls in the version's window,
 * packs-v1 s.0). Every fact of the request is in the session; a rule that produces an outcome from
 * a fact must require its {@code Judged} marker.
 *
 * @param fact the fact's id
 * @param predates true when the fact is older than the pack's first version (outcomes then carry
 *     {@code verified: false}, which the runtime sets)
 */
public record Judged(String fact, boolean predates) {
  public Judged {
    Objects.requireNonNull(fact, "fact");
  }
}
