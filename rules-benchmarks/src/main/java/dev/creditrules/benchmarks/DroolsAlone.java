package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.pack.Collector;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.DecisionListener;
import dev.creditrules.runtime.internal.SessionObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.rule.consequence.KnowledgeHelper;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * The "Drools alone" baseline: exactly the sessions the engine runs for a request (same compiled
 * {@code KieBase}s, same input objects, same order), fired directly, with nothing of the library
 * around them: no validation, no preparation, no listener, no attribution, no decision assembly, no
 * JSON.
 *
 * <p>The inputs are captured once per request, outside the measurement, from the engine itself,
 * through its {@link DecisionListener} seam, with the internal {@link SessionObserver#session}: it
 * tells every session it runs (the knowledge base, whether it is sequential, the objects inserted,
 * in order, and the globals it is given: the decision's {@code Judges}; stage 1's collector is a
 * plain list here): one over every stage-1 pack version, then one per stage-2 version, for the
 * decision and for every decision it makes on its own behalf (those confirming {@code
 * nextChangeOn}, those judging a withdrawn record alone): all the Drools work a decision causes.
 * Sessions are configured as the runtime configures its own ({@link ThreadSafeOption#NO}: a pooled
 * session serves one call on one thread at a time).
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
      Object[] facts,
      Map<String, Object> globals) {}

  /** The session configuration of the runtime's sessions. */
  private static final KieSessionConfiguration CONF = conf();

  private DroolsAlone() {}

  private static KieSessionConfiguration conf() {
    KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
    conf.setOption(ThreadSafeOption.NO);
    return conf;
  }

  /** The sessions {@code engine} runs for {@code request}, in the order it runs them. */
  public static List<Run> capture(
      CreditRulesEngine engine, Request request, Map<KieBase, KieSessionsPool> pools) {
    List<Run> runs = new ArrayList<>();
    class Capture implements DecisionListener, SessionObserver {
      @Override
      public void session(
          KieBase base, boolean sequential, List<Object> facts, Map<String, Object> globals) {
        runs.add(
            new Run(
                base,
                pools.computeIfAbsent(base, b -> b.newKieSessionsPool(2)),
                CONF,
                sequential,
                facts.toArray(),
                Map.copyOf(globals)));
      }
    }
    engine.decide(request, new Capture());
    return runs;
  }

  private static final Map<KieBase, Set<Class<?>>> MATCHED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The classes of the base's object-type nodes (what its patterns can match). */
  private static Set<Class<?>> matched(KieBase base) {
    return MATCHED.computeIfAbsent(
        base,
        b -> {
          Set<Class<?>> classes = new java.util.HashSet<>();
          ((InternalRuleBase) b)
              .getRete()
              .getEntryPointNodes()
              .values()
              .forEach(
                  ep ->
                      ep.getObjectTypeNodes()
                          .keySet()
                          .forEach(
                              t -> {
                                if (t instanceof ClassObjectType c) {
                                  classes.add(c.getClassType());
                                }
                              }));
          return Set.copyOf(classes);
        });
  }

  private static boolean accepts(Set<Class<?>> matched, Class<?> type) {
    for (Class<?> c : matched) {
      if (c.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  private static final Map<KieBase, Boolean> COLLECTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** True when the base's packages declare the {@link Collector} global (stage 1). */
  private static boolean collects(KieBase base) {
    return COLLECTS.computeIfAbsent(
        base,
        b ->
            b.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(Collector.GLOBAL)));
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
        run.globals().forEach(stateless::setGlobal);
        if (collects(run.kieBase())) {
          // stage-1 consequences hand their conclusions to a collector global (the runtime's
          // PackScope): the cheapest one, a list
          List<Object> conclusions = new ArrayList<>();
          stateless.setGlobal(Collector.GLOBAL, (Collector) (rule, c) -> conclusions.add(c));
          stateless.execute(java.util.Arrays.asList(run.facts()));
          objects += conclusions.size() & 1;
        } else {
          stateless.execute(java.util.Arrays.asList(run.facts()));
        }
        objects++;
        continue;
      }
      KieSession session =
          pooled
              ? run.pool().newKieSession(run.conf())
              : run.kieBase().newKieSession(run.conf(), null);
      try {
        run.globals().forEach(session::setGlobal);
        if (collects(run.kieBase())) {
          // stage-2 consequences hand their conclusions to a collector too (the runtime's
          // PackScope), which inserts those the session's patterns match: the cheapest such
          Set<Class<?>> matched = matched(run.kieBase());
          List<Object> conclusions = new ArrayList<>();
          session.setGlobal(
              Collector.GLOBAL,
              (Collector)
                  (rule, c) -> {
                    if (rule instanceof KnowledgeHelper context && accepts(matched, c.getClass())) {
                      context.insert(c);
                    } else {
                      conclusions.add(c);
                    }
                  });
        }
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
