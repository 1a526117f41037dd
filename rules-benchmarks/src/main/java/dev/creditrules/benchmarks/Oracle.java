package dev.creditrules.benchmarks;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectIds;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.api.fact.Fact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written, plain-Java evaluator of packs-v1 s.0, s.1, s.3 and s.4: the {@code tax} pack
 * (both versions), {@code tax-serious} and {@code joint}. It is the baseline of the benchmarks and
 * the reference of the randomized equivalence test; the library never uses it.
 *
 * <p>It decides requests whose facts are tax grades, tax serious listings, judgment defaulters,
 * administrative penalties (which count only as GEN-I-01 bad records and as new tax violations: the
 * {@code general} pack's own outcomes are not computed), commitments and repair grants, and returns
 * the outcomes of measures {@code TAX-*}, GEN-S-01…04, GEN-S-06 and GEN-I-01 and the repair entries
 * of grades, tax listings and judgment defaulters, as tuples without the catalogue texts. {@link
 * #project} cuts an engine decision down to the same tuples.
 *
 * <p>Being a second, independent reading of packs-v1, it names the fact types and fields it reads
 * (as packs-v1 s.0 and the {@code types.yaml} of those packs do) and reads the generic facts by
 * field name; it takes nothing from the fact model, the defaults of {@code termYears} (2) and
 * {@code priorListingsIn5Years} (0) included.
 */
public final class Oracle {
  private Oracle() {}

  /** Which list of the decision an outcome is in. */
  public enum Kind {
    INCENTIVES,
    SANCTIONS,
    WARNINGS
  }

  /** An outcome reduced to what the packs decide; {@code pack} is {@code id@version}. */
  public record Out(
      Kind list,
      String measure,
      LocalDate from,
      LocalDate until,
      List<String> facts,
      boolean verified,
      String pack) {}

  /** A repair entry reduced to what the packs decide. */
  public record Rep(
      String fact,
      String sector,
      RepairStatus status,
      LocalDate earliest,
      List<UnmetCode> unmet,
      boolean verified,
      String pack) {}

  /** What the oracle decides, in decision order. */
  public record Result(List<Out> outcomes, List<Rep> repairs) {}

  static final String TAX_2014 = "tax@2014.10";
  static final String TAX_2025 = "tax@2025.07";
  static final String SERIOUS = "tax-serious@2022.02";
  static final String JOINT = "joint@2016.05";
  private static final LocalDate TAX_FIRST = LocalDate.of(2014, 10, 1);
  private static final LocalDate TAX_SECOND = LocalDate.of(2025, 7, 1);
  private static final LocalDate SERIOUS_FIRST = LocalDate.of(2022, 2, 1);
  private static final LocalDate JOINT_FIRST = LocalDate.of(2016, 5, 1);
  private static final String[] JOINT_MEASURES = {"GEN-S-01", "GEN-S-02", "GEN-S-03", "GEN-S-04"};

  /** Catalogue entries with verified=false ([M] measures, GEN-S-06); every other is true. */
  private static final Set<String> UNVERIFIED =
      Set.of(
          "TAX-I-08",
          "TAX-I-09",
          "TAX-S-12",
          "GEN-S-06",
          // issue 11 corrections (packs-v1 s.3, s.4): the [M] incentive list behind GEN-I-01, the
          // [M] three-year term TAX-L-05 of the serious list, the [M] content of TAX-I-05
          "GEN-I-01",
          "TAX-S-09",
          "TAX-S-10",
          "TAX-I-05");

  /** The measures and repaired fact types the oracle covers. */
  static boolean covers(String measure) {
    return measure.startsWith("TAX-")
        || measure.equals("GEN-I-01")
        || measure.equals("GEN-S-06")
        || (measure.startsWith("GEN-S-0") && measure.compareTo("GEN-S-04") <= 0);
  }

  static boolean coversRepairOf(String type) {
    return TAX_GRADE.equals(type)
        || TAX_SERIOUS_LISTING.equals(type)
        || JUDGMENT_DEFAULTER.equals(type);
  }

  // ---- the fact types and fields read (packs-v1 s.0; general, tax, tax-serious, joint types.yaml)

  static final String ADMIN_PENALTY = "ADMIN_PENALTY";
  static final String CREDIT_COMMITMENT = "CREDIT_COMMITMENT";
  static final String REPAIR_GRANTED = "REPAIR_GRANTED";
  static final String TAX_GRADE = "TAX_GRADE";
  static final String TAX_SERIOUS_LISTING = "TAX_SERIOUS_LISTING";
  static final String JUDGMENT_DEFAULTER = "JUDGMENT_DEFAULTER";

  /** A grade's year. */
  private static int year(Fact grade) {
    return grade.integer("year");
  }

  /** A grade's level. */
  private static String grade(Fact grade) {
    return grade.text("grade");
  }

  /** A grade's or a listing's publication. */
  private static LocalDate publishedOn(Fact f) {
    return f.date("publishedOn");
  }

  /** A direct D (TAX-G-07): a D with a directReason. */
  private static boolean isDirectD(Fact grade) {
    return "D".equals(grade(grade)) && grade.integer("directReason") != null;
  }

  /** A defaulter's listing term in years (2 when not given). */
  private static int termYears(Fact defaulter) {
    Integer years = defaulter.integer("termYears");
    return years == null ? 2 : years;
  }

  /** A listing's earlier listings in five years (0 when not given). */
  private static int priorListings(Fact listing) {
    Integer prior = listing.integer("priorListingsIn5Years");
    return prior == null ? 0 : prior;
  }

  /**
   * The fact's own date (packs-v1 s.0, s.10): a grade's is the last day of its year; the others' is
   * the day they were decided, served, listed, made or granted; null for another type.
   */
  private static LocalDate ownDate(Fact f) {
    return switch (f.type()) {
      case TAX_GRADE -> LocalDate.of(year(f), 12, 31);
      case TAX_SERIOUS_LISTING -> f.date("servedOn");
      case JUDGMENT_DEFAULTER -> f.date("listedOn");
      case ADMIN_PENALTY -> f.date("decidedOn");
      case CREDIT_COMMITMENT -> f.date("madeOn");
      case REPAIR_GRANTED -> f.date("grantedOn");
      default -> null; // a type the oracle does not judge
    };
  }

  private record Grant(String id, LocalDate grantedOn, String newGrade) {}

  private record Span(String fact, LocalDate start, LocalDate until, boolean verified) {}

  /** A hit before the runtime's cut, asOf filter and merge. */
  private record Row(
      String sector,
      String measure,
      LocalDate start,
      LocalDate until,
      List<String> facts,
      boolean verified,
      String pack) {}

  /** One evaluation's working state. */
  private static final class Run {
    final Request request;
    final LocalDate asOf;
    final Map<String, Integer> order = new HashMap<>();
    final Map<String, Grant> grants = new HashMap<>();
    final List<Fact> grades = new ArrayList<>();
    final List<Fact> listings = new ArrayList<>();
    final List<Fact> defaulters = new ArrayList<>();
    final List<Fact> penalties = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final List<Row> merged = new ArrayList<>();
    final Map<String, Rep> repairs = new HashMap<>();
    final List<Span> serious = new ArrayList<>();
    final List<Span> bad = new ArrayList<>();

    Run(Request request) {
      this.request = request;
      this.asOf = request.asOf();
    }

    /** Adds a hit as the runtime keeps it: cut by grants, only when active on asOf. */
    void hit(
        String sector,
        String measure,
        LocalDate start,
        LocalDate until,
        List<String> facts,
        boolean predates,
        String pack) {
      for (String f : facts) {
        Grant g = grants.get(f);
        if (g != null && !facts.contains(g.id())) {
          LocalDate cap = g.grantedOn().minusDays(1);
          if (until == null || cap.isBefore(until)) {
            until = cap;
          }
        }
      }
      if (start.isAfter(asOf) || (until != null && until.isBefore(asOf))) {
        return;
      }
      rows.add(
          new Row(
              sector,
              measure,
              start,
              until,
              facts,
              !UNVERIFIED.contains(measure) && !predates,
              pack));
    }

    void repair(
        String fact,
        String sector,
        RepairStatus status,
        LocalDate earliest,
        List<UnmetCode> unmet,
        boolean verified,
        boolean predates,
        String pack) {
      Rep r =
          grants.containsKey(fact)
              ? new Rep(fact, sector, RepairStatus.REPAIRED, null, List.of(), !predates, pack)
              : new Rep(fact, sector, status, earliest, unmet, verified && !predates, pack);
      repairs.put(fact, r);
    }
  }

  /** Decides {@code request} (valid, facts of the oracle's types only). */
  public static Result decide(Request request) {
    Run run = new Run(request);
    LocalDate asOf = run.asOf;
    for (Fact f : request.facts()) {
      run.order.put(f.id(), run.order.size());
      // dated after asOf by the date that picks its version (a grade: its year, s.10)
      LocalDate own = ownDate(f);
      if (own == null || own.isAfter(asOf)) {
        continue;
      }
      switch (f.type()) {
        case TAX_GRADE -> run.grades.add(f);
        case TAX_SERIOUS_LISTING -> run.listings.add(f);
        case JUDGMENT_DEFAULTER -> run.defaulters.add(f);
        case ADMIN_PENALTY -> run.penalties.add(f);
        case REPAIR_GRANTED -> {
          LocalDate revokedOn = f.date("revokedOn");
          if (revokedOn == null || revokedOn.isAfter(asOf)) {
            String target = f.text("target");
            LocalDate grantedOn = f.date("grantedOn");
            Grant existing = run.grants.get(target);
            if (existing == null || grantedOn.isBefore(existing.grantedOn())) {
              run.grants.put(target, new Grant(f.id(), grantedOn, f.text("newGrade")));
            }
          }
        }
        default -> {}
      }
    }
    tax(run);
    taxSerious(run);
    joint(run);
    return result(run);
  }

  // ---- tax (packs-v1 s.4) ----

  private static String taxPack(int year) {
    // a grade's version date is 31 December of its year
    return year >= TAX_SECOND.getYear() ? TAX_2025 : TAX_2014;
  }

  /** The fact predates the tax pack: judged by 2014.10 with verified false. */
  private static boolean gradePredates(int year) {
    return LocalDate.of(year, 12, 31).isBefore(TAX_FIRST);
  }

  private static void tax(Run run) {
    LocalDate asOf = run.asOf;
    String current = asOf.isBefore(TAX_SECOND) ? TAX_2014 : TAX_2025;
    boolean asOfPredates = asOf.isBefore(TAX_FIRST);
    for (Fact g : run.grades) {
      String pack = taxPack(year(g));
      boolean sessionPredates = pack.equals(current) && asOfPredates;
      boolean predates = sessionPredates || gradePredates(year(g));
      // in force: publishedOn … min(L(publishedOn, 12), day before the next later-year grade
      // published on or before asOf)
      Fact next = null;
      for (Fact o : run.grades) {
        if (year(o) > year(g)
            && !publishedOn(o).isAfter(asOf)
            && (next == null || year(o) < year(next))) {
          next = o;
        }
      }
      LocalDate until = publishedOn(g).plusMonths(12);
      if (next != null && publishedOn(next).minusDays(1).isBefore(until)) {
        until = publishedOn(next).minusDays(1);
      }
      gradeMeasures(
          run, g, grade(g), publishedOn(g), until, List.of(g.id()), pack, sessionPredates);
      Grant grant = run.grants.get(g.id());
      if (grant != null && grant.newGrade() != null && !grant.grantedOn().isAfter(until)) {
        gradeMeasures(
            run,
            g,
            grant.newGrade(),
            grant.grantedOn(),
            until,
            List.of(g.id(), grant.id()),
            pack,
            sessionPredates);
        if (grant.newGrade().equals("C") || grant.newGrade().equals("D")) {
          // a new grade that is itself bad is a bad record for GEN-I-01 from grantedOn to the end
          // of the original in-force period (packs-v1 s.0, s.3): only the replaced grade stops
          run.bad.add(new Span(grant.id(), grant.grantedOn(), until, true));
        }
      }
      boolean direct = isDirectD(g);
      if (direct) {
        int reason = g.integer("directReason");
        if (reason != 10 && reason != 11) {
          run.hit(
              "tax",
              "TAX-S-07",
              publishedOn(g),
              LocalDate.of(year(g) + 2, 12, 31),
              List.of(g.id()),
              predates,
              pack);
        }
      }
      if (!grade(g).equals("C") && !grade(g).equals("D")) {
        continue;
      }
      if (!run.grants.containsKey(g.id())) {
        run.bad.add(new Span(g.id(), publishedOn(g), until, true));
      }
      if (direct) {
        directDRepair(run, g, until, predates, pack);
      } else if (asOf.isAfter(until)) {
        run.repair(g.id(), "tax", RepairStatus.EXPIRED, null, List.of(), true, predates, pack);
      } else {
        run.repair(
            g.id(),
            "tax",
            RepairStatus.NEVER,
            null,
            List.of(UnmetCode.NO_PROCEDURE),
            true,
            predates,
            pack);
      }
    }
  }

  private static void gradeMeasures(
      Run run,
      Fact g,
      String grade,
      LocalDate start,
      LocalDate until,
      List<String> facts,
      String pack,
      boolean sessionPredates) {
    boolean predates = sessionPredates || gradePredates(year(g));
    switch (grade) {
      case "A" -> {
        run.hit("tax", "TAX-I-01", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-02", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-03", start, until, facts, predates, pack);
        Fact y1 = gradeOfYear(run, year(g) - 1);
        Fact y2 = gradeOfYear(run, year(g) - 2);
        if (y1 != null && y2 != null && grade(y1).equals("A") && grade(y2).equals("A")) {
          // a cited grade that predates counts only when this version judged it (same session)
          boolean p =
              predates
                  || (gradePredates(year(y1)) && taxPack(year(y1)).equals(pack))
                  || (gradePredates(year(y2)) && taxPack(year(y2)).equals(pack));
          run.hit("tax", "TAX-I-04", start, until, List.of(y2.id(), y1.id(), g.id()), p, pack);
        }
        run.hit("tax", "TAX-I-05", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-08", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-09", start, until, facts, predates, pack);
      }
      case "B" -> {
        run.hit("tax", "TAX-I-07", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-08", start, until, facts, predates, pack);
        run.hit("tax", "TAX-I-09", start, until, facts, predates, pack);
      }
      case "M" -> run.hit("tax", "TAX-I-08", start, until, facts, predates, pack);
      case "C" -> {
        run.hit("tax", "TAX-S-08", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-12", start, until, facts, predates, pack);
      }
      case "D" -> {
        run.hit("tax", "TAX-S-01", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-02", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-03", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-04", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-05", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-06", start, until, facts, predates, pack);
        run.hit("tax", "TAX-S-12", start, until, facts, predates, pack);
      }
      default -> throw new IllegalArgumentException("tax grade " + grade);
    }
  }

  private static Fact gradeOfYear(Run run, int year) {
    for (Fact g : run.grades) {
      if (year(g) == year) {
        return g;
      }
    }
    return null;
  }

  private static void directDRepair(
      Run run, Fact g, LocalDate until, boolean predates, String pack) {
    LocalDate asOf = run.asOf;
    if (asOf.isAfter(until)) {
      int reason = g.integer("directReason");
      boolean retained = reason != 10 && reason != 11;
      if (retained && !asOf.isAfter(LocalDate.of(year(g) + 2, 12, 31))) {
        run.repair(
            g.id(),
            "tax",
            RepairStatus.NEVER,
            null,
            List.of(UnmetCode.WINDOW_CLOSED),
            false,
            predates,
            pack);
      } else {
        run.repair(g.id(), "tax", RepairStatus.EXPIRED, null, List.of(), false, predates, pack);
      }
      return;
    }
    LocalDate latest = null;
    for (Fact p : run.penalties) {
      LocalDate decidedOn = p.date("decidedOn");
      if ("tax".equals(p.text("sector"))
          && !"MINOR".equals(p.text("severity"))
          && !asOf.isBefore(decidedOn)
          && !asOf.isAfter(decidedOn.plusMonths(12))
          && (latest == null || decidedOn.isAfter(latest))) {
        latest = decidedOn;
      }
    }
    List<UnmetCode> unmet = new ArrayList<>(2);
    if (latest != null) {
      unmet.add(UnmetCode.NEW_VIOLATION);
    }
    LocalDate corrected = g.date("correctedOn");
    if (corrected == null || corrected.isAfter(asOf)) {
      unmet.add(UnmetCode.CORRECTION_MISSING);
    }
    LocalDate earliest = corrected;
    if (corrected != null && latest != null) {
      LocalDate clean = latest.plusMonths(12).plusDays(1);
      earliest = clean.isAfter(corrected) ? clean : corrected;
    }
    run.repair(
        g.id(),
        "tax",
        unmet.isEmpty() ? RepairStatus.ELIGIBLE : RepairStatus.NOT_YET,
        earliest,
        unmet,
        false,
        predates,
        pack);
  }

  // ---- tax serious list (packs-v1 s.4) ----

  private static void taxSerious(Run run) {
    LocalDate asOf = run.asOf;
    boolean organisation = run.request.subject().type() != SubjectType.NATURAL_PERSON;
    for (Fact l : run.listings) {
      boolean predates = asOf.isBefore(SERIOUS_FIRST) || l.date("servedOn").isBefore(SERIOUS_FIRST);
      LocalDate published = publishedOn(l);
      LocalDate end = published.plusMonths(36);
      List<String> facts = List.of(l.id());
      if (organisation) {
        run.hit("tax", "TAX-S-09", published, end, facts, predates, SERIOUS);
      }
      run.hit("tax", "TAX-S-10", published, end, facts, predates, SERIOUS);
      if (!run.grants.containsKey(l.id())) {
        // unverified: the three-year term TAX-L-05 is [M], so are the joint outcomes it feeds
        run.serious.add(new Span(l.id(), published, end, false));
        run.bad.add(new Span(l.id(), published, end, true));
      }
      // early stop TAX-R-13: EXPIRED > NEVER > NOT_YET > ELIGIBLE
      if (asOf.isAfter(end)) {
        run.repair(l.id(), "tax", RepairStatus.EXPIRED, null, List.of(), false, predates, SERIOUS);
      } else if (priorListings(l) >= 1) {
        run.repair(
            l.id(),
            "tax",
            RepairStatus.NEVER,
            null,
            List.of(UnmetCode.NOT_REPAIRABLE),
            false,
            predates,
            SERIOUS);
      } else {
        LocalDate minOver = published.plusMonths(6).plusDays(1);
        List<UnmetCode> unmet = new ArrayList<>(2);
        if (asOf.isBefore(minOver)) {
          unmet.add(UnmetCode.MIN_PERIOD);
        }
        LocalDate paid = l.date("paidInFullOn");
        if (paid == null || paid.isAfter(asOf)) {
          unmet.add(UnmetCode.OBLIGATIONS_UNFULFILLED);
        }
        LocalDate earliest = paid == null ? null : paid.isAfter(minOver) ? paid : minOver;
        run.repair(
            l.id(),
            "tax",
            unmet.isEmpty() ? RepairStatus.ELIGIBLE : RepairStatus.NOT_YET,
            earliest,
            unmet,
            false,
            predates,
            SERIOUS);
      }
    }
  }

  // ---- joint (packs-v1 s.3) ----

  private static void joint(Run run) {
    LocalDate asOf = run.asOf;
    boolean sessionPredates = asOf.isBefore(JOINT_FIRST);
    List<String> predating = new ArrayList<>();
    for (Fact p : run.penalties) {
      if (!"MINOR".equals(p.text("severity")) && !run.grants.containsKey(p.id())) {
        LocalDate decidedOn = p.date("decidedOn");
        run.bad.add(new Span(p.id(), decidedOn, decidedOn, true));
      }
    }
    for (Fact j : run.defaulters) {
      LocalDate listedOn = j.date("listedOn");
      LocalDate fulfilledOn = j.date("fulfilledOn");
      boolean factPredates = listedOn.isBefore(JOINT_FIRST);
      if (factPredates) {
        predating.add(j.id());
      }
      boolean predates = sessionPredates || factPredates;
      LocalDate last = listedOn.plusMonths(12L * termYears(j));
      if (fulfilledOn != null && fulfilledOn.minusDays(1).isBefore(last)) {
        last = fulfilledOn.minusDays(1);
      }
      // a listing fulfilled on its own listing day was never active
      if (fulfilledOn == null || fulfilledOn.isAfter(listedOn)) {
        if (!run.grants.containsKey(j.id())) {
          run.serious.add(new Span(j.id(), listedOn, last, false));
          run.bad.add(new Span(j.id(), listedOn, last, false));
        }
        run.hit("general", "GEN-S-06", listedOn, last, List.of(j.id()), predates, JOINT);
      }
      if (asOf.isAfter(last)) {
        run.repair(
            j.id(), "general", RepairStatus.EXPIRED, null, List.of(), false, predates, JOINT);
      } else {
        run.repair(
            j.id(),
            "general",
            RepairStatus.NOT_YET,
            fulfilledOn,
            List.of(UnmetCode.OBLIGATIONS_UNFULFILLED),
            false,
            predates,
            JOINT);
      }
    }
    int before = run.rows.size();
    for (Span s : run.serious) {
      boolean predates = sessionPredates || predating.contains(s.fact());
      List<String> facts = List.of(s.fact());
      for (String m : JOINT_MEASURES) {
        run.hit("general", m, s.start(), s.until(), facts, predates || !s.verified(), JOINT);
      }
    }
    // one outcome per merge measure: earliest start, latest end (open if any is), every fact
    List<Row> joint = new ArrayList<>(run.rows.subList(before, run.rows.size()));
    run.rows.subList(before, run.rows.size()).clear();
    for (int i = run.rows.size() - 1; i >= 0; i--) {
      if (run.rows.get(i).measure().equals("GEN-S-06")) {
        joint.add(run.rows.remove(i));
      }
    }
    for (String m : new String[] {"GEN-S-01", "GEN-S-02", "GEN-S-03", "GEN-S-04", "GEN-S-06"}) {
      LocalDate from = null;
      LocalDate until = null;
      boolean open = false;
      boolean verified = true;
      List<String> facts = new ArrayList<>();
      for (Row r : joint) {
        if (!r.measure().equals(m)) {
          continue;
        }
        if (from == null || r.start().isBefore(from)) {
          from = r.start();
        }
        if (r.until() == null) {
          open = true;
        } else if (until == null || r.until().isAfter(until)) {
          until = r.until();
        }
        verified &= r.verified();
        for (String f : r.facts()) {
          if (!facts.contains(f)) {
            facts.add(f);
          }
        }
      }
      if (from != null) {
        facts.sort(Comparator.comparing(run.order::get));
        run.merged.add(new Row("general", m, from, open ? null : until, facts, verified, JOINT));
      }
    }
    // GEN-I-01: existed three years and no bad record overlapping asOf-3y … asOf
    LocalDate base = existenceStart(run.request.subject());
    LocalDate first = asOf.minusYears(3);
    if (base != null && !base.isAfter(first)) {
      LocalDate start = base.plusYears(3);
      for (Span b : run.bad) {
        // never in force (an empty span) or not begun on asOf: no bad record
        if (b.start().isAfter(asOf) || (b.until() != null && b.until().isBefore(b.start()))) {
          continue;
        }
        if (b.until() == null || !b.until().isBefore(first)) {
          return;
        }
        LocalDate again = b.until().plusMonths(36).plusDays(1);
        if (again.isAfter(start)) {
          start = again;
        }
      }
      run.hit("general", "GEN-I-01", start, null, List.of(), sessionPredates, JOINT);
    }
  }

  private static LocalDate existenceStart(Subject subject) {
    if (subject.type() == SubjectType.NATURAL_PERSON) {
      return SubjectIds.birthDate(subject.id()).map(b -> b.plusYears(18)).orElse(null);
    }
    return subject.establishedOn();
  }

  // ---- assembly ----

  private static final Comparator<Row> ROW_ORDER =
      Comparator.comparing(Row::sector)
          .thenComparing(Row::measure)
          .thenComparing(Row::start)
          .thenComparing(Row::until, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.facts().isEmpty() ? "" : r.facts().get(0));

  private static Kind kindOf(String measure) {
    return measure.contains("-I-")
        ? Kind.INCENTIVES
        : measure.contains("-W-") ? Kind.WARNINGS : Kind.SANCTIONS;
  }

  private static Result result(Run run) {
    List<Row> all = new ArrayList<>(run.rows);
    all.addAll(run.merged);
    all.sort(Comparator.comparing((Row r) -> kindOf(r.measure())).thenComparing(ROW_ORDER));
    List<Out> outcomes = new ArrayList<>(all.size());
    for (Row r : all) {
      outcomes.add(
          new Out(
              kindOf(r.measure()),
              r.measure(),
              r.start(),
              r.until(),
              r.facts(),
              r.verified(),
              r.pack()));
    }
    List<Rep> repairs = new ArrayList<>(run.repairs.values());
    repairs.sort(Comparator.comparing(r -> run.order.get(r.fact())));
    return new Result(outcomes, repairs);
  }

  /** An engine decision cut down to the oracle's measures and repair entries, as tuples. */
  public static Result project(Request request, Decision decision) {
    Map<String, String> types = new HashMap<>();
    request.facts().forEach(f -> types.put(f.id(), f.type()));
    List<Out> outcomes = new ArrayList<>();
    addOutcomes(outcomes, Kind.INCENTIVES, decision.incentives());
    addOutcomes(outcomes, Kind.SANCTIONS, decision.sanctions());
    addOutcomes(outcomes, Kind.WARNINGS, decision.warnings());
    List<Rep> repairs = new ArrayList<>();
    for (Repair r : decision.repairs()) {
      if (coversRepairOf(types.get(r.fact()))) {
        repairs.add(
            new Rep(
                r.fact(),
                r.sector(),
                r.status(),
                r.earliest(),
                r.unmet().stream().map(Unmet::code).toList(),
                r.verified(),
                packOf(r.rule())));
      }
    }
    return new Result(outcomes, repairs);
  }

  private static void addOutcomes(List<Out> out, Kind kind, List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (covers(o.measure())) {
        out.add(
            new Out(
                kind, o.measure(), o.from(), o.until(), o.facts(), o.verified(), packOf(o.rule())));
      }
    }
  }

  private static String packOf(String rule) {
    return rule.substring(0, rule.indexOf('/'));
  }
}
