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

/**
 * Runs one pack version over one request's facts: a session from the pack's pool, fired once, then
 * disposed, which resets it and returns it to the pool. A pooled session is used by one thread at a
 * time; its listeners are registered once and write into the call's {@link Recorder}.
 */
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
    KieSession session = pack.sessions().newKieSession();
    Recorder recorder = Recorder.of(session);
    recorder.start(pack.key(), fired);
    try {
      for (Object f : facts) {
        session.insert(f);
      }
      session.fireAllRules();
      Map<Object, String> ruleOf = recorder.ruleOf;
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
      recorder.stop();
      session.dispose();
    }
  }

  /** Attributes inserted objects to rules and records firings, for the call in progress. */
  static final class Recorder extends DefaultRuleRuntimeEventListener {
    final Map<Object, String> ruleOf = new IdentityHashMap<>();
    private final FiringListener firings = new FiringListener();

    /** The session's recorder, registered on first use of a pooled session. */
    static Recorder of(KieSession session) {
      for (var l : session.getRuleRuntimeEventListeners()) {
        if (l instanceof Recorder r) {
          return r;
        }
      }
      Recorder r = new Recorder();
      session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) r);
      session.addEventListener(r.firings);
      return r;
    }

    void start(String packKey, List<String> fired) {
      ruleOf.clear();
      firings.packKey = packKey;
      firings.fired = fired;
    }

    void stop() {
      ruleOf.clear();
      firings.fired = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
      if (event.getRule() != null) {
        ruleOf.put(event.getObject(), event.getRule().getName());
      }
    }
  }

  /** Records rule firings when the call asked for a trace. */
  private static final class FiringListener extends DefaultAgendaEventListener {
    String packKey;
    List<String> fired;

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      if (fired != null) {
        fired.add(packKey + "/" + event.getMatch().getRule().getName());
      }
    }
  }
}
