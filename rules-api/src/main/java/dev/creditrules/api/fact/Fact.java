package dev.creditrules.api.fact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authoritative record about the subject: an id unique in its request, a type declared by the
 * packs ({@code types.yaml}), and the values of its fields. The common fields {@code authority} and
 * {@code documentNo} are values like any other.
 *
 * <p>A fact holds what it was given (with a declaration's defaults once read or validated); its
 * values are checked against the declaration of its type when the request is validated, and the
 * errors name the field. Build one with {@link #builder(String, String)}, with a validating builder
 * from {@link dev.creditrules.api.model.FactModel#builder(String, String)}, or read it from JSON.
 *
 * <p>Values are {@link LocalDate} (date), {@link Integer} (integer), {@link BigDecimal} (decimal),
 * {@link String} (text, enumeration, reference), {@link Boolean} (boolean) or a {@link List} of
 * {@link String} (list of an enumeration). Immutable.
 */
public final class Fact {
  private final String id;
  private final String type;
  private final Map<String, Object> values;

  private Fact(String id, String type, Map<String, Object> values) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.values = values;
  }

  /** A fact with these values (null values are left out; lists are copied). */
  public static Fact of(String type, String id, Map<String, ?> values) {
    Builder b = builder(type, id);
    values.forEach(b::set);
    return b.build();
  }

  /** A builder of a fact of {@code type} with {@code id}; values are checked on validation. */
  public static Builder builder(String type, String id) {
    return new Builder(type, id);
  }

  /** The id, unique in the request. */
  public String id() {
    return id;
  }

  /** The type, as declared by the packs (for example {@code HARBOUR_LISTING}). */
  public String type() {
    return type;
  }

  /** Every given value by field name, in the order given; {@code id} and {@code type} are not. */
  public Map<String, Object> values() {
    return values;
  }

  /** The value of {@code field}, or {@code null} when not given. */
  public @Nullable Object get(String field) {
    return values.get(field);
  }

  /** The date {@code field}, or {@code null}. */
  public @Nullable LocalDate date(String field) {
    return (LocalDate) values.get(field);
  }

  /** The text, enumeration or reference {@code field}, or {@code null}. */
  public @Nullable String text(String field) {
    return (String) values.get(field);
  }

  /** The integer {@code field}, or {@code null}. */
  public @Nullable Integer integer(String field) {
    return (Integer) values.get(field);
  }

  /** The authority that made the record, or {@code null}. */
  public @Nullable String authority() {
    return (String) values.get("authority");
  }

  /** The document number, or {@code null}. */
  public @Nullable String documentNo() {
    return (String) values.get("documentNo");
  }

  /** A copy of this fact with {@code field} set to {@code value} ({@code null} removes it). */
  public Fact with(String field, Object value) {
    Builder b = builder(type, id);
    values.forEach(b::set);
    b.set(field, value);
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fact f && id.equals(f.id) && type.equals(f.type) && values.equals(f.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, values);
  }

  @Override
  public String toString() {
    return type + "[id=" + id + ", " + values + "]";
  }

  /** Collects a fact's values; {@link #build()} makes the immutable fact. */
  public static final class Builder {
    private final String type;
    private final String id;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Builder(String type, String id) {
      this.type = Objects.requireNonNull(type, "type");
      this.id = Objects.requireNonNull(id, "id");
    }

    /** Sets {@code field}; {@code null} removes it. A list is copied. */
    public Builder set(String field, @Nullable Object value) {
      Objects.requireNonNull(field, "field");
      if (field.equals("id") || field.equals("type")) {
        throw new IllegalArgumentException(field + " is given to Fact.builder, not set");
      }
      if (value == null) {
        values.remove(field);
      } else if (value instanceof List<?> list) {
        values.put(field, List.copyOf(list));
      } else if (value instanceof Long || value instanceof Short || value instanceof Byte) {
        values.put(field, Math.toIntExact(((Number) value).longValue()));
      } else {
        values.put(field, value);
      }
      return this;
    }

    /** The fact. */
    public Fact build() {
      return new Fact(id, type, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
