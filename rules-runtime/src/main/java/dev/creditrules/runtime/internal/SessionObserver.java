package dev.creditrules.runtime.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * Not API: sees each Drools session a decision runs, for the benchmarks that run Drools alone on
 * the same work ({@code DroolsAlone} in {@code rules-benchmarks}). A {@link
 * dev.creditrules.runtime.DecisionListener} that also implements this interface is told of every
 * session, on the deciding thread. It is kept out of {@code DecisionListener} so that no Drools
 * type appears in the runtime's API.
 */
public interface SessionObserver {
  /**
   * A session is about to run on {@code base} over {@code facts}, in insertion order ({@code
   * sequential}: a stateless session in Drools' sequential mode), with the globals it is given (by
   * name: the decision's {@link dev.creditrules.pack.Judges}; a stage-1 session also needs a {@link
   * dev.creditrules.pack.Collector} of its own). The list and map must not be changed.
   */
  void session(KieBase base, boolean sequential, List<Object> facts, Map<String, Object> globals);

  /**
   * A decision is about to be made on {@code day} to confirm the {@code nextChangeOn} of the
   * decision being made (the candidate {@code day} is not visibly a change); its sessions follow.
   * For the benchmarks that count confirmations ({@code Confirmations} in {@code
   * rules-benchmarks}).
   */
  default void confirming(LocalDate day) {}
}
