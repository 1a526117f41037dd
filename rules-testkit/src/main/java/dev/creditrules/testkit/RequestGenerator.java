package dev.creditrules.testkit;

import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectIds;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.Condition;
import dev.creditrules.api.model.DisputeRole;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Synthetic requests derived from a {@link FactModel}, for benchmarks, batch tests and the CLI's
 * {@code generate}: one compact JSON line each ({@link #line}), or the {@link Request} itself
 * ({@link #request}). It knows no fact type, field or code list: every value comes from the
 * declarations (kinds, presence, defaults, ranges, codes, {@code oneOf}, simple patterns, subjects,
 * own dates, grade schemes, repairable records, reference fields, grant roles and every declared
 * check), so a request of a valid line is valid for the model.
 *
 * <p>A request has a subject of any type (a unified social credit code with the prefix of its type
 * and a correct check character, or a resident identity number born before {@code asOf}), an {@code
 * asOf} spread over several years, and about {@code facts} facts allowed for its subject. By
 * default the facts come from up to three pack folders (as a typical subject has records of a few
 * sectors), about one in five of them a fact that names another (a commitment, a grant, a
 * correction), always a target its declaration allows and never dated before that target starts.
 * Dates cluster around {@code asOf}: records start up to a few years before it (a few after it),
 * and their other dates follow by days, weeks or years, so that terms start, run and end around
 * {@code asOf}. Grades of one scheme take distinct, mostly consecutive years before {@code asOf}'s
 * (at most {@value #MAX_GRADE_YEARS}), each published after its year is over; one scheme in four
 * runs a streak of its best level. With {@link Settings#weights} the facts are of the given types
 * in the given proportions instead.
 *
 * <p>Values: a code of the field's list; a text of its {@code oneOf}, or of its pattern when the
 * pattern is simple ({@link PatternValues}: one time in two a prefix of the subject's region code
 * when that matches, such as a province); a type whose required text field has a pattern that is
 * not simple is never made ({@link #skippedTypes()}), and such an optional field is left out (the
 * model offers no example values to fall back on). Integers stay within {@code min}/{@code max}; a
 * defaulted field is given one time in three; the field naming a record's repair sector names, one
 * time in two, the pack folder of one of the subject's types when that is one of its codes.
 *
 * <p>Every {@link Settings#invalidEvery}-th line (none when 0) is invalid on purpose: in turn bad
 * JSON, a subject id with a wrong check character, and an {@code asOf} that is not a calendar date.
 *
 * <p>Line {@code n} depends only on the model, the settings and {@code n}: the same seed always
 * gives the same bytes, and lines can be made in any order. Immutable and thread-safe.
 */
public final class RequestGenerator {

  /**
   * What to generate.
   *
   * @param seed the seed: the same seed (and settings) gives the same lines
   * @param facts facts per request (0 or more); with {@code varyFacts}, the most per request
   * @param invalidEvery every this-th line is invalid on purpose; 0 for none
   * @param firstAsOf the earliest {@code asOf}
   * @param asOfDays {@code asOf} is drawn from {@code asOfDays} days from {@code firstAsOf}
   * @param spanYears how many years before {@code asOf} a record may start
   * @param weights empty for facts spread over a few pack folders; otherwise the fact types to draw
   *     and their relative weights (a type that names another follows its targets)
   * @param subjectTypes the subject types to draw
   * @param varyFacts true to draw each request's number of facts from 0 to {@code facts}
   * @param boundaries true to put {@code asOf} on or next to the dates the facts' terms start and
   *     end on (a day before, the day, a day after: of each date, and of 6 months to 8 years after
   *     it), sometimes on 29 February, and to list the facts in random order
   * @param requestIdPrefix the request id is this prefix and the line number
   * @param areasEvery about one request in this many names one to three areas (the others get every
   *     outcome); 0 for none
   */
  public record Settings(
      long seed,
      int facts,
      int invalidEvery,
      LocalDate firstAsOf,
      int asOfDays,
      int spanYears,
      Map<String, Integer> weights,
      Set<SubjectType> subjectTypes,
      boolean varyFacts,
      boolean boundaries,
      String requestIdPrefix,
      int areasEvery) {

    public Settings {
      if (facts < 0 || invalidEvery < 0) {
        throw new IllegalArgumentException(
            "facts and invalidEvery must be 0 or more but were " + facts + ", " + invalidEvery);
      }
      Objects.requireNonNull(firstAsOf, "firstAsOf");
      if (asOfDays < 1 || spanYears < 1) {
        throw new IllegalArgumentException("asOfDays and spanYears must be 1 or more");
      }
      weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
      weights.forEach(
          (type, weight) -> {
            if (weight == null || weight < 0) {
              throw new IllegalArgumentException("weight of " + type + " must be 0 or more");
            }
          });
      if (subjectTypes.isEmpty()) {
        throw new IllegalArgumentException("subjectTypes must not be empty");
      }
      subjectTypes = Collections.unmodifiableSet(EnumSet.copyOf(subjectTypes));
      Objects.requireNonNull(requestIdPrefix, "requestIdPrefix");
      if (areasEvery < 0) {
        throw new IllegalArgumentException("areasEvery must be 0 or more but was " + areasEvery);
      }
    }

    /**
     * The defaults of {@code credit-rules generate}: {@code asOf} from 2023 to 2026, records up to
     * five years older, every subject type, facts spread over up to three pack folders, one request
     * in ten naming areas.
     */
    public static Settings of(long seed, int facts, int invalidEvery) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          LocalDate.of(2023, 1, 1),
          4 * 365,
          5,
          Map.of(),
          EnumSet.allOf(SubjectType.class),
          false,
          false,
          "gen-",
          10);
    }

    /** These settings with {@code asOf} drawn from {@code days} days from {@code first}. */
    public Settings withAsOf(LocalDate first, int days) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          first,
          days,
          spanYears,
          weights,
          subjectTypes,
          varyFacts,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with records starting up to {@code years} years before {@code asOf}. */
    public Settings withSpanYears(int years) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          years,
          weights,
          subjectTypes,
          varyFacts,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /**
     * These settings with facts of the given types only, in proportion to their weights (in
     * iteration order); each type gets its rounded share and the heaviest the rest.
     */
    public Settings withWeights(Map<String, Integer> typeWeights) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          typeWeights,
          subjectTypes,
          varyFacts,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with subjects of the given types only. */
    public Settings withSubjectTypes(Set<SubjectType> types) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          types,
          varyFacts,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with 0 to {@code facts} facts per request. */
    public Settings withVaryingFacts() {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          subjectTypes,
          true,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with {@code asOf} on the facts' boundaries and the facts shuffled. */
    public Settings withBoundaries() {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          subjectTypes,
          varyFacts,
          true,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with every {@code k}-th line invalid on purpose (0 for none). */
    public Settings withInvalidEvery(int k) {
      return new Settings(
          seed,
          facts,
          k,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          subjectTypes,
          varyFacts,
          boundaries,
          requestIdPrefix,
          areasEvery);
    }

    /** These settings with no request naming areas: every outcome is decided. */
    public Settings withoutAreas() {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          subjectTypes,
          varyFacts,
          boundaries,
          requestIdPrefix,
          0);
    }

    /** These settings with request ids {@code prefix} + line number. */
    public Settings withRequestIdPrefix(String prefix) {
      return new Settings(
          seed,
          facts,
          invalidEvery,
          firstAsOf,
          asOfDays,
          spanYears,
          weights,
          subjectTypes,
          varyFacts,
          boundaries,
          prefix,
          areasEvery);
    }
  }

  /** Region codes of subjects (positions 3-8 of a credit code, 1-6 of a resident number). */
  private static final String[] REGIONS = {
    "110108", "320500", "440300", "310115", "330106", "440106", "320106", "510107"
  };

  /** How often each subject type is drawn, relative to the others. */
  private static final Map<SubjectType, Integer> SUBJECT_WEIGHTS = new EnumMap<>(SubjectType.class);

  static {
    for (SubjectType t : SubjectType.values()) {
      SUBJECT_WEIGHTS.put(t, 4);
    }
    SUBJECT_WEIGHTS.put(SubjectType.ENTERPRISE, 55);
    SUBJECT_WEIGHTS.put(SubjectType.NATURAL_PERSON, 15);
    SUBJECT_WEIGHTS.put(SubjectType.SOCIAL_ORG, 8);
  }

  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String RID_CHECKS = "10X98765432";

  /** The credit code prefixes of each organisation type, from {@link SubjectIds#typeOfPrefix}. */
  private static final Map<SubjectType, List<String>> PREFIXES = prefixes();

  /** The most grades of one scheme a request holds (one per year). */
  static final int MAX_GRADE_YEARS = 12;

  /** The most pack folders a subject's facts come from, when not weighted. */
  static final int PACKS_PER_SUBJECT = 3;

  private final FactModel model;
  private final Settings settings;

  /** Per type: the reason it cannot be generated, or absent when it can. */
  private final Map<String, String> notGeneratable = new LinkedHashMap<>();

  /** The value generator of each text field with a simple pattern, by type and field. */
  private final Map<String, PatternValues> patterns = new HashMap<>();

  /** A generator of lines with {@link Settings#of} settings. */
  public RequestGenerator(FactModel model, long seed, int facts, int invalidEvery) {
    this(model, Settings.of(seed, facts, invalidEvery));
  }

  /**
   * A generator over {@code model}.
   *
   * @throws IllegalArgumentException when a weighted type is not declared
   */
  public RequestGenerator(FactModel model, Settings settings) {
    this.model = Objects.requireNonNull(model, "model");
    this.settings = Objects.requireNonNull(settings, "settings");
    for (String type : settings.weights().keySet()) {
      if (model.type(type) == null) {
        throw new IllegalArgumentException(
            "unknown fact type "
                + type
                + "; expected one of "
                + String.join(", ", model.typeNames()));
      }
    }
    for (FactTypeDecl t : model.types()) {
      for (FieldDecl f : t.fields()) {
        if (f.kind() == FieldKind.TEXT && f.oneOf().isEmpty() && f.pattern() != null) {
          PatternValues values = PatternValues.of(f.pattern());
          if (values != null) {
            patterns.put(t.name() + "." + f.name(), values);
          } else if (f.required()) {
            notGeneratable.put(t.name(), f.name() + " has a pattern the generator cannot follow");
          }
        }
      }
    }
  }

  /** The model the requests are made for. */
  public FactModel model() {
    return model;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * The declared types this generator never makes, each with the reason (a required text field
   * whose pattern is not simple).
   */
  public Map<String, String> skippedTypes() {
    return Collections.unmodifiableMap(notGeneratable);
  }

  /** True when line {@code n} is invalid on purpose. */
  public boolean isInvalid(long n) {
    return settings.invalidEvery() > 0 && n % settings.invalidEvery() == 0;
  }

  /** Line {@code n} (1-based), without its line end. */
  public String line(long n) {
    String valid = valid(n);
    if (!isInvalid(n)) {
      return valid;
    }
    switch ((int) ((n / settings.invalidEvery()) % 3)) {
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

  /** The valid request behind line {@code n}, as compact JSON. */
  public String valid(long n) {
    return draft(n).json();
  }

  /**
   * The valid request behind line {@code n}, with every defaulted field of its facts set (as the
   * JSON reader gives it).
   */
  public Request request(long n) {
    Draft d = draft(n);
    List<Fact> facts = new ArrayList<>(d.facts.size());
    for (Made f : d.facts) {
      facts.add(f.fact);
    }
    return new Request(d.requestId, d.asOf, d.subject, d.areas, facts);
  }

  // ------------------------------------------------------------------------------ requests

  /** A request before it is written. */
  private record Draft(
      String requestId,
      LocalDate asOf,
      Subject subject,
      @Nullable List<Area> areas,
      List<Made> facts) {

    String json() {
      Json j = new Json();
      j.open();
      j.key("requestId").str(requestId);
      j.key("asOf").str(asOf.toString());
      j.key("subject").open();
      j.key("id").str(subject.id());
      j.key("type").str(subject.type().name());
      if (subject.name() != null) {
        j.key("name").str(subject.name());
      }
      if (subject.region() != null) {
        j.key("region").str(subject.region());
      }
      if (subject.establishedOn() != null) {
        j.key("establishedOn").str(subject.establishedOn().toString());
      }
      j.close();
      if (areas != null) {
        j.key("areas").list(areas.stream().map(Area::name).toList());
      }
      j.key("facts").raw("[");
      for (int i = 0; i < facts.size(); i++) {
        if (i > 0) {
          j.raw(",");
        }
        Made f = facts.get(i);
        j.open();
        j.key("id").str(f.id);
        j.key("type").str(f.type.name());
        f.values.forEach((k, v) -> j.key(k).value(v));
        j.close();
      }
      j.raw("]");
      j.close();
      return j.toString();
    }
  }

  /**
   * One generated fact: its declaration, id, the values given (defaults left out) and the fact as
   * the validator sees it (with defaults).
   */
  private record Made(FactTypeDecl type, String id, Map<String, Object> values, Fact fact) {
    static Made of(FactTypeDecl type, String id, Map<String, Object> values) {
      // only the values given: a defaulted field left out has its default in rules
      return new Made(type, id, values, Fact.of(type.name(), id, values));
    }
  }

  private Draft draft(long n) {
    SplittableRandom r = new SplittableRandom(mix(settings.seed() * 0x9E3779B97F4A7C15L + n));
    LocalDate anchor = settings.firstAsOf().plusDays(r.nextInt(settings.asOfDays()));
    SubjectType subjectType = subjectType(r);
    String region = REGIONS[r.nextInt(REGIONS.length)];
    int count = settings.varyFacts() ? r.nextInt(settings.facts() + 1) : settings.facts();
    Facts facts = new Facts(r, anchor, subjectType, region);
    facts.fill(count);
    List<Made> made = new ArrayList<>(facts.made);
    LocalDate asOf = anchor;
    if (settings.boundaries()) {
      Collections.shuffle(made, new Random(r.nextLong()));
      asOf = boundaryAsOf(r, made);
    }
    Subject subject = subject(r, subjectType, region, asOf);
    List<Area> areas = null;
    if (settings.areasEvery() > 0 && r.nextInt(settings.areasEvery()) == 0) {
      Set<Area> picked = EnumSet.noneOf(Area.class);
      int k = 1 + r.nextInt(3);
      for (int i = 0; i < k; i++) {
        picked.add(Area.values()[r.nextInt(Area.values().length)]);
      }
      areas = List.copyOf(picked);
    }
    return new Draft(settings.requestIdPrefix() + n, asOf, subject, areas, made);
  }

  /** A day on or next to a boundary of the facts' terms, 29 February, or any day. */
  private LocalDate boundaryAsOf(SplittableRandom r, List<Made> facts) {
    List<LocalDate> days = new ArrayList<>();
    for (Made f : facts) {
      for (Map.Entry<String, Object> e : f.values.entrySet()) {
        if (e.getValue() instanceof LocalDate d) {
          days.add(d);
        }
      }
      if (f.type.ownDateIsYearEnd() && f.values.get(f.type.ownDate()) instanceof Integer year) {
        for (int k = 0; k <= 3; k++) {
          days.add(LocalDate.of(year + k, Month.DECEMBER, 31));
        }
      }
    }
    int pick = r.nextInt(10);
    if (pick == 0) {
      int year = settings.firstAsOf().getYear() + r.nextInt(settings.asOfDays() / 365 + 1);
      while (!Year.isLeap(year)) {
        year++;
      }
      return LocalDate.of(year, 2, 29);
    }
    if (pick == 1 || days.isEmpty()) {
      return settings.firstAsOf().plusDays(r.nextInt(settings.asOfDays()));
    }
    LocalDate d = days.get(r.nextInt(days.size()));
    int months = r.nextInt(3) == 0 ? 0 : BOUNDARY_MONTHS[r.nextInt(BOUNDARY_MONTHS.length)];
    return d.plusMonths(months).plusDays(r.nextInt(3) - 1);
  }

  /** Term lengths a boundary may be after a date: 6 months to 8 years. */
  private static final int[] BOUNDARY_MONTHS = {6, 12, 24, 36, 48, 60, 72, 84, 96};

  // ------------------------------------------------------------------------------ subjects

  private SubjectType subjectType(SplittableRandom r) {
    int total = 0;
    // SUBJECT_WEIGHTS and PREFIXES have every subject type
    for (SubjectType t : settings.subjectTypes()) {
      total += Objects.requireNonNull(SUBJECT_WEIGHTS.get(t));
    }
    int pick = r.nextInt(total);
    for (SubjectType t : settings.subjectTypes()) {
      pick -= Objects.requireNonNull(SUBJECT_WEIGHTS.get(t));
      if (pick < 0) {
        return t;
      }
    }
    throw new IllegalStateException();
  }

  private static Subject subject(
      SplittableRandom r, SubjectType type, String region, LocalDate asOf) {
    if (type == SubjectType.NATURAL_PERSON) {
      LocalDate born = asOf.minusYears(20).minusDays(r.nextInt(50 * 365));
      if (r.nextInt(12) == 0) {
        // born on 29 February: the birthdays fall on 28 February in other years
        int year = born.getYear();
        while (!Year.isLeap(year)) {
          year--;
        }
        born = LocalDate.of(year, 2, 29);
      }
      return new Subject(residentId(r, region, born), type, "自然人" + r.nextInt(10_000), null, null);
    }
    List<String> prefixes = Objects.requireNonNull(PREFIXES.get(type));
    String id = creditCode(r, prefixes.get(r.nextInt(prefixes.size())), region);
    LocalDate established = r.nextInt(8) == 0 ? null : asOf.minusDays(365L + r.nextInt(20 * 365));
    String name = (type == SubjectType.ENTERPRISE ? "某有限公司" : "某单位") + r.nextInt(100_000);
    return new Subject(id, type, name, region, established);
  }

  /** A unified social credit code with this prefix and region and a correct check character. */
  static String creditCode(SplittableRandom r, String prefix, String region) {
    StringBuilder code = new StringBuilder(prefix).append(region);
    for (int i = 0; i < 9; i++) {
      code.append(USCC_CHARS.charAt(r.nextInt(USCC_CHARS.length())));
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(code.charAt(i)) * USCC_WEIGHTS[i];
    }
    return code.append(USCC_CHARS.charAt((31 - sum % 31) % 31)).toString();
  }

  /** A resident identity number of this region and birth day with a correct check character. */
  static String residentId(SplittableRandom r, String region, LocalDate born) {
    StringBuilder id =
        new StringBuilder(region)
            .append(
                String.format(
                    "%04d%02d%02d", born.getYear(), born.getMonthValue(), born.getDayOfMonth()))
            .append(String.format("%03d", r.nextInt(1000)));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * RID_WEIGHTS[i];
    }
    return id.append(RID_CHECKS.charAt(sum % 11)).toString();
  }

  /**
   * For each organisation type, the two-character credit code prefixes {@link
   * SubjectIds#typeOfPrefix} reserves for it, or, when none does, the digit prefixes it leaves open
   * to any organisation.
   */
  private static Map<SubjectType, List<String>> prefixes() {
    Map<SubjectType, List<String>> out = new EnumMap<>(SubjectType.class);
    List<String> open = new ArrayList<>();
    for (char a = '1'; a <= '9'; a++) {
      for (char b = '1'; b <= '9'; b++) {
        String p = "" + a + b;
        SubjectIds.typeOfPrefix(p)
            .ifPresentOrElse(
                t -> out.computeIfAbsent(t, k -> new ArrayList<>()).add(p), () -> open.add(p));
      }
    }
    for (SubjectType t : SubjectType.values()) {
      if (t.isOrganisation()) {
        out.putIfAbsent(t, open);
      }
    }
    out.replaceAll((t, list) -> List.copyOf(list));
    return out;
  }

  // ------------------------------------------------------------------------------ facts

  /** The facts of one request. */
  private final class Facts {
    final SplittableRandom r;
    final LocalDate asOf;
    final SubjectType subjectType;
    final String region;
    final List<Made> made = new ArrayList<>();

    /** The facts already named as a dispute's replacement. */
    final Set<String> replacementsUsed = new HashSet<>();

    /** The types allowed for the subject that can be generated, in model order. */
    final List<FactTypeDecl> eligible = new ArrayList<>();

    /** Types that cannot give another fact in this request. */
    final Set<String> exhausted = new HashSet<>();

    /** Each grade scheme's years, by type. */
    final Map<String, Years> years = new HashMap<>();

    /** The values of each unique check seen so far, by type and check. */
    final Set<List<Object>> uniques = new HashSet<>();

    /** The pack folders the subject's facts come from. */
    final Set<String> packs = new LinkedHashSet<>();

    int next = 1;

    Facts(SplittableRandom r, LocalDate asOf, SubjectType subjectType, String region) {
      this.r = r;
      this.asOf = asOf;
      this.subjectType = subjectType;
      this.region = region;
      for (FactTypeDecl t : model.types()) {
        if (t.subjects().contains(subjectType)
            && !notGeneratable.containsKey(t.name())
            && (settings.weights().isEmpty() || settings.weights().getOrDefault(t.name(), 0) > 0)) {
          eligible.add(t);
        }
      }
    }

    void fill(int count) {
      if (settings.weights().isEmpty()) {
        spread(count);
      } else {
        weighted(count);
      }
    }

    /** Facts from up to {@value #PACKS_PER_SUBJECT} pack folders, one in five naming another. */
    void spread(int count) {
      boolean namers = eligible.stream().anyMatch(RequestGenerator::namesAnother);
      int namingSlots = namers && count >= 4 ? Math.max(1, count / 5) : 0;
      int own = count - namingSlots;
      List<String> folders = new ArrayList<>();
      for (FactTypeDecl t : eligible) {
        if (!namesAnother(t) && !folders.contains(t.pack())) {
          folders.add(t.pack());
        }
      }
      List<String> chosen = new ArrayList<>();
      int k = Math.min(PACKS_PER_SUBJECT, Math.min(own, folders.size()));
      for (int i = 0; i < k; i++) {
        chosen.add(folders.remove(r.nextInt(folders.size())));
      }
      packs.addAll(chosen);
      for (int i = 0; i < own; i++) {
        String pack = chosen.isEmpty() ? null : chosen.get(i % chosen.size());
        if (!ownFact(pack) && !ownFact(null)) {
          return;
        }
      }
      for (int i = 0; i < namingSlots; i++) {
        if (!namingFact() && !ownFact(null)) {
          return;
        }
      }
    }

    /** A fact that names no other, of a type of {@code pack} (any pack when null or none left). */
    boolean ownFact(@Nullable String pack) {
      List<FactTypeDecl> choice = new ArrayList<>();
      for (FactTypeDecl t : eligible) {
        if (!namesAnother(t)
            && !exhausted.contains(t.name())
            && (pack == null || t.pack().equals(pack))) {
          choice.add(t);
        }
      }
      while (!choice.isEmpty()) {
        FactTypeDecl t = choice.remove(r.nextInt(choice.size()));
        if (make(t)) {
          return true;
        }
        exhausted.add(t.name());
      }
      return false;
    }

    /** A fact that names another (a commitment, a grant, a correction), when one has a target. */
    boolean namingFact() {
      List<FactTypeDecl> choice = new ArrayList<>();
      for (FactTypeDecl t : eligible) {
        if (namesAnother(t) && !exhausted.contains(t.name())) {
          choice.add(t);
        }
      }
      while (!choice.isEmpty()) {
        FactTypeDecl t = choice.remove(r.nextInt(choice.size()));
        if (make(t)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The weighted types in their proportions: each its rounded share, the heaviest the rest and
     * whatever another could not take; types that name another come last.
     */
    void weighted(int count) {
      Map<FactTypeDecl, Integer> weights = new LinkedHashMap<>();
      int total = 0;
      for (Map.Entry<String, Integer> e : settings.weights().entrySet()) {
        FactTypeDecl t = model.type(e.getKey());
        if (eligible.contains(t)) {
          weights.put(t, e.getValue());
          total += e.getValue();
        }
      }
      if (weights.isEmpty() || count == 0) {
        return;
      }
      weights.keySet().forEach(t -> packs.add(t.pack()));
      // weights is not empty, so there is a heaviest type; every type here has a weight and a count
      FactTypeDecl heaviest = null;
      int heaviestWeight = 0;
      for (Map.Entry<FactTypeDecl, Integer> e : weights.entrySet()) {
        if (heaviest == null
            || e.getValue() > heaviestWeight
            || (e.getValue() == heaviestWeight
                && namesAnother(heaviest)
                && !namesAnother(e.getKey()))) {
          heaviest = e.getKey();
          heaviestWeight = e.getValue();
        }
      }
      Objects.requireNonNull(heaviest);
      Map<FactTypeDecl, Integer> counts = new LinkedHashMap<>();
      int assigned = 0;
      for (Map.Entry<FactTypeDecl, Integer> e : weights.entrySet()) {
        if (e.getKey() != heaviest) {
          int c = Math.min(count - assigned, Math.round((float) count * e.getValue() / total));
          counts.put(e.getKey(), c);
          assigned += c;
        }
      }
      counts.put(heaviest, count - assigned);
      int missing = 0;
      for (boolean naming : new boolean[] {false, true}) {
        // what a type could not take goes to the heaviest type that names no other
        for (Map.Entry<FactTypeDecl, Integer> e : weights.entrySet()) {
          FactTypeDecl t = e.getKey();
          if (namesAnother(t) != naming || t == heaviest) {
            continue;
          }
          missing += makeSome(t, Objects.requireNonNull(counts.get(t)));
        }
        if (namesAnother(heaviest) == naming) {
          missing += makeSome(heaviest, Objects.requireNonNull(counts.get(heaviest)));
        }
        missing = makeSome(heaviestOwn(weights), missing);
      }
      for (int i = 0; i < missing; i++) {
        if (!ownFact(null)) {
          return;
        }
      }
    }

    @Nullable FactTypeDecl heaviestOwn(Map<FactTypeDecl, Integer> weights) {
      FactTypeDecl best = null;
      for (Map.Entry<FactTypeDecl, Integer> e : weights.entrySet()) {
        if (!namesAnother(e.getKey())
            && !exhausted.contains(e.getKey().name())
            && (best == null || e.getValue() > Objects.requireNonNull(weights.get(best)))) {
          best = e.getKey();
        }
      }
      return best;
    }

    /** Makes up to {@code count} facts of {@code t}; returns how many it could not make. */
    int makeSome(@Nullable FactTypeDecl t, int count) {
      for (int i = 0; i < count; i++) {
        if (t == null || exhausted.contains(t.name()) || !make(t)) {
          if (t != null && !namesAnother(t)) {
            exhausted.add(t.name());
          }
          return count - i;
        }
      }
      return 0;
    }

    /** Adds a fact of {@code t}; false when none can be made now. */
    boolean make(FactTypeDecl t) {
      for (int attempt = 0; attempt < 5; attempt++) {
        Values drawn = new Values(t);
        Map<String, Object> values = drawn.values();
        if (values == null) {
          if (drawn.mendFailed) {
            // a conditional check could not be mended with these values: draw again
            continue;
          }
          return false;
        }
        List<List<Object>> keys = uniqueKeys(t, values);
        if (keys.stream().anyMatch(uniques::contains)) {
          continue;
        }
        uniques.addAll(keys);
        made.add(Made.of(t, "f" + next++, values));
        if (t.dispute() != null
            && t.dispute().replacement() != null
            && values.get(t.dispute().replacement()) instanceof String used) {
          replacementsUsed.add(used);
        }
        return true;
      }
      return false;
    }

    /** The keys of {@code t}'s unique checks for these values (none when a value is missing). */
    List<List<Object>> uniqueKeys(FactTypeDecl t, Map<String, Object> values) {
      List<List<Object>> keys = new ArrayList<>();
      for (int i = 0; i < t.checks().size(); i++) {
        if (t.checks().get(i) instanceof Check.Unique u) {
          List<Object> key = new ArrayList<>();
          key.add(t.name());
          key.add(i);
          key.add(values.get(u.field()));
          for (String also : u.also()) {
            key.add(values.get(also));
          }
          if (!key.contains(null)) {
            keys.add(key);
          }
        }
      }
      return keys;
    }

    // ---------------------------------------------------------------- one fact

    /** The values of one new fact of a type, field by field. */
    private final class Values {
      final FactTypeDecl t;
      final Map<String, Object> values = new HashMap<>();
      final Set<String> present = new HashSet<>();
      final Set<String> computing = new HashSet<>();

      /** The fact named by each reference field given. */
      final Map<String, Made> targets = new HashMap<>();

      /** The record's first day when it names none: up to a few years before asOf. */
      @SuppressWarnings("NullAway.Init") // set by values() before any value is made
      LocalDate anchor;

      /** True when {@link #values()} gave up because a conditional check could not be mended. */
      boolean mendFailed;

      Values(FactTypeDecl t) {
        this.t = t;
      }

      /** The field {@code name} a check names: the fact model's reader checked it is declared. */
      FieldDecl declared(String name) {
        return Objects.requireNonNull(t.field(name), name);
      }

      /** The values in declaration order, or null when the type cannot give a fact now. */
      @Nullable Map<String, Object> values() {
        GradeScheme grade = t.grade();
        // which fields are given
        for (FieldDecl f : t.fields()) {
          boolean given =
              switch (f.presence()) {
                case REQUIRED -> true;
                case OPTIONAL -> r.nextBoolean();
                case DEFAULTED -> r.nextInt(3) == 0;
              };
          if (given && generatable(f)) {
            present.add(f.name());
          } else if (f.required()) {
            return null;
          }
        }
        // targets first: the dates follow them
        for (FieldDecl f : t.fields()) {
          if (f.kind() == FieldKind.REFERENCE && present.contains(f.name())) {
            Made target = target(f);
            if (target == null) {
              if (f.required()) {
                return null;
              }
              present.remove(f.name());
            } else {
              targets.put(f.name(), target);
              values.put(f.name(), target.id);
            }
          }
        }
        anchor = anchor();
        if (grade != null) {
          Years y = years.computeIfAbsent(t.name(), k -> new Years());
          Integer year = y.next();
          if (year == null) {
            return null;
          }
          values.put(grade.year(), year);
          List<String> levels = grade.levels();
          values.put(
              grade.level(),
              y.streak && (y.count > 1 || r.nextBoolean())
                  ? levels.get(0)
                  : levels.get(r.nextInt(levels.size())));
        }
        for (FieldDecl f : t.fields()) {
          if (present.contains(f.name()) && !values.containsKey(f.name())) {
            Object v = value(f);
            if (v == null) {
              if (f.required()) {
                return null;
              }
              present.remove(f.name());
            } else {
              values.put(f.name(), v);
            }
          }
        }
        applyChecks();
        if (!applyConditions()) {
          mendFailed = true;
          return null;
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDecl f : t.fields()) {
          if (values.containsKey(f.name())) {
            ordered.put(f.name(), values.get(f.name()));
          }
        }
        if (r.nextInt(3) == 0) {
          ordered.put("authority", "某行政机关" + (1 + r.nextInt(50)));
        }
        if (r.nextInt(4) == 0) {
          ordered.put("documentNo", "文号〔" + asOf.getYear() + "〕" + (1 + r.nextInt(999)) + "号");
        }
        return ordered;
      }

      /** False for a field no value can be made for (a pattern that is not simple). */
      boolean generatable(FieldDecl f) {
        return f.kind() != FieldKind.TEXT
            || !f.oneOf().isEmpty()
            || f.pattern() == null
            || patterns.containsKey(t.name() + "." + f.name());
      }

      /** The record's first day, before its other dates are known. */
      LocalDate anchor() {
        for (Made target : targets.values()) {
          LocalDate start = target.type.start(target.fact());
          if (start != null) {
            return after(start);
          }
        }
        if (r.nextInt(25) == 0) {
          return asOf.plusDays(r.nextInt(120)); // after asOf: it plays no part yet
        }
        return asOf.minusDays(r.nextInt(settings.spanYears() * 365));
      }

      /** A fact a reference field may name, or null when the request has none. */
      @Nullable Made target(FieldDecl f) {
        DisputeRole dispute = t.dispute();
        boolean replacement = dispute != null && f.name().equals(dispute.replacement());
        Made disputed = dispute != null && replacement ? targets.get(dispute.target()) : null;
        List<Made> candidates = new ArrayList<>();
        // a reference field declares what it may name
        FieldDecl.Reference reference = Objects.requireNonNull(f.reference());
        for (Made m : made) {
          boolean allowed =
              reference.repairableOnly()
                  ? m.type.isRepairable(m.fact())
                  : reference.anyType() || reference.types().contains(m.type.name());
          if (replacement) {
            // a dispute's replacement: of the disputed record's type, not the record itself, and
            // named by no earlier dispute (commitments-objections.md B1 item 9)
            allowed &=
                disputed != null
                    && m.type == disputed.type
                    && m != disputed
                    && !replacementsUsed.contains(m.id);
          }
          if (allowed) {
            candidates.add(m);
          }
        }
        return candidates.isEmpty() ? null : candidates.get(r.nextInt(candidates.size()));
      }

      /** A value for a field that is given, or null when none fits. */
      @Nullable Object value(FieldDecl f) {
        GrantRole grant = t.grant();
        if (grant != null && f.name().equals(grant.newGrade())) {
          return newGrade(targets.get(grant.target()));
        }
        return switch (f.kind()) {
          case DATE -> date(f.name());
          case INTEGER -> integer(f);
          case DECIMAL -> decimal();
          case TEXT -> text(f);
          case ENUMERATION -> code(f);
          case ENUMERATION_LIST -> codes(f);
          case BOOLEAN ->
              f.presence() == Presence.DEFAULTED && r.nextBoolean()
                  ? f.defaultValue()
                  : (Object) r.nextBoolean();
          case REFERENCE -> null;
        };
      }

      /** A grade of the target's scheme that a grant may give, or null when none may. */
      @Nullable String newGrade(@Nullable Made target) {
        if (target == null || target.type.grade() == null) {
          return null;
        }
        GradeScheme scheme = target.type.grade();
        List<String> allowed = new ArrayList<>(scheme.levels());
        allowed.removeAll(scheme.notAsNewGrade());
        return allowed.isEmpty() ? null : allowed.get(r.nextInt(allowed.size()));
      }

      /**
       * A date: a grade's publication after its year; after the target's start for a fact that may
       * not precede it; after another date it may not precede; the anchor for the own date; else
       * days to years after the own date.
       */
      LocalDate date(String field) {
        if (values.get(field) instanceof LocalDate d) {
          return d;
        }
        if (!computing.add(field)) {
          return anchor; // a cycle of checks: the anchor satisfies each
        }
        LocalDate d = null;
        for (Check c : t.checks()) {
          if (c instanceof Check.YearOver y
              && y.on().equals(field)
              && values.get(y.field()) instanceof Integer year) {
            d = published(year);
          }
        }
        for (Check c : t.checks()) {
          if (d == null && c instanceof Check.NotBeforeTarget b && b.field().equals(field)) {
            Made target = targets.get(b.target());
            LocalDate start = target == null ? null : target.type.start(target.fact());
            if (start != null) {
              d = after(start);
            }
          }
        }
        for (Check c : t.checks()) {
          if (d == null
              && c instanceof Check.NotBefore b
              && b.field().equals(field)
              && present.contains(b.than())) {
            d = after(date(b.than()));
          }
        }
        if (d == null) {
          if (field.equals(t.ownDate()) || field.equals(t.startField())) {
            d = anchor;
          } else {
            FieldDecl own = t.field(t.ownDate());
            boolean dated =
                own != null && own.kind() == FieldKind.DATE && present.contains(own.name());
            d = after(own != null && dated ? date(own.name()) : anchor);
          }
        }
        values.put(field, d);
        return d;
      }

      /** A day after the year is over: mostly in its spring, sometimes up to two years later. */
      LocalDate published(int year) {
        LocalDate first = LocalDate.of(year + 1, 1, 1);
        return r.nextInt(8) == 0
            ? first.plusDays(r.nextInt(700))
            : first.plusDays(60 + r.nextInt(120));
      }

      /** The same day, a few days to three months after, or up to three years after. */
      LocalDate after(LocalDate d) {
        return switch (r.nextInt(6)) {
          case 0 -> d;
          case 1 -> d.plusDays(r.nextInt(1200));
          default -> d.plusDays(r.nextInt(91));
        };
      }

      Integer integer(FieldDecl f) {
        if (f.name().equals(t.ownDate()) && t.ownDateIsYearEnd()) {
          return anchor.getYear() - 1; // a year that names the record's own date
        }
        if (f.presence() == Presence.DEFAULTED && r.nextBoolean()) {
          // a defaulted field has its default
          return ((Number) Objects.requireNonNull(f.defaultValue())).intValue();
        }
        for (Check c : t.checks()) {
          if (c instanceof Check.YearOver y && y.field().equals(f.name())) {
            return anchor.getYear() - 1 - r.nextInt(2);
          }
        }
        long lo;
        long hi;
        if (f.min() == null && f.max() == null) {
          lo = 1;
          hi = 100;
        } else if (f.max() == null) {
          lo = Objects.requireNonNull(f.min());
          hi = lo + 4;
        } else if (f.min() == null) {
          hi = f.max();
          lo = hi - 4;
        } else {
          lo = f.min();
          hi = f.max();
        }
        lo = Math.max(lo, Integer.MIN_VALUE);
        hi = Math.min(hi, Integer.MAX_VALUE);
        return (int) (lo + r.nextLong(hi - lo + 1));
      }

      BigDecimal decimal() {
        return switch (r.nextInt(3)) {
          case 0 -> BigDecimal.valueOf(40 + r.nextInt(60));
          case 1 -> BigDecimal.valueOf(r.nextInt(10_000_000), 2);
          default -> BigDecimal.valueOf(1000L * (1 + r.nextInt(500)));
        };
      }

      /**
       * A code of an enumeration; for the field naming the sector of a record's repair, one time in
       * two the pack folder of one of the subject's types, when that is a code (a penalty of a
       * sector the subject has records in).
       */
      String code(FieldDecl f) {
        return pick(f, f.values());
      }

      String pick(FieldDecl f, List<String> codes) {
        if (f.name().equals(t.repairSector()) && r.nextBoolean()) {
          List<String> sectors = new ArrayList<>();
          for (String pack : packs) {
            if (codes.contains(pack)) {
              sectors.add(pack);
            }
          }
          if (!sectors.isEmpty()) {
            return sectors.get(r.nextInt(sectors.size()));
          }
        }
        return codes.get(r.nextInt(codes.size()));
      }

      String text(FieldDecl f) {
        if (FieldDecl.CREDIT_CODE.equals(f.format())) {
          // a unified social credit code of an enterprise in one of the regions
          return creditCode(r, "91", REGIONS[r.nextInt(REGIONS.length)]);
        }
        if (!f.oneOf().isEmpty()) {
          return pick(f, f.oneOf());
        }
        PatternValues p = patterns.get(t.name() + "." + f.name());
        if (p != null) {
          if (r.nextBoolean()) {
            // a code that is part of the subject's region (a province of its region code)
            for (int len = 1; len <= region.length(); len++) {
              if (p.matches(region.substring(0, len))) {
                return region.substring(0, len);
              }
            }
          }
          return p.next(r);
        }
        return "文本" + r.nextInt(1000);
      }

      List<String> codes(FieldDecl f) {
        int k = 1 + r.nextInt(Math.min(3, f.values().size()));
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < k; i++) {
          picked.add(f.values().get(r.nextInt(f.values().size())));
        }
        List<String> out = new ArrayList<>();
        for (String v : f.values()) {
          if (picked.contains(v)) {
            out.add(v);
          }
        }
        return out;
      }

      /** Drops or mends what a declared check would reject. */
      void applyChecks() {
        for (Check c : t.checks()) {
          if (c instanceof Check.OnlyWhen w && values.containsKey(w.field())) {
            Object other = values.get(w.other());
            if (other == null || !w.values().contains(String.valueOf(other))) {
              if (declared(w.field()).required() && generatableOther(w)) {
                values.put(w.other(), w.values().get(r.nextInt(w.values().size())));
              } else {
                values.remove(w.field());
              }
            }
          } else if (c instanceof Check.Exclusive x
              && Boolean.TRUE.equals(values.get(x.field()))
              && values.containsKey(x.with())) {
            if (!declared(x.with()).required() && r.nextBoolean()) {
              values.remove(x.with());
            } else if (declared(x.field()).required()) {
              values.put(x.field(), Boolean.FALSE);
            } else {
              values.remove(x.field());
            }
          } else if (c instanceof Check.NotBefore b
              && values.get(b.field()) instanceof LocalDate d
              && values.get(b.than()) instanceof LocalDate than
              && d.isBefore(than)) {
            values.put(b.field(), than);
          }
        }
        for (FieldDecl f : t.fields()) {
          if (f.yearsFrom() != null
              && values.get(f.name()) instanceof Integer v
              && values.get(f.yearsFrom().from()) instanceof LocalDate from
              && from.getYear() + (long) v > 9999) {
            values.put(f.name(), 9999 - from.getYear());
          }
        }
      }

      /** The values as a declared condition reads them. */
      Condition.Values view() {
        return new Condition.Values() {
          @Override
          public @Nullable Object value(String name) {
            Object v = values.get(name);
            if (v == null) {
              FieldDecl f = t.field(name);
              return f == null ? null : f.defaultValue();
            }
            return v;
          }

          @Override
          public boolean given(String name) {
            return values.get(name) != null;
          }

          @Override
          public @Nullable String typeOf(String name) {
            Made m = targets.get(name);
            return m == null || !m.id.equals(values.get(name)) ? null : m.type.name();
          }
        };
      }

      /**
       * Drops or mends what the conditional checks ({@code forbid}, {@code require}, {@code
       * notAfterTerm}, {@code sameAsTarget}) would reject; false when the fact cannot be mended.
       */
      boolean applyConditions() {
        for (int pass = 0; pass < 3; pass++) {
          boolean changed = false;
          for (Check c : t.checks()) {
            if (c instanceof Check.Forbid x
                && values.get(x.field()) != null
                && x.when().test(view())) {
              if (declared(x.field()).required()) {
                // a required field: another value, if one lifts the condition
                Object other = null;
                for (int i = 0; i < 8 && other == null; i++) {
                  Object v = value(declared(x.field()));
                  values.put(x.field(), v);
                  if (v != null && !x.when().test(view())) {
                    other = v;
                  }
                }
                if (other == null) {
                  return false;
                }
              } else {
                values.remove(x.field());
              }
              changed = true;
            } else if (c instanceof Check.Require q
                && new Condition.Given(q.field(), false).test(view())
                && q.when().test(view())) {
              FieldDecl f = declared(q.field());
              Object v = f.kind() == FieldKind.REFERENCE ? null : value(f);
              if (v == null) {
                return false;
              }
              values.put(f.name(), v);
              changed = true;
            } else if (c instanceof Check.NotAfterTerm n
                && values.get(n.field()) instanceof LocalDate end
                && values.get(n.years()) instanceof Integer years) {
              LocalDate start = null;
              for (String f : n.start()) {
                if (start == null && values.get(f) instanceof LocalDate d) {
                  start = d;
                }
              }
              if (start != null && end.isAfter(start.plusMonths(12L * years))) {
                values.put(n.field(), start.plusMonths(12L * years));
                changed = true;
              }
            } else if (c instanceof Check.SameAsTarget a && values.get(a.field()) != null) {
              Made m = targets.get(a.field());
              Object theirs = m == null ? null : m.fact().get(a.that());
              if (theirs != null
                  && !String.valueOf(theirs).equals(String.valueOf(values.get(a.self())))) {
                if (declared(a.field()).required()) {
                  return false;
                }
                values.remove(a.field());
                changed = true;
              }
            }
          }
          if (!changed) {
            return true;
          }
        }
        return false;
      }

      /** True when the field {@code w.other()} may take any of {@code w.values()}. */
      boolean generatableOther(Check.OnlyWhen w) {
        FieldDecl other = t.field(w.other());
        return other != null
            && !w.values().isEmpty()
            && (other.kind() == FieldKind.ENUMERATION || other.kind() == FieldKind.TEXT);
      }
    }

    /** The years of one grade scheme: distinct, mostly consecutive, before asOf's year. */
    private final class Years {
      int next;
      int count;
      final boolean streak;

      Years() {
        next = asOf.getYear() - 1 - (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        // one scheme in four: a run of the best grade, perhaps ending with another
        streak = r.nextInt(4) == 0;
      }

      /** The next year (going back), or null when the scheme has all it may. */
      @Nullable Integer next() {
        if (count >= MAX_GRADE_YEARS || next < 1) {
          return null;
        }
        int year = next;
        next -= streak || r.nextInt(5) != 0 ? 1 : 2;
        count++;
        return year;
      }
    }
  }

  /**
   * True when a fact of {@code t} must name another fact (a required reference field): such facts
   * are made only once the request holds a fact they may name.
   */
  public static boolean namesAnother(FactTypeDecl t) {
    for (FieldDecl f : t.fields()) {
      if (f.kind() == FieldKind.REFERENCE && f.required()) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------ helpers

  /** SplitMix64's finaliser: turns neighbouring seeds into unrelated ones. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Values of a simple regular expression: literals, escaped characters, {@code \d}, character
   * classes with ranges, groups with alternatives, and the quantifiers {@code ? * + {n} {n,m}}.
   * Anything else (anchors, negated classes, back references, look-arounds) is not simple.
   */
  static final class PatternValues {
    private final Pattern pattern;
    private final Node root;

    private PatternValues(Pattern pattern, Node root) {
      this.pattern = pattern;
      this.root = root;
    }

    /** The values of {@code regex}, or null when it is not simple. */
    static @Nullable PatternValues of(String regex) {
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        return null;
      }
      Parser p = new Parser(regex);
      Node root;
      try {
        root = p.alternatives();
        if (p.at < regex.length()) {
          return null;
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
      PatternValues values = new PatternValues(pattern, root);
      // a check that the subset was understood: sample values must match
      SplittableRandom r = new SplittableRandom(regex.hashCode());
      for (int i = 0; i < 20; i++) {
        if (!values.matches(values.next(r))) {
          return null;
        }
      }
      return values;
    }

    boolean matches(String value) {
      return pattern.matcher(value).matches();
    }

    String next(SplittableRandom r) {
      StringBuilder out = new StringBuilder();
      root.emit(r, out);
      return out.toString();
    }

    private interface Node {
      void emit(SplittableRandom r, StringBuilder out);
    }

    private record Chars(String chars) implements Node {
      public void emit(SplittableRandom r, StringBuilder out) {
        out.append(chars.charAt(r.nextInt(chars.length())));
      }
    }

    private record Seq(List<Node> items) implements Node {
      public void emit(SplittableRandom r, StringBuilder out) {
        items.forEach(n -> n.emit(r, out));
      }
    }

    private record Alt(List<Node> options) implements Node {
      public void emit(SplittableRandom r, StringBuilder out) {
        options.get(r.nextInt(options.size())).emit(r, out);
      }
    }

    private record Repeat(Node node, int min, int max) implements Node {
      public void emit(SplittableRandom r, StringBuilder out) {
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
          node.emit(r, out);
        }
      }
    }

    private static final String DIGITS = "0123456789";
    private static final String WORD =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

    private static final class Parser {
      final String s;
      int at;

      Parser(String s) {
        this.s = s;
      }

      Node alternatives() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (at < s.length() && s.charAt(at) == '|') {
          at++;
          options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Alt(options);
      }

      Node sequence() {
        List<Node> items = new ArrayList<>();
        while (at < s.length() && s.charAt(at) != '|' && s.charAt(at) != ')') {
          items.add(quantified(atom()));
        }
        return new Seq(items);
      }

      Node atom() {
        char c = s.charAt(at++);
        switch (c) {
          case '(':
            {
              if (s.startsWith("?:", at)) {
                at += 2;
              } else if (at < s.length() && s.charAt(at) == '?') {
                throw new IllegalArgumentException("look-around");
              }
              Node inner = alternatives();
              expect(')');
              return inner;
            }
          case '[':
            return charClass();
          case '\\':
            return escape(false);
          case '.':
          case '^':
          case '$':
          case '*':
          case '+':
          case '?':
          case '{':
          case '}':
          case ']':
          case ')':
            throw new IllegalArgumentException("not simple: " + c);
          default:
            return new Chars(String.valueOf(c));
        }
      }

      /** After a backslash: a class escape or a literal punctuation character. */
      Chars escape(boolean inClass) {
        if (at >= s.length()) {
          throw new IllegalArgumentException("dangling escape");
        }
        char c = s.charAt(at++);
        if (c == 'd') {
          return new Chars(DIGITS);
        }
        if (c == 'w' && !inClass) {
          return new Chars(WORD);
        }
        if (!Character.isLetterOrDigit(c)) {
          return new Chars(String.valueOf(c));
        }
        throw new IllegalArgumentException("escape \\" + c);
      }

      Node charClass() {
        if (at < s.length() && s.charAt(at) == '^') {
          throw new IllegalArgumentException("negated class");
        }
        Set<Character> chars = new LinkedHashSet<>();
        boolean first = true;
        while (true) {
          if (at >= s.length()) {
            throw new IllegalArgumentException("unclosed class");
          }
          char c = s.charAt(at++);
          if (c == ']' && !first) {
            break;
          }
          first = false;
          if (c == '[' || c == '&') {
            throw new IllegalArgumentException("nested class");
          }
          String single;
          if (c == '\\') {
            single = escape(true).chars();
          } else {
            single = String.valueOf(c);
          }
          if (single.length() == 1
              && at + 1 < s.length()
              && s.charAt(at) == '-'
              && s.charAt(at + 1) != ']') {
            at++;
            char hi = s.charAt(at++);
            if (hi == '\\' || hi < single.charAt(0)) {
              throw new IllegalArgumentException("range");
            }
            for (char x = single.charAt(0); x <= hi; x++) {
              chars.add(x);
            }
          } else {
            for (char x : single.toCharArray()) {
              chars.add(x);
            }
          }
        }
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return new Chars(b.toString());
      }

      Node quantified(Node atom) {
        if (at >= s.length()) {
          return atom;
        }
        char c = s.charAt(at);
        int min;
        int max;
        switch (c) {
          case '?' -> {
            min = 0;
            max = 1;
            at++;
          }
          case '*' -> {
            min = 0;
            max = 3;
            at++;
          }
          case '+' -> {
            min = 1;
            max = 3;
            at++;
          }
          case '{' -> {
            int close = s.indexOf('}', at);
            if (close < 0) {
              throw new IllegalArgumentException("unclosed {");
            }
            String[] parts = s.substring(at + 1, close).split(",", -1);
            try {
              min = Integer.parseInt(parts[0]);
              max =
                  parts.length == 1
                      ? min
                      : parts[1].isEmpty() ? min + 3 : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("quantifier");
            }
            if (parts.length > 2 || min < 0 || max < min || max > 1000) {
              throw new IllegalArgumentException("quantifier");
            }
            at = close + 1;
          }
          default -> {
            return atom;
          }
        }
        if (at < s.length() && (s.charAt(at) == '?' || s.charAt(at) == '+')) {
          at++; // lazy or possessive: the same values
        }
        return new Repeat(atom, min, max);
      }

      void expect(char c) {
        if (at >= s.length() || s.charAt(at) != c) {
          throw new IllegalArgumentException("expected " + c);
        }
        at++;
      }
    }
  }

  /** A minimal compact JSON writer. */
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
      return str(key).raw(":");
    }

    Json raw(String text) {
      b.append(text);
      return this;
    }

    Json str(String value) {
      b.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          default -> {
            if (c < 0x20) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      b.append('"');
      return this;
    }

    Json list(List<String> values) {
      b.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        str(values.get(i));
      }
      b.append(']');
      return this;
    }

    Json value(@Nullable Object v) {
      if (v instanceof String s) {
        return str(s);
      }
      if (v instanceof LocalDate d) {
        return str(d.toString());
      }
      if (v instanceof BigDecimal d) {
        return raw(d.toPlainString());
      }
      if (v instanceof List<?> list) {
        return list(list.stream().map(String::valueOf).toList());
      }
      return raw(String.valueOf(v)); // Integer, Boolean
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}
