package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.runtime.CreditRulesEngine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * The "Drools alone" baseline: exactly the sessions the engine runs for a request (same compiled
 * {@code KieBase}s, same input objects, same order), fired directly, with nothing of the library
 * around them: no validation, no preparation, no listener, no attribution, no decision assembly, no
 * JSON.
 *
 * <p>The inputs are captured once per request, outside the measurement, from the engine itself:
 * {@code Evaluator.decide(request, fired, inputs)} records the objects given to each pack version's
 * session (it is what {@code Explainer} uses). That entry and {@code CompiledPack.kieBase()} are
 * package-private in {@code rules-runtime}, so they are reached by reflection: when the runtime's
 * internals change, only this row fails (at setup, with the reason), never the build.
 */
public final class DroolsAlone {
  /**
   * One session to run: a compiled pack version, a pool of sessions over it (the runtime takes its
   * sessions from a {@code KieSessionsPool} per pack since d06c509), and the input objects.
   */
  public record Run(KieBase kieBase, KieSessionsPool pool, Object[] facts) {}

  private DroolsAlone() {}

  /** The sessions {@code engine} runs for {@code request}, in the order it runs them. */
  public static List<Run> capture(
      CreditRulesEngine engine, Request request, Map<KieBase, KieSessionsPool> pools) {
    try {
      Method evaluatorOf = CreditRulesEngine.class.getDeclaredMethod("evaluator");
      evaluatorOf.setAccessible(true);
      Object evaluator = evaluatorOf.invoke(engine);
      Method decide =
          evaluator.getClass().getDeclaredMethod("decide", Request.class, List.class, Map.class);
      decide.setAccessible(true);
      Map<Object, List<Object>> inputs = new LinkedHashMap<>();
      decide.invoke(evaluator, request, null, inputs);
      List<Run> runs = new ArrayList<>();
      for (Map.Entry<Object, List<Object>> e : inputs.entrySet()) {
        Method kieBase = e.getKey().getClass().getDeclaredMethod("kieBase");
        kieBase.setAccessible(true);
        KieBase base = (KieBase) kieBase.invoke(e.getKey());
        runs.add(
            new Run(base, pools.computeIfAbsent(base, b -> b.newKieSessionsPool(2)),
                e.getValue().toArray()));
      }
      return runs;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "rules-runtime no longer has Evaluator.decide(Request, List, Map) / CompiledPack.kieBase();"
              + " update DroolsAlone to capture the session inputs another way",
          e);
    }
  }

  /**
   * Runs the sessions: take a session ({@code pooled}: from the pool, as the runtime does; else a
   * fresh one from the {@code KieBase}), insert, fire, read the objects, dispose (which resets a
   * pooled session and returns it).
   */
  public static int fire(List<Run> runs, boolean pooled) {
    int objects = 0;
    for (Run run : runs) {
      KieSession session = pooled ? run.pool().newKieSession() : run.kieBase().newKieSession();
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
