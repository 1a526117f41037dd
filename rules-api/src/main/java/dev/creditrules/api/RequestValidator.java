package dev.creditrules.api;

import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.EnvGrade;
import dev.creditrules.api.fact.EnvRectification;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.FactType;
import dev.creditrules.api.fact.Grade;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.LaborGrade;
import dev.creditrules.api.fact.MajorLaborViolation;
import dev.creditrules.api.fact.PenaltySeverity;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import dev.creditrules.api.fact.WageArrearsListing;
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
 * <p>Java callers use {@link #validate(Request)} or {@link #requireValid(Request)}. A reader that
 * could parse only part of a request uses {@link #validate(LocalDate, String, SubjectType, List,
 * List)}, which accepts missing parts and keeps every fact at its original index.
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
  public record FactSlot(Fact fact, String id, FactType type, String target) {
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
    public static FactSlot partial(String id, FactType type) {
      return new FactSlot(null, id, type, null);
    }

    /** A fact with a target that could not be parsed, with what is known of it. */
    public static FactSlot partial(String id, FactType type, String target) {
      return new FactSlot(null, id, type, target);
    }
  }

  /** Every semantic problem of {@code request}; empty when it is valid. */
  public static List<RequestError> validate(Request request) {
    List<FactSlot> slots = new ArrayList<>(request.facts().size());
    for (Fact fact : request.facts()) {
      slots.add(FactSlot.of(fact));
    }
    return validate(
        request.asOf(), request.subject().id(), request.subject().type(), request.areas(), slots);
  }

  /**
   * Throws when {@code request} has a semantic problem.
   *
   * @throws InvalidRequestException listing every problem
   */
  public static void requireValid(Request request) {
    List<RequestError> errors = validate(request);
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
      List<FactSlot> facts) {
    Checker checker = new Checker(asOf, subjectType, facts == null ? List.of() : facts);
    checker.checkSubject(subjectId);
    checker.checkAreas(areas);
    checker.checkFacts();
    return List.copyOf(checker.errors);
  }

  /** True for the records of packs-v1 s.1.1: the only valid targets of commitments and grants. */
  public static boolean isRepairable(Fact fact) {
    if (fact instanceof TaxGrade g) {
      return "C".equals(g.grade()) || "D".equals(g.grade());
    }
    if (fact instanceof LaborGrade g) {
      return "C".equals(g.grade());
    }
    if (fact instanceof EnvGrade g) {
      return "YELLOW".equals(g.grade()) || "RED".equals(g.grade()) || "BLACK".equals(g.grade());
    }
    return ALWAYS_REPAIRABLE.contains(fact.type());
  }

  private static final Set<FactType> ALWAYS_REPAIRABLE =
      EnumSet.of(
          FactType.ADMIN_PENALTY,
          FactType.TAX_SERIOUS_LISTING,
          FactType.WAGE_ARREARS_LISTING,
          FactType.MAJOR_LABOR_VIOLATION,
          FactType.RESEARCH_MISCONDUCT,
          FactType.JUDGMENT_DEFAULTER);

  private static final Set<FactType> NEVER_REPAIRABLE =
      EnumSet.of(
          FactType.CREDIT_COMMITMENT,
          FactType.REPAIR_GRANTED,
          FactType.WAGE_ARREARS_CASE,
          FactType.ENV_RECTIFICATION);

  private static final Pattern MISCONDUCT = Pattern.compile("RM-0[1-8]");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");

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
      if (slot.type() != null
          && subjectType != null
          && !slot.type().subjects().contains(subjectType)) {
        add(
            p + "/type",
            slot.type().name(),
            slot.type().name()
                + " is allowed for "
                + slot.type().subjectsText()
                + ", not for a "
                + subjectType.name());
      }
      Fact fact = slot.fact();
      if (fact == null && slot.target() != null) {
        // another field is missing or invalid: the target is still checked (every problem found)
        target(p, slot.target(), slot.type() == FactType.ENV_RECTIFICATION);
      }
      if (fact instanceof AdminPenalty f) {
        penalty(p, f);
      } else if (fact instanceof CreditCommitment f) {
        commitment(p, f);
      } else if (fact instanceof RepairGranted f) {
        grant(p, f);
      } else if (fact instanceof TaxGrade f) {
        grade(i, p, f);
        taxGrade(p, f);
      } else if (fact instanceof LaborGrade f) {
        grade(i, p, f);
      } else if (fact instanceof EnvGrade f) {
        grade(i, p, f);
        if (f.province() != null && !PROVINCE.matcher(f.province()).matches()) {
          add(p + "/province", f.province(), "province must be a 2-digit province code");
        }
      } else if (fact instanceof TaxSeriousListing f) {
        notBefore(p, "publishedOn", f.publishedOn(), "servedOn", f.servedOn());
        notBefore(p, "paidInFullOn", f.paidInFullOn(), "servedOn", f.servedOn());
        if (f.priorListingsIn5Years() < 0) {
          add(
              p + "/priorListingsIn5Years",
              f.priorListingsIn5Years(),
              "priorListingsIn5Years must be 0 or more");
        }
      } else if (fact instanceof WageArrearsListing f) {
        notBefore(p, "paidInFullOn", f.paidInFullOn(), "decidedOn", f.decidedOn());
      } else if (fact instanceof MajorLaborViolation f) {
        if (f.category() < 1 || f.category() > 7) {
          add(p + "/category", f.category(), "category must be 1-7");
        }
      } else if (fact instanceof EnvRectification f) {
        rectification(p, f);
      } else if (fact instanceof ResearchMisconduct f) {
        misconduct(p, f);
      } else if (fact instanceof JudgmentDefaulter f) {
        if (f.termYears() < 1 || f.termYears() > 5) {
          add(p + "/termYears", f.termYears(), "termYears must be 1-5");
        }
        notBefore(p, "fulfilledOn", f.fulfilledOn(), "listedOn", f.listedOn());
      }
    }

    void penalty(String p, AdminPenalty f) {
      notBefore(p, "fulfilledOn", f.fulfilledOn(), "decidedOn", f.decidedOn());
      if (f.published() != null && f.severity() != PenaltySeverity.MINOR) {
        add(
            p + "/published",
            f.published(),
            "published is only allowed on a MINOR penalty, not on a " + f.severity().name());
      }
      if (f.specialSerious() != null && f.severity() != PenaltySeverity.SERIOUS) {
        add(
            p + "/specialSerious",
            f.specialSerious(),
            "specialSerious is only allowed on a SERIOUS penalty, not on a "
                + f.severity().name());
      }
    }

    void grade(int i, String p, Grade g) {
      if (g.year() < 1) {
        // dates name years 0001-9999, and the year must be over before publishedOn
        add(p + "/year", g.year(), "year must be 1 or more");
      } else if (g.year() >= g.publishedOn().getYear()) {
        add(
            p + "/year",
            g.year(),
            "a grade for year "
                + g.year()
                + " cannot be published on "
                + g.publishedOn()
                + ", before the year is over");
      }
      Integer first = gradeYears.putIfAbsent(g.type().name() + ":" + g.year(), i);
      if (first != null) {
        add(
            p + "/year",
            g.year(),
            "/facts/"
                + first
                + " is already a "
                + g.type().name()
                + " for year "
                + g.year()
                + "; one grade per scheme and year");
      }
      if (!g.levels().contains(g.grade())) {
        add(
            p + "/grade",
            g.grade(),
            "grade must be one of " + String.join(", ", g.levels()));
      }
    }

    void taxGrade(String p, TaxGrade g) {
      Integer reason = g.directReason();
      if (reason != null) {
        if (!"D".equals(g.grade())) {
          add(
              p + "/directReason",
              reason,
              "directReason is only allowed on a D grade, not on " + g.grade());
        } else if (reason < 1 || reason > 13) {
          add(p + "/directReason", reason, "directReason must be 1-13");
        }
      }
      notBefore(p, "correctedOn", g.correctedOn(), "publishedOn", g.publishedOn());
    }

    void misconduct(String p, ResearchMisconduct f) {
      if (!MISCONDUCT.matcher(f.misconduct()).matches()) {
        add(p + "/misconduct", f.misconduct(), "misconduct must be one of RM-01 ... RM-08");
      }
      if (f.banYears() != null && f.banYears() < 1) {
        add(p + "/banYears", f.banYears(), "banYears must be 1 or more");
      } else if (f.banYears() != null && f.decidedOn().getYear() + (long) f.banYears() > 9999) {
        // the ban's last day L(decidedOn, 12·banYears) must be a date the contract can write
        add(
            p + "/banYears",
            f.banYears(),
            "banYears too large: the ban would end after 9999-12-31");
      }
      if (f.permanent() && f.banYears() != null) {
        add(
            p + "/permanent",
            true,
            "a permanent ban has no banYears; give either permanent or banYears");
      }
    }

    void commitment(String p, CreditCommitment f) {
      Fact target = target(p, f.target(), false);
      if (target != null) {
        notBeforeTarget(p, "madeOn", f.madeOn(), target);
      }
    }

    void grant(String p, RepairGranted f) {
      Fact target = target(p, f.target(), false);
      if (target != null) {
        notBeforeTarget(p, "grantedOn", f.grantedOn(), target);
      }
      if (f.newGrade() != null) {
        newGrade(p, f.newGrade(), known(f.target()));
      }
      notBefore(p, "revokedOn", f.revokedOn(), "grantedOn", f.grantedOn());
    }

    void newGrade(String p, String newGrade, Fact target) {
      if (target == null) {
        return;
      }
      if (!(target instanceof Grade g)) {
        add(
            p + "/newGrade",
            newGrade,
            "newGrade is only allowed when the target is a grade; "
                + target.id()
                + " is a "
                + target.type().name());
      } else if (!g.levels().contains(newGrade)) {
        add(
            p + "/newGrade",
            newGrade,
            "newGrade must be a "
                + g.type().name()
                + " level: one of "
                + String.join(", ", g.levels()));
      } else if (g instanceof TaxGrade && "A".equals(newGrade)) {
        add(p + "/newGrade", newGrade, "newGrade must not be A for a tax grade");
      }
    }

    void rectification(String p, EnvRectification f) {
      Fact target = target(p, f.target(), true);
      if (target != null) {
        notBeforeTarget(p, "verifiedOn", f.verifiedOn(), target);
      }
    }

    /** The fully known fact with this id (the first one when ids repeat), or {@code null}. */
    Fact known(String id) {
      Integer index = firstIndex.get(id);
      return index == null ? null : facts.get(index).fact();
    }

    /**
     * Checks a {@code target}; returns the target when it is valid and fully known (so its start
     * can be compared), otherwise {@code null}.
     */
    Fact target(String p, String target, boolean envGradeOnly) {
      Integer index = firstIndex.get(target);
      if (index == null) {
        add(p + "/target", target, "target " + target + " names no fact in the request");
        return null;
      }
      FactSlot slot = facts.get(index);
      Fact fact = slot.fact();
      FactType type = slot.type();
      if (envGradeOnly) {
        if (type != null && type != FactType.ENV_GRADE) {
          add(
              p + "/target",
              target,
              "target " + target + " is a " + type.name() + "; it must be an ENV_GRADE");
          return null;
        }
        return fact;
      }
      if (fact == null) {
        if (type != null && NEVER_REPAIRABLE.contains(type)) {
          add(p + "/target", target, notRepairable(target, type.name()));
        }
        return null;
      }
      if (!isRepairable(fact)) {
        String what =
            fact instanceof Grade g ? fact.type().name() + " " + g.grade() : fact.type().name();
        add(p + "/target", target, notRepairable(target, what));
        return null;
      }
      return fact;
    }

    static String notRepairable(String target, String what) {
      return "target "
          + target
          + " is a "
          + what
          + ", not a repairable record (a penalty, listing, C/D tax grade, C labour grade,"
          + " yellow/red/black environmental grade, violation, misconduct or defaulter)";
    }

    /** {@code field} of this fact must not be before the start of the target record. */
    void notBeforeTarget(String p, String field, LocalDate date, Fact target) {
      LocalDate start = target.datedOn();
      if (date != null && date.isBefore(start)) {
        add(
            p + "/" + field,
            date.toString(),
            field
                + " "
                + date
                + " is before "
                + startField(target)
                + " "
                + start
                + " of target "
                + target.id());
      }
    }

    static String startField(Fact target) {
      switch (target.type()) {
        case TAX_GRADE:
        case LABOR_GRADE:
        case ENV_GRADE:
          return "publishedOn";
        case TAX_SERIOUS_LISTING:
          return "servedOn";
        case JUDGMENT_DEFAULTER:
          return "listedOn";
        default:
          return "decidedOn";
      }
    }

    /** {@code field} (optional) must not be before {@code startField} of the same fact. */
    void notBefore(String p, String field, LocalDate date, String startField, LocalDate start) {
      if (date != null && start != null && date.isBefore(start)) {
        add(
            p + "/" + field,
            date.toString(),
            field + " " + date + " is before " + startField + " " + start);
      }
    }
  }
}
