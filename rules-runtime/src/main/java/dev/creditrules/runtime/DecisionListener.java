package dev.creditrules.runtime;

import java.util.List;

/**
 * What a decision lets an observer see while it runs: the seam for traces (rules fired), the
 * explainer (what each pack version was given). Every method has a do-nothing default; {@link
 * #NONE} observes nothing and costs nothing. A listener is called on the deciding thread only. (A
 * listener that also implements the internal {@code SessionObserver} sees each Drools session: the
 * benchmarks' seam, kept out of this interface so that no Drools type is part of the API.)
 */
public interface DecisionListener {
  /** Observes nothing. */
  DecisionListener NONE = new DecisionListener() {};

  /** True when {@link #fired} should be called (recording firings costs a listener per session). */
  default boolean wantsFirings() {
    return false;
  }

  /** A rule fired, as {@code pack@version/rule-name}, in firing order. */
  default void fired(String rule) {}

  /** True when {@link #packInput} should be called (it copies each version's input). */
  default boolean wantsPackInputs() {
    return false;
  }

  /**
   * What the rules of pack version {@code packKey} ({@code id@version}) were given: the shared
   * session objects, its context and its markers.
   */
  default void packInput(String packKey, List<Object> facts) {}
}
