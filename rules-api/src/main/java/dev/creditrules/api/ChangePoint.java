package dev.creditrules.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One day of a {@link Timeline} on which the decision changes: what starts, what ends, what
 * changes, and the decision of that day (in force until the next change point).
 *
 * <p>Outcomes are matched by measure, rule, facts and {@code from}: an outcome present on this day
 * and not the day before <em>starts</em>, one present the day before and gone now <em>ends</em>,
 * and one present on both days that differs in anything else (its window end {@code until}, its
 * {@code disputed} mark) is <em>changed</em>: one change, not an end and a start. An outcome whose
 * {@code from} moves is another outcome: it ends and the new one starts. Repair entries are matched
 * by their record ({@code fact}), pending disputes by their dispute fact.
 *
 * @param on the day the change takes effect: the decision of {@code on} differs from that of the
 *     day before
 * @param started outcomes in force on {@code on} and not the day before, in the decision's order
 *     (incentives, sanctions, warnings)
 * @param ended outcomes in force the day before and not on {@code on} (the last day of each is the
 *     day before {@code on}), in the previous decision's order
 * @param changed outcomes in force on both days whose window end, mark or other field changed, in
 *     the decision's order
 * @param repairs the repair entries that changed (status, {@code earliest}, {@code unmet} or any
 *     other field), appeared or went away, in the decision's order, then those gone
 * @param disputes the pending disputes that were opened, closed, became overdue or otherwise
 *     changed, in the decision's order, then those closed
 * @param decision the decision of {@code on}
 */
public record ChangePoint(
    LocalDate on,
    List<Outcome> started,
    List<Outcome> ended,
    List<OutcomeChange> changed,
    List<RepairChange> repairs,
    List<DisputeChange> disputes,
    Decision decision) {

  public ChangePoint {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(decision, "decision");
    started = List.copyOf(started);
    ended = List.copyOf(ended);
    changed = List.copyOf(changed);
    repairs = List.copyOf(repairs);
    disputes = List.copyOf(disputes);
    if (!decision.asOf().equals(on)) {
      throw new IllegalArgumentException(
          "the decision of a change point must be as of its day "
              + on
              + " but was as of "
              + decision.asOf());
    }
  }

  /**
   * The change from {@code before} (the decision in force the day before) to {@code after} (the
   * decision of the change point's day, {@code after.asOf()}).
   *
   * @throws IllegalArgumentException if {@code after} is not after {@code before}, or they decide
   *     about different subjects
   */
  public static ChangePoint between(Decision before, Decision after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (!after.asOf().isAfter(before.asOf())) {
      throw new IllegalArgumentException(
          "a change point must come after the decision it changes ("
              + before.asOf()
              + ") but was on "
              + after.asOf());
    }
    if (!before.subject().equals(after.subject())) {
      throw new IllegalArgumentException("both decisions must be about the same subject");
    }
    List<Outcome> was = outcomes(before);
    List<Outcome> now = outcomes(after);
    // outcomes equal on both days are no change, whatever their key
    List<Outcome> gone = minus(was, now);
    List<Outcome> fresh = minus(now, was);
    List<Outcome> started = new ArrayList<>();
    List<OutcomeChange> changed = new ArrayList<>();
    Map<OutcomeKey, List<Outcome>> goneByKey = new LinkedHashMap<>();
    for (Outcome o : gone) {
      goneByKey.computeIfAbsent(OutcomeKey.of(o), k -> new ArrayList<>()).add(o);
    }
    for (Outcome o : fresh) {
      List<Outcome> same = goneByKey.get(OutcomeKey.of(o));
      if (same == null || same.isEmpty()) {
        started.add(o);
      } else {
        Outcome old = same.remove(0);
        changed.add(new OutcomeChange(old, o));
      }
    }
    List<Outcome> ended = new ArrayList<>();
    for (Outcome o : gone) {
      // every gone outcome was filed under its key above
      List<Outcome> left = Objects.requireNonNull(goneByKey.get(OutcomeKey.of(o)));
      if (left.remove(o)) {
        ended.add(o);
      }
    }
    return new ChangePoint(
        after.asOf(),
        started,
        ended,
        changed,
        repairs(before.repairs(), after.repairs()),
        disputes(before.disputes(), after.disputes()),
        after);
  }

  /**
   * True when nothing is listed as changed (the decisions differ in their packs only, if at all).
   */
  public boolean isEmpty() {
    return started.isEmpty()
        && ended.isEmpty()
        && changed.isEmpty()
        && repairs.isEmpty()
        && disputes.isEmpty();
  }

  private static List<Outcome> outcomes(Decision d) {
    List<Outcome> all = new ArrayList<>(d.incentives());
    all.addAll(d.sanctions());
    all.addAll(d.warnings());
    return all;
  }

  /** {@code a} without one occurrence of each element of {@code b}, order kept. */
  private static <T> List<T> minus(List<T> a, List<T> b) {
    List<T> rest = new ArrayList<>(b);
    List<T> out = new ArrayList<>();
    for (T t : a) {
      if (!rest.remove(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<RepairChange> repairs(List<Repair> before, List<Repair> after) {
    Map<String, List<Repair>> was = new LinkedHashMap<>();
    for (Repair r : before) {
      was.computeIfAbsent(r.fact(), k -> new ArrayList<>()).add(r);
    }
    List<RepairChange> changes = new ArrayList<>();
    for (Repair r : after) {
      List<Repair> same = was.get(r.fact());
      Repair old = same == null || same.isEmpty() ? null : same.remove(0);
      if (!r.equals(old)) {
        changes.add(new RepairChange(r.fact(), old, r));
      }
    }
    for (List<Repair> left : was.values()) {
      for (Repair r : left) {
        changes.add(new RepairChange(r.fact(), r, null));
      }
    }
    return changes;
  }

  private static List<DisputeChange> disputes(
      @Nullable List<OpenDispute> before, @Nullable List<OpenDispute> after) {
    Map<String, OpenDispute> was = new LinkedHashMap<>();
    if (before != null) {
      for (OpenDispute d : before) {
        was.put(d.fact(), d);
      }
    }
    List<DisputeChange> changes = new ArrayList<>();
    if (after != null) {
      for (OpenDispute d : after) {
        OpenDispute old = was.remove(d.fact());
        if (old == null) {
          changes.add(new DisputeChange(d.fact(), DisputeChange.Kind.OPENED, null, d));
        } else if (!old.equals(d)) {
          DisputeChange.Kind kind =
              !old.overdue() && d.overdue()
                  ? DisputeChange.Kind.OVERDUE
                  : DisputeChange.Kind.CHANGED;
          changes.add(new DisputeChange(d.fact(), kind, old, d));
        }
      }
    }
    for (OpenDispute d : was.values()) {
      changes.add(new DisputeChange(d.fact(), DisputeChange.Kind.CLOSED, d, null));
    }
    return changes;
  }

  /** What identifies an outcome across days: measure, rule, facts and first day. */
  private record OutcomeKey(String measure, String rule, List<String> facts, LocalDate from) {
    static OutcomeKey of(Outcome o) {
      return new OutcomeKey(o.measure(), o.rule(), o.facts(), o.from());
    }
  }

  /**
   * An outcome in force on both days (the same measure, rule, facts and {@code from}) that changed:
   * its window end, its {@code disputed} mark or another field.
   *
   * @param before the outcome in force the day before
   * @param after the outcome in force on the change point's day
   */
  public record OutcomeChange(Outcome before, Outcome after) {
    public OutcomeChange {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * A repair entry that changed, appeared or went away.
   *
   * @param fact the record the entry is about
   * @param before the entry the day before, or {@code null} when it appears (its record takes part
   *     from this day)
   * @param after the entry on the change point's day, or {@code null} when it went away
   */
  public record RepairChange(String fact, @Nullable Repair before, @Nullable Repair after) {
    public RepairChange {
      Objects.requireNonNull(fact, "fact");
      if (before == null && after == null) {
        throw new IllegalArgumentException("a repair change needs an entry before or after");
      }
    }
  }

  /**
   * A pending dispute that was opened, closed, became overdue or otherwise changed.
   *
   * @param fact the id of the dispute fact
   * @param kind what happened
   * @param before the entry the day before, or {@code null} when opened
   * @param after the entry on the change point's day, or {@code null} when closed
   */
  public record DisputeChange(
      String fact, Kind kind, @Nullable OpenDispute before, @Nullable OpenDispute after) {
    public DisputeChange {
      Objects.requireNonNull(fact, "fact");
      Objects.requireNonNull(kind, "kind");
      if ((before == null) != (kind == Kind.OPENED) || (after == null) != (kind == Kind.CLOSED)) {
        throw new IllegalArgumentException(
            kind
                + " must have "
                + (kind == Kind.OPENED ? "no" : "an")
                + " entry before and "
                + (kind == Kind.CLOSED ? "no" : "an")
                + " entry after");
      }
    }

    /** What happened to a pending dispute. */
    public enum Kind {
      /** Pending from this day (raised, or its record takes part from this day). */
      OPENED,
      /** No longer pending (answered, resolved, withdrawn). */
      CLOSED,
      /** Still pending, and its answer is overdue from this day. */
      OVERDUE,
      /** Still pending, with another entry (another deadline or mark). */
      CHANGED
    }
  }
}
