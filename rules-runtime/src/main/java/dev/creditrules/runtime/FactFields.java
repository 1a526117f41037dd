package dev.creditrules.runtime;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

  /**
   * The fact's own date (whether it plays a part on a day). The model lets its field be optional,
   * but no fact can be judged without it: a missing one fails here, naming the fact and the field.
   */
  static LocalDate ownDate(FactModel model, Fact fact) {
    FactTypeDecl type = model.typeOf(fact);
    LocalDate date = type.ownDate(fact);
    if (date == null) {
      throw new NullPointerException(noDate(fact, type));
    }
    return date;
  }

  /** The date that picks the pack version judging the fact; see {@link #ownDate}. */
  static LocalDate versionDate(FactModel model, Fact fact) {
    FactTypeDecl type = model.typeOf(fact);
    LocalDate date = type.versionDate(fact);
    if (date == null) {
      throw new NullPointerException(noDate(fact, type));
    }
    return date;
  }

  /**
   * The value of a field a fact's role needs (a dispute's target, a grant's date): the records
   * built from it refuse it missing; this names the fact and the field.
   */
  static <T> T given(@Nullable T value, Fact fact, String field) {
    // no message supplier: a capturing lambda per call, on every decision's path
    if (value == null) {
      throw new NullPointerException("fact " + fact.id() + " has no " + field);
    }
    return value;
  }

  private static String noDate(Fact fact, FactTypeDecl type) {
    return "fact " + fact.id() + " has no own date (field " + type.ownDate() + ")";
  }
}
