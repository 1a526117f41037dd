package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random and hostile input never crashes the reader: arbitrary text, bytes and JSON values, and
 * valid requests broken in every way the contract names (plus oversized ones) each give a request
 * or an {@link InvalidRequestException} whose every pointer resolves in the input, and whose errors
 * can be written. Any other exception fails the property.
 */
class ContractFuzzTest {
  private static final ContractJson JSON = Samples.json();

  /** Parses what our reader may refuse for its limits, to resolve pointers against. */
  private static final ObjectMapper REFERENCE = Samples.UNLIMITED;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final List<String> BASES =
      Samples.REQUESTS.stream().map(Samples::request).toList();

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  // ------------------------------------------------------------------------------ the oracle

  /** Reads {@code text} as a string and as UTF-8 bytes, and checks both outcomes. */
  static void assertHandled(String text) {
    JsonNode input = tree(text);
    check(input, () -> JSON.readRequest(text));
    // a lone surrogate becomes '?' in UTF-8: resolve against what the bytes say
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    check(tree(bytes), () -> JSON.readRequest(new ByteArrayInputStream(bytes)));
    JSON.requestIdOf(text); // never throws
  }

  /** Reads raw bytes (any encoding, possibly invalid) and checks the outcome. */
  static void assertHandled(byte[] bytes) {
    check(tree(bytes), () -> JSON.readRequest(new ByteArrayInputStream(bytes)));
  }

  interface Read {
    Request read();
  }

  /**
   * Runs {@code read}: it gives a request, which writes back into an equal one, or an {@link
   * InvalidRequestException} whose pointers resolve in {@code input} (the input as a lenient parser
   * sees it, {@code null} when it does not parse) and whose errors can be written. Anything else
   * propagates and fails the property.
   */
  static void check(JsonNode input, Read read) {
    Request request;
    try {
      request = read.read();
    } catch (InvalidRequestException e) {
      assertPointersResolve(e.errors(), input);
      String written = JSON.writeErrors(e.errors());
      assertThat(tree(written)).as(written).isNotNull();
      return;
    }
    assertThat(request).isNotNull();
    assertThat(JSON.readRequest(JSON.writeRequest(request))).isEqualTo(request);
  }

  /** {@code null} for no document at all (empty or blank input). */
  static JsonNode present(JsonNode node) {
    return node == null || node.isMissingNode() ? null : node;
  }

  static JsonNode tree(String text) {
    if (text == null) {
      return null;
    }
    try {
      return present(REFERENCE.readTree(text));
    } catch (Exception e) {
      return null;
    }
  }

  static JsonNode tree(byte[] bytes) {
    try {
      return present(REFERENCE.readTree(bytes));
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Every pointer resolves in {@code input}: at an existing node, or at a missing required field of
   * an existing object. When the input does not parse at all, every pointer is {@code ""}.
   */
  static void assertPointersResolve(List<RequestError> errors, JsonNode input) {
    assertThat(errors).isNotEmpty();
    for (RequestError e : errors) {
      assertThat(e.reason()).as("reason of %s", e).isNotBlank();
      String pointer = e.pointer();
      if (input == null) {
        assertThat(pointer).as("input does not parse: %s", e).isEmpty();
        continue;
      }
      JsonNode at = input.at(pointer);
      if (!at.isMissingNode()) {
        continue;
      }
      int slash = pointer.lastIndexOf('/');
      assertThat(slash)
          .as("pointer %s resolves to nothing: %s", pointer, e)
          .isGreaterThanOrEqualTo(0);
      JsonNode parent = input.at(pointer.substring(0, slash));
      assertThat(parent.isObject())
          .as("a missing field's parent must be an object: %s", e)
          .isTrue();
      // a required field ("x is required"), or one a declared check requires in this case
      // (packs-v2 require:, with the pack's message): either way the reason names the field
      String field = pointer.substring(slash + 1);
      assertThat(e.reason())
          .as("only a required field may be missing: %s", e)
          .satisfiesAnyOf(
              r -> assertThat(r).endsWith(" is required"),
              r -> assertThat(r).contains(field).containsAnyOf("required", "must have"));
    }
  }

  // ------------------------------------------------------------------------------ properties

  @Property(tries = 300)
  void arbitraryTextIsHandled(@ForAll("jsonishText") String text) {
    assertHandled(text);
  }

  @Property(tries = 200)
  void arbitraryBytesAreHandled(@ForAll("bytes") byte[] bytes) {
    assertHandled(bytes);
  }

  @Property(tries = 300)
  void arbitraryJsonValuesAreHandled(@ForAll("jsonValues") JsonNode value) throws Exception {
    String text = REFERENCE.writeValueAsString(value);
    assertHandled(text);
    check(value, () -> JSON.trees().readRequest(value));
  }

  @Property(tries = 600)
  void mutatedRequestsAreHandled(
      @ForAll("bases") String base, @ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    ObjectNode root = (ObjectNode) REFERENCE.readTree(base);
    List<String> raw = new ArrayList<>();
    for (Mutation m : mutations) {
      m.apply(root, raw);
    }
    String text = REFERENCE.writeValueAsString(root);
    for (int i = 0; i < raw.size(); i++) {
      text = text.replace("\"" + placeholder(i) + "\"", raw.get(i));
    }
    assertHandled(text);
    JsonNode parsed = tree(text);
    if (parsed != null) {
      check(parsed, () -> JSON.trees().readRequest(parsed));
    }
  }

  @Property(tries = 200)
  void invalidUtf8IsHandled(
      @ForAll("bases") String base,
      @ForAll("badBytes") byte[] bad,
      @ForAll("fractions") double where) {
    byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
    int at = (int) (where * bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.write(bad, 0, bad.length);
    out.write(bytes, at, bytes.length - at);
    assertHandled(out.toByteArray());
  }

  // ------------------------------------------------------------------------------ arbitraries

  @Provide
  Arbitrary<String> jsonishText() {
    Arbitrary<String> structural =
        Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 tfnrulase\\/\n\t").ofMaxLength(80);
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(80);
    Arbitrary<String> truncated =
        Combinators.combine(Arbitraries.of(BASES), Arbitraries.doubles().between(0, 1))
            .as((b, f) -> b.substring(0, (int) (f * b.length())));
    return Arbitraries.frequencyOf(
        Tuple.of(3, structural), Tuple.of(2, any), Tuple.of(2, truncated));
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> boms =
        Combinators.combine(
                Arbitraries.of(
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    new byte[] {(byte) 0xFE, (byte) 0xFF},
                    new byte[] {(byte) 0xFF, (byte) 0xFE},
                    new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                    new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
                    new byte[] {0, '{'},
                    new byte[] {0, 0, 0, '{'}),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60))
            .as(
                (bom, rest) -> {
                  byte[] all = new byte[bom.length + rest.length];
                  System.arraycopy(bom, 0, all, 0, bom.length);
                  System.arraycopy(rest, 0, all, bom.length, rest.length);
                  return all;
                });
    Arbitrary<byte[]> utf16 =
        Combinators.combine(
                Arbitraries.of(BASES),
                Arbitraries.of(
                    StandardCharsets.UTF_16BE,
                    StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16,
                    Charset.forName("UTF-32")))
            .as(String::getBytes);
    return Arbitraries.frequencyOf(Tuple.of(4, random), Tuple.of(2, boms), Tuple.of(1, utf16));
  }

  @Provide
  Arbitrary<byte[]> badBytes() {
    return Arbitraries.of(
        new byte[] {(byte) 0xFF},
        new byte[] {(byte) 0x80},
        new byte[] {(byte) 0xC3, 0x28},
        new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xE2, (byte) 0x82},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {0},
        new byte[] {(byte) 0xFE, (byte) 0xFF});
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<String> bases() {
    return Arbitraries.of(BASES);
  }

  @Provide
  Arbitrary<JsonNode> jsonValues() {
    List<String> keys =
        new ArrayList<>(List.of("", "x", "~", "/", "a/b~c", "fulfiledOn", "__proto__"));
    keys.addAll(new FactShapes(Samples.MODEL).allFields());
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of(keys)),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10)));
    Arbitrary<JsonNode> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(20).map(NODES::textNode),
            Arbitraries.of(
                    "2026-11-22",
                    "2026-02-30",
                    "91110108MA01TAX03C",
                    "11010519491231002X",
                    "ENTERPRISE",
                    "NATURAL_PERSON",
                    "ADMIN_PENALTY",
                    "TAX_GRADE",
                    "FINE",
                    "D",
                    "f1",
                    "PUBLIC_PROCUREMENT",
                    "environment",
                    "GENERAL")
                .map(NODES::textNode),
            Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .map(NODES::numberNode),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.just(NODES.nullNode()));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(ContractFuzzTest::array),
                Arbitraries.maps(key, inner).ofMaxSize(6).map(ContractFuzzTest::object)),
        0,
        5);
  }

  static JsonNode array(List<JsonNode> items) {
    ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }

  static JsonNode object(Map<String, JsonNode> fields) {
    ObjectNode o = NODES.objectNode();
    fields.forEach(o::set);
    return o;
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs())
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  // ------------------------------------------------------------------------------ mutations

  /** Every way of breaking a request the contract names, plus oversized and hostile input. */
  enum Kind {
    DROP_FIELD,
    ADD_UNKNOWN_FIELD,
    WRONG_JSON_TYPE,
    IMPOSSIBLE_DATE,
    BAD_CHECK_CHARACTER,
    UNKNOWN_ENUM,
    DUPLICATE_ID,
    DANGLING_TARGET,
    CONTRADICTION,
    SUBJECT_MISMATCH,
    OVERSIZED_STRING,
    OVERSIZED_ARRAY,
    DEEP_NESTING,
    HUGE_NUMBER,
    ODD_STRING,
    DUPLICATE_KEY
  }

  static String placeholder(int i) {
    return "@@raw" + i + "@@";
  }

  /** Dates that do not exist or are not in the contract's format. */
  static final List<String> BAD_DATES =
      List.of(
          "2026-02-30",
          "2023-02-29",
          "2026-13-01",
          "2026-00-10",
          "2026-04-31",
          "0000-00-00",
          "9999-12-32",
          "2026-1-1",
          "２０２６-01-01",
          "+2026-01-01",
          "2026/01/01",
          "",
          "2026-01-01T00:00");

  /** Values that contradict packs-v1 s.1 (or its ranges) when set on the named field. */
  static final Map<String, List<Object>> CONTRADICTIONS =
      Map.ofEntries(
          Map.entry("fulfilledOn", List.of("1900-01-01")),
          Map.entry("paidInFullOn", List.of("1900-01-01")),
          Map.entry("correctedOn", List.of("1900-01-01")),
          Map.entry("revokedOn", List.of("1900-01-01")),
          Map.entry("madeOn", List.of("1900-01-01")),
          Map.entry("grantedOn", List.of("1900-01-01")),
          Map.entry("verifiedOn", List.of("1900-01-01")),
          Map.entry("publishedOn", List.of("1900-01-01", "2099-01-01")),
          Map.entry("published", List.of(true, false)),
          Map.entry("specialSerious", List.of(true)),
          Map.entry("severity", List.of("MINOR", "SERIOUS", "GENERAL", "LIGHT", "GRAVE")),
          Map.entry("directReason", List.of(0, 14, 5)),
          Map.entry("grade", List.of("A", "D", "C", "GREEN", "BLACK", "M", "Z")),
          Map.entry("newGrade", List.of("A", "Z", "BLUE", "B")),
          Map.entry("year", List.of(3000, 2026, -1, 2024)),
          Map.entry("banYears", List.of(0, -3, 2)),
          Map.entry("permanent", List.of(true)),
          Map.entry("termYears", List.of(0, 6, 9)),
          Map.entry("category", List.of(0, 8)),
          Map.entry("priorListingsIn5Years", List.of(-1)),
          Map.entry("province", List.of("4", "440", "ab")),
          Map.entry("misconduct", List.of("RM-09", "RM-1")),
          Map.entry("target", List.of("k1", "g1", "e2", "w2", "f1", "p1", "t2")),
          Map.entry("areas", List.of(List.of())),
          Map.entry("type", List.of("TAX_GRADE", "LABOR_GRADE", "RESEARCH_MISCONDUCT")));

  record Mutation(Kind kind, long seed) {
    void apply(ObjectNode root, List<String> raw) {
      Random r = new Random(seed);
      List<Located> nodes = new ArrayList<>();
      collect(root, null, null, -1, nodes);
      switch (kind) {
        case DROP_FIELD -> {
          List<Located> fields = nodes.stream().filter(n -> n.name != null).toList();
          if (!fields.isEmpty()) {
            Located f = pick(r, fields);
            ((ObjectNode) f.parent).remove(f.name);
          }
        }
        case ADD_UNKNOWN_FIELD -> {
          List<Located> objects = nodes.stream().filter(n -> n.node.isObject()).toList();
          String name = pick(r, List.of("fulfiledOn", "x", "", "~1/", "ID", "facts2", "nameX"));
          ((ObjectNode) pick(r, objects).node).put(name, r.nextInt());
        }
        case WRONG_JSON_TYPE -> replace(pick(r, nonRoot(nodes)), wrongType(r));
        case IMPOSSIBLE_DATE -> {
          List<Located> dates =
              nodes.stream()
                  .filter(n -> n.node.isTextual() && DATE.matcher(n.node.textValue()).matches())
                  .toList();
          if (!dates.isEmpty()) {
            replace(pick(r, dates), NODES.textNode(pick(r, BAD_DATES)));
          }
        }
        case BAD_CHECK_CHARACTER -> {
          JsonNode subject = root.get("subject");
          if (subject instanceof ObjectNode s && s.get("id") != null && s.get("id").isTextual()) {
            String id = s.get("id").textValue();
            if (!id.isEmpty()) {
              int at = r.nextBoolean() ? id.length() - 1 : r.nextInt(id.length());
              String chars = "0123456789ABCXYZIOSVaz*";
              String changed =
                  id.substring(0, at)
                      + chars.charAt(r.nextInt(chars.length()))
                      + id.substring(at + 1);
              s.put("id", r.nextInt(5) == 0 ? changed.toLowerCase() : changed);
            }
          }
        }
        case UNKNOWN_ENUM -> {
          List<Located> texts =
              nodes.stream()
                  .filter(n -> n.node.isTextual() && n.node.textValue().matches("[A-Za-z_]+"))
                  .toList();
          if (!texts.isEmpty()) {
            Located t = pick(r, texts);
            String v = t.node.textValue();
            replace(
                t,
                NODES.textNode(
                    pick(
                        r,
                        List.of(v.toLowerCase(), v + "_X", " " + v, "UNKNOWN", "", "Food_Drug"))));
          }
        }
        case DUPLICATE_ID -> {
          ArrayNode facts = facts(root);
          if (facts != null && facts.size() >= 1) {
            JsonNode from = facts.get(r.nextInt(facts.size()));
            JsonNode to = facts.get(r.nextInt(facts.size()));
            if (to instanceof ObjectNode o && from.get("id") != null) {
              if (from == to) {
                facts.add(o.deepCopy());
              } else {
                o.set("id", from.get("id"));
              }
            }
          }
        }
        case DANGLING_TARGET -> {
          ArrayNode facts = facts(root);
          if (facts != null
              && facts.size() > 0
              && facts.get(r.nextInt(facts.size())) instanceof ObjectNode o) {
            o.put("target", pick(r, List.of("nope", "", "F1", "p1 ")));
          }
        }
        case CONTRADICTION -> {
          List<String> fields = new ArrayList<>(CONTRADICTIONS.keySet());
          fields.sort(null);
          String field = pick(r, fields);
          Object value = pick(r, CONTRADICTIONS.get(field));
          ObjectNode target = root;
          ArrayNode facts = facts(root);
          if (!"areas".equals(field)
              && facts != null
              && facts.size() > 0
              && facts.get(r.nextInt(facts.size())) instanceof ObjectNode o) {
            target = o;
          } else if (!"areas".equals(field)) {
            break;
          }
          target.set(field, REFERENCE.valueToTree(value));
        }
        case SUBJECT_MISMATCH -> {
          if (root.get("subject") instanceof ObjectNode s) {
            s.put(
                "type",
                pick(
                    r,
                    List.of(
                        "NATURAL_PERSON",
                        "GOVERNMENT_AGENCY",
                        "FARMER_COOP",
                        "SOCIAL_ORG",
                        "ENTERPRISE",
                        "INDIVIDUAL_BUSINESS",
                        "PUBLIC_INSTITUTION")));
          }
        }
        case OVERSIZED_STRING -> {
          List<Located> texts = nodes.stream().filter(n -> n.node.isTextual()).toList();
          Located where = texts.isEmpty() ? pick(r, nonRoot(nodes)) : pick(r, texts);
          String unit = pick(r, List.of("x", "信", "😀", "\\"));
          int length = 990 + r.nextInt(2000);
          replace(where, NODES.textNode(unit.repeat(length)));
        }
        case OVERSIZED_ARRAY -> {
          ArrayNode facts = facts(root);
          ArrayNode target =
              facts != null && facts.size() > 0 && r.nextBoolean() ? facts : root.putArray("areas");
          JsonNode item = target.size() > 0 ? target.get(0) : NODES.textNode("FINANCING");
          int size = 995 + r.nextInt(200);
          for (int i = target.size(); i < size; i++) {
            JsonNode copy = item.deepCopy();
            if (copy instanceof ObjectNode o && r.nextBoolean()) {
              o.put("id", "c" + i);
            }
            target.add(copy);
          }
        }
        case DEEP_NESTING -> {
          int depth = 20 + r.nextInt(r.nextBoolean() ? 20 : 2000);
          JsonNode value = NODES.textNode("deep");
          for (int i = 0; i < depth; i++) {
            value =
                r.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("a", value);
          }
          replace(pick(r, nonRoot(nodes)), value);
        }
        case HUGE_NUMBER -> {
          String number =
              pick(
                  r,
                  List.of(
                      "1e999999999",
                      "-1e-999999999",
                      "1e2147483648",
                      "1E-2147483649",
                      "9".repeat(2000),
                      "1" + "0".repeat(100),
                      "0." + "0".repeat(200) + "1",
                      "123456789012345678901234567890",
                      "2147483648",
                      "-2147483649",
                      "9223372036854775808",
                      "1.0e+10",
                      "-0",
                      "0e0",
                      "1e-7",
                      "2025.0",
                      "2.025e3"));
          raw.add(number);
          replace(pick(r, nonRoot(nodes)), NODES.textNode(placeholder(raw.size() - 1)));
        }
        case ODD_STRING -> {
          String text =
              pick(r, List.of("\\ud800", "x\\udfff", "\\u0000", "\\t", "\\u2028", "\\\"", "\\/"));
          raw.add("\"" + text + "\"");
          replace(pick(r, nonRoot(nodes)), NODES.textNode(placeholder(raw.size() - 1)));
        }
        case DUPLICATE_KEY -> {
          List<Located> objects =
              nodes.stream().filter(n -> n.node.isObject() && n.node.size() > 0).toList();
          if (!objects.isEmpty()) {
            ObjectNode o = (ObjectNode) pick(r, objects).node;
            String name = o.fieldNames().next();
            // the placeholder, a field name, becomes the first name again: "name":1
            raw.add("\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            o.put(placeholder(raw.size() - 1), 1);
          }
        }
      }
    }
  }

  /** A node, where it is: its parent and its name (in an object) or index (in an array). */
  record Located(JsonNode node, JsonNode parent, String name, int index) {}

  static void collect(JsonNode node, JsonNode parent, String name, int index, List<Located> out) {
    out.add(new Located(node, parent, name, index));
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        collect(f.getValue(), node, f.getKey(), -1, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), node, null, i, out);
      }
    }
  }

  static List<Located> nonRoot(List<Located> nodes) {
    List<Located> rest = nodes.subList(1, nodes.size());
    return rest.isEmpty() ? nodes : rest;
  }

  static void replace(Located where, JsonNode value) {
    if (where.parent instanceof ObjectNode o) {
      o.set(where.name, value);
    } else if (where.parent instanceof ArrayNode a) {
      a.set(where.index, value);
    } else if (where.node instanceof ObjectNode o) {
      o.set("value", value); // the root: give it the value as an extra field
    }
  }

  static ArrayNode facts(ObjectNode root) {
    return root.get("facts") instanceof ArrayNode a ? a : null;
  }

  static JsonNode wrongType(Random r) {
    switch (r.nextInt(7)) {
      case 0:
        return NODES.numberNode(r.nextInt(3000));
      case 1:
        return NODES.booleanNode(r.nextBoolean());
      case 2:
        return NODES.nullNode();
      case 3:
        return NODES.arrayNode().add("x");
      case 4:
        return NODES.objectNode().put("id", "x");
      case 5:
        return NODES.numberNode(new BigDecimal("2026.5"));
      default:
        return NODES.textNode("2026");
    }
  }

  static <T> T pick(Random r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }
}
