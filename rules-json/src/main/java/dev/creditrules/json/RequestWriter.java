package dev.creditrules.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.Presence;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a request in the contract's field order: for each fact {@code id}, {@code type}, its
 * declared fields in declaration order, then {@code authority} and {@code documentNo}. Absent
 * fields are left out, and so are a defaulted field equal to its default and an empty list of an
 * optional list field (reading the result back gives an equal request). A value of a field its type
 * does not declare, or of a fact whose type the model does not know, is written after the declared
 * fields, in the fact's order, so that nothing is lost (reading it back reports it).
 */
final class RequestWriter {
  private static final Set<String> COMMON =
      Set.of(FactShapes.ID, FactShapes.TYPE, FactShapes.AUTHORITY, FactShapes.DOCUMENT_NO);

  private RequestWriter() {}

  static ObjectNode tree(Request request, FactShapes shapes) {
    ObjectNode root = Nodes.object();
    put(root, "requestId", request.requestId());
    root.put("asOf", request.asOf().toString());
    root.set("subject", subject(request.subject()));
    if (request.areas() != null) {
      ArrayNode areas = root.putArray("areas");
      for (Area area : request.areas()) {
        areas.add(area.name());
      }
    }
    ArrayNode facts = root.putArray("facts");
    for (Fact fact : request.facts()) {
      facts.add(fact(fact, shapes));
    }
    return root;
  }

  private static ObjectNode subject(Subject subject) {
    ObjectNode node = Nodes.object();
    node.put("id", subject.id());
    node.put("type", subject.type().name());
    put(node, "name", subject.name());
    put(node, "region", subject.region());
    put(node, "establishedOn", subject.establishedOn());
    return node;
  }

  static ObjectNode fact(Fact fact, FactShapes shapes) {
    ObjectNode n = Nodes.object();
    n.put(FactShapes.ID, fact.id());
    n.put(FactShapes.TYPE, fact.type());
    FactShapes.Shape shape = shapes.shape(fact.type());
    Map<String, Object> values = fact.values();
    if (shape != null) {
      for (FieldDecl field : shape.decl().fields()) {
        Object value = values.get(field.name());
        if (value != null && !leftOut(field, value)) {
          n.set(field.name(), Nodes.node(value));
        }
      }
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!COMMON.contains(e.getKey()) && (shape == null || !shape.known().contains(e.getKey()))) {
        put(n, e.getKey(), e.getValue());
      }
    }
    put(n, FactShapes.AUTHORITY, fact.authority());
    put(n, FactShapes.DOCUMENT_NO, fact.documentNo());
    return n;
  }

  /**
   * True for a value that reads back as it is when left out: an empty optional list. A defaulted
   * field is written when the fact gives it (a request carries only what was given, and a check may
   * forbid a field given with its default value).
   */
  private static boolean leftOut(FieldDecl field, Object value) {
    return field.presence() == Presence.OPTIONAL && value instanceof List<?> list && list.isEmpty();
  }

  /** Sets {@code name} unless {@code value} is null. */
  private static void put(ObjectNode node, String name, @Nullable Object value) {
    if (value != null) {
      node.set(name, Nodes.node(value));
    }
  }
}
