package dev.creditrules.cli;

import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.ChangePoint.DisputeChange;
import dev.creditrules.api.ChangePoint.OutcomeChange;
import dev.creditrules.api.ChangePoint.RepairChange;
import dev.creditrules.api.Decision;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.Unmet;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The readable form of a timeline ({@code credit-rules timeline --text}): the state on {@code
 * asOf}, then each change point with what starts ({@code +}), ends ({@code -}) and changes ({@code
 * ~}), repair entries and disputes. A natural person's id is masked; the JSON form is the one to
 * process.
 */
final class TimelineText {
  private final StringBuilder b = new StringBuilder();

  private TimelineText() {}

  static String of(Timeline t) {
    return new TimelineText().write(t);
  }

  private String write(Timeline t) {
    line(
        "Timeline"
            + (t.requestId() == null ? "" : " of " + t.requestId())
            + ": subject "
            + SubjectMask.mask(t.subject().id(), t.subject().type())
            + " ("
            + t.subject().type()
            + "), "
            + t.asOf()
            + " to "
            + t.until()
            + ", "
            + (t.changes().isEmpty()
                ? "no change"
                : t.changes().size() + " change point" + (t.changes().size() == 1 ? "" : "s")));
    line("");
    line(t.asOf() + "  as of");
    state(t.start());
    for (ChangePoint p : t.changes()) {
      line("");
      line(p.on().toString());
      point(p);
    }
    line("");
    if (t.truncated()) {
      line(
          "Stopped after "
              + t.changes().size()
              + " change points (the limit of decisions): the next change, on "
              + t.nextChangeOn()
              + ", and those after it are not listed.");
    } else if (t.nextChangeOn() == null) {
      line("Nothing changes after " + last(t) + ".");
    } else {
      line("Next change after " + t.until() + ": " + t.nextChangeOn() + ".");
    }
    return b.toString();
  }

  private static LocalDate last(Timeline t) {
    return t.changes().isEmpty() ? t.asOf() : t.changes().get(t.changes().size() - 1).on();
  }

  private void state(Decision d) {
    outcomes("incentives", d.incentives());
    outcomes("sanctions", d.sanctions());
    outcomes("warnings", d.warnings());
    if (d.repairs().isEmpty()) {
      line("  repairs: none");
    } else {
      line("  repairs:");
      for (Repair r : d.repairs()) {
        line("    " + repair(r));
      }
    }
    if (d.disputes() != null) {
      line("  disputes pending:");
      for (OpenDispute o : d.disputes()) {
        line("    " + dispute(o));
      }
    }
  }

  private void outcomes(String title, List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      line("  " + title + ": none");
      return;
    }
    line("  " + title + ":");
    for (Outcome o : outcomes) {
      line("    " + outcome(o));
    }
  }

  private void point(ChangePoint p) {
    for (Outcome o : p.started()) {
      line("  + " + outcome(o));
    }
    for (Outcome o : p.ended()) {
      line("  - " + outcome(o));
    }
    for (OutcomeChange c : p.changed()) {
      line("  ~ " + outcome(c.after()) + "  (was " + window(c.before()) + mark(c.before()) + ")");
    }
    for (RepairChange c : p.repairs()) {
      Repair before = c.before();
      Repair after = c.after();
      if (before == null) {
        // a RepairChange has an entry before or after (it refuses neither)
        line(
            "  repair "
                + c.fact()
                + ": new entry "
                + repair(Objects.requireNonNull(after, "after")));
      } else if (after == null) {
        line("  repair " + c.fact() + ": entry gone (was " + repair(before) + ")");
      } else {
        line("  repair " + c.fact() + ": " + repairChange(before, after));
      }
    }
    for (DisputeChange c : p.disputes()) {
      // a DisputeChange has an entry after or, when closed, before
      OpenDispute d = Objects.requireNonNullElse(c.after(), c.before());
      line("  dispute " + c.fact() + ": " + c.kind().name().toLowerCase() + ", " + dispute(d));
    }
    if (p.isEmpty()) {
      line("  (the pack versions behind the decision change)");
    }
  }

  static String outcome(Outcome o) {
    return o.measure()
        + " "
        + o.name().en()
        + " / "
        + o.name().zh()
        + "  "
        + window(o)
        + mark(o)
        + "  facts "
        + (o.facts().isEmpty() ? "-" : String.join(", ", o.facts()))
        + "  "
        + o.rule();
  }

  static String window(Outcome o) {
    return o.from() + " .. " + (o.until() == null ? "open-ended" : o.until());
  }

  private static String mark(Outcome o) {
    return Boolean.TRUE.equals(o.disputed()) ? ", disputed" : "";
  }

  private static String repair(Repair r) {
    return r.fact()
        + " ("
        + r.sector()
        + ") "
        + r.status()
        + (r.earliest() == null ? "" : ", earliest " + r.earliest())
        + (r.unmet().isEmpty() ? "" : ", unmet " + codes(r.unmet()))
        + (Boolean.TRUE.equals(r.disputed()) ? ", disputed" : "")
        + (r.withdrawnBy() == null ? "" : ", withdrawn by " + r.withdrawnBy());
  }

  private static String repairChange(Repair a, Repair b) {
    StringBuilder s = new StringBuilder();
    s.append(a.status() == b.status() ? b.status().name() : a.status() + " -> " + b.status());
    if (!Objects.equals(a.earliest(), b.earliest())) {
      s.append(", earliest ").append(a.earliest()).append(" -> ").append(b.earliest());
    } else if (b.earliest() != null) {
      s.append(", earliest ").append(b.earliest());
    }
    if (!a.unmet().equals(b.unmet())) {
      s.append(", unmet ")
          .append(a.unmet().isEmpty() ? "none" : codes(a.unmet()))
          .append(" -> ")
          .append(b.unmet().isEmpty() ? "none" : codes(b.unmet()));
    }
    if (!Objects.equals(a.disputed(), b.disputed())) {
      s.append(Boolean.TRUE.equals(b.disputed()) ? ", now disputed" : ", no longer disputed");
    }
    if (!Objects.equals(a.withdrawnBy(), b.withdrawnBy())) {
      s.append(", withdrawn by ").append(b.withdrawnBy());
    }
    return s.toString();
  }

  private static String codes(List<Unmet> unmet) {
    return unmet.stream().map(u -> u.code().name()).collect(Collectors.joining(" "));
  }

  private static String dispute(OpenDispute d) {
    return d.fact()
        + " against "
        + d.target()
        + " ("
        + d.channel()
        + "), raised "
        + d.raisedOn()
        + (d.answerDue() == null ? ", no deadline" : ", answer due " + d.answerDue())
        + (d.overdue() ? ", overdue" : "");
  }

  private void line(String s) {
    b.append(s).append('\n');
  }
}
