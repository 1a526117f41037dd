package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackException;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.pack.FactObject;
import dev.creditrules.pack.GradeTerm;
import dev.creditrules.pack.tree.FactModelReader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes rules match on are generated from the declarations: every shipped type gets its
 * declared fields with their Java types and both accessor styles, and a sector that exists nowhere
 * in the code (its own types.yaml, one pack version) is decided like the shipped ones.
 */
class FactClassesTest {
  static final Path SHIPPED = Path.of("../rules-drl/src/main/packs");

  /** The Java type of each kind's values, as the brief of issue 11 fixes them. */
  static final Map<FieldKind, Class<?>> JAVA_TYPES = new EnumMap<>(FieldKind.class);

  static {
    JAVA_TYPES.put(FieldKind.DATE, LocalDate.class);
    JAVA_TYPES.put(FieldKind.INTEGER, Integer.class);
    JAVA_TYPES.put(FieldKind.DECIMAL, BigDecimal.class);
    JAVA_TYPES.put(FieldKind.TEXT, String.class);
    JAVA_TYPES.put(FieldKind.ENUMERATION, String.class);
    JAVA_TYPES.put(FieldKind.ENUMERATION_LIST, List.class);
    JAVA_TYPES.put(FieldKind.BOOLEAN, Boolean.class);
    JAVA_TYPES.put(FieldKind.REFERENCE, String.class);
  }

  static String getter(String field) {
    return "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  static Object call(Object o, String method) {
    try {
      return o.getClass().getMethod(method).invoke(o);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(o.getClass().getName() + "." + method + "()", e);
    }
  }

  /** A value of {@code f}'s kind that its declaration accepts. */
  static Object sample(FieldDecl f) {
    return switch (f.kind()) {
      case DATE -> LocalDate.parse("2021-03-04");
      case INTEGER -> f.min() != null ? Math.toIntExact(f.min()) : 3;
      case DECIMAL -> new BigDecimal("1234.50");
      case TEXT -> f.oneOf().isEmpty() ? "07" : f.oneOf().get(0);
      case ENUMERATION -> f.values().get(f.values().size() - 1);
      case ENUMERATION_LIST -> List.copyOf(f.values().subList(0, Math.min(2, f.values().size())));
      case BOOLEAN -> Boolean.TRUE;
      case REFERENCE -> "other-fact";
    };
  }

  @Nested
  class TheShippedTypes {
    final FactModel model = FactModelReader.read(SHIPPED);
    final FactClasses classes = FactClasses.of(model, PackCompiler.loader());

    @Test
    void eachIsAFinalClassOfTheFactPackageNamedByItsDeclaration() {
      assertThat(model.types()).hasSize(22); // the 13 of packs-v1 and the 9 of packs-v2
      for (FactTypeDecl t : model.types()) {
        Class<?> cls = classes.classOf(t.name());
        assertThat(cls.getName()).isEqualTo("dev.creditrules.facts." + t.className());
        assertThat(cls.getSuperclass()).isEqualTo(FactObject.class);
        assertThat(Modifier.isFinal(cls.getModifiers()) && Modifier.isPublic(cls.getModifiers()))
            .as(t.name())
            .isTrue();
        assertThat(cls.getClassLoader()).isSameAs(classes.loader());
        // the compilers of the packs read the class bytes as resources
        assertThat(classes.loader().getResource(cls.getName().replace('.', '/') + ".class"))
            .as(t.name())
            .isNotNull();
      }
      assertThat(classes.classOf("NO_SUCH_TYPE")).isNull();
    }

    @Test
    void eachHasItsDeclaredFieldsWithTheirJavaTypesAndBothAccessorStyles() throws Exception {
      Set<FieldKind> kinds = EnumSet.noneOf(FieldKind.class);
      for (FactTypeDecl t : model.types()) {
        Class<?> cls = classes.classOf(t.name());
        List<String> declared = new ArrayList<>();
        for (Field f : cls.getDeclaredFields()) {
          declared.add(f.getName());
          assertThat(Modifier.isPrivate(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
              .as(t.name() + "." + f.getName())
              .isTrue();
        }
        assertThat(declared)
            .as(t.name())
            .containsExactlyInAnyOrderElementsOf(
                t.fields().stream().map(FieldDecl::javaName).toList());
        for (FieldDecl f : t.fields()) {
          kinds.add(f.kind());
          Class<?> type = JAVA_TYPES.get(f.kind());
          String where = t.name() + "." + f.name();
          // the accessor rules use: the JSON name, or its declared java: name (persons' case)
          assertThat(cls.getDeclaredField(f.javaName()).getType()).as(where).isEqualTo(type);
          Method record = cls.getMethod(f.javaName());
          Method bean = cls.getMethod(getter(f.javaName()));
          assertThat(record.getReturnType()).as(where).isEqualTo(type);
          assertThat(bean.getReturnType()).as(where).isEqualTo(type);
          assertThat(
                  Modifier.isPublic(record.getModifiers())
                      && Modifier.isPublic(bean.getModifiers()))
              .as(where)
              .isTrue();
        }
      }
      // the shipped types use every kind, so every kind's Java type was checked
      assertThat(kinds).containsExactlyInAnyOrder(FieldKind.values());
    }

    @Test
    void someFieldsByName() throws Exception {
      Class<?> penalty = classes.classOf("ADMIN_PENALTY");
      assertThat(penalty.getMethod("decidedOn").getReturnType()).isEqualTo(LocalDate.class);
      assertThat(penalty.getMethod("getDecidedOn").getReturnType()).isEqualTo(LocalDate.class);
      assertThat(penalty.getMethod("severity").getReturnType()).isEqualTo(String.class);
      assertThat(penalty.getMethod("kinds").getReturnType()).isEqualTo(List.class);
      assertThat(penalty.getMethod("fine").getReturnType()).isEqualTo(BigDecimal.class);
      assertThat(penalty.getMethod("getPublished").getReturnType()).isEqualTo(Boolean.class);
      assertThat(classes.classOf("TAX_GRADE").getMethod("year").getReturnType())
          .isEqualTo(Integer.class);
      assertThat(classes.classOf("TAX_GRADE").getMethod("getGrade").getReturnType())
          .isEqualTo(String.class);
      assertThat(classes.classOf("REPAIR_GRANTED").getMethod("target").getReturnType())
          .isEqualTo(String.class);
      // no helper methods: what the old records computed lives in the packs' DRL functions
      for (String helper : List.of("obligationsFulfilledOn", "isPublished", "isSpecialSerious")) {
        assertThat(penalty.getDeclaredMethods()).extracting(Method::getName).doesNotContain(helper);
      }
    }

    @Test
    void anInstanceHoldsItsFactsValuesBehindBothAccessors() {
      for (FactTypeDecl t : model.types()) {
        Fact.Builder b = Fact.builder(t.name(), "f-" + t.name());
        t.fields().forEach(f -> b.set(f.name(), sample(f)));
        b.set("authority", "某市市场监督管理局").set("documentNo", "市监罚〔2021〕7号");
        Fact fact = b.build();
        FactObject o = classes.instance(fact);
        assertThat(o.getClass()).isSameAs(classes.classOf(t.name()));
        assertThat(o.id()).isEqualTo(fact.id());
        assertThat(o.getId()).isEqualTo(fact.id());
        assertThat(o.type()).isEqualTo(t.name());
        assertThat(o.getType()).isEqualTo(t.name());
        assertThat(o.authority()).isEqualTo("某市市场监督管理局");
        assertThat(o.getDocumentNo()).isEqualTo("市监罚〔2021〕7号");
        for (FieldDecl f : t.fields()) {
          assertThat(call(o, f.javaName())).as(t.name() + "." + f.name()).isEqualTo(sample(f));
          assertThat(call(o, getter(f.javaName())))
              .as(t.name() + "." + f.name())
              .isEqualTo(sample(f));
        }
      }
    }

    @Test
    void aMissingFieldIsNullUnlessItHasADefault() {
      FactObject defaulter =
          classes.instance(
              Fact.of(
                  "JUDGMENT_DEFAULTER", "j", Map.of("listedOn", LocalDate.parse("2021-01-01"))));
      assertThat(call(defaulter, "termYears")).isEqualTo(2);
      assertThat(call(defaulter, "getTermYears")).isInstanceOf(Integer.class).isEqualTo(2);
      assertThat(call(defaulter, "fulfilledOn")).isNull();

      FactObject misconduct =
          classes.instance(
              Fact.of(
                  "RESEARCH_MISCONDUCT",
                  "m",
                  Map.of(
                      "decidedOn",
                      LocalDate.parse("2021-01-01"),
                      "misconduct",
                      "RM-01",
                      "severity",
                      "LIGHT")));
      for (String flag : List.of("permanent", "aggravated", "awardRevoked")) {
        assertThat(call(misconduct, flag)).as(flag).isEqualTo(Boolean.FALSE);
        assertThat(call(misconduct, getter(flag))).as(flag).isEqualTo(Boolean.FALSE);
      }
      assertThat(call(misconduct, "banYears")).isNull();

      FactObject listing =
          classes.instance(
              Fact.of(
                  "TAX_SERIOUS_LISTING", "l", Map.of("servedOn", LocalDate.parse("2021-01-01"))));
      assertThat(call(listing, "priorListingsIn5Years")).isEqualTo(0);

      // a given value wins over the default
      FactObject given =
          classes.instance(
              Fact.of(
                  "JUDGMENT_DEFAULTER",
                  "j",
                  Map.of("listedOn", LocalDate.parse("2021-01-01"), "termYears", 5)));
      assertThat(call(given, "termYears")).isEqualTo(5);
    }

    @Test
    void aFactOfAnUndeclaredTypeHasNoClass() {
      assertThatThrownBy(() -> classes.instance(Fact.of("NO_SUCH_TYPE", "x", Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NO_SUCH_TYPE");
    }

    @Test
    void anExplanationShowsEveryValueOfAnInstance() {
      FactObject o = classes.instance(FixtureTypes.penalty("p", "market", "GENERAL", "2020-06-01"));
      assertThat(classes.describe(o))
          .isEqualTo(
              "AdminPenalty[id=p, sector=market, decidedOn=2020-06-01, severity=GENERAL, kinds=null,"
                  + " fine=null, fulfilledOn=null, published=null, specialSerious=null,"
                  // the market fields of packs-v2, defaults shown as rules see them
                  + " procedure=null, publishedOn=null, lowFine=false, domain=OTHER,"
                  + " violationType=null, rectifiedOn=null, restrictedUntil=null,"
                  + " authority=null, documentNo=null]");
      assertThat(classes.describe("not a fact")).isEqualTo("not a fact");
    }
  }

  /**
   * A harbour sector that exists nowhere in the code: a yearly harbour grade (a grade scheme whose
   * POOR grades are repairable), a berth-ban listing (repairable) and a harbour repair that grants
   * repairs, declared in harbour/types.yaml, with one pack version matching them.
   */
  @Nested
  class ABrandNewSector {
    static final String TYPES =
        """
        # a sector no Java names: its fact types, as an analyst declares them
        types:
          HARBOUR_GRADE:
            class: HarbourGrade
            description: a yearly harbour-safety grade
            subjects: organisations
            ownDate: { endOfYear: year }
            start: publishedOn
            grade: { year: year, level: grade, publishedOn: publishedOn, levels: [GOOD, FAIR, POOR] }
            repairable: { field: grade, values: [POOR], label: poor harbour grade }
            fields:
              year: { kind: integer, required: true, min: 1 }
              grade: { kind: text, required: true }
              publishedOn: { kind: date, required: true }
            checks:
              - yearOver: { field: year, on: publishedOn }
              - unique: { field: year }

          BERTH_BAN_LISTING:
            class: BerthBanListing
            description: a listing that bans a subject from the berths
            subjects: any
            ownDate: listedOn
            repairable: { label: berth-ban listing }
            fields:
              listedOn: { kind: date, required: true }
              berths: { kind: integer, default: 1, min: 1 }

          HARBOUR_REPAIR:
            class: HarbourRepair
            description: a granted repair of a harbour record
            subjects: any
            ownDate: grantedOn
            grant: { target: target, grantedOn: grantedOn, newGrade: newGrade }
            fields:
              target:
                kind: reference
                required: true
                to: repairable
                message: target {target} is a {what}, not a repairable harbour record
              grantedOn: { kind: date, required: true }
              newGrade: { kind: text }
            checks:
              - notBeforeTarget: { field: grantedOn, target: target }
        """;

    static final String MANIFEST =
        """
        id=harbour
        version=2020.01
        sector=harbour
        title=港口信用管理办法
        validFrom=2020-01-01
        governs=%s
        stage=1
        """;

    static final String CATALOGUE =
        """
        measure.HBR-S-01.zh=港口信用差等级公示
        measure.HBR-S-01.en=Publication of a poor harbour grade
        measure.HBR-S-01.group=SUPERVISORY
        measure.HBR-S-01.areas=PUBLICATION
        measure.HBR-S-01.basis.1=港口信用管理办法|示例令第9号|第一条
        measure.HBR-S-01.verified=true
        measure.HBR-S-02.zh=禁止靠泊
        measure.HBR-S-02.en=Berth ban
        measure.HBR-S-02.group=RIGHTS_REDUCING
        measure.HBR-S-02.areas=PUBLICATION
        measure.HBR-S-02.basis.1=港口信用管理办法|示例令第9号|第二条
        measure.HBR-S-02.verified=true
        procedure.HBR-R-01.route=港口管理机构
        procedure.HBR-R-01.basis.1=港口信用管理办法|示例令第9号|第三条
        procedure.HBR-R-01.verified=true
        """;

    static final String DRL =
        """
        package dev.creditrules.packs.harbour

        import dev.creditrules.pack.Periods
        import dev.creditrules.api.RepairStatus
        import dev.creditrules.pack.*
        import dev.creditrules.facts.BerthBanListing
        import java.util.List

        // a POOR grade is published while it is in force (its grade term)
        rule "poor-grade"
            @measure("HBR-S-01")
        when
            $t : GradeTerm(scheme == "HARBOUR_GRADE", grade == "POOR", $f : fact)
            Judged(fact == $f)
        then
            insert(new Hit($t.start(), $t.until(), $t.facts()));
        end

        // berths is defaulted: a listing that does not give it bans one berth
        rule "berth-ban"
            @measure("HBR-S-02")
        when
            $l : BerthBanListing($id : id, $d : listedOn, berths >= 1)
            Judged(fact == $id)
        then
            insert(Hit.of($d, Periods.lastDay($d, 24), $id));
        end

        rule "berth-ban-repair"
            @procedure("HBR-R-01")
        when
            $l : BerthBanListing($id : id, $d : listedOn)
            Judged(fact == $id)
        then
            insert(new RepairHit($id, RepairStatus.ELIGIBLE, Periods.dayAfter($d, 6), List.of()));
        end
        """;

    @TempDir static Path tree;
    static CreditRulesEngine engine;

    /** Writes the harbour tree under {@code root}: types.yaml and harbour/2020.01. */
    static void write(Path root, String types, String governs) throws IOException {
      FixtureTypes.write(root, "harbour", types);
      Path dir = Files.createDirectories(root.resolve("harbour/2020.01"));
      Files.writeString(
          dir.resolve("pack.properties"), MANIFEST.formatted(governs), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("measures.properties"), CATALOGUE, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("rules.drl"), DRL, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void build() throws IOException {
      write(tree, TYPES, "HARBOUR_GRADE,BERTH_BAN_LISTING");
      engine = CreditRulesEngine.builder().directory(tree).build();
    }

    static Request request(String asOf, Fact... facts) {
      return Request.of(
          LocalDate.parse(asOf),
          Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
          List.of(facts));
    }

    /** A grade built with the engine's model, which checks each value against the declaration. */
    Fact grade(String id, int year, String level, String publishedOn) {
      return engine
          .model()
          .builder("HARBOUR_GRADE", id)
          .set("year", year)
          .set("grade", level)
          .set("publishedOn", LocalDate.parse(publishedOn))
          .build();
    }

    Fact listing(String id, String listedOn) {
      return engine
          .model()
          .builder("BERTH_BAN_LISTING", id)
          .set("listedOn", LocalDate.parse(listedOn))
          .build();
    }

    Fact repair(String id, String target, String grantedOn, String newGrade) {
      return engine
          .model()
          .builder("HARBOUR_REPAIR", id)
          .set("target", target)
          .set("grantedOn", LocalDate.parse(grantedOn))
          .set("newGrade", newGrade)
          .build();
    }

    /** The grade terms the pack version was given for {@code request}. */
    List<GradeTerm> termsGiven(Request request) {
      List<GradeTerm> terms = new ArrayList<>();
      engine.decide(
          request,
          new DecisionListener() {
            @Override
            public boolean wantsPackInputs() {
              return true;
            }

            @Override
            public void packInput(String packKey, List<Object> facts) {
              assertThat(packKey).isEqualTo("harbour@2020.01");
              facts.stream()
                  .filter(GradeTerm.class::isInstance)
                  .map(GradeTerm.class::cast)
                  .forEach(terms::add);
            }
          });
      return terms;
    }

    @Test
    void theModelAndTheClassesComeFromItsTypesYaml() {
      assertThat(engine.model().typeNames())
          .containsExactly("HARBOUR_GRADE", "BERTH_BAN_LISTING", "HARBOUR_REPAIR");
      assertThat(engine.model().type("HARBOUR_GRADE").pack()).isEqualTo("harbour");
      assertThat(engine.model().grantTypes())
          .extracting(FactTypeDecl::name)
          .containsExactly("HARBOUR_REPAIR");
      Fact l = listing("l1", "2022-01-10");
      // a defaulted field not set is not given: rules see its default through the class
      assertThat(l.get("berths")).isNull();
      assertThat(engine.model().type("BERTH_BAN_LISTING").withDefaults(l.values()))
          .containsEntry("berths", 1);
      assertThatThrownBy(
              () -> engine.model().builder("BERTH_BAN_LISTING", "l2").set("listedOn", "2022-01-10"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("listedOn");
    }

    @Test
    void gradeTermsAreComputedForTheNewScheme() {
      Fact g21 = grade("g21", 2021, "POOR", "2022-03-01");
      Fact g22 = grade("g22", 2022, "FAIR", "2023-02-15");

      // 2022-09-01: the 2021 grade is in force for 12 months; the 2022 grade is not yet dated
      Request early = request("2022-09-01", g21, g22);
      assertThat(termsGiven(early))
          .extracting(
              GradeTerm::fact,
              GradeTerm::scheme,
              GradeTerm::year,
              GradeTerm::grade,
              GradeTerm::start,
              GradeTerm::until,
              GradeTerm::replacement)
          .containsExactly(
              tuple(
                  "g21",
                  "HARBOUR_GRADE",
                  2021,
                  "POOR",
                  LocalDate.parse("2022-03-01"),
                  LocalDate.parse("2023-03-01"),
                  false));
      Decision d = engine.decide(early);
      assertThat(d.sanctions())
          .extracting(
              Outcome::measure,
              Outcome::sector,
              Outcome::from,
              Outcome::until,
              Outcome::facts,
              Outcome::rule)
          .containsExactly(
              tuple(
                  "HBR-S-01",
                  "harbour",
                  LocalDate.parse("2022-03-01"),
                  LocalDate.parse("2023-03-01"),
                  List.of("g21"),
                  "harbour@2020.01/poor-grade"));
      assertThat(d.packs())
          .extracting(p -> p.id() + "@" + p.version())
          .containsExactly("harbour@2020.01");

      // 2023-02-20: the 2022 grade, published 2023-02-15, ends the 2021 grade's term the day before
      Request later = request("2023-02-20", g21, g22);
      assertThat(termsGiven(later))
          .extracting(GradeTerm::fact, GradeTerm::grade, GradeTerm::start, GradeTerm::until)
          .containsExactly(
              tuple("g21", "POOR", LocalDate.parse("2022-03-01"), LocalDate.parse("2023-02-14")),
              tuple("g22", "FAIR", LocalDate.parse("2023-02-15"), LocalDate.parse("2024-02-15")));
      assertThat(engine.decide(later).sanctions()).isEmpty();
    }

    @Test
    void aGrantWithANewGradeAddsAReplacementTerm() {
      Fact g21 = grade("g21", 2021, "POOR", "2022-03-01");
      Fact r = repair("r1", "g21", "2022-06-01", "FAIR");
      assertThat(termsGiven(request("2022-09-01", g21, r)))
          .extracting(
              GradeTerm::grade,
              GradeTerm::start,
              GradeTerm::until,
              GradeTerm::facts,
              GradeTerm::replacement)
          .containsExactly(
              tuple(
                  "POOR",
                  LocalDate.parse("2022-03-01"),
                  LocalDate.parse("2023-03-01"),
                  List.of("g21"),
                  false),
              tuple(
                  "FAIR",
                  LocalDate.parse("2022-06-01"),
                  LocalDate.parse("2023-03-01"),
                  List.of("g21", "r1"),
                  true));
      // the POOR grade's publication ended the day before the grant
      assertThat(engine.decide(request("2022-05-31", g21, r)).sanctions())
          .extracting(Outcome::measure)
          .containsExactly("HBR-S-01");
      assertThat(engine.decide(request("2022-09-01", g21, r)).sanctions()).isEmpty();
    }

    @Test
    void aRepairGrantCutsTheListingsOutcomeTheDayBeforeTheGrant() {
      Fact l = listing("l1", "2022-01-10");
      Fact r = repair("r2", "l1", "2022-06-01", null);

      // the day before the grant, the ban is in force with its full term and repairable
      Decision before = engine.decide(request("2022-05-31", l, r));
      assertThat(before.sanctions())
          .extracting(Outcome::measure, Outcome::from, Outcome::until, Outcome::facts)
          .containsExactly(
              tuple(
                  "HBR-S-02",
                  LocalDate.parse("2022-01-10"),
                  LocalDate.parse("2024-01-10"),
                  List.of("l1")));
      assertThat(before.repairs())
          .singleElement()
          .satisfies(
              rep -> {
                assertThat(rep.status()).isEqualTo(RepairStatus.ELIGIBLE);
                assertThat(rep.earliest()).isEqualTo("2022-07-11");
                assertThat(rep.sector()).isEqualTo("harbour");
              });

      // from the grant on, the rule still concludes the ban, but its outcome ends the day before
      Trace on = engine.trace(request("2022-06-01", l, r));
      assertThat(on.fired()).contains("harbour@2020.01/berth-ban");
      assertThat(on.decision().sanctions()).isEmpty();
      assertThat(on.decision().repairs())
          .singleElement()
          .satisfies(
              rep -> {
                assertThat(rep.status()).isEqualTo(RepairStatus.REPAIRED);
                assertThat(rep.earliest()).isNull();
                assertThat(rep.route()).isEqualTo("港口管理机构");
                assertThat(rep.rule()).isEqualTo("harbour@2020.01/berth-ban-repair");
              });
    }

    @Test
    void requestsAreValidatedAgainstTheNewDeclarations() {
      // HARBOUR_GRADE is declared for organisations only
      Request person =
          Request.of(
              LocalDate.parse("2022-09-01"),
              Subject.of("110101199003074514", SubjectType.NATURAL_PERSON),
              List.of(grade("g21", 2021, "POOR", "2022-03-01")));
      assertThatThrownBy(() -> engine.decide(person))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.errors())
                      .anySatisfy(er -> assertThat(er.pointer()).startsWith("/facts/0")));
      // a repair must name a repairable record: a GOOD grade is not one
      Request good =
          request(
              "2022-09-01",
              grade("g21", 2021, "GOOD", "2022-03-01"),
              repair("r", "g21", "2022-06-01", null));
      assertThatThrownBy(() -> engine.decide(good))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.errors())
                      .anySatisfy(
                          er -> {
                            assertThat(er.pointer()).isEqualTo("/facts/1/target");
                            assertThat(er.reason()).contains("not a repairable harbour record");
                          }));
    }

    @Test
    void aGovernsNamingAnUndeclaredTypeIsAProblemOfThePackProperties(@TempDir Path root)
        throws IOException {
      write(root, TYPES, "HARBOUR_GRADE,BERTH_BAN_LISTNG");
      assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
          .isInstanceOfSatisfying(
              PackException.class,
              e ->
                  assertThat(e.problems())
                      .anySatisfy(
                          p -> {
                            assertThat(p.pack()).isEqualTo("harbour@2020.01");
                            assertThat(p.file()).isEqualTo("pack.properties");
                            assertThat(p.message())
                                .contains("governs names unknown fact type 'BERTH_BAN_LISTNG'");
                          }));
    }

    @Test
    void aRuleMatchingAnUndeclaredTypeDoesNotCompile(@TempDir Path root) throws IOException {
      // the tree declares the grade but not the listing its rules match
      String gradeOnly = TYPES.substring(0, TYPES.indexOf("  BERTH_BAN_LISTING:"));
      write(root, gradeOnly, "HARBOUR_GRADE");
      assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
          .isInstanceOfSatisfying(
              PackException.class,
              e ->
                  assertThat(e.problems())
                      .anySatisfy(
                          p -> {
                            assertThat(p.pack()).isEqualTo("harbour@2020.01");
                            assertThat(p.file()).isEqualTo("rules.drl");
                            assertThat(p.line()).isPositive();
                            assertThat(p.rule()).isEqualTo("berth-ban");
                            assertThat(p.message())
                                .startsWith(
                                    "unknown fact type BerthBanListing: it is imported, but no"
                                        + " types.yaml the pack reads declares a type of class BerthBanListing (declared: ");
                          }));
    }

    @Test
    void aTypesYamlErrorStopsTheBuildWithFileAndLine(@TempDir Path root) throws IOException {
      String broken = TYPES.replace("berths: { kind: integer", "berths: { kind: integr");
      int line =
          broken.lines().toList().indexOf("      berths: { kind: integr, default: 1, min: 1 }") + 1;
      assertThat(line).isPositive();
      write(root, broken, "HARBOUR_GRADE,BERTH_BAN_LISTING");
      assertThatThrownBy(() -> CreditRulesEngine.builder().directory(root).build())
          .isInstanceOfSatisfying(
              PackException.class,
              e ->
                  assertThat(e.problems())
                      .anySatisfy(
                          p -> {
                            assertThat(p.pack()).isEqualTo("harbour");
                            assertThat(p.file()).isEqualTo("types.yaml");
                            assertThat(p.line()).isEqualTo(line);
                            assertThat(p.rule()).isEqualTo("BERTH_BAN_LISTING");
                            assertThat(p.column()).isPositive();
                            assertThat(p.message())
                                .contains("unknown kind 'integr' of field berths");
                          }));
      // a live directory refuses to open on it likewise
      assertThatThrownBy(() -> LivePacks.open(root, PackGate.NONE))
          .isInstanceOfSatisfying(
              PackException.class,
              e ->
                  assertThat(e.problems())
                      .anySatisfy(
                          p -> {
                            assertThat(p.file()).isEqualTo("types.yaml");
                            assertThat(p.line()).isEqualTo(line);
                          }));
    }
  }
}
