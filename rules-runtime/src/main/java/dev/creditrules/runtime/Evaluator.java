package dev.creditrules.runtime;

import dev.creditrules.api.Decision;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.pack.AsOf;
import dev.creditrules.pack.BadRecord;
import dev.creditrules.pack.Changes;
import dev.creditrules.pack.DisputeAnswer;
import dev.creditrules.pack.Hit;
import dev.creditrules.pack.Judged;
import dev.creditrules.pack.Judges;
import dev.creditrules.pack.RepairHit;
import dev.creditrules.pack.SeriousRecord;
import dev.creditrules.runtime.Planner.Part;
import dev.creditrules.runtime.SessionResult.Attributed;
import dev.creditrules.runtime.internal.SessionObserver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides one valid request with a {@link PackSet}, in three steps: {@link Preparation} (what
 * packs-v1 s.0 defines generically: own dates, grants, grade terms), {@link Planner} (which pack
 * versions run, with which markers), then the sessions: stage 1 in one session over every stage-1
 * version that runs, stage 2 in a session per version with the records of stage 1 (stage-2 rules
 * read conclusions); and {@link Assembler} (the contract's decision). A {@link DecisionListener}
 * sees the sessions run and the rules fired.
 */
final class Evaluator {
  /** At most this many decisions confirm {@code nextChangeOn} beyond the first. */
  private static final int MAX_CONFIRMATIONS = 64;

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

  /** Decides {@code request}, telling {@code listener} what runs; sets its {@code nextChangeOn}. */
  Decision decide(Request request, DecisionListener listener) {
    Changes changes = new Changes();
    Decision decision = decide(request, listener, Map.of(), changes);
    LocalDate next = nextChange(request, decision, changes, inner(listener));
    // a decision just made has no nextChangeOn: without a later change it stays so
    return next == null ? decision : decision.withNextChangeOn(next);
  }

  /**
   * The first day after {@code asOf} whose decision differs from {@code decision}, or null. Every
   * comparison with {@code asOf} made while deciding recorded the first later day on which its
   * result would differ ({@link Changes}); before the earliest of those days every comparison comes
   * out the same, so the decision is the same (that is why the candidate is sound). The candidate
   * is then decided, unless the change shows ({@link #shows}): when its decision is the same after
   * all (a comparison changed that decides nothing visible), the search goes on from there with
   * that decision's own candidate, which needs deciding only when its change does not show either.
   */
  private @Nullable LocalDate nextChange(
      Request request, Decision decision, Changes recorded, DecisionListener inner) {
    LocalDate candidate = recorded.next();
    if (candidate == null || shows(request, decision, recorded, candidate)) {
      return candidate;
    }
    LocalDate day = candidate;
    for (int tries = 0; day != null && tries < MAX_CONFIRMATIONS; tries++) {
      if (inner instanceof SessionObserver observer) {
        observer.confirming(day);
      }
      Changes changes = new Changes();
      Decision then = decide(request.on(day), inner, Map.of(), changes);
      if (!then.sameAs(decision)) {
        return day;
      }
      day = changes.next();
      // then decides as decision does: when it shows its own next change, so does decision
      if (day != null && shows(request, then, changes, day)) {
        return day;
      }
    }
    // no change within the confirmations (only a rule that reads asOf.day() every day can cause
    // that): answer the first candidate, a day on which some comparison changes. Sound, not
    // confirmed, and the same answer on every day before it, so that a decision carried forward
    // to a later day still equals the one made on that day
    return day == null ? null : candidate;
  }

  /**
   * True when {@code day}, the earliest day on which a comparison made while deciding {@code
   * decision} changes ({@code changes.next()}), is known to change it without deciding again: the
   * runtime saw an outcome start then ({@link Changes#isVisible}), the decision shows it ({@link
   * #visiblyChangesOn}), or a repairable record becomes active then ({@link #recordStartsOn}).
   */
  private boolean shows(Request request, Decision decision, Changes changes, LocalDate day) {
    return changes.isVisible(day)
        || visiblyChangesOn(decision, day)
        || recordStartsOn(request, decision, day);
  }

  /**
   * True when a repairable record of {@code request} whose own date and first day are {@code day}
   * has no repair entry in {@code decision}: the record plays a part from {@code day} on (packs-v1
   * s.10), and every active repairable record gets one entry (the contract: "one per repairable
   * record"), so the decision on {@code day} has an entry this one has not. Not claimed when the
   * request holds a dispute (an upheld one keeps its record out: commitments-objections.md B3), nor
   * for a record that starts after its own date (a commitment is a breach record from its breach).
   * As in {@link #visiblyChangesOn}, a wrong guess could only make {@code nextChangeOn} early;
   * NextChangeOnTest measures that it stays exact.
   */
  private boolean recordStartsOn(Request request, Decision decision, LocalDate day) {
    FactModel model = classes.model();
    Fact starting = null;
    for (Fact f : request.facts()) {
      FactTypeDecl type = model.typeOf(f);
      if (type.dispute() != null) {
        return false;
      }
      if (starting == null
          && day.equals(type.ownDate(f))
          && day.equals(type.start(f))
          && type.isRepairable(f)) {
        starting = f;
      }
    }
    if (starting == null) {
      return false;
    }
    for (Repair r : decision.repairs()) {
      if (r.fact().equals(starting.id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code decision} itself shows that it changes on {@code day}, so that no decision
   * need confirm it: an outcome ends the day before (it is gone on {@code day}: a merged outcome
   * ends with the last of its hits, and an outcome is never replaced by an equal one with another
   * window), a repair entry waiting for that day opens (NOT_YET with {@code earliest} on {@code
   * day}: its last date condition is met), or an open dispute's answer falls due the day before (it
   * is overdue from {@code day}, or resolved, which changes the list too). A wrong guess here could
   * only make {@code nextChangeOn} early, never late: the day is the earliest on which any
   * comparison changes. NextChangeOnTest measures that it stays exact.
   */
  private static boolean visiblyChangesOn(Decision decision, LocalDate day) {
    LocalDate before = day.minusDays(1);
    for (List<Outcome> outcomes :
        List.of(decision.incentives(), decision.sanctions(), decision.warnings())) {
      for (Outcome o : outcomes) {
        if (before.equals(o.until())) {
          return true;
        }
      }
    }
    for (Repair r : decision.repairs()) {
      if (day.equals(r.earliest()) && r.status() == RepairStatus.NOT_YET) {
        return true;
      }
    }
    if (decision.disputes() != null) {
      for (OpenDispute d : decision.disputes()) {
        if (before.equals(d.answerDue())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Decides {@code request}; when {@code alone} is not empty (one withdrawn record, by what
   * withdrew it), the request holds only that withdrawn record and its grants, and its repair entry
   * is turned into the withdrawn record's entry (commitments-objections.md B3: its pack judges it
   * alone).
   */
  private Decision decide(
      Request request, DecisionListener listener, Map<String, String> alone, Changes changes) {
    AsOf asOf = AsOf.of(request.asOf(), changes);
    Preparation prep = Preparation.of(request, classes, asOf);
    Set<String> activeTypes = new HashSet<>();
    for (var f : prep.active()) {
      activeTypes.add(f.type());
    }
    List<Part> stage1 = new ArrayList<>();
    for (String id : packs.idsOfStage(1)) {
      planner.plan(id, request, asOf, prep.active(), activeTypes, stage1);
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
      planner.plan(id, request, asOf, prep.active(), activeTypes, parts);
      for (Part part : parts) {
        results.addAll(run(stage2(part.pack()), stage2Shared, List.of(part), listener));
      }
    }
    Decision decision = assembler.assemble(request, prep, results, alone, changes);
    if (prep.disputes().withdrawn().isEmpty()) {
      return decision;
    }
    List<Repair> entries = new ArrayList<>();
    List<PackRef> refs = new ArrayList<>();
    for (Map.Entry<String, String> w : prep.disputes().withdrawn().entrySet()) {
      Request own =
          new Request(
              request.requestId(),
              request.asOf(),
              request.subject(),
              null,
              Disputes.alone(classes.model(), request.facts(), w.getKey()));
      Decision judged = decide(own, inner(listener), Map.of(w.getKey(), w.getValue()), changes);
      for (Repair r : judged.repairs()) {
        if (r.fact().equals(w.getKey())) {
          entries.add(r);
          String key = r.rule().substring(0, r.rule().indexOf('/'));
          for (PackRef ref : judged.packs()) {
            if ((ref.id() + "@" + ref.version()).equals(key)) {
              refs.add(ref);
            }
          }
        }
      }
    }
    return assembler.withEntries(decision, entries, refs, prep.order());
  }

  /**
   * The listener of the decisions a decision makes on its own behalf (confirming {@code
   * nextChangeOn}, judging a withdrawn record alone): they tell nothing to the caller's listener,
   * except the sessions they run to a {@link SessionObserver} (the Drools work a decision causes).
   */
  private static DecisionListener inner(DecisionListener listener) {
    if (listener instanceof SessionObserver observer) {
      return new SessionsOnly(observer);
    }
    return DecisionListener.NONE;
  }

  /** Passes on the sessions run, and nothing else. */
  private record SessionsOnly(SessionObserver observer)
      implements DecisionListener, SessionObserver {
    @Override
    public void session(
        org.kie.api.KieBase base,
        boolean sequential,
        List<Object> facts,
        Map<String, Object> globals) {
      observer.session(base, sequential, facts, globals);
    }

    @Override
    public void confirming(LocalDate day) {
      observer.confirming(day);
    }
  }

  /** A stage-2 pack version's own knowledge base (only stage-1 versions share theirs). */
  private static SessionBase stage2(CompiledPack pack) {
    return Objects.requireNonNull(pack.own(), () -> pack.key() + " is not a stage-2 pack");
  }

  /** Runs one session of {@code base} for {@code parts}; a result per part, in their order. */
  private List<SessionResult> run(
      SessionBase base, List<Object> shared, List<Part> parts, DecisionListener listener) {
    List<Object> facts = new ArrayList<>(shared.size() + parts.size() * 4);
    for (Object o : shared) {
      if (base.matched().accepts(o.getClass())) {
        facts.add(o);
      }
    }
    Judges judges = new Judges();
    for (Part p : parts) {
      if (p.pack().context()) {
        facts.add(p.context());
      }
      for (Judged j : p.marks()) {
        judges.add(j.scope(), j.fact());
      }
      if (p.pack().markers()) {
        facts.addAll(p.marks());
      }
      if (listener.wantsPackInputs()) {
        List<Object> own = new ArrayList<>(shared);
        own.add(p.context());
        own.addAll(p.marks());
        listener.packInput(p.pack().key(), List.copyOf(own));
      }
    }
    if (listener instanceof SessionObserver observer) {
      observer.session(base.kieBase(), base.sequential(), facts, Map.of(Judges.GLOBAL, judges));
    }
    List<ByKind> byKind = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      byKind.add(new ByKind());
    }
    // each conclusion goes straight to the part of its pack version, by kind
    Session.run(
        base,
        packs,
        facts,
        judges,
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
              p.pack(),
              p.context().predates(),
              p.predating(),
              s.hits,
              s.repairs,
              s.serious,
              s.bad,
              s.answers));
    }
    return results;
  }

  /**
   * One part's conclusions, by kind, in insertion order; each list is allocated on its first
   * conclusion (a version concludes few kinds, often none).
   */
  private static final class ByKind {
    List<Attributed<Hit>> hits = List.of();
    List<Attributed<RepairHit>> repairs = List.of();
    List<Attributed<SeriousRecord>> serious = List.of();
    List<Attributed<BadRecord>> bad = List.of();
    List<Attributed<DisputeAnswer>> answers = List.of();

    void add(String rule, Object value) {
      if (value instanceof Hit h) {
        hits = grown(hits);
        hits.add(new Attributed<>(h, rule));
      } else if (value instanceof RepairHit r) {
        repairs = grown(repairs);
        repairs.add(new Attributed<>(r, rule));
      } else if (value instanceof SeriousRecord r) {
        serious = grown(serious);
        serious.add(new Attributed<>(r, rule));
      } else if (value instanceof BadRecord r) {
        bad = grown(bad);
        bad.add(new Attributed<>(r, rule));
      } else if (value instanceof DisputeAnswer r) {
        answers = grown(answers);
        answers.add(new Attributed<>(r, rule));
      }
    }

    /** {@code list}, or a new list to add to when it is still the empty one. */
    private static <T> List<T> grown(List<T> list) {
      return list.isEmpty() ? new ArrayList<>(4) : list;
    }
  }
}
