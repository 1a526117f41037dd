package dev.creditrules.runtime;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import java.util.Map;
import java.util.Objects;

/** Reads a fact's field by its contract name, for the {@code select.*} of layer packs. */
final class FactFields {
  private FactFields() {}

  /** True when facts of {@code type} have a field named {@code field}. */
  static boolean has(FactTypeDecl type, String field) {
    return type.allFieldNames().contains(field);
  }

  /**
   * True when every selected field of {@code fact} equals the given text (an enumeration by its
   * code, case-insensitively).
   */
  static boolean matches(Fact fact, FactTypeDecl type, Map<String, String> select) {
    for (Map.Entry<String, String> e : select.entrySet()) {
      Object value = fact.get(e.getKey());
      if (e.getValue().equals("*")) {
        // "*": the field is given, whatever its value
        if (value == null) {
          return false;
        }
        continue;
      }
      FieldDecl f = type.field(e.getKey());
      boolean same =
          f != null && f.kind() == FieldKind.ENUMERATION && value != null
              ? value.toString().equalsIgnoreCase(e.getValue())
              : Objects.equals(value == null ? null : value.toString(), e.getValue());
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
