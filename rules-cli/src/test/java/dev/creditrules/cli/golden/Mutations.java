package dev.creditrules.cli.golden;

import static dev.creditrules.cli.golden.Trees.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creditrules.cli.golden.GoldenRequests.GoldenLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Invalid requests: each kind of mutation applied to several valid base requests (generated ones,
 * generated ones with the extra fact types, the examples and the pack cases). A kind that does not
 * apply to a base (no fact of the type it needs) skips it. Every line's requestId is {@code
 * invalid/<group>/<kind>/<n>} unless the mutation is to the requestId or the JSON itself. A few
 * kinds are edge cases that the contract may well accept ({@code edge/*}): they are recorded all
 * the same.
 */
final class Mutations {
  /** A mutation: the mutated tree, raw text, raw bytes, or null when it does not apply. */
  interface Op extends BiFunction<ObjectNode, SplittableRandom, Object> {}

  /** A kind of mutation; {@code name} prefixes the requestIds of its lines. */
  record Kind(String category, String name, int count, Op op) {}

  private static final String[] BAD_DATES = {
    "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-32", "2026-1-5",
    "2026/01/05", "20260105", "", "2026-01-05T00:00:00", " 2026-01-05", "05-01-2026",
    "2026-01-05Z", "+2026-01-05", "0000-00-00", "2026-04-31", "1900-02-29"
  };

  private static final String[] REQUIRED = {
    "ADMIN_PENALTY.sector",
    "ADMIN_PENALTY.decidedOn",
    "ADMIN_PENALTY.severity",
    "CREDIT_COMMITMENT.madeOn",
    "CREDIT_COMMITMENT.target",
    "REPAIR_GRANTED.target",
    "REPAIR_GRANTED.grantedOn",
    "TAX_GRADE.year",
    "TAX_GRADE.grade",
    "TAX_GRADE.publishedOn",
    "TAX_SERIOUS_LISTING.servedOn",
    "TAX_SERIOUS_LISTING.publishedOn",
    "LABOR_GRADE.year",
    "LABOR_GRADE.grade",
    "LABOR_GRADE.publishedOn",
    "WAGE_ARREARS_LISTING.decidedOn",
    "WAGE_ARREARS_CASE.foundOn",
    "MAJOR_LABOR_VIOLATION.decidedOn",
    "MAJOR_LABOR_VIOLATION.category",
    "ENV_GRADE.year",
    "ENV_GRADE.grade",
    "ENV_GRADE.publishedOn",
    "ENV_RECTIFICATION.target",
    "ENV_RECTIFICATION.verifiedOn",
    "RESEARCH_MISCONDUCT.decidedOn",
    "RESEARCH_MISCONDUCT.misconduct",
    "RESEARCH_MISCONDUCT.severity",
    "JUDGMENT_DEFAULTER.listedOn"
  };

  private final List<ObjectNode> bases;
  private final long seed;
  private final List<Kind> kinds = new ArrayList<>();

  Mutations(List<ObjectNode> bases, long seed) {
    this.bases = List.copyOf(bases);
    this.seed = seed;
    json();
    missing();
    wrongType();
    unknownEnum();
    unknownField();
    badDate();
    subjectId();
    subjectFactType();
    contradictions();
    limits();
    edge();
    combined();
  }

  /** Every mutated line, kind after kind. */
  List<GoldenLine> all() {
    List<GoldenLine> out = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      Kind kind = kinds.get(k);
      SplittableRandom r = new SplittableRandom(seed + 7919L * k);
      int start = r.nextInt(bases.size());
      int produced = 0;
      Set<String> seen = new HashSet<>();
      for (int t = 0; t < bases.size() && produced < kind.count(); t++) {
        ObjectNode base = bases.get((int) ((start + 7919L * t) % bases.size()));
        ObjectNode copy = Trees.withId(base.deepCopy(), kind.name() + "/" + (produced + 1));
        Object result = kind.op().apply(copy, r);
        byte[] bytes;
        if (result == null) {
          continue;
        } else if (result instanceof ObjectNode tree) {
          bytes = Trees.write(tree).getBytes(StandardCharsets.UTF_8);
        } else if (result instanceof String text) {
          bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
          bytes = (byte[]) result;
        }
        if (seen.add(new String(bytes, StandardCharsets.ISO_8859_1))) {
          out.add(new GoldenLine(kind.category(), bytes));
          produced++;
        }
      }
      if (produced == 0) {
        throw new IllegalStateException("mutation " + kind.name() + " applies to no base");
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------ building blocks

  private void add(String group, String name, int count, Op op) {
    kinds.add(new Kind("invalid/" + group, "invalid/" + group + "/" + name, count, op));
  }

  private static String text(ObjectNode req) {
    return Trees.write(req);
  }

  /** A mutation of the request's text. */
  private static Op raw(java.util.function.Function<String, String> f) {
    return (req, r) -> f.apply(text(req));
  }

  /**
   * A field set on a random fact of {@code type} (any type when null) that matches {@code when}.
   */
  private static Op onFact(
      String type,
      Predicate<ObjectNode> when,
      BiFunction<ObjectNode, SplittableRandom, Boolean> change) {
    return (req, r) -> {
      ObjectNode f =
          Trees.pick(
              req,
              r,
              f0 -> (type == null || type.equals(f0.path("type").asText())) && when.test(f0));
      return f != null && change.apply(f, r) ? req : null;
    };
  }

  private static Op setOnFact(
      String type, Predicate<ObjectNode> when, String field, JsonNode value) {
    return onFact(
        type,
        when,
        (f, r) -> {
          f.set(field, value);
          return true;
        });
  }

  private static Op setOnFact(String type, String field, JsonNode value) {
    return setOnFact(type, f -> true, field, value);
  }

  private static Predicate<ObjectNode> has(String field) {
    return f -> f.has(field);
  }

  private static Predicate<ObjectNode> grade(String... grades) {
    Set<String> set = Set.of(grades);
    return f -> set.contains(f.path("grade").asText());
  }

  /** A field of a fact given a raw JSON value (NaN, 007, …) the tree cannot hold. */
  private static Op rawOnFact(
      String type, Predicate<ObjectNode> when, String field, String rawValue) {
    return (req, r) -> {
      ObjectNode f =
          Trees.pick(req, r, f0 -> type.equals(f0.path("type").asText()) && when.test(f0));
      if (f == null) {
        return null;
      }
      f.put(field, "@@RAW@@");
      return text(req).replace("\"@@RAW@@\"", rawValue);
    };
  }

  private static Op top(String field, JsonNode value) {
    return (req, r) -> {
      if (value == null) {
        req.remove(field);
      } else {
        req.set(field, value);
      }
      return req;
    };
  }

  private static Op subject(String field, JsonNode value) {
    return (req, r) -> {
      if (value == null) {
        Trees.subject(req).remove(field);
      } else {
        Trees.subject(req).set(field, value);
      }
      return req;
    };
  }

  private static JsonNode t(String s) {
    return TextNode.valueOf(s);
  }

  private static JsonNode i(int n) {
    return IntNode.valueOf(n);
  }

  private static ArrayNode arr(Object... values) {
    ArrayNode a = JSON.createArrayNode();
    for (Object v : values) {
      if (v instanceof String s) {
        a.add(s);
      } else if (v instanceof Integer n) {
        a.add(n);
      }
    }
    return a;
  }

  private static boolean isPerson(ObjectNode req) {
    return "NATURAL_PERSON".equals(Trees.subjectType(req));
  }

  /** Replaces the subject with a fresh one of {@code type} ("person" for a natural person). */
  private static void newSubject(ObjectNode req, SplittableRandom r, String type, String prefix) {
    ObjectNode s = JSON.createObjectNode();
    if ("NATURAL_PERSON".equals(type)) {
      s.put("id", Ids.resident(Trees.asOf(req).minusYears(25 + r.nextInt(40)), r));
    } else {
      s.put("id", Ids.uscc(prefix, r));
    }
    s.put("type", type);
    s.put("name", "变异主体");
    req.set("subject", s);
  }

  // ------------------------------------------------------------------------------ kinds

  private void json() {
    add(
        "json",
        "truncated",
        60,
        (req, r) -> {
          String s = text(req);
          return s.substring(0, 1 + r.nextInt(s.length() - 1));
        });
    add("json", "trailing-comma", 15, raw(s -> s.substring(0, s.length() - 1) + ",}"));
    add("json", "trailing-comma-in-array", 15, raw(s -> s.substring(0, s.length() - 2) + ",]}"));
    add("json", "root-array", 10, raw(s -> "[" + s + "]"));
    String[] scalars = {"\"request\"", "42", "null", "true", "[]", "\"\""};
    add("json", "root-not-object", 12, (req, r) -> scalars[r.nextInt(scalars.length)]);
    add("json", "two-values", 10, raw(s -> s + " " + s));
    add("json", "trailing-garbage", 10, raw(s -> s + " x"));
    add("json", "single-quotes", 10, raw(s -> s.replace("\"asOf\"", "'asOf'")));
    add("json", "unquoted-key", 10, raw(s -> s.replace("\"asOf\"", "asOf")));
    add("json", "comment", 10, raw(s -> s.replaceFirst("\\{", "{/* c */")));
    add("json", "duplicate-key", 15, raw(s -> s.replaceFirst("\\{", "{\"asOf\":\"2020-01-01\",")));
    add(
        "json",
        "duplicate-fact-key",
        15,
        (req, r) -> {
          ObjectNode f = Trees.pick(req, r, Trees.type("ADMIN_PENALTY"));
          if (f == null) {
            return null;
          }
          f.put("severity", "@@DUP@@");
          return text(req)
              .replace(
                  "\"severity\":\"@@DUP@@\"", "\"severity\":\"MINOR\",\"severity\":\"SERIOUS\"");
        });
    add(
        "json",
        "unterminated-string",
        10,
        raw(s -> s.replaceFirst("\"asOf\":\"(\\d{4}-\\d{2}-\\d{2})\"", "\"asOf\":\"$1")));
    add("json", "bad-escape", 10, raw(s -> s.replaceFirst("\"type\":\"", "\"type\":\"\\\\q")));
    add(
        "json",
        "control-char-in-string",
        10,
        raw(s -> s.replaceFirst("\"type\":\"", "\"type\":\"\t")));
    add("json", "number-nan", 10, rawOnFact("ADMIN_PENALTY", f -> true, "fine", "NaN"));
    add("json", "number-infinity", 5, rawOnFact("ADMIN_PENALTY", f -> true, "fine", "-Infinity"));
    add("json", "number-leading-zero", 10, rawOnFact("TAX_GRADE", f -> true, "year", "02024"));
    add(
        "json",
        "number-plus-sign",
        5,
        rawOnFact("JUDGMENT_DEFAULTER", f -> true, "termYears", "+2"));
    add("json", "number-hex", 5, rawOnFact("MAJOR_LABOR_VIOLATION", f -> true, "category", "0x3"));
    add(
        "json",
        "number-huge-integer",
        10,
        rawOnFact("ENV_GRADE", f -> true, "year", "123456789012345678901234567890"));
    add("json", "number-exponent", 10, rawOnFact("TAX_GRADE", f -> true, "year", "2.024e3"));
    add(
        "json",
        "number-huge-exponent",
        5,
        rawOnFact("ADMIN_PENALTY", f -> true, "fine", "1e999999"));
    add("json", "empty-object", 3, raw(s -> "{}"));
    add(
        "json",
        "bom",
        5,
        (req, r) -> {
          byte[] b = text(req).getBytes(StandardCharsets.UTF_8);
          byte[] out = new byte[b.length + 3];
          out[0] = (byte) 0xEF;
          out[1] = (byte) 0xBB;
          out[2] = (byte) 0xBF;
          System.arraycopy(b, 0, out, 3, b.length);
          return out;
        });
    byte[][] badUtf8 = {
      {(byte) 0xFF},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE6, (byte) 0x9F},
      {(byte) 0x80},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };
    add(
        "json",
        "invalid-utf8",
        24,
        (req, r) -> {
          Trees.subject(req).put("name", "坏@@UTF8@@字节");
          String[] parts = text(req).split("@@UTF8@@");
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
          out.writeBytes(badUtf8[r.nextInt(badUtf8.length)]);
          out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
          return out.toByteArray();
        });
    add(
        "json",
        "deep-nesting",
        3,
        (req, r) -> {
          int depth = 1500 + 1000 * r.nextInt(3);
          Trees.subject(req).put("name", "@@DEEP@@");
          return text(req).replace("\"@@DEEP@@\"", "[".repeat(depth) + "]".repeat(depth));
        });
  }

  private void missing() {
    add("missing-field", "asOf", 20, top("asOf", null));
    add("missing-field", "subject", 20, top("subject", null));
    add("missing-field", "facts", 20, top("facts", null));
    add("missing-field", "asOf-null", 10, top("asOf", NullNode.instance));
    add("missing-field", "subject-null", 10, top("subject", NullNode.instance));
    add("missing-field", "facts-null", 10, top("facts", NullNode.instance));
    add("missing-field", "subject.id", 20, subject("id", null));
    add("missing-field", "subject.type", 20, subject("type", null));
    add("missing-field", "subject.id-null", 10, subject("id", NullNode.instance));
    add("missing-field", "fact.id", 20, onFact(null, f -> true, (f, r) -> f.remove("id") != null));
    add(
        "missing-field",
        "fact.type",
        20,
        onFact(null, f -> true, (f, r) -> f.remove("type") != null));
    for (String required : REQUIRED) {
      String type = required.substring(0, required.indexOf('.'));
      String field = required.substring(required.indexOf('.') + 1);
      add(
          "missing-field",
          required,
          20,
          onFact(type, has(field), (f, r) -> f.remove(field) != null));
    }
    add(
        "missing-field",
        "ADMIN_PENALTY.decidedOn-null",
        10,
        setOnFact("ADMIN_PENALTY", "decidedOn", NullNode.instance));
    add(
        "missing-field",
        "TAX_GRADE.grade-null",
        10,
        setOnFact("TAX_GRADE", "grade", NullNode.instance));
    add(
        "missing-field",
        "fact-empty-object",
        10,
        (req, r) -> {
          Trees.facts(req).addObject();
          return req;
        });
  }

  private void wrongType() {
    int n = 15;
    add("wrong-type", "requestId-number", n, top("requestId", i(12345)));
    add(
        "wrong-type",
        "requestId-object",
        n,
        top("requestId", JSON.createObjectNode().put("id", "x")));
    add("wrong-type", "asOf-number", n, top("asOf", i(20260101)));
    add("wrong-type", "asOf-array", n, top("asOf", arr("2026-01-01")));
    add("wrong-type", "subject-string", n, top("subject", t("91110108MA01TAX03C")));
    add(
        "wrong-type",
        "subject-array",
        n,
        (req, r) -> {
          req.set("subject", JSON.createArrayNode().add(Trees.subject(req)));
          return req;
        });
    add(
        "wrong-type",
        "subject.id-number",
        n,
        subject("id", JSON.getNodeFactory().numberNode(110108198001150018L)));
    add("wrong-type", "subject.type-number", n, subject("type", i(1)));
    add("wrong-type", "subject.name-number", n, subject("name", i(7)));
    add(
        "wrong-type",
        "subject.region-number",
        n,
        (req, r) -> isPerson(req) ? null : subject("region", i(110108)).apply(req, r));
    add(
        "wrong-type",
        "subject.establishedOn-number",
        n,
        (req, r) -> isPerson(req) ? null : subject("establishedOn", i(20190301)).apply(req, r));
    add(
        "wrong-type",
        "facts-object",
        n,
        (req, r) -> {
          ObjectNode o = JSON.createObjectNode();
          o.set(
              "f", Trees.facts(req).size() > 0 ? Trees.facts(req).get(0) : JSON.createObjectNode());
          req.set("facts", o);
          return req;
        });
    add("wrong-type", "facts-string", n, top("facts", t("[]")));
    add(
        "wrong-type",
        "fact-string",
        n,
        (req, r) -> {
          Trees.facts(req).add("ADMIN_PENALTY");
          return req;
        });
    add(
        "wrong-type",
        "fact-number",
        n,
        (req, r) -> {
          Trees.facts(req).insert(0, 1);
          return req;
        });
    add(
        "wrong-type",
        "fact-null",
        n,
        (req, r) -> {
          Trees.facts(req).addNull();
          return req;
        });
    add(
        "wrong-type",
        "fact-array",
        n,
        (req, r) -> {
          if (Trees.facts(req).isEmpty()) {
            return null;
          }
          Trees.facts(req).set(0, JSON.createArrayNode().add(Trees.facts(req).get(0)));
          return req;
        });
    add("wrong-type", "fact.id-number", n, setOnFact(null, "id", i(1)));
    add("wrong-type", "fact.type-number", n, setOnFact(null, "type", i(3)));
    add("wrong-type", "kinds-string", n, setOnFact("ADMIN_PENALTY", "kinds", t("FINE")));
    add("wrong-type", "kinds-number-element", n, setOnFact("ADMIN_PENALTY", "kinds", arr(1)));
    add("wrong-type", "fine-string", n, setOnFact("ADMIN_PENALTY", "fine", t("50000")));
    add("wrong-type", "fine-boolean", n, setOnFact("ADMIN_PENALTY", "fine", BooleanNode.TRUE));
    add("wrong-type", "year-string", n, setOnFact("TAX_GRADE", "year", t("2024")));
    add(
        "wrong-type",
        "year-fraction",
        n,
        onFact(
            "ENV_GRADE",
            f -> true,
            (f, r) -> {
              f.put("year", f.get("year").asInt() + 0.5);
              return true;
            }));
    add(
        "wrong-type",
        "year-float-integral",
        n,
        onFact(
            "LABOR_GRADE",
            f -> true,
            (f, r) -> {
              f.set("year", DoubleNode.valueOf(f.get("year").asInt()));
              return true;
            }));
    add(
        "wrong-type",
        "directReason-string",
        n,
        setOnFact("TAX_GRADE", grade("D"), "directReason", t("3")));
    add("wrong-type", "category-string", n, setOnFact("MAJOR_LABOR_VIOLATION", "category", t("2")));
    add(
        "wrong-type",
        "category-float",
        n,
        setOnFact("MAJOR_LABOR_VIOLATION", "category", DoubleNode.valueOf(2.0)));
    add(
        "wrong-type",
        "termYears-float",
        n,
        setOnFact("JUDGMENT_DEFAULTER", "termYears", DoubleNode.valueOf(2.5)));
    add(
        "wrong-type",
        "banYears-string",
        n,
        setOnFact(
            "RESEARCH_MISCONDUCT", f -> !f.path("permanent").asBoolean(), "banYears", t("3")));
    add(
        "wrong-type",
        "priorListings-boolean",
        n,
        setOnFact("TAX_SERIOUS_LISTING", "priorListingsIn5Years", BooleanNode.TRUE));
    add(
        "wrong-type",
        "workers-float",
        n,
        setOnFact("WAGE_ARREARS_CASE", "workers", DoubleNode.valueOf(3.5)));
    add("wrong-type", "amount-string", n, setOnFact("WAGE_ARREARS_CASE", "amount", t("1000")));
    add("wrong-type", "published-string", n, setOnFact("ADMIN_PENALTY", "published", t("true")));
    add(
        "wrong-type",
        "published-string-on-minor",
        n,
        setOnFact(
            "ADMIN_PENALTY",
            f -> "MINOR".equals(f.path("severity").asText()),
            "published",
            t("true")));
    add(
        "wrong-type",
        "specialSerious-number",
        n,
        setOnFact(
            "ADMIN_PENALTY",
            f -> "SERIOUS".equals(f.path("severity").asText()),
            "specialSerious",
            i(1)));
    add(
        "wrong-type",
        "permanent-string",
        n,
        setOnFact("RESEARCH_MISCONDUCT", f -> !f.has("banYears"), "permanent", t("yes")));
    add(
        "wrong-type",
        "aggravated-string",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "aggravated", t("false")));
    add(
        "wrong-type",
        "awardRevoked-number",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "awardRevoked", i(0)));
    add("wrong-type", "areas-string", n, top("areas", t("PUBLIC_PROCUREMENT")));
    add("wrong-type", "areas-number-element", n, top("areas", arr(1)));
    add(
        "wrong-type",
        "areas-object",
        n,
        top("areas", JSON.createObjectNode().put("PUBLIC_PROCUREMENT", true)));
    add("wrong-type", "province-number", n, setOnFact("ENV_GRADE", "province", i(44)));
    add("wrong-type", "score-string", n, setOnFact("TAX_GRADE", "score", t("88")));
    add("wrong-type", "target-number", n, setOnFact("CREDIT_COMMITMENT", "target", i(1)));
    add(
        "wrong-type",
        "target-array",
        n,
        onFact(
            "REPAIR_GRANTED",
            f -> true,
            (f, r) -> {
              f.set("target", arr(f.get("target").asText()));
              return true;
            }));
    add("wrong-type", "decidedOn-number", n, setOnFact("ADMIN_PENALTY", "decidedOn", i(20260101)));
    add("wrong-type", "authority-number", n, setOnFact(null, "authority", i(7)));
    add(
        "wrong-type",
        "documentNo-object",
        n,
        setOnFact(null, "documentNo", JSON.createObjectNode().put("no", "1")));
    add(
        "wrong-type",
        "breachedOn-boolean",
        n,
        setOnFact("CREDIT_COMMITMENT", "breachedOn", BooleanNode.FALSE));
    add(
        "wrong-type",
        "newGrade-number",
        n,
        onFact(
            "REPAIR_GRANTED",
            f -> true,
            (f, r) -> {
              f.set("newGrade", i(2));
              return true;
            }));
  }

  private void unknownEnum() {
    int n = 15;
    add("unknown-enum", "subject.type-COMPANY", n, subject("type", t("COMPANY")));
    add(
        "unknown-enum",
        "subject.type-lowercase",
        n,
        (req, r) ->
            subject("type", t(Trees.subjectType(req).toLowerCase(java.util.Locale.ROOT)))
                .apply(req, r));
    add("unknown-enum", "subject.type-empty", n, subject("type", t("")));
    add("unknown-enum", "fact.type-TAX_GRADES", n, setOnFact("TAX_GRADE", "type", t("TAX_GRADES")));
    add(
        "unknown-enum",
        "fact.type-lowercase",
        n,
        onFact(
            null,
            f -> true,
            (f, r) -> {
              f.put("type", f.get("type").asText().toLowerCase(java.util.Locale.ROOT));
              return true;
            }));
    add(
        "unknown-enum",
        "fact.type-LABOUR_GRADE",
        n,
        setOnFact("LABOR_GRADE", "type", t("LABOUR_GRADE")));
    add("unknown-enum", "fact.type-empty", n, setOnFact(null, "type", t("")));
    add(
        "unknown-enum",
        "fact.type-v2-like",
        n,
        setOnFact("ADMIN_PENALTY", "type", t("CREDIT_DISPUTE")));
    add("unknown-enum", "sector-finance", n, setOnFact("ADMIN_PENALTY", "sector", t("finance")));
    add("unknown-enum", "sector-capitalised", n, setOnFact("ADMIN_PENALTY", "sector", t("Tax")));
    add("unknown-enum", "severity-SEVERE", n, setOnFact("ADMIN_PENALTY", "severity", t("SEVERE")));
    add(
        "unknown-enum",
        "severity-lowercase",
        n,
        setOnFact(
            "ADMIN_PENALTY",
            f -> "MINOR".equals(f.path("severity").asText()),
            "severity",
            t("minor")));
    add("unknown-enum", "kinds-FINES", n, setOnFact("ADMIN_PENALTY", "kinds", arr("FINES")));
    add("unknown-enum", "kinds-lowercase", n, setOnFact("ADMIN_PENALTY", "kinds", arr("warning")));
    add(
        "unknown-enum",
        "kinds-one-bad",
        n,
        setOnFact("ADMIN_PENALTY", "kinds", arr("FINE", "PRISON")));
    add("unknown-enum", "tax-grade-E", n, setOnFact("TAX_GRADE", "grade", t("E")));
    add(
        "unknown-enum",
        "tax-grade-lowercase",
        n,
        setOnFact("TAX_GRADE", grade("A"), "grade", t("a")));
    add("unknown-enum", "labor-grade-D", n, setOnFact("LABOR_GRADE", "grade", t("D")));
    add("unknown-enum", "env-grade-ORANGE", n, setOnFact("ENV_GRADE", "grade", t("ORANGE")));
    add("unknown-enum", "env-grade-lowercase", n, setOnFact("ENV_GRADE", "grade", t("green")));
    add("unknown-enum", "newGrade-Z", n, setOnFact("REPAIR_GRANTED", "newGrade", t("Z")));
    add(
        "unknown-enum",
        "misconduct-RM-09",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "misconduct", t("RM-09")));
    add(
        "unknown-enum",
        "misconduct-RM-00",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "misconduct", t("RM-00")));
    add(
        "unknown-enum",
        "misconduct-RM-1",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "misconduct", t("RM-1")));
    add(
        "unknown-enum",
        "research-severity-MEDIUM",
        n,
        setOnFact("RESEARCH_MISCONDUCT", "severity", t("MEDIUM")));
    add("unknown-enum", "areas-TAXES", n, top("areas", arr("TAXES")));
    add("unknown-enum", "areas-lowercase", n, top("areas", arr("public_procurement")));
    add("unknown-enum", "areas-INSURANCE", n, top("areas", arr("INSURANCE")));
    add("unknown-enum", "areas-one-empty", n, top("areas", arr("PUBLIC_PROCUREMENT", "")));
  }

  private void unknownField() {
    int n = 15;
    add("unknown-field", "top-asof", n, top("asof", t("2026-01-01")));
    add("unknown-field", "top-extra", n, top("extra", i(1)));
    add("unknown-field", "top-decision", n, top("incentives", JSON.createArrayNode()));
    add("unknown-field", "subject-nam", n, subject("nam", t("某公司")));
    add("unknown-field", "subject-establishedon", n, subject("establishedon", t("2019-03-01")));
    add("unknown-field", "subject-birthDate", n, subject("birthDate", t("1980-01-15")));
    add(
        "unknown-field",
        "penalty-fulfiledOn",
        n,
        onFact(
            "ADMIN_PENALTY",
            f -> true,
            (f, r) -> {
              JsonNode v = f.remove("fulfilledOn");
              f.put(
                  "fulfiledOn",
                  v == null ? Trees.date(f, "decidedOn").plusDays(5).toString() : v.asText());
              return true;
            }));
    add(
        "unknown-field",
        "penalty-decidedon",
        n,
        setOnFact("ADMIN_PENALTY", "decidedon", t("2024-01-01")));
    add("unknown-field", "any-comment", n, setOnFact(null, "comment", t("备注")));
    add("unknown-field", "penalty-grade", n, setOnFact("ADMIN_PENALTY", "grade", t("A")));
    add("unknown-field", "tax-grade-sector", n, setOnFact("TAX_GRADE", "sector", t("tax")));
    add("unknown-field", "any-disputed", n, setOnFact(null, "disputed", BooleanNode.TRUE));
    add("unknown-field", "commitment-year", n, setOnFact("CREDIT_COMMITMENT", "year", i(2024)));
    add(
        "unknown-field",
        "unknown-type-and-typo",
        n,
        onFact(
            null,
            f -> true,
            (f, r) -> {
              f.put("type", "UNKNOWN_FACT");
              f.put("fulfiledOn", "2024-01-01");
              return true;
            }));
  }

  private void badDate() {
    for (String bad : BAD_DATES) {
      String name = bad.isEmpty() ? "empty" : bad.trim().replace('/', '_').replace(' ', '_');
      if (bad.startsWith(" ")) {
        name = "leading-space";
      }
      add("bad-date", "asOf-" + name, 6, top("asOf", t(bad)));
      add(
          "bad-date",
          "establishedOn-" + name,
          4,
          (req, r) -> isPerson(req) ? null : subject("establishedOn", t(bad)).apply(req, r));
      add(
          "bad-date",
          "fact-" + name,
          12,
          (req, r) -> {
            List<String[]> fields = new ArrayList<>();
            for (ObjectNode f : Trees.factsWhere(req, f -> true)) {
              f.fieldNames()
                  .forEachRemaining(
                      k -> {
                        if (Trees.isDate(f.get(k))) {
                          fields.add(new String[] {f.get("id").asText(), k});
                        }
                      });
            }
            if (fields.isEmpty()) {
              return null;
            }
            String[] at = fields.get(r.nextInt(fields.size()));
            Trees.byId(req, at[0]).put(at[1], bad);
            return req;
          });
    }
  }

  private void subjectId() {
    int n = 15;
    Predicate<ObjectNode> org = req -> !isPerson(req);
    add(
        "subject-id",
        "org-wrong-check",
        n,
        (req, r) -> {
          newSubject(req, r, "ENTERPRISE", "91");
          Trees.dropDisallowed(req);
          Trees.subject(req).put("id", Ids.wrongCheck(Trees.subject(req).get("id").asText()));
          return req;
        });
    add(
        "subject-id",
        "base-wrong-check",
        n,
        (req, r) -> {
          Trees.subject(req).put("id", Ids.wrongCheck(Trees.subject(req).get("id").asText()));
          return req;
        });
    add(
        "subject-id",
        "person-wrong-check",
        n,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          Trees.subject(req).put("id", Ids.wrongCheck(Trees.subject(req).get("id").asText()));
          return req;
        });
    add(
        "subject-id",
        "org-length-17",
        n,
        (req, r) -> {
          if (!org.test(req)) {
            return null;
          }
          String id = Trees.subject(req).get("id").asText();
          Trees.subject(req).put("id", id.substring(0, 17));
          return req;
        });
    add(
        "subject-id",
        "org-length-19",
        n,
        (req, r) -> {
          if (!org.test(req)) {
            return null;
          }
          Trees.subject(req).put("id", Trees.subject(req).get("id").asText() + "0");
          return req;
        });
    add(
        "subject-id",
        "person-length-17",
        n,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          Trees.subject(req).put("id", Trees.subject(req).get("id").asText().substring(0, 17));
          return req;
        });
    add(
        "subject-id",
        "org-illegal-char",
        20,
        (req, r) -> {
          newSubject(req, r, "ENTERPRISE", "91");
          Trees.dropDisallowed(req);
          String id = Trees.subject(req).get("id").asText();
          int at = 8 + r.nextInt(9);
          char bad = "IOZSV*".charAt(r.nextInt(6));
          Trees.subject(req).put("id", id.substring(0, at) + bad + id.substring(at + 1));
          return req;
        });
    add(
        "subject-id",
        "org-letter-in-region",
        n,
        (req, r) -> {
          newSubject(req, r, "ENTERPRISE", "91");
          Trees.dropDisallowed(req);
          String id = Trees.subject(req).get("id").asText();
          int at = 2 + r.nextInt(6);
          String first17 = id.substring(0, at) + "A" + id.substring(at + 1, 17);
          Trees.subject(req).put("id", first17 + Ids.usccCheck(first17));
          return req;
        });
    add(
        "subject-id",
        "person-letter-in-digits",
        n,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          String id = Trees.subject(req).get("id").asText();
          int at = r.nextInt(17);
          Trees.subject(req).put("id", id.substring(0, at) + "A" + id.substring(at + 1));
          return req;
        });
    String[] badBirths = {"19800230", "19801301", "19800000", "20250229"};
    add(
        "subject-id",
        "person-bad-birth-date",
        n,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          String id = Trees.subject(req).get("id").asText();
          String first17 =
              id.substring(0, 6) + badBirths[r.nextInt(badBirths.length)] + id.substring(14, 17);
          Trees.subject(req).put("id", first17 + Ids.residentCheck(first17));
          return req;
        });
    add(
        "subject-id",
        "person-born-after-asOf",
        n,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          Trees.subject(req)
              .put("id", Ids.resident(Trees.asOf(req).plusDays(1 + r.nextInt(3000)), r));
          return req;
        });
    add("subject-id", "empty", 10, subject("id", t("")));
    add(
        "subject-id",
        "spaces",
        10,
        (req, r) -> subject("id", t(" " + Trees.subject(req).get("id").asText())).apply(req, r));
    String[][] mismatches = {
      {"91", "SOCIAL_ORG"},
      {"52", "ENTERPRISE"},
      {"11", "PUBLIC_INSTITUTION"},
      {"93", "INDIVIDUAL_BUSINESS"},
      {"12", "GOVERNMENT_AGENCY"},
      {"92", "FARMER_COOP"},
      {"91", "NATURAL_PERSON"}
    };
    for (String[] m : mismatches) {
      add(
          "subject-id",
          "type-mismatch-" + m[0] + "-" + m[1],
          12,
          (req, r) -> {
            newSubject(req, r, "ENTERPRISE", m[0]);
            Trees.subject(req).put("type", m[1]);
            Trees.dropDisallowed(req);
            return req;
          });
    }
    add(
        "subject-id",
        "org-with-resident-id",
        n,
        (req, r) -> {
          if (!org.test(req)) {
            return null;
          }
          String id;
          do { // not one that happens to be a valid credit code too (1 in 31)
            id = Ids.resident(LocalDate.of(1980, 1, 15).plusDays(r.nextInt(9000)), r);
          } while (Ids.usccCheck(id) == id.charAt(17));
          Trees.subject(req).put("id", id);
          return req;
        });
    add(
        "subject-id",
        "person-with-wrong-check-uscc",
        n,
        (req, r) -> {
          newSubject(req, r, "ENTERPRISE", "91");
          Trees.subject(req).put("type", "NATURAL_PERSON");
          Trees.subject(req).put("id", Ids.wrongCheck(Trees.subject(req).get("id").asText()));
          Trees.dropDisallowed(req);
          return req;
        });
    add(
        "subject-id",
        "person-not-an-id",
        10,
        (req, r) -> {
          newSubject(req, r, "NATURAL_PERSON", null);
          Trees.dropDisallowed(req);
          Trees.subject(req).put("id", "ABC" + r.nextInt(1000));
          return req;
        });
  }

  private void subjectFactType() {
    String[][] combos = {
      {"TAX_GRADE", "NATURAL_PERSON", null},
      {"LABOR_GRADE", "NATURAL_PERSON", null},
      {"MAJOR_LABOR_VIOLATION", "NATURAL_PERSON", null},
      {"ENV_GRADE", "NATURAL_PERSON", null},
      {"ENV_RECTIFICATION", "NATURAL_PERSON", null},
      {"RESEARCH_MISCONDUCT", "GOVERNMENT_AGENCY", "11"},
      {"RESEARCH_MISCONDUCT", "INDIVIDUAL_BUSINESS", "92"},
      {"RESEARCH_MISCONDUCT", "FARMER_COOP", "93"},
    };
    for (String[] c : combos) {
      add(
          "subject-fact-type",
          c[0] + "-for-" + c[1],
          25,
          (req, r) -> {
            if (Trees.factsWhere(req, Trees.type(c[0])).isEmpty()) {
              return null;
            }
            newSubject(req, r, c[1], c[2]);
            return req;
          });
    }
  }

  private void contradictions() {
    int n = 20;
    String group = "contradiction";
    add(
        group,
        "fulfilledOn-day-before-decidedOn",
        n,
        onFact(
            "ADMIN_PENALTY",
            has("decidedOn"),
            (f, r) -> {
              f.put("fulfilledOn", Trees.date(f, "decidedOn").minusDays(1).toString());
              return true;
            }));
    add(
        group,
        "fulfilledOn-long-before-decidedOn",
        n,
        onFact(
            "ADMIN_PENALTY",
            has("decidedOn"),
            (f, r) -> {
              f.put(
                  "fulfilledOn",
                  Trees.date(f, "decidedOn").minusDays(2 + r.nextInt(900)).toString());
              return true;
            }));
    add(
        group,
        "tax-serious-publishedOn-before-servedOn",
        n,
        onFact(
            "TAX_SERIOUS_LISTING",
            f -> true,
            (f, r) -> {
              f.put(
                  "publishedOn", Trees.date(f, "servedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    add(
        group,
        "tax-serious-paidInFullOn-before-servedOn",
        n,
        onFact(
            "TAX_SERIOUS_LISTING",
            f -> true,
            (f, r) -> {
              f.put(
                  "paidInFullOn",
                  Trees.date(f, "servedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    add(
        group,
        "wage-listing-paidInFullOn-before-decidedOn",
        n,
        onFact(
            "WAGE_ARREARS_LISTING",
            f -> true,
            (f, r) -> {
              f.put(
                  "paidInFullOn",
                  Trees.date(f, "decidedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    add(
        group,
        "defaulter-fulfilledOn-before-listedOn",
        n,
        onFact(
            "JUDGMENT_DEFAULTER",
            f -> true,
            (f, r) -> {
              f.put(
                  "fulfilledOn", Trees.date(f, "listedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    add(
        group,
        "tax-grade-correctedOn-before-publishedOn",
        n,
        onFact(
            "TAX_GRADE",
            grade("C", "D"),
            (f, r) -> {
              f.put(
                  "correctedOn",
                  Trees.date(f, "publishedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    add(
        group,
        "rectification-verifiedOn-before-publishedOn",
        n,
        (req, r) -> {
          ObjectNode f = Trees.pick(req, r, Trees.type("ENV_RECTIFICATION"));
          ObjectNode target = f == null ? null : Trees.byId(req, f.path("target").asText());
          if (target == null) {
            return null;
          }
          f.put(
              "verifiedOn",
              Trees.date(target, "publishedOn").minusDays(1 + r.nextInt(30)).toString());
          return req;
        });
    add(group, "commitment-madeOn-before-target", n, targetDate("CREDIT_COMMITMENT", "madeOn"));
    add(group, "grant-grantedOn-before-target", n, targetDate("REPAIR_GRANTED", "grantedOn"));
    add(
        group,
        "grant-revokedOn-before-grantedOn",
        n,
        onFact(
            "REPAIR_GRANTED",
            has("grantedOn"),
            (f, r) -> {
              f.put(
                  "revokedOn", Trees.date(f, "grantedOn").minusDays(1 + r.nextInt(30)).toString());
              return true;
            }));
    for (String scheme : List.of("TAX_GRADE", "LABOR_GRADE", "ENV_GRADE")) {
      add(
          group,
          scheme + "-year-not-over-on-publishedOn",
          n,
          onFact(
              scheme,
              f -> true,
              (f, r) -> {
                int year = f.get("year").asInt();
                f.put(
                    "publishedOn",
                    LocalDate.of(year, 1 + r.nextInt(12), 1).plusMonths(1).minusDays(1).toString());
                return true;
              }));
      add(
          group,
          scheme + "-published-in-its-year",
          10,
          onFact(
              scheme,
              f -> true,
              (f, r) -> {
                f.put("publishedOn", LocalDate.of(f.get("year").asInt(), 12, 31).toString());
                return true;
              }));
      add(
          group,
          scheme + "-two-grades-same-year",
          n,
          (req, r) -> {
            ObjectNode f = Trees.pick(req, r, Trees.type(scheme));
            if (f == null) {
              return null;
            }
            ObjectNode twin = f.deepCopy();
            twin.put("id", f.get("id").asText() + "-twin");
            twin.remove("directReason");
            twin.put("grade", scheme.equals("ENV_GRADE") ? "BLUE" : "B");
            Trees.facts(req).add(twin);
            return req;
          });
    }
    add(
        group,
        "directReason-on-non-D",
        n,
        setOnFact("TAX_GRADE", grade("A", "B", "M", "C"), "directReason", i(3)));
    add(group, "directReason-0", 10, setOnFact("TAX_GRADE", grade("D"), "directReason", i(0)));
    add(group, "directReason-14", 10, setOnFact("TAX_GRADE", grade("D"), "directReason", i(14)));
    Predicate<ObjectNode> minor = f -> "MINOR".equals(f.path("severity").asText());
    Predicate<ObjectNode> general = f -> "GENERAL".equals(f.path("severity").asText());
    Predicate<ObjectNode> serious = f -> "SERIOUS".equals(f.path("severity").asText());
    add(
        group,
        "published-false-on-GENERAL",
        n,
        setOnFact("ADMIN_PENALTY", general, "published", BooleanNode.FALSE));
    add(
        group,
        "published-true-on-SERIOUS",
        n,
        setOnFact("ADMIN_PENALTY", serious, "published", BooleanNode.TRUE));
    add(
        group,
        "specialSerious-false-on-MINOR",
        n,
        setOnFact("ADMIN_PENALTY", minor, "specialSerious", BooleanNode.FALSE));
    add(
        group,
        "specialSerious-true-on-GENERAL",
        n,
        setOnFact("ADMIN_PENALTY", general, "specialSerious", BooleanNode.TRUE));
    add(
        group,
        "permanent-with-banYears",
        n,
        onFact(
            "RESEARCH_MISCONDUCT",
            f -> true,
            (f, r) -> {
              f.put("permanent", true);
              f.put("banYears", 1 + r.nextInt(5));
              return true;
            }));
    add(
        group,
        "banYears-0",
        10,
        setOnFact("RESEARCH_MISCONDUCT", f -> !f.path("permanent").asBoolean(), "banYears", i(0)));
    add(group, "termYears-0", 10, setOnFact("JUDGMENT_DEFAULTER", "termYears", i(0)));
    add(group, "termYears-6", 10, setOnFact("JUDGMENT_DEFAULTER", "termYears", i(6)));
    add(group, "category-0", 10, setOnFact("MAJOR_LABOR_VIOLATION", "category", i(0)));
    add(group, "category-8", 10, setOnFact("MAJOR_LABOR_VIOLATION", "category", i(8)));
    add(
        group,
        "priorListings-negative",
        10,
        setOnFact("TAX_SERIOUS_LISTING", "priorListingsIn5Years", i(-1)));
    add(
        group,
        "newGrade-on-non-grade",
        n,
        newGrade(f -> !f.path("type").asText().endsWith("_GRADE"), f -> "B"));
    add(group, "newGrade-A-for-tax", n, newGrade(Trees.type("TAX_GRADE"), f -> "A"));
    add(group, "newGrade-env-grade-for-tax", n, newGrade(Trees.type("TAX_GRADE"), f -> "GREEN"));
    add(group, "newGrade-tax-grade-for-env", n, newGrade(Trees.type("ENV_GRADE"), f -> "B"));
    add(group, "newGrade-D-for-labor", n, newGrade(Trees.type("LABOR_GRADE"), f -> "D"));
    add(
        group,
        "target-names-no-fact",
        n,
        onFact(
            null,
            has("target"),
            (f, r) -> {
              f.put("target", "no-such-fact");
              return true;
            }));
    add(
        group,
        "target-a-good-grade",
        n,
        (req, r) -> {
          ObjectNode good =
              Trees.pick(
                  req, r, f -> f.path("type").asText().endsWith("_GRADE") && !Trees.repairable(f));
          ObjectNode link = Trees.pick(req, r, Trees.type("CREDIT_COMMITMENT", "REPAIR_GRANTED"));
          if (good == null || link == null) {
            return null;
          }
          link.put("target", good.get("id").asText());
          link.remove("newGrade");
          return req;
        });
    add(
        group,
        "target-a-commitment-or-case",
        n,
        (req, r) -> {
          ObjectNode other =
              Trees.pick(
                  req,
                  r,
                  Trees.type("CREDIT_COMMITMENT", "WAGE_ARREARS_CASE", "ENV_RECTIFICATION"));
          ObjectNode link = Trees.pick(req, r, Trees.type("CREDIT_COMMITMENT", "REPAIR_GRANTED"));
          if (other == null || link == null) {
            return null;
          }
          link.put("target", other.get("id").asText());
          link.remove("newGrade");
          return req;
        });
    add(
        group,
        "target-itself",
        10,
        onFact(
            null,
            has("target"),
            (f, r) -> {
              f.put("target", f.get("id").asText());
              return true;
            }));
    add(
        group,
        "rectification-target-not-env-grade",
        n,
        (req, r) -> {
          ObjectNode rect = Trees.pick(req, r, Trees.type("ENV_RECTIFICATION"));
          ObjectNode other =
              Trees.pick(
                  req, r, f -> Trees.repairable(f) && !"ENV_GRADE".equals(f.path("type").asText()));
          if (rect == null || other == null) {
            return null;
          }
          rect.put("target", other.get("id").asText());
          return req;
        });
    add(
        group,
        "rectification-target-good-env-grade",
        n,
        (req, r) -> {
          ObjectNode rect = Trees.pick(req, r, Trees.type("ENV_RECTIFICATION"));
          ObjectNode good =
              Trees.pick(
                  req, r, f -> "ENV_GRADE".equals(f.path("type").asText()) && !Trees.repairable(f));
          if (rect == null || good == null) {
            return null;
          }
          rect.put("target", good.get("id").asText());
          return req;
        });
    add(
        group,
        "duplicate-ids",
        n,
        (req, r) -> {
          var facts = Trees.facts(req);
          if (facts.size() < 2) {
            return null;
          }
          int a = r.nextInt(facts.size());
          int b = (a + 1 + r.nextInt(facts.size() - 1)) % facts.size();
          ((ObjectNode) facts.get(b)).set("id", facts.get(a).get("id"));
          return req;
        });
    add(
        group,
        "duplicate-ids-copied-fact",
        10,
        (req, r) -> {
          ObjectNode f = Trees.pick(req, r, Trees::repairable);
          if (f == null) {
            return null;
          }
          Trees.facts(req).add(f.deepCopy());
          return req;
        });
    add(group, "areas-empty", n, top("areas", JSON.createArrayNode()));
  }

  /** {@code field} of a random {@code type} fact set to a day before its target's start. */
  private static Op targetDate(String type, String field) {
    return (req, r) -> {
      ObjectNode f = Trees.pick(req, r, Trees.type(type));
      ObjectNode target = f == null ? null : Trees.byId(req, f.path("target").asText());
      LocalDate start = target == null ? null : Trees.startOf(target);
      if (start == null) {
        return null;
      }
      f.put(field, start.minusDays(1 + r.nextInt(60)).toString());
      if (f.has("revokedOn")) {
        f.remove("revokedOn");
      }
      if (f.has("breachedOn")) {
        f.remove("breachedOn");
      }
      return req;
    };
  }

  /** A grant with {@code newGrade} on a target matching {@code target}, added when none exists. */
  private static Op newGrade(
      Predicate<ObjectNode> target, java.util.function.Function<ObjectNode, String> grade) {
    return (req, r) -> {
      ObjectNode t = Trees.pick(req, r, f -> Trees.repairable(f) && target.test(f));
      if (t == null) {
        return null;
      }
      ObjectNode g = Trees.facts(req).addObject();
      g.put("id", "bad-grant");
      g.put("type", "REPAIR_GRANTED");
      g.put("target", t.get("id").asText());
      g.put("grantedOn", Trees.startOf(t).plusDays(30 + r.nextInt(200)).toString());
      g.put("newGrade", grade.apply(t));
      return req;
    };
  }

  private void limits() {
    add(
        "limits",
        "too-many-facts",
        2,
        (req, r) -> {
          var facts = Trees.facts(req);
          LocalDate asOf = Trees.asOf(req);
          for (int k = facts.size(); k <= 1000; k++) {
            ObjectNode f = facts.addObject();
            f.put("id", "c" + k);
            f.put("type", "WAGE_ARREARS_CASE");
            f.put("foundOn", asOf.minusDays(k % 700).toString());
          }
          return req;
        });
    add(
        "limits",
        "long-string",
        3,
        (req, r) -> {
          Trees.subject(req).put("name", "某".repeat(1001 + r.nextInt(50)));
          return req;
        });
    add(
        "limits",
        "long-field-name",
        2,
        (req, r) -> {
          Trees.subject(req).put("n".repeat(1200), "x");
          return req;
        });
    add(
        "limits",
        "line-over-1-MB",
        1,
        (req, r) -> {
          Trees.subject(req).put("name", "a".repeat(1_100_000));
          return req;
        });
  }

  /**
   * Borderline lines the contract may accept or reject: recorded all the same (their category is
   * {@code edge/…}, not {@code invalid/…}).
   */
  private void edge() {
    int n = 10;
    edge("optional-null", n, setOnFact("ADMIN_PENALTY", "fulfilledOn", NullNode.instance));
    edge("requestId-null", n, top("requestId", NullNode.instance));
    edge("kinds-empty", n, setOnFact("ADMIN_PENALTY", "kinds", JSON.createArrayNode()));
    edge("kinds-duplicate", n, setOnFact("ADMIN_PENALTY", "kinds", arr("FINE", "FINE")));
    edge("fine-zero", n, setOnFact("ADMIN_PENALTY", "fine", i(0)));
    edge("fine-negative", n, setOnFact("ADMIN_PENALTY", "fine", i(-100)));
    edge("fine-fraction", n, setOnFact("ADMIN_PENALTY", "fine", DoubleNode.valueOf(1234.5)));
    edge("workers-zero", n, setOnFact("WAGE_ARREARS_CASE", "workers", i(0)));
    edge("amount-negative", n, setOnFact("WAGE_ARREARS_CASE", "amount", i(-1)));
    edge("score-negative", n, setOnFact("TAX_GRADE", "score", i(-5)));
    edge("province-other", n, setOnFact("ENV_GRADE", "province", t("11")));
    edge("province-not-a-code", n, setOnFact("ENV_GRADE", "province", t("GD")));
    edge("areas-duplicate", n, top("areas", arr("FINANCING", "FINANCING")));
    edge(
        "empty-fact-id",
        n,
        (req, r) -> {
          ObjectNode f = Trees.pick(req, r, f0 -> !f0.has("target"));
          if (f == null) {
            return null;
          }
          String old = f.get("id").asText();
          f.put("id", "");
          for (ObjectNode link :
              Trees.factsWhere(req, l -> old.equals(l.path("target").asText()))) {
            link.put("target", "");
          }
          return req;
        });
    edge(
        "breachedOn-before-madeOn",
        n,
        onFact(
            "CREDIT_COMMITMENT",
            has("madeOn"),
            (f, r) -> {
              f.put("breachedOn", Trees.date(f, "madeOn").minusDays(1).toString());
              return true;
            }));
    edge(
        "published-false-on-MINOR",
        n,
        setOnFact(
            "ADMIN_PENALTY",
            f -> "MINOR".equals(f.path("severity").asText()),
            "published",
            BooleanNode.FALSE));
    edge(
        "permanent-false-with-banYears",
        n,
        setOnFact("RESEARCH_MISCONDUCT", has("banYears"), "permanent", BooleanNode.FALSE));
    edge(
        "establishedOn-after-asOf",
        n,
        (req, r) ->
            isPerson(req)
                ? null
                : subject("establishedOn", t(Trees.asOf(req).plusDays(1).toString()))
                    .apply(req, r));
    edge(
        "subject-type-other-prefix",
        n,
        (req, r) -> {
          newSubject(req, r, "ENTERPRISE", "Y1");
          Trees.subject(req)
              .put(
                  "type",
                  new String[] {"SOCIAL_ORG", "GOVERNMENT_AGENCY", "FARMER_COOP"}[r.nextInt(3)]);
          Trees.dropDisallowed(req);
          return req;
        });
    edge(
        "person-lowercase-x",
        n,
        (req, r) -> {
          for (int k = 0; k < 200; k++) {
            String id = Ids.resident(Trees.asOf(req).minusYears(30).minusDays(k * 37L), r);
            if (id.endsWith("X")) {
              ObjectNode s = JSON.createObjectNode();
              s.put("id", id.toLowerCase(java.util.Locale.ROOT));
              s.put("type", "NATURAL_PERSON");
              req.set("subject", s);
              Trees.dropDisallowed(req);
              return req;
            }
          }
          return null;
        });
  }

  private void edge(String name, int count, Op op) {
    kinds.add(new Kind("edge/mutation", "edge/" + name, count, op));
  }

  /** Two or three tree mutations at once: every problem must be listed. */
  private void combined() {
    List<Kind> pool =
        kinds.stream()
            .filter(
                k ->
                    k.category().startsWith("invalid/")
                        && !k.category().equals("invalid/json")
                        && !k.category().equals("invalid/limits"))
            .toList();
    add(
        "combined",
        "two-or-three",
        500,
        (req, r) -> {
          int want = 2 + r.nextInt(2);
          int applied = 0;
          for (int attempt = 0; attempt < 20 && applied < want; attempt++) {
            Kind k = pool.get(r.nextInt(pool.size()));
            ObjectNode before = req.deepCopy();
            Object out;
            try {
              out = k.op().apply(req, r);
            } catch (RuntimeException e) { // it needed a field an earlier mutation broke
              out = null;
            }
            if (out instanceof ObjectNode) {
              applied++;
            } else {
              req.removeAll();
              req.setAll(before);
            }
          }
          return applied >= 2 ? req : null;
        });
  }
}
