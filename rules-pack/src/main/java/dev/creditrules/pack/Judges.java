package dev.creditrules.pack;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which pack versions judge which facts in one decision: the {@link Judged} markers as a lookup.
 * Pack authors write {@code Judged( fact == $f )} after the pattern that binds {@code $f}; the
 * runtime compiles that pair into one pattern with the check {@code has("id@version", id)} on the
 * fact itself (a global of the session), so a fact is filtered by the versions that judge it as it
 * enters the network, no marker is inserted and no join is made.
 */
public final class Judges {
  /** The name of the global the runtime declares in every scoped package. */
  public static final String GLOBAL = "creditRulesJudges";

  private final Map<String, Set<String>> factsByScope = new HashMap<>();

  /** Records that version {@code scope} judges the fact {@code fact}. */
  public void add(String scope, String fact) {
    factsByScope.computeIfAbsent(scope, k -> new HashSet<>()).add(fact);
  }

  /** True when version {@code scope} judges the fact with id {@code fact}. */
  public boolean has(String scope, String fact) {
    Set<String> facts = factsByScope.get(scope);
    return facts != null && facts.contains(fact);
  }
}
