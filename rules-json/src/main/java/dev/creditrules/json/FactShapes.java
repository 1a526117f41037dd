package dev.creditrules.json;

import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What reading and writing need of a {@link FactModel}, computed once per {@link ContractJson}:
 * each type's known JSON fields, its fields with their codes, the field a partly parsed fact names
 * its target in, and the sets of names the contract knows. Immutable.
 */
final class FactShapes {
  /** The fields of a request object. */
  static final Set<String> TOP_FIELDS = Set.of("requestId", "asOf", "subject", "areas", "facts");

  /** The fields of a subject. */
  static final Set<String> SUBJECT_FIELDS = Set.of("id", "type", "name", "region", "establishedOn");

  /** The common fields every fact has ({@link FactTypeDecl#COMMON_FIELDS}). */
  static final String ID = "id";

  static final String TYPE = "type";

  static final String AUTHORITY = "authority";

  static final String DOCUMENT_NO = "documentNo";

  /** One declared field and, for an enumeration or a list of one, its codes by themselves. */
  record Field(FieldDecl decl, Map<String, String> codes) {
    String name() {
      return decl.name();
    }
  }

  /**
   * One fact type as the reader sees it.
   *
   * @param decl the declaration
   * @param known every JSON field of the type: the common ones and the declared ones
   * @param fields the declared fields, in declaration order
   * @param targetField the reference field whose text a partly parsed fact still reports to the
   *     validator (the grant's target for a grant type, else the first reference field), or {@code
   *     null}
   */
  record Shape(
      FactTypeDecl decl, Set<String> known, List<Field> fields, @Nullable String targetField) {}

  private final FactModel model;
  private final Map<String, String> typeCodes;
  private final Map<String, Shape> shapes;
  private final Set<String> anyFactFields;
  private final Set<String> allFields;
  private final int longestName;

  FactShapes(FactModel model) {
    this.model = Objects.requireNonNull(model, "model");
    Map<String, String> codes = new LinkedHashMap<>();
    Map<String, Shape> byName = new LinkedHashMap<>();
    Set<String> anyFact = new LinkedHashSet<>(FactTypeDecl.COMMON_FIELDS);
    for (FactTypeDecl type : model.types()) {
      codes.put(type.name(), type.name());
      Set<String> known = new LinkedHashSet<>(FactTypeDecl.COMMON_FIELDS);
      List<Field> fields = new ArrayList<>(type.fields().size());
      String firstReference = null;
      for (FieldDecl f : type.fields()) {
        known.add(f.name());
        fields.add(new Field(f, codesOf(f)));
        if (f.kind() == FieldKind.REFERENCE && firstReference == null) {
          firstReference = f.name();
        }
      }
      String target = type.grant() != null ? type.grant().target() : firstReference;
      byName.put(
          type.name(),
          new Shape(type, Collections.unmodifiableSet(known), List.copyOf(fields), target));
      anyFact.addAll(known);
    }
    this.typeCodes = Collections.unmodifiableMap(codes);
    this.shapes = Collections.unmodifiableMap(byName);
    this.anyFactFields = Set.copyOf(anyFact);
    Set<String> all = new LinkedHashSet<>(TOP_FIELDS);
    all.addAll(SUBJECT_FIELDS);
    all.addAll(anyFact);
    this.allFields = Set.copyOf(all);
    this.longestName = all.stream().mapToInt(String::length).max().orElse(0);
  }

  private static Map<String, String> codesOf(FieldDecl f) {
    if (f.kind() != FieldKind.ENUMERATION && f.kind() != FieldKind.ENUMERATION_LIST) {
      return Map.of();
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (String value : f.values()) {
      codes.put(value, value);
    }
    return Collections.unmodifiableMap(codes);
  }

  FactModel model() {
    return model;
  }

  /** The type names, in model order, each mapped to itself: the codes of a fact's type. */
  Map<String, String> typeCodes() {
    return typeCodes;
  }

  /** The shape of the type {@code name}, or {@code null} when the model has no such type. */
  @Nullable Shape shape(String name) {
    return shapes.get(name);
  }

  /** Every field of some fact type: without a known type, only others are surely unknown. */
  Set<String> anyFactFields() {
    return anyFactFields;
  }

  /** Every field name of the contract, at any level. */
  Set<String> allFields() {
    return allFields;
  }

  /** The length of the longest of {@link #allFields()}, in UTF-16 units. */
  int longestName() {
    return longestName;
  }
}
