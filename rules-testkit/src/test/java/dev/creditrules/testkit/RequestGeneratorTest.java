package dev.creditrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.Presence;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generic request generator on the shipped fact model: every line it means to be valid is
 * decided without error, the invalid ones fail as intended, a seed always gives the same bytes, and
 * every declared type and subject type shows up. (The packs come from their folder: rules-drl,
 * which puts them on the class path, depends on this module.)
 */
class RequestGeneratorTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");
  static final int LINES = 2000;

  private static CreditRulesEngine engine;
  private static FactModel model;
  private static ContractJson json;

  @BeforeAll
  static void load() {
    engine = CreditRulesEngine.builder().directory(PACKS).build();
    model = engine.model();
    json = new ContractJson(model);
  }

  @Test
  void everyLineOfTwoSeedsIsDecidedExceptTheIntendedInvalidOnes() {
    Set<String> types = new TreeSet<>();
    Set<SubjectType> subjects = EnumSet.noneOf(SubjectType.class);
    Set<String> invalidPointers = new HashSet<>();
    for (long seed : new long[] {1, 20261122}) {
      RequestGenerator generator = new RequestGenerator(model, seed, 10, 25);
      for (int n = 1; n <= LINES; n++) {
        String line = generator.line(n);
        if (generator.isInvalid(n)) {
          try {
            engine.decide(json.readRequest(line));
            throw new AssertionError("line " + n + " should be invalid: " + line);
          } catch (InvalidRequestException e) {
            assertThat(e.errors()).as(line).hasSize(1);
            invalidPointers.add(e.errors().get(0).pointer());
          }
          continue;
        }
        Decision decision;
        Request request;
        try {
          request = json.readRequest(line);
          decision = engine.decide(request);
        } catch (InvalidRequestException e) {
          throw new AssertionError(
              "seed " + seed + " line " + n + " is invalid: " + e.errors() + "\n" + line, e);
        }
        assertThat(decision.requestId()).isEqualTo("gen-" + n);
        assertThat(request.facts()).as(line).hasSize(10);
        request.facts().forEach(f -> types.add(f.type()));
        subjects.add(request.subject().type());
      }
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(model.typeNames());
    assertThat(subjects).containsExactlyInAnyOrder(SubjectType.values());
    assertThat(invalidPointers).containsExactlyInAnyOrder("", "/subject/id", "/asOf");
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    RequestGenerator a = new RequestGenerator(model, 9, 10, 5);
    RequestGenerator b = new RequestGenerator(model, 9, 10, 5);
    RequestGenerator other = new RequestGenerator(model, 10, 10, 5);
    for (int n = 1; n <= 200; n++) {
      assertThat(a.line(n)).isEqualTo(b.line(n)).isNotEqualTo(other.line(n));
    }
    // line n depends on n only, not on the lines made before it
    assertThat(new RequestGenerator(model, 9, 10, 5).line(150)).isEqualTo(a.line(150));
  }

  @Test
  void theJavaRequestIsWhatTheReaderReadsFromTheLine() {
    RequestGenerator generator = new RequestGenerator(model, 3, 12, 0);
    for (int n = 1; n <= 300; n++) {
      assertThat(generator.request(n)).isEqualTo(json.readRequest(generator.valid(n)));
    }
  }

  @Test
  void everyNumberOfFactsIsMadeAndValid() {
    for (int facts : new int[] {0, 1, 3, 4, 25, 200}) {
      RequestGenerator generator = new RequestGenerator(model, facts, facts, 0);
      for (int n = 1; n <= (facts > 25 ? 20 : 200); n++) {
        Request request = generator.request(n);
        assertThat(RequestValidator.validate(request, model)).as(generator.valid(n)).isEmpty();
        assertThat(request.facts()).hasSize(facts);
        if (facts == 10) {
          assertThat(request.facts().stream().map(Fact::type).distinct().count()).isGreaterThan(2);
        }
      }
    }
  }

  @Test
  void weightedSettingsGiveOnlyTheWeightedTypesInTheirProportions() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    List<FactTypeDecl> types = model.types();
    FactTypeDecl own = null;
    FactTypeDecl naming = null;
    for (FactTypeDecl t : types) {
      if (own == null && t.repairable() != null && t.repairable().field() == null) {
        own = t;
      }
      if (naming == null
          && RequestGenerator.namesAnother(t)
          && t.grant() == null
          && t.fields().stream()
              .anyMatch(f -> f.reference() != null && f.reference().repairableOnly())) {
        naming = t;
      }
    }
    weights.put(own.name(), 3);
    weights.put(naming.name(), 1);
    RequestGenerator generator =
        new RequestGenerator(
            model,
            RequestGenerator.Settings.of(5, 12, 0)
                .withWeights(weights)
                .withSubjectTypes(Set.of(SubjectType.ENTERPRISE))
                .withAsOf(LocalDate.of(2026, 1, 1), 365)
                .withSpanYears(3));
    for (int n = 1; n <= 100; n++) {
      Request request = generator.request(n);
      assertThat(RequestValidator.validate(request, model)).isEmpty();
      assertThat(request.subject().type()).isEqualTo(SubjectType.ENTERPRISE);
      assertThat(request.asOf()).isBetween(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
      Map<String, Integer> counts = new HashMap<>();
      request.facts().forEach(f -> counts.merge(f.type(), 1, Integer::sum));
      assertThat(counts).containsOnlyKeys(own.name(), naming.name());
      assertThat(counts.get(own.name())).isEqualTo(9);
      assertThat(counts.get(naming.name())).isEqualTo(3);
    }
  }

  @Test
  void boundaryAndVaryingSettingsStayValid() {
    RequestGenerator generator =
        new RequestGenerator(
            model,
            RequestGenerator.Settings.of(11, 16, 0)
                .withVaryingFacts()
                .withBoundaries()
                .withAsOf(LocalDate.of(2014, 1, 1), 15 * 365)
                .withRequestIdPrefix("eq-"));
    Set<Integer> sizes = new HashSet<>();
    int leapDays = 0;
    for (int n = 1; n <= 1000; n++) {
      Request request = generator.request(n);
      assertThat(RequestValidator.validate(request, model)).as(generator.valid(n)).isEmpty();
      assertThat(request.requestId()).isEqualTo("eq-" + n);
      sizes.add(request.facts().size());
      if (request.asOf().getMonthValue() == 2 && request.asOf().getDayOfMonth() == 29) {
        leapDays++;
      }
    }
    assertThat(sizes).hasSize(17);
    assertThat(leapDays).isGreaterThan(50);
  }

  @Test
  void defaultedFieldsAreSometimesGivenAndSometimesLeftToTheirDefault() throws Exception {
    RequestGenerator generator = new RequestGenerator(model, 4, 10, 0);
    ObjectMapper mapper = new ObjectMapper();
    Set<String> given = new HashSet<>();
    Set<String> left = new HashSet<>();
    for (int n = 1; n <= 500; n++) {
      JsonNode facts = mapper.readTree(generator.valid(n)).get("facts");
      List<Fact> read = generator.request(n).facts();
      for (int i = 0; i < read.size(); i++) {
        Fact f = read.get(i);
        for (FieldDecl d : model.typeOf(f).fields()) {
          if (d.presence() == Presence.DEFAULTED) {
            (facts.get(i).has(d.name()) ? given : left).add(f.type() + "." + d.name());
            // the fact holds what the line gives; a field left out has its default in rules
            assertThat(f.get(d.name()) != null).isEqualTo(facts.get(i).has(d.name()));
          }
        }
      }
    }
    // every defaulted field is sometimes left out; it is given too, unless a conditional check
    // allows it only on rare facts (a market penalty's lowFine: sector, procedure and FINE)
    assertThat(given).isNotEmpty().isSubsetOf(left);
    assertThat(given.size()).isGreaterThanOrEqualTo(left.size() - 1);
  }

  @Test
  void simplePatternsGiveMatchingValuesAndOthersNone() {
    SplittableRandom r = new SplittableRandom(1);
    for (String regex :
        List.of("[0-9]{2}", "RM-0[1-8]", "(AB|C)?\\d{3,5}", "[A-Z][a-z]+", "x*y", "[-a-c_]{1,4}")) {
      RequestGenerator.PatternValues values = RequestGenerator.PatternValues.of(regex);
      assertThat(values).as(regex).isNotNull();
      for (int i = 0; i < 50; i++) {
        assertThat(values.next(r)).matches(regex);
      }
    }
    for (String regex : List.of("^a$", "[^0-9]+", "(?=a)a", "(a)\\1", "a.b", "\\s+", "[a-")) {
      assertThat(RequestGenerator.PatternValues.of(regex)).as(regex).isNull();
    }
  }

  @Test
  void anUnknownWeightedTypeIsRefused() {
    assertThatThrownBy(
            () ->
                new RequestGenerator(
                    model, RequestGenerator.Settings.of(1, 1, 0).withWeights(Map.of("NO_SUCH", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fact type NO_SUCH");
  }

  @Test
  void aRequiredFieldWithAPatternThatIsNotSimpleLeavesItsTypeOut() {
    List<FactTypeDecl> types = new ArrayList<>(model.types());
    FactTypeDecl first = types.get(0);
    List<FieldDecl> fields = new ArrayList<>(first.fields());
    fields.add(
        new FieldDecl(
            "code",
            FieldKind.TEXT,
            Presence.REQUIRED,
            null,
            null,
            null,
            null,
            null,
            null,
            "(?i)[a-z]+",
            null,
            null,
            null,
            null));
    types.set(
        0,
        new FactTypeDecl(
            first.name(),
            first.className(),
            first.pack(),
            first.description(),
            first.subjects(),
            fields,
            first.ownDate(),
            first.ownDateIsYearEnd(),
            first.startField(),
            first.grade(),
            first.repairable(),
            first.grant(),
            first.repairSector(),
            first.checks()));
    RequestGenerator generator = new RequestGenerator(new FactModel(types), 1, 10, 0);
    assertThat(generator.skippedTypes()).containsOnlyKeys(first.name());
    for (int n = 1; n <= 100; n++) {
      assertThat(generator.request(n).facts()).noneMatch(f -> f.type().equals(first.name()));
    }
  }
}
