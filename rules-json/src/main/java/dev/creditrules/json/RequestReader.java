package dev.creditrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.EnvGrade;
import dev.creditrules.api.fact.EnvRectification;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.FactType;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.LaborGrade;
import dev.creditrules.api.fact.MajorLaborViolation;
import dev.creditrules.api.fact.MisconductSeverity;
import dev.creditrules.api.fact.PenaltyKind;
import dev.creditrules.api.fact.PenaltySector;
import dev.creditrules.api.fact.PenaltySeverity;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import dev.creditrules.api.fact.WageArrearsCase;
import dev.creditrules.api.fact.WageArrearsListing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a request tree by hand, so that every structural problem is found, then runs {@link
 * RequestValidator} on what could be parsed. One instance reads one request.
 */
final class RequestReader {
  static final Set<String> TOP_FIELDS = Set.of("requestId", "asOf", "subject", "areas", "facts");
  static final Set<String> SUBJECT_FIELDS =
      Set.of("id", "type", "name", "region", "establishedOn");
  static final Set<String> COMMON_FIELDS = Set.of("id", "type", "authority", "documentNo");

  /** The fields of each fact type besides the common ones, in the contract's order. */
  static final Map<FactType, List<String>> FIELDS;

  static {
    Map<FactType, List<String>> fields = new EnumMap<>(FactType.class);
    fields.put(
        FactType.ADMIN_PENALTY,
        List.of(
            "sector", "decidedOn", "severity", "kinds", "fine", "fulfilledOn", "published",
            "specialSerious"));
    fields.put(FactType.CREDIT_COMMITMENT, List.of("madeOn", "target", "breachedOn"));
    fields.put(FactType.REPAIR_GRANTED, List.of("target", "grantedOn", "newGrade", "revokedOn"));
    fields.put(
        FactType.TAX_GRADE,
        List.of("year", "grade", "publishedOn", "score", "directReason", "correctedOn"));
    fields.put(
        FactType.TAX_SERIOUS_LISTING,
        List.of("servedOn", "publishedOn", "paidInFullOn", "priorListingsIn5Years"));
    fields.put(FactType.LABOR_GRADE, List.of("year", "grade", "publishedOn"));
    fields.put(FactType.WAGE_ARREARS_LISTING, List.of("decidedOn", "paidInFullOn"));
    fields.put(FactType.WAGE_ARREARS_CASE, List.of("foundOn", "amount", "workers"));
    fields.put(FactType.MAJOR_LABOR_VIOLATION, List.of("decidedOn", "category"));
    fields.put(FactType.ENV_GRADE, List.of("year", "grade", "publishedOn", "province"));
    fields.put(FactType.ENV_RECTIFICATION, List.of("target", "verifiedOn"));
    fields.put(
        FactType.RESEARCH_MISCONDUCT,
        List.of(
            "decidedOn", "misconduct", "severity", "banYears", "permanent", "aggravated",
            "awardRevoked"));
    fields.put(FactType.JUDGMENT_DEFAULTER, List.of("listedOn", "termYears", "fulfilledOn"));
    FIELDS = Collections.unmodifiableMap(fields);
  }

  private static final Map<FactType, Set<String>> KNOWN = new EnumMap<>(FactType.class);

  /** Every field name of the contract, at any level. */
  static final Set<String> ALL_FIELDS;

  /** Every field of some fact type: without a known type, only others are surely unknown. */
  private static final Set<String> ANY_FACT_FIELDS;

  static {
    Set<String> all = new LinkedHashSet<>(TOP_FIELDS);
    all.addAll(SUBJECT_FIELDS);
    Set<String> anyFact = new LinkedHashSet<>(COMMON_FIELDS);
    for (Map.Entry<FactType, List<String>> e : FIELDS.entrySet()) {
      Set<String> known = new LinkedHashSet<>(COMMON_FIELDS);
      known.addAll(e.getValue());
      KNOWN.put(e.getKey(), Set.copyOf(known));
      all.addAll(known);
      anyFact.addAll(known);
    }
    ALL_FIELDS = Set.copyOf(all);
    ANY_FACT_FIELDS = Set.copyOf(anyFact);
  }

  static final Map<String, SubjectType> SUBJECT_TYPES = byName(SubjectType.values(), Enum::name);
  static final Map<String, Area> AREAS = byName(Area.values(), Enum::name);
  static final Map<String, FactType> FACT_TYPES = byName(FactType.values(), Enum::name);
  static final Map<String, PenaltySector> SECTORS =
      byName(PenaltySector.values(), PenaltySector::code);
  static final Map<String, PenaltySeverity> PENALTY_SEVERITIES =
      byName(PenaltySeverity.values(), Enum::name);
  static final Map<String, PenaltyKind> KINDS = byName(PenaltyKind.values(), Enum::name);
  static final Map<String, MisconductSeverity> MISCONDUCT_SEVERITIES =
      byName(MisconductSeverity.values(), Enum::name);

  private static <E> Map<String, E> byName(E[] values, Function<E, String> code) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(code.apply(value), value);
    }
    return map;
  }

  private final List<RequestError> errors = new ArrayList<>();

  private RequestReader() {}

  /**
   * The request in {@code root}.
   *
   * @throws InvalidRequestException with every structural and semantic problem, in the contract's
   *     order
   */
  static Request read(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw single(null, "the request is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw single(Nodes.plain(root), "the request must be a JSON object");
    }
    return new RequestReader().readObject(root);
  }

  static InvalidRequestException single(Object value, String reason) {
    return new InvalidRequestException(List.of(new RequestError("", value, reason)));
  }

  private Request readObject(JsonNode root) {
    ObjectFields top = new ObjectFields(root, "");
    String requestId = top.string("requestId", false);
    LocalDate asOf = top.date("asOf", true);

    String subjectId = null;
    SubjectType subjectType = null;
    Subject subject = null;
    JsonNode subjectNode = top.value("subject", true);
    if (subjectNode != null && !subjectNode.isObject()) {
      top.invalid("subject", true, subjectNode, "subject must be an object");
    } else if (subjectNode != null) {
      ObjectFields s = new ObjectFields(subjectNode, "/subject");
      subjectId = s.string("id", true);
      subjectType = s.code("type", true, SUBJECT_TYPES, "subject type");
      String name = s.string("name", false);
      String region = s.string("region", false);
      LocalDate establishedOn = s.date("establishedOn", false);
      s.finish(SUBJECT_FIELDS, errors);
      if (s.complete()) {
        subject = new Subject(subjectId, subjectType, name, region, establishedOn);
      }
    }

    List<Area> areas = null;
    boolean areasOk = true;
    JsonNode areasNode = top.value("areas", false);
    if (areasNode != null) {
      areas = top.codes("areas", AREAS, "area");
      areasOk = areas != null;
    }

    List<FactSlot> slots = new ArrayList<>();
    boolean factsOk = true;
    JsonNode factsNode = top.value("facts", true);
    if (factsNode == null) {
      factsOk = false;
    } else if (!factsNode.isArray()) {
      top.invalid("facts", true, factsNode, "facts must be an array");
      factsOk = false;
    } else {
      for (int i = 0; i < factsNode.size(); i++) {
        FactSlot slot = readFact(factsNode.get(i), Pointers.child("/facts", i));
        slots.add(slot);
        factsOk &= slot.fact() != null;
      }
    }
    top.finish(TOP_FIELDS, errors);

    List<RequestError> all = new ArrayList<>(errors);
    all.addAll(RequestValidator.validate(asOf, subjectId, subjectType, areas, slots));
    if (all.isEmpty() && asOf != null && subject != null && areasOk && factsOk) {
      List<Fact> facts = new ArrayList<>(slots.size());
      for (FactSlot slot : slots) {
        facts.add(slot.fact());
      }
      return new Request(requestId, asOf, subject, areas, facts);
    }
    // The stable sort keeps structural problems before semantic ones within each group.
    all.sort(Comparator.comparingLong(e -> Pointers.rank(e.pointer())));
    throw new InvalidRequestException(all);
  }

  private FactSlot readFact(JsonNode node, String pointer) {
    if (!node.isObject()) {
      errors.add(new RequestError(pointer, Nodes.plain(node), "a fact must be a JSON object"));
      return FactSlot.partial(null, null);
    }
    ObjectFields f = new ObjectFields(node, pointer);
    String id = f.string("id", true);
    FactType type = f.code("type", true, FACT_TYPES, "fact type");
    if (type == null) {
      // Without a type the other fields cannot be judged; a field of no fact type at all (a typo
      // such as fulfiledOn) is still reported
      f.finish(ANY_FACT_FIELDS, errors);
      return FactSlot.partial(id, null);
    }
    Fact fact = readFields(f, id, type);
    f.finish(KNOWN.get(type), errors);
    if (fact != null && f.complete()) {
      return FactSlot.of(fact);
    }
    JsonNode target = KNOWN.get(type).contains("target") ? node.get("target") : null;
    return FactSlot.partial(id, type, target != null && target.isTextual() ? target.textValue() : null);
  }

  /** Reads the fields of one fact type; {@code null} when a required field is missing. */
  private static Fact readFields(ObjectFields f, String id, FactType type) {
    String authority = f.string("authority", false);
    String documentNo = f.string("documentNo", false);
    switch (type) {
      case ADMIN_PENALTY:
        {
          PenaltySector sector = f.code("sector", true, SECTORS, "sector");
          LocalDate decidedOn = f.date("decidedOn", true);
          PenaltySeverity severity = f.code("severity", true, PENALTY_SEVERITIES, "severity");
          List<PenaltyKind> kinds = f.codes("kinds", KINDS, "penalty kind");
          var fine = f.number("fine");
          LocalDate fulfilledOn = f.date("fulfilledOn", false);
          Boolean published = f.bool("published");
          Boolean specialSerious = f.bool("specialSerious");
          return f.complete() && id != null
              ? new AdminPenalty(
                  id, sector, decidedOn, severity, kinds, fine, fulfilledOn, published,
                  specialSerious, authority, documentNo)
              : null;
        }
      case CREDIT_COMMITMENT:
        {
          LocalDate madeOn = f.date("madeOn", true);
          String target = f.string("target", true);
          LocalDate breachedOn = f.date("breachedOn", false);
          return f.complete() && id != null
              ? new CreditCommitment(id, madeOn, target, breachedOn, authority, documentNo)
              : null;
        }
      case REPAIR_GRANTED:
        {
          String target = f.string("target", true);
          LocalDate grantedOn = f.date("grantedOn", true);
          String newGrade = f.string("newGrade", false);
          LocalDate revokedOn = f.date("revokedOn", false);
          return f.complete() && id != null
              ? new RepairGranted(id, target, grantedOn, newGrade, revokedOn, authority, documentNo)
              : null;
        }
      case TAX_GRADE:
        {
          Integer year = f.integer("year", true);
          String grade = f.string("grade", true);
          LocalDate publishedOn = f.date("publishedOn", true);
          var score = f.number("score");
          Integer directReason = f.integer("directReason", false);
          LocalDate correctedOn = f.date("correctedOn", false);
          return f.complete() && id != null
              ? new TaxGrade(
                  id, year, grade, publishedOn, score, directReason, correctedOn, authority,
                  documentNo)
              : null;
        }
      case TAX_SERIOUS_LISTING:
        {
          LocalDate servedOn = f.date("servedOn", true);
          LocalDate publishedOn = f.date("publishedOn", true);
          LocalDate paidInFullOn = f.date("paidInFullOn", false);
          Integer prior = f.integer("priorListingsIn5Years", false);
          return f.complete() && id != null
              ? new TaxSeriousListing(
                  id, servedOn, publishedOn, paidInFullOn, prior == null ? 0 : prior, authority,
                  documentNo)
              : null;
        }
      case LABOR_GRADE:
        {
          Integer year = f.integer("year", true);
          String grade = f.string("grade", true);
          LocalDate publishedOn = f.date("publishedOn", true);
          return f.complete() && id != null
              ? new LaborGrade(id, year, grade, publishedOn, authority, documentNo)
              : null;
        }
      case WAGE_ARREARS_LISTING:
        {
          LocalDate decidedOn = f.date("decidedOn", true);
          LocalDate paidInFullOn = f.date("paidInFullOn", false);
          return f.complete() && id != null
              ? new WageArrearsListing(id, decidedOn, paidInFullOn, authority, documentNo)
              : null;
        }
      case WAGE_ARREARS_CASE:
        {
          LocalDate foundOn = f.date("foundOn", true);
          var amount = f.number("amount");
          Integer workers = f.integer("workers", false);
          return f.complete() && id != null
              ? new WageArrearsCase(id, foundOn, amount, workers, authority, documentNo)
              : null;
        }
      case MAJOR_LABOR_VIOLATION:
        {
          LocalDate decidedOn = f.date("decidedOn", true);
          Integer category = f.integer("category", true);
          return f.complete() && id != null
              ? new MajorLaborViolation(id, decidedOn, category, authority, documentNo)
              : null;
        }
      case ENV_GRADE:
        {
          Integer year = f.integer("year", true);
          String grade = f.string("grade", true);
          LocalDate publishedOn = f.date("publishedOn", true);
          String province = f.string("province", false);
          return f.complete() && id != null
              ? new EnvGrade(id, year, grade, publishedOn, province, authority, documentNo)
              : null;
        }
      case ENV_RECTIFICATION:
        {
          String target = f.string("target", true);
          LocalDate verifiedOn = f.date("verifiedOn", true);
          return f.complete() && id != null
              ? new EnvRectification(id, target, verifiedOn, authority, documentNo)
              : null;
        }
      case RESEARCH_MISCONDUCT:
        {
          LocalDate decidedOn = f.date("decidedOn", true);
          String misconduct = f.string("misconduct", true);
          MisconductSeverity severity =
              f.code("severity", true, MISCONDUCT_SEVERITIES, "severity");
          Integer banYears = f.integer("banYears", false);
          Boolean permanent = f.bool("permanent");
          Boolean aggravated = f.bool("aggravated");
          Boolean awardRevoked = f.bool("awardRevoked");
          return f.complete() && id != null
              ? new ResearchMisconduct(
                  id, decidedOn, misconduct, severity, banYears, Boolean.TRUE.equals(permanent),
                  Boolean.TRUE.equals(aggravated), Boolean.TRUE.equals(awardRevoked), authority,
                  documentNo)
              : null;
        }
      case JUDGMENT_DEFAULTER:
        {
          LocalDate listedOn = f.date("listedOn", true);
          Integer termYears = f.integer("termYears", false);
          LocalDate fulfilledOn = f.date("fulfilledOn", false);
          return f.complete() && id != null
              ? new JudgmentDefaulter(
                  id, listedOn, termYears == null ? 2 : termYears, fulfilledOn, authority,
                  documentNo)
              : null;
        }
      default:
        throw new IllegalStateException("fact type without a reader: " + type);
    }
  }
}
