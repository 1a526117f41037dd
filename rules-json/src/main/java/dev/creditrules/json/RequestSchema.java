package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The request's JSON Schema (draft 2020-12), derived from a {@link FactModel}.
 *
 * <p>The request envelope (top-level fields, subject, dates, the common fields of a fact) comes
 * from the template {@code request.schema.template.json} beside this class; the areas and subject
 * types come from their enums. Each fact type of the model becomes a definition {@code
 * $defs/<TYPE>}, listed in model order in {@code $defs/fact}'s {@code oneOf}: {@code type} is a
 * constant, every declared field a property of its kind (a date, an integer with its {@code
 * minimum}/{@code maximum}, a number, a string with its allowed values or anchored pattern, a code
 * or a list of codes, a boolean, the id of another fact), required fields are {@code required},
 * optional and defaulted ones also accept JSON null (a defaulted one states its {@code default}),
 * and {@code additionalProperties} is false. Descriptions come from the declarations and state the
 * contradictions each field takes part in, which only the reader checks.
 *
 * <p>The schema says less than the reader: integer fields accept {@code 2025.0}, and cross-field
 * and cross-fact checks are the reader's. What the schema rejects, the reader rejects too.
 *
 * <p>{@link #main} writes the schema of a pack tree to a file; the packs' build publishes that of
 * the shipped packs as the resource {@link ContractJson#REQUEST_SCHEMA}.
 */
public final class RequestSchema {
  /** The template of everything but the fact types, a resource beside this class. */
  static final String TEMPLATE = "/dev/creditrules/json/request.schema.template.json";

  /** The class that reads a pack tree's declarations (rules-pack), for {@link #main}. */
  private static final String MODEL_READER = "dev.creditrules.pack.tree.FactModelReader";

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectWriter PRETTY = prettyWriter();
  private static final String DEFS = "$defs";

  private RequestSchema() {}

  /**
   * The request's JSON Schema for the facts of {@code model}, as indented JSON (two spaces, {@code
   * \n} line ends, a final line end). Deterministic: the same model gives the same text.
   */
  public static String of(FactModel model) {
    try {
      return PRETTY.writeValueAsString(tree(model)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the request schema", e);
    }
  }

  /**
   * Writes the schema of a pack tree's fact model to a file, creating its folder: {@code
   * RequestSchema <pack-tree> <output-file>}. The model is read by the pack format's {@code
   * dev.creditrules.pack.tree.FactModelReader.read(Path)} (rules-pack), which must be on the class
   * path (this module does not depend on it: the JSON contract needs no YAML reader). A file that
   * already holds the schema is left untouched.
   *
   * @throws Exception when the declarations cannot be read (their problems in the message) or the
   *     file cannot be written
   */
  public static void main(String... args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: RequestSchema <pack-tree> <output-file>; got " + args.length + " arguments");
    }
    FactModel model = readModel(Path.of(args[0]));
    Path out = Path.of(args[1]);
    byte[] bytes = of(model).getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(out) && Arrays.equals(Files.readAllBytes(out), bytes)) {
      return;
    }
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.write(out, bytes);
  }

  private static FactModel readModel(Path packs) throws Exception {
    Class<?> reader;
    try {
      reader = Class.forName(MODEL_READER);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          MODEL_READER + " is not on the class path: add rules-pack to read a pack tree", e);
    }
    try {
      return (FactModel) reader.getMethod("read", Path.class).invoke(null, packs);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------------------ the tree

  /** The schema as a tree. */
  static ObjectNode tree(FactModel model) {
    Objects.requireNonNull(model, "model");
    ObjectNode root = template();
    root.remove("$comment");
    ObjectNode defs = (ObjectNode) root.get(DEFS);
    fill((ArrayNode) defs.get("area").get("enum"), names(Area.values()));
    fill(
        (ArrayNode) defs.get("subject").get("properties").get("type").get("enum"),
        names(SubjectType.values()));
    ObjectNode fact = (ObjectNode) defs.get("fact");
    ObjectNode common = (ObjectNode) fact.get("properties");
    if (model.types().isEmpty()) {
      ObjectNode none = Nodes.object();
      none.put("description", "No pack declares a fact type: no fact is valid.");
      none.set("not", Nodes.object());
      defs.set("fact", none);
      return root;
    }
    ArrayNode oneOf = (ArrayNode) fact.get("oneOf");
    fill((ArrayNode) common.get(FactShapes.TYPE).get("enum"), model.typeNames());
    for (FactTypeDecl type : model.types()) {
      oneOf.addObject().put("$ref", "#/" + DEFS + "/" + pointerToken(type.name()));
      defs.set(type.name(), type(type, model, common));
    }
    return root;
  }

  private static ObjectNode template() {
    try (InputStream in = RequestSchema.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>(values.length);
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return names;
  }

  private static void fill(ArrayNode array, List<String> values) {
    array.removeAll();
    values.forEach(array::add);
  }

  /** The definition of one fact type. */
  private static ObjectNode type(FactTypeDecl type, FactModel model, ObjectNode common) {
    ObjectNode def = Nodes.object();
    def.put("title", type.name());
    def.put("description", typeDescription(type));
    def.put("type", "object");
    ArrayNode required = def.putArray("required");
    required.add(FactShapes.ID).add(FactShapes.TYPE);
    for (FieldDecl field : type.fields()) {
      if (field.required()) {
        required.add(field.name());
      }
    }
    ObjectNode properties = def.putObject("properties");
    properties.set(FactShapes.ID, common.get(FactShapes.ID).deepCopy());
    properties.putObject(FactShapes.TYPE).put("const", type.name());
    for (FieldDecl field : type.fields()) {
      properties.set(field.name(), property(type, field, model));
    }
    properties.set(FactShapes.AUTHORITY, common.get(FactShapes.AUTHORITY).deepCopy());
    properties.set(FactShapes.DOCUMENT_NO, common.get(FactShapes.DOCUMENT_NO).deepCopy());
    def.put("additionalProperties", false);
    return def;
  }

  /** One field: its value schema, or for a field that may be absent, that or JSON null. */
  private static ObjectNode property(FactTypeDecl type, FieldDecl field, FactModel model) {
    ObjectNode node = Nodes.object();
    String description = fieldDescription(type, field, model);
    if (!description.isEmpty()) {
      node.put("description", description);
    }
    ObjectNode value = value(type, field);
    if (field.required()) {
      node.setAll(value);
      return node;
    }
    if (field.presence() == Presence.DEFAULTED && field.defaultValue() != null) {
      node.set("default", Nodes.node(field.defaultValue()));
    }
    ArrayNode anyOf = node.putArray("anyOf");
    anyOf.add(value);
    anyOf.addObject().put("type", "null");
    return node;
  }

  /** The schema of a given value of {@code field}. */
  private static ObjectNode value(FactTypeDecl type, FieldDecl field) {
    ObjectNode node = Nodes.object();
    switch (field.kind()) {
      case DATE -> node.put("$ref", "#/" + DEFS + "/date");
      case INTEGER -> {
        node.put("type", "integer");
        if (field.min() != null) {
          node.put("minimum", field.min());
        }
        if (field.max() != null) {
          node.put("maximum", field.max());
        }
      }
      case DECIMAL -> node.put("type", "number");
      case TEXT -> {
        List<String> allowed = allowed(type, field);
        if (!allowed.isEmpty()) {
          fill(node.putArray("enum"), allowed);
        } else {
          node.put("type", "string");
          if (field.pattern() != null) {
            // the reader matches the whole value; a JSON Schema pattern matches anywhere
            node.put("pattern", "^(?:" + field.pattern() + ")$");
          }
        }
      }
      case REFERENCE -> node.put("type", "string");
      case ENUMERATION -> fill(node.putArray("enum"), field.values());
      case ENUMERATION_LIST -> {
        node.put("type", "array");
        fill(node.putObject("items").putArray("enum"), field.values());
      }
      case BOOLEAN -> node.put("type", "boolean");
      default -> throw new IllegalStateException("a field kind without a schema: " + field.kind());
    }
    return node;
  }

  /** The values a text field may have: its {@code oneOf}, or a grade scheme's levels; else none. */
  private static List<String> allowed(FactTypeDecl type, FieldDecl field) {
    if (!field.oneOf().isEmpty()) {
      return field.oneOf();
    }
    GradeScheme grade = type.grade();
    if (grade != null && grade.level().equals(field.name())) {
      return grade.levels();
    }
    return List.of();
  }

  // ------------------------------------------------------------------------------ descriptions

  private static String typeDescription(FactTypeDecl type) {
    List<String> parts = new ArrayList<>();
    add(parts, type.description());
    add(parts, type.subjectsText());
    if (type.grade() != null) {
      parts.add(
          "Yearly grade scheme, levels best first: "
              + String.join(", ", type.grade().levels())
              + ".");
    }
    Repairable repairable = type.repairable();
    if (repairable != null) {
      parts.add(
          repairable.field() == null
              ? "Repairable record."
              : "Repairable record when "
                  + repairable.field()
                  + " is "
                  + or(repairable.values())
                  + ".");
    }
    if (type.grant() != null) {
      parts.add("Grants the repair of the record named by " + type.grant().target() + ".");
    }
    return String.join(" ", parts);
  }

  private static String fieldDescription(FactTypeDecl type, FieldDecl field, FactModel model) {
    List<String> parts = new ArrayList<>();
    add(parts, field.description());
    if (field.reference() != null) {
      parts.add(reference(field.reference(), model));
    }
    for (Check check : type.checks()) {
      String text = check(check, field.name());
      if (text != null) {
        parts.add(text);
      }
    }
    if (field.yearsFrom() != null) {
      parts.add("Counted from " + field.yearsFrom().from() + "; the end may not pass 9999-12-31.");
    }
    if (field.presence() == Presence.DEFAULTED) {
      parts.add("Default " + defaultText(field.defaultValue()) + ".");
    }
    return String.join(" ", parts);
  }

  private static String reference(FieldDecl.Reference reference, FactModel model) {
    if (reference.anyType()) {
      return "The id of another fact of the same request.";
    }
    if (!reference.repairableOnly()) {
      return "The id of a fact of type " + or(reference.types()) + " in the same request.";
    }
    Set<String> labels = new LinkedHashSet<>();
    for (FactTypeDecl t : model.types()) {
      if (t.repairable() != null) {
        labels.add(t.repairable().label() != null ? t.repairable().label() : t.name());
      }
    }
    return "The id of a repairable record in the same request"
        + (labels.isEmpty() ? "" : " (" + String.join(", ", labels) + ")")
        + ".";
  }

  /** What {@code check} says about {@code field}, or {@code null} when it does not concern it. */
  private static @Nullable String check(Check check, String field) {
    if (check instanceof Check.NotBefore c && c.field().equals(field)) {
      return "Not before " + c.than() + ".";
    }
    if (check instanceof Check.NotBeforeTarget c && c.field().equals(field)) {
      return "Not before the start of the record named by " + c.target() + ".";
    }
    if (check instanceof Check.OnlyWhen c && c.field().equals(field)) {
      return "Given only when " + c.other() + " is " + or(c.values()) + ".";
    }
    if (check instanceof Check.Exclusive c && c.field().equals(field)) {
      return "Not true when " + c.with() + " is given.";
    }
    if (check instanceof Check.Exclusive c && c.with().equals(field)) {
      return "Not given when " + c.field() + " is true.";
    }
    if (check instanceof Check.Unique c && c.field().equals(field)) {
      List<String> key = new ArrayList<>(List.of(c.field()));
      key.addAll(c.also());
      return "One fact of this type per " + String.join(" and ", key) + ".";
    }
    if (check instanceof Check.YearOver c && c.field().equals(field)) {
      return "Over on " + c.on() + " (earlier than its year).";
    }
    return null;
  }

  private static String defaultText(@Nullable Object value) {
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "empty" : list.toString();
    }
    return String.valueOf(value);
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  private static String or(List<String> values) {
    if (values.size() <= 1) {
      return String.join("", values);
    }
    return String.join(", ", values.subList(0, values.size() - 1))
        + " or "
        + values.get(values.size() - 1);
  }

  /** Adds {@code text} as a sentence: capitalised, with a final full stop. */
  private static void add(List<String> parts, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    String t = text.strip();
    t = t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
    if (!t.endsWith(".") && !t.endsWith("?") && !t.endsWith("!")) {
      t += ".";
    }
    parts.add(t);
  }

  /**
   * {@code name} as a token of a JSON pointer in a URI fragment: {@code ~} and {@code /} escaped
   * (RFC 6901), then every character but letters, digits and {@code -._~} percent-encoded.
   */
  static String pointerToken(String name) {
    String escaped = name.replace("~", "~0").replace("/", "~1");
    StringBuilder out = new StringBuilder(escaped.length());
    for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  private static ObjectWriter prettyWriter() {
    return MAPPER.writer(ContractJson.prettyPrinter());
  }
}
