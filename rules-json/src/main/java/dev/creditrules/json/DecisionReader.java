package dev.creditrules.json;

import static dev.creditrules.json.ObjectFields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.Basis;
import dev.creditrules.api.Decision;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.Name;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectRef;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.UnmetCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a decision back from the contract's JSON, the inverse of {@link DecisionWriter}: for
 * callers that keep decisions and carry them to a later day. Every problem is reported with its
 * pointer. A field the contract does not know is a problem too: a decision written again after
 * reading must not silently lose what a newer writer added.
 *
 * <p>Keys added after v1 read as the writer leaves them out: {@code nextChangeOn} absent (a
 * decision written before the key existed) is {@code null}, as are the packs-v2 keys ({@code
 * disputed}, {@code withdrawnBy}, {@code disputes}). Nullable fields ({@code requestId}, {@code
 * until}, {@code earliest}, {@code route}, {@code answerDue}) may be absent or null. One instance
 * reads one decision.
 */
final class DecisionReader {
  static final Set<String> DECISION_FIELDS =
      Set.of(
          "requestId",
          "asOf",
          "subject",
          "packs",
          "incentives",
          "sanctions",
          "warnings",
          "repairs",
          "nextChangeOn",
          "disputes");
  private static final Set<String> SUBJECT_FIELDS = Set.of("id", "type");
  private static final Set<String> PACK_FIELDS = Set.of("id", "version", "digest");
  private static final Set<String> OUTCOME_FIELDS =
      Set.of(
          "measure",
          "name",
          "sector",
          "group",
          "areas",
          "from",
          "until",
          "basis",
          "verified",
          "rule",
          "facts",
          "disputed");
  private static final Set<String> NAME_FIELDS = Set.of("zh", "en");
  private static final Set<String> BASIS_FIELDS = Set.of("title", "number", "article");
  private static final Set<String> REPAIR_FIELDS =
      Set.of(
          "fact",
          "sector",
          "status",
          "earliest",
          "unmet",
          "route",
          "basis",
          "verified",
          "rule",
          "disputed",
          "withdrawnBy");
  private static final Set<String> UNMET_FIELDS = Set.of("code", "message");
  private static final Set<String> DISPUTE_FIELDS =
      Set.of(
          "fact",
          "target",
          "channel",
          "raisedOn",
          "answerDue",
          "overdue",
          "basis",
          "verified",
          "rule");

  private static final Map<String, SubjectType> SUBJECT_TYPES = byName(SubjectType.values());
  private static final Map<String, MeasureGroup> GROUPS = byName(MeasureGroup.values());
  private static final Map<String, Area> AREAS = byName(Area.values());
  private static final Map<String, RepairStatus> STATUSES = byName(RepairStatus.values());
  private static final Map<String, UnmetCode> UNMET_CODES = byName(UnmetCode.values());

  private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(value.name(), value);
    }
    return map;
  }

  /** Reads one item of an array at its pointer; {@code null} when it has problems (reported). */
  private interface Item<T> {
    @Nullable T read(JsonNode node, String pointer);
  }

  private final List<RequestError> errors = new ArrayList<>();

  private DecisionReader() {}

  /**
   * The decision in {@code root}.
   *
   * @throws InvalidDecisionException with every problem found
   */
  static Decision read(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw single(null, "the decision is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw single(Nodes.plain(root), "a decision must be a JSON object");
    }
    DecisionReader reader = new DecisionReader();
    Decision decision = reader.decision(root);
    if (!reader.errors.isEmpty()) {
      throw new InvalidDecisionException(reader.errors);
    }
    // decision() returns null only after reporting a problem
    return Objects.requireNonNull(decision, "a decision read without a reported problem");
  }

  static InvalidDecisionException single(@Nullable Object value, String reason) {
    return new InvalidDecisionException(List.of(new RequestError("", value, reason)));
  }

  private @Nullable Decision decision(JsonNode root) {
    ObjectFields f = new ObjectFields(root, "");
    String requestId = f.string("requestId", false);
    LocalDate asOf = f.date("asOf", true);
    JsonNode subject = object(f, "subject", true);
    JsonNode packs = array(f, "packs", true);
    JsonNode incentives = array(f, "incentives", true);
    JsonNode sanctions = array(f, "sanctions", true);
    JsonNode warnings = array(f, "warnings", true);
    JsonNode repairs = array(f, "repairs", true);
    LocalDate nextChangeOn = f.date("nextChangeOn", false);
    if (nextChangeOn != null && asOf != null && !nextChangeOn.isAfter(asOf)) {
      f.invalid(
          "nextChangeOn",
          false,
          root.get("nextChangeOn"),
          "nextChangeOn must be after asOf (" + asOf + ")");
    }
    JsonNode disputes = array(f, "disputes", false);
    f.finish(DECISION_FIELDS, errors);

    SubjectRef subjectRef = subject == null ? null : subject(subject, "/subject");
    List<PackRef> packRefs = list(packs, "/packs", this::pack);
    List<Outcome> incentiveList = list(incentives, "/incentives", this::outcome);
    List<Outcome> sanctionList = list(sanctions, "/sanctions", this::outcome);
    List<Outcome> warningList = list(warnings, "/warnings", this::outcome);
    List<Repair> repairList = list(repairs, "/repairs", this::repair);
    List<OpenDispute> disputeList = list(disputes, "/disputes", this::dispute);
    if (!errors.isEmpty()) {
      return null;
    }
    return new Decision(
        requestId,
        present(asOf),
        present(subjectRef),
        present(packRefs),
        present(incentiveList),
        present(sanctionList),
        present(warningList),
        present(repairList),
        nextChangeOn,
        disputeList);
  }

  private @Nullable SubjectRef subject(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String id = f.string("id", true);
    SubjectType type = f.code("type", true, SUBJECT_TYPES, "subject type");
    f.finish(SUBJECT_FIELDS, errors);
    return errors.size() > before ? null : new SubjectRef(present(id), present(type));
  }

  private @Nullable PackRef pack(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String id = f.string("id", true);
    String version = f.string("version", true);
    String digest = f.string("digest", true);
    f.finish(PACK_FIELDS, errors);
    return errors.size() > before
        ? null
        : new PackRef(present(id), present(version), present(digest));
  }

  private @Nullable Outcome outcome(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String measure = f.string("measure", true);
    JsonNode name = object(f, "name", true);
    String sector = f.string("sector", true);
    MeasureGroup group = f.code("group", true, GROUPS, "measure group");
    List<Area> areas = f.codes("areas", true, AREAS, "area");
    LocalDate from = f.date("from", true);
    LocalDate until = f.date("until", false);
    JsonNode basis = array(f, "basis", true);
    Boolean verified = f.bool("verified", true);
    String rule = f.string("rule", true);
    JsonNode facts = array(f, "facts", true);
    Boolean disputed = f.bool("disputed", false);
    f.finish(OUTCOME_FIELDS, errors);
    Name names = name == null ? null : name(name, Pointers.child(pointer, "name"));
    List<Basis> bases = list(basis, Pointers.child(pointer, "basis"), this::basis);
    List<String> factIds = strings(facts, Pointers.child(pointer, "facts"), "a fact id");
    if (errors.size() > before) {
      return null;
    }
    return new Outcome(
        present(measure),
        present(names),
        present(sector),
        present(group),
        present(areas),
        present(from),
        until,
        present(bases),
        present(verified),
        present(rule),
        present(factIds),
        disputed);
  }

  private @Nullable Name name(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String zh = f.string("zh", true);
    String en = f.string("en", true);
    f.finish(NAME_FIELDS, errors);
    return errors.size() > before ? null : new Name(present(zh), present(en));
  }

  private @Nullable Basis basis(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String title = f.string("title", true);
    String number = f.string("number", true);
    String article = f.string("article", true);
    f.finish(BASIS_FIELDS, errors);
    return errors.size() > before
        ? null
        : new Basis(present(title), present(number), present(article));
  }

  private @Nullable Repair repair(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String fact = f.string("fact", true);
    String sector = f.string("sector", true);
    RepairStatus status = f.code("status", true, STATUSES, "repair status");
    LocalDate earliest = f.date("earliest", false);
    JsonNode unmet = array(f, "unmet", true);
    String route = f.string("route", false);
    JsonNode basis = array(f, "basis", true);
    Boolean verified = f.bool("verified", true);
    String rule = f.string("rule", true);
    Boolean disputed = f.bool("disputed", false);
    String withdrawnBy = f.string("withdrawnBy", false);
    f.finish(REPAIR_FIELDS, errors);
    List<Unmet> conditions = list(unmet, Pointers.child(pointer, "unmet"), this::unmet);
    List<Basis> bases = list(basis, Pointers.child(pointer, "basis"), this::basis);
    if (errors.size() > before) {
      return null;
    }
    return new Repair(
        present(fact),
        present(sector),
        present(status),
        earliest,
        present(conditions),
        route,
        present(bases),
        present(verified),
        present(rule),
        disputed,
        withdrawnBy);
  }

  private @Nullable Unmet unmet(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    UnmetCode code = f.code("code", true, UNMET_CODES, "unmet code");
    String message = f.string("message", true);
    f.finish(UNMET_FIELDS, errors);
    return errors.size() > before ? null : new Unmet(present(code), present(message));
  }

  private @Nullable OpenDispute dispute(JsonNode node, String pointer) {
    int before = errors.size();
    ObjectFields f = new ObjectFields(node, pointer);
    String fact = f.string("fact", true);
    String target = f.string("target", true);
    String channel = f.string("channel", true);
    LocalDate raisedOn = f.date("raisedOn", true);
    LocalDate answerDue = f.date("answerDue", false);
    Boolean overdue = f.bool("overdue", true);
    JsonNode basis = array(f, "basis", true);
    Boolean verified = f.bool("verified", true);
    String rule = f.string("rule", true);
    f.finish(DISPUTE_FIELDS, errors);
    List<Basis> bases = list(basis, Pointers.child(pointer, "basis"), this::basis);
    if (errors.size() > before) {
      return null;
    }
    return new OpenDispute(
        present(fact),
        present(target),
        present(channel),
        present(raisedOn),
        answerDue,
        present(overdue),
        present(bases),
        present(verified),
        present(rule));
  }

  /** The object value of a field, {@code null} when absent, null or not an object (reported). */
  private static @Nullable JsonNode object(ObjectFields f, String name, boolean required) {
    JsonNode value = f.value(name, required);
    if (value != null && !value.isObject()) {
      f.invalid(name, required, value, name + " must be an object");
      return null;
    }
    return value;
  }

  /** The array value of a field, {@code null} when absent, null or not an array (reported). */
  private static @Nullable JsonNode array(ObjectFields f, String name, boolean required) {
    JsonNode value = f.value(name, required);
    if (value != null && !value.isArray()) {
      f.invalid(name, required, value, name + " must be an array");
      return null;
    }
    return value;
  }

  /** The items of an array, each an object read by {@code item}; {@code null} for no array. */
  private <T> @Nullable List<T> list(@Nullable JsonNode array, String pointer, Item<T> item) {
    if (array == null) {
      return null;
    }
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String at = Pointers.child(pointer, i);
      if (!node.isObject()) {
        errors.add(new RequestError(at, Nodes.plain(node), "an item must be a JSON object"));
        continue;
      }
      T read = item.read(node, at);
      if (read != null) {
        items.add(read);
      }
    }
    return items;
  }

  /** The items of an array of strings; {@code null} for no array. */
  private @Nullable List<String> strings(@Nullable JsonNode array, String pointer, String what) {
    if (array == null) {
      return null;
    }
    List<String> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (node.isTextual()) {
        items.add(node.textValue());
      } else {
        errors.add(
            new RequestError(
                Pointers.child(pointer, i), Nodes.plain(node), what + " must be a string"));
      }
    }
    return items;
  }
}
