package dev.creditrules.api;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic validation of a request: subject identifiers, the contradictions packs-v1 s.1 lists
 * (the list is closed), duplicate fact ids, fact types not allowed for the subject, targets and an
 * empty {@code areas} list. Every problem is reported, top-level fields first ({@code /subject},
 * {@code /areas}), then per fact in request order, each with the JSON pointer packs-v1 s.10
 * prescribes.
 *
 * <p>Java callers use {@link #validate(Request, FactModel)} or {@link #requireValid(Request, FactModel)}. A reader that
 * could parse only part of a request uses {@link #validate(LocalDate, String, SubjectType, List,
 * List, FactModel)}, which accepts missing parts and keeps every fact at its original index.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /**
   * What is known about the fact at one index of a request: the whole fact, or, when it could not
   * be parsed, only its id, type and target (each possibly {@code null}).
   *
   * @param fact the fact, or {@code null} when it could not be parsed
   * @param id the fact's id, or {@code null} when unknown
   * @param type the fact's type, or {@code null} when unknown
   * @param target a fact that could not be parsed: its {@code target} (a commitment, a grant, a
   *     rectification), so that a wrong target is reported too; otherwise {@code null}
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

  /** Every semantic problem of {@code request}; empty when it is valid. */
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
   * Throws when {@code request} has a semantic problem.
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
   * @return the problems, top-level first, then per fact in request order
   */
  public static List<RequestError> validate(
      LocalDate asOf,
      String subjectId,
      SubjectType subjectType,
      List<Area> areas,
      List<FactSlot> facts,
      FactModel model) {
    Checker checker = new Checker(asOf, subjectType, facts == null ? List.of() : facts);
    checker.checkSubject(subjectId);
    checker.checkAreas(areas);
    checker.checkFacts();
    return List.copyOf(checker.errors);
  }

  /** True for the records of packs-v1 s.1.1: the only valid targets of commitments and grants. */
  public static boolean isRepairable(Fact fact, FactModel model) {
    var type = model.type(fact.type());
    return type != null && type.isRepairable(fact);
  }

  /** One validation run. */
  private static final class Checker {
    final LocalDate asOf;
    final SubjectType subjectType;
    final List<FactSlot> facts;
    final List<RequestError> errors = new ArrayList<>();
    /** The index of the first fact with each id. */
    final Map<String, Integer> firstIndex = new HashMap<>();
    /** The index of the first grade of each scheme and year, keyed "TYPE:year". */
    final Map<String, Integer> gradeYears = new HashMap<>();

    Checker(LocalDate asOf, SubjectType subjectType, List<FactSlot> facts) {
      this.asOf = asOf;
      this.subjectType = subjectType;
      this.facts = facts;
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
      // TODO(issue 11): generic fact checks
    }
  }
}
