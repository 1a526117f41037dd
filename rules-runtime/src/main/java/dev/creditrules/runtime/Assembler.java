package dev.creditrules.runtime;

import dev.creditrules.api.Area;
import dev.creditrules.api.Decision;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectRef;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.DisputeRole;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.AsOf;
import dev.creditrules.pack.Changes;
import dev.creditrules.pack.DisputeAnswer;
import dev.creditrules.pack.Grant;
import dev.creditrules.pack.Hit;
import dev.creditrules.pack.RepairHit;
import dev.creditrules.runtime.SessionResult.Attributed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The last step of a decision: the sessions' conclusions become the contract's decision. Each hit
 * gets its rule, the measure that rule names ({@code @measure}) and that measure's catalogue
 * attributes; each repair entry the procedure its rule names ({@code @procedure}); hits citing a
 * repaired record end the day before the grant; only what is active on {@code asOf} stays; merge
 * measures become one outcome; the request's areas filter; everything is sorted as the contract
 * says. Repairs get route and basis from the catalogue and become REPAIRED under a grant.
 */
final class Assembler {
  private final FactModel model;

  Assembler(FactModel model) {
    this.model = model;
  }

  /**
   * The decision of {@code request} from the sessions' results. {@code alone} maps a withdrawn
   * record judged alone to its withdrawing dispute: its entry becomes EXPIRED (REPAIRED under a
   * grant) with {@code withdrawnBy} (commitments-objections.md B3).
   */
  Decision assemble(
      Request request,
      Preparation prep,
      List<SessionResult> results,
      Map<String, String> alone,
      Changes changes) {
    Map<String, Integer> order = prep.order();
    Map<String, Grant> grants = prep.grants();
    Set<String> marked = prep.disputes().marked();
    AsOf asOf = prep.asOf();
    List<Row> rows = new ArrayList<>();
    Map<String, Repair> repairs = new HashMap<>();
    Map<String, CompiledPack> repairPacks = new HashMap<>();
    Set<String> fromLayer = new HashSet<>();
    Map<String, Fact> factsById = null;
    for (SessionResult r : results) {
      CompiledPack pack = r.pack();
      for (Attributed<Hit> a : r.hits()) {
        Hit h = a.value();
        // the measure is the one the inserting rule names: it cannot emit another
        String id = pack.measures().get(a.rule());
        Catalogue.Measure m = id == null ? null : pack.catalogue().measures().get(id);
        if (m == null) {
          throw new IllegalStateException(
              "rule "
                  + pack.key()
                  + "/"
                  + a.rule()
                  + " inserted a Hit but "
                  + (id == null
                      ? "names no @measure"
                      : "its measure " + id + " is not in the pack's catalogue"));
        }
        LocalDate until = h.until();
        for (String f : h.facts()) {
          Grant g = grants.get(f);
          if (g != null && !h.facts().contains(g.grant())) {
            until = earlier(until, g.grantedOn().minusDays(1));
          }
        }
        if (asOf.isBefore(h.start())) {
          // an outcome of its own that starts later, in the request's areas: the decision shows
          // the change on its first day (not so for a record judged alone, which only gives its
          // repair entry; NextChangeOnTest measures that this stays exact)
          if (alone.isEmpty()
              && !m.merge()
              && (until == null || !until.isBefore(h.start()))
              && (request.areas() == null
                  || m.areas().stream().anyMatch(request.areas()::contains))) {
            changes.visibleOn(h.start());
          }
          continue;
        }
        if (until != null && asOf.isAfter(until)) {
          continue;
        }
        boolean verified = h.verified() && m.verified() && !r.predates(h.facts());
        rows.add(new Row(pack, m, h.start(), until, h.facts(), verified, pack.ruleId(a.rule())));
      }
      for (Attributed<RepairHit> a : r.repairs()) {
        RepairHit h = a.value();
        if (factsById == null) {
          factsById = new HashMap<>();
          for (Fact f : request.facts()) {
            factsById.put(f.id(), f);
          }
        }
        Fact fact = factsById.get(h.fact());
        String procedure = pack.procedures().get(a.rule());
        Catalogue.Procedure p = procedure(pack, procedure, fact);
        if (p == null) {
          throw new IllegalStateException(
              "rule "
                  + pack.key()
                  + "/"
                  + a.rule()
                  + " inserted a RepairHit but "
                  + (procedure == null
                      ? "names no @procedure"
                      : "no procedure of " + procedure + " in the pack's catalogue is for it"));
        }
        // a type may name the field holding its records' sector (a penalty's own sector)
        String sector = pack.manifest().sector();
        String sectorField = fact == null ? null : model.typeOf(fact).repairSector();
        String ownSector = sectorField == null || fact == null ? null : fact.text(sectorField);
        if (ownSector != null) {
          sector = ownSector;
        }
        boolean repaired = grants.containsKey(h.fact());
        String withdrawnBy = alone.get(h.fact());
        boolean settled = repaired || withdrawnBy != null;
        Repair repair =
            new Repair(
                h.fact(),
                sector,
                repaired
                    ? RepairStatus.REPAIRED
                    : withdrawnBy != null ? RepairStatus.EXPIRED : h.status(),
                settled ? null : h.earliest(),
                settled ? List.of() : unmet(h),
                p.route(),
                p.basis(),
                // a grant is a fact: REPAIRED rests on it, not on the procedure's sources; so
                // does a withdrawal (an upheld dispute)
                (settled || (h.verified() && p.verified())) && !r.predates(List.of(h.fact())),
                pack.ruleId(a.rule()),
                withdrawnBy == null && marked.contains(h.fact()) ? Boolean.TRUE : null,
                withdrawnBy);
        boolean layer = pack.manifest().isLayer();
        Repair existing = repairs.get(h.fact());
        if (existing != null) {
          boolean existingLayer = fromLayer.contains(h.fact());
          if (layer == existingLayer) {
            throw new IllegalStateException(
                "two repair entries for fact "
                    + h.fact()
                    + ": "
                    + existing.rule()
                    + " and "
                    + repair.rule());
          }
          if (existingLayer) {
            continue;
          }
        }
        // a layer's repair entry replaces its base pack's (a province's procedure)
        repairs.put(h.fact(), repair);
        repairPacks.put(h.fact(), pack);
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
              row.rule,
              row.facts,
              disputed(row.facts, marked));
      MeasureGroup g = row.measure.group();
      (g == MeasureGroup.INCENTIVE ? incentives : g == MeasureGroup.WARNING ? warnings : sanctions)
          .add(o);
      used.put(row.pack.key(), row.pack.ref());
    }
    List<Repair> repairList = new ArrayList<>(repairs.values());
    repairList.sort(Comparator.comparing(rep -> order.getOrDefault(rep.fact(), Integer.MAX_VALUE)));
    repairPacks.values().forEach(p -> used.put(p.key(), p.ref()));
    List<PackRef> packRefs = new ArrayList<>(used.values());
    packRefs.sort(PACK_ORDER);
    return new Decision(
        request.requestId(),
        request.asOf(),
        new SubjectRef(request.subject().id(), request.subject().type()),
        packRefs,
        incentives,
        sanctions,
        warnings,
        repairList,
        disputes(prep, results, used, packRefs));
  }

  /**
   * The procedure of a repair entry: the one its rule names, or of several the first whose
   * catalogue {@code when} matches the record's fields; null when none.
   */
  private Catalogue.@Nullable Procedure procedure(
      CompiledPack pack, @Nullable String named, @Nullable Fact fact) {
    if (named == null) {
      return null;
    }
    if (named.indexOf(',') < 0) {
      return pack.catalogue().procedures().get(named);
    }
    if (fact == null) {
      return null;
    }
    var values = model.typeOf(fact).values(fact, null);
    for (String id : Catalogue.idsNamed(named)) {
      Catalogue.Procedure p = pack.catalogue().procedures().get(id);
      if (p != null && p.matches(values::value)) {
        return p;
      }
    }
    return null;
  }

  /** True when one of {@code facts} is marked disputed; otherwise null (the key is absent). */
  private static @Nullable Boolean disputed(List<String> facts, Set<String> marked) {
    if (!marked.isEmpty()) {
      for (String f : facts) {
        if (marked.contains(f)) {
          return Boolean.TRUE;
        }
      }
    }
    return null;
  }

  /**
   * The disputes pending on asOf, in request order, each with the answer its pack concluded (B4);
   * the versions behind them are added to {@code packRefs}.
   */
  private @Nullable List<OpenDispute> disputes(
      Preparation prep,
      List<SessionResult> results,
      Map<String, PackRef> used,
      List<PackRef> packRefs) {
    List<Fact> pending = prep.disputes().pending();
    if (pending.isEmpty()) {
      return null;
    }
    AsOf asOf = prep.asOf();
    List<OpenDispute> out = new ArrayList<>();
    for (Fact d : pending) {
      for (SessionResult r : results) {
        CompiledPack pack = r.pack();
        for (Attributed<DisputeAnswer> a : r.answers()) {
          if (!a.value().fact().equals(d.id())) {
            continue;
          }
          String procedure = pack.procedures().get(a.rule());
          Catalogue.Procedure p =
              procedure == null ? null : pack.catalogue().procedures().get(procedure);
          if (p == null) {
            throw new IllegalStateException(
                "rule "
                    + pack.key()
                    + "/"
                    + a.rule()
                    + " inserted a DisputeAnswer but "
                    + (procedure == null
                        ? "names no @procedure"
                        : "its procedure " + procedure + " is not in the pack's catalogue"));
          }
          // d is pending, so its type has a dispute role (Disputes.of)
          DisputeRole role = Objects.requireNonNull(model.typeOf(d).dispute(), d.type());
          LocalDate due = a.value().answerDue();
          out.add(
              new OpenDispute(
                  d.id(),
                  FactFields.given(d.text(role.target()), d, role.target()),
                  FactFields.given(d.text(role.channel()), d, role.channel()),
                  FactFields.given(d.date(role.raisedOn()), d, role.raisedOn()),
                  due,
                  due != null && asOf.isAfter(due),
                  p.basis(),
                  a.value().verified() && p.verified() && !r.predates(List.of(d.id())),
                  pack.ruleId(a.rule())));
          if (!used.containsKey(pack.key())) {
            used.put(pack.key(), pack.ref());
            packRefs.add(pack.ref());
            packRefs.sort(PACK_ORDER);
          }
        }
      }
    }
    return out;
  }

  /** The contract's order of {@code packs}: by id, then version. */
  private static final Comparator<PackRef> PACK_ORDER =
      Comparator.comparing(PackRef::id, Assembler::byCodePoint)
          .thenComparing(PackRef::version, Assembler::byCodePoint);

  /**
   * {@code decision} with the entries of withdrawn records, each judged alone, and the versions
   * behind them.
   */
  Decision withEntries(
      Decision decision, List<Repair> entries, List<PackRef> refs, Map<String, Integer> order) {
    List<Repair> repairs = new ArrayList<>(decision.repairs());
    repairs.addAll(entries);
    repairs.sort(Comparator.comparing(rep -> order.getOrDefault(rep.fact(), Integer.MAX_VALUE)));
    List<PackRef> packs = new ArrayList<>(decision.packs());
    for (PackRef ref : refs) {
      if (!packs.contains(ref)) {
        packs.add(ref);
      }
    }
    packs.sort(PACK_ORDER);
    return new Decision(
        decision.requestId(),
        decision.asOf(),
        decision.subject(),
        packs,
        decision.incentives(),
        decision.sanctions(),
        decision.warnings(),
        repairs,
        decision.disputes());
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
          new Row(
              first.pack, first.measure, start, open ? null : until, sorted, verified, first.rule));
    }
    return out;
  }

  /** Merged hits: one per pack version and measure. */
  private record MergeKey(CompiledPack pack, String measure) {}

  private static LocalDate earlier(@Nullable LocalDate until, LocalDate cap) {
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
        c =
            byCodePoint(
                a.facts.isEmpty() ? "" : a.facts.get(0), b.facts.isEmpty() ? "" : b.facts.get(0));
        if (c != 0) {
          return c;
        }
        return byCodePoint(a.rule, b.rule);
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

  /** The unmet conditions of a repair, as the contract writes them. */
  private static List<Unmet> unmet(RepairHit h) {
    List<Unmet> out = new ArrayList<>(h.unmet().size());
    for (var code : h.unmet()) {
      out.add(Unmet.of(code));
    }
    return out;
  }

  /**
   * An outcome before it is turned into the API record ({@code rule}: its id, pack@version/name).
   */
  private record Row(
      CompiledPack pack,
      Catalogue.Measure measure,
      LocalDate start,
      @Nullable LocalDate until,
      List<String> facts,
      boolean verified,
      String rule) {}
}
