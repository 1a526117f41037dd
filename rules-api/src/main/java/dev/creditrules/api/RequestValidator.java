package dev.creditrules.api;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.Condition;
import dev.creditrules.api.model.DisputeRole;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 *   <li>for a fact that could not be parsed ({@link FactSlot#partial(String, String, String)}):
 *       only its reference, as below; nothing else of it is known;
 *   <li>for a fact built in Java: each value against its declaration (a value of the wrong Java
 *       type or an unknown code, in field order, then fields the type does not have, then missing
 *       required fields), with the reasons the JSON reader gives for the same problem where there
 *       is one; a fact read from JSON never has these, and a value that does not fit is left out of
 *       the checks below;
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
 * <p>No follow-on errors (packs-v1 s.10): a check that depends on a field which is itself missing
 * or invalid is skipped. A field is invalid when its own value has a problem (of the wrong kind,
 * out of range, not one of its allowed values or levels, not matching its pattern); a fact whose
 * type is missing or not declared is known by its id only. So a reference naming a fact of unknown
 * type, or a repairable-only reference naming a fact whose deciding value ({@link
 * dev.creditrules.api.model.Repairable#field()}, a grade's level) is missing or invalid, gets no
 * error and is not compared with the named fact's start; a grant's new grade against a grade whose
 * level is missing or invalid gets none; and a field allowed only with given values of another
 * ({@link Check.OnlyWhen}) gets no error at all while that other field is invalid (whether it is
 * allowed, and so what else is wrong with it, is not known). Problems of the named fact that the
 * check does not read (another field's contradiction, a type not allowed for the subject) do not
 * stop it.
 *
 * <p>A declared message replaces the generated reason. In it, {@code {name}} stands for the value
 * of the fact's field {@code name} (declared or common: {@code {id}}, {@code {authority}}, ...),
 * and {@code {field}} for the field checked, {@code {value}} for its value, {@code {type}} for the
 * fact's type; in a reference's message {@code {target}} is the id it names and {@code {what}} the
 * named fact's type (followed by its level for a grade); in a {@link Check.Unique} message {@code
 * {first}} is the index of the earlier fact. A name that stands for nothing is left as written.
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
   * @param invalid the optional fields given with a value the reader reported as invalid (left out
   *     of the fact): given, so no follow-on "required" is reported for them
   */
  public record FactSlot(
      @Nullable Fact fact,
      @Nullable String id,
      @Nullable String type,
      @Nullable String target,
      Set<String> invalid) {
    /** Takes id and type from {@code fact} when it is given. */
    public FactSlot {
      if (fact != null) {
        id = fact.id();
        type = fact.type();
        target = null;
      }
      invalid = invalid == null ? Set.of() : Set.copyOf(invalid);
    }

    /** A slot without fields given with an invalid value. */
    public FactSlot(
        @Nullable Fact fact, @Nullable String id, @Nullable String type, @Nullable String target) {
      this(fact, id, type, target, Set.of());
    }

    /** A fully parsed fact. */
    public static FactSlot of(Fact fact) {
      return new FactSlot(Objects.requireNonNull(fact, "fact"), null, null, null);
    }

    /** A fact that could not be parsed, with what is known of it. */
    public static FactSlot partial(@Nullable String id, @Nullable String type) {
      return new FactSlot(null, id, type, null);
    }

    /** A fact with a target that could not be parsed, with what is known of it. */
    public static FactSlot partial(
        @Nullable String id, @Nullable String type, @Nullable String target) {
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
      @Nullable LocalDate asOf,
      @Nullable String subjectId,
      @Nullable SubjectType subjectType,
      @Nullable List<Area> areas,
      @Nullable List<FactSlot> facts,
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
   * fact of a type that declares {@link dev.creditrules.api.model.Repairable} (for all its facts or
   * for the declared values). False for a type {@code model} does not declare.
   */
  public static boolean isRepairable(Fact fact, FactModel model) {
    FactTypeDecl type = model.type(fact.type());
    return type != null && type.isRepairable(fact);
  }

  /** The pointers of the first facts, made once: every fact's checks need one, errors or not. */
  private static final String[] FACT_POINTERS = new String[256];

  static {
    for (int i = 0; i < FACT_POINTERS.length; i++) {
      FACT_POINTERS[i] = "/facts/" + i;
    }
  }

  /** {@code /facts/<i>}, the pointer of the fact at index {@code i}. */
  private static String factPointer(int i) {
    return i < FACT_POINTERS.length ? FACT_POINTERS[i] : "/facts/" + i;
  }

  /** The last year a date of the contract can have (dates are written yyyy-MM-dd). */
  private static final int LAST_YEAR = 9999;

  /** The plans of the model used last (a model is immutable; most processes use one). */
  private static volatile @Nullable Plans lastPlans;

  static Plans plans(FactModel model) {
    Plans plans = lastPlans;
    if (plans == null || plans.model != model) {
      plans = new Plans(model);
      lastPlans = plans;
    }
    return plans;
  }

  /** One validation run. */
  private static final class Checker {
    final @Nullable LocalDate asOf;
    final @Nullable SubjectType subjectType;
    final List<FactSlot> facts;
    final FactModel model;
    final Plans plans;
    final List<RequestError> errors = new ArrayList<>();

    /** The index of the first fact with each id. */
    final Map<String, Integer> firstIndex = new HashMap<>();

    /** The index of the first fact of each {@link Check.Unique} key. */
    final Map<List<Object>, Integer> uniqueKeys = new HashMap<>();

    /** The values of the fact being checked (one fact at a time). */
    final Row row;

    Checker(
        @Nullable LocalDate asOf,
        @Nullable SubjectType subjectType,
        List<FactSlot> facts,
        FactModel model) {
      this.asOf = asOf;
      this.subjectType = subjectType;
      this.facts = facts;
      this.model = model;
      this.plans = plans(model);
      this.row = new Row(plans.width, this);
      for (int i = 0; i < facts.size(); i++) {
        FactSlot slot = facts.get(i);
        if (slot != null && slot.id() != null) {
          firstIndex.putIfAbsent(slot.id(), i);
        }
        Fact fact = slot == null ? null : slot.fact();
        FactTypeDecl type = fact == null ? null : model.type(fact.type());
        if (fact != null
            && type != null
            && type.dispute() != null
            && type.dispute().replacement() != null) {
          Object target = fact.get(type.dispute().target());
          Object replacement = fact.get(type.dispute().replacement());
          if (target != null && replacement != null) {
            replacing.add(target + "\u0000" + replacement);
            replacing.add(replacement + "\u0000" + target);
          }
        }
      }
    }

    /** The pairs (target, replacement) of the disputes, both ways: exempt from uniqueness. */
    final Set<String> replacing = new java.util.HashSet<>();

    /** Each fact named as a replacement, to the first dispute naming it. */
    final Map<String, Integer> replacementOf = new HashMap<>();

    /**
     * The replacement of a dispute (commitments-objections.md B1 item 9): not the target itself, of
     * the target's type, and named by no earlier dispute.
     */
    void dispute(int i, String p, Row row, DisputeRole role) {
      if (role.replacement() == null
          || !(row.get(row.plan.indexOf(role.replacement())) instanceof String replacement)) {
        return;
      }
      String name = role.replacement();
      Integer earlier = replacementOf.putIfAbsent(replacement, i);
      Object target = row.get(row.plan.indexOf(role.target()));
      Fact named = known(replacement);
      Fact disputed = target instanceof String t ? known(t) : null;
      if (replacement.equals(target)) {
        add(
            p + "/" + name,
            replacement,
            name + " " + replacement + " is the disputed record itself");
      } else if (named != null && disputed != null && !named.type().equals(disputed.type())) {
        add(
            p + "/" + name,
            replacement,
            name
                + " "
                + replacement
                + " is a "
                + named.type()
                + "; it must be a "
                + disputed.type()
                + " like the disputed record "
                + target);
      } else if (earlier != null) {
        add(
            p + "/" + name,
            replacement,
            name + " " + replacement + " is already the " + name + " of /facts/" + earlier);
      }
    }

    void add(String pointer, @Nullable Object value, String reason) {
      errors.add(new RequestError(pointer, value, reason));
    }

    // ---------------------------------------------------------------- subject and areas

    void checkSubject(@Nullable String rawId) {
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
        // an id of the resident-number shape is a resident number, whatever else it might be
        // (packs-v1 s.10): its problems are the id's; the type is at fault only for a valid credit
        // code of another shape
        if (!residentShape(id) && SubjectIds.creditCodeProblem(id).isEmpty()) {
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

    void checkAreas(@Nullable List<Area> areas) {
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
      String p = factPointer(i);
      String slotId = slot.id();
      if (slotId != null) {
        // the constructor filed the index of every slot with an id
        int first = Objects.requireNonNull(firstIndex.get(slotId));
        if (first != i) {
          add(
              p + "/id",
              slot.id(),
              "fact id "
                  + slot.id()
                  + " is already used by /facts/"
                  + first
                  + "; ids must be unique");
        }
      }
      Fact fact = slot.fact();
      TypePlan plan = plans.of(slot.type());
      if (plan == null) {
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
      FactTypeDecl type = plan.type;
      if (subjectType != null && !plan.subjects.contains(subjectType)) {
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
        if (slot.target() != null && plan.partialReference >= 0) {
          // another field is missing or invalid: the target is still checked (every problem found)
          reference(p, row.reset(plan, slot.id()), plan.partialReference, slot.target());
        }
        return;
      }
      fill(p, plan, fact);
      row.fact = fact;
      row.index = i;
      row.invalid = slot.invalid();
      Fact[] targets = null;
      for (int r = 0; r < plan.references.length; r++) {
        if (row.values[plan.references[r]] instanceof String id) {
          Fact target = reference(p, row, plan.references[r], id);
          if (target != null) {
            if (targets == null) {
              targets = new Fact[plan.references.length];
            }
            targets[r] = target;
          }
        }
      }
      for (FieldPlan f : plan.fields) {
        field(i, p, row, f, targets);
      }
      if (type.dispute() != null) {
        dispute(i, p, row, type.dispute());
      }
    }

    // ---------------------------------------------------------------- values of a Java fact

    /**
     * Fills {@link #row} with the fact's values by field index, with defaults: each value of the
     * wrong kind is reported (it can only come from Java: the JSON reader rejects it first) and
     * left out, as is every field the type does not have.
     */
    void fill(String p, TypePlan plan, Fact fact) {
      Map<String, Object> given = fact.values();
      Object[] values = row.reset(plan, fact.id()).values;
      int known = 0;
      for (int k = 0; k < plan.names.length; k++) {
        Object value = given.get(plan.names[k]);
        if (value != null) {
          known++;
          if (plan.fits(k, value)) {
            values[k] = value;
          } else {
            misfit(p + "/" + plan.names[k], plan, k, value);
          }
        }
      }
      if (known < given.size()) {
        for (Map.Entry<String, Object> e : given.entrySet()) {
          if (!plan.index.containsKey(e.getKey())) {
            add(p + "/" + e.getKey(), plain(e.getValue()), "unknown field");
          }
        }
      }
      for (int k : plan.required) {
        if (values[k] == null && !given.containsKey(plan.names[k])) {
          add(p + "/" + plan.names[k], null, plan.names[k] + " is required");
        }
      }
      for (int k : plan.defaulted) {
        if (values[k] == null) {
          values[k] = plan.decls[k].defaultValue();
        }
      }
    }

    /** Reports a value that does not fit its field, as the JSON reader words the same problem. */
    void misfit(String pointer, TypePlan plan, int k, Object value) {
      FieldDecl f = plan.decls[k];
      String name = plan.names[k];
      if (f == null) {
        // authority, documentNo
        add(pointer, plain(value), name + " must be a string");
        return;
      }
      switch (f.kind()) {
        case DATE -> add(pointer, plain(value), name + " must be a date (LocalDate)");
        case INTEGER -> add(pointer, plain(value), name + " must be an integer (Integer)");
        case DECIMAL -> add(pointer, plain(value), name + " must be a number (BigDecimal)");
        case BOOLEAN -> add(pointer, plain(value), name + " must be true or false");
        case TEXT, REFERENCE -> add(pointer, plain(value), name + " must be a string");
        case ENUMERATION -> badCode(pointer, f, value);
        case ENUMERATION_LIST -> {
          if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
              if (!(list.get(i) instanceof String s && f.values().contains(s))) {
                badCode(pointer + "/" + i, f, list.get(i));
              }
            }
          } else {
            add(pointer, plain(value), name + " must be an array");
          }
        }
      }
    }

    /** Reports a code not in an enumeration, with the JSON reader's reason. */
    void badCode(String pointer, FieldDecl f, Object value) {
      String prefix =
          value instanceof String s
              ? "unknown " + f.what() + " " + s
              : f.what() + " must be a string";
      add(pointer, plain(value), prefix + "; expected one of " + String.join(", ", f.values()));
    }

    // ---------------------------------------------------------------- references

    /**
     * Checks reference field {@code k} naming {@code id}; returns the named fact when the reference
     * is valid and the fact fully known (so its start can be compared), otherwise {@code null}.
     */
    @Nullable Fact reference(String p, Row row, int k, String id) {
      Fact named = namedFact(p, row, k, id);
      // a named fact was found through firstIndex, so id has an index there
      if (named != null
          && id.equals(row.id)
          && Objects.requireNonNull(firstIndex.get(id)) == row.index) {
        // a fact that would be a valid target of its own reference (a repairable record naming
        // itself): only after the v1 checks, so their errors keep their words
        FieldDecl f = row.plan.decls[k];
        add(p + "/" + f.name(), id, f.name() + " " + id + " names this fact itself");
        return null;
      }
      return named;
    }

    /** The fact a reference names, or null after reporting why it may not name it. */
    @Nullable Fact namedFact(String p, Row row, int k, String id) {
      FieldDecl f = row.plan.decls[k];
      Integer index = firstIndex.get(id);
      if (index == null) {
        add(p + "/" + f.name(), id, f.name() + " " + id + " names no fact in the request");
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
        if (namedType != null
            && !reference.anyType()
            && !reference.types().contains(namedType.name())) {
          String generated =
              f.name()
                  + " "
                  + id
                  + " is a "
                  + namedType.name()
                  + "; it must be "
                  + anyOf(reference.types());
          add(
              p + "/" + f.name(),
              id,
              referenceMessage(reference, generated, row, f, id, what(namedType, named)));
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
          add(p + "/" + f.name(), id, notRepairable(reference, row, f, id, namedType.name()));
        }
        return null;
      }
      if (namedType.repairable() != null
          && namedType.repairable().field() != null
          && unsettled(namedType, named, namedType.repairable().field())) {
        // the value that decides whether it is repairable is itself missing or invalid: reported
        // where it stands, no follow-on error here
        return null;
      }
      if (!namedType.isRepairable(named)) {
        add(p + "/" + f.name(), id, notRepairable(reference, row, f, id, what(namedType, named)));
        return null;
      }
      return named;
    }

    /** How a named fact is called: its type, and for a grade its level. */
    static String what(FactTypeDecl type, @Nullable Fact fact) {
      if (fact != null && type.grade() != null) {
        return type.name() + " " + text(fact.get(type.grade().level()));
      }
      return type.name();
    }

    String notRepairable(
        FieldDecl.Reference reference, Row row, FieldDecl f, String id, String what) {
      String generated =
          f.name()
              + " "
              + id
              + " is a "
              + what
              + ", not a repairable record ("
              + repairableKinds()
              + ")";
      return referenceMessage(reference, generated, row, f, id, what);
    }

    static String referenceMessage(
        FieldDecl.Reference reference,
        String generated,
        Row row,
        FieldDecl f,
        String id,
        String what) {
      if (reference.message() == null) {
        return generated;
      }
      Map<String, Object> names = row.names(f.name(), id);
      names.put("target", id);
      names.put("what", what);
      return format(reference.message(), names);
    }

    /** The repairable records of the model in words: "a penalty, listing, ... or defaulter". */
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
    @Nullable Fact known(String id) {
      Integer index = firstIndex.get(id);
      return index == null ? null : facts.get(index).fact();
    }

    // ---------------------------------------------------------------- fields

    /** The checks of one field: its value, then its relations to other fields and facts. */
    void field(int i, String p, Row row, FieldPlan f, Fact @Nullable [] targets) {
      Object value = row.values[f.index];
      if (value != null) {
        value(p, row, f, value);
        if (f.grantTarget >= 0) {
          newGrade(p, row, f, value);
        }
      }
      for (Relation r : f.relations) {
        Check check = r.check;
        if (check instanceof Check.NotBefore c) {
          notBefore(p, row, r, c);
        } else if (check instanceof Check.NotBeforeTarget c) {
          notBeforeTarget(p, row, r, c, targets == null || r.other < 0 ? null : targets[r.other]);
        } else if (check instanceof Check.Unique c) {
          unique(i, p, row, r, c);
        } else if (check instanceof Check.Exclusive c) {
          exclusive(p, row, r, c);
        } else if (check instanceof Check.Forbid c) {
          if (value != null && row.given(c.field()) && c.when().test(row.view)) {
            String generated = c.field() + " is not allowed on this " + row.plan.type.name();
            add(
                p + "/" + c.field(),
                plain(value),
                row.message(c.message(), generated, c.field(), value));
          }
        } else if (check instanceof Check.Require c) {
          if (new Condition.Given(c.field(), false).test(row.view) && c.when().test(row.view)) {
            String generated = c.field() + " is required on this " + row.plan.type.name();
            add(
                p + "/" + c.field(),
                plain(value),
                row.message(c.message(), generated, c.field(), value));
          }
        } else if (check instanceof Check.NotAfterTerm c) {
          notAfterTerm(p, row, c, value);
        } else if (check instanceof Check.SameAsTarget c) {
          sameAsTarget(p, row, c, value);
        }
      }
    }

    /** {@link Check.NotAfterTerm}: the date may not pass L(start, 12·years). */
    void notAfterTerm(String p, Row row, Check.NotAfterTerm c, Object value) {
      if (!(value instanceof LocalDate end)) {
        return;
      }
      LocalDate start = null;
      for (String s : c.start()) {
        if (start == null && row.get(row.plan.indexOf(s)) instanceof LocalDate d) {
          start = d;
        }
      }
      if (start == null || !(row.get(row.plan.indexOf(c.years())) instanceof Integer years)) {
        return;
      }
      // L(start, 12·years) of packs-v1 s.0: the same day of the month, years later (clamped)
      LocalDate last = start.plusMonths(12L * years);
      if (end.isAfter(last)) {
        String generated =
            c.field()
                + " "
                + end
                + " is after "
                + last
                + ", the last day of the "
                + years
                + "-year term from "
                + start;
        add(p + "/" + c.field(), end, row.message(c.message(), generated, c.field(), value));
      }
    }

    /**
     * {@link Check.SameAsTarget}: the named fact's {@code that} equals this fact's {@code self}.
     */
    void sameAsTarget(String p, Row row, Check.SameAsTarget c, Object value) {
      if (!(value instanceof String id)) {
        return;
      }
      Fact named = known(id);
      Object mine = row.get(row.plan.indexOf(c.self()));
      if (named == null || mine == null) {
        return;
      }
      Object theirs = named.get(c.that());
      if (theirs != null && !Objects.equals(text(theirs), text(mine))) {
        String generated =
            c.field()
                + " "
                + id
                + " has "
                + c.that()
                + " "
                + text(theirs)
                + ", not "
                + text(mine)
                + " as this fact's "
                + c.self();
        add(p + "/" + c.field(), id, row.message(c.message(), generated, c.field(), value));
      }
    }

    /** The value of a field: at most one problem is reported. */
    void value(String p, Row row, FieldPlan f, Object value) {
      String name = f.name;
      for (int w = 0; w < f.onlyWhen.length; w++) {
        Check.OnlyWhen c = f.onlyWhen[w];
        Object other = row.get(f.onlyWhenOther[w]);
        if (other != null && ownProblem(row.plan, f.onlyWhenOther[w], other)) {
          // whether this field is allowed at all depends on a value that is itself invalid: no
          // follow-on error of any kind for it
          return;
        }
        if (other != null && !c.values().contains(text(other))) {
          String generated =
              name
                  + " is only allowed when "
                  + c.other()
                  + " is "
                  + orList(c.values())
                  + ", not "
                  + text(other);
          add(p + "/" + name, plain(value), row.message(c.message(), generated, name, value));
          return;
        }
      }
      FieldDecl decl = f.decl;
      if (value instanceof Integer n) {
        if ((decl.min() != null && n < decl.min()) || (decl.max() != null && n > decl.max())) {
          add(p + "/" + name, n, row.message(decl.message(), range(decl), name, value));
          return;
        }
        if (decl.yearsFrom() != null
            && row.get(f.yearsFrom) instanceof LocalDate from
            && from.getYear() + (long) n > LAST_YEAR) {
          // the term's last day must be a date the contract can write
          String generated =
              name
                  + " too large: "
                  + decl.yearsFrom().from()
                  + " plus "
                  + n
                  + " years passes 9999-12-31";
          add(p + "/" + name, n, row.message(decl.yearsFrom().message(), generated, name, value));
          return;
        }
        for (int y = 0; y < f.yearOver.length; y++) {
          if (row.get(f.yearOverOn[y]) instanceof LocalDate on && n >= on.getYear()) {
            String generated =
                "a grade for year "
                    + n
                    + " cannot be published on "
                    + on
                    + ", before the year is over";
            add(p + "/" + name, n, row.message(f.yearOver[y].message(), generated, name, value));
            return;
          }
        }
      }
      if (value instanceof String s) {
        if (FieldDecl.CREDIT_CODE.equals(decl.format())) {
          Optional<String> problem = SubjectIds.creditCodeProblem(SubjectIds.normalize(s));
          if (problem.isPresent()) {
            add(p + "/" + name, s, row.message(decl.message(), problem.get(), name, value));
            return;
          }
        }
        if (!f.oneOf.isEmpty() && !f.oneOfSet.contains(s)) {
          String generated = name + " must be one of " + String.join(", ", f.oneOf);
          add(p + "/" + name, s, row.message(decl.message(), generated, name, value));
          return;
        }
        if (f.pattern != null && !f.pattern.matcher(s).matches()) {
          String generated = name + " must match " + decl.pattern();
          add(p + "/" + name, s, row.message(decl.message(), generated, name, value));
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
    void newGrade(String p, Row row, FieldPlan f, Object value) {
      if (!(row.get(f.grantTarget) instanceof String id)) {
        return;
      }
      Fact target = known(id);
      if (target == null) {
        return;
      }
      FactTypeDecl targetType = model.type(target.type());
      if (targetType == null) {
        return;
      }
      String name = f.name;
      GradeScheme scheme = targetType.grade();
      if (scheme != null && unsettled(targetType, target, scheme.level())) {
        // a grade whose level is missing or invalid: reported where it stands, no follow-on error
        return;
      }
      String grade = text(value);
      if (scheme == null) {
        add(
            p + "/" + name,
            plain(value),
            name
                + " is only allowed when the target is a grade; "
                + target.id()
                + " is a "
                + targetType.name());
      } else if (!scheme.levels().contains(grade)) {
        add(
            p + "/" + name,
            plain(value),
            name
                + " must be a "
                + targetType.name()
                + " level: one of "
                + String.join(", ", scheme.levels()));
      } else if (scheme.notAsNewGrade().contains(grade)) {
        String generated = name + " must not be " + grade + " for a " + targetType.name();
        add(
            p + "/" + name,
            plain(value),
            row.message(scheme.notAsNewGradeMessage(), generated, name, value));
      }
    }

    /**
     * True when field {@code name} of {@code fact} (of {@code type}) is missing or its value has a
     * problem of its own ({@link #ownProblem}).
     */
    boolean unsettled(FactTypeDecl type, Fact fact, String name) {
      TypePlan plan = plans.of(type.name());
      int k = plan == null ? -1 : plan.indexOf(name);
      Object value = fact.get(name);
      return value == null || (plan != null && k >= 0 && ownProblem(plan, k, value));
    }

    /** A date field, when given, may not be before another of the same fact. */
    void notBefore(String p, Row row, Relation r, Check.NotBefore c) {
      if (row.get(r.field) instanceof LocalDate date
          && row.get(r.other) instanceof LocalDate than
          && date.isBefore(than)) {
        String generated = c.field() + " " + date + " is before " + c.than() + " " + than;
        add(
            p + "/" + c.field(),
            date.toString(),
            row.message(c.message(), generated, c.field(), date));
      }
    }

    /** A date field may not be before the first day of the (valid, known) record it targets. */
    void notBeforeTarget(
        String p, Row row, Relation r, Check.NotBeforeTarget c, @Nullable Fact target) {
      if (target == null || !(row.get(r.field) instanceof LocalDate date)) {
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
            row.message(c.message(), generated, c.field(), date));
      }
    }

    /** No earlier fact of the type has the same values of the check's fields. */
    void unique(int i, String p, Row row, Relation r, Check.Unique c) {
      Object value = row.get(r.field);
      if (value == null) {
        return;
      }
      // the key: the check itself (a type may declare several), then the values
      Object[] key = new Object[2 + r.also.length];
      key[0] = r;
      key[1] = value;
      for (int a = 0; a < r.also.length; a++) {
        key[2 + a] = row.get(r.also[a]);
      }
      Integer first = uniqueKeys.putIfAbsent(Arrays.asList(key), i);
      if (first == null) {
        return;
      }
      FactSlot firstSlot = facts.get(first);
      if (row.id != null
          && firstSlot.id() != null
          && replacing.contains(firstSlot.id() + "\u0000" + row.id)) {
        // a disputed record and its replacement never take part together (B1)
        return;
      }
      FactTypeDecl type = row.plan.type;
      StringBuilder which = new StringBuilder(c.field()).append(' ').append(text(value));
      List<String> fields = new ArrayList<>(List.of(c.field()));
      for (int a = 0; a < r.also.length; a++) {
        String also = c.also().get(a);
        which.append(" and ").append(also).append(' ').append(text(key[2 + a]));
        fields.add(also);
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
                  : "; one " + type.name() + " per " + String.join(" and ", fields));
      String reason = generated;
      if (c.message() != null) {
        Map<String, Object> names = row.names(c.field(), value);
        names.put("first", first);
        reason = format(c.message(), names);
      }
      add(p + "/" + c.field(), plain(value), reason);
    }

    /** A boolean field may not be true while another is given. */
    void exclusive(String p, Row row, Relation r, Check.Exclusive c) {
      Object value = row.get(r.field);
      if (Boolean.TRUE.equals(value) && row.get(r.other) != null) {
        String generated =
            c.field()
                + " and "
                + c.with()
                + " exclude each other; give either "
                + c.field()
                + " or "
                + c.with();
        add(p + "/" + c.field(), value, row.message(c.message(), generated, c.field(), value));
      }
    }
  }

  // ---------------------------------------------------------------- plans

  /** A fact's values by field index ({@link TypePlan#names}), ready to check; reused per fact. */
  static final class Row {
    // set by reset(plan, id), the only way a checker reaches its row
    @SuppressWarnings("NullAway.Init")
    TypePlan plan;

    @Nullable String id;

    /** The index of the fact in the request ({@code /facts/i}), or -1. */
    int index = -1;

    @Nullable Fact fact;
    final @Nullable Object[] values;

    /** The fields of the fact given with an invalid value (reported by the reader). */
    Set<String> invalid = Set.of();

    /**
     * True when the fact gave field {@code name}, even with a value found invalid (reported where
     * it stands, with no follow-on "required"); a default does not count.
     */
    boolean given(String name) {
      return fact != null && (fact.values().containsKey(name) || invalid.contains(name));
    }

    /** The row as a declared {@link Condition} reads it (its checker names referenced facts). */
    final Condition.Values view =
        new Condition.Values() {
          @Override
          public @Nullable Object value(String name) {
            return get(plan.indexOf(name));
          }

          @Override
          public boolean given(String name) {
            return Row.this.given(name);
          }

          @Override
          public @Nullable String typeOf(String name) {
            Object id = get(plan.indexOf(name));
            Fact named = id instanceof String s ? checker.known(s) : null;
            return named == null ? null : named.type();
          }
        };

    /** The validation run this row belongs to. */
    final Checker checker;

    Row(int width, Checker checker) {
      values = new Object[width];
      this.checker = checker;
    }

    /** This row, emptied for a fact of type {@code plan}. */
    Row reset(TypePlan plan, @Nullable String id) {
      this.plan = plan;
      this.id = id;
      this.fact = null;
      this.index = -1;
      this.invalid = Set.of();
      Arrays.fill(values, null);
      return this;
    }

    /** The value at index {@code k}, {@code null} for -1 (a name the type does not have). */
    @Nullable Object get(int k) {
      return k < 0 ? null : values[k];
    }

    /** {@code declared} with its names filled in, or {@code generated} when none is declared. */
    String message(
        @Nullable String declared, String generated, String field, @Nullable Object value) {
      return declared == null ? generated : format(declared, names(field, value));
    }

    /** The names a declared message may use: the fact's fields, id and type, field and value. */
    Map<String, Object> names(String field, @Nullable Object value) {
      Map<String, Object> names = new HashMap<>();
      if (id != null) {
        names.put("id", id);
      }
      for (int k = 0; k < plan.names.length; k++) {
        if (values[k] != null) {
          names.put(plan.names[k], values[k]);
        }
      }
      names.put("field", field);
      names.put("value", value);
      names.put("type", plan.type.name());
      return names;
    }
  }

  /**
   * What the checks of a model need, worked out once per model: per type, its fields by index, its
   * required, defaulted and reference fields, and per field the checks in the order they run.
   */
  static final class Plans {
    final FactModel model;
    final Map<String, TypePlan> types = new HashMap<>();

    /** The most fields a type has, common ones included. */
    final int width;

    Plans(FactModel model) {
      this.model = model;
      int width = 0;
      for (FactTypeDecl t : model.types()) {
        TypePlan plan = new TypePlan(t);
        types.put(t.name(), plan);
        width = Math.max(width, plan.names.length);
      }
      this.width = width;
    }

    /** The plan of type {@code name}; {@code null} when it is {@code null} or not declared. */
    @Nullable TypePlan of(@Nullable String name) {
      return name == null ? null : types.get(name);
    }
  }

  /** The checks of one fact type. */
  static final class TypePlan {
    final FactTypeDecl type;
    final Set<SubjectType> subjects;

    /** The declared fields, then {@code authority} and {@code documentNo}. */
    final String[] names;

    /** The declaration of each of {@link #names}; {@code null} for the common fields. */
    final FieldDecl[] decls;

    /** The codes of each enumeration field of {@link #names}; otherwise {@code null}. */
    final Set<String>[] codes;

    final Map<String, Integer> index = new HashMap<>();
    final int[] required;
    final int[] defaulted;

    /** The reference fields, in field order. */
    final int[] references;

    /** The reference field a partial slot's {@code target} belongs to, or -1. */
    final int partialReference;

    final FieldPlan[] fields;

    TypePlan(FactTypeDecl type) {
      this.type = type;
      this.subjects =
          type.subjects().isEmpty()
              ? EnumSet.noneOf(SubjectType.class)
              : EnumSet.copyOf(type.subjects());
      List<FieldDecl> declared = type.fields();
      int n = declared.size();
      names = new String[n + 2];
      decls = new FieldDecl[n + 2];
      @SuppressWarnings("unchecked")
      Set<String>[] codes = new Set[n + 2];
      this.codes = codes;
      List<Integer> required = new ArrayList<>();
      List<Integer> defaulted = new ArrayList<>();
      List<Integer> references = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        FieldDecl f = declared.get(k);
        names[k] = f.name();
        decls[k] = f;
        if (f.kind() == FieldKind.ENUMERATION || f.kind() == FieldKind.ENUMERATION_LIST) {
          codes[k] = Set.copyOf(f.values());
        }
        index.put(f.name(), k);
        if (f.presence() == Presence.REQUIRED) {
          required.add(k);
        } else if (f.presence() == Presence.DEFAULTED) {
          defaulted.add(k);
        }
        if (f.kind() == FieldKind.REFERENCE) {
          references.add(k);
        }
      }
      names[n] = "authority";
      names[n + 1] = "documentNo";
      index.put(names[n], n);
      index.put(names[n + 1], n + 1);
      this.required = ints(required);
      this.defaulted = ints(defaulted);
      this.references = ints(references);
      GrantRole grant = type.grant();
      this.partialReference =
          grant != null ? indexOf(grant.target()) : references.isEmpty() ? -1 : references.get(0);
      this.fields = new FieldPlan[n];
      for (int k = 0; k < n; k++) {
        fields[k] = new FieldPlan(this, k);
      }
    }

    /** The index of field {@code name}, or -1. */
    int indexOf(String name) {
      Integer k = name == null ? null : index.get(name);
      return k == null ? -1 : k;
    }

    /** True when {@code value} is of the Java type (and, for codes, a code) of field {@code k}. */
    boolean fits(int k, Object value) {
      FieldDecl f = decls[k];
      if (f == null) {
        return value instanceof String;
      }
      return switch (f.kind()) {
        case DATE -> value instanceof LocalDate;
        case INTEGER -> value instanceof Integer;
        case DECIMAL -> value instanceof BigDecimal;
        case BOOLEAN -> value instanceof Boolean;
        case TEXT, REFERENCE -> value instanceof String;
        case ENUMERATION -> value instanceof String s && codes[k].contains(s);
        case ENUMERATION_LIST -> value instanceof List<?> list && allCodes(codes[k], list);
      };
    }

    static int[] ints(List<Integer> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    }
  }

  /** The checks of one field, in the order they run. */
  static final class FieldPlan {
    final int index;
    final String name;
    final FieldDecl decl;
    final Check.OnlyWhen[] onlyWhen;

    /** The index of each {@link #onlyWhen}'s other field. */
    final int[] onlyWhenOther;

    final Check.YearOver[] yearOver;

    /** The index of each {@link #yearOver}'s date field. */
    final int[] yearOverOn;

    /** The index of the {@link FieldDecl#yearsFrom()} date field, or -1. */
    final int yearsFrom;

    /** The allowed values: {@link FieldDecl#oneOf()}, or a grade scheme's levels, in order. */
    final List<String> oneOf;

    final Set<String> oneOfSet;
    final @Nullable Pattern pattern;

    /** For the {@code newGrade} field of a grant type: the index of its target field; else -1. */
    final int grantTarget;

    /** The checks relating it to other fields and facts, in declaration order. */
    final Relation[] relations;

    FieldPlan(TypePlan plan, int index) {
      FactTypeDecl type = plan.type;
      this.index = index;
      this.decl = plan.decls[index];
      this.name = decl.name();
      List<Check.OnlyWhen> onlyWhen = new ArrayList<>();
      List<Check.YearOver> yearOver = new ArrayList<>();
      List<Relation> relations = new ArrayList<>();
      for (Check check : type.checks()) {
        if (!check.field().equals(name)) {
          continue;
        }
        if (check instanceof Check.OnlyWhen c) {
          onlyWhen.add(c);
        } else if (check instanceof Check.YearOver c) {
          yearOver.add(c);
        } else {
          relations.add(new Relation(plan, index, check));
        }
      }
      this.onlyWhen = onlyWhen.toArray(new Check.OnlyWhen[0]);
      this.onlyWhenOther = new int[this.onlyWhen.length];
      for (int w = 0; w < this.onlyWhen.length; w++) {
        onlyWhenOther[w] = plan.indexOf(this.onlyWhen[w].other());
      }
      this.yearOver = yearOver.toArray(new Check.YearOver[0]);
      this.yearOverOn = new int[this.yearOver.length];
      for (int y = 0; y < this.yearOver.length; y++) {
        yearOverOn[y] = plan.indexOf(this.yearOver[y].on());
      }
      this.yearsFrom = decl.yearsFrom() == null ? -1 : plan.indexOf(decl.yearsFrom().from());
      this.relations = relations.toArray(new Relation[0]);
      this.oneOf =
          decl.oneOf().isEmpty() && type.grade() != null && name.equals(type.grade().level())
              ? type.grade().levels()
              : decl.oneOf();
      this.oneOfSet = Set.copyOf(oneOf);
      this.pattern = decl.pattern() == null ? null : Pattern.compile(decl.pattern());
      this.grantTarget =
          type.grant() != null && name.equals(type.grant().newGrade())
              ? plan.indexOf(type.grant().target())
              : -1;
    }
  }

  /**
   * A check relating a field to others, with the indexes it reads: {@code other} is the field of
   * {@link Check.NotBefore#than()} or {@link Check.Exclusive#with()}, or for {@link
   * Check.NotBeforeTarget} the position of its reference among {@link TypePlan#references}.
   */
  static final class Relation {
    final Check check;
    final int field;
    final int other;
    final int[] also;

    Relation(TypePlan plan, int field, Check check) {
      this.check = check;
      this.field = field;
      if (check instanceof Check.NotBefore c) {
        other = plan.indexOf(c.than());
      } else if (check instanceof Check.Exclusive c) {
        other = plan.indexOf(c.with());
      } else if (check instanceof Check.NotBeforeTarget c) {
        int k = plan.indexOf(c.target());
        int r = -1;
        for (int i = 0; i < plan.references.length; i++) {
          if (plan.references[i] == k) {
            r = i;
          }
        }
        other = r;
      } else {
        other = -1;
      }
      if (check instanceof Check.Unique c) {
        also = new int[c.also().size()];
        for (int a = 0; a < also.length; a++) {
          also[a] = plan.indexOf(c.also().get(a));
        }
      } else {
        also = new int[0];
      }
    }
  }

  /**
   * True when {@code value} of field {@code k} has a problem of its own, whatever the other fields
   * hold: of the wrong Java type or not one of its codes, outside its range, not one of its allowed
   * values (a grade scheme's levels) or not matching its pattern. The checks relating it to other
   * fields ({@link Check.OnlyWhen}, {@link Check.YearOver}, {@link FieldDecl#yearsFrom()}) are not
   * its own.
   */
  static boolean ownProblem(TypePlan plan, int k, Object value) {
    if (!plan.fits(k, value)) {
      return true;
    }
    if (k >= plan.fields.length) {
      // authority, documentNo: any string
      return false;
    }
    FieldPlan f = plan.fields[k];
    FieldDecl decl = f.decl;
    if (value instanceof Integer n
        && ((decl.min() != null && n < decl.min()) || (decl.max() != null && n > decl.max()))) {
      return true;
    }
    if (value instanceof String s) {
      return (!f.oneOf.isEmpty() && !f.oneOfSet.contains(s))
          || (f.pattern != null && !f.pattern.matcher(s).matches());
    }
    return false;
  }

  /**
   * True when {@code id} (normalised) has the shape of a resident identity number: 17 digits, then
   * a digit or X (packs-v1 s.10). Such an id is checked as one, whatever else it might be.
   */
  static boolean residentShape(String id) {
    if (id.length() != 18) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    char last = id.charAt(17);
    return (last >= '0' && last <= '9') || last == 'X';
  }

  static boolean allCodes(Set<String> codes, List<?> list) {
    for (Object item : list) {
      if (!(item instanceof String s && codes.contains(s))) {
        return false;
      }
    }
    return true;
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
  static String text(@Nullable Object value) {
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

  /** "an X_GRADE", "a Y_LISTING", "one of A, B": the named types, with an article. */
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
