package dev.creditrules.api.model;

import dev.creditrules.api.fact.Fact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds a fact of one declared type, checking each value as it is set: an unknown field, a value
 * of the wrong kind or an unknown code is an {@link IllegalArgumentException} naming the field.
 * {@link #build()} checks required fields. Contradictions between facts are checked when the
 * request is validated.
 */
public final class FactBuilder {
  private final FactTypeDecl type;
  private final Fact.Builder builder;

  FactBuilder(FactTypeDecl type, String id) {
    this.type = type;
    this.builder = Fact.builder(type.name(), id);
  }

  /** Sets {@code field} to {@code value} ({@code null} removes it). */
  public FactBuilder set(String field, @Nullable Object value) {
    if (value != null) {
      check(field, value);
    }
    builder.set(field, value);
    return this;
  }

  /**
   * The fact with the values set; a defaulted field not set has its default in rules, but is not
   * given (a check may forbid a field even with its default value, such as {@code false}).
   */
  public Fact build() {
    List<String> missing = new ArrayList<>();
    Fact fact = builder.build();
    for (FieldDecl f : type.fields()) {
      if (f.required() && fact.get(f.name()) == null) {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          type.name() + " " + fact.id() + ": " + String.join(", ", missing) + " required");
    }
    return fact;
  }

  private void check(String field, Object value) {
    if (field.equals("authority") || field.equals("documentNo")) {
      expect(field, value instanceof String, "a string", value);
      return;
    }
    FieldDecl f = type.field(field);
    if (f == null) {
      throw new IllegalArgumentException(
          field
              + ": unknown field of "
              + type.name()
              + "; expected one of "
              + String.join(", ", type.allFieldNames().subList(2, type.allFieldNames().size())));
    }
    switch (f.kind()) {
      case DATE -> expect(field, value instanceof LocalDate, "a LocalDate", value);
      case INTEGER ->
          expect(
              field,
              value instanceof Integer || value instanceof Long || value instanceof Short,
              "an integer",
              value);
      case DECIMAL -> expect(field, value instanceof BigDecimal, "a BigDecimal", value);
      case TEXT, REFERENCE -> expect(field, value instanceof String, "a string", value);
      case BOOLEAN -> expect(field, value instanceof Boolean, "a Boolean", value);
      case ENUMERATION -> {
        expect(field, value instanceof String, "a string", value);
        code(f, value);
      }
      case ENUMERATION_LIST -> {
        expect(field, value instanceof List<?>, "a list of strings", value);
        for (Object item : (List<?>) value) {
          expect(field, item instanceof String, "a list of strings", value);
          code(f, item);
        }
      }
      default -> throw new IllegalStateException(f.kind().name());
    }
  }

  private static void code(FieldDecl f, Object value) {
    if (!f.values().contains(value)) {
      throw new IllegalArgumentException(
          f.name()
              + ": unknown "
              + f.what()
              + " "
              + value
              + "; expected one of "
              + String.join(", ", f.values()));
    }
  }

  private static void expect(String field, boolean ok, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": must be " + what + ", not " + value);
    }
  }
}
