package dev.creditrules.cli;

import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.ChangePoint.DisputeChange;
import dev.creditrules.api.ChangePoint.OutcomeChange;
import dev.creditrules.api.ChangePoint.RepairChange;
import dev.creditrules.api.Decision;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.testkit.Html;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The subject-facing reading of a timeline (信用修复指导): each sanction and warning with the day it
 * ends, each record with the day its repair opens, what is still missing and where to apply, in
 * Chinese and English (measure names as the catalogue gives them). Written as text ({@code
 * credit-rules timeline --guide}) or as one self-contained HTML page (inline CSS, no script, no
 * link to anything). A natural person's id is masked ({@link SubjectMask}).
 *
 * <p>Everything comes from the timeline: a measure ends on the day before the change point that
 * ends it, or on its {@code until}; a repair opens on the first day its entry is {@code ELIGIBLE};
 * what is missing is the entry's {@code unmet} on the last day looked at.
 */
final class RepairGuide {
  static final String TITLE_ZH = "信用修复指南";
  static final String TITLE_EN = "Credit repair guide";

  /** Each status in Chinese and English. */
  static final Map<RepairStatus, String[]> STATUS = new EnumMap<>(RepairStatus.class);

  /** Each unmet condition in English (the Chinese is the entry's own message). */
  static final Map<UnmetCode, String> UNMET_EN = new EnumMap<>(UnmetCode.class);

  static {
    STATUS.put(RepairStatus.REPAIRED, new String[] {"已修复", "repaired"});
    STATUS.put(RepairStatus.EXPIRED, new String[] {"已期满，无需修复", "over: nothing to repair"});
    STATUS.put(
        RepairStatus.NEVER,
        new String[] {"不适用信用修复，期满自动终止", "no repair: it ends when its term is over"});
    STATUS.put(RepairStatus.NOT_YET, new String[] {"暂不可申请修复", "not yet open to repair"});
    STATUS.put(RepairStatus.ELIGIBLE, new String[] {"可申请信用修复", "open to repair"});
    UNMET_EN.put(UnmetCode.MIN_PERIOD, "the minimum publication or waiting period is not over");
    UNMET_EN.put(
        UnmetCode.OBLIGATIONS_UNFULFILLED,
        "the legal obligations are not fulfilled or the sums not paid in full");
    UNMET_EN.put(UnmetCode.COMMITMENT_MISSING, "no credit commitment has been made");
    UNMET_EN.put(UnmetCode.NEW_VIOLATION, "a new act of dishonesty is on record");
    UNMET_EN.put(
        UnmetCode.CORRECTION_MISSING, "the dishonest act has not been corrected or rectified");
    UNMET_EN.put(UnmetCode.WINDOW_CLOSED, "the time for applying for repair has passed");
    UNMET_EN.put(UnmetCode.NOT_REPAIRABLE, "the rules exclude this record from repair");
    UNMET_EN.put(
        UnmetCode.NO_PROCEDURE, "there is no repair procedure: it ends when its term is over");
    UNMET_EN.put(UnmetCode.ON_LIST, "still on the business-abnormality or serious-dishonesty list");
  }

  /**
   * A sanction or warning in force on some day of the timeline.
   *
   * @param outcome its last known form (a changed window replaces the earlier one)
   * @param endedOn its last day when a change point ended it, otherwise {@code null} (then it lasts
   *     to {@code outcome.until()})
   */
  record Measure(Outcome outcome, @Nullable LocalDate endedOn) {
    /** The last day it applies, {@code null} when open-ended. */
    @Nullable LocalDate end() {
      return endedOn != null ? endedOn : outcome.until();
    }
  }

  /**
   * A repairable record and each entry it had, with the day it took effect: the first on {@code
   * asOf} (or on the change point its entry appeared on), then one per change of the entry.
   */
  record Record(List<Step> states) {
    Repair first() {
      return states.get(0).entry();
    }

    LocalDate firstDay() {
      return states.get(0).on();
    }

    Repair last() {
      return states.get(states.size() - 1).entry();
    }

    /** The first day its entry is {@code ELIGIBLE}, or {@code null}. */
    @Nullable LocalDate opensOn() {
      return states.stream()
          .filter(s -> s.entry().status() == RepairStatus.ELIGIBLE)
          .map(Step::on)
          .findFirst()
          .orElse(null);
    }

    /** The day {@code MIN_PERIOD} left the unmet conditions, or {@code null}. */
    @Nullable LocalDate waitOverOn() {
      for (int i = 1; i < states.size(); i++) {
        if (has(states.get(i - 1).entry(), UnmetCode.MIN_PERIOD)
            && !has(states.get(i).entry(), UnmetCode.MIN_PERIOD)) {
          return states.get(i).on();
        }
      }
      return null;
    }

    /** The last entry that was {@code NOT_YET}, or {@code null}. */
    @Nullable Repair lastNotYet() {
      Repair found = null;
      for (Step s : states) {
        if (s.entry().status() == RepairStatus.NOT_YET) {
          found = s.entry();
        }
      }
      return found;
    }

    /**
     * The first day repair is no longer possible ({@code NEVER} or {@code EXPIRED}) after it was
     * ({@code NOT_YET} or {@code ELIGIBLE}), or {@code null}.
     */
    @Nullable Step closes() {
      boolean possible = false;
      for (Step s : states) {
        RepairStatus status = s.entry().status();
        if (status == RepairStatus.NOT_YET || status == RepairStatus.ELIGIBLE) {
          possible = true;
        } else if (possible && (status == RepairStatus.NEVER || status == RepairStatus.EXPIRED)) {
          return s;
        }
      }
      return null;
    }

    /** The states after the first whose status differs from the one before. */
    List<Step> statusChanges() {
      List<Step> changes = new ArrayList<>();
      for (int i = 1; i < states.size(); i++) {
        if (states.get(i).entry().status() != states.get(i - 1).entry().status()) {
          changes.add(states.get(i));
        }
      }
      return changes;
    }
  }

  /** An entry of a record from a day on. */
  record Step(LocalDate on, Repair entry) {}

  private final Timeline timeline;
  private final List<Measure> sanctions = new ArrayList<>();
  private final List<Measure> warnings = new ArrayList<>();
  private final List<Measure> incentives = new ArrayList<>();
  private final List<Record> records = new ArrayList<>();

  private RepairGuide(Timeline timeline) {
    this.timeline = timeline;
  }

  /** The guide of {@code timeline}. */
  static RepairGuide of(Timeline timeline) {
    RepairGuide g = new RepairGuide(timeline);
    g.collectMeasures();
    g.collectRecords();
    return g;
  }

  List<Measure> sanctions() {
    return sanctions;
  }

  List<Measure> warnings() {
    return warnings;
  }

  List<Measure> incentives() {
    return incentives;
  }

  List<Record> records() {
    return records;
  }

  // ------------------------------------------------------------------------------ the model

  private record Key(String measure, String rule, List<String> facts, LocalDate from) {
    static Key of(Outcome o) {
      return new Key(o.measure(), o.rule(), o.facts(), o.from());
    }
  }

  private void collectMeasures() {
    List<Measure> all = new ArrayList<>();
    Map<Key, Integer> open = new LinkedHashMap<>();
    Decision start = timeline.start();
    List<Outcome> first = new ArrayList<>(start.sanctions());
    first.addAll(start.warnings());
    first.addAll(start.incentives());
    for (Outcome o : first) {
      open.put(Key.of(o), all.size());
      all.add(new Measure(o, null));
    }
    for (ChangePoint p : timeline.changes()) {
      for (Outcome o : p.ended()) {
        Integer at = open.remove(Key.of(o));
        if (at != null) {
          all.set(at, new Measure(all.get(at).outcome(), p.on().minusDays(1)));
        }
      }
      for (OutcomeChange c : p.changed()) {
        Integer at = open.get(Key.of(c.after()));
        if (at != null) {
          all.set(at, new Measure(c.after(), null));
        }
      }
      for (Outcome o : p.started()) {
        open.put(Key.of(o), all.size());
        all.add(new Measure(o, null));
      }
    }
    for (Measure m : all) {
      switch (m.outcome().group()) {
        case WARNING -> warnings.add(m);
        case INCENTIVE -> incentives.add(m);
        default -> sanctions.add(m);
      }
    }
  }

  private void collectRecords() {
    Map<String, List<Step>> byFact = new LinkedHashMap<>();
    for (Repair r : timeline.start().repairs()) {
      byFact.computeIfAbsent(r.fact(), k -> new ArrayList<>()).add(new Step(timeline.asOf(), r));
    }
    for (ChangePoint p : timeline.changes()) {
      for (RepairChange c : p.repairs()) {
        // an entry that went away keeps its last known state
        if (c.after() != null) {
          byFact.computeIfAbsent(c.fact(), k -> new ArrayList<>()).add(new Step(p.on(), c.after()));
        }
      }
    }
    byFact.values().forEach(states -> records.add(new Record(List.copyOf(states))));
  }

  private static boolean has(Repair r, UnmetCode code) {
    return r.unmet().stream().anyMatch(u -> u.code() == code);
  }

  // ------------------------------------------------------------------------------ text

  /** The guide as plain text, Chinese then English on each line. */
  String text() {
    StringBuilder b = new StringBuilder();
    b.append(TITLE_ZH).append(" · ").append(TITLE_EN).append('\n');
    b.append("主体 Subject: ").append(subject()).append('\n');
    b.append("日期 As of: ")
        .append(timeline.asOf())
        .append("；展望至 looking ahead to: ")
        .append(timeline.until())
        .append('\n');
    b.append(DISCLAIMER_ZH).append('\n').append(DISCLAIMER_EN).append('\n');
    if (timeline.truncated()) {
      b.append(truncatedNote()).append('\n');
    }
    section(b, "一、惩戒措施及其终止日期", "Sanctions and the day each ends", sanctions);
    section(b, "二、警示", "Warnings", warnings);
    b.append('\n').append("三、信用修复").append(" · ").append("Credit repair").append('\n');
    if (records.isEmpty()) {
      b.append("  无需修复的记录。 No record to repair.\n");
    }
    int n = 0;
    for (Record r : records) {
      n++;
      String prefix = n + ". ";
      String indent = " ".repeat(prefix.length());
      boolean first = true;
      for (String[] row : recordRows(r)) {
        b.append(first ? prefix : indent)
            .append(row[0].replace(" | ", " "))
            .append(": ")
            .append(row[1].replace(" | ", " / "))
            .append('\n');
        first = false;
      }
    }
    section(b, "四、守信激励", "Incentives", incentives);
    List<OpenDispute> disputes = pendingDisputes();
    if (!disputes.isEmpty()) {
      b.append('\n').append("五、待处理的异议").append(" · ").append("Objections pending").append('\n');
      for (OpenDispute d : disputes) {
        b.append("  - ").append(disputeLine(d)).append('\n');
      }
    }
    return b.toString();
  }

  private void section(StringBuilder b, String zh, String en, List<Measure> measures) {
    b.append('\n').append(zh).append(" · ").append(en).append('\n');
    if (measures.isEmpty()) {
      b.append("  无。 None.\n");
      return;
    }
    int n = 0;
    for (Measure m : measures) {
      n++;
      Outcome o = m.outcome();
      b.append(n).append(". ").append(o.measure()).append(' ').append(o.name().zh()).append('\n');
      b.append("   ").append(o.name().en()).append('\n');
      b.append("   ").append(periodZh(m)).append('\n');
      b.append("   ").append(periodEn(m)).append('\n');
      b.append("   依据记录 Records: ").append(String.join(", ", o.facts()));
      if (Boolean.TRUE.equals(o.disputed())) {
        b.append("（有异议 disputed）");
      }
      b.append('\n');
    }
  }

  // ------------------------------------------------------------------------------ html

  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',"
          + "sans-serif;margin:2em auto;max-width:52em;padding:0 1em;color:#222;line-height:1.5}"
          + "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;"
          + "border-bottom:1px solid #ccc}.en{color:#555}.meta{color:#444}.note{font-size:.9em;"
          + "color:#666}table{border-collapse:collapse;width:100%;margin:.5em 0}"
          + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3;width:11em}.open{color:#075;font-weight:bold}"
          + ".wait{color:#a50}.none{color:#666}code{font-family:ui-monospace,monospace}";

  /** The guide as one self-contained HTML page (UTF-8, inline CSS, no script, no link). */
  String html() {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.escape(TITLE_ZH + " · " + TITLE_EN))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    b.append("<h1>")
        .append(Html.escape(TITLE_ZH))
        .append(" <span class=\"en\">")
        .append(Html.escape(TITLE_EN))
        .append("</span></h1>\n");
    b.append("<p class=\"meta\">主体 <span class=\"en\">Subject</span>: <code>")
        .append(Html.escape(subject()))
        .append("</code><br>日期 <span class=\"en\">As of</span>: ")
        .append(timeline.asOf())
        .append("；展望至 <span class=\"en\">looking ahead to</span>: ")
        .append(timeline.until())
        .append("</p>\n");
    b.append("<p class=\"note\">")
        .append(Html.escape(DISCLAIMER_ZH))
        .append("<br><span class=\"en\">")
        .append(Html.escape(DISCLAIMER_EN))
        .append("</span></p>\n");
    if (timeline.truncated()) {
      b.append("<p class=\"note\">").append(Html.escape(truncatedNote())).append("</p>\n");
    }
    htmlSection(b, "一、惩戒措施及其终止日期", "Sanctions and the day each ends", sanctions);
    htmlSection(b, "二、警示", "Warnings", warnings);
    b.append("<h2>三、信用修复 <span class=\"en\">Credit repair</span></h2>\n");
    if (records.isEmpty()) {
      b.append("<p class=\"none\">无需修复的记录。 <span class=\"en\">No record to repair.</span></p>\n");
    }
    for (Record r : records) {
      b.append("<table>");
      List<String[]> rows = recordRows(r);
      for (String[] row : rows) {
        String css = row.length > 2 ? " class=\"" + row[2] + "\"" : "";
        b.append("<tr><th>")
            .append(bilingualHtml(row[0]))
            .append("</th><td")
            .append(css)
            .append(">")
            .append(bilingualHtml(row[1]))
            .append("</td></tr>");
      }
      b.append("</table>\n");
    }
    htmlSection(b, "四、守信激励", "Incentives", incentives);
    List<OpenDispute> disputes = pendingDisputes();
    if (!disputes.isEmpty()) {
      b.append("<h2>五、待处理的异议 <span class=\"en\">Objections pending</span></h2>\n<ul>");
      for (OpenDispute d : disputes) {
        b.append("<li>").append(Html.escape(disputeLine(d))).append("</li>");
      }
      b.append("</ul>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  private void htmlSection(StringBuilder b, String zh, String en, List<Measure> measures) {
    b.append("<h2>")
        .append(Html.escape(zh))
        .append(" <span class=\"en\">")
        .append(Html.escape(en))
        .append("</span></h2>\n");
    if (measures.isEmpty()) {
      b.append("<p class=\"none\">无。 <span class=\"en\">None.</span></p>\n");
      return;
    }
    b.append("<table><tr><th>措施 <span class=\"en\">Measure</span></th>")
        .append("<th>期间 <span class=\"en\">Period</span></th>")
        .append("<th>依据记录 <span class=\"en\">Records</span></th></tr>");
    for (Measure m : measures) {
      Outcome o = m.outcome();
      b.append("<tr><td><code>")
          .append(Html.escape(o.measure()))
          .append("</code> ")
          .append(Html.escape(o.name().zh()))
          .append("<br><span class=\"en\">")
          .append(Html.escape(o.name().en()))
          .append("</span></td><td>")
          .append(Html.escape(periodZh(m)))
          .append("<br><span class=\"en\">")
          .append(Html.escape(periodEn(m)))
          .append("</span></td><td>")
          .append(Html.escape(String.join(", ", o.facts())))
          .append(
              Boolean.TRUE.equals(o.disputed()) ? "（有异议 <span class=\"en\">disputed</span>）" : "")
          .append("</td></tr>");
    }
    b.append("</table>\n");
  }

  /** {@code "中文 | English"} as HTML: the English part in its own style. */
  private static String bilingualHtml(String text) {
    int bar = text.indexOf(" | ");
    if (bar < 0) {
      return Html.escape(text);
    }
    return Html.escape(text.substring(0, bar))
        + "<br><span class=\"en\">"
        + Html.escape(text.substring(bar + 3))
        + "</span>";
  }

  // ------------------------------------------------------------------------------ shared words

  static final String DISCLAIMER_ZH = "本指南根据所提供的信用记录推算，仅供参考，以主管部门的决定为准。";
  static final String DISCLAIMER_EN =
      "Worked out from the records given, for guidance only: the authorities' decisions prevail.";

  private String truncatedNote() {
    return "仅列至 "
        + timeline.nextChangeOn()
        + " 前的变化（变化次数已达上限）。 Only the changes before "
        + timeline.nextChangeOn()
        + " are shown (the limit of changes was reached).";
  }

  private String subject() {
    SubjectType type = timeline.subject().type();
    return SubjectMask.mask(timeline.subject().id(), type) + " (" + type + ")";
  }

  private String periodZh(Measure m) {
    Outcome o = m.outcome();
    String from = o.from().isAfter(timeline.asOf()) ? o.from() + " 起" : "自 " + o.from() + " 起";
    LocalDate end = m.end();
    return from + (end == null ? "，无固定期限" : "，至 " + end + " 止（含当日）");
  }

  private String periodEn(Measure m) {
    Outcome o = m.outcome();
    String from = (o.from().isAfter(timeline.asOf()) ? "Starts on " : "From ") + o.from();
    LocalDate end = m.end();
    return from + (end == null ? ", open-ended" : " to " + end + " inclusive");
  }

  /** The rows of a record: label, value (each {@code "中文 | English"}), optional CSS class. */
  private List<String[]> recordRows(Record r) {
    List<String[]> rows = new ArrayList<>();
    Repair first = r.first();
    Repair last = r.last();
    rows.add(
        new String[] {
          "记录 | Record",
          first.fact()
              + "（"
              + first.sector()
              + "）"
              + (Boolean.TRUE.equals(last.disputed()) ? "，有异议 | disputed" : "")
        });
    if (r.firstDay().isAfter(timeline.asOf())) {
      rows.add(new String[] {"生效 | Takes part from", r.firstDay().toString()});
    }
    rows.add(new String[] {"现状 | Now", words(first.status())});
    if (first.status() == RepairStatus.NOT_YET && !first.unmet().isEmpty()) {
      rows.add(new String[] {"欠缺条件 | Not met now", unmet(first.unmet()), "wait"});
    }
    LocalDate waitOver = r.waitOverOn();
    if (waitOver != null) {
      rows.add(new String[] {"最短期限届满 | Waiting period over", waitOver.toString()});
    }
    LocalDate opens = r.opensOn();
    Repair notYet = r.lastNotYet();
    if (opens != null) {
      boolean already = !opens.isAfter(timeline.asOf());
      Repair open =
          r.states().stream().filter(s -> s.on().equals(opens)).findFirst().orElseThrow().entry();
      rows.add(
          new String[] {
            "可申请修复 | Repair opens",
            already
                ? "现在即可申请" + since(open) + " | now" + sinceEn(open)
                : opens + " 起 | on " + opens,
            "open"
          });
    } else if (notYet != null) {
      rows.add(
          new String[] {
            "可申请修复 | Repair opens",
            notYet.earliest() == null
                ? "尚无法推算：缺少所需的日期（如履行完毕或整改完成之日） | cannot be worked out yet: a date it needs (such as"
                    + " when the obligations were fulfilled or the act corrected) is not known"
                : "时间条件自 "
                    + notYet.earliest()
                    + " 起满足，还须满足下列条件 | the time conditions"
                    + " are met from "
                    + notYet.earliest()
                    + "; the conditions below must be met too",
            "wait"
          });
      List<Unmet> missing =
          notYet.unmet().stream()
              .filter(u -> waitOver == null || u.code() != UnmetCode.MIN_PERIOD)
              .toList();
      if (!missing.isEmpty()) {
        rows.add(new String[] {"仍需满足 | Still missing", unmet(missing), "wait"});
      }
    }
    Step closes = r.closes();
    if (closes != null) {
      String[] after = status(closes.entry().status());
      rows.add(
          new String[] {
            "申请截止 | Apply before",
            closes.on()
                + " 之前（其后"
                + after[0]
                + "） | "
                + closes.on()
                + " (after that: "
                + after[1]
                + ")",
            "wait"
          });
    }
    for (Step s : r.statusChanges()) {
      Repair entry = s.entry();
      String text = words(entry.status());
      if (entry.status() == RepairStatus.NEVER && !entry.unmet().isEmpty()) {
        text = joinBilingual(text, unmet(entry.unmet()));
      }
      rows.add(new String[] {s.on() + " 起 | From " + s.on(), text});
    }
    if (first.status() == RepairStatus.NEVER && !first.unmet().isEmpty()) {
      rows.add(new String[] {"说明 | Why", unmet(first.unmet())});
    }
    if (last.route() != null) {
      rows.add(new String[] {"申请渠道 | Apply to", last.route()});
    }
    if (last.withdrawnBy() != null) {
      rows.add(
          new String[] {
            "撤销 | Withdrawn", "异议 " + last.withdrawnBy() + " | by dispute " + last.withdrawnBy()
          });
    }
    return rows;
  }

  /** A status's words, {@code {"中文", "English"}}. */
  private static String[] status(RepairStatus status) {
    // STATUS (above) names every RepairStatus
    return Objects.requireNonNull(STATUS.get(status), "STATUS misses a RepairStatus");
  }

  /** A status in both languages, {@code "中文 | English"}. */
  private static String words(RepairStatus status) {
    String[] w = status(status);
    return w[0] + " | " + w[1];
  }

  /** Two {@code "中文 | English"} texts as one: the Chinese parts, then the English parts. */
  private static String joinBilingual(String a, String b) {
    String[] x = a.split(" \\| ", 2);
    String[] y = b.split(" \\| ", 2);
    return x[0] + "：" + y[0] + " | " + x[1] + ": " + y[1];
  }

  private static String since(Repair r) {
    return r.earliest() == null ? "" : "（自 " + r.earliest() + " 起）";
  }

  private static String sinceEn(Repair r) {
    return r.earliest() == null ? "" : " (since " + r.earliest() + ")";
  }

  private static String unmet(List<Unmet> unmet) {
    StringBuilder zh = new StringBuilder();
    StringBuilder en = new StringBuilder();
    for (Unmet u : unmet) {
      zh.append(zh.length() == 0 ? "" : "；").append(u.message());
      en.append(en.length() == 0 ? "" : "; ").append(UNMET_EN.get(u.code()));
    }
    return zh + " | " + en;
  }

  private List<OpenDispute> pendingDisputes() {
    Map<String, OpenDispute> pending = new LinkedHashMap<>();
    if (timeline.start().disputes() != null) {
      timeline.start().disputes().forEach(d -> pending.put(d.fact(), d));
    }
    for (ChangePoint p : timeline.changes()) {
      for (DisputeChange c : p.disputes()) {
        if (c.after() == null) {
          pending.remove(c.fact());
        } else {
          pending.put(c.fact(), c.after());
        }
      }
    }
    return new ArrayList<>(pending.values());
  }

  private String disputeLine(OpenDispute d) {
    return "记录 "
        + d.target()
        + " 的异议 "
        + d.fact()
        + "（"
        + d.channel()
        + "，"
        + d.raisedOn()
        + " 提出"
        + (d.answerDue() == null ? "" : "，应于 " + d.answerDue() + " 前答复")
        + "） / objection "
        + d.fact()
        + " to record "
        + d.target()
        + " ("
        + d.channel()
        + ", raised "
        + d.raisedOn()
        + (d.answerDue() == null ? "" : ", answer due by " + d.answerDue())
        + ")";
  }
}
