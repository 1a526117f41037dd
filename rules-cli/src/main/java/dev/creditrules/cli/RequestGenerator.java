package dev.creditrules.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic requests for benchmarks and batch tests, one compact JSON line each.
 *
 * <p>Every line is a valid request of the contract (packs-v1 s.1: valid subject ids, fact types
 * allowed for the subject, no contradiction), unless it is an every-{@code invalidEvery}-th line,
 * which is invalid on purpose: in turn bad JSON, a subject id with a wrong check character, and an
 * {@code asOf} that is not a calendar date. A typical subject has {@code facts} facts across three
 * sectors (penalties, tax, wage arrears, environment, research misconduct, judgment defaulters),
 * among them credit commitments and granted repairs targeting repairable records.
 *
 * <p>Line {@code n} depends only on the seed, the settings and {@code n}: the same seed always
 * gives the same bytes, and lines can be made in any order. Immutable and thread-safe.
 */
final class RequestGenerator {
  /** The sample subjects of the contract: id, type, name, region. */
  private static final String[][] SAMPLES = {
    {"91110108MA01TAX03C", "ENTERPRISE", "北京某科技有限公司", "110108"},
    {"91320500MA1LAB002R", "ENTERPRISE", "苏州某制造有限公司", "320500"},
    {"91440300MA5EN1007U", "ENTERPRISE", "深圳某电镀有限公司", "440300"},
    {"52110000500001237K", "SOCIAL_ORG", "北京某行业协会", "110000"},
    {"110108198001150018", "NATURAL_PERSON", "研究人员R1", null},
  };

  private static final String[] REGIONS = {
    "110108", "320500", "440300", "310115", "330106", "440106", "320106", "510107"
  };

  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String RID_CHECKS = "10X98765432";

  private static final String[] PENALTY_SECTORS = {
    "market", "tax", "labor", "environment", "research", "food_drug", "construction_quality",
    "production_safety", "fire_safety", "other"
  };

  private static final LocalDate FIRST_AS_OF = LocalDate.of(2023, 1, 1);
  private static final int AS_OF_DAYS = 4 * 365;

  /** The sectors a generated subject's facts come from. */
  private enum Sector {
    PENALTY, TAX, LABOR, ENVIRONMENT, RESEARCH, JUDGMENT
  }

  private final long seed;
  private final int facts;
  private final int invalidEvery;

  /**
   * @param seed the seed: the same seed gives the same lines
   * @param facts facts per request, 0 or more
   * @param invalidEvery every this-th line is invalid; 0 for none
   */
  RequestGenerator(long seed, int facts, int invalidEvery) {
    if (facts < 0 || invalidEvery < 0) {
      throw new IllegalArgumentException(
          "facts and invalidEvery must be 0 or more but were " + facts + ", " + invalidEvery);
    }
    this.seed = seed;
    this.facts = facts;
    this.invalidEvery = invalidEvery;
  }

  /** True when line {@code n} is invalid on purpose. */
  boolean isInvalid(long n) {
    return invalidEvery > 0 && n % invalidEvery == 0;
  }

  /** Line {@code n} (1-based), without its line end. */
  String line(long n) {
    String valid = valid(n);
    if (!isInvalid(n)) {
      return valid;
    }
    switch ((int) ((n / invalidEvery) % 3)) {
      case 1:
        return valid.substring(0, valid.length() / 2); // bad JSON
      case 2:
        { // a subject id whose check character is wrong
          int at = valid.indexOf("\"id\":\"") + 6;
          int last = at + 17;
          char c = valid.charAt(last);
          char wrong = c == '1' ? '2' : '1';
          return valid.substring(0, last) + wrong + valid.substring(last + 1);
        }
      default:
        { // an asOf that is not a calendar date
          int at = valid.indexOf("\"asOf\":\"") + 8;
          return valid.substring(0, at + 5) + "02-30" + valid.substring(at + 10);
        }
    }
  }

  /** The valid request behind line {@code n}. */
  String valid(long n) {
    SplittableRandom r = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + n));
    LocalDate asOf = FIRST_AS_OF.plusDays(r.nextInt(AS_OF_DAYS));
    Json j = new Json();
    j.open();
    j.str("requestId", "gen-" + n);
    j.str("asOf", asOf.toString());
    String[] subject = subject(r, asOf);
    boolean person = "NATURAL_PERSON".equals(subject[1]);
    j.key("subject").open();
    j.str("id", subject[0]);
    j.str("type", subject[1]);
    j.str("name", subject[2]);
    if (subject[3] != null) {
      j.str("region", subject[3]);
    }
    if (!person) {
      j.date("establishedOn", asOf.minusDays(365L + r.nextInt(20 * 365)));
    }
    j.close();
    if (r.nextInt(10) == 0) {
      j.key("areas").raw("[\"PUBLIC_PROCUREMENT\",\"FINANCING\"]");
    }
    j.key("facts").raw("[");
    new Facts(r, j, asOf, person, subject[3]).all();
    j.raw("]");
    j.close();
    return j.toString();
  }

  // ------------------------------------------------------------------------------ subjects

  /** id, type, name, region (null for a person). */
  private static String[] subject(SplittableRandom r, LocalDate asOf) {
    int pick = r.nextInt(100);
    if (pick < 40) {
      return SAMPLES[pick % SAMPLES.length];
    }
    String region = REGIONS[r.nextInt(REGIONS.length)];
    if (pick < 90) {
      boolean social = pick >= 85;
      StringBuilder code = new StringBuilder(social ? "52" : "91").append(region);
      for (int i = 0; i < 9; i++) {
        code.append(USCC_CHARS.charAt(r.nextInt(USCC_CHARS.length())));
      }
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        sum += USCC_CHARS.indexOf(code.charAt(i)) * USCC_WEIGHTS[i];
      }
      code.append(USCC_CHARS.charAt((31 - sum % 31) % 31));
      return new String[] {
        code.toString(),
        social ? "SOCIAL_ORG" : "ENTERPRISE",
        social ? "某社会组织" + r.nextInt(1000) : "某有限公司" + r.nextInt(100_000),
        region
      };
    }
    LocalDate born = asOf.minusYears(20).minusDays(r.nextInt(50 * 365));
    StringBuilder id =
        new StringBuilder(region)
            .append(String.format("%04d%02d%02d", born.getYear(), born.getMonthValue(), born.getDayOfMonth()))
            .append(String.format("%03d", r.nextInt(1000)));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * RID_WEIGHTS[i];
    }
    id.append(RID_CHECKS.charAt(sum % 11));
    return new String[] {id.toString(), "NATURAL_PERSON", "自然人" + r.nextInt(10_000), null};
  }

  // ------------------------------------------------------------------------------ facts

  /** The facts of one request, written into {@code j} as array elements. */
  private final class Facts {
    final SplittableRandom r;
    final Json j;
    final LocalDate asOf;
    final boolean person;
    final String region;
    /** Repairable records: id, start date, grade scheme ("TAX", "ENV") or null. */
    final List<Object[]> repairable = new ArrayList<>();
    int next = 1;
    int taxYear;
    int envYear;

    Facts(SplittableRandom r, Json j, LocalDate asOf, boolean person, String region) {
      this.r = r;
      this.j = j;
      this.asOf = asOf;
      this.person = person;
      this.region = region;
      this.taxYear = asOf.getYear() - 1;
      this.envYear = asOf.getYear() - 1;
    }

    void all() {
      int repairSlots = facts >= 4 ? Math.max(1, facts / 5) : 0;
      int sectorFacts = facts - repairSlots;
      List<Sector> pool = new ArrayList<>(List.of(Sector.values()));
      if (person) {
        pool.remove(Sector.ENVIRONMENT); // no grades for people; TAX gives serious listings only
      }
      List<Sector> chosen = new ArrayList<>();
      int sectors = Math.min(3, Math.min(sectorFacts, pool.size()));
      for (int i = 0; i < sectors; i++) {
        chosen.add(pool.remove(r.nextInt(pool.size())));
      }
      for (int i = 0; i < sectorFacts; i++) {
        fact(chosen.get(i % chosen.size()));
      }
      for (int i = 0; i < repairSlots; i++) {
        if (repairable.isEmpty()) {
          fact(Sector.PENALTY);
        } else if (i % 2 == 0) {
          commitment();
        } else {
          grant();
        }
      }
    }

    String begin(String type) {
      if (next > 1) {
        j.raw(",");
      }
      String id = "f" + next++;
      j.open();
      j.str("id", id);
      j.str("type", type);
      return id;
    }

    LocalDate daysBefore(int maxDays) {
      return asOf.minusDays(r.nextInt(maxDays));
    }

    void fact(Sector sector) {
      switch (sector) {
        case PENALTY -> penalty();
        case TAX -> {
          if (person || r.nextInt(4) == 0) {
            taxSerious();
          } else {
            taxGrade();
          }
        }
        case LABOR -> wageArrears();
        case ENVIRONMENT -> envGrade();
        case RESEARCH -> misconduct();
        case JUDGMENT -> defaulter();
      }
    }

    void penalty() {
      String id = begin("ADMIN_PENALTY");
      LocalDate decided = daysBefore(5 * 365);
      j.str("sector", PENALTY_SECTORS[r.nextInt(PENALTY_SECTORS.length)]);
      j.date("decidedOn", decided);
      int s = r.nextInt(10);
      String severity = s < 3 ? "MINOR" : s < 8 ? "GENERAL" : "SERIOUS";
      j.str("severity", severity);
      String kinds;
      switch (severity) {
        case "MINOR" -> kinds = r.nextBoolean() ? "[\"WARNING\"]" : "[\"FINE\"]";
        case "GENERAL" -> kinds = r.nextBoolean() ? "[\"FINE\"]" : "[\"FINE\",\"CONFISCATION\"]";
        default -> {
          int k = r.nextInt(3);
          kinds =
              k == 0
                  ? "[\"FINE\",\"LICENSE_SUSPENSION\"]"
                  : k == 1 ? "[\"PRODUCTION_SUSPENSION\"]" : "[\"FINE\",\"LICENSE_REVOCATION\"]";
        }
      }
      j.key("kinds").raw(kinds);
      if (kinds.contains("FINE")) {
        j.num("fine", 1000L * (1 + r.nextInt(500)));
      }
      if (r.nextInt(10) < 7) {
        j.date("fulfilledOn", decided.plusDays(r.nextInt(60)));
      }
      if ("MINOR".equals(severity) && r.nextInt(3) == 0) {
        j.bool("published", r.nextBoolean());
      }
      if ("SERIOUS".equals(severity) && r.nextInt(10) == 0) {
        j.bool("specialSerious", true);
      }
      j.str("authority", "某市场监督管理局");
      j.close();
      repairable.add(new Object[] {id, decided, null});
    }

    void taxGrade() {
      int year = taxYear--;
      String id = begin("TAX_GRADE");
      String grade = "ABMCD".substring(r.nextInt(5)).substring(0, 1);
      LocalDate published = LocalDate.of(year + 1, 4, 1 + r.nextInt(28));
      j.num("year", year);
      j.str("grade", grade);
      j.date("publishedOn", published);
      if (r.nextInt(3) == 0) {
        j.num("score", 40 + r.nextInt(60));
      }
      if ("D".equals(grade) && r.nextBoolean()) {
        j.num("directReason", 1 + r.nextInt(13));
      }
      boolean bad = "C".equals(grade) || "D".equals(grade);
      if (bad && r.nextInt(3) == 0) {
        j.date("correctedOn", published.plusDays(1 + r.nextInt(200)));
      }
      j.close();
      if (bad) {
        repairable.add(new Object[] {id, published, "TAX"});
      }
    }

    void taxSerious() {
      String id = begin("TAX_SERIOUS_LISTING");
      LocalDate served = daysBefore(4 * 365);
      j.date("servedOn", served);
      j.date("publishedOn", served.plusDays(r.nextInt(60)));
      if (r.nextBoolean()) {
        j.date("paidInFullOn", served.plusDays(r.nextInt(300)));
      }
      if (r.nextInt(5) == 0) {
        j.num("priorListingsIn5Years", r.nextInt(3));
      }
      j.close();
      repairable.add(new Object[] {id, served, null});
    }

    void wageArrears() {
      String id = begin("WAGE_ARREARS_LISTING");
      LocalDate decided = daysBefore(4 * 365);
      j.date("decidedOn", decided);
      if (r.nextBoolean()) {
        j.date("paidInFullOn", decided.plusDays(r.nextInt(400)));
      }
      j.close();
      repairable.add(new Object[] {id, decided, null});
    }

    void envGrade() {
      int year = envYear--;
      String id = begin("ENV_GRADE");
      String[] levels = {"GREEN", "BLUE", "YELLOW", "RED", "BLACK"};
      String grade = levels[r.nextInt(levels.length)];
      LocalDate published = LocalDate.of(year + 1, 3 + r.nextInt(4), 1 + r.nextInt(28));
      j.num("year", year);
      j.str("grade", grade);
      j.date("publishedOn", published);
      if (r.nextInt(5) > 0) {
        String province = region.substring(0, 2);
        if (!"44".equals(province) && !"32".equals(province)) {
          province = r.nextBoolean() ? "44" : "32";
        }
        j.str("province", province);
      }
      j.close();
      if (!"GREEN".equals(grade) && !"BLUE".equals(grade)) {
        repairable.add(new Object[] {id, published, "ENV"});
      }
    }

    void misconduct() {
      String id = begin("RESEARCH_MISCONDUCT");
      LocalDate decided = daysBefore(6 * 365);
      j.date("decidedOn", decided);
      j.str("misconduct", "RM-0" + (1 + r.nextInt(8)));
      String[] severities = {"LIGHT", "SERIOUS", "GRAVE"};
      j.str("severity", severities[r.nextInt(3)]);
      int ban = r.nextInt(10);
      if (ban < 6) {
        j.num("banYears", 1 + r.nextInt(5));
      } else if (ban == 6) {
        j.bool("permanent", true);
      }
      if (r.nextInt(10) == 0) {
        j.bool("aggravated", true);
      }
      if (r.nextInt(10) == 0) {
        j.bool("awardRevoked", true);
      }
      j.str("authority", "科学技术部");
      j.close();
      repairable.add(new Object[] {id, decided, null});
    }

    void defaulter() {
      String id = begin("JUDGMENT_DEFAULTER");
      LocalDate listed = daysBefore(5 * 365);
      j.date("listedOn", listed);
      if (r.nextInt(3) == 0) {
        j.num("termYears", 1 + r.nextInt(5));
      }
      if (r.nextInt(5) < 2) {
        j.date("fulfilledOn", listed.plusDays(r.nextInt(500)));
      }
      j.close();
      repairable.add(new Object[] {id, listed, null});
    }

    void commitment() {
      Object[] target = repairable.get(r.nextInt(repairable.size()));
      begin("CREDIT_COMMITMENT");
      LocalDate made = ((LocalDate) target[1]).plusDays(r.nextInt(180));
      j.date("madeOn", made);
      j.str("target", (String) target[0]);
      if (r.nextInt(10) == 0) {
        j.date("breachedOn", made.plusDays(1 + r.nextInt(100)));
      }
      j.close();
    }

    void grant() {
      Object[] target = repairable.get(r.nextInt(repairable.size()));
      begin("REPAIR_GRANTED");
      LocalDate granted = ((LocalDate) target[1]).plusDays(30 + r.nextInt(370));
      j.str("target", (String) target[0]);
      j.date("grantedOn", granted);
      if (target[2] != null && r.nextInt(3) == 0) {
        j.str("newGrade", "TAX".equals(target[2]) ? (r.nextBoolean() ? "B" : "M") : "BLUE");
      }
      if (r.nextInt(10) == 0) {
        j.date("revokedOn", granted.plusDays(1 + r.nextInt(100)));
      }
      j.close();
    }
  }

  // ------------------------------------------------------------------------------ helpers

  /** SplitMix64's finaliser: turns neighbouring seeds into unrelated ones. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A minimal compact JSON writer for the generator's own strings, which never need escaping
   * (letters, digits, CJK characters, hyphens).
   */
  private static final class Json {
    private final StringBuilder b = new StringBuilder(1024);
    private boolean first = true;

    Json open() {
      b.append('{');
      first = true;
      return this;
    }

    Json close() {
      b.append('}');
      first = false;
      return this;
    }

    Json key(String key) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append('"').append(key).append("\":");
      return this;
    }

    Json raw(String text) {
      b.append(text);
      return this;
    }

    Json str(String key, String value) {
      key(key).b.append('"').append(value).append('"');
      return this;
    }

    Json date(String key, LocalDate value) {
      return str(key, value.toString());
    }

    Json num(String key, long value) {
      key(key).b.append(value);
      return this;
    }

    Json bool(String key, boolean value) {
      key(key).b.append(value);
      return this;
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}
