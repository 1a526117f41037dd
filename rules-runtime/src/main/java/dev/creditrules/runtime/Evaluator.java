package dev.creditrules.runtime;

import dev.creditrules.api.Area;
import dev.creditrules.api.Decision;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectRef;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.pack.BadRecord;
import dev.creditrules.api.pack.Context;
import dev.creditrules.api.pack.Grant;
import dev.creditrules.api.pack.GradeTerm;
import dev.creditrules.api.pack.Hit;
import dev.creditrules.api.pack.Judged;
import dev.creditrules.api.pack.RepairHit;
import dev.creditrules.api.pack.SeriousRecord;
import dev.creditrules.runtime.SessionResult.Attributed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides one valid request with a {@link PackSet}: prepares the session facts that packs-v1 s.0
 * defines generically (grade terms, effective grants, version per fact), runs stage-1 packs, then
 * stage-2 packs with the records of stage 1, and assembles the contract's decision.
 */
final class Evaluator {
  private final PackSet packs;
  private final FactModel model;
  private final FactClasses classes;

  Evaluator(PackSet packs) {
    this.packs = packs;
    this.classes = packs.classes();
    this.model = classes.model();
  }

  Decision decide(Request request) {
    return decide(request, null);
  }

  /** Decides; when {@code fired} is not null, every rule firing is recorded in it. */
  Decision decide(Request request, List<String> fired) {
    return decide(request, fired, null);
  }

  /**
   * Decides; when {@code fired} is not null every rule firing is recorded in it, and when {@code
   * inputs} is not null the facts each pack version's rules were given are recorded in it.
   */
  Decision decide(Request request, List<String> fired, Map<CompiledPack, List<Object>> inputs) {
    return decide(request, fired, inputs, null);
  }

  /** What one session was given: its base and facts, in insertion order (for benchmarks). */
  record SessionInput(SessionBase base, List<Object> facts) {}

  /**
   * Decides; as above, and when {@code sessions} is not null every session run is recorded in it.
   * Stage 1 is one session over every stage-1 version that runs; stage 2 is a session per version,
   * as stage-2 rules read conclusions (the stage-1 records and their own).
   */
  Decision decide(
      Request request,
      List<String> fired,
      Map<CompiledPack, List<Object>> inputs,
      List<SessionInput> sessions) {
    LocalDate asOf = request.asOf();
    List<Fact> active = new ArrayList<>();
    Map<String, Integer> order = new HashMap<>();
    for (Fact f : request.facts()) {
      order.put(f.id(), order.size());
      // a fact dated after asOf, by the date that picks its version (a grade: its year), plays
      // no part (packs-v1 s.10)
      if (!model.typeOf(f).ownDate(f).isAfter(asOf)) {
        active.add(f);
      }
    }
    Map<String, Grant> grants = grants(model, active, asOf);
    List<GradeTerm> terms = gradeTerms(model, active, grants, asOf);
    List<Object> shared = new ArrayList<>(active.size() + grants.size() + terms.size());
    for (Fact f : active) {
      shared.add(classes.instance(f));
    }
    shared.addAll(grants.values());
    shared.addAll(terms);

    List<Part> stage1 = new ArrayList<>();
    for (String id : packs.idsOfStage(1)) {
      plan(id, request, active, stage1);
    }
    List<SessionResult> results = new ArrayList<>();
    if (!stage1.isEmpty()) {
      results.addAll(run(packs.stage1(), shared, stage1, fired, inputs, sessions));
    }
    List<Object> stage2Shared = new ArrayList<>(shared);
    for (SessionResult r : results) {
      for (Attributed<SeriousRecord> s : r.seriousRecords()) {
        SeriousRecord rec = s.value();
        if (!grants.containsKey(rec.fact())) {
          stage2Shared.add(
              new SeriousRecord(
                  rec.fact(),
                  rec.start(),
                  rec.until(),
                  rec.verified() && !r.predates(List.of(rec.fact()))));
        }
      }
      for (Attributed<BadRecord> b : r.badRecords()) {
        if (!grants.containsKey(b.value().fact())) {
          stage2Shared.add(b.value());
        }
      }
    }
    for (String id : packs.idsOfStage(2)) {
      List<Part> parts = new ArrayList<>();
      plan(id, request, active, parts);
      for (Part part : parts) {
        results.addAll(run(part.pack().own(), stage2Shared, List.of(part), fired, inputs, sessions));
      }
    }
    return assemble(request, order, grants, results);
  }

  /**
   * One pack version that runs in a decision: its context and the markers of the facts it judges.
   */
  private record Part(CompiledPack pack, Context context, List<Judged> marks, Set<String> predating) {}

  /** Adds the versions of one pack that judge a fact, plus the version in force on asOf. */
  private void plan(String id, Request request, List<Fact> active, List<Part> parts) {
    List<CompiledPack> versions = packs.versions(id);
    PackSet.Judge judge = packs.judge(id);
    Map<CompiledPack, List<Judged>> judged = new LinkedHashMap<>();
    for (Fact f : active) {
      if (judge.judges(f)) {
        List<CompiledPack> windows = judge.windows().get(f.type());
        LocalDate own = model.typeOf(f).ownDate(f);
        CompiledPack v = PackSet.versionFor(windows, own);
        judged
            .computeIfAbsent(v, k -> new ArrayList<>())
            .add(new Judged(f.id(), PackSet.predates(windows, own), v.key()));
      }
    }
    CompiledPack current = PackSet.versionFor(versions, request.asOf());
    boolean asOfPredates = PackSet.predates(versions, request.asOf());
    if (versions.get(0).manifest().stage() == 2 || !judged.isEmpty()) {
      // stage-1 rules conclude only from facts they judge: a stage-1 pack with none is skipped;
      // stage 2 (joint) has rules without a triggering fact (GEN-I-01), so its current version runs
      judged.computeIfAbsent(current, k -> new ArrayList<>());
    }
    for (CompiledPack v : versions) {
      List<Judged> marks = judged.get(v);
      if (marks == null) {
        continue;
      }
      boolean isCurrent = v == current;
      Set<String> predating = new HashSet<>();
      for (Judged j : marks) {
        if (j.predates()) {
          predating.add(j.fact());
        }
      }
      Context context =
          new Context(
              request.asOf(), request.subject(), isCurrent, isCurrent && asOfPredates, v.key());
      parts.add(new Part(v, context, marks, predating));
    }
  }

  /** Runs one session of {@code base} for {@code parts}; a result per part, in their order. */
  private List<SessionResult> run(
      SessionBase base,
      List<Object> shared,
      List<Part> parts,
      List<String> fired,
      Map<CompiledPack, List<Object>> inputs,
      List<SessionInput> sessions) {
    List<Object> facts = new ArrayList<>(shared.size() + parts.size() * 4);
    for (Object o : shared) {
      if (base.matched().accepts(o.getClass())) {
        facts.add(o);
      }
    }
    for (Part p : parts) {
      facts.add(p.context());
      facts.addAll(p.marks());
      if (inputs != null) {
        List<Object> own = new ArrayList<>(shared);
        own.add(p.context());
        own.addAll(p.marks());
        inputs.put(p.pack(), List.copyOf(own));
      }
    }
    if (sessions != null) {
      sessions.add(new SessionInput(base, List.copyOf(facts)));
    }
    List<Session.Conclusion> conclusions = Session.run(base, packs, facts, fired);
    List<ByKind> byKind = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      byKind.add(new ByKind());
    }
    for (Session.Conclusion c : conclusions) {
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).pack() == c.pack()) {
          byKind.get(i).add(c);
          break;
        }
      }
    }
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

    void add(Session.Conclusion c) {
      if (c.value() instanceof Hit h) {
        hits.add(new Attributed<>(h, c.rule()));
      } else if (c.value() instanceof RepairHit r) {
        repairs.add(new Attributed<>(r, c.rule()));
      } else if (c.value() instanceof SeriousRecord r) {
        serious.add(new Attributed<>(r, c.rule()));
      } else if (c.value() instanceof BadRecord r) {
        bad.add(new Attributed<>(r, c.rule()));
      }
    }
  }

  /**
   * For each repaired record, the earliest grant in effect on asOf: granted by then and not
   * revoked by then (packs-v1 s.0), from the facts of every type with a grant role.
   */
  static Map<String, Grant> grants(FactModel model, List<Fact> active, LocalDate asOf) {
    Map<String, Grant> grants = new HashMap<>();
    for (Fact f : active) {
      GrantRole role = model.typeOf(f).grant();
      if (role == null) {
        continue;
      }
      String target = f.text(role.target());
      LocalDate grantedOn = f.date(role.grantedOn());
      LocalDate revokedOn = role.revokedOn() == null ? null : f.date(role.revokedOn());
      if (grantedOn.isAfter(asOf) || (revokedOn != null && !revokedOn.isAfter(asOf))) {
        continue;
      }
      Grant existing = grants.get(target);
      if (existing == null || grantedOn.isBefore(existing.grantedOn())) {
        String newGrade = role.newGrade() == null ? null : f.text(role.newGrade());
        grants.put(target, new Grant(target, f.id(), grantedOn, newGrade));
      }
    }
    return grants;
  }

  /** One grade of a declared grade scheme, read through the scheme's field names. */
  private record GradeFact(String id, String scheme, int year, String level, LocalDate publishedOn) {}

  /**
   * The in-force span of every grade of every declared grade scheme (packs-v1 s.0), plus
   * replacement terms of new grades.
   */
  static List<GradeTerm> gradeTerms(
      FactModel model, List<Fact> active, Map<String, Grant> grants, LocalDate asOf) {
    List<GradeFact> grades = new ArrayList<>();
    for (Fact f : active) {
      GradeScheme s = model.typeOf(f).grade();
      if (s != null) {
        grades.add(
            new GradeFact(
                f.id(), f.type(), f.integer(s.year()), f.text(s.level()), f.date(s.publishedOn())));
      }
    }
    List<GradeTerm> terms = new ArrayList<>();
    for (GradeFact g : grades) {
      GradeFact next = null;
      for (GradeFact o : grades) {
        if (o.scheme().equals(g.scheme())
            && o.year() > g.year()
            && !o.publishedOn().isAfter(asOf)
            && (next == null || o.year() < next.year())) {
          next = o;
        }
      }
      LocalDate until = g.publishedOn().plusMonths(12);
      if (next != null && next.publishedOn().minusDays(1).isBefore(until)) {
        until = next.publishedOn().minusDays(1);
      }
      terms.add(
          new GradeTerm(
              g.id(), g.scheme(), g.year(), g.level(), g.publishedOn(), until, List.of(g.id()), false));
      Grant grant = grants.get(g.id());
      if (grant != null && grant.newGrade() != null && !grant.grantedOn().isAfter(until)) {
        terms.add(
            new GradeTerm(
                g.id(),
                g.scheme(),
                g.year(),
                grant.newGrade(),
                grant.grantedOn(),
                until,
                List.of(g.id(), grant.grant()),
                true));
      }
    }
    return terms;
  }

  private Decision assemble(
      Request request,
      Map<String, Integer> order,
      Map<String, Grant> grants,
      List<SessionResult> results) {
    LocalDate asOf = request.asOf();
    List<Row> rows = new ArrayList<>();
    Map<String, Repair> repairs = new HashMap<>();
    Map<String, PackRef> repairPacks = new HashMap<>();
    Set<String> fromLayer = new HashSet<>();
    Map<String, Fact> factsById = null;
    for (SessionResult r : results) {
      CompiledPack pack = r.pack();
      for (Attributed<Hit> a : r.hits()) {
        Hit h = a.value();
        Catalogue.Measure m = pack.catalogue().measures().get(h.measure());
        if (m == null) {
          throw new IllegalStateException(
              "rule " + pack.key() + "/" + a.rule() + " emitted measure " + h.measure()
                  + " which is not in the pack's catalogue");
        }
        LocalDate until = h.until();
        for (String f : h.facts()) {
          Grant g = grants.get(f);
          if (g != null && !h.facts().contains(g.grant())) {
            until = earlier(until, g.grantedOn().minusDays(1));
          }
        }
        if (h.start().isAfter(asOf) || (until != null && until.isBefore(asOf))) {
          continue;
        }
        boolean verified = h.verified() && m.verified() && !r.predates(h.facts());
        rows.add(new Row(pack, m, h.start(), until, h.facts(), verified, a.rule()));
      }
      for (Attributed<RepairHit> a : r.repairs()) {
        RepairHit h = a.value();
        Catalogue.Procedure p = pack.catalogue().procedures().get(h.procedure());
        if (p == null) {
          throw new IllegalStateException(
              "rule " + pack.key() + "/" + a.rule() + " names repair procedure " + h.procedure()
                  + " which is not in the pack's catalogue");
        }
        if (factsById == null) {
          factsById = new HashMap<>();
          for (Fact f : request.facts()) {
            factsById.put(f.id(), f);
          }
        }
        Fact fact = factsById.get(h.fact());
        // a type may name the field holding its records' sector (a penalty's own sector)
        FactTypeDecl type = fact == null ? null : model.typeOf(fact);
        String sector =
            type != null && type.repairSector() != null && fact.text(type.repairSector()) != null
                ? fact.text(type.repairSector())
                : pack.manifest().sector();
        boolean repaired = grants.containsKey(h.fact());
        Repair repair =
            new Repair(
                h.fact(),
                sector,
                repaired ? RepairStatus.REPAIRED : h.status(),
                repaired ? null : h.earliest(),
                repaired ? List.of() : h.unmet().stream().map(Unmet::of).toList(),
                p.route(),
                p.basis(),
                // a grant is a fact: REPAIRED rests on it, not on the procedure's sources
                (repaired || (h.verified() && p.verified())) && !r.predates(List.of(h.fact())),
                pack.key() + "/" + a.rule());
        boolean layer = pack.manifest().isLayer();
        Repair existing = repairs.get(h.fact());
        if (existing != null) {
          boolean existingLayer = fromLayer.contains(h.fact());
          if (layer == existingLayer) {
            throw new IllegalStateException(
                "two repair entries for fact " + h.fact() + ": " + existing.rule() + " and "
                    + repair.rule());
          }
          if (existingLayer) {
            continue;
          }
        }
        // a layer's repair entry replaces its base pack's (a province's procedure)
        repairs.put(h.fact(), repair);
        repairPacks.put(h.fact(), pack.ref());
        if (layer) {
          fromLayer.add(h.fact());
        }
      }
    }
    List<Row> merged = merge(rows, order);
    Set<Area> areas = request.areas() == null ? null : Set.copyOf(request.areas());
    List<Outcome> incentives = new ArrayList<>();
    List<Outcome> sanctions = new ArrayList<>();
    List<Outcome> warnings = new ArrayList<>();
    Map<String, PackRef> used = new TreeMap<>();
    merged.sort(ROW_ORDER);
    for (Row row : merged) {
      if (areas != null && row.measure.areas().stream().noneMatch(areas::contains)) {
        continue;
      }
      Outcome o =
          new Outcome(
              row.measure.id(),
              row.measure.name(),
              row.pack.manifest().sector(),
              row.measure.group(),
              row.measure.areas(),
              row.start,
              row.until,
              row.measure.basis(),
              row.verified,
              row.pack.key() + "/" + row.rule,
              row.facts);
      MeasureGroup g = row.measure.group();
      (g == MeasureGroup.INCENTIVE ? incentives : g == MeasureGroup.WARNING ? warnings : sanctions)
          .add(o);
      used.put(row.pack.key(), row.pack.ref());
    }
    List<Repair> repairList = new ArrayList<>(repairs.values());
    repairList.sort(Comparator.comparing(rep -> order.getOrDefault(rep.fact(), Integer.MAX_VALUE)));
    repairPacks.values().forEach(ref -> used.put(ref.id() + "@" + ref.version(), ref));
    List<PackRef> packRefs = new ArrayList<>(used.values());
    packRefs.sort(
        Comparator.comparing(PackRef::id, Evaluator::byCodePoint)
            .thenComparing(PackRef::version, Evaluator::byCodePoint));
    return new Decision(
        request.requestId(),
        asOf,
        new SubjectRef(request.subject().id(), request.subject().type()),
        packRefs,
        incentives,
        sanctions,
        warnings,
        repairList);
  }

  /** Merges active hits of merge measures: one per pack version and measure (packs-v1 s.3). */
  private static List<Row> merge(List<Row> rows, Map<String, Integer> order) {
    List<Row> out = new ArrayList<>();
    // the caller sorts the merged rows, so the groups' order does not matter
    Map<MergeKey, List<Row>> groups = new HashMap<>();
    for (Row r : rows) {
      if (r.measure.merge()) {
        groups.computeIfAbsent(new MergeKey(r.pack, r.measure.id()), k -> new ArrayList<>()).add(r);
      } else {
        out.add(r);
      }
    }
    for (List<Row> group : groups.values()) {
      group.sort(ROW_ORDER);
      Row first = group.get(0);
      LocalDate start = first.start;
      LocalDate until = first.until;
      boolean open = false;
      boolean verified = true;
      Set<String> facts = new LinkedHashSet<>();
      for (Row r : group) {
        if (r.start.isBefore(start)) {
          start = r.start;
        }
        if (r.until == null) {
          open = true;
        } else if (until == null || r.until.isAfter(until)) {
          until = r.until;
        }
        verified &= r.verified;
        facts.addAll(r.facts);
      }
      List<String> sorted = new ArrayList<>(facts);
      sorted.sort(Comparator.comparing(f -> order.getOrDefault(f, Integer.MAX_VALUE)));
      out.add(
          new Row(first.pack, first.measure, start, open ? null : until, sorted, verified, first.rule));
    }
    return out;
  }

  /** Merged hits: one per pack version and measure. */
  private record MergeKey(CompiledPack pack, String measure) {}

  private static LocalDate earlier(LocalDate until, LocalDate cap) {
    return until == null || cap.isBefore(until) ? cap : until;
  }

  /** Sector, measure, start, until (open last), first fact, then rule id: the contract's order. */
  private static final Comparator<Row> ROW_ORDER =
      (a, b) -> {
        int c = byCodePoint(a.pack.manifest().sector(), b.pack.manifest().sector());
        if (c != 0) {
          return c;
        }
        c = byCodePoint(a.measure.id(), b.measure.id());
        if (c != 0) {
          return c;
        }
        c = a.start.compareTo(b.start);
        if (c != 0) {
          return c;
        }
        if (a.until != b.until) {
          if (a.until == null) {
            return 1;
          }
          if (b.until == null) {
            return -1;
          }
          c = a.until.compareTo(b.until);
          if (c != 0) {
            return c;
          }
        }
        c = byCodePoint(a.facts.isEmpty() ? "" : a.facts.get(0), b.facts.isEmpty() ? "" : b.facts.get(0));
        if (c != 0) {
          return c;
        }
        return byCodePoint(a.pack.key() + "/" + a.rule, b.pack.key() + "/" + b.rule);
      };

  /**
   * Strings by Unicode code point (packs-v1 s.10). {@link String#compareTo} compares UTF-16 units,
   * which puts a character beyond U+FFFF (a surrogate pair) before U+E000…U+FFFF.
   */
  static int byCodePoint(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        if (sx != Character.isSurrogate(y)) {
          return sx ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** An outcome before it is turned into the API record. */
  private record Row(
      CompiledPack pack,
      Catalogue.Measure measure,
      LocalDate start,
      LocalDate until,
      List<String> facts,
      boolean verified,
      String rule) {}
}
