package dev.creditrules.runtime;

import dev.creditrules.api.pack.BadRecord;
import dev.creditrules.api.pack.Hit;
import dev.creditrules.api.pack.RepairHit;
import dev.creditrules.api.pack.SeriousRecord;
import dev.creditrules.runtime.SessionResult.Attributed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/** Runs one pack version over one request's facts: a fresh session, fired once, disposed. */
final class Session {
  private Session() {}

  /**
   * Runs the session; when {@code fired} is not null, the name of every rule that fires is added to
   * it, as {@code pack@version/name}, in firing order.
   */
  static SessionResult run(
      CompiledPack pack,
      Collection<?> facts,
      boolean predates,
      Set<String> predatingFacts,
      List<String> fired) {
    KieSession session = pack.kieBase().newKieSession();
    Map<Object, String> ruleOf = new IdentityHashMap<>();
    try {
      session.addEventListener(
          new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
              if (event.getRule() != null) {
                ruleOf.put(event.getObject(), event.getRule().getName());
              }
            }
          });
      if (fired != null) {
        session.addEventListener(
            new DefaultAgendaEventListener() {
              @Override
              public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(pack.key() + "/" + event.getMatch().getRule().getName());
              }
            });
      }
      for (Object f : facts) {
        session.insert(f);
      }
      session.fireAllRules();
      List<Attributed<Hit>> hits = new ArrayList<>();
      List<Attributed<RepairHit>> repairs = new ArrayList<>();
      List<Attributed<SeriousRecord>> serious = new ArrayList<>();
      List<Attributed<BadRecord>> bad = new ArrayList<>();
      for (Object o : session.getObjects(ruleOf::containsKey)) {
        String rule = ruleOf.get(o);
        if (o instanceof Hit h) {
          hits.add(new Attributed<>(h, rule));
        } else if (o instanceof RepairHit r) {
          repairs.add(new Attributed<>(r, rule));
        } else if (o instanceof SeriousRecord s) {
          serious.add(new Attributed<>(s, rule));
        } else if (o instanceof BadRecord b) {
          bad.add(new Attributed<>(b, rule));
        }
      }
      return new SessionResult(pack, predates, predatingFacts, hits, repairs, serious, bad);
    } catch (RuntimeException e) {
      throw new IllegalStateException("pack " + pack.key() + " failed while evaluating: " + e, e);
    } finally {
      session.dispose();
    }
  }
}
