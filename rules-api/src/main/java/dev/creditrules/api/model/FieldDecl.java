package dev.creditrules.api.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One declared field of a fact type.
 *
 * @param name the JSON name, also the accessor rules use ({@code decidedOn})
 * @param kind the kind of value
 * @param presence required, optional or defaulted
 * @param defaultValue the value of a missing defaulted field (of the kind's Java type), else {@code
 *     null}
 * @param values ENUMERATION and ENUMERATION_LIST: the allowed codes, in the order errors list them;
 *     otherwise empty
 * @param what ENUMERATION and ENUMERATION_LIST: what a code is called in errors ("unknown {what}
 *     x"); defaults to the field name
 * @param min INTEGER: the smallest allowed value, or {@code null}
 * @param max INTEGER: the largest allowed value, or {@code null}
 * @param oneOf TEXT: the allowed values, checked on validation (not a structural error), else empty
 * @param pattern TEXT: a regular expression the whole value must match, or {@code null}
 * @param message the reason given when {@code min}/{@code max}/{@code oneOf}/{@code pattern} fails,
 *     or {@code null} for the generated one
 * @param yearsFrom INTEGER counting years from a date field of the same fact, whose end must stay
 *     within 9999-12-31; or {@code null}
 * @param reference REFERENCE: which facts it may name; otherwise {@code null}
 * @param description plain-language description for the docs, or {@code null}
 * @param format TEXT: a named format the value must have ({@link #CREDIT_CODE}: a unified social
 *     credit code, checked like a subject's), or {@code null}
 * @param java the name rules use for it (the generated accessor) when the JSON name cannot be one
 *     (a Java keyword such as {@code case}), or {@code null}: the JSON name
 */
public record FieldDecl(
    String name,
    FieldKind kind,
    Presence presence,
    @Nullable Object defaultValue,
    List<String> values,
    String what,
    @Nullable Long min,
    @Nullable Long max,
    List<String> oneOf,
    @Nullable String pattern,
    @Nullable String message,
    @Nullable YearsFrom yearsFrom,
    @Nullable Reference reference,
    @Nullable String description,
    @Nullable String format,
    @Nullable String java) {

  /** The name rules use for it: {@link #java()} when declared, else the JSON name. */
  public String javaName() {
    return java != null ? java : name;
  }

  /** The format of a unified social credit code (GB 32100-2015), checked like a subject id. */
  public static final String CREDIT_CODE = "credit-code";

  /** A field without a named format. */
  public FieldDecl(
      String name,
      FieldKind kind,
      Presence presence,
      @Nullable Object defaultValue,
      List<String> values,
      String what,
      @Nullable Long min,
      @Nullable Long max,
      List<String> oneOf,
      @Nullable String pattern,
      @Nullable String message,
      @Nullable YearsFrom yearsFrom,
      @Nullable Reference reference,
      @Nullable String description) {
    this(
        name,
        kind,
        presence,
        defaultValue,
        values,
        what,
        min,
        max,
        oneOf,
        pattern,
        message,
        yearsFrom,
        reference,
        description,
        null,
        null);
  }

  public FieldDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(presence, "presence");
    values = values == null ? List.of() : List.copyOf(values);
    oneOf = oneOf == null ? List.of() : List.copyOf(oneOf);
    if (what == null) {
      what = name;
    }
  }

  /** True when missing is an error. */
  public boolean required() {
    return presence == Presence.REQUIRED;
  }

  /**
   * An integer field that counts years from a date field: the date's year plus the value may not
   * pass 9999.
   *
   * @param from the date field
   * @param message the reason when it does, or {@code null} for the generated one
   */
  public record YearsFrom(String from, @Nullable String message) {
    public YearsFrom {
      Objects.requireNonNull(from, "from");
    }
  }

  /**
   * What a reference field may name.
   *
   * @param types the fact types it may name; empty means any repairable record (see {@link
   *     FactTypeDecl#repairable()})
   * @param message the reason when it names a fact it may not, with {@code {target}} (the id) and
   *     {@code {what}} (the named fact's type, and its grade for a grade), or {@code null} for the
   *     generated one
   */
  public record Reference(List<String> types, @Nullable String message) {
    /**
     * The one item of {@link #types()} for a reference that may name any fact ({@code to: any}).
     */
    public static final String ANY = "any";

    public Reference {
      types = types == null ? List.of() : List.copyOf(types);
    }

    /** True when any fact may be named. */
    public boolean anyType() {
      return types.size() == 1 && types.get(0).equals(ANY);
    }

    /** True when only repairable records may be named. */
    public boolean repairableOnly() {
      return types.isEmpty();
    }
  }
}
