package dev.creditrules.runtime;

import dev.creditrules.pack.Collector;
import dev.creditrules.pack.Judges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.drools.core.rule.consequence.KnowledgeHelper;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs one session: taken from a base's pool, fired once, then disposed, which resets it and
 * returns it to the pool. A pooled session is used by one thread at a time; its listeners are
 * registered once and write into the call's {@link Recorder}.
 */
final class Session {
  private Session() {}

  /** Receives each conclusion with the pack version and the name of the rule that inserted it. */
  interface Conclusions {
    void add(CompiledPack pack, String rule, Object value);
  }

  /**
   * Runs a session of {@code base} over {@code facts}, with the decision's {@code judges} (which
   * versions judge which facts, see {@link PackScope}), and returns the conclusions, each
   * attributed through its rule's DRL package; when the listener wants firings, every rule that
   * fires is told to it, as {@code pack@version/name}, in firing order.
   */
  static void run(
      SessionBase base,
      PackSet packs,
      Collection<?> facts,
      Judges judges,
      DecisionListener listener,
      Conclusions out) {
    @Nullable DecisionListener fired = listener.wantsFirings() ? listener : null;
    if (base.sequential()) {
      runSequential(base, packs, facts, judges, fired, out);
      return;
    }
    KieSession session = base.sessions().newKieSession(base.sessionConf());
    Recorder recorder = Recorder.of(session);
    recorder.start(packs, fired);
    recorder.matched = base.matched();
    try {
      if (base.judges()) {
        session.setGlobal(Judges.GLOBAL, judges);
      }
      if (base.collects()) {
        // stage-2 consequences hand their conclusions to the collector, which inserts the ones
        // the session's rules can match (PackScope)
        session.setGlobal(Collector.GLOBAL, recorder);
      }
      for (Object f : facts) {
        session.insert(f);
      }
      session.fireAllRules();
      recorder.conclusions(packs, out);
    } catch (RuntimeException e) {
      throw failure(packs, e);
    } finally {
      recorder.stop();
      session.dispose();
    }
  }

  /**
   * A stateless session in sequential mode: the conclusions are the objects rules inserted, handed
   * to the recorder as they were concluded (stage-1 rules cannot retract, see {@link PackScope}).
   */
  private static void runSequential(
      SessionBase base,
      PackSet packs,
      Collection<?> facts,
      Judges judges,
      @Nullable DecisionListener fired,
      Conclusions out) {
    StatelessKieSession session = base.sessions().newStatelessKieSession(base.sessionConf());
    Recorder recorder = new Recorder();
    if (base.judges()) {
      session.setGlobal(Judges.GLOBAL, judges);
    }
    if (base.collects()) {
      // stage-1 consequences hand their conclusions to the collector (PackScope)
      session.setGlobal(Collector.GLOBAL, recorder);
    } else {
      session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
    }
    if (fired != null) {
      session.addEventListener(recorder.firings);
    }
    recorder.start(packs, fired);
    try {
      session.execute(facts);
    } catch (RuntimeException e) {
      throw failure(packs, e);
    }
    recorder.conclusions(packs, out);
  }

  /** A failing rule, named as {@code pack@version/rule} when Drools says which one it was. */
  private static IllegalStateException failure(PackSet packs, RuntimeException e) {
    if (e instanceof ConsequenceException c && c.getMatch() != null) {
      Rule rule = c.getMatch().getRule();
      CompiledPack pack = packs.packOf(rule.getPackageName());
      String id = (pack == null ? rule.getPackageName() : pack.key()) + "/" + rule.getName();
      return new IllegalStateException(
          "rule " + id + " failed while evaluating: " + c.getCause(), e);
    }
    return new IllegalStateException("rule evaluation failed: " + e, e);
  }

  /**
   * Attributes inserted objects to rules and records firings, for the call in progress. An object
   * deleted later in the session (a logical insert whose justification is gone) is dropped, so the
   * conclusions are exactly the rule-inserted objects still in the session when it ends.
   */
  static final class Recorder extends DefaultRuleRuntimeEventListener implements Collector {
    private final List<Object> objects = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    final FiringListener firings = new FiringListener();

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

    /** The objects rules inserted and nothing deleted, in insertion order, attributed. */
    void conclusions(PackSet packs, Conclusions out) {
      for (int i = 0; i < objects.size(); i++) {
        Object o = objects.get(i);
        if (o != null) {
          Rule rule = rules.get(i);
          out.add(packs.pack(rule.getPackageName()), rule.getName(), o);
        }
      }
    }

    void start(PackSet packs, @Nullable DecisionListener fired) {
      objects.clear();
      rules.clear();
      firings.packs = packs;
      firings.fired = fired;
    }

    void stop() {
      matched = null;
      objects.clear();
      rules.clear();
      firings.fired = null;
      firings.packs = null;
    }

    /** In a stateful session, the types its patterns match: such conclusions enter it. */
    @Nullable MatchedTypes matched;

    @Override
    public void conclude(Object rule, Object conclusion) {
      Object by = rule;
      if (by instanceof KnowledgeHelper context) {
        MatchedTypes types = matched;
        if (types == null || types.accepts(conclusion.getClass())) {
          // recorded by objectInserted, and dropped if deleted later
          context.insert(conclusion);
          return;
        }
        by = context.getRule();
      }
      objects.add(conclusion);
      rules.add((Rule) by);
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
      if (event.getRule() != null) {
        objects.add(event.getObject());
        rules.add(event.getRule());
      }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
      Object gone = event.getOldObject();
      for (int i = objects.size() - 1; i >= 0; i--) {
        if (objects.get(i) == gone) {
          objects.set(i, null);
          return;
        }
      }
    }
  }

  /** Records rule firings when the call asked for a trace. */
  private static final class FiringListener extends DefaultAgendaEventListener {
    // both set by start for the call in progress, both cleared by stop
    @Nullable PackSet packs;
    @Nullable DecisionListener fired;

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      DecisionListener to = fired;
      PackSet of = packs;
      if (to != null && of != null) {
        Rule rule = event.getMatch().getRule();
        to.fired(of.pack(rule.getPackageName()).key() + "/" + rule.getName());
      }
    }
  }
}
