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
import dev.creditrules.api.UnmetCode;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    Set<String> marked = prep.disputes().marked();
    Outcomes outcomes = new Outcomes(request.areas(), marked);
    // repair entries by the index of their record in the request: in the contract's order
    int n = request.facts().size();
    Repair[] entries = new Repair[n];
    CompiledPack[] entryPacks = new CompiledPack[n];
    for (SessionResult r : results) {
      hits(request, prep, r, alone, changes, outcomes);
      for (Attributed<RepairHit> a : r.repairs()) {
        RepairHit h = a.value();
        Integer at = prep.order().get(h.fact());
        if (at == null) {
          throw wrongConclusion(
              r.pack(), a.rule(), "RepairHit for " + h.fact() + ", not a fact of the request");
        }
        Repair repair = repair(request.facts().get(at), r, a, prep, alone);
        CompiledPack existing = entryPacks[at];
        if (existing != null) {
          boolean layer = r.pack().manifest().isLayer();
          if (layer == existing.manifest().isLayer()) {
            throw new IllegalStateException(
                "two repair entries for fact "
                    + h.fact()
                    + ": "
                    + entries[at].rule()
                    + " and "
                    + repair.rule());
          }
          if (!layer) {
            continue;
          }
        }
        // a layer's repair entry replaces its base pack's (a province's procedure)
        entries[at] = repair;
        entryPacks[at] = r.pack();
      }
    }
    List<Repair> repairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (entries[i] != null) {
        repairs.add(entries[i]);
        outcomes.packs.add(entryPacks[i]);
      }
    }
    outcomes.finish(prep.order());
    List<OpenDispute> disputes = disputes(prep, results, outcomes.packs);
    return new Decision(
        request.requestId(),
        request.asOf(),
        new SubjectRef(request.subject().id(), request.subject().type()),
        outcomes.packs.refs(),
        outcomes.incentives,
        outcomes.sanctions,
        outcomes.warnings,
        repairs,
        disputes);
  }

  /**
   * The outcomes of one session result's hits: each hit gets its rule, the measure that rule names
   * and that measure's catalogue attributes; a hit citing a repaired record ends the day before the
   * grant; only what is active on asOf and in the request's areas stays.
   */
  private static void hits(
      Request request,
      Preparation prep,
      SessionResult r,
      Map<String, String> alone,
      Changes changes,
      Outcomes outcomes) {
    CompiledPack pack = r.pack();
    Map<String, Grant> grants = prep.grants();
    AsOf asOf = prep.asOf();
    for (Attributed<Hit> a : r.hits()) {
      Hit h = a.value();
      // the measure is the one the inserting rule names: it cannot emit another
      String id = pack.measures().get(a.rule());
      Catalogue.Measure m = id == null ? null : pack.catalogue().measures().get(id);
      if (m == null) {
        throw wrongConclusion(
            pack,
            a.rule(),
            "Hit but "
                + (id == null
                    ? "names no @measure"
                    : "its measure " + id + " is not in the pack's catalogue"));
      }
      LocalDate until = grants.isEmpty() ? h.until() : untilGranted(h, grants);
      if (asOf.isBefore(h.start())) {
        // an outcome of its own that starts later, in the request's areas: the decision shows
        // the change on its first day (not so for a record judged alone, which only gives its
        // repair entry; NextChangeOnTest measures that this stays exact)
        if (alone.isEmpty()
            && !m.merge()
            && (until == null || !until.isBefore(h.start()))
            && (request.areas() == null || touches(m, request.areas()))) {
          changes.visibleOn(h.start());
        }
        continue;
      }
      if (until != null && asOf.isAfter(until)) {
        continue;
      }
      boolean verified = h.verified() && m.verified() && !r.predates(h.facts());
      outcomes.add(pack, m, h.start(), until, h.facts(), verified, pack.ruleId(a.rule()));
    }
  }

  /** The last day of {@code h}: a hit citing a repaired record ends the day before the grant. */
  private static @Nullable LocalDate untilGranted(Hit h, Map<String, Grant> grants) {
    LocalDate until = h.until();
    List<String> facts = h.facts();
    for (int i = 0; i < facts.size(); i++) {
      Grant g = grants.get(facts.get(i));
      if (g != null && !facts.contains(g.grant())) {
        until = earlier(until, g.grantedOn().minusDays(1));
      }
    }
    return until;
  }

  /** True when measure {@code m} touches one of {@code areas}. */
  private static boolean touches(Catalogue.Measure m, Collection<Area> areas) {
    for (int i = 0; i < m.areas().size(); i++) {
      if (areas.contains(m.areas().get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The repair entry of {@code fact} from its rule's hit: the procedure its rule names ({@code
   * @procedure}) gives route and basis; REPAIRED under a grant, EXPIRED when withdrawn.
   */
  private Repair repair(
      Fact fact,
      SessionResult r,
      Attributed<RepairHit> a,
      Preparation prep,
      Map<String, String> alone) {
    CompiledPack pack = r.pack();
    RepairHit h = a.value();
    String procedure = pack.procedures().get(a.rule());
    Catalogue.Procedure p = procedure(pack, procedure, fact);
    if (p == null) {
      throw wrongConclusion(
          pack,
          a.rule(),
          "RepairHit but "
              + (procedure == null
                  ? "names no @procedure"
                  : "no procedure of " + procedure + " in the pack's catalogue is for it"));
    }
    // a type may name the field holding its records' sector (a penalty's own sector)
    String sectorField = model.typeOf(fact).repairSector();
    String ownSector = sectorField == null ? null : fact.text(sectorField);
    String sector = ownSector != null ? ownSector : pack.manifest().sector();
    boolean repaired = prep.grants().containsKey(h.fact());
    String withdrawnBy = alone.get(h.fact());
    boolean settled = repaired || withdrawnBy != null;
    return new Repair(
        h.fact(),
        sector,
        repaired ? RepairStatus.REPAIRED : withdrawnBy != null ? RepairStatus.EXPIRED : h.status(),
        settled ? null : h.earliest(),
        settled ? List.of() : unmet(h),
        p.route(),
        p.basis(),
        // a grant is a fact: REPAIRED rests on it, not on the procedure's sources; so does a
        // withdrawal (an upheld dispute)
        (settled || (h.verified() && p.verified())) && !r.predates(List.of(h.fact())),
        pack.ruleId(a.rule()),
        withdrawnBy == null && prep.disputes().marked().contains(h.fact()) ? Boolean.TRUE : null,
        withdrawnBy);
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
   * the versions behind them are added to {@code used}.
   */
  private @Nullable List<OpenDispute> disputes(
      Preparation prep, List<SessionResult> results, Packs used) {
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
            throw wrongConclusion(
                pack,
                a.rule(),
                "DisputeAnswer but "
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
          used.add(pack);
        }
      }
    }
    return out;
  }

  /** A rule's conclusion the decision cannot take: {@code rule pack@version/name inserted a …}. */
  private static IllegalStateException wrongConclusion(
      CompiledPack pack, String rule, String what) {
    return new IllegalStateException("rule " + pack.key() + "/" + rule + " inserted a " + what);
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

  private static LocalDate earlier(@Nullable LocalDate until, LocalDate cap) {
    return until == null || cap.isBefore(until) ? cap : until;
  }

  /** Sector, measure, from, until (open last), first fact, then rule id: the contract's order. */
  private static final Comparator<Outcome> OUTCOME_ORDER =
      (a, b) -> {
        int c = byCodePoint(a.sector(), b.sector());
        if (c != 0) {
          return c;
        }
        c = byCodePoint(a.measure(), b.measure());
        if (c != 0) {
          return c;
        }
        c = a.from().compareTo(b.from());
        if (c != 0) {
          return c;
        }
        LocalDate au = a.until();
        LocalDate bu = b.until();
        if (au != bu) {
          if (au == null) {
            return 1;
          }
          if (bu == null) {
            return -1;
          }
          c = au.compareTo(bu);
          if (c != 0) {
            return c;
          }
        }
        c =
            byCodePoint(
                a.facts().isEmpty() ? "" : a.facts().get(0),
                b.facts().isEmpty() ? "" : b.facts().get(0));
        if (c != 0) {
          return c;
        }
        return byCodePoint(a.rule(), b.rule());
      };

  /**
   * The outcomes of merge measures by pack version and measure (each group together), and within a
   * group in the contract's order.
   */
  private static final Comparator<Merging> MERGE_ORDER =
      (a, b) -> {
        int c = byCodePoint(a.outcome.sector(), b.outcome.sector());
        if (c == 0) {
          c = byCodePoint(a.outcome.measure(), b.outcome.measure());
        }
        if (c == 0) {
          c = a.pack.key().compareTo(b.pack.key());
        }
        return c != 0 ? c : OUTCOME_ORDER.compare(a.outcome, b.outcome);
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
    List<UnmetCode> codes = h.unmet();
    Unmet[] out = new Unmet[codes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Unmet.of(codes.get(i));
    }
    return List.of(out);
  }

  /**
   * The outcomes of a decision as the hits are read (only those in the request's areas), then
   * merged and sorted by {@link #finish}; and the pack versions behind them.
   */
  private static final class Outcomes {
    final @Nullable List<Area> areas;
    final Set<String> marked;
    final List<Outcome> incentives = new ArrayList<>();
    final List<Outcome> sanctions = new ArrayList<>();
    final List<Outcome> warnings = new ArrayList<>();

    /** The outcomes of merge measures, each with its pack version, until {@link #finish}. */
    final List<Merging> merging = new ArrayList<>();

    final Packs packs = new Packs();

    Outcomes(@Nullable List<Area> areas, Set<String> marked) {
      this.areas = areas;
      this.marked = marked;
    }

    void add(
        CompiledPack pack,
        Catalogue.Measure m,
        LocalDate from,
        @Nullable LocalDate until,
        List<String> facts,
        boolean verified,
        String rule) {
      if (areas != null && !touches(m, areas)) {
        return;
      }
      Outcome o =
          new Outcome(
              m.id(),
              m.name(),
              pack.manifest().sector(),
              m.group(),
              m.areas(),
              from,
              until,
              m.basis(),
              verified,
              rule,
              facts,
              disputed(facts, marked));
      packs.add(pack);
      if (m.merge()) {
        merging.add(new Merging(pack, o));
      } else {
        of(m.group()).add(o);
      }
    }

    private List<Outcome> of(MeasureGroup g) {
      return g == MeasureGroup.INCENTIVE
          ? incentives
          : g == MeasureGroup.WARNING ? warnings : sanctions;
    }

    /**
     * Merges the outcomes of merge measures, one per pack version and measure (packs-v1 s.3): from
     * the first day of any, until the last (open when one is), verified when all are, citing every
     * fact once in request order; then sorts each list in the contract's order.
     */
    void finish(Map<String, Integer> order) {
      merging.sort(MERGE_ORDER);
      for (int i = 0, end; i < merging.size(); i = end) {
        Merging first = merging.get(i);
        end = i + 1;
        while (end < merging.size()
            && merging.get(end).pack == first.pack
            && merging.get(end).outcome.measure().equals(first.outcome.measure())) {
          end++;
        }
        Outcome o = first.outcome;
        if (end - i > 1 || o.facts().size() > 1) {
          o = merged(merging.subList(i, end), order);
        }
        of(o.group()).add(o);
      }
      incentives.sort(OUTCOME_ORDER);
      sanctions.sort(OUTCOME_ORDER);
      warnings.sort(OUTCOME_ORDER);
    }

    /** One outcome of {@code group} (one pack version and measure, in the contract's order). */
    private Outcome merged(List<Merging> group, Map<String, Integer> order) {
      Outcome first = group.get(0).outcome;
      LocalDate until = first.until();
      boolean open = false;
      boolean verified = true;
      List<String> facts = new ArrayList<>();
      for (Merging m : group) {
        Outcome o = m.outcome;
        if (o.until() == null) {
          open = true;
        } else if (until == null || o.until().isAfter(until)) {
          until = o.until();
        }
        verified &= o.verified();
        for (String f : o.facts()) {
          if (!facts.contains(f)) {
            facts.add(f);
          }
        }
      }
      facts.sort(Comparator.comparing(f -> order.getOrDefault(f, Integer.MAX_VALUE)));
      // the group is sorted: the first starts first
      return new Outcome(
          first.measure(),
          first.name(),
          first.sector(),
          first.group(),
          first.areas(),
          first.from(),
          open ? null : until,
          first.basis(),
          verified,
          first.rule(),
          facts,
          disputed(facts, marked));
    }
  }

  /** An outcome of a merge measure and the pack version of its hit, before merging. */
  private record Merging(CompiledPack pack, Outcome outcome) {}

  /** The pack versions behind a decision, each once. */
  private static final class Packs {
    // a few versions: a list is cheaper than a map. A compilation is one object (CompiledPack)
    private final List<CompiledPack> packs = new ArrayList<>();

    void add(CompiledPack pack) {
      for (int i = 0; i < packs.size(); i++) {
        if (packs.get(i) == pack) {
          return;
        }
      }
      packs.add(pack);
    }

    /** Their references in the contract's order. */
    List<PackRef> refs() {
      List<PackRef> refs = new ArrayList<>(packs.size());
      for (CompiledPack p : packs) {
        refs.add(p.ref());
      }
      refs.sort(PACK_ORDER);
      return refs;
    }
  }
}
