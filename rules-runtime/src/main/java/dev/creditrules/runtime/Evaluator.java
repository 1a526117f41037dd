package dev.creditrules.runtime;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.pack.BadRecord;
import dev.creditrules.pack.Hit;
import dev.creditrules.pack.RepairHit;
import dev.creditrules.pack.SeriousRecord;
import dev.creditrules.runtime.Planner.Part;
import dev.creditrules.runtime.SessionResult.Attributed;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides one valid request with a {@link PackSet}, in three steps: {@link Preparation} (what
 * packs-v1 s.0 defines generically: own dates, grants, grade terms), {@link Planner} (which pack
 * versions run, with which markers), then the sessions: stage 1 in one session over every stage-1
 * version that runs, stage 2 in a session per version with the records of stage 1 (stage-2 rules
 * read conclusions); and {@link Assembler} (the contract's decision). A {@link DecisionListener}
 * sees the sessions run and the rules fired.
 */
final class Evaluator {
  private final PackSet packs;
  private final FactClasses classes;
  private final Planner planner;
  private final Assembler assembler;

  Evaluator(PackSet packs) {
    this.packs = packs;
    this.classes = packs.classes();
    this.planner = new Planner(packs);
    this.assembler = new Assembler(classes.model());
  }

  /** Decides {@code request}, telling {@code listener} what runs. */
  Decision decide(Request request, DecisionListener listener) {
    Preparation prep = Preparation.of(request, classes);
    List<Part> stage1 = new ArrayList<>();
    for (String id : packs.idsOfStage(1)) {
      planner.plan(id, request, prep.active(), stage1);
    }
    List<SessionResult> results = new ArrayList<>();
    if (!stage1.isEmpty()) {
      results.addAll(run(packs.stage1(), prep.shared(), stage1, listener));
    }
    List<Object> stage2Shared = new ArrayList<>(prep.shared());
    for (SessionResult r : results) {
      for (Attributed<SeriousRecord> s : r.seriousRecords()) {
        SeriousRecord rec = s.value();
        if (!prep.grants().containsKey(rec.fact())) {
          stage2Shared.add(
              new SeriousRecord(
                  rec.fact(),
                  rec.start(),
                  rec.until(),
                  rec.verified() && !r.predates(List.of(rec.fact()))));
        }
      }
      for (Attributed<BadRecord> b : r.badRecords()) {
        if (!prep.grants().containsKey(b.value().fact())) {
          stage2Shared.add(b.value());
        }
      }
    }
    for (String id : packs.idsOfStage(2)) {
      List<Part> parts = new ArrayList<>();
      planner.plan(id, request, prep.active(), parts);
      for (Part part : parts) {
        results.addAll(run(part.pack().own(), stage2Shared, List.of(part), listener));
      }
    }
    return assembler.assemble(request, prep.order(), prep.grants(), results);
  }

  /** Runs one session of {@code base} for {@code parts}; a result per part, in their order. */
  private List<SessionResult> run(
      SessionBase base,
      List<Object> shared,
      List<Part> parts,
      DecisionListener listener) {
    List<Object> facts = new ArrayList<>(shared.size() + parts.size() * 4);
    for (Object o : shared) {
      if (base.matched().accepts(o.getClass())) {
        facts.add(o);
      }
    }
    for (Part p : parts) {
      facts.add(p.context());
      facts.addAll(p.marks());
      if (listener.wantsPackInputs()) {
        List<Object> own = new ArrayList<>(shared);
        own.add(p.context());
        own.addAll(p.marks());
        listener.packInput(p.pack().key(), List.copyOf(own));
      }
    }
    listener.session(base.kieBase(), base.sequential(), facts);
    List<ByKind> byKind = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      byKind.add(new ByKind());
    }
    // each conclusion goes straight to the part of its pack version, by kind
    Session.run(
        base,
        packs,
        facts,
        listener,
        (pack, rule, value) -> {
          for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).pack() == pack) {
              byKind.get(i).add(rule, value);
              return;
            }
          }
        });
    List<SessionResult> results = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      ByKind s = byKind.get(i);
      results.add(
          new SessionResult(
              p.pack(), p.context().predates(), p.predating(), s.hits, s.repairs, s.serious, s.bad));
    }
    return results;
  }

  /** One part's conclusions, by kind, in insertion order. */
  private static final class ByKind {
    final List<Attributed<Hit>> hits = new ArrayList<>();
    final List<Attributed<RepairHit>> repairs = new ArrayList<>();
    final List<Attributed<SeriousRecord>> serious = new ArrayList<>();
    final List<Attributed<BadRecord>> bad = new ArrayList<>();

    void add(String rule, Object value) {
      if (value instanceof Hit h) {
        hits.add(new Attributed<>(h, rule));
      } else if (value instanceof RepairHit r) {
        repairs.add(new Attributed<>(r, rule));
      } else if (value instanceof SeriousRecord r) {
        serious.add(new Attributed<>(r, rule));
      } else if (value instanceof BadRecord r) {
        bad.add(new Attributed<>(r, rule));
      }
    }
  }

}
