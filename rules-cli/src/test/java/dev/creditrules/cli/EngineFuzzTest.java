package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.creditrules.api.Area;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.RequestGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random valid requests (every subject type, every fact type, dates on and around the packs'
 * boundaries) always get a decision from the engine: one that validates against the decision
 * schema, has repairs only for repairable facts and at most one per fact, returns only outcomes
 * active on {@code asOf}, and is byte for byte the same when decided again. The engine is compiled
 * once for the class.
 */
class EngineFuzzTest {
  private static final CreditRulesEngine ENGINE = CreditRulesEngine.fromClasspath();
  private static final FactModel MODEL = ENGINE.model();
  private static final ContractJson JSON = new ContractJson(MODEL);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The request schema of the engine's fact model (for the shipped packs, the published one). */
  private static final JsonSchema REQUEST_SCHEMA = schema(JSON.requestSchema());

  private static final JsonSchema DECISION_SCHEMA = schema(ContractJson.DECISION_SCHEMA);

  static JsonSchema schema(String resourceOrText) {
    try (InputStream in =
        resourceOrText.startsWith("/")
            ? ContractJson.class.getResourceAsStream(resourceOrText)
            : new java.io.ByteArrayInputStream(
                resourceOrText.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The codes the packs declare for {@code field} of {@code type}. */
  static List<String> codes(String type, String field) {
    return MODEL.type(type).field(field).values();
  }

  @Property(tries = 250)
  void everyValidRequestGetsAWellFormedStableDecision(@ForAll("requests") String text)
      throws IOException {
    check(text);
  }

  /**
   * The same for requests of the generic generator (every declared fact type, the packs-v2 ones
   * included, with dates on the boundaries of their facts), which the hand-written generator below
   * does not know.
   */
  @Property(tries = 200)
  void everyGeneratedRequestGetsAWellFormedStableDecision(@ForAll("generated") String text)
      throws IOException {
    check(text);
  }

  @Provide
  Arbitrary<String> generated() {
    RequestGenerator generator =
        new RequestGenerator(
            MODEL, RequestGenerator.Settings.of(17, 8, 0).withVaryingFacts().withBoundaries());
    return Arbitraries.integers().between(1, 1_000_000).map(generator::valid);
  }

  private static void check(String text) throws IOException {
    assertThat(REQUEST_SCHEMA.validate(MAPPER.readTree(text))).as(text).isEmpty();
    Request request = JSON.readRequest(text); // valid by construction: a throw fails the property

    Decision decision = ENGINE.decide(request);
    String bytes = JSON.writeDecision(decision);
    assertThat(DECISION_SCHEMA.validate(MAPPER.readTree(bytes))).as(bytes).isEmpty();

    Map<String, Fact> facts = new HashMap<>();
    request.facts().forEach(f -> facts.put(f.id(), f));
    Set<String> repaired = new HashSet<>();
    for (Repair repair : decision.repairs()) {
      Fact fact = facts.get(repair.fact());
      assertThat(fact).as("repair of an unknown fact: %s", repair).isNotNull();
      assertThat(RequestValidator.isRepairable(fact, MODEL))
          .as("repair of a fact that is not repairable: %s", repair)
          .isTrue();
      assertThat(repaired.add(repair.fact())).as("two repairs of %s", repair.fact()).isTrue();
    }
    LocalDate asOf = request.asOf();
    Stream.of(decision.incentives(), decision.sanctions(), decision.warnings())
        .flatMap(List::stream)
        .forEach(
            (Outcome o) -> {
              assertThat(o.from()).as("%s starts after asOf", o).isBeforeOrEqualTo(asOf);
              if (o.until() != null) {
                assertThat(o.until()).as("%s ends before asOf", o).isAfterOrEqualTo(asOf);
              }
              assertThat(o.facts()).allSatisfy(id -> assertThat(facts).containsKey(id));
            });

    assertThat(JSON.writeDecision(ENGINE.decide(request))).isEqualTo(bytes);
    assertThat(JSON.writeDecision(ENGINE.decide(JSON.readRequest(text)))).isEqualTo(bytes);

    // what the tries covered, in the jqwik report
    Statistics.label("subject").collect(request.subject().type());
    Statistics.label("decision")
        .collect(
            (decision.sanctions().isEmpty() ? "" : "sanctions ")
                + (decision.incentives().isEmpty() ? "" : "incentives ")
                + (decision.warnings().isEmpty() ? "" : "warnings ")
                + (decision.repairs().isEmpty() ? "" : "repairs"));
    request.facts().forEach(f -> Statistics.label("fact types").collect(f.type()));
  }

  // ------------------------------------------------------------------------------ generator

  /** The packs' {@code validFrom} dates: the boundaries between regimes. */
  static final List<LocalDate> BOUNDARIES =
      Stream.of(
              "2014-03-01",
              "2014-10-01",
              "2015-01-01",
              "2016-02-15",
              "2016-05-01",
              "2017-01-01",
              "2019-07-01",
              "2022-01-01",
              "2022-02-01",
              "2022-08-25",
              "2023-05-01",
              "2025-07-01",
              "2026-03-20",
              "2026-04-01")
          .map(LocalDate::parse)
          .toList();

  @Provide
  Arbitrary<String> requests() {
    List<LocalDate> edges = new ArrayList<>();
    for (LocalDate b : BOUNDARIES) {
      edges.add(b);
      edges.add(b.minusDays(1));
    }
    edges.addAll(
        Stream.of("2024-02-29", "2024-12-31", "2025-01-01", "2028-02-29")
            .map(LocalDate::parse)
            .toList());
    Arbitrary<LocalDate> asOf =
        Arbitraries.oneOf(
            Arbitraries.of(edges),
            Arbitraries.integers()
                .between(0, 15 * 365)
                .map(d -> LocalDate.of(2014, 1, 1).plusDays(d)));
    return Combinators.combine(
            Arbitraries.of(SubjectType.class),
            asOf,
            Arbitraries.of(MODEL.typeNames()).list().ofMaxSize(10),
            Arbitraries.longs())
        .as((type, day, types, seed) -> new Generator(type, day, types, seed).json());
  }

  /** One valid request of the contract, from a subject type, a date, fact types and a seed. */
  static final class Generator {
    private static final String USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {
      1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
    };
    private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String RID_CHECKS = "10X98765432";
    private static final Map<SubjectType, List<String>> PREFIXES =
        Map.of(
            SubjectType.ENTERPRISE, List.of("91", "Y1"),
            SubjectType.INDIVIDUAL_BUSINESS, List.of("92", "Y1"),
            SubjectType.FARMER_COOP, List.of("93", "N1"),
            SubjectType.GOVERNMENT_AGENCY, List.of("11", "Y1"),
            SubjectType.PUBLIC_INSTITUTION, List.of("12", "A1"),
            SubjectType.SOCIAL_ORG, List.of("51", "52", "53"));
    private static final Set<String> TARGETING =
        Set.of("CREDIT_COMMITMENT", "REPAIR_GRANTED", "ENV_RECTIFICATION");

    private final SubjectType type;
    private final LocalDate asOf;
    private final List<String> types;
    private final Random r;
    private final ObjectNode root = MAPPER.createObjectNode();
    private final ArrayNode facts = MAPPER.createArrayNode();

    /** Facts others may target: id, type, start date, grade (or null), repairable. */
    private final List<Object[]> records = new ArrayList<>();

    private final Set<String> gradeYears = new HashSet<>();
    private int next = 1;

    Generator(SubjectType type, LocalDate asOf, List<String> types, long seed) {
      this.type = type;
      this.asOf = asOf;
      this.types = types;
      this.r = new Random(seed);
    }

    String json() {
      if (r.nextBoolean()) {
        root.put("requestId", "fuzz-" + r.nextInt(1000));
      }
      root.put("asOf", asOf.toString());
      ObjectNode subject = root.putObject("subject");
      subject.put("id", subjectId());
      subject.put("type", type.name());
      if (r.nextBoolean()) {
        subject.put("name", "某主体" + r.nextInt(100));
      }
      if (r.nextInt(4) == 0) {
        ArrayNode areas = root.putArray("areas");
        List<Area> all = new ArrayList<>(List.of(Area.values()));
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
          areas.add(all.remove(r.nextInt(all.size())).name());
        }
      }
      root.set("facts", facts);
      // records first, so that commitments, grants and rectifications have something to target
      types.stream().filter(t -> !TARGETING.contains(t)).forEach(this::fact);
      types.stream().filter(TARGETING::contains).forEach(this::fact);
      return root.toString();
    }

    // ------------------------------------------------------------------ subjects

    String subjectId() {
      if (type == SubjectType.NATURAL_PERSON) {
        LocalDate born = asOf.minusYears(18 + r.nextInt(60)).minusDays(r.nextInt(365));
        if (r.nextInt(10) == 0) {
          born = asOf; // born on asOf: the latest valid birth date
        }
        StringBuilder id =
            new StringBuilder(pick(List.of("110105", "440300", "320500")))
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
      StringBuilder code =
          new StringBuilder(pick(PREFIXES.get(type)))
              .append(pick(List.of("110108", "440300", "320500", "510107")));
      for (int i = 0; i < 9; i++) {
        code.append(USCC.charAt(r.nextInt(USCC.length())));
      }
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        sum += USCC.indexOf(code.charAt(i)) * USCC_WEIGHTS[i];
      }
      String id = code.append(USCC.charAt((31 - sum % 31) % 31)).toString();
      return r.nextInt(10) == 0
          ? id.toLowerCase()
          : id; // lower case is upper-cased, never an error
    }

    // ------------------------------------------------------------------ dates

    /** A date on or around a boundary: of asOf, of a term counted back from it, of a regime. */
    LocalDate date() {
      switch (r.nextInt(8)) {
        case 0:
          return asOf;
        case 1:
          return asOf.minusDays(1);
        case 2:
          return asOf.plusDays(1 + r.nextInt(30)); // after asOf: validated, then ignored
        case 3:
          return asOf.minusYears(1 + r.nextInt(6)).plusDays(r.nextInt(3) - 1);
        case 4:
          return asOf.minusMonths(1 + r.nextInt(36)).plusDays(r.nextInt(3) - 1);
        case 5:
          {
            LocalDate b = pick(BOUNDARIES);
            return r.nextBoolean() ? b : b.minusDays(1);
          }
        default:
          return asOf.minusDays(r.nextInt(8 * 365));
      }
    }

    /** A date on or after {@code start}, often the same day. */
    LocalDate after(LocalDate start) {
      int pick = r.nextInt(4);
      return pick == 0 ? start : start.plusDays(pick == 1 ? 1 : r.nextInt(3 * 365));
    }

    // ------------------------------------------------------------------ facts

    void fact(String factType) {
      FactTypeDecl decl = MODEL.type(factType);
      if (!decl.subjects().contains(type)) {
        return;
      }
      String id = "f" + next;
      ObjectNode f = MAPPER.createObjectNode();
      f.put("id", id);
      f.put("type", factType);
      boolean added =
          switch (factType) {
            case "ADMIN_PENALTY" -> penalty(f, id);
            case "CREDIT_COMMITMENT" -> commitment(f);
            case "REPAIR_GRANTED" -> grant(f);
            case "TAX_GRADE" -> grade(f, id, factType, List.of("A", "B", "M", "C", "D"));
            case "TAX_SERIOUS_LISTING" -> taxSerious(f, id);
            case "LABOR_GRADE" -> grade(f, id, factType, List.of("A", "B", "C"));
            case "WAGE_ARREARS_LISTING" -> dated(f, id, "decidedOn", "paidInFullOn", factType);
            case "WAGE_ARREARS_CASE" -> wageCase(f);
            case "MAJOR_LABOR_VIOLATION" -> violation(f, id);
            case "ENV_GRADE" ->
                grade(f, id, factType, List.of("GREEN", "BLUE", "YELLOW", "RED", "BLACK"));
            case "ENV_RECTIFICATION" -> rectification(f);
            case "RESEARCH_MISCONDUCT" -> misconduct(f, id);
            case "JUDGMENT_DEFAULTER" -> defaulter(f, id);
            // the packs-v2 types: fuzzed through the generic generator (generated())
            default -> false;
          };
      if (added) {
        if (r.nextInt(4) == 0) {
          f.put("authority", "某机关");
        }
        if (r.nextInt(6) == 0) {
          f.put("documentNo", "〔2025〕" + r.nextInt(100) + "号");
        }
        facts.add(f);
        next++;
      }
    }

    boolean penalty(ObjectNode f, String id) {
      LocalDate decided = date();
      String severity = pick(codes("ADMIN_PENALTY", "severity"));
      f.put("sector", pick(codes("ADMIN_PENALTY", "sector")));
      f.put("decidedOn", decided.toString());
      f.put("severity", severity);
      if (r.nextInt(4) > 0) {
        ArrayNode kinds = f.putArray("kinds");
        List<String> all = new ArrayList<>(codes("ADMIN_PENALTY", "kinds"));
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
          kinds.add(all.remove(r.nextInt(all.size())));
        }
      }
      if (r.nextBoolean()) {
        f.put("fine", pick(List.of(0, 1, 9999, 10000, 100000, 1000000)) + r.nextInt(2));
      }
      if (r.nextBoolean()) {
        f.put("fulfilledOn", after(decided).toString());
      }
      if (severity.equals("MINOR") && r.nextBoolean()) {
        f.put("published", r.nextBoolean());
      }
      if (severity.equals("SERIOUS") && r.nextBoolean()) {
        f.put("specialSerious", r.nextBoolean());
      }
      records.add(new Object[] {id, "ADMIN_PENALTY", decided, null, true});
      return true;
    }

    boolean grade(ObjectNode f, String id, String scheme, List<String> levels) {
      LocalDate published = date();
      int year = published.getYear() - 1 - r.nextInt(2);
      if (!gradeYears.add(scheme + ":" + year)) {
        return false; // one grade per scheme and year
      }
      String grade = pick(levels);
      f.put("year", year);
      f.put("grade", grade);
      f.put("publishedOn", published.toString());
      if (scheme.equals("TAX_GRADE")) {
        if (r.nextBoolean()) {
          f.put("score", r.nextInt(101));
        }
        if ("D".equals(grade) && r.nextBoolean()) {
          f.put("directReason", 1 + r.nextInt(13));
        }
        if (r.nextInt(3) == 0) {
          f.put("correctedOn", after(published).toString());
        }
      }
      if (scheme.equals("ENV_GRADE") && r.nextBoolean()) {
        f.put("province", pick(List.of("44", "32", "11", "51")));
      }
      boolean repairable =
          switch (scheme) {
            case "TAX_GRADE" -> "C".equals(grade) || "D".equals(grade);
            case "LABOR_GRADE" -> "C".equals(grade);
            default -> List.of("YELLOW", "RED", "BLACK").contains(grade);
          };
      records.add(new Object[] {id, scheme, published, grade, repairable});
      return true;
    }

    boolean taxSerious(ObjectNode f, String id) {
      LocalDate served = date();
      f.put("servedOn", served.toString());
      f.put("publishedOn", after(served).toString());
      if (r.nextBoolean()) {
        f.put("paidInFullOn", after(served).toString());
      }
      if (r.nextBoolean()) {
        f.put("priorListingsIn5Years", r.nextInt(4));
      }
      records.add(new Object[] {id, "TAX_SERIOUS_LISTING", served, null, true});
      return true;
    }

    boolean dated(ObjectNode f, String id, String start, String end, String factType) {
      LocalDate on = date();
      f.put(start, on.toString());
      if (r.nextBoolean()) {
        f.put(end, after(on).toString());
      }
      records.add(new Object[] {id, factType, on, null, true});
      return true;
    }

    boolean wageCase(ObjectNode f) {
      f.put("foundOn", date().toString());
      if (r.nextBoolean()) {
        f.put("amount", pick(List.of(1000, 99999, 100000, 500000)) + r.nextInt(2));
      }
      if (r.nextBoolean()) {
        f.put("workers", pick(List.of(1, 9, 10, 30, 31, 100)));
      }
      return true;
    }

    boolean violation(ObjectNode f, String id) {
      LocalDate decided = date();
      f.put("decidedOn", decided.toString());
      f.put("category", 1 + r.nextInt(7));
      records.add(new Object[] {id, "MAJOR_LABOR_VIOLATION", decided, null, true});
      return true;
    }

    boolean misconduct(ObjectNode f, String id) {
      LocalDate decided = date();
      f.put("decidedOn", decided.toString());
      f.put("misconduct", "RM-0" + (1 + r.nextInt(8)));
      f.put("severity", pick(codes("RESEARCH_MISCONDUCT", "severity")));
      switch (r.nextInt(3)) {
        case 0 -> f.put("banYears", 1 + r.nextInt(10));
        case 1 -> f.put("permanent", true);
        default -> {}
      }
      if (r.nextBoolean()) {
        f.put("aggravated", r.nextBoolean());
      }
      if (r.nextBoolean()) {
        f.put("awardRevoked", r.nextBoolean());
      }
      records.add(new Object[] {id, "RESEARCH_MISCONDUCT", decided, null, true});
      return true;
    }

    boolean defaulter(ObjectNode f, String id) {
      LocalDate listed = date();
      f.put("listedOn", listed.toString());
      if (r.nextBoolean()) {
        f.put("termYears", 1 + r.nextInt(5));
      }
      if (r.nextBoolean()) {
        f.put("fulfilledOn", after(listed).toString());
      }
      records.add(new Object[] {id, "JUDGMENT_DEFAULTER", listed, null, true});
      return true;
    }

    Object[] target(boolean envGradeOnly) {
      List<Object[]> candidates =
          records.stream()
              .filter(t -> envGradeOnly ? t[1].equals("ENV_GRADE") : (Boolean) t[4])
              .toList();
      return candidates.isEmpty() ? null : pick(candidates);
    }

    boolean commitment(ObjectNode f) {
      Object[] target = target(false);
      if (target == null) {
        return false;
      }
      LocalDate made = after((LocalDate) target[2]);
      f.put("madeOn", made.toString());
      f.put("target", (String) target[0]);
      if (r.nextInt(4) == 0) {
        f.put("breachedOn", after(made).toString());
      }
      return true;
    }

    boolean grant(ObjectNode f) {
      Object[] target = target(false);
      if (target == null) {
        return false;
      }
      LocalDate granted = after((LocalDate) target[2]);
      f.put("target", (String) target[0]);
      f.put("grantedOn", granted.toString());
      if (target[3] != null && r.nextBoolean()) {
        List<String> levels =
            switch ((String) target[1]) {
              case "TAX_GRADE" -> List.of("B", "M", "C", "D");
              case "LABOR_GRADE" -> List.of("A", "B", "C");
              default -> List.of("GREEN", "BLUE", "YELLOW", "RED", "BLACK");
            };
        f.put("newGrade", pick(levels));
      }
      if (r.nextInt(4) == 0) {
        f.put("revokedOn", after(granted).toString());
      }
      return true;
    }

    boolean rectification(ObjectNode f) {
      Object[] target = target(true);
      if (target == null) {
        return false;
      }
      f.put("target", (String) target[0]);
      f.put("verifiedOn", after((LocalDate) target[2]).toString());
      return true;
    }

    <T> T pick(List<T> items) {
      return items.get(r.nextInt(items.size()));
    }
  }

  /** The generator makes requests the contract accepts; checked apart so a bug there is plain. */
  @Property(tries = 100)
  void theGeneratorMakesValidRequests(@ForAll("requests") String text) throws IOException {
    JsonNode tree = MAPPER.readTree(text);
    assertThat(JSON.trees().readRequest(tree).facts()).hasSize(tree.get("facts").size());
  }
}
