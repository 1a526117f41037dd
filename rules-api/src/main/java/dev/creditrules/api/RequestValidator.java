package dev.creditrules.api;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Semantic validation of a request against the fact types a {@link FactModel} declares: subject
 * identifiers, an empty {@code areas} list, duplicate fact ids, fact types not allowed for the
 * subject, references ({@code target}), and each fact's declared constraints and contradictions.
 * Every problem is reported, top-level fields first ({@code /subject}, {@code /areas}), then per
 * fact in request order, each with the JSON pointer packs-v1 s.10 prescribes. No fact type, field
 * or code list is known here: everything comes from the declarations.
 *
 * <p>Per fact, in this order:
 *
 * <ol>
 *   <li>a repeated id ({@code /facts/i/id});
 *   <li>a type the model does not declare, or one not allowed for the subject type ({@code
 *       /facts/i/type});
 *   <li>for a fact built in Java: each value against its declaration (an unknown field, a value of
 *       the wrong Java type, an unknown code, a missing required field), with the reasons the JSON
 *       reader gives for the same problem; a fact read from JSON never has these;
 *   <li>its {@link FieldKind#REFERENCE} fields, in field order: a reference naming no fact, a fact
 *       of a type not in {@link FieldDecl.Reference#types()}, or not a repairable record;
 *   <li>then per declared field, in field order: first its value, of which at most one problem is
 *       reported ({@link Check.OnlyWhen}, then {@link FieldDecl#min()}/{@link FieldDecl#max()},
 *       {@link FieldDecl#yearsFrom()}, {@link Check.YearOver}, {@link FieldDecl#oneOf()} (for the
 *       level field of a grade scheme: its levels), {@link FieldDecl#pattern()}); for the {@code
 *       newGrade} field of a grant type ({@link GrantRole}), the target must be a grade and the
 *       value one of its levels, not one of {@link GradeScheme#notAsNewGrade()}; then every {@link
 *       Check.NotBefore}, {@link Check.NotBeforeTarget}, {@link Check.Unique} and {@link
 *       Check.Exclusive} on that field, in declaration order.
 * </ol>
 *
 * <p>A declared message replaces the generated reason. In it, {@code {name}} stands for the value
 * of the fact's field {@code name}, and these names for: {@code {field}} the field checked, {@code
 * {value}} its value, {@code {type}} the fact's type; for a reference, {@code {target}} the id it
 * names and {@code {what}} the named fact's type (followed by its level for a grade); for {@link
 * Check.Unique}, {@code {first}} the index of the earlier fact. A name that stands for nothing is
 * left as it is.
 *
 * <p>Java callers use {@link #validate(Request, FactModel)} or {@link #requireValid(Request,
 * FactModel)}. A reader that could parse only part of a request uses {@link #validate(LocalDate,
 * String, SubjectType, List, List, FactModel)}, which accepts missing parts and keeps every fact at
 * its original index.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /**
   * What is known about the fact at one index of a request: the whole fact, or, when it could not
   * be parsed, only its id, type and target (each possibly {@code null}).
   *
   * @param fact the fact, or {@code null} when it could not be parsed
   * @param id the fact's id, or {@code null} when unknown
   * @param type the fact's type name, or {@code null} when unknown
   * @param target a fact that could not be parsed: the value of its reference field (a
   *     commitment's, a grant's or a rectification's {@code target}), so that a wrong target is
   *     reported too; otherwise {@code null}
   */
  public record FactSlot(Fact fact, String id, String type, String target) {
    /** Takes id and type from {@code fact} when it is given. */
    public FactSlot {
      if (fact != null) {
        id = fact.id();
        type = fact.type();
        target = null;
      }
    }

    /** A fully parsed fact. */
    public static FactSlot of(Fact fact) {
      return new FactSlot(Objects.requireNonNull(fact, "fact"), null, null, null);
    }

    /** A fact that could not be parsed, with what is known of it. */
    public static FactSlot partial(String id, String type) {
      return new FactSlot(null, id, type, null);
    }

    /** A fact with a target that could not be parsed, with what is known of it. */
    public static FactSlot partial(String id, String type, String target) {
      return new FactSlot(null, id, type, target);
    }
  }

  /** Every semantic problem of {@code request} under {@code model}; empty when it is valid. */
  public static List<RequestError> validate(Request request, FactModel model) {
    List<FactSlot> slots = new ArrayList<>(request.facts().size());
    for (Fact fact : request.facts()) {
      slots.add(FactSlot.of(fact));
    }
    return validate(
        request.asOf(),
        request.subject().id(),
        request.subject().type(),
        request.areas(),
        slots,
        model);
  }

  /**
   * Throws when {@code request} has a semantic problem under {@code model}.
   *
   * @throws InvalidRequestException listing every problem
   */
  public static void requireValid(Request request, FactModel model) {
    List<RequestError> errors = validate(request, model);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  /**
   * Every semantic problem of a possibly incomplete request. Checks that need a missing part are
   * skipped (the missing part itself is the caller's error to report).
   *
   * @param asOf the request's {@code asOf}, or {@code null} when missing or unparsable
   * @param subjectId the subject id as given (it is upper-cased here), or {@code null}
   * @param subjectType the declared subject type, or {@code null}
   * @param areas the areas, or {@code null} when absent or unparsable
   * @param facts one slot per element of the request's {@code facts}, in request order, so that
   *     pointers keep their original index
   * @param model the declared fact types
   * @return the problems, top-level first, then per fact in request order
   */
  public static List<RequestError> validate(
      LocalDate asOf,
      String subjectId,
      SubjectType subjectType,
      List<Area> areas,
      List<FactSlot> facts,
      FactModel model) {
    Checker checker =
        new Checker(
            asOf,
            subjectType,
            facts == null ? List.of() : facts,
            Objects.requireNonNull(model, "model"));
    checker.checkSubject(subjectId);
    checker.checkAreas(areas);
    checker.checkFacts();
    return List.copyOf(checker.errors);
  }

  /**
   * True for the records of packs-v1 s.1.1, the only valid targets of commitments and grants: a
   * fact of a type that declares {@link dev.creditrules.api.model.Repairable} (for all its facts
   * or for the declared values). False for a type {@code model} does not declare.
   */
  public static boolean isRepairable(Fact fact, FactModel model) {
    FactTypeDecl type = model.type(fact.type());
    return type != null && type.isRepairable(fact);
  }

  /** Compiled {@link FieldDecl#pattern()}s; the declarations hold few. */
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  /** The last year a date of the contract can have (dates are written yyyy-MM-dd). */
  private static final int LAST_YEAR = 9999;

  /** One validation run. */
  private static final class Checker {
    final LocalDate asOf;
    final SubjectType subjectType;
    final List<FactSlot> facts;
    final FactModel model;
    final List<RequestError> errors = new ArrayList<>();
    /** The index of the first fact with each id. */
    final Map<String, Integer> firstIndex = new HashMap<>();
    /** The index of the first fact of each {@link Check.Unique} key. */
    final Map<String, Integer> uniqueKeys = new HashMap<>();

    Checker(LocalDate asOf, SubjectType subjectType, List<FactSlot> facts, FactModel model) {
      this.asOf = asOf;
      this.subjectType = subjectType;
      this.facts = facts;
      this.model = model;
      for (int i = 0; i < facts.size(); i++) {
        FactSlot slot = facts.get(i);
        if (slot != null && slot.id() != null) {
          firstIndex.putIfAbsent(slot.id(), i);
        }
      }
    }

    void add(String pointer, Object value, String reason) {
      errors.add(new RequestError(pointer, value, reason));
    }

    // ---------------------------------------------------------------- subject and areas

    void checkSubject(String rawId) {
      if (rawId == null || subjectType == null) {
        return;
      }
      String id = SubjectIds.normalize(rawId);
      if (subjectType == SubjectType.NATURAL_PERSON) {
        Optional<String> problem =
            SubjectIds.residentIdProblem(id, asOf == null ? LocalDate.MAX : asOf);
        if (problem.isEmpty()) {
          return;
        }
        if (SubjectIds.creditCodeProblem(id).isEmpty()) {
          add(
              "/subject/type",
              subjectType.name(),
              "subject id "
                  + id
                  + " is a unified social credit code, which belongs to an organisation;"
                  + " a NATURAL_PERSON needs a resident identity number");
        } else {
          add("/subject/id", id, problem.get());
        }
        return;
      }
      Optional<String> problem = SubjectIds.creditCodeProblem(id);
      if (problem.isPresent()) {
        add("/subject/id", id, problem.get());
        return;
      }
      Optional<SubjectType> fixed = SubjectIds.typeOfPrefix(id);
      if (fixed.isPresent() && fixed.get() != subjectType) {
        add(
            "/subject/type",
            subjectType.name(),
            "credit code prefix "
                + id.substring(0, 2)
                + " is for "
                + fixed.get().name()
                + ", not "
                + subjectType.name());
      }
    }

    void checkAreas(List<Area> areas) {
      if (areas != null && areas.isEmpty()) {
        add("/areas", List.of(), "areas must not be empty; omit it to get every outcome");
      }
    }

    // ---------------------------------------------------------------- facts

    void checkFacts() {
      for (int i = 0; i < facts.size(); i++) {
        FactSlot slot = facts.get(i);
        if (slot != null) {
          checkFact(i, slot);
        }
      }
    }

    void checkFact(int i, FactSlot slot) {
      String p = "/facts/" + i;
      if (slot.id() != null) {
        int first = firstIndex.get(slot.id());
        if (first != i) {
          add(
              p + "/id",
              slot.id(),
              "fact id " + slot.id() + " is already used by /facts/" + first + "; ids must be unique");
        }
      }
      Fact fact = slot.fact();
      FactTypeDecl type = slot.type() == null ? null : model.type(slot.type());
      if (type == null) {
        if (fact != null) {
          // only a fact built in Java: a reader reports an unknown type itself
          add(
              p + "/type",
              fact.type(),
              "unknown fact type "
                  + fact.type()
                  + "; expected one of "
                  + String.join(", ", model.typeNames()));
        }
        return;
      }
      if (subjectType != null && !type.subjects().contains(subjectType)) {
        add(
            p + "/type",
            type.name(),
            type.name()
                + " is allowed for "
                + type.subjectsText()
                + ", not for a "
                + subjectType.name());
      }
      if (fact == null) {
        if (slot.target() != null) {
          // another field is missing or invalid: the target is still checked (every problem found)
          FieldDecl reference = partialReference(type);
          if (reference != null) {
            reference(p, type, reference, slot.target(), Map.of());
          }
        }
        return;
      }
      Map<String, Object> values = values(p, type, fact);
      Map<String, Fact> targets = null;
      for (FieldDecl f : type.fields()) {
        if (f.kind() == FieldKind.REFERENCE && values.get(f.name()) instanceof String id) {
          Fact target = reference(p, type, f, id, values);
          if (target != null) {
            if (targets == null) {
              targets = new HashMap<>(4);
            }
            targets.put(f.name(), target);
          }
        }
      }
      for (FieldDecl f : type.fields()) {
        field(i, p, type, f, values, targets == null ? Map.of() : targets);
      }
    }

    /** The reference field a partial slot's {@code target} belongs to. */
    static FieldDecl partialReference(FactTypeDecl type) {
      if (type.grant() != null) {
        return type.field(type.grant().target());
      }
      for (FieldDecl f : type.fields()) {
        if (f.kind() == FieldKind.REFERENCE) {
          return f;
        }
      }
      return null;
    }

    // ---------------------------------------------------------------- values of a Java fact

    /**
     * The fact's values fit to check, with defaults: each value of the wrong kind is reported (it
     * can only come from Java: the JSON reader rejects it first) and left out, as is every field
     * not declared.
     */
    Map<String, Object> values(String p, FactTypeDecl type, Fact fact) {
      Map<String, Object> values = fact.values();
      List<String> bad = null;
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (!valueFits(p, type, e.getKey(), e.getValue())) {
          if (bad == null) {
            bad = new ArrayList<>();
          }
          bad.add(e.getKey());
        }
      }
      for (FieldDecl f : type.fields()) {
        if (f.required() && !values.containsKey(f.name())) {
          add(p + "/" + f.name(), null, f.name() + " is required");
        }
      }
      if (bad != null) {
        values = new LinkedHashMap<>(values);
        values.keySet().removeAll(bad);
      }
      return type.withDefaults(values);
    }

    /** True when {@code value} fits field {@code name}; reports it otherwise. */
    boolean valueFits(String p, FactTypeDecl type, String name, Object value) {
      String pointer = p + "/" + name;
      if (FactTypeDecl.COMMON_FIELDS.contains(name)) {
        // authority, documentNo (id and type are no values)
        return fits(value instanceof String, pointer, value, name + " must be a string");
      }
      FieldDecl f = type.field(name);
      if (f == null) {
        add(pointer, plain(value), "unknown field");
        return false;
      }
      switch (f.kind()) {
        case DATE:
          return fits(value instanceof LocalDate, pointer, value, name + " must be a date (LocalDate)");
        case INTEGER:
          return fits(value instanceof Integer, pointer, value, name + " must be an integer (Integer)");
        case DECIMAL:
          return fits(
              value instanceof BigDecimal, pointer, value, name + " must be a number (BigDecimal)");
        case BOOLEAN:
          return fits(value instanceof Boolean, pointer, value, name + " must be true or false");
        case ENUMERATION:
          return code(pointer, f, value);
        case ENUMERATION_LIST:
          if (!(value instanceof List<?> list)) {
            add(pointer, plain(value), name + " must be an array");
            return false;
          }
          boolean ok = true;
          for (int i = 0; i < list.size(); i++) {
            ok &= code(pointer + "/" + i, f, list.get(i));
          }
          return ok;
        default: // TEXT, REFERENCE
          return fits(value instanceof String, pointer, value, name + " must be a string");
      }
    }

    boolean fits(boolean ok, String pointer, Object value, String reason) {
      if (!ok) {
        add(pointer, plain(value), reason);
      }
      return ok;
    }

    /** One code of an enumeration, with the JSON reader's reasons. */
    boolean code(String pointer, FieldDecl f, Object value) {
      if (value instanceof String s && f.values().contains(s)) {
        return true;
      }
      String prefix =
          value instanceof String s ? "unknown " + f.what() + " " + s : f.what() + " must be a string";
      add(pointer, plain(value), prefix + "; expected one of " + String.join(", ", f.values()));
      return false;
    }

    // ---------------------------------------------------------------- references

    /**
     * Checks reference field {@code f} naming {@code id}; returns the named fact when the reference
     * is valid and the fact fully known (so its start can be compared), otherwise {@code null}.
     */
    Fact reference(
        String p, FactTypeDecl type, FieldDecl f, String id, Map<String, Object> values) {
      String pointer = p + "/" + f.name();
      Integer index = firstIndex.get(id);
      if (index == null) {
        add(pointer, id, f.name() + " " + id + " names no fact in the request");
        return null;
      }
      FactSlot slot = facts.get(index);
      Fact named = slot.fact();
      FactTypeDecl namedType = slot.type() == null ? null : model.type(slot.type());
      FieldDecl.Reference reference = f.reference();
      if (reference == null) {
        return named;
      }
      if (!reference.repairableOnly()) {
        if (namedType != null && !reference.types().contains(namedType.name())) {
          String generated =
              f.name() + " " + id + " is a " + namedType.name() + "; it must be " + anyOf(reference.types());
          add(
              pointer,
              id,
              referenceMessage(reference, generated, type, f, id, what(namedType, named), values));
          return null;
        }
        return named;
      }
      if (namedType == null) {
        // of unknown type: reported where it stands
        return null;
      }
      if (named == null) {
        // only a type none of whose facts is repairable is surely wrong
        if (!namedType.mayBeRepairable()) {
          add(pointer, id, notRepairable(reference, type, f, id, namedType.name(), values));
        }
        return null;
      }
      if (!namedType.isRepairable(named)) {
        add(pointer, id, notRepairable(reference, type, f, id, what(namedType, named), values));
        return null;
      }
      return named;
    }

    /** How a named fact is called: its type, and for a grade its level. */
    static String what(FactTypeDecl type, Fact fact) {
      if (fact != null && type.grade() != null) {
        return type.name() + " " + text(fact.get(type.grade().level()));
      }
      return type.name();
    }

    String notRepairable(
        FieldDecl.Reference reference,
        FactTypeDecl type,
        FieldDecl f,
        String id,
        String what,
        Map<String, Object> values) {
      String generated =
          f.name()
              + " "
              + id
              + " is a "
              + what
              + ", not a repairable record ("
              + repairableKinds()
              + ")";
      return referenceMessage(reference, generated, type, f, id, what, values);
    }

    String referenceMessage(
        FieldDecl.Reference reference,
        String generated,
        FactTypeDecl type,
        FieldDecl f,
        String id,
        String what,
        Map<String, Object> values) {
      if (reference.message() == null) {
        return generated;
      }
      Map<String, Object> names = new HashMap<>(values);
      names.put("field", f.name());
      names.put("value", id);
      names.put("type", type.name());
      names.put("target", id);
      names.put("what", what);
      return format(reference.message(), names);
    }

    /** The repairable records of the model in words: "a penalty, C/D tax grade, ... or defaulter". */
    String repairableKinds() {
      Set<String> labels = new LinkedHashSet<>();
      for (FactTypeDecl t : model.types()) {
        if (t.repairable() != null) {
          labels.add(t.repairable().label() != null ? t.repairable().label() : t.name());
        }
      }
      return "a " + orList(new ArrayList<>(labels));
    }

    /** The fully known fact with this id (the first one when ids repeat), or {@code null}. */
    Fact known(String id) {
      Integer index = firstIndex.get(id);
      return index == null ? null : facts.get(index).fact();
    }

    // ---------------------------------------------------------------- fields

    /** The checks of one field: its value, then its relations to other fields and facts. */
    void field(
        int i,
        String p,
        FactTypeDecl type,
        FieldDecl f,
        Map<String, Object> values,
        Map<String, Fact> targets) {
      String name = f.name();
      Object value = values.get(name);
      if (value != null) {
        value(p, type, f, value, values);
        GrantRole grant = type.grant();
        if (grant != null && name.equals(grant.newGrade())) {
          newGrade(p, type, f, value, values);
        }
      }
      for (Check check : type.checks()) {
        if (!check.field().equals(name)) {
          continue;
        }
        if (check instanceof Check.NotBefore c) {
          notBefore(p, type, c, values);
        } else if (check instanceof Check.NotBeforeTarget c) {
          notBeforeTarget(p, type, c, values, targets.get(c.target()));
        } else if (check instanceof Check.Unique c) {
          unique(i, p, type, c, values);
        } else if (check instanceof Check.Exclusive c) {
          exclusive(p, type, c, values);
        }
      }
    }

    /** The value of field {@code f}: at most one problem is reported. */
    void value(
        String p, FactTypeDecl type, FieldDecl f, Object value, Map<String, Object> values) {
      String name = f.name();
      String pointer = p + "/" + name;
      for (Check check : type.checks()) {
        if (check instanceof Check.OnlyWhen c
            && c.field().equals(name)
            && values.get(c.other()) != null
            && !c.values().contains(text(values.get(c.other())))) {
          String generated =
              name
                  + " is only allowed when "
                  + c.other()
                  + " is "
                  + orList(c.values())
                  + ", not "
                  + text(values.get(c.other()));
          add(pointer, plain(value), message(c.message(), generated, type, name, value, values));
          return;
        }
      }
      if (value instanceof Integer n) {
        if ((f.min() != null && n < f.min()) || (f.max() != null && n > f.max())) {
          add(pointer, n, message(f.message(), range(f), type, name, value, values));
          return;
        }
        FieldDecl.YearsFrom yearsFrom = f.yearsFrom();
        if (yearsFrom != null
            && values.get(yearsFrom.from()) instanceof LocalDate from
            && from.getYear() + (long) n > LAST_YEAR) {
          // the term's last day must be a date the contract can write
          String generated =
              name + " too large: " + yearsFrom.from() + " plus " + n + " years passes 9999-12-31";
          add(pointer, n, message(yearsFrom.message(), generated, type, name, value, values));
          return;
        }
        for (Check check : type.checks()) {
          if (check instanceof Check.YearOver c
              && c.field().equals(name)
              && values.get(c.on()) instanceof LocalDate on
              && n >= on.getYear()) {
            String generated =
                "a grade for year " + n + " cannot be published on " + on + ", before the year is over";
            add(pointer, n, message(c.message(), generated, type, name, value, values));
            return;
          }
        }
      }
      if (value instanceof String s) {
        List<String> oneOf = f.oneOf();
        if (oneOf.isEmpty() && type.grade() != null && name.equals(type.grade().level())) {
          oneOf = type.grade().levels();
        }
        if (!oneOf.isEmpty() && !oneOf.contains(s)) {
          String generated = name + " must be one of " + String.join(", ", oneOf);
          add(pointer, s, message(f.message(), generated, type, name, value, values));
          return;
        }
        if (f.pattern() != null
            && !PATTERNS.computeIfAbsent(f.pattern(), Pattern::compile).matcher(s).matches()) {
          String generated = name + " must match " + f.pattern();
          add(pointer, s, message(f.message(), generated, type, name, value, values));
        }
      }
    }

    static String range(FieldDecl f) {
      if (f.min() != null && f.max() != null) {
        return f.name() + " must be " + f.min() + "-" + f.max();
      }
      return f.min() != null
          ? f.name() + " must be " + f.min() + " or more"
          : f.name() + " must be " + f.max() + " or less";
    }

    /**
     * The {@code newGrade} of a grant: its target must be a grade, and the value one of its
     * scheme's levels, not one it may not give.
     */
    void newGrade(
        String p, FactTypeDecl type, FieldDecl f, Object value, Map<String, Object> values) {
      if (!(values.get(type.grant().target()) instanceof String id)) {
        return;
      }
      Fact target = known(id);
      FactTypeDecl targetType = target == null ? null : model.type(target.type());
      if (targetType == null) {
        return;
      }
      String name = f.name();
      String pointer = p + "/" + name;
      GradeScheme scheme = targetType.grade();
      String grade = text(value);
      if (scheme == null) {
        add(
            pointer,
            plain(value),
            name
                + " is only allowed when the target is a grade; "
                + target.id()
                + " is a "
                + targetType.name());
      } else if (!scheme.levels().contains(grade)) {
        add(
            pointer,
            plain(value),
            name
                + " must be a "
                + targetType.name()
                + " level: one of "
                + String.join(", ", scheme.levels()));
      } else if (scheme.notAsNewGrade().contains(grade)) {
        String generated = name + " must not be " + grade + " for a " + targetType.name();
        add(
            pointer,
            plain(value),
            message(scheme.notAsNewGradeMessage(), generated, type, name, value, values));
      }
    }

    /** A date field, when given, may not be before another of the same fact. */
    void notBefore(String p, FactTypeDecl type, Check.NotBefore c, Map<String, Object> values) {
      if (values.get(c.field()) instanceof LocalDate date
          && values.get(c.than()) instanceof LocalDate than
          && date.isBefore(than)) {
        String generated = c.field() + " " + date + " is before " + c.than() + " " + than;
        add(
            p + "/" + c.field(),
            date.toString(),
            message(c.message(), generated, type, c.field(), date, values));
      }
    }

    /** A date field may not be before the first day of the (valid, known) record it targets. */
    void notBeforeTarget(
        String p,
        FactTypeDecl type,
        Check.NotBeforeTarget c,
        Map<String, Object> values,
        Fact target) {
      if (target == null || !(values.get(c.field()) instanceof LocalDate date)) {
        return;
      }
      FactTypeDecl targetType = model.type(target.type());
      if (targetType != null
          && target.get(targetType.startField()) instanceof LocalDate start
          && date.isBefore(start)) {
        String generated =
            c.field()
                + " "
                + date
                + " is before "
                + targetType.startField()
                + " "
                + start
                + " of target "
                + target.id();
        add(
            p + "/" + c.field(),
            date.toString(),
            message(c.message(), generated, type, c.field(), date, values));
      }
    }

    /** No earlier fact of the type has the same values of the check's fields. */
    void unique(int i, String p, FactTypeDecl type, Check.Unique c, Map<String, Object> values) {
      Object value = values.get(c.field());
      if (value == null) {
        return;
      }
      StringBuilder key = new StringBuilder(type.name()).append('\0').append(c.field());
      StringBuilder which = new StringBuilder(c.field()).append(' ').append(text(value));
      for (String also : c.also()) {
        key.append('\0').append(also);
        which.append(" and ").append(also).append(' ').append(text(values.get(also)));
      }
      key.append('\0').append(text(value));
      for (String also : c.also()) {
        key.append('\0').append(text(values.get(also)));
      }
      Integer first = uniqueKeys.putIfAbsent(key.toString(), i);
      if (first == null) {
        return;
      }
      boolean gradeYear =
          type.grade() != null && c.field().equals(type.grade().year()) && c.also().isEmpty();
      String generated =
          "/facts/"
              + first
              + " is already a "
              + type.name()
              + " for "
              + which
              + (gradeYear
                  ? "; one grade per scheme and year"
                  : "; one " + type.name() + " per " + String.join(" and ", uniqueFields(c)));
      Map<String, Object> names = names(type, c.field(), value, values);
      names.put("first", first);
      add(
          p + "/" + c.field(),
          plain(value),
          c.message() == null ? generated : format(c.message(), names));
    }

    static List<String> uniqueFields(Check.Unique c) {
      List<String> fields = new ArrayList<>();
      fields.add(c.field());
      fields.addAll(c.also());
      return fields;
    }

    /** A boolean field may not be true while another is given. */
    void exclusive(String p, FactTypeDecl type, Check.Exclusive c, Map<String, Object> values) {
      Object value = values.get(c.field());
      if (Boolean.TRUE.equals(value) && values.get(c.with()) != null) {
        String generated =
            c.field()
                + " and "
                + c.with()
                + " exclude each other; give either "
                + c.field()
                + " or "
                + c.with();
        add(
            p + "/" + c.field(),
            value,
            message(c.message(), generated, type, c.field(), value, values));
      }
    }

    // ---------------------------------------------------------------- messages

    /** {@code declared} with its names filled in, or {@code generated} when none is declared. */
    static String message(
        String declared,
        String generated,
        FactTypeDecl type,
        String field,
        Object value,
        Map<String, Object> values) {
      return declared == null ? generated : format(declared, names(type, field, value, values));
    }

    static Map<String, Object> names(
        FactTypeDecl type, String field, Object value, Map<String, Object> values) {
      Map<String, Object> names = new HashMap<>(values);
      names.put("field", field);
      names.put("value", value);
      names.put("type", type.name());
      return names;
    }
  }

  /** {@code template} with each {@code {name}} replaced by its value in {@code names}. */
  static String format(String template, Map<String, Object> names) {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      int close = open < 0 ? -1 : template.indexOf('}', open + 1);
      if (close < 0) {
        break;
      }
      String name = template.substring(open + 1, close);
      out.append(template, at, open);
      if (names.containsKey(name)) {
        out.append(text(names.get(name)));
      } else {
        out.append(template, open, close + 1);
      }
      at = close + 1;
    }
    return out.append(template, at, template.length()).toString();
  }

  /** A value in a reason: a list as its items joined by ", ", anything else as its string. */
  static String text(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(String.valueOf(item));
      }
      return String.join(", ", items);
    }
    return String.valueOf(value);
  }

  /** A value as an error reports it: a date as its ISO text, anything else as it is. */
  static Object plain(Object value) {
    return value instanceof LocalDate date ? date.toString() : value;
  }

  /** "A", "A or B", "A, B or C". */
  static String orList(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }

  /** "an ENV_GRADE", "a TAX_GRADE", "one of A, B". */
  static String anyOf(List<String> types) {
    if (types.size() == 1) {
      String t = types.get(0);
      return ("AEIOU".indexOf(t.isEmpty() ? 'X' : Character.toUpperCase(t.charAt(0))) >= 0
              ? "an "
              : "a ")
          + t;
    }
    return "one of " + String.join(", ", types);
  }
}
