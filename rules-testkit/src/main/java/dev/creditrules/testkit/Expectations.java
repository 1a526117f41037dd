package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one case's {@code expect} block against the actual decision or error JSON. */
final class Expectations {
  private static final Set<String> OUTCOME_KEYS =
      Set.of(
          "measure", "from", "until", "facts", "verified", "rule", "sector", "group", "areas",
          "disputed");
  private static final Set<String> REPAIR_KEYS =
      Set.of(
          "fact", "status", "earliest", "unmet", "route", "verified", "rule", "sector", "absent",
          "disputed", "withdrawnBy");
  private static final Set<String> DISPUTE_KEYS =
      Set.of(
          "fact", "target", "channel", "raisedOn", "answerDue", "overdue", "verified", "rule");

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
      actual.get("errors").forEach(e -> errors.add(e.path("pointer").asText() + ": " + e.path("reason").asText()));
      failures.add("expected a decision but the request was rejected: " + String.join("; ", errors));
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
      actual.get("packs").forEach(p -> got.add(p.get("id").asText() + "@" + p.get("version").asText()));
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
      failures.add("disputes: expected " + spec.size() + " entries but got " + got + ": " + disputes);
      return;
    }
    for (int i = 0; i < got; i++) {
      checkKeys("disputes", spec.get(i), DISPUTE_KEYS);
      List<String> diff = mismatches(spec.get(i), disputes.get(i));
      if (!diff.isEmpty()) {
        failures.add("disputes[" + i + "]: " + String.join("; ", diff));
      }
    }
  }

  private void checkOutcomes(String list, JsonNode spec, JsonNode outcomes) {
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("include") && !k.equals("exclude") && !k.equals("only")
          && !k.equals("exactly")) {
        failures.add(list + ": unknown key '" + k + "' (use include, exclude, only and exactly)");
      }
    }
    if (spec.has("exactly")) {
      // every outcome, in the contract's order, each compared on the keys it gives
      JsonNode want = spec.get("exactly");
      if (want.size() != outcomes.size()) {
        failures.add(list + ": expected exactly " + want.size() + " outcomes but got "
            + outcomes.size() + ": " + ids(outcomes));
      } else {
        for (int i = 0; i < want.size(); i++) {
          JsonNode w = want.get(i);
          if (w.isTextual()) {
            if (!w.asText().equals(outcomes.get(i).get("measure").asText())) {
              failures.add(list + "[" + i + "]: expected " + w.asText() + " but was "
                  + outcomes.get(i).get("measure").asText());
            }
            continue;
          }
          checkKeys(list, w, OUTCOME_KEYS);
          List<String> diff = mismatches(w, outcomes.get(i));
          if (!diff.isEmpty()) {
            failures.add(list + "[" + i + "] " + w.path("measure").asText() + ": "
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
      outcomes.forEach(o -> {
        if (o.get("measure").asText().equals(measure)) {
          same.add(o);
        }
      });
      if (same.isEmpty()) {
        failures.add(list + ": expected " + measure + " but it is absent (present: " + ids(outcomes) + ")");
        continue;
      }
      if (want.isObject()) {
        checkKeys(list, want, OUTCOME_KEYS);
        boolean matched = same.stream().anyMatch(o -> mismatches(want, o).isEmpty());
        if (!matched) {
          failures.add(
              list + ": expected " + want + " but " + measure + " differs: "
                  + String.join("; ", mismatches(want, same.get(0))));
        }
      }
    }
    for (JsonNode no : spec.path("exclude")) {
      outcomes.forEach(o -> {
        if (o.get("measure").asText().equals(no.asText())) {
          failures.add(list + ": expected no " + no.asText() + " but found " + o);
        }
      });
    }
  }

  private void checkRepairs(JsonNode spec, JsonNode repairs) {
    for (JsonNode want : spec) {
      checkKeys("repairs", want, REPAIR_KEYS);
      String fact = want.path("fact").asText();
      JsonNode got = null;
      for (JsonNode r : repairs) {
        if (r.get("fact").asText().equals(fact)) {
          got = r;
        }
      }
      boolean absent = want.path("absent").asBoolean(false);
      if (absent) {
        if (got != null) {
          failures.add("repairs: expected no entry for fact " + fact + " but found " + got);
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
        if (e.get("pointer").asText().equals(pointer) && e.get("reason").asText().contains(reason)) {
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

  private void checkKeys(String where, JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        failures.add(where + ": unknown key '" + k + "' in " + node + ", expected one of " + allowed);
      }
    }
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
