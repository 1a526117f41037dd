package dev.creditrules.cli.golden;

import static dev.creditrules.cli.golden.Trees.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.cli.Main;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the golden request set: about 30,000 JSON Lines, deterministic (fixed seeds, inputs read
 * in path order), in blocks by category. See {@code src/test/resources/golden/README.md}.
 *
 * <ul>
 *   <li>{@code valid/*}: requests from the {@code generate} command (run in-process, exactly as
 *       {@code bin/credit-rules generate --count N --seed S --facts F --out -}), some moved by
 *       whole years (older and newer pack versions), some given the fact types {@code generate}
 *       never makes (labour grades, major labour violations, wage-arrears cases, environment
 *       rectifications), some re-issued for every subject type, some with {@code areas} filters;
 *   <li>{@code boundary/*}: every request of {@code examples/requests/} and of the pack cases, at
 *       its own {@code asOf}, one day either side, and around every date it holds;
 *   <li>{@code invalid/*}: mutations of valid requests ({@link Mutations}).
 * </ul>
 *
 * <p>Every line is non-blank, so output line {@code i} answers input line {@code i}. {@code main}
 * writes {@code requests.jsonl.gz}; {@link GoldenDecisionsTest} with {@code -Dgolden.record=true}
 * calls it too.
 */
public final class GoldenRequests {
  /** One line of the set: its category and its exact bytes (without the line end). */
  public record GoldenLine(String category, byte[] bytes) {
    static GoldenLine of(String category, ObjectNode request) {
      return new GoldenLine(category, Trees.write(request).getBytes(StandardCharsets.UTF_8));
    }

    static GoldenLine text(String category, String text) {
      return new GoldenLine(category, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code generate} runs for the plain valid block: seed, facts per request, count. */
  private static final long[][] GENERATE_RUNS = {
    {101, 10, 200},
    {102, 6, 400},
    {103, 4, 600},
    {104, 3, 600},
    {105, 2, 600},
    {106, 1, 500},
    {107, 0, 100},
  };

  /** Whole-year moves for the shifted block (general 2019.07, tax 2014.10 and older facts). */
  private static final int[] YEAR_SHIFTS = {-8, -7, -6, -5, -4, -3, -2, 2, 4, 6};

  private static final String[] AREAS = {
    "PUBLIC_PROCUREMENT", "BIDDING", "FISCAL_FUNDS", "HONOURS", "MARKET_ACCESS", "LICENSING",
    "FINANCING", "TAX_PREFERENCES", "INVOICES", "EXPORT_REFUND", "INSPECTION", "PUBLICATION",
    "TRAVEL_CONSUMPTION", "RESEARCH_FUNDING", "EMPLOYMENT", "ADMINISTRATIVE_SERVICES"
  };

  /** Month offsets around each date of a boundary request (terms of 3, 6, 12, 36, 60 months). */
  private static final int[] BOUNDARY_MONTHS = {0, 3, 6, 12, 36, 60, -12, -36};

  private GoldenRequests() {}

  /** Writes the set to {@code args[0]} (default: the golden folder) and prints its categories. */
  public static void main(String[] args) throws IOException {
    Path repo = repoRoot();
    Path out =
        args.length > 0
            ? Path.of(args[0])
            : repo.resolve("rules-cli/src/test/resources/golden/requests.jsonl.gz");
    List<GoldenLine> lines = build(repo);
    write(lines, out);
    counts(lines).forEach((k, v) -> System.out.println(v + "\t" + k));
    System.out.println(lines.size() + "\ttotal, written to " + out);
  }

  /** The checkout's root, from the module folder (Maven's working directory) or the root. */
  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("rules-drl")) ? here : here.getParent();
  }

  /** Lines per category, in the order the categories first appear. */
  static Map<String, Integer> counts(List<GoldenLine> lines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    lines.forEach(l -> counts.merge(l.category(), 1, Integer::sum));
    return counts;
  }

  /**
   * Writes {@code lines}, LF after each, gzipped at the best compression (same bytes every time).
   */
  static void write(List<GoldenLine> lines, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = gzip(Files.newOutputStream(file))) {
      for (GoldenLine l : lines) {
        out.write(l.bytes());
        out.write('\n');
      }
    }
  }

  /** A gzip stream at level 9; Java writes a fixed header (no time stamp, no name). */
  static OutputStream gzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    };
  }

  /** The whole set, in its fixed order. */
  public static List<GoldenLine> build(Path repo) {
    List<GoldenLine> lines = new ArrayList<>();
    lines.addAll(bySignature(generated()));
    lines.addAll(bySignature(shifted()));
    lines.addAll(
        bySignature(extraFactTypes(generateTrees(121, 2, 1000, "valid/extra-fact-types/s121f2"))));
    lines.addAll(bySignature(subjectTypes()));
    lines.addAll(bySignature(areas()));
    lines.addAll(lineEnds());
    List<ObjectNode> examples = examples(repo);
    List<ObjectNode> cases = cases(repo);
    lines.addAll(boundary(examples, cases));
    List<ObjectNode> bases = new ArrayList<>();
    bases.addAll(generateTrees(151, 6, 400, "m151"));
    extraFactTypes(generateTrees(152, 3, 400, "m152"))
        .forEach(l -> bases.add(Trees.parse(new String(l.bytes(), StandardCharsets.UTF_8))));
    bases.addAll(examples);
    bases.addAll(cases);
    lines.addAll(new Mutations(bases, 20260101L).all());
    lines.addAll(builtInInvalid());
    for (GoldenLine l : lines) {
      String text = new String(l.bytes(), StandardCharsets.ISO_8859_1);
      if (text.isBlank() || text.indexOf('\n') >= 0) {
        throw new IllegalStateException("a blank or multi-line request in " + l.category());
      }
    }
    return lines;
  }

  /**
   * The lines sorted (stably) by what their requests hold: subject type, then the sorted list of
   * fact types with their grade or severity, then the areas. Requests alike come together, and so
   * do their decisions, which gzip (32 KB window) then stores in about 40% less space.
   */
  static List<GoldenLine> bySignature(List<GoldenLine> lines) {
    List<String> keys = new ArrayList<>();
    for (GoldenLine l : lines) {
      ObjectNode r = Trees.parse(new String(l.bytes(), StandardCharsets.UTF_8));
      List<String> facts = new ArrayList<>();
      for (JsonNode f : Trees.facts(r)) {
        facts.add(
            f.path("type").asText() + ":" + f.path("grade").asText() + f.path("severity").asText());
      }
      facts.sort(null);
      keys.add(Trees.subjectType(r) + "|" + String.join(",", facts) + "|" + r.path("areas"));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparing(keys::get));
    return order.stream().map(lines::get).toList();
  }

  // ------------------------------------------------------------------------------ generate

  /** {@code credit-rules generate}, in-process: the lines it writes to stdout. */
  static List<String> generate(long seed, int facts, int count, int invalidEvery) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {
      "generate",
      "--count",
      Integer.toString(count),
      "--seed",
      Long.toString(seed),
      "--facts",
      Integer.toString(facts),
      "--invalid-every",
      Integer.toString(invalidEvery),
      "--out",
      "-"
    };
    int code = Main.run(args, InputStream.nullInputStream(), out, err);
    if (code != 0) {
      throw new IllegalStateException("generate failed: " + err.toString(StandardCharsets.UTF_8));
    }
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    if (lines.size() != count) {
      throw new IllegalStateException("generate wrote " + lines.size() + " lines, not " + count);
    }
    return lines;
  }

  /** Valid generated requests as trees, each with the requestId {@code prefix/n}. */
  static List<ObjectNode> generateTrees(long seed, int facts, int count, String prefix) {
    List<ObjectNode> out = new ArrayList<>();
    int n = 0;
    for (String line : generate(seed, facts, count, 0)) {
      out.add(Trees.withId(Trees.parse(line), prefix + "/" + ++n));
    }
    return out;
  }

  private static List<GoldenLine> generated() {
    List<GoldenLine> out = new ArrayList<>();
    for (long[] run : GENERATE_RUNS) {
      String prefix = "valid/generate/s" + run[0] + "f" + run[1];
      for (ObjectNode r : generateTrees(run[0], (int) run[1], (int) run[2], prefix)) {
        out.add(GoldenLine.of("valid/generate", r));
      }
    }
    return out;
  }

  /** Generated requests moved by whole years: older facts meet the older pack versions. */
  private static List<GoldenLine> shifted() {
    List<GoldenLine> out = new ArrayList<>();
    int i = 0;
    for (ObjectNode r : generateTrees(111, 3, 1000, "valid/shifted/s111f3")) {
      int years = YEAR_SHIFTS[i++ % YEAR_SHIFTS.length];
      Trees.shiftYears(r, years);
      r.put("requestId", r.get("requestId").asText() + "/" + (years > 0 ? "+" : "") + years + "y");
      out.add(GoldenLine.of("valid/shifted", r));
    }
    return out;
  }

  /**
   * Generated requests given the fact types {@code generate} never writes: LABOR_GRADE,
   * MAJOR_LABOR_VIOLATION (organisations), WAGE_ARREARS_CASE, ENV_RECTIFICATION (of an environment
   * grade, added when missing), and commitments and grants on the new records.
   */
  static List<GoldenLine> extraFactTypes(List<ObjectNode> requests) {
    List<GoldenLine> out = new ArrayList<>();
    for (ObjectNode req : requests) {
      String id = req.get("requestId").asText();
      SplittableRandom r = new SplittableRandom(id.hashCode() * 31L + 7);
      LocalDate asOf = Trees.asOf(req);
      ArrayNode facts = Trees.facts(req);
      boolean person = "NATURAL_PERSON".equals(Trees.subjectType(req));
      int[] next = {1};
      List<ObjectNode> added = new ArrayList<>();
      java.util.function.Function<String, ObjectNode> fact =
          type -> {
            ObjectNode f = facts.addObject();
            f.put("id", "x" + next[0]++);
            f.put("type", type);
            return f;
          };
      if (!person) {
        int grades = 1 + r.nextInt(3);
        int laborYear = asOf.getYear();
        for (int g = 0; g < grades; g++) {
          laborYear -= r.nextInt(4) == 0 ? 2 : 1; // now and then a year without a grade
          int year = laborYear;
          ObjectNode f = fact.apply("LABOR_GRADE");
          f.put("year", year);
          int p = r.nextInt(10);
          f.put("grade", p < 4 ? "A" : p < 7 ? "B" : "C");
          f.put(
              "publishedOn",
              LocalDate.of(year + 1, 1 + r.nextInt(6), 1 + r.nextInt(28)).toString());
          added.add(f);
        }
        if (r.nextBoolean()) {
          ObjectNode f = fact.apply("MAJOR_LABOR_VIOLATION");
          f.put("decidedOn", asOf.minusDays(r.nextInt(3 * 365)).toString());
          f.put("category", 1 + r.nextInt(7));
          if (r.nextInt(3) == 0) {
            f.put("authority", "某市人力资源和社会保障局");
          }
          added.add(f);
        }
        List<ObjectNode> envBad =
            Trees.factsWhere(
                req, f -> "ENV_GRADE".equals(f.path("type").asText()) && Trees.repairable(f));
        if (envBad.isEmpty() && r.nextBoolean()) {
          int year = asOf.getYear() - 1 - r.nextInt(2);
          boolean clash =
              !Trees.factsWhere(
                      req,
                      f ->
                          "ENV_GRADE".equals(f.path("type").asText())
                              && f.path("year").asInt() == year)
                  .isEmpty();
          if (!clash) {
            ObjectNode f = fact.apply("ENV_GRADE");
            f.put("year", year);
            f.put("grade", new String[] {"YELLOW", "RED", "BLACK"}[r.nextInt(3)]);
            f.put(
                "publishedOn",
                LocalDate.of(year + 1, 3 + r.nextInt(4), 1 + r.nextInt(28)).toString());
            f.put("province", r.nextInt(4) == 0 ? "32" : "44");
            envBad.add(f);
          }
        }
        for (ObjectNode grade : envBad) {
          if (r.nextInt(10) < 7) {
            ObjectNode f = fact.apply("ENV_RECTIFICATION");
            f.put("target", grade.get("id").asText());
            f.put("verifiedOn", Trees.startOf(grade).plusDays(r.nextInt(300)).toString());
          }
        }
      }
      int cases = r.nextInt(3);
      List<ObjectNode> listings = Trees.factsWhere(req, Trees.type("WAGE_ARREARS_LISTING"));
      for (int c = 0; c < cases; c++) {
        ObjectNode f = fact.apply("WAGE_ARREARS_CASE");
        LocalDate found =
            !listings.isEmpty() && r.nextBoolean()
                ? Trees.startOf(listings.get(r.nextInt(listings.size())))
                    .plusDays(1 + r.nextInt(400))
                : asOf.minusDays(r.nextInt(3 * 365));
        f.put("foundOn", found.toString());
        if (r.nextBoolean()) {
          f.put("amount", 1000L * (1 + r.nextInt(900)));
        }
        if (r.nextBoolean()) {
          f.put("workers", 1 + r.nextInt(80));
        }
      }
      for (ObjectNode target : added) {
        if (!Trees.repairable(target)) {
          continue;
        }
        int k = r.nextInt(4);
        if (k == 0) {
          ObjectNode f = fact.apply("CREDIT_COMMITMENT");
          f.put("madeOn", Trees.startOf(target).plusDays(r.nextInt(120)).toString());
          f.put("target", target.get("id").asText());
        } else if (k == 1) {
          ObjectNode f = fact.apply("REPAIR_GRANTED");
          f.put("target", target.get("id").asText());
          f.put("grantedOn", Trees.startOf(target).plusDays(30 + r.nextInt(300)).toString());
          if ("LABOR_GRADE".equals(target.path("type").asText()) && r.nextBoolean()) {
            f.put("newGrade", r.nextBoolean() ? "B" : "A");
          }
        }
      }
      out.add(GoldenLine.of("valid/extra-fact-types", req));
    }
    return out;
  }

  /** Subject variants: {type, credit-code prefix or "person"/"young"/"lower"}. */
  private static final String[][] SUBJECT_VARIANTS = {
    {"ENTERPRISE", "91"},
    {"INDIVIDUAL_BUSINESS", "92"},
    {"FARMER_COOP", "93"},
    {"GOVERNMENT_AGENCY", "11"},
    {"PUBLIC_INSTITUTION", "12"},
    {"SOCIAL_ORG", "51"},
    {"SOCIAL_ORG", "53"},
    {"ENTERPRISE", "Y1"},
    {"PUBLIC_INSTITUTION", "31"},
    {"NATURAL_PERSON", "person"},
    {"NATURAL_PERSON", "young"},
    {"ENTERPRISE", "lower"},
  };

  /**
   * Generated requests re-issued for every subject type (facts the type may not hold dropped):
   * other credit-code prefixes, persons of every age (GEN-I-01's 18th birthday), lower-case ids.
   */
  private static List<GoldenLine> subjectTypes() {
    List<GoldenLine> out = new ArrayList<>();
    int i = 0;
    for (ObjectNode req : generateTrees(131, 3, 1200, "valid/subject-types/s131f3")) {
      String[] v = SUBJECT_VARIANTS[i++ % SUBJECT_VARIANTS.length];
      SplittableRandom r = new SplittableRandom(i * 1_000_003L);
      LocalDate asOf = Trees.asOf(req);
      ObjectNode old = Trees.subject(req);
      ObjectNode subject = JSON.createObjectNode();
      switch (v[1]) {
        case "person", "young" -> {
          LocalDate born =
              "young".equals(v[1])
                  ? asOf.minusYears(18).minusDays(r.nextInt(4 * 365)).plusDays(r.nextInt(400))
                  : asOf.minusYears(22).minusDays(r.nextInt(60 * 365));
          if (born.isAfter(asOf)) {
            born = asOf;
          }
          subject.put("id", Ids.resident(born, r));
          subject.put("type", v[0]);
          subject.put("name", "自然人" + i);
        }
        case "lower" -> {
          subject.put("id", Ids.uscc("91", r).toLowerCase(java.util.Locale.ROOT));
          subject.put("type", v[0]);
          subject.set("name", old.get("name"));
        }
        default -> {
          subject.put("id", Ids.uscc(v[1], r));
          subject.put("type", v[0]);
          subject.set("name", old.get("name"));
        }
      }
      if (!"NATURAL_PERSON".equals(v[0])) {
        subject.put("region", subject.get("id").asText().substring(2, 8));
        if (r.nextInt(8) > 0) {
          subject.put("establishedOn", asOf.minusDays(r.nextInt(8 * 365)).toString());
        }
      }
      req.set("subject", subject);
      Trees.dropDisallowed(req);
      req.put("requestId", req.get("requestId").asText() + "/" + v[0] + "-" + v[1]);
      out.add(GoldenLine.of("valid/subject-types", req));
    }
    return out;
  }

  /** {@code areas} filters: every single area, random sets, and all sixteen at once. */
  private static List<GoldenLine> areas() {
    List<GoldenLine> out = new ArrayList<>();
    List<ObjectNode> bases = generateTrees(141, 6, 300, "valid/areas/s141f6");
    SplittableRandom r = new SplittableRandom(141);
    for (int b = 0; b < bases.size(); b++) {
      ObjectNode base = bases.get(b);
      List<List<String>> sets = new ArrayList<>();
      if (b < 45) {
        for (String a : AREAS) {
          sets.add(List.of(a));
        }
      } else if (b < 280) {
        List<String> pool = new ArrayList<>(List.of(AREAS));
        int k = 2 + r.nextInt(4);
        List<String> set = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          set.add(pool.remove(r.nextInt(pool.size())));
        }
        sets.add(set);
        sets.add(List.of(AREAS[r.nextInt(AREAS.length)]));
      } else {
        sets.add(List.of(AREAS));
      }
      for (List<String> set : sets) {
        ObjectNode req = base.deepCopy();
        ArrayNode areas = JSON.createArrayNode();
        set.forEach(areas::add);
        req.set("areas", areas);
        req.put("requestId", base.get("requestId").asText() + "/" + String.join("+", set));
        out.add(GoldenLine.of("valid/areas", Trees.withId(req, req.get("requestId").asText())));
      }
    }
    return out;
  }

  /** Lines with a CR before the LF, or CR/tab whitespace inside: the same requests as without. */
  private static List<GoldenLine> lineEnds() {
    List<GoldenLine> out = new ArrayList<>();
    int n = 0;
    for (ObjectNode req : generateTrees(161, 3, 12, "valid/line-ends/s161f3")) {
      String text = Trees.write(req);
      String variant =
          switch (n++ % 4) {
            case 0 -> text + "\r";
            case 1 -> text.replace(",\"facts\":", ",\r\"facts\":");
            case 2 -> " \t" + text.replace(":", " : ") + "\t ";
            default -> text.replace(",\"subject\":", ",\r\"subject\":") + "\r";
          };
      out.add(GoldenLine.text("valid/line-ends", variant));
    }
    return out;
  }

  /** {@code generate --invalid-every 1}: bad JSON, bad check character, bad asOf in turn. */
  private static List<GoldenLine> builtInInvalid() {
    List<GoldenLine> out = new ArrayList<>();
    for (String line : generate(171, 3, 300, 1)) {
      // every line starts with its id, even the truncated ones: give it the set's naming
      String renamed =
          line.replaceFirst(
              "^\\{\"requestId\":\"gen-",
              "{\"requestId\":\"invalid/generate-invalid-every/s171f3/");
      out.add(GoldenLine.text("invalid/generate-invalid-every", renamed));
    }
    return out;
  }

  // ------------------------------------------------------------------------------ boundary

  /** Every request file of {@code examples/requests/}, in name order. */
  static List<ObjectNode> examples(Path repo) {
    try (Stream<Path> files = Files.list(repo.resolve("examples/requests"))) {
      List<ObjectNode> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".json", "");
        out.add(Trees.withId(Trees.parse(Files.readString(f)), "examples/" + name));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The request of every pack case (rules-drl/src/main/packs/*&#47;*&#47;cases/*.yaml), read by the
   * testkit exactly as {@code credit-rules test} reads it ({@code requestFile:} and {@code asOf:}
   * overrides applied), in path order.
   */
  static List<ObjectNode> cases(Path repo) {
    Path packs = repo.resolve("rules-drl/src/main/packs");
    List<ObjectNode> out = new ArrayList<>();
    Map<String, Integer> perFile = new LinkedHashMap<>();
    for (RegressionCase c : new Cases().load(packs, Set.of())) {
      String file =
          packs.relativize(c.file()).toString().replace('\\', '/').replace("/cases/", "/");
      int n = perFile.merge(file, 1, Integer::sum);
      out.add(Trees.withId((ObjectNode) c.request().deepCopy(), "cases/" + file + "#" + n));
    }
    return out;
  }

  /**
   * Each request at its own asOf, a day either side, on the day before, of and after every date it
   * holds ({@link #datesOf}) moved by each of {@link #BOUNDARY_MONTHS}, and around the year ends of
   * its grades ({@link #yearEndsOf}). Requests equal but for their id are kept once.
   */
  private static List<GoldenLine> boundary(List<ObjectNode> examples, List<ObjectNode> cases) {
    List<GoldenLine> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ObjectNode base : examples) {
      boundaryOf(base, "boundary/examples", seen, out);
    }
    for (ObjectNode base : cases) {
      boundaryOf(base, "boundary/cases", seen, out);
    }
    return out;
  }

  private static void boundaryOf(
      ObjectNode base, String category, Set<String> seen, List<GoldenLine> out) {
    LocalDate asOf = Trees.asOf(base);
    TreeSet<LocalDate> days = new TreeSet<>();
    days.add(asOf);
    days.add(asOf.minusDays(1));
    days.add(asOf.plusDays(1));
    for (LocalDate d : datesOf(base)) {
      for (int m : BOUNDARY_MONTHS) {
        aroundDay(days, d.plusMonths(m));
      }
    }
    for (LocalDate d : yearEndsOf(base)) {
      aroundDay(days, d);
    }
    String id = base.get("requestId").asText();
    for (LocalDate day : days) {
      ObjectNode req = base.deepCopy();
      req.put("asOf", day.toString());
      req.remove("requestId");
      if (!seen.add(Trees.write(req))) {
        continue;
      }
      String tag = day.equals(asOf) ? "" : "@" + day;
      out.add(GoldenLine.of(category, Trees.withId(req, "boundary/" + id + tag)));
    }
  }

  private static void aroundDay(Set<LocalDate> days, LocalDate d) {
    days.add(d.minusDays(1));
    days.add(d);
    days.add(d.plusDays(1));
  }

  /**
   * The ends of each grade's year and of the two years after it (a grade is dated 31 December of
   * its year; TAX-S-07 runs to 31 December of Y+2), and the day a person has been of age three
   * years (GEN-I-01).
   */
  static TreeSet<LocalDate> yearEndsOf(ObjectNode request) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    ObjectNode subject = Trees.subject(request);
    LocalDate born = Ids.birthOf(subject.path("id").asText(null));
    if (born != null && "NATURAL_PERSON".equals(subject.path("type").asText())) {
      dates.add(born.plusYears(21));
    }
    for (JsonNode f : Trees.facts(request)) {
      if (f.path("year").canConvertToInt() && f.has("grade")) {
        int year = f.get("year").asInt();
        for (int y = year; y <= year + 2; y++) {
          dates.add(LocalDate.of(y, 12, 31));
        }
      }
    }
    return dates;
  }

  /** The dates a request holds: establishedOn, a person's 18th birthday, every fact date. */
  static TreeSet<LocalDate> datesOf(ObjectNode request) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    ObjectNode subject = Trees.subject(request);
    LocalDate established = Trees.date(subject, "establishedOn");
    if (established != null) {
      dates.add(established);
    }
    LocalDate born = Ids.birthOf(subject.path("id").asText(null));
    if (born != null && "NATURAL_PERSON".equals(subject.path("type").asText())) {
      dates.add(born.plusYears(18));
    }
    for (JsonNode f : Trees.facts(request)) {
      f.fields()
          .forEachRemaining(
              e -> {
                if (Trees.isDate(e.getValue())) {
                  try {
                    dates.add(LocalDate.parse(e.getValue().asText()));
                  } catch (RuntimeException ignored) {
                    // not a calendar date: nothing to move around
                  }
                }
              });
    }
    return dates;
  }
}
