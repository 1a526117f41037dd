package dev.creditrules.json;

import static dev.creditrules.json.ObjectFields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.Presence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks a request tree by hand, so that every structural problem is found, then runs {@link
 * RequestValidator} on what could be parsed. The fields of each fact type, the kind of each and
 * whether it is required come from the {@link dev.creditrules.api.model.FactModel}. One instance
 * reads one request.
 */
final class RequestReader {
  static final Map<String, SubjectType> SUBJECT_TYPES = byName(SubjectType.values(), Enum::name);
  static final Map<String, Area> AREAS = byName(Area.values(), Enum::name);

  private static <E> Map<String, E> byName(E[] values, Function<E, String> code) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(code.apply(value), value);
    }
    return map;
  }

  private final List<RequestError> errors = new ArrayList<>();

  private final FactShapes shapes;

  private RequestReader(FactShapes shapes) {
    this.shapes = shapes;
  }

  /**
   * The request in {@code root}.
   *
   * @throws InvalidRequestException with every structural and semantic problem, in the contract's
   *     order
   */
  static Request read(JsonNode root, FactShapes shapes) {
    if (root == null || root.isMissingNode()) {
      throw single(null, "the request is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw single(Nodes.plain(root), "the request must be a JSON object");
    }
    return new RequestReader(shapes).readObject(root);
  }

  static InvalidRequestException single(@Nullable Object value, String reason) {
    return new InvalidRequestException(List.of(new RequestError("", value, reason)));
  }

  private Request readObject(JsonNode root) {
    ObjectFields top = new ObjectFields(root, "");
    String requestId = top.string("requestId", false);
    LocalDate asOf = top.date("asOf", true);

    String subjectId = null;
    SubjectType subjectType = null;
    Subject subject = null;
    JsonNode subjectNode = top.value("subject", true);
    if (subjectNode != null && !subjectNode.isObject()) {
      top.invalid("subject", true, subjectNode, "subject must be an object");
    } else if (subjectNode != null) {
      ObjectFields s = new ObjectFields(subjectNode, "/subject");
      subjectId = s.string("id", true);
      subjectType = s.code("type", true, SUBJECT_TYPES, "subject type");
      String name = s.string("name", false);
      String region = s.string("region", false);
      LocalDate establishedOn = s.date("establishedOn", false);
      s.finish(FactShapes.SUBJECT_FIELDS, errors);
      if (s.complete()) {
        subject =
            new Subject(present(subjectId), present(subjectType), name, region, establishedOn);
      }
    }

    List<Area> areas = null;
    boolean areasOk = true;
    JsonNode areasNode = top.value("areas", false);
    if (areasNode != null) {
      areas = top.codes("areas", false, AREAS, "area");
      areasOk = areas != null;
    }

    List<FactSlot> slots = new ArrayList<>();
    boolean factsOk = true;
    JsonNode factsNode = top.value("facts", true);
    if (factsNode == null) {
      factsOk = false;
    } else if (!factsNode.isArray()) {
      top.invalid("facts", true, factsNode, "facts must be an array");
      factsOk = false;
    } else {
      for (int i = 0; i < factsNode.size(); i++) {
        FactSlot slot = readFact(factsNode.get(i), Pointers.child("/facts", i));
        slots.add(slot);
        factsOk &= slot.fact() != null;
      }
    }
    top.finish(FactShapes.TOP_FIELDS, errors);

    List<RequestError> all = new ArrayList<>(errors);
    all.addAll(
        RequestValidator.validate(asOf, subjectId, subjectType, areas, slots, shapes.model()));
    if (all.isEmpty() && asOf != null && subject != null && areasOk && factsOk) {
      List<Fact> facts = new ArrayList<>(slots.size());
      for (FactSlot slot : slots) {
        facts.add(slot.fact());
      }
      return new Request(requestId, asOf, subject, areas, facts);
    }
    // The stable sort keeps structural problems before semantic ones within each group.
    all.sort(Comparator.comparingLong(e -> Pointers.rank(e.pointer())));
    throw new InvalidRequestException(all);
  }

  private FactSlot readFact(JsonNode node, String pointer) {
    if (!node.isObject()) {
      errors.add(new RequestError(pointer, Nodes.plain(node), "a fact must be a JSON object"));
      return new FactSlot(null, null, null, null);
    }
    ObjectFields f = new ObjectFields(node, pointer);
    String id = f.string(FactShapes.ID, true);
    String type = f.code(FactShapes.TYPE, true, shapes.typeCodes(), "fact type");
    if (type == null) {
      // Without a type the other fields cannot be judged; a field of no fact type at all (a typo
      // of a field name) is still reported
      f.finish(shapes.anyFactFields(), errors);
      return new FactSlot(null, id, null, null);
    }
    // type is one of the model's type codes (f.code checked it), and every type has a shape
    FactShapes.Shape shape = Objects.requireNonNull(shapes.shape(type), type);
    Map<String, Object> values = readFields(f, shape);
    f.finish(shape.known(), errors);
    if (f.complete() && id != null) {
      Fact fact = Fact.of(type, id, values);
      return new FactSlot(fact, fact.id(), fact.type(), null, f.invalidNames());
    }
    JsonNode target = shape.targetField() == null ? null : node.get(shape.targetField());
    return new FactSlot(
        null, id, type, target != null && target.isTextual() ? target.textValue() : null);
  }

  /**
   * Reads the fields of one fact type, reporting every problem: the values read, in declaration
   * order with the declaration's defaults for missing defaulted fields, then the common fields that
   * were given. An invalid optional field is left out (its error is reported), as is an empty list
   * of an optional list field.
   */
  private static Map<String, Object> readFields(ObjectFields f, FactShapes.Shape shape) {
    String authority = f.string(FactShapes.AUTHORITY, false);
    String documentNo = f.string(FactShapes.DOCUMENT_NO, false);
    Map<String, Object> read = new LinkedHashMap<>();
    for (FactShapes.Field field : shape.fields()) {
      Object value = readField(f, field);
      if (value != null) {
        read.put(field.name(), value);
      }
    }
    // only what was given: a default is the model's (rules see it through the generated classes,
    // the validator through its rows), so a check can tell a given false from an absent field
    Map<String, Object> values = read;
    if (authority != null) {
      values.put(FactShapes.AUTHORITY, authority);
    }
    if (documentNo != null) {
      values.put(FactShapes.DOCUMENT_NO, documentNo);
    }
    return values;
  }

  /** One field's value by its kind, {@code null} when absent or invalid. */
  private static @Nullable Object readField(ObjectFields f, FactShapes.Field field) {
    FieldDecl decl = field.decl();
    String name = decl.name();
    boolean required = decl.required();
    switch (decl.kind()) {
      case DATE:
        return f.date(name, required);
      case INTEGER:
        return f.integer(name, required);
      case DECIMAL:
        return f.number(name, required);
      case TEXT:
      case REFERENCE:
        return f.string(name, required);
      case BOOLEAN:
        return f.bool(name, required);
      case ENUMERATION:
        return f.code(name, required, field.codes(), decl.what());
      case ENUMERATION_LIST:
        {
          List<String> codes = f.codes(name, required, field.codes(), decl.what());
          // an empty list of an optional field is the same as none (the writer leaves it out)
          return codes != null && codes.isEmpty() && decl.presence() == Presence.OPTIONAL
              ? null
              : codes;
        }
      default:
        throw new IllegalStateException("a field kind without a reader: " + decl.kind());
    }
  }
}
