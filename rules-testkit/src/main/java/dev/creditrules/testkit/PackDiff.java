package dev.creditrules.testkit;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Unmet;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.RuleInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a rule change does: decides the same requests under two pack sets ({@code before} and {@code
 * after}) and reports every subject whose incentives, sanctions, warnings or repairs changed, with
 * counts grouped by measure and by rule. The CLI's {@code credit-rules diff} is a thin wrapper
 * around {@link #run(CreditRulesEngine, CreditRulesEngine, Path)}; services call the same methods.
 *
 * <p>Requests are read one line at a time: only the changes are kept, so memory grows with the
 * number of changed subjects, not with the input. An invalid line is reported (with its line number
 * and {@code requestId}) and the next line is read; nothing stops a run but an unreadable input.
 * Each pack set reads a line with the fact types its own packs declare ({@code model()}): a line
 * that either cannot read is invalid, with the errors of {@code before}'s reading, else {@code
 * after}'s.
 *
 * <p>Reports: {@link Result#json()} (deterministic JSON), {@link Result#html()} (one self-contained
 * page) and {@link Result#summary()} (plain text). They mask natural persons' ids as the decision
 * log does ({@link SubjectMask}) unless asked to show them.
 */
public final class PackDiff {
  /** The outcome lists of a decision, in the contract's order. */
  static final List<String> LISTS = List.of("incentives", "sanctions", "warnings");

  private PackDiff() {}

  /**
   * One request line.
   *
   * @param number the 1-based line number in the input, used in reports
   * @param json the request's JSON text
   */
  public record Line(int number, String json) {
    public Line {
      Objects.requireNonNull(json, "json");
    }
  }

  /** How an outcome or repair differs between the two pack sets. */
  public enum Kind {
    /** Only the {@code after} packs give it. */
    ADDED,
    /** Only the {@code before} packs give it. */
    REMOVED,
    /** Both give it, with different attributes (listed in the change's {@code fields}). */
    CHANGED
  }

  /**
   * One outcome that differs. Outcomes are identified by (list, measure, facts): an outcome of the
   * same measure, in the same list, citing the same facts (in any order) under both pack sets is
   * the same outcome, and it is {@link Kind#CHANGED} when its {@code from}, {@code until}, {@code
   * verified} or {@code rule} ({@code pack@version/rule-name}) differ. Nothing else is compared:
   * pack digests always differ between pack sets, so a rule whose text changed but whose name and
   * result did not is not a change; catalogue attributes (names, basis, areas) are not compared
   * either, although a changed group or areas shows as an outcome moved or filtered out.
   *
   * @param list {@code incentives}, {@code sanctions} or {@code warnings}
   * @param kind added, removed or changed
   * @param measure the measure id
   * @param facts the ids of the facts the outcome cites
   * @param before the outcome under the {@code before} packs, {@code null} when added
   * @param after the outcome under the {@code after} packs, {@code null} when removed
   * @param fields for a change, the attributes that differ ({@code from}, {@code until}, {@code
   *     verified}, {@code rule}, in that order); empty otherwise
   */
  public record OutcomeChange(
      String list,
      Kind kind,
      String measure,
      List<String> facts,
      @Nullable Outcome before,
      @Nullable Outcome after,
      List<String> fields) {
    public OutcomeChange {
      Objects.requireNonNull(list, "list");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(measure, "measure");
      facts = List.copyOf(facts);
      fields = List.copyOf(fields);
    }
  }

  /**
   * One repair that differs, identified by its fact. {@link Kind#CHANGED} when its {@code status},
   * {@code earliest}, {@code unmet} conditions (their codes, in order), {@code verified} or {@code
   * rule} differ; route and basis (catalogue attributes) are not compared.
   *
   * @param fact the id of the repairable record
   * @param kind added, removed or changed
   * @param procedure the repair procedure id of the rule ({@code GEN-R-03}), from the rule's
   *     {@code @procedure} metadata ({@code after}'s when both differ), or {@code null} when the
   *     rule has none
   * @param before the repair under the {@code before} packs, {@code null} when added
   * @param after the repair under the {@code after} packs, {@code null} when removed
   * @param fields for a change, the attributes that differ ({@code status}, {@code earliest},
   *     {@code unmet}, {@code verified}, {@code rule}, in that order); empty otherwise
   */
  public record RepairChange(
      String fact,
      Kind kind,
      @Nullable String procedure,
      @Nullable Repair before,
      @Nullable Repair after,
      List<String> fields) {
    public RepairChange {
      Objects.requireNonNull(fact, "fact");
      Objects.requireNonNull(kind, "kind");
      fields = List.copyOf(fields);
    }
  }

  /**
   * The changes of one request (one subject).
   *
   * @param line the request's line number
   * @param requestId the request's id, or {@code null}
   * @param subject the subject's id, as given (reports mask a natural person's, see {@link
   *     Result#json(boolean)})
   * @param subjectType the subject's type
   * @param asOf the request's date
   * @param outcomes the outcomes that differ, by list (incentives, sanctions, warnings), then
   *     measure, then facts
   * @param repairs the repairs that differ, in the order of the facts in the request
   */
  public record SubjectDiff(
      int line,
      @Nullable String requestId,
      String subject,
      SubjectType subjectType,
      LocalDate asOf,
      List<OutcomeChange> outcomes,
      List<RepairChange> repairs) {
    public SubjectDiff {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(subjectType, "subjectType");
      Objects.requireNonNull(asOf, "asOf");
      outcomes = List.copyOf(outcomes);
      repairs = List.copyOf(repairs);
    }

    /** How many outcomes and repairs differ. */
    public int size() {
      return outcomes.size() + repairs.size();
    }
  }

  /**
   * A request line that was not decided.
   *
   * @param line the line number
   * @param requestId the line's {@code requestId} when the line parses far enough, else {@code
   *     null}
   * @param errors the contract errors, as {@code credit-rules evaluate} reports them; when a valid
   *     request fails inside one pack set (an internal error), one error with the pointer {@code
   *     ""} whose reason names the pack set
   */
  public record LineError(int line, @Nullable String requestId, List<RequestError> errors) {
    public LineError {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Counts of changes under one key.
   *
   * @param key a measure or repair-procedure id (by measure), or a rule id without its version,
   *     {@code pack/rule-name} (by rule)
   * @param added outcomes or repairs added
   * @param removed outcomes or repairs removed
   * @param changed outcomes or repairs changed
   * @param subjects how many subjects (request lines) have at least one of these changes
   * @param rules the full rule ids ({@code pack@version/rule-name}) behind these changes, from both
   *     pack sets, sorted
   */
  public record Tally(
      String key, int added, int removed, int changed, int subjects, List<String> rules) {
    public Tally {
      Objects.requireNonNull(key, "key");
      rules = List.copyOf(rules);
    }

    /** The counts as {@code +added −removed ~changed}. */
    public String counts() {
      return "+" + added + " \u2212" + removed + " ~" + changed;
    }

    /** {@code key: +added −removed ~changed}, for example {@code GEN-S-05: +3 −1 ~2}. */
    @Override
    public String toString() {
      return key + ": " + counts();
    }
  }

  /**
   * The result of a diff.
   *
   * @param beforePacks the pack versions of the {@code before} set, with digests
   * @param afterPacks the pack versions of the {@code after} set, with digests
   * @param requests how many request lines were read (blank lines are not requests)
   * @param decided how many were decided under both pack sets
   * @param errors the lines that were not decided, in input order
   * @param changes the subjects with at least one change, in input order
   * @param byMeasure counts by measure (outcomes) and repair procedure (repairs), sorted by key
   * @param byRule counts by rule without version ({@code pack/rule-name}), sorted by key; a changed
   *     outcome whose rule name differs counts under both rules
   */
  public record Result(
      List<PackRef> beforePacks,
      List<PackRef> afterPacks,
      int requests,
      int decided,
      List<LineError> errors,
      List<SubjectDiff> changes,
      List<Tally> byMeasure,
      List<Tally> byRule) {
    public Result {
      beforePacks = List.copyOf(beforePacks);
      afterPacks = List.copyOf(afterPacks);
      errors = List.copyOf(errors);
      changes = List.copyOf(changes);
      byMeasure = List.copyOf(byMeasure);
      byRule = List.copyOf(byRule);
    }

    /** True when at least one decided subject changed. */
    public boolean hasChanges() {
      return !changes.isEmpty();
    }

    /**
     * The result as indented JSON, natural persons' ids masked; the same result always gives the
     * same text.
     */
    public String json() {
      return json(false);
    }

    /**
     * The result as indented JSON.
     *
     * @param showIds false to mask natural persons' subject ids and the personal values of invalid
     *     lines as the decision log does ({@link SubjectMask}), true to show them as given
     */
    public String json(boolean showIds) {
      return DiffReport.json(this, showIds);
    }

    /** The result as one self-contained HTML page (no external assets), ids masked. */
    public String html() {
      return html(false);
    }

    /**
     * The result as one self-contained HTML page; {@code showIds} as for {@link #json(boolean)}.
     */
    public String html(boolean showIds) {
      return DiffReport.html(this, showIds);
    }

    /** A plain-text summary for people (counts, groups, every change on one line), ids masked. */
    public String summary() {
      return summary(false);
    }

    /** A plain-text summary for people; {@code showIds} as for {@link #json(boolean)}. */
    public String summary(boolean showIds) {
      return DiffReport.text(this, showIds);
    }
  }

  // ------------------------------------------------------------------------------ running

  /**
   * Diffs the requests of a JSON Lines file, read one line at a time; blank lines are skipped and
   * line numbers are 1-based.
   *
   * @throws IOException if the file cannot be read
   */
  public static Result run(CreditRulesEngine before, CreditRulesEngine after, Path jsonl)
      throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      return run(before, after, lines(reader));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Diffs the given request lines; blank lines are skipped. */
  public static Result run(CreditRulesEngine before, CreditRulesEngine after, Stream<Line> lines) {
    return run(before, after, lines.iterator());
  }

  /**
   * Diffs the given request lines, in order; blank lines are skipped. Each line is decided under
   * both engines and then dropped: only changes and errors are kept.
   */
  public static Result run(
      CreditRulesEngine before, CreditRulesEngine after, Iterator<Line> lines) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(lines, "lines");
    Differ differ = new Differ(procedures(before), procedures(after));
    // each side reads a request as its engine does, with the fact types its packs declare; when
    // both declare the same types (the usual case), one reading serves both
    ContractJson beforeJson = new ContractJson(before.model());
    ContractJson afterJson =
        before.model().types().equals(after.model().types())
            ? beforeJson
            : new ContractJson(after.model());
    int requests = 0;
    int decided = 0;
    List<LineError> errors = new ArrayList<>();
    List<SubjectDiff> changes = new ArrayList<>();
    while (lines.hasNext()) {
      Line line = lines.next();
      if (line.json().isBlank()) {
        continue;
      }
      requests++;
      Request request;
      Request afterRequest;
      try {
        request = beforeJson.readRequest(line.json());
        afterRequest = afterJson == beforeJson ? request : afterJson.readRequest(line.json());
      } catch (InvalidRequestException e) {
        errors.add(new LineError(line.number(), beforeJson.requestIdOf(line.json()), e.errors()));
        continue;
      }
      Decision b;
      Decision a;
      try {
        b = decide(before, request, "before");
        a = decide(after, afterRequest, "after");
      } catch (InvalidRequestException e) {
        errors.add(new LineError(line.number(), request.requestId(), e.errors()));
        continue;
      }
      decided++;
      SubjectDiff diff = differ.diff(line.number(), request, b, a);
      if (diff.size() > 0) {
        changes.add(diff);
      }
    }
    return new Result(
        before.packs(),
        after.packs(),
        requests,
        decided,
        errors,
        changes,
        differ.byMeasure.tallies(),
        differ.byRule.tallies());
  }

  /** The lines of a reader, numbered from 1, read lazily; the reader is not closed. */
  static Iterator<Line> lines(BufferedReader reader) {
    return new Iterator<>() {
      private int number;
      private @Nullable String next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = reader.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (next != null) {
            number++;
          }
        }
        return next != null;
      }

      @Override
      public Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        // hasNext() read the line
        Line line = new Line(number, Objects.requireNonNull(next));
        next = null;
        return line;
      }
    };
  }

  private static Decision decide(CreditRulesEngine engine, Request request, String side) {
    try {
      return engine.decide(request);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          List.of(
              new RequestError(
                  "",
                  null,
                  "not decided under the " + side + " packs: internal error: " + e.getMessage())));
    }
  }

  /** Rule id to its repair procedure ({@code @procedure} metadata). */
  private static Map<String, String> procedures(CreditRulesEngine engine) {
    Map<String, String> out = new HashMap<>();
    for (RuleInfo r : engine.rules()) {
      String p = r.metadata().get("procedure");
      if (p != null) {
        out.put(r.id(), p);
      }
    }
    return out;
  }

  /** {@code pack@version/name} without its version: {@code pack/name}. */
  static String unversioned(String ruleId) {
    int at = ruleId.indexOf('@');
    int slash = ruleId.indexOf('/');
    return at >= 0 && slash > at ? ruleId.substring(0, at) + ruleId.substring(slash) : ruleId;
  }

  // ------------------------------------------------------------------------------ comparing

  /** Compares decisions and keeps the running counts. */
  private static final class Differ {
    final Map<String, String> beforeProcedures;
    final Map<String, String> afterProcedures;
    final Tallies byMeasure = new Tallies();
    final Tallies byRule = new Tallies();

    Differ(Map<String, String> beforeProcedures, Map<String, String> afterProcedures) {
      this.beforeProcedures = beforeProcedures;
      this.afterProcedures = afterProcedures;
    }

    SubjectDiff diff(int line, Request request, Decision before, Decision after) {
      List<OutcomeChange> outcomes = new ArrayList<>();
      for (String list : LISTS) {
        outcomes.addAll(outcomes(list, outcomes(before, list), outcomes(after, list)));
      }
      outcomes.sort(
          Comparator.comparing((OutcomeChange c) -> LISTS.indexOf(c.list()))
              .thenComparing(OutcomeChange::measure)
              .thenComparing(c -> String.join(",", new TreeSet<>(c.facts())))
              .thenComparing(OutcomeChange::kind));
      List<RepairChange> repairs = repairs(before.repairs(), after.repairs());
      for (OutcomeChange c : outcomes) {
        byMeasure.count(Set.of(c.measure()), c.kind(), line, rules(c.before(), c.after()));
        countRules(c.kind(), line, rules(c.before(), c.after()));
      }
      for (RepairChange c : repairs) {
        Set<String> rules = rules(c.before(), c.after());
        Set<String> procedures = new TreeSet<>();
        if (c.before() != null) {
          procedures.add(beforeProcedures.getOrDefault(c.before().rule(), "repair"));
        }
        if (c.after() != null) {
          procedures.add(afterProcedures.getOrDefault(c.after().rule(), "repair"));
        }
        byMeasure.count(procedures, c.kind(), line, rules);
        countRules(c.kind(), line, rules);
      }
      return new SubjectDiff(
          line,
          request.requestId(),
          request.subject().id(),
          request.subject().type(),
          request.asOf(),
          outcomes,
          repairs);
    }

    private void countRules(Kind kind, int line, Set<String> fullIds) {
      Map<String, Set<String>> byKey = new TreeMap<>();
      fullIds.forEach(id -> byKey.computeIfAbsent(unversioned(id), k -> new TreeSet<>()).add(id));
      byKey.forEach((key, ids) -> byRule.count(Set.of(key), kind, line, ids));
    }

    private static Set<String> rules(@Nullable Outcome before, @Nullable Outcome after) {
      Set<String> rules = new TreeSet<>();
      if (before != null) {
        rules.add(before.rule());
      }
      if (after != null) {
        rules.add(after.rule());
      }
      return rules;
    }

    private static Set<String> rules(@Nullable Repair before, @Nullable Repair after) {
      Set<String> rules = new TreeSet<>();
      if (before != null) {
        rules.add(before.rule());
      }
      if (after != null) {
        rules.add(after.rule());
      }
      return rules;
    }

    private static List<Outcome> outcomes(Decision d, String list) {
      return switch (list) {
        case "incentives" -> d.incentives();
        case "sanctions" -> d.sanctions();
        default -> d.warnings();
      };
    }

    private record Key(String measure, Set<String> facts) {}

    /**
     * The changes of one list. Outcomes with the same key are paired: equal ones first, then the
     * rest in order as changes; what is left over is added or removed.
     */
    private static List<OutcomeChange> outcomes(
        String list, List<Outcome> before, List<Outcome> after) {
      Map<Key, List<Outcome>> b = byKey(before);
      Map<Key, List<Outcome>> a = byKey(after);
      Set<Key> keys = new java.util.LinkedHashSet<>(b.keySet());
      keys.addAll(a.keySet());
      List<OutcomeChange> changes = new ArrayList<>();
      for (Key key : keys) {
        List<Outcome> bs = new ArrayList<>(b.getOrDefault(key, List.of()));
        List<Outcome> as = new ArrayList<>(a.getOrDefault(key, List.of()));
        for (Iterator<Outcome> it = bs.iterator(); it.hasNext(); ) {
          Outcome o = it.next();
          for (Iterator<Outcome> jt = as.iterator(); jt.hasNext(); ) {
            if (fields(o, jt.next()).isEmpty()) {
              jt.remove();
              it.remove();
              break;
            }
          }
        }
        int paired = Math.min(bs.size(), as.size());
        for (int i = 0; i < paired; i++) {
          Outcome o = bs.get(i);
          changes.add(
              new OutcomeChange(
                  list,
                  Kind.CHANGED,
                  key.measure(),
                  o.facts(),
                  o,
                  as.get(i),
                  fields(o, as.get(i))));
        }
        for (Outcome o : bs.subList(paired, bs.size())) {
          changes.add(
              new OutcomeChange(list, Kind.REMOVED, key.measure(), o.facts(), o, null, List.of()));
        }
        for (Outcome o : as.subList(paired, as.size())) {
          changes.add(
              new OutcomeChange(list, Kind.ADDED, key.measure(), o.facts(), null, o, List.of()));
        }
      }
      return changes;
    }

    private static Map<Key, List<Outcome>> byKey(List<Outcome> outcomes) {
      Map<Key, List<Outcome>> map = new LinkedHashMap<>();
      for (Outcome o : outcomes) {
        map.computeIfAbsent(new Key(o.measure(), new TreeSet<>(o.facts())), k -> new ArrayList<>())
            .add(o);
      }
      return map;
    }

    private static List<String> fields(Outcome b, Outcome a) {
      List<String> fields = new ArrayList<>();
      if (!Objects.equals(b.from(), a.from())) {
        fields.add("from");
      }
      if (!Objects.equals(b.until(), a.until())) {
        fields.add("until");
      }
      if (b.verified() != a.verified()) {
        fields.add("verified");
      }
      if (!b.rule().equals(a.rule())) {
        fields.add("rule");
      }
      return fields;
    }

    private List<RepairChange> repairs(List<Repair> before, List<Repair> after) {
      Map<String, Repair> b = new LinkedHashMap<>();
      before.forEach(r -> b.putIfAbsent(r.fact(), r));
      Map<String, Repair> a = new LinkedHashMap<>();
      after.forEach(r -> a.putIfAbsent(r.fact(), r));
      Set<String> facts = new java.util.LinkedHashSet<>(b.keySet());
      facts.addAll(a.keySet());
      List<RepairChange> changes = new ArrayList<>();
      for (String fact : facts) {
        Repair rb = b.get(fact);
        Repair ra = a.get(fact);
        String procedure =
            ra != null
                ? afterProcedures.get(ra.rule())
                // the fact is in a or b
                : beforeProcedures.get(Objects.requireNonNull(rb).rule());
        if (rb == null) {
          changes.add(new RepairChange(fact, Kind.ADDED, procedure, null, ra, List.of()));
        } else if (ra == null) {
          changes.add(new RepairChange(fact, Kind.REMOVED, procedure, rb, null, List.of()));
        } else {
          List<String> fields = fields(rb, ra);
          if (!fields.isEmpty()) {
            changes.add(new RepairChange(fact, Kind.CHANGED, procedure, rb, ra, fields));
          }
        }
      }
      return changes;
    }

    private static List<String> fields(Repair b, Repair a) {
      List<String> fields = new ArrayList<>();
      if (b.status() != a.status()) {
        fields.add("status");
      }
      if (!Objects.equals(b.earliest(), a.earliest())) {
        fields.add("earliest");
      }
      if (!codes(b.unmet()).equals(codes(a.unmet()))) {
        fields.add("unmet");
      }
      if (b.verified() != a.verified()) {
        fields.add("verified");
      }
      if (!b.rule().equals(a.rule())) {
        fields.add("rule");
      }
      return fields;
    }
  }

  /** The unmet conditions' codes, in order. */
  static List<String> codes(List<Unmet> unmet) {
    return unmet.stream().map(u -> u.code().name()).toList();
  }

  /** Running counts per key. */
  private static final class Tallies {
    private final Map<String, Counter> counters = new TreeMap<>();

    void count(Set<String> keys, Kind kind, int line, Set<String> rules) {
      for (String key : keys) {
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        switch (kind) {
          case ADDED -> c.added++;
          case REMOVED -> c.removed++;
          case CHANGED -> c.changed++;
        }
        c.lines.add(line);
        c.rules.addAll(rules);
      }
    }

    List<Tally> tallies() {
      List<Tally> out = new ArrayList<>();
      counters.forEach(
          (key, c) ->
              out.add(
                  new Tally(
                      key, c.added, c.removed, c.changed, c.lines.size(), List.copyOf(c.rules))));
      return out;
    }
  }

  private static final class Counter {
    int added;
    int removed;
    int changed;
    final Set<Integer> lines = new TreeSet<>();
    final Set<String> rules = new TreeSet<>();
  }
}
