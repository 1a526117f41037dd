package dev.creditrules.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.testkit.RequestGenerator.Settings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * JSON Lines for the Spark tests: mostly valid requests of 0 to 4 facts from the testkit's generic
 * generator (over the fact types the packs on the class path declare), plus, about one line in
 * twenty, an invalid one of every kind: bad JSON, a wrong check character, an impossible date, a
 * fact of an unknown type, a misspelt field, a fact type not allowed for its subject, JSON that is
 * not a request object, and blank lines. Deterministic for a seed.
 */
final class RequestGenerator {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String[] NOT_REQUESTS = {"not json at all", "{", "[]", "{}", "   ", ""};

  private final FactModel model;
  private final dev.creditrules.testkit.RequestGenerator valid;

  /** Every line invalid, in turn bad JSON, a wrong check character, an impossible date. */
  private final dev.creditrules.testkit.RequestGenerator invalid;

  private final Random random;

  RequestGenerator(long seed) {
    model = FactModelReader.fromClasspath(RequestGenerator.class.getClassLoader());
    Settings settings =
        Settings.of(seed, 4, 0)
            .withVaryingFacts()
            .withAsOf(LocalDate.of(2019, 1, 1), 8 * 365)
            .withRequestIdPrefix("r");
    valid = new dev.creditrules.testkit.RequestGenerator(model, settings);
    invalid =
        new dev.creditrules.testkit.RequestGenerator(
            model, settings.withInvalidEvery(1).withRequestIdPrefix("bad-"));
    random = new Random(seed);
  }

  /** {@code count} lines, about one in twenty invalid or blank. */
  List<String> lines(int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      lines.add(random.nextInt(20) == 0 ? invalid(i) : valid.line(i));
    }
    return lines;
  }

  private String invalid(int n) {
    int kind = random.nextInt(NOT_REQUESTS.length + 4);
    if (kind < NOT_REQUESTS.length) {
      return NOT_REQUESTS[kind];
    }
    try {
      return switch (kind - NOT_REQUESTS.length) {
        case 0 -> invalid.line(n);
        case 1 -> unknownType(n);
        case 2 -> misspeltField(n);
        default -> notAllowedForSubject(n);
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid request with a fact of a type no pack declares. */
  private String unknownType(int n) throws JsonProcessingException {
    ObjectNode request = (ObjectNode) MAPPER.readTree(valid.valid(n));
    ArrayNode facts = (ArrayNode) request.get("facts");
    if (facts.isEmpty()) {
      facts.addObject().put("id", "x");
    }
    ((ObjectNode) facts.get(0)).put("type", "NO_SUCH_FACT");
    return MAPPER.writeValueAsString(request.put("requestId", "bad-type-" + n));
  }

  /** A valid request with one letter dropped from a field name of a fact (fulfiledOn). */
  private String misspeltField(int n) throws JsonProcessingException {
    for (int k = 0; ; k++) {
      ObjectNode request = (ObjectNode) MAPPER.readTree(valid.valid(n + 100_000 * k));
      for (JsonNode f : request.get("facts")) {
        ObjectNode fact = (ObjectNode) f;
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = fact.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          if (!name.equals("id") && !name.equals("type")) {
            names.add(name);
          }
        }
        if (!names.isEmpty()) {
          String name = names.get(random.nextInt(names.size()));
          int at = 1 + random.nextInt(name.length() - 1);
          String typo = name.substring(0, at) + name.substring(at + 1);
          fact.set(typo, fact.remove(name));
          return MAPPER.writeValueAsString(request.put("requestId", "typo-" + n));
        }
      }
    }
  }

  /** A fact of a type declared for other subject types than the request's subject. */
  private String notAllowedForSubject(int n) throws JsonProcessingException {
    List<FactTypeDecl> restricted = new ArrayList<>();
    for (FactTypeDecl t : model.types()) {
      if (t.subjects().size() < SubjectType.values().length
          && !dev.creditrules.testkit.RequestGenerator.namesAnother(t)) {
        restricted.add(t);
      }
    }
    FactTypeDecl type = restricted.get(random.nextInt(restricted.size()));
    Set<SubjectType> others = EnumSet.complementOf(EnumSet.copyOf(type.subjects()));
    Settings settings = valid.settings();
    ObjectNode fact =
        (ObjectNode)
            MAPPER
                .readTree(
                    new dev.creditrules.testkit.RequestGenerator(
                            model,
                            Settings.of(settings.seed(), 1, 0)
                                .withWeights(Map.of(type.name(), 1))
                                .withSubjectTypes(Set.copyOf(type.subjects())))
                        .valid(n))
                .get("facts")
                .get(0);
    ObjectNode request =
        (ObjectNode)
            MAPPER.readTree(
                new dev.creditrules.testkit.RequestGenerator(
                        model, Settings.of(settings.seed(), 0, 0).withSubjectTypes(others))
                    .valid(n));
    ((ArrayNode) request.get("facts")).add(fact);
    return MAPPER.writeValueAsString(request.put("requestId", "not-allowed-" + n));
  }
}
