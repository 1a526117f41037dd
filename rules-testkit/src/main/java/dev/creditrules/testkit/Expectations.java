package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.pack.tree.FactModelReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks one case's {@code expect} block against the actual decision or error JSON, and, before any
 * case runs, the block itself ({@link #validate}).
 */
final class Expectations {
  static final Set<String> EXPECT_KEYS =
      new TreeSet<>(
          Set.of(
              "incentives",
              "sanctions",
              "warnings",
              "repairs",
              "disputes",
              "nextChangeOn",
              "packs",
              "errors"));
  static final List<String> LISTS = List.of("incentives", "sanctions", "warnings");
  static final Set<String> LIST_KEYS =
      new TreeSet<>(Set.of("include", "exclude", "only", "exactly"));
  static final Set<String> ERROR_KEYS = new TreeSet<>(Set.of("pointer", "reason"));
  static final Set<String> OUTCOME_KEYS =
      new TreeSet<>(
          Set.of(
              "measure",
              "from",
              "until",
              "facts",
              "verified",
              "rule",
              "sector",
              "group",
              "areas",
              "disputed"));
  static final Set<String> REPAIR_KEYS =
      new TreeSet<>(
          Set.of(
              "fact",
              "status",
              "earliest",
              "unmet",
              "route",
              "verified",
              "rule",
              "sector",
              "absent",
              "disputed",
              "withdrawnBy"));
  static final Set<String> DISPUTE_KEYS =
      new TreeSet<>(
          Set.of(
              "fact", "target", "channel", "raisedOn", "answerDue", "overdue", "verified", "rule"));

  private final JsonNode expect;
  private final JsonNode actual;
  private final boolean isError;
  private final List<String> failures = new ArrayList<>();

  Expectations(JsonNode expect, JsonNode actual, boolean isError) {
    this.expect = expect;
    this.actual = actual;
    this.isError = isError;
  }

  List<String> check() {
    if (expect.has("errors")) {
      if (!isError) {
        failures.add("expected errors but the request was decided");
        return failures;
      }
      checkErrors(expect.get("errors"));
      return failures;
    }
    if (isError) {
      // pointers and reasons only: the values (a person's id) are in the report's actual result,
      // masked
      List<String> errors = new ArrayList<>();
      actual
          .get("errors")
          .forEach(e -> errors.add(e.path("pointer").asText() + ": " + e.path("reason").asText()));
      failures.add(
          "expected a decision but the request was rejected: " + String.join("; ", errors));
      return failures;
    }
    for (String list : List.of("incentives", "sanctions", "warnings")) {
      if (expect.has(list)) {
        checkOutcomes(list, expect.get(list), actual.get(list));
      }
    }
    if (expect.has("repairs")) {
      checkRepairs(expect.get("repairs"), actual.get("repairs"));
    }
    if (expect.has("disputes")) {
      checkDisputes(expect.get("disputes"), actual.get("disputes"));
    }
    if (expect.has("nextChangeOn")) {
      JsonNode want = expect.get("nextChangeOn");
      JsonNode got = actual.get("nextChangeOn");
      String w = want == null || want.isNull() ? null : want.asText();
      String g = got == null || got.isNull() ? null : got.asText();
      if (!java.util.Objects.equals(w, g)) {
        failures.add("nextChangeOn: expected " + w + " but got " + g);
      }
    }
    if (expect.has("packs")) {
      List<String> want = texts(expect.get("packs"));
      List<String> got = new ArrayList<>();
      actual
          .get("packs")
          .forEach(p -> got.add(p.get("id").asText() + "@" + p.get("version").asText()));
      if (!want.equals(got)) {
        failures.add("packs: expected " + want + " but got " + got);
      }
    }
    return failures;
  }

  /**
   * The open disputes, exactly and in order ({@code disputes: []}: the key is absent); each entry
   * compares the keys it gives.
   */
  private void checkDisputes(JsonNode spec, JsonNode disputes) {
    int got = disputes == null ? 0 : disputes.size();
    if (disputes != null && disputes.isEmpty()) {
      failures.add("disputes: the key must be absent when no dispute is pending, not []");
    }
    if (spec.size() != got) {
      failures.add(
          "disputes: expected " + spec.size() + " entries but got " + got + ": " + disputes);
      return;
    }
    for (int i = 0; i < got; i++) {
      List<String> diff = mismatches(spec.get(i), disputes.get(i));
      if (!diff.isEmpty()) {
        failures.add("disputes[" + i + "]: " + String.join("; ", diff));
      }
    }
  }

  private void checkOutcomes(String list, JsonNode spec, JsonNode outcomes) {
    if (spec.has("exactly")) {
      // every outcome, in the contract's order, each compared on the keys it gives
      JsonNode want = spec.get("exactly");
      if (want.size() != outcomes.size()) {
        failures.add(
            list
                + ": expected exactly "
                + want.size()
                + " outcomes but got "
                + outcomes.size()
                + ": "
                + ids(outcomes));
      } else {
        for (int i = 0; i < want.size(); i++) {
          JsonNode w = want.get(i);
          if (w.isTextual()) {
            if (!w.asText().equals(outcomes.get(i).get("measure").asText())) {
              failures.add(
                  list
                      + "["
                      + i
                      + "]: expected "
                      + w.asText()
                      + " but was "
                      + outcomes.get(i).get("measure").asText());
            }
            continue;
          }
          List<String> diff = mismatches(w, outcomes.get(i));
          if (!diff.isEmpty()) {
            failures.add(
                list
                    + "["
                    + i
                    + "] "
                    + w.path("measure").asText()
                    + ": "
                    + String.join("; ", diff));
          }
        }
      }
    }
    if (spec.has("only")) {
      List<String> want = new ArrayList<>(new java.util.TreeSet<>(texts(spec.get("only"))));
      List<String> got = new ArrayList<>(new java.util.TreeSet<>(ids(outcomes)));
      if (!want.equals(got)) {
        failures.add(list + ": expected exactly the measures " + want + " but got " + got);
      }
    }
    for (JsonNode want : spec.path("include")) {
      String measure = want.isTextual() ? want.asText() : want.path("measure").asText();
      List<JsonNode> same = new ArrayList<>();
      outcomes.forEach(
          o -> {
            if (o.get("measure").asText().equals(measure)) {
              same.add(o);
            }
          });
      if (same.isEmpty()) {
        failures.add(
            list + ": expected " + measure + " but it is absent (present: " + ids(outcomes) + ")");
        continue;
      }
      if (want.isObject()) {
        List<JsonNode> ofFacts = sameFacts(want, same);
        if (ofFacts.isEmpty()) {
          List<String> facts = new ArrayList<>();
          same.forEach(o -> facts.add(texts(o.path("facts")).toString()));
          failures.add(
              list
                  + ": expected "
                  + measure
                  + " for facts "
                  + texts(want.get("facts"))
                  + " but "
                  + measure
                  + " is there only for facts "
                  + String.join(", ", facts));
          continue;
        }
        // several outcomes of one measure and facts: compare with the closest one
        JsonNode best = closest(want, ofFacts);
        List<String> diff = mismatches(want, best);
        if (!diff.isEmpty()) {
          failures.add(
              list
                  + ": "
                  + measure
                  + (ofFacts.size() > 1 ? " (closest of " + ofFacts.size() + ")" : "")
                  + ": "
                  + String.join("; ", diff));
        }
      }
    }
    for (JsonNode no : spec.path("exclude")) {
      outcomes.forEach(
          o -> {
            if (o.get("measure").asText().equals(no.asText())) {
              failures.add(list + ": expected no " + no.asText() + " but found " + brief(o));
            }
          });
    }
  }

  private void checkRepairs(JsonNode spec, JsonNode repairs) {
    for (JsonNode want : spec) {
      String fact = want.path("fact").asText();
      List<JsonNode> same = new ArrayList<>();
      for (JsonNode r : repairs) {
        if (r.get("fact").asText().equals(fact)) {
          same.add(r);
        }
      }
      JsonNode got = same.isEmpty() ? null : closest(want, same);
      boolean absent = want.path("absent").asBoolean(false);
      if (absent) {
        if (got != null) {
          failures.add("repairs: expected no entry for fact " + fact + " but found " + brief(got));
        }
        continue;
      }
      if (got == null) {
        failures.add("repairs: expected an entry for fact " + fact + " but there is none");
        continue;
      }
      List<String> diff = mismatches(want, got);
      if (!diff.isEmpty()) {
        failures.add("repairs[" + fact + "]: " + String.join("; ", diff));
      }
    }
  }

  private void checkErrors(JsonNode spec) {
    JsonNode errors = actual.get("errors");
    for (JsonNode want : spec) {
      String pointer = want.path("pointer").asText();
      String reason = want.path("reason").asText("");
      boolean found = false;
      for (JsonNode e : errors) {
        if (e.get("pointer").asText().equals(pointer)
            && e.get("reason").asText().contains(reason)) {
          found = true;
        }
      }
      if (!found) {
        failures.add("errors: expected " + want + " but got " + errors);
      }
    }
  }

  /** Every key of {@code want} whose value differs in {@code got}. */
  private static List<String> mismatches(JsonNode want, JsonNode got) {
    List<String> diff = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode w = e.getValue();
      JsonNode g = got.get(e.getKey());
      if (e.getKey().equals("unmet")) {
        List<String> codes = new ArrayList<>();
        got.get("unmet").forEach(u -> codes.add(u.get("code").asText()));
        if (!texts(w).equals(codes)) {
          diff.add("unmet expected " + texts(w) + " but was " + codes);
        }
      } else if (!same(w, g)) {
        diff.add(e.getKey() + " expected " + w + " but was " + g);
      }
    }
    return diff;
  }

  private static boolean same(JsonNode want, JsonNode got) {
    if (want == null || want.isNull()) {
      return got == null || got.isNull();
    }
    if (got == null) {
      return false;
    }
    if (want.isArray()) {
      return got.isArray() && texts(want).equals(texts(got));
    }
    return want.asText().equals(got.asText());
  }

  /** An outcome or repair entry without its names and legal bases: what a failure shows. */
  static JsonNode brief(JsonNode item) {
    com.fasterxml.jackson.databind.node.ObjectNode out = item.deepCopy();
    out.remove(List.of("name", "basis", "group", "areas", "sector"));
    if (out.has("unmet")) {
      com.fasterxml.jackson.databind.node.ArrayNode codes = out.putArray("unmet");
      item.get("unmet").forEach(u -> codes.add(u.path("code").asText()));
    }
    return out;
  }

  /**
   * The outcomes of {@code same} (one measure) that concern the facts {@code want} names; all of
   * them when it names none.
   */
  static List<JsonNode> sameFacts(JsonNode want, List<JsonNode> same) {
    if (!want.has("facts")) {
      return same;
    }
    return same.stream().filter(o -> same(want.get("facts"), o.get("facts"))).toList();
  }

  /** The item of {@code candidates} (not empty) that differs from {@code want} on fewest keys. */
  static JsonNode closest(JsonNode want, List<JsonNode> candidates) {
    JsonNode best = candidates.get(0);
    int fewest = Integer.MAX_VALUE;
    for (JsonNode c : candidates) {
      int n = mismatches(want, c).size();
      if (n < fewest) {
        best = c;
        fewest = n;
      }
    }
    return best;
  }

  /**
   * Checks an {@code expect} block before it runs: every key names an expectation, every measure id
   * is in {@code measures} (when not empty), every fact id is one of {@code facts} (the ids of the
   * case's request; null: not checked), statuses and unmet codes are the contract's. Each problem
   * goes to {@code problem} with the JSON pointer of its node below the block.
   */
  static void validate(
      JsonNode expect,
      @Nullable Set<String> facts,
      Set<String> measures,
      BiConsumer<String, String> problem) {
    for (Iterator<String> it = expect.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!EXPECT_KEYS.contains(k)) {
        problem.accept("/" + k, unknown("expectation", k, EXPECT_KEYS));
      }
    }
    for (String list : LISTS) {
      JsonNode spec = expect.get(list);
      if (spec == null) {
        continue;
      }
      String at = "/" + list;
      if (!spec.isObject()) {
        problem.accept(at, list + " must be a mapping of " + String.join(", ", LIST_KEYS));
        continue;
      }
      for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!LIST_KEYS.contains(k)) {
          problem.accept(at + "/" + k, unknown("key of " + list, k, LIST_KEYS));
        }
      }
      for (String key : LIST_KEYS) {
        JsonNode items = spec.get(key);
        if (items == null) {
          continue;
        }
        if (!items.isArray()) {
          problem.accept(at + "/" + key, list + "." + key + " must be a list");
          continue;
        }
        boolean ids = key.equals("exclude") || key.equals("only");
        for (int i = 0; i < items.size(); i++) {
          JsonNode item = items.get(i);
          String here = at + "/" + key + "/" + i;
          if (item.isTextual()) {
            measure(item.asText(), here, measures, problem);
          } else if (item.isObject() && !ids) {
            keys(item, OUTCOME_KEYS, "key of an outcome", here, problem);
            if (!item.path("measure").isTextual()) {
              problem.accept(here, "an outcome names its 'measure'");
            } else {
              measure(item.get("measure").asText(), here + "/measure", measures, problem);
            }
            JsonNode f = item.get("facts");
            if (f != null) {
              for (int j = 0; j < f.size(); j++) {
                fact(
                    f.get(j).asText(),
                    here + "/facts" + (f.isArray() ? "/" + j : ""),
                    facts,
                    problem);
              }
            }
          } else {
            problem.accept(
                here,
                ids
                    ? "an entry of " + key + " is a measure id"
                    : "an entry is a measure id or a mapping");
          }
        }
      }
    }
    entries(expect, "repairs", REPAIR_KEYS, "key of a repair entry", facts, problem);
    entries(expect, "disputes", DISPUTE_KEYS, "key of a dispute", facts, problem);
    entries(expect, "errors", ERROR_KEYS, "key of an error", null, problem);
    JsonNode repairs = expect.path("repairs");
    for (int i = 0; i < repairs.size(); i++) {
      JsonNode r = repairs.get(i);
      String here = "/repairs/" + i;
      if (r.has("status") && !names(RepairStatus.values()).contains(r.get("status").asText())) {
        problem.accept(
            here + "/status",
            unknown("repair status", r.get("status").asText(), names(RepairStatus.values())));
      }
      JsonNode unmet = r.path("unmet");
      for (int j = 0; j < unmet.size(); j++) {
        if (!names(UnmetCode.values()).contains(unmet.get(j).asText())) {
          problem.accept(
              here + "/unmet/" + j,
              unknown("unmet code", unmet.get(j).asText(), names(UnmetCode.values())));
        }
      }
    }
    if (expect.has("packs") && !expect.get("packs").isArray()) {
      problem.accept("/packs", "packs must be a list of id@version");
    }
  }

  private static void entries(
      JsonNode expect,
      String key,
      Set<String> allowed,
      String what,
      @Nullable Set<String> facts,
      BiConsumer<String, String> problem) {
    JsonNode list = expect.get(key);
    if (list == null) {
      return;
    }
    if (!list.isArray()) {
      problem.accept("/" + key, key + " must be a list");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String here = "/" + key + "/" + i;
      JsonNode e = list.get(i);
      if (!e.isObject()) {
        problem.accept(here, "an entry of " + key + " is a mapping");
        continue;
      }
      keys(e, allowed, what, here, problem);
      for (String f : List.of("fact", "target")) {
        if (allowed.contains(f)
            && e.has(f)
            && !(key.equals("repairs") && e.path("absent").asBoolean(false))) {
          fact(e.get(f).asText(), here + "/" + f, facts, problem);
        }
      }
      if (key.equals("repairs") && !e.has("fact")) {
        problem.accept(here, "a repair entry names its 'fact'");
      }
    }
  }

  private static void keys(
      JsonNode node,
      Set<String> allowed,
      String what,
      String at,
      BiConsumer<String, String> problem) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problem.accept(at + "/" + k, unknown(what, k, allowed));
      }
    }
  }

  private static void measure(
      String id, String at, Set<String> measures, BiConsumer<String, String> problem) {
    if (!measures.isEmpty() && !measures.contains(id)) {
      String hint = FactModelReader.suggestion(id, measures);
      problem.accept(
          at,
          "unknown measure id '"
              + id
              + "': no loaded pack's catalogue has it"
              + (hint == null ? "" : "; did you mean " + hint + "?"));
    }
  }

  private static void fact(
      String id, String at, @Nullable Set<String> facts, BiConsumer<String, String> problem) {
    if (facts != null && !facts.contains(id)) {
      problem.accept(
          at,
          "unknown fact id '" + id + "': the case's request has the facts " + new TreeSet<>(facts));
    }
  }

  /** "unknown WHAT 'value'" with the closest known value, or all of them when none is close. */
  static String unknown(String what, String value, Set<String> known) {
    String hint = FactModelReader.suggestion(value, known);
    return "unknown "
        + what
        + " '"
        + value
        + "'"
        + (hint == null
            ? ", expected one of " + String.join(", ", known)
            : "; did you mean " + hint + "?");
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> out = new TreeSet<>();
    for (Enum<?> v : values) {
      out.add(v.name());
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> ids(JsonNode outcomes) {
    List<String> out = new ArrayList<>();
    outcomes.forEach(o -> out.add(o.get("measure").asText()));
    return out;
  }
}
