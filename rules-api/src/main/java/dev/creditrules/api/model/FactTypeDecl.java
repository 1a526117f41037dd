package dev.creditrules.api.model;

import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One declared fact type.
 *
 * @param name the type name used in JSON ({@code HARBOUR_LISTING}, as a pack declares it)
 * @param className the simple name of the class rules match on ({@code HarbourListing}, in package
 *     {@link FactModel#FACT_PACKAGE})
 * @param pack the id of the pack folder that declares it
 * @param description plain-language description for the docs, or {@code null}
 * @param subjects the subject types it may be recorded for, in the order errors list them
 * @param fields its fields besides {@code id}, {@code type}, {@code authority} and {@code
 *     documentNo}, in the contract's order
 * @param ownDate the date field that is the fact's own date (packs-v1 s.0, s.10: it picks the pack
 *     version judging the fact, and a fact whose own date is after {@code asOf} plays no part), or,
 *     when {@code ownDateIsYearEnd}, the integer year field whose last day is the own date
 * @param ownDateIsYearEnd true when the own date is 31 December of the year in {@code ownDate}
 * @param startField the date field holding the record's first day (what a commitment, a grant or a
 *     correction may not precede)
 * @param grade the grade scheme it is, or {@code null}
 * @param repairable whether (and which of) its facts are repairable records, or {@code null}
 * @param grant its role as a repair grant, or {@code null}
 * @param repairSector the field whose value is the sector of a repair entry for its facts, or
 *     {@code null} for the deciding pack's sector
 * @param checks its contradictions, in the order they are checked
 * @param dispute its role as a dispute of records, or {@code null}
 * @param versionDate a date field that, when given, picks the pack version judging the fact instead
 *     of the own date (which still decides whether the fact is after {@code asOf}), or {@code null}
 */
public record FactTypeDecl(
    String name,
    String className,
    String pack,
    @Nullable String description,
    List<SubjectType> subjects,
    List<FieldDecl> fields,
    String ownDate,
    boolean ownDateIsYearEnd,
    String startField,
    @Nullable GradeScheme grade,
    @Nullable Repairable repairable,
    @Nullable GrantRole grant,
    @Nullable String repairSector,
    List<Check> checks,
    @Nullable DisputeRole dispute,
    @Nullable String versionDate) {

  /** The fields every fact has, before its declared ones. */
  public static final List<String> COMMON_FIELDS = List.of("id", "type", "authority", "documentNo");

  public FactTypeDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(ownDate, "ownDate");
    Objects.requireNonNull(startField, "startField");
    subjects = List.copyOf(subjects);
    fields = List.copyOf(fields);
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /** A type without a dispute role. */
  public FactTypeDecl(
      String name,
      String className,
      String pack,
      @Nullable String description,
      List<SubjectType> subjects,
      List<FieldDecl> fields,
      String ownDate,
      boolean ownDateIsYearEnd,
      String startField,
      @Nullable GradeScheme grade,
      @Nullable Repairable repairable,
      @Nullable GrantRole grant,
      @Nullable String repairSector,
      List<Check> checks) {
    this(
        name,
        className,
        pack,
        description,
        subjects,
        fields,
        ownDate,
        ownDateIsYearEnd,
        startField,
        grade,
        repairable,
        grant,
        repairSector,
        checks,
        null,
        null);
  }

  /**
   * The date that picks the pack version judging {@code fact}: its {@link #versionDate()} when
   * declared and given, else its own date.
   */
  public @Nullable LocalDate versionDate(Fact fact) {
    if (versionDate != null && fact.get(versionDate) instanceof LocalDate d) {
      return d;
    }
    return ownDate(fact);
  }

  /** The declared field {@code name}, or {@code null}. */
  public @Nullable FieldDecl field(String name) {
    for (FieldDecl f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Every JSON field name of this type: the common ones, then the declared ones. */
  public List<String> allFieldNames() {
    List<String> all = new ArrayList<>(COMMON_FIELDS);
    for (FieldDecl f : fields) {
      all.add(f.name());
    }
    return all;
  }

  /** The fact's own date (see {@link #ownDate()}); {@code null} when its field is missing. */
  public @Nullable LocalDate ownDate(Fact fact) {
    Object v = fact.get(ownDate);
    if (v == null) {
      return null;
    }
    return ownDateIsYearEnd ? LocalDate.of((Integer) v, 12, 31) : (LocalDate) v;
  }

  /** The record's first day, or {@code null} when its field is missing. */
  public @Nullable LocalDate start(Fact fact) {
    return fact.date(startField);
  }

  /** True when {@code fact} (of this type) is a repairable record. */
  public boolean isRepairable(Fact fact) {
    if (repairable == null) {
      return false;
    }
    if (repairable.field() != null
        && !repairable.values().contains(String.valueOf(fact.get(repairable.field())))) {
      return false;
    }
    return repairable.when() == null || repairable.when().test(values(fact, null));
  }

  /**
   * The fields of {@code fact} (of this type) as a {@link Condition} reads them: defaults applied;
   * {@code typeOf} gives the type of the fact a reference names (null: unknown).
   */
  public Condition.Values values(
      Fact fact, java.util.function.@Nullable Function<String, String> typeOf) {
    return new Condition.Values() {
      @Override
      public @Nullable Object value(String name) {
        Object v = fact.get(name);
        if (v == null) {
          FieldDecl f = field(name);
          return f == null ? null : f.defaultValue();
        }
        return v;
      }

      @Override
      public boolean given(String name) {
        return fact.get(name) != null;
      }

      @Override
      public @Nullable String typeOf(String name) {
        Object id = fact.get(name);
        return typeOf == null || !(id instanceof String s) ? null : typeOf.apply(s);
      }
    };
  }

  /** True when some facts of this type may be repairable records. */
  public boolean mayBeRepairable() {
    return repairable != null;
  }

  /** The fact's values with every missing defaulted field set to its default. */
  public Map<String, Object> withDefaults(Map<String, Object> values) {
    Map<String, Object> out = null;
    for (FieldDecl f : fields) {
      if (f.presence() == Presence.DEFAULTED && !values.containsKey(f.name())) {
        if (out == null) {
          out = new LinkedHashMap<>(values);
        }
        out.put(f.name(), f.defaultValue());
      }
    }
    return out == null ? values : out;
  }

  /**
   * The subject types in words, for errors: "any subject", "organisations only", or the list
   * ("NATURAL_PERSON, PUBLIC_INSTITUTION, ENTERPRISE or SOCIAL_ORG only").
   */
  public String subjectsText() {
    Set<SubjectType> set = subjects.isEmpty() ? Set.of() : EnumSet.copyOf(subjects);
    if (set.size() == SubjectType.values().length) {
      return "any subject";
    }
    if (set.equals(EnumSet.complementOf(EnumSet.of(SubjectType.NATURAL_PERSON)))) {
      return "organisations only";
    }
    List<String> names = new ArrayList<>();
    for (SubjectType t : subjects) {
      names.add(t.name());
    }
    if (names.size() == 1) {
      return names.get(0) + " only";
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1)
        + " only";
  }
}
