package dev.creditrules.pack;

import java.util.Objects;

/**
 * Marks a fact that this pack version judges (its own date falls in the version's window, packs-v1
 * s.0). Every fact of the request is in the session; a rule that produces an outcome from a fact
 * must require its {@code Judged} marker. Written {@code Judged( fact == $f )} after the pattern
 * that binds {@code $f}, it is compiled into a check on that fact ({@link Judges}) and no marker is
 * inserted; other forms join the marker.
 *
 * @param fact the fact's id
 * @param predates true when the fact is older than the pack's first version (outcomes then carry
 *     {@code verified: false}, which the runtime sets)
 * @param scope the pack version this marker is for ({@code id@version}). Every version of every
 *     stage-1 pack runs in one session; the runtime restricts each rule's {@code Judged} and {@code
 *     Context} patterns to its own version's markers, so rules never name the scope themselves
 */
public record Judged(String fact, boolean predates, String scope) {
  public Judged {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(scope, "scope");
  }
}
