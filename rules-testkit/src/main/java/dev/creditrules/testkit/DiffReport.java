package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.testkit.PackDiff.Kind;
import dev.creditrules.testkit.PackDiff.LineError;
import dev.creditrules.testkit.PackDiff.OutcomeChange;
import dev.creditrules.testkit.PackDiff.RepairChange;
import dev.creditrules.testkit.PackDiff.Result;
import dev.creditrules.testkit.PackDiff.SubjectDiff;
import dev.creditrules.testkit.PackDiff.Tally;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link PackDiff.Result} as JSON, as a self-contained HTML page and as plain text. Unless
 * {@code showIds}, a natural person's subject id is masked and the personal values of invalid lines
 * hidden, as in the decision log ({@link SubjectMask}).
 */
final class DiffReport {
  /**
   * Writes pack lists and error lines only, which hold no fact: the writer needs no fact type, so
   * it is made over an empty model rather than either pack set's.
   */
  private static final ContractJson JSON = new ContractJson(new FactModel(List.of()));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MINUS = "\u2212";

  private DiffReport() {}

  // ------------------------------------------------------------------------------ JSON

  static String json(Result r, boolean showIds) {
    ObjectNode root = NODES.objectNode();
    root.put("requests", r.requests());
    root.put("decided", r.decided());
    root.put("invalid", r.errors().size());
    root.put("changedSubjects", r.changes().size());
    ObjectNode packs = root.putObject("packs");
    packs.set("before", JSON.trees().packsTree(r.beforePacks()));
    packs.set("after", JSON.trees().packsTree(r.afterPacks()));
    ArrayNode differ = packs.putArray("differ");
    for (PackRow p : packRows(r)) {
      if (!p.same()) {
        differ.add(p.key());
      }
    }
    ArrayNode byMeasure = root.putArray("byMeasure");
    r.byMeasure().forEach(t -> byMeasure.add(tally("measure", t)));
    ArrayNode byRule = root.putArray("byRule");
    r.byRule().forEach(t -> byRule.add(tally("rule", t)));
    ArrayNode subjects = root.putArray("subjects");
    for (SubjectDiff s : r.changes()) {
      ObjectNode n = subjects.addObject();
      n.put("line", s.line());
      n.put("requestId", s.requestId());
      n.put("subject", subject(s, showIds));
      n.put("asOf", s.asOf().toString());
      ArrayNode outcomes = n.putArray("outcomes");
      for (OutcomeChange c : s.outcomes()) {
        ObjectNode o = outcomes.addObject();
        o.put("list", c.list());
        o.put("kind", c.kind().name());
        o.put("measure", c.measure());
        ArrayNode facts = o.putArray("facts");
        c.facts().forEach(facts::add);
        ArrayNode fields = o.putArray("fields");
        c.fields().forEach(fields::add);
        o.set("before", outcome(c.before()));
        o.set("after", outcome(c.after()));
      }
      ArrayNode repairs = n.putArray("repairs");
      for (RepairChange c : s.repairs()) {
        ObjectNode o = repairs.addObject();
        o.put("fact", c.fact());
        o.put("kind", c.kind().name());
        o.put("procedure", c.procedure());
        ArrayNode fields = o.putArray("fields");
        c.fields().forEach(fields::add);
        o.set("before", repair(c.before()));
        o.set("after", repair(c.after()));
      }
    }
    ArrayNode errors = root.putArray("errors");
    for (LineError e : r.errors()) {
      errors.add(JSON.trees().batchErrorsTree(e.requestId(), e.line(), errors(e, showIds)));
    }
    return JSON.trees().writePretty(root) + "\n";
  }

  /** The subject's id as the report shows it. */
  private static String subject(SubjectDiff s, boolean showIds) {
    // an id that is there masks to a text
    return showIds
        ? s.subject()
        : Objects.requireNonNull(SubjectMask.mask(s.subject(), s.subjectType()));
  }

  /** An invalid line's errors as the report shows them (its subject's type is unknown). */
  private static List<RequestError> errors(LineError e, boolean showIds) {
    return showIds ? e.errors() : SubjectMask.errors(e.errors());
  }

  private static ObjectNode tally(String name, Tally t) {
    ObjectNode n = NODES.objectNode();
    n.put(name, t.key());
    n.put("added", t.added());
    n.put("removed", t.removed());
    n.put("changed", t.changed());
    n.put("subjects", t.subjects());
    ArrayNode rules = n.putArray("rules");
    t.rules().forEach(rules::add);
    return n;
  }

  private static @Nullable ObjectNode outcome(@Nullable Outcome o) {
    if (o == null) {
      return null;
    }
    ObjectNode n = NODES.objectNode();
    n.put("from", o.from().toString());
    n.put("until", date(o.until()));
    n.put("verified", o.verified());
    n.put("rule", o.rule());
    return n;
  }

  private static @Nullable ObjectNode repair(@Nullable Repair r) {
    if (r == null) {
      return null;
    }
    ObjectNode n = NODES.objectNode();
    n.put("status", r.status().name());
    n.put("earliest", date(r.earliest()));
    ArrayNode unmet = n.putArray("unmet");
    PackDiff.codes(r.unmet()).forEach(unmet::add);
    n.put("verified", r.verified());
    n.put("rule", r.rule());
    return n;
  }

  private static @Nullable String date(@Nullable LocalDate d) {
    return d == null ? null : d.toString();
  }

  // ------------------------------------------------------------------------------ packs

  /** One pack version of either set, with its digest before and after (null when absent). */
  private record PackRow(String key, String before, String after) {
    boolean same() {
      return Objects.equals(before, after);
    }
  }

  private static List<PackRow> packRows(Result r) {
    Map<String, String[]> rows = new TreeMap<>();
    r.beforePacks()
        .forEach(p -> rows.computeIfAbsent(p.toString(), k -> new String[2])[0] = p.digest());
    r.afterPacks()
        .forEach(p -> rows.computeIfAbsent(p.toString(), k -> new String[2])[1] = p.digest());
    List<PackRow> out = new ArrayList<>();
    rows.forEach((k, v) -> out.add(new PackRow(k, v[0], v[1])));
    return out;
  }

  // ------------------------------------------------------------------------------ text

  static String text(Result r, boolean showIds) {
    StringBuilder b = new StringBuilder();
    b.append(r.requests())
        .append(" requests, ")
        .append(r.decided())
        .append(" decided under both pack sets, ")
        .append(r.errors().size())
        .append(" invalid; ")
        .append(r.changes().size())
        .append(r.changes().size() == 1 ? " subject" : " subjects")
        .append(" changed\n");
    List<PackRow> differ = packRows(r).stream().filter(p -> !p.same()).toList();
    if (differ.isEmpty()) {
      b.append("pack versions: the same in both sets\n");
    } else {
      b.append("pack versions that differ:\n");
      for (PackRow p : differ) {
        b.append("  ")
            .append(p.key())
            .append(": ")
            .append(p.before() == null ? "(absent)" : shortDigest(p.before()))
            .append(" -> ")
            .append(p.after() == null ? "(absent)" : shortDigest(p.after()))
            .append('\n');
      }
    }
    if (!r.byMeasure().isEmpty()) {
      b.append("by measure:\n");
      r.byMeasure().forEach(t -> tallyLine(b, t, false));
    }
    if (!r.byRule().isEmpty()) {
      b.append("by rule:\n");
      r.byRule().forEach(t -> tallyLine(b, t, true));
    }
    if (!r.changes().isEmpty()) {
      b.append("changes:\n");
    }
    for (SubjectDiff s : r.changes()) {
      b.append("  line ")
          .append(s.line())
          .append(' ')
          .append(s.requestId() == null ? "-" : s.requestId())
          .append(' ')
          .append(subject(s, showIds))
          .append(" asOf ")
          .append(s.asOf())
          .append('\n');
      for (OutcomeChange c : s.outcomes()) {
        b.append("    ")
            .append(sign(c.kind()))
            .append(' ')
            .append(c.list())
            .append(' ')
            .append(c.measure())
            .append(' ')
            .append(c.facts())
            .append(' ')
            .append(describe(c))
            .append('\n');
      }
      for (RepairChange c : s.repairs()) {
        b.append("    ")
            .append(sign(c.kind()))
            .append(" repair ")
            .append(c.fact())
            .append(c.procedure() == null ? "" : " " + c.procedure())
            .append(' ')
            .append(describe(c))
            .append('\n');
      }
    }
    if (!r.errors().isEmpty()) {
      b.append("invalid lines:\n");
      for (LineError e : r.errors()) {
        b.append("  line ")
            .append(e.line())
            .append(' ')
            .append(e.requestId() == null ? "-" : e.requestId())
            .append(": ");
        b.append(String.join("; ", errors(e, showIds).stream().map(x -> x.toString()).toList()))
            .append('\n');
      }
    }
    return b.toString();
  }

  private static void tallyLine(StringBuilder b, Tally t, boolean withRules) {
    b.append(
        String.format(
            java.util.Locale.ROOT,
            "  %-40s %-14s %d subject%s",
            t.key() + ":",
            t.counts(),
            t.subjects(),
            t.subjects() == 1 ? "" : "s"));
    if (withRules) {
      b.append("  ").append(String.join(", ", t.rules()));
    }
    b.append('\n');
  }

  private static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "\u2026" : digest;
  }

  static String sign(Kind k) {
    return switch (k) {
      case ADDED -> "+";
      case REMOVED -> MINUS;
      case CHANGED -> "~";
    };
  }

  /** The attributes of an outcome change in words: {@code until 2027-05-10 -> 2026-11-10}. */
  static String describe(OutcomeChange c) {
    // an added change has an after, a removed one a before, a changed one both
    if (c.kind() == Kind.ADDED) {
      return window(Objects.requireNonNull(c.after()));
    }
    if (c.kind() == Kind.REMOVED) {
      return window(Objects.requireNonNull(c.before()));
    }
    List<String> parts = new ArrayList<>();
    for (String f : c.fields()) {
      parts.add(
          f
              + " "
              + value(Objects.requireNonNull(c.before()), f)
              + " -> "
              + value(Objects.requireNonNull(c.after()), f));
    }
    return String.join(", ", parts);
  }

  /** The attributes of a repair change in words. */
  static String describe(RepairChange c) {
    // an added change has an after, a removed one a before, a changed one both
    if (c.kind() == Kind.ADDED) {
      return state(Objects.requireNonNull(c.after()));
    }
    if (c.kind() == Kind.REMOVED) {
      return state(Objects.requireNonNull(c.before()));
    }
    List<String> parts = new ArrayList<>();
    for (String f : c.fields()) {
      parts.add(
          f
              + " "
              + value(Objects.requireNonNull(c.before()), f)
              + " -> "
              + value(Objects.requireNonNull(c.after()), f));
    }
    return String.join(", ", parts);
  }

  private static String window(Outcome o) {
    return o.from()
        + "\u2026"
        + (o.until() == null ? "" : o.until())
        + (o.verified() ? "" : " unverified")
        + " ("
        + o.rule()
        + ")";
  }

  private static String state(Repair r) {
    return r.status()
        + (r.earliest() == null ? "" : " from " + r.earliest())
        + (r.unmet().isEmpty() ? "" : " unmet " + PackDiff.codes(r.unmet()))
        + " ("
        + r.rule()
        + ")";
  }

  private static String value(Outcome o, String field) {
    return switch (field) {
      case "from" -> String.valueOf(o.from());
      case "until" -> o.until() == null ? "open" : o.until().toString();
      case "verified" -> String.valueOf(o.verified());
      default -> o.rule();
    };
  }

  private static String value(Repair r, String field) {
    return switch (field) {
      case "status" -> r.status().name();
      case "earliest" -> r.earliest() == null ? "none" : r.earliest().toString();
      case "unmet" -> PackDiff.codes(r.unmet()).toString();
      case "verified" -> String.valueOf(r.verified());
      default -> r.rule();
    };
  }

  // ------------------------------------------------------------------------------ HTML

  static String html(Result r, boolean showIds) {
    StringBuilder b = new StringBuilder();
    b.append("<p>")
        .append(r.requests())
        .append(" requests, ")
        .append(r.decided())
        .append(" decided under both pack sets, ")
        .append(r.errors().size())
        .append(" invalid. Subjects changed: <b>")
        .append(r.changes().size())
        .append("</b>.</p>\n");

    b.append(
        "<h2>Pack versions</h2>\n<table><tr><th>pack</th><th>before</th><th>after</th></tr>\n");
    for (PackRow p : packRows(r)) {
      b.append("<tr")
          .append(p.same() ? "" : " class=\"bad\"")
          .append("><td>")
          .append(Html.escape(p.key()))
          .append("</td><td><code>")
          .append(Html.escape(p.before() == null ? "(absent)" : shortDigest(p.before())))
          .append("</code></td><td><code>")
          .append(Html.escape(p.after() == null ? "(absent)" : shortDigest(p.after())))
          .append("</code></td></tr>\n");
    }
    b.append("</table>\n");

    tallies(b, "By measure", "measure or procedure", r.byMeasure());
    tallies(b, "By rule", "rule", r.byRule());

    b.append("<h2>Changes</h2>\n");
    if (r.changes().isEmpty()) {
      b.append("<p>No subject changed.</p>\n");
    } else {
      b.append(
          "<table><tr><th>line</th><th>request</th><th>subject</th><th>asOf</th><th></th><th>list</th>"
              + "<th>measure / fact</th><th>facts</th><th>before</th><th>after</th></tr>\n");
      for (SubjectDiff s : r.changes()) {
        int rows = s.size();
        boolean first = true;
        for (OutcomeChange c : s.outcomes()) {
          b.append("<tr>");
          if (first) {
            subjectCells(b, s, rows, showIds);
            first = false;
          }
          b.append(kindCell(c.kind()))
              .append("<td>")
              .append(c.list())
              .append("</td><td><code>")
              .append(Html.escape(c.measure()))
              .append("</code></td><td>")
              .append(Html.escape(String.join(", ", c.facts())))
              .append("</td><td>")
              .append(c.before() == null ? "" : Html.escape(describeSide(c, true)))
              .append("</td><td>")
              .append(c.after() == null ? "" : Html.escape(describeSide(c, false)))
              .append("</td></tr>\n");
        }
        for (RepairChange c : s.repairs()) {
          b.append("<tr>");
          if (first) {
            subjectCells(b, s, rows, showIds);
            first = false;
          }
          b.append(kindCell(c.kind()))
              .append("<td>repairs</td><td><code>")
              .append(Html.escape(c.procedure() == null ? "" : c.procedure()))
              .append("</code></td><td>")
              .append(Html.escape(c.fact()))
              .append("</td><td>")
              .append(c.before() == null ? "" : Html.escape(describeSide(c, true)))
              .append("</td><td>")
              .append(c.after() == null ? "" : Html.escape(describeSide(c, false)))
              .append("</td></tr>\n");
        }
      }
      b.append("</table>\n");
    }

    b.append("<h2>Invalid lines</h2>\n");
    if (r.errors().isEmpty()) {
      b.append("<p>None.</p>\n");
    } else {
      b.append("<table><tr><th>line</th><th>request</th><th>pointer</th><th>reason</th></tr>\n");
      for (LineError e : r.errors()) {
        int rows = e.errors().size();
        for (int i = 0; i < rows; i++) {
          b.append("<tr>");
          if (i == 0) {
            b.append("<td class=\"num\" rowspan=\"")
                .append(rows)
                .append("\">")
                .append(e.line())
                .append("</td><td rowspan=\"")
                .append(rows)
                .append("\">")
                .append(Html.escape(e.requestId() == null ? "" : e.requestId()))
                .append("</td>");
          }
          b.append("<td><code>")
              .append(Html.escape(e.errors().get(i).pointer()))
              .append("</code></td><td>")
              .append(Html.escape(e.errors().get(i).reason()))
              .append("</td></tr>\n");
        }
      }
      b.append("</table>\n");
    }
    return Html.page("credit-rules pack diff", b.toString());
  }

  private static void tallies(StringBuilder b, String title, String keyName, List<Tally> tallies) {
    b.append("<h2>").append(title).append("</h2>\n");
    if (tallies.isEmpty()) {
      b.append("<p>No change.</p>\n");
      return;
    }
    int max = tallies.stream().mapToInt(t -> t.added() + t.removed() + t.changed()).max().orElse(0);
    b.append("<table><tr><th>")
        .append(keyName)
        .append(
            "</th><th>added</th><th>removed</th><th>changed</th>"
                + "<th>subjects</th><th></th><th>rule ids</th></tr>\n");
    for (Tally t : tallies) {
      b.append("<tr><td><code>")
          .append(Html.escape(t.key()))
          .append("</code></td><td class=\"num\">+")
          .append(t.added())
          .append("</td><td class=\"num\">")
          .append(MINUS)
          .append(t.removed())
          .append("</td><td class=\"num\">~")
          .append(t.changed())
          .append("</td><td class=\"num\">")
          .append(t.subjects())
          .append("</td><td>")
          .append(Html.bar(t.added() + t.removed() + t.changed(), max))
          .append("</td><td><code>")
          .append(Html.escape(String.join(", ", t.rules())))
          .append("</code></td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void subjectCells(StringBuilder b, SubjectDiff s, int rows, boolean showIds) {
    String span = " rowspan=\"" + rows + "\"";
    b.append("<td class=\"num\"")
        .append(span)
        .append(">")
        .append(s.line())
        .append("</td><td")
        .append(span)
        .append(">")
        .append(Html.escape(s.requestId() == null ? "" : s.requestId()))
        .append("</td><td")
        .append(span)
        .append("><code>")
        .append(Html.escape(subject(s, showIds)))
        .append("</code></td><td")
        .append(span)
        .append(">")
        .append(s.asOf())
        .append("</td>");
  }

  private static String kindCell(Kind k) {
    String cls =
        switch (k) {
          case ADDED -> " class=\"good\"";
          case REMOVED -> " class=\"bad\"";
          case CHANGED -> "";
        };
    return "<td"
        + cls
        + " title=\""
        + k.name().toLowerCase(java.util.Locale.ROOT)
        + "\">"
        + sign(k)
        + "</td>";
  }

  private static String describeSide(OutcomeChange c, boolean before) {
    // the side shown is there: a removed change is shown before, an added one after
    Outcome o = Objects.requireNonNull(before ? c.before() : c.after());
    if (c.kind() != Kind.CHANGED) {
      return window(o);
    }
    List<String> parts = new ArrayList<>();
    for (String f : c.fields()) {
      parts.add(f + " " + value(o, f));
    }
    return String.join(", ", parts);
  }

  private static String describeSide(RepairChange c, boolean before) {
    // the side shown is there: a removed change is shown before, an added one after
    Repair r = Objects.requireNonNull(before ? c.before() : c.after());
    if (c.kind() != Kind.CHANGED) {
      return state(r);
    }
    List<String> parts = new ArrayList<>();
    for (String f : c.fields()) {
      parts.add(f + " " + value(r, f));
    }
    return String.join(", ", parts);
  }
}
