package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.PenaltyKind;
import dev.creditrules.api.fact.PenaltySector;
import dev.creditrules.api.fact.PenaltySeverity;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic request generator for the benchmarks and the equivalence test. Every request it
 * makes is valid under the contract ({@code SubjectsTest} checks them with {@code
 * RequestValidator}). Facts are restricted to the oracle's types: {@code TAX_GRADE}, {@code
 * TAX_SERIOUS_LISTING}, {@code JUDGMENT_DEFAULTER}, {@code ADMIN_PENALTY}, {@code
 * CREDIT_COMMITMENT} and {@code REPAIR_GRANTED}.
 *
 * <p>A <em>benchmark subject</em> of n facts ({@link #benchmark}) is an enterprise with about 30%
 * tax grades (consecutive years, at most 12), 10% tax serious listings, 10% judgment defaulters,
 * 10% commitments and the rest penalties of several sectors; the typical subject is n = 10: three
 * tax grades, four penalties, one serious listing, one judgment defaulter, one commitment. A
 * <em>random subject</em> ({@link #random}) is for the equivalence test: any size up to 16, natural
 * persons too, grants (with new grades, revoked), and an {@code asOf} drawn mostly from the
 * boundaries of its facts' windows.
 */
public final class Subjects {
  private Subjects() {}

  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String RID_CHECKS = "10X98765432";
  private static final String[] REGIONS = {"110108", "310115", "440305", "320106", "510107"};
  private static final String[] TAX_GRADES = {"A", "A", "A", "B", "B", "M", "C", "D", "D"};

  /** {@code count} benchmark requests of {@code facts} facts each, deterministic by seed. */
  public static List<Request> benchmarkPool(long seed, int facts, int count) {
    List<Request> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(benchmark(seed * 1_000_003L + i, facts));
    }
    return out;
  }

  /** A benchmark subject: an enterprise with {@code n} facts across tax, general and joint. */
  public static Request benchmark(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LocalDate asOf = LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(365));
    Subject subject = organisation(rnd, asOf);
    int grades = Math.min(12, Math.max(1, Math.round(n * 0.3f)));
    int listings = Math.max(n >= 10 ? 1 : 0, Math.round(n * 0.1f));
    int defaulters = Math.max(1, Math.round(n * 0.1f));
    int commitments = Math.round(n * 0.1f);
    int penalties = Math.max(0, n - grades - listings - defaulters - commitments);
    List<Fact> facts = new ArrayList<>(n);
    Gen g = new Gen(rnd, asOf.minusYears(3), asOf);
    int firstYear = asOf.getYear() - grades;
    for (int y = firstYear; y < firstYear + grades; y++) {
      facts.add(g.taxGrade(y));
    }
    for (int i = 0; i < penalties; i++) {
      facts.add(g.penalty());
    }
    for (int i = 0; i < listings; i++) {
      facts.add(g.listing());
    }
    for (int i = 0; i < defaulters; i++) {
      facts.add(g.defaulter());
    }
    List<Fact> repairable = facts.stream().filter(Subjects::repairable).toList();
    for (int i = 0; i < commitments && !repairable.isEmpty(); i++) {
      facts.add(g.commitment(repairable.get(rnd.nextInt(repairable.size()))));
    }
    return new Request("bench-" + seed, asOf, subject, null, facts);
  }

  /**
   * A random subject for the equivalence test: up to 16 facts, grants and commitments, an
   * enterprise or (one in five) a natural person, and a boundary-rich {@code asOf}.
   */
  public static Request random(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean person = rnd.nextInt(5) == 0;
    Gen g = new Gen(rnd, LocalDate.of(2013, 1, 1), LocalDate.of(2028, 6, 30));
    List<Fact> facts = new ArrayList<>();
    if (!person) {
      int grades = rnd.nextInt(6);
      int year = 2010 + rnd.nextInt(17);
      // one subject in four has an A streak with a D or C at the end (TAX-I-04, next-grade terms)
      boolean streak = rnd.nextInt(4) == 0;
      for (int i = 0; i < grades; i++) {
        // mostly consecutive years, sometimes a gap
        year += !streak && rnd.nextInt(4) == 0 ? 2 : 1;
        facts.add(streak ? g.taxGrade(year, i < 3 || rnd.nextBoolean() ? "A" : "D") : g.taxGrade(year));
      }
    }
    int listings = rnd.nextInt(3);
    for (int i = 0; i < listings; i++) {
      facts.add(g.listing());
    }
    int defaulters = rnd.nextInt(3);
    for (int i = 0; i < defaulters; i++) {
      facts.add(g.defaulter());
    }
    int penalties = rnd.nextInt(5);
    for (int i = 0; i < penalties; i++) {
      facts.add(g.penalty());
    }
    for (Fact f : List.copyOf(facts)) {
      if (f instanceof TaxGrade t && t.isDirectD() && rnd.nextBoolean()) {
        // a tax penalty near a direct D: NEW_VIOLATION in its repair
        facts.add(g.taxPenaltyAround(t.publishedOn()));
      }
    }
    List<Fact> repairable = facts.stream().filter(Subjects::repairable).toList();
    if (!repairable.isEmpty()) {
      int commitments = rnd.nextInt(3);
      for (int i = 0; i < commitments; i++) {
        facts.add(g.commitment(repairable.get(rnd.nextInt(repairable.size()))));
      }
      int grants = rnd.nextInt(3);
      for (int i = 0; i < grants; i++) {
        facts.add(g.grant(repairable.get(rnd.nextInt(repairable.size()))));
      }
    }
    Collections.shuffle(facts, new java.util.Random(rnd.nextLong()));
    LocalDate asOf = boundaryAsOf(rnd, facts);
    Subject subject = person ? person(rnd, asOf) : organisation(rnd, asOf);
    return new Request("eq-" + seed, asOf, subject, null, facts);
  }

  /** True for the records that can be targets of commitments and grants (packs-v1 s.1.1). */
  static boolean repairable(Fact f) {
    return switch (f.type()) {
      case ADMIN_PENALTY, TAX_SERIOUS_LISTING, JUDGMENT_DEFAULTER -> true;
      case TAX_GRADE -> {
        String grade = ((TaxGrade) f).grade();
        yield grade.equals("C") || grade.equals("D");
      }
      default -> false;
    };
  }

  /** A day on or next to a boundary of one of the facts' windows, or 29 February, or random. */
  private static LocalDate boundaryAsOf(SplittableRandom rnd, List<Fact> facts) {
    List<LocalDate> candidates = new ArrayList<>();
    for (Fact f : facts) {
      if (f instanceof TaxGrade t) {
        LocalDate p = t.publishedOn();
        addPair(candidates, p);
        addPair(candidates, p.plusMonths(12));
        addPair(candidates, LocalDate.of(t.year() + 2, 12, 31));
        if (t.correctedOn() != null) {
          addPair(candidates, t.correctedOn());
        }
      } else if (f instanceof TaxSeriousListing l) {
        addPair(candidates, l.publishedOn());
        addPair(candidates, l.publishedOn().plusMonths(6));
        addPair(candidates, l.publishedOn().plusMonths(36));
        if (l.paidInFullOn() != null) {
          addPair(candidates, l.paidInFullOn());
        }
      } else if (f instanceof JudgmentDefaulter j) {
        addPair(candidates, j.listedOn());
        addPair(candidates, j.listedOn().plusMonths(12L * j.termYears()));
        if (j.fulfilledOn() != null) {
          addPair(candidates, j.fulfilledOn());
        }
        // the day GEN-I-01 can start again: E(end, 36)
        addPair(candidates, j.listedOn().plusMonths(12L * j.termYears()).plusMonths(36));
      } else if (f instanceof AdminPenalty p) {
        addPair(candidates, p.decidedOn().plusMonths(12));
        addPair(candidates, p.decidedOn().plusMonths(36));
      } else if (f instanceof RepairGranted r) {
        addPair(candidates, r.grantedOn());
        if (r.revokedOn() != null) {
          addPair(candidates, r.revokedOn());
        }
      } else if (f instanceof CreditCommitment c) {
        addPair(candidates, c.madeOn());
      }
    }
    int pick = rnd.nextInt(10);
    if (pick == 0) {
      int[] leap = {2016, 2020, 2024, 2028};
      return LocalDate.of(leap[rnd.nextInt(leap.length)], 2, 29);
    }
    if (pick == 1 || candidates.isEmpty()) {
      return LocalDate.of(2014, 1, 1).plusDays(rnd.nextInt(15 * 365));
    }
    return candidates.get(rnd.nextInt(candidates.size()));
  }

  /** The day before, the day itself and the day after. */
  private static void addPair(List<LocalDate> out, LocalDate d) {
    out.add(d.minusDays(1));
    out.add(d);
    out.add(d.plusDays(1));
  }

  /** An enterprise (credit code prefix 91) with a valid check character. */
  static Subject organisation(SplittableRandom rnd, LocalDate asOf) {
    StringBuilder id = new StringBuilder("91").append(REGIONS[rnd.nextInt(REGIONS.length)]);
    for (int i = 0; i < 9; i++) {
      id.append(USCC_CHARS.charAt(rnd.nextInt(USCC_CHARS.length())));
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(id.charAt(i)) * USCC_WEIGHTS[i];
    }
    id.append(USCC_CHARS.charAt((31 - sum % 31) % 31));
    LocalDate established =
        rnd.nextInt(8) == 0 ? null : LocalDate.of(2005, 1, 1).plusDays(rnd.nextInt(20 * 365));
    return new Subject(id.toString(), SubjectType.ENTERPRISE, "某科技有限公司", null, established);
  }

  /** A natural person born 1950-2012 (never after asOf), with a valid check character. */
  static Subject person(SplittableRandom rnd, LocalDate asOf) {
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(rnd.nextInt(63 * 365));
    if (birth.isAfter(asOf)) {
      birth = asOf.minusYears(20);
    }
    if (rnd.nextInt(6) == 0) {
      // born on 29 February: the 18th birthday is 28 February (LocalDate.plusYears)
      birth = LocalDate.of(1988 + 4 * rnd.nextInt(5), 2, 29);
    }
    String id =
        REGIONS[rnd.nextInt(REGIONS.length)]
            + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + String.format("%03d", rnd.nextInt(1000));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * RID_WEIGHTS[i];
    }
    return Subject.of(id + RID_CHECKS.charAt(sum % 11), SubjectType.NATURAL_PERSON);
  }

  /** Fact factory over a date range; ids are f1, f2, … in creation order. */
  private static final class Gen {
    private final SplittableRandom rnd;
    private final LocalDate lo;
    private final int span;
    private int next = 1;

    Gen(SplittableRandom rnd, LocalDate lo, LocalDate hi) {
      this.rnd = rnd;
      this.lo = lo;
      this.span = (int) (hi.toEpochDay() - lo.toEpochDay());
    }

    String id() {
      return "f" + next++;
    }

    LocalDate day() {
      return lo.plusDays(rnd.nextInt(span + 1));
    }

    /** Usually 0-90 days after {@code d}, sometimes on {@code d}, sometimes years later. */
    LocalDate after(LocalDate d) {
      return switch (rnd.nextInt(6)) {
        case 0 -> d;
        case 1 -> d.plusDays(rnd.nextInt(1200));
        default -> d.plusDays(rnd.nextInt(91));
      };
    }

    TaxGrade taxGrade(int year) {
      return taxGrade(year, TAX_GRADES[rnd.nextInt(TAX_GRADES.length)]);
    }

    TaxGrade taxGrade(int year, String grade) {
      // published in the following year (mostly in April), rarely later
      LocalDate published =
          rnd.nextInt(8) == 0
              ? LocalDate.of(year + 1, 1, 1).plusDays(rnd.nextInt(700))
              : LocalDate.of(year + 1, 4, 1).plusDays(rnd.nextInt(60));
      Integer reason = "D".equals(grade) && rnd.nextInt(3) != 0 ? 1 + rnd.nextInt(13) : null;
      LocalDate corrected = reason != null && rnd.nextBoolean() ? after(published) : null;
      BigDecimal score = reason == null && rnd.nextBoolean() ? BigDecimal.valueOf(40 + rnd.nextInt(60)) : null;
      return new TaxGrade(id(), year, grade, published, score, reason, corrected, null, null);
    }

    TaxSeriousListing listing() {
      LocalDate served = day();
      LocalDate published = rnd.nextInt(4) == 0 ? served : served.plusDays(rnd.nextInt(60));
      LocalDate paid = rnd.nextBoolean() ? after(served) : null;
      int prior = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
      return new TaxSeriousListing(id(), served, published, paid, prior, "国家税务总局某市税务局", null);
    }

    JudgmentDefaulter defaulter() {
      LocalDate listed = day();
      LocalDate fulfilled = rnd.nextBoolean() ? after(listed) : null;
      return new JudgmentDefaulter(id(), listed, 1 + rnd.nextInt(5), fulfilled, "某人民法院", null);
    }

    AdminPenalty penalty() {
      PenaltySector[] sectors = PenaltySector.values();
      PenaltySector sector = rnd.nextBoolean() ? PenaltySector.TAX : sectors[rnd.nextInt(sectors.length)];
      PenaltySeverity severity = PenaltySeverity.values()[rnd.nextInt(3)];
      LocalDate decided = day();
      List<PenaltyKind> kinds = new ArrayList<>();
      switch (rnd.nextInt(4)) {
        case 0 -> kinds.add(PenaltyKind.WARNING);
        case 1 -> {
          kinds.add(PenaltyKind.FINE);
          kinds.add(PenaltyKind.CONFISCATION);
        }
        case 2 -> kinds.add(PenaltyKind.values()[rnd.nextInt(PenaltyKind.values().length)]);
        default -> kinds.add(PenaltyKind.FINE);
      }
      BigDecimal fine = kinds.contains(PenaltyKind.FINE) ? BigDecimal.valueOf(1000L * (1 + rnd.nextInt(200))) : null;
      LocalDate fulfilled = rnd.nextInt(3) != 0 ? after(decided) : null;
      Boolean published = severity == PenaltySeverity.MINOR && rnd.nextBoolean() ? rnd.nextBoolean() : null;
      Boolean special = severity == PenaltySeverity.SERIOUS && rnd.nextInt(3) == 0 ? Boolean.TRUE : null;
      return new AdminPenalty(
          id(), sector, decided, severity, kinds, fine, fulfilled, published, special, null, null);
    }

    AdminPenalty taxPenaltyAround(LocalDate d) {
      LocalDate decided = d.plusDays(rnd.nextInt(500) - 250);
      PenaltySeverity severity = rnd.nextInt(4) == 0 ? PenaltySeverity.SERIOUS : PenaltySeverity.GENERAL;
      return new AdminPenalty(id(), PenaltySector.TAX, decided, severity, List.of(PenaltyKind.FINE),
          BigDecimal.valueOf(5000), rnd.nextBoolean() ? after(decided) : null, null, null, null, null);
    }

    CreditCommitment commitment(Fact target) {
      LocalDate made = after(start(target));
      LocalDate breached = rnd.nextInt(5) == 0 ? made.plusDays(rnd.nextInt(400) - 30) : null;
      return new CreditCommitment(id(), made, target.id(), breached, null, null);
    }

    RepairGranted grant(Fact target) {
      LocalDate granted = after(start(target));
      String newGrade = null;
      if (target instanceof TaxGrade && rnd.nextBoolean()) {
        newGrade = List.of("B", "M", "C", "D").get(rnd.nextInt(4));
      }
      LocalDate revoked = rnd.nextInt(5) == 0 ? granted.plusDays(rnd.nextInt(300)) : null;
      return new RepairGranted(id(), target.id(), granted, newGrade, revoked, null, null);
    }

    /** The date a commitment or grant on {@code target} may not precede (validator s.1). */
    static LocalDate start(Fact target) {
      return switch (target.type()) {
        case TAX_GRADE -> ((TaxGrade) target).publishedOn();
        default -> target.datedOn();
      };
    }
  }
}
