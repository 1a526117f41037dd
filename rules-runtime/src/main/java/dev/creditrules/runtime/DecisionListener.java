package dev.creditrules.runtime;

import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * What a decision lets an observer see while it runs: the seam for traces (rules fired), the
 * explainer (what each pack version was given) and benchmarks (each session's knowledge base and
 * facts, to run Drools alone on them). Every method has a do-nothing default; {@link #NONE}
 * observes nothing and costs nothing. A listener is called on the deciding thread only.
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

  /**
   * A session is about to run on {@code base} over {@code facts}, in insertion order ({@code
   * sequential}: a stateless session in Drools' sequential mode). The list must not be changed.
   */
  default void session(KieBase base, boolean sequential, List<Object> facts) {}

  /**
   * As {@link #session(KieBase, boolean, List)}, with the globals the session is given (by name:
   * the {@link dev.creditrules.pack.Judges} of the decision; a stage-1 session also needs a {@link
   * dev.creditrules.pack.Collector} of its own). By default, calls the three-argument form.
   */
  default void session(
      KieBase base, boolean sequential, List<Object> facts, Map<String, Object> globals) {
    session(base, sequential, facts);
  }
}
