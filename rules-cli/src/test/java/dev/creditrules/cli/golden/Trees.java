package dev.creditrules.cli.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small helpers over request trees (Jackson {@link ObjectNode}s keep their field order). */
final class Trees {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** The fact types a grant or commitment may target (packs-v1 s.1.1; grades only when bad). */
  static final Set<String> ORGANISATION_ONLY =
      Set.of("TAX_GRADE", "LABOR_GRADE", "MAJOR_LABOR_VIOLATION", "ENV_GRADE", "ENV_RECTIFICATION");

  /** The subject types that may carry a RESEARCH_MISCONDUCT. */
  static final Set<String> RESEARCH_SUBJECTS =
      Set.of("NATURAL_PERSON", "PUBLIC_INSTITUTION", "ENTERPRISE", "SOCIAL_ORG");

  private Trees() {}

  static ObjectNode parse(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The request with {@code requestId} set to {@code id} and its fields in the contract's order:
   * requestId, asOf, subject, areas, facts, then anything else in its own order.
   */
  static ObjectNode withId(ObjectNode request, String id) {
    ObjectNode out = JSON.createObjectNode();
    out.put("requestId", id);
    for (String k : List.of("asOf", "subject", "areas", "facts")) {
      if (request.has(k)) {
        out.set(k, request.get(k));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  static ArrayNode facts(ObjectNode request) {
    return (ArrayNode) request.get("facts");
  }

  static ObjectNode subject(ObjectNode request) {
    return (ObjectNode) request.get("subject");
  }

  static String subjectType(ObjectNode request) {
    return subject(request).path("type").asText();
  }

  static LocalDate asOf(ObjectNode request) {
    return LocalDate.parse(request.get("asOf").asText());
  }

  static List<ObjectNode> factsWhere(ObjectNode request, Predicate<ObjectNode> p) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode f : facts(request)) {
      if (f instanceof ObjectNode o && p.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  static Predicate<ObjectNode> type(String... types) {
    Set<String> set = Set.of(types);
    return f -> set.contains(f.path("type").asText());
  }

  /** A random fact matching {@code p}, or null. */
  static ObjectNode pick(ObjectNode request, SplittableRandom r, Predicate<ObjectNode> p) {
    List<ObjectNode> all = factsWhere(request, p);
    return all.isEmpty() ? null : all.get(r.nextInt(all.size()));
  }

  static ObjectNode byId(ObjectNode request, String id) {
    for (JsonNode f : facts(request)) {
      if (id.equals(f.path("id").asText(null))) {
        return (ObjectNode) f;
      }
    }
    return null;
  }

  static boolean isDate(JsonNode n) {
    return n != null && n.isTextual() && ISO_DATE.matcher(n.asText()).matches();
  }

  static LocalDate date(JsonNode fact, String field) {
    JsonNode n = fact.get(field);
    return isDate(n) ? LocalDate.parse(n.asText()) : null;
  }

  /**
   * The date that starts a repairable record (what a commitment, grant, fulfilment or payment must
   * not precede), or null.
   */
  static LocalDate startOf(ObjectNode fact) {
    return switch (fact.path("type").asText()) {
      case "ADMIN_PENALTY",
          "WAGE_ARREARS_LISTING",
          "MAJOR_LABOR_VIOLATION",
          "RESEARCH_MISCONDUCT" ->
          date(fact, "decidedOn");
      case "TAX_SERIOUS_LISTING" -> date(fact, "servedOn");
      case "JUDGMENT_DEFAULTER" -> date(fact, "listedOn");
      case "TAX_GRADE", "LABOR_GRADE", "ENV_GRADE" -> date(fact, "publishedOn");
      default -> null;
    };
  }

  /** True for a record that gets a repair entry (packs-v1 s.1.1). */
  static boolean repairable(ObjectNode fact) {
    String grade = fact.path("grade").asText();
    return switch (fact.path("type").asText()) {
      case "ADMIN_PENALTY",
          "TAX_SERIOUS_LISTING",
          "WAGE_ARREARS_LISTING",
          "MAJOR_LABOR_VIOLATION",
          "RESEARCH_MISCONDUCT",
          "JUDGMENT_DEFAULTER" ->
          true;
      case "TAX_GRADE" -> grade.equals("C") || grade.equals("D");
      case "LABOR_GRADE" -> grade.equals("C");
      case "ENV_GRADE" -> grade.equals("YELLOW") || grade.equals("RED") || grade.equals("BLACK");
      default -> false;
    };
  }

  /** Whether a fact type may be held by a subject type (packs-v1 s.1). */
  static boolean allowed(String factType, String subjectType) {
    if (ORGANISATION_ONLY.contains(factType)) {
      return !"NATURAL_PERSON".equals(subjectType);
    }
    if ("RESEARCH_MISCONDUCT".equals(factType)) {
      return RESEARCH_SUBJECTS.contains(subjectType);
    }
    return true;
  }

  /**
   * Removes the facts the subject may not hold, then every fact whose {@code target} no longer
   * names a fact, so that the request stays valid.
   */
  static void dropDisallowed(ObjectNode request) {
    String subjectType = subjectType(request);
    ArrayNode facts = facts(request);
    for (int i = facts.size() - 1; i >= 0; i--) {
      if (!allowed(facts.get(i).path("type").asText(), subjectType)) {
        facts.remove(i);
      }
    }
    boolean removed = true;
    while (removed) {
      removed = false;
      Set<String> ids = new HashSet<>();
      facts.forEach(f -> ids.add(f.path("id").asText()));
      for (int i = facts.size() - 1; i >= 0; i--) {
        JsonNode target = facts.get(i).get("target");
        if (target != null && !ids.contains(target.asText())) {
          facts.remove(i);
          removed = true;
        }
      }
    }
  }

  /**
   * Moves every date of the request (asOf, establishedOn, every fact date) and every grade year by
   * {@code years}; order between dates is kept (29 February clamps to the 28th).
   */
  static void shiftYears(ObjectNode request, int years) {
    request.put("asOf", asOf(request).plusYears(years).toString());
    ObjectNode subject = subject(request);
    if (isDate(subject.get("establishedOn"))) {
      subject.put(
          "establishedOn",
          LocalDate.parse(subject.get("establishedOn").asText()).plusYears(years).toString());
    }
    for (JsonNode f : facts(request)) {
      ObjectNode fact = (ObjectNode) f;
      List<String> names = new ArrayList<>();
      fact.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        JsonNode v = fact.get(k);
        if (isDate(v)) {
          fact.put(k, LocalDate.parse(v.asText()).plusYears(years).toString());
        } else if (k.equals("year") && v.canConvertToInt()) {
          fact.put(k, v.asInt() + years);
        }
      }
    }
  }
}
