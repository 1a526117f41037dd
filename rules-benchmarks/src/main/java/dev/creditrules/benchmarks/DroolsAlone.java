package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.runtime.CreditRulesEngine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The "Drools alone" baseline: exactly the sessions the engine runs for a request (same compiled
 * {@code KieBase}s, same input objects, same order), fired directly, with nothing of the library
 * around them: no validation, no preparation, no listener, no attribution, no decision assembly, no
 * JSON.
 *
 * <p>The inputs are captured once per request, outside the measurement, from the engine itself:
 * {@code Evaluator.decide(request, fired, inputs, sessions)} records every session it runs (the
 * session base and the objects inserted, in order): one over every stage-1 pack version, then one
 * per stage-2 version. That entry and {@code SessionBase.kieBase()} are package-private in {@code
 * rules-runtime}, so they are reached by reflection: when the runtime's internals change, only this
 * row fails (at setup, with the reason), never the build.
 */
public final class DroolsAlone {
  /**
   * One session to run: a knowledge base, a pool of sessions over it (the runtime takes its
   * sessions from a {@code KieSessionsPool}), and the input objects.
   */
  public record Run(
      KieBase kieBase,
      KieSessionsPool pool,
      KieSessionConfiguration conf,
      boolean sequential,
      Object[] facts) {}

  private DroolsAlone() {}

  /** The sessions {@code engine} runs for {@code request}, in the order it runs them. */
  public static List<Run> capture(
      CreditRulesEngine engine, Request request, Map<KieBase, KieSessionsPool> pools) {
    try {
      Method evaluatorOf = CreditRulesEngine.class.getDeclaredMethod("evaluator");
      evaluatorOf.setAccessible(true);
      Object evaluator = evaluatorOf.invoke(engine);
      Method decide =
          evaluator.getClass()
              .getDeclaredMethod("decide", Request.class, List.class, Map.class, List.class);
      decide.setAccessible(true);
      List<Object> sessions = new ArrayList<>();
      decide.invoke(evaluator, request, null, null, sessions);
      List<Run> runs = new ArrayList<>();
      for (Object s : sessions) {
        Object sessionBase = accessor(s, "base");
        KieBase base = (KieBase) accessor(sessionBase, "kieBase");
        @SuppressWarnings("unchecked")
        List<Object> facts = (List<Object>) accessor(s, "facts");
        boolean sequential = (Boolean) accessor(sessionBase, "sequential");
        KieSessionConfiguration conf = (KieSessionConfiguration) accessor(sessionBase, "sessionConf");
        runs.add(
            new Run(base, pools.computeIfAbsent(base, b -> b.newKieSessionsPool(2)), conf, sequential,
                facts.toArray()));
      }
      return runs;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "rules-runtime no longer has Evaluator.decide(Request, List, Map, List) /"
              + " SessionInput.base() / SessionBase.kieBase(); update DroolsAlone to capture the"
              + " session inputs another way",
          e);
    }
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    Method m = record.getClass().getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(record);
  }

  /**
   * Runs the sessions: take a session ({@code pooled}: from the pool, as the runtime does; else a
   * fresh one from the {@code KieBase}), with the runtime's session configuration (not thread-safe:
   * one thread per session at a time), insert, fire, read the objects, dispose (which resets a
   * pooled session and returns it).
   */
  public static int fire(List<Run> runs, boolean pooled) {
    int objects = 0;
    for (Run run : runs) {
      if (run.sequential()) {
        // the stage-1 base runs in sequential mode, through a stateless session
        StatelessKieSession stateless =
            pooled
                ? run.pool().newStatelessKieSession(run.conf())
                : run.kieBase().newStatelessKieSession(run.conf());
        stateless.execute(java.util.Arrays.asList(run.facts()));
        objects++;
        continue;
      }
      KieSession session =
          pooled ? run.pool().newKieSession(run.conf()) : run.kieBase().newKieSession(run.conf(), null);
      try {
        for (Object f : run.facts()) {
          session.insert(f);
        }
        session.fireAllRules();
        for (Object o : session.getObjects()) {
          objects += o.hashCode() & 1;
        }
      } finally {
        session.dispose();
      }
    }
    return objects;
  }
}
