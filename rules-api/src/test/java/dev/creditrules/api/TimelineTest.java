package dev.creditrules.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.ChangePoint.DisputeChange;
import dev.creditrules.api.ChangePoint.OutcomeChange;
import dev.creditrules.api.ChangePoint.RepairChange;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link CreditRules#timeline} and {@link ChangePoint#between} on decisions made by hand: a
 * scripted subject whose decision changes on six known days, and engines whose {@code nextChangeOn}
 * is exact, early (not tight) or broken.
 */
class TimelineTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 2, 1);
  static final SubjectRef SUBJECT = new SubjectRef("91110108MA01TAX03C", SubjectType.ENTERPRISE);
  static final Request REQUEST =
      new Request(
          "r-1",
          AS_OF,
          Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE),
          List.of(Area.PUBLICATION),
          List.of(Fact.of("PENALTY", "f1", Map.of())));

  static final LocalDate DISPUTE_RAISED = LocalDate.of(2026, 3, 1);
  static final LocalDate DISPUTE_DUE = LocalDate.of(2026, 3, 15);
  static final LocalDate DISPUTE_CLOSED = LocalDate.of(2026, 4, 1);
  static final LocalDate TERM_EXTENDED = LocalDate.of(2026, 5, 1);
  static final LocalDate REPAIR_OPENS = LocalDate.of(2026, 7, 10);
  static final LocalDate S1_ENDS = LocalDate.of(2027, 1, 9);

  /** The days on which the scripted decision changes, in order. */
  static final List<LocalDate> CHANGES =
      List.of(
          DISPUTE_RAISED,
          DISPUTE_DUE.plusDays(1),
          DISPUTE_CLOSED,
          TERM_EXTENDED,
          REPAIR_OPENS,
          S1_ENDS.plusDays(1));

  static Outcome outcome(
      String measure, MeasureGroup group, String fact, LocalDate from, LocalDate until) {
    return new Outcome(
        measure,
        new Name(measure + " 中文", measure + " English"),
        "general",
        group,
        List.of(Area.PUBLICATION),
        from,
        until,
        List.of(new Basis("办法", "令第1号", "第一条")),
        true,
        "general@2026.04/" + measure.toLowerCase(),
        List.of(fact));
  }

  static Repair repair(RepairStatus status, List<UnmetCode> unmet) {
    return new Repair(
        "f1",
        "general",
        status,
        LocalDate.of(2026, 7, 10),
        unmet.stream().map(Unmet::of).toList(),
        "信用中国",
        List.of(),
        true,
        "general@2026.04/penalty-repair");
  }

  static OpenDispute dispute(boolean overdue) {
    return new OpenDispute(
        "d1",
        "f1",
        "OBJECTION",
        DISPUTE_RAISED,
        DISPUTE_DUE,
        overdue,
        List.of(),
        true,
        "objection@2013.03/answer");
  }

  /** The scripted subject's decision on {@code day}, without {@code nextChangeOn}. */
  static Decision scripted(String requestId, LocalDate day) {
    boolean pending = !day.isBefore(DISPUTE_RAISED) && day.isBefore(DISPUTE_CLOSED);
    Outcome s1 =
        outcome("GEN-S-05", MeasureGroup.SUPERVISORY, "f1", LocalDate.of(2026, 1, 10), S1_ENDS);
    List<Outcome> sanctions = new ArrayList<>();
    if (!day.isAfter(S1_ENDS)) {
      sanctions.add(pending ? s1.markDisputed() : s1);
    }
    sanctions.add(
        outcome(
            "GEN-S-06",
            MeasureGroup.RIGHTS_REDUCING,
            "f2",
            LocalDate.of(2025, 7, 1),
            day.isBefore(TERM_EXTENDED) ? LocalDate.of(2027, 6, 30) : LocalDate.of(2027, 12, 31)));
    List<Outcome> warnings =
        day.isAfter(S1_ENDS)
            ? List.of(outcome("GEN-W-01", MeasureGroup.WARNING, "f1", S1_ENDS.plusDays(1), null))
            : List.of();
    Repair entry =
        day.isBefore(REPAIR_OPENS)
            ? repair(RepairStatus.NOT_YET, List.of(UnmetCode.MIN_PERIOD))
            : repair(RepairStatus.ELIGIBLE, List.of());
    List<OpenDispute> disputes = pending ? List.of(dispute(day.isAfter(DISPUTE_DUE))) : null;
    return new Decision(
        requestId,
        day,
        SUBJECT,
        List.of(),
        List.of(),
        sanctions,
        warnings,
        List.of(entry),
        disputes);
  }

  static LocalDate nextChange(LocalDate day) {
    return CHANGES.stream().filter(d -> d.isAfter(day)).findFirst().orElse(null);
  }

  /** An engine deciding the scripted subject, {@code nextChangeOn} chosen by {@code next}. */
  static class Scripted implements CreditRules {
    final UnaryOperator<LocalDate> next;
    final List<Request> asked = new ArrayList<>();

    Scripted(UnaryOperator<LocalDate> next) {
      this.next = next;
    }

    @Override
    public Decision decide(Request request) {
      asked.add(request);
      return scripted(request.requestId(), request.asOf())
          .withNextChangeOn(next.apply(request.asOf()));
    }

    @Override
    public List<PackRef> packs() {
      return List.of();
    }

    @Override
    public FactModel model() {
      return new FactModel(List.of());
    }
  }

  static List<LocalDate> days(Timeline t) {
    return t.changes().stream().map(ChangePoint::on).toList();
  }

  @Test
  void listsEveryChangeWithOneDecisionPerChangePoint() {
    Scripted rules = new Scripted(TimelineTest::nextChange);
    Timeline t = rules.timeline(REQUEST, LocalDate.of(2027, 12, 31));

    assertThat(days(t)).isEqualTo(CHANGES);
    assertThat(rules.asked).hasSize(1 + CHANGES.size());
    assertThat(t.nextChangeOn()).isNull();
    assertThat(t.truncated()).isFalse();
    assertThat(t.asOf()).isEqualTo(AS_OF);
    assertThat(t.requestId()).isEqualTo("r-1");
    assertThat(t.subject()).isEqualTo(SUBJECT);
    // every decision is of the same request on another day
    for (Request asked : rules.asked) {
      assertThat(asked.requestId()).isEqualTo("r-1");
      assertThat(asked.subject()).isEqualTo(REQUEST.subject());
      assertThat(asked.areas()).isEqualTo(REQUEST.areas());
      assertThat(asked.facts()).isEqualTo(REQUEST.facts());
    }
    assertThat(rules.asked.stream().map(Request::asOf).toList().subList(1, rules.asked.size()))
        .isEqualTo(CHANGES);
  }

  @Test
  void eachPointSaysWhatStartsEndsAndChanges() {
    Timeline t =
        new Scripted(TimelineTest::nextChange).timeline(REQUEST, LocalDate.of(2027, 12, 31));
    List<ChangePoint> p = t.changes();

    // the dispute opens: d1 pending, and the sanction of its record is marked disputed
    assertThat(p.get(0).disputes())
        .containsExactly(new DisputeChange("d1", DisputeChange.Kind.OPENED, null, dispute(false)));
    assertThat(p.get(0).changed()).hasSize(1);
    OutcomeChange marked = p.get(0).changed().get(0);
    assertThat(marked.before().disputed()).isNull();
    assertThat(marked.after().disputed()).isTrue();
    assertThat(p.get(0).started()).isEmpty();
    assertThat(p.get(0).ended()).isEmpty();
    assertThat(p.get(0).repairs()).isEmpty();

    // the day after the answer was due, it is overdue
    assertThat(p.get(1).disputes())
        .containsExactly(
            new DisputeChange("d1", DisputeChange.Kind.OVERDUE, dispute(false), dispute(true)));
    assertThat(p.get(1).changed()).isEmpty();

    // closed: the dispute goes, the mark goes
    assertThat(p.get(2).disputes())
        .containsExactly(new DisputeChange("d1", DisputeChange.Kind.CLOSED, dispute(true), null));
    assertThat(p.get(2).changed())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before().disputed()).isTrue();
              assertThat(c.after().disputed()).isNull();
            });

    // a longer term is a change of the same outcome, not an end and a start
    assertThat(p.get(3).changed())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before().measure()).isEqualTo("GEN-S-06");
              assertThat(c.before().until()).isEqualTo(LocalDate.of(2027, 6, 30));
              assertThat(c.after().until()).isEqualTo(LocalDate.of(2027, 12, 31));
            });
    assertThat(p.get(3).started()).isEmpty();
    assertThat(p.get(3).ended()).isEmpty();

    // repair opens: the entry changes status and loses its unmet condition
    assertThat(p.get(4).repairs())
        .containsExactly(
            new RepairChange(
                "f1",
                repair(RepairStatus.NOT_YET, List.of(UnmetCode.MIN_PERIOD)),
                repair(RepairStatus.ELIGIBLE, List.of())));
    assertThat(p.get(4).changed()).isEmpty();

    // the sanction's term is over: it ends, and the warning starts
    assertThat(p.get(5).ended()).extracting(Outcome::measure).containsExactly("GEN-S-05");
    assertThat(p.get(5).started()).extracting(Outcome::measure).containsExactly("GEN-W-01");
    assertThat(p.get(5).ended().get(0).until()).isEqualTo(p.get(5).on().minusDays(1));

    for (ChangePoint point : p) {
      assertThat(point.isEmpty()).isFalse();
      assertThat(point.decision().asOf()).isEqualTo(point.on());
      assertThat(point.decision().requestId()).isEqualTo("r-1");
    }
  }

  @Test
  void theDecisionBetweenPointsIsTheDailyDecision() {
    LocalDate until = LocalDate.of(2027, 3, 1);
    Timeline t = new Scripted(TimelineTest::nextChange).timeline(REQUEST, until);
    for (LocalDate day = AS_OF; !day.isAfter(until); day = day.plusDays(1)) {
      assertThat(t.decisionOn(day).sameAs(scripted("r-1", day))).as(day.toString()).isTrue();
    }
    assertThat(t.last().asOf()).isEqualTo(S1_ENDS.plusDays(1));
    assertThatThrownBy(() -> t.decisionOn(AS_OF.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.decisionOn(until.plusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stopsAtUntilAndNamesTheNextChangeAfterIt() {
    Timeline t =
        new Scripted(TimelineTest::nextChange).timeline(REQUEST, LocalDate.of(2026, 12, 31));
    assertThat(days(t)).isEqualTo(CHANGES.subList(0, 5));
    assertThat(t.nextChangeOn()).isEqualTo(S1_ENDS.plusDays(1));
    assertThat(t.truncated()).isFalse();

    Timeline onePointOnly = new Scripted(TimelineTest::nextChange).timeline(REQUEST, REPAIR_OPENS);
    assertThat(days(onePointOnly)).endsWith(REPAIR_OPENS);

    Timeline sameDay = new Scripted(TimelineTest::nextChange).timeline(REQUEST, AS_OF);
    assertThat(sameDay.changes()).isEmpty();
    assertThat(sameDay.nextChangeOn()).isEqualTo(DISPUTE_RAISED);
    assertThat(sameDay.last()).isEqualTo(sameDay.start());
  }

  @Test
  void aNextChangeOnThatIsNotTightGivesNoEmptyPoint() {
    // the engine may name a day on which nothing changes (sound, not tight): it costs a decision,
    // never a point
    Scripted early =
        new Scripted(
            day -> {
              LocalDate real = nextChange(day);
              LocalDate soon = day.plusDays(20);
              return real == null || soon.isBefore(real) ? soon : real;
            });
    Timeline t = early.timeline(REQUEST, LocalDate.of(2027, 12, 31));
    assertThat(days(t)).isEqualTo(CHANGES);
    assertThat(early.asked.size()).isGreaterThan(1 + CHANGES.size());
    assertThat(t.nextChangeOn()).isAfter(LocalDate.of(2027, 12, 31));
  }

  @Test
  void theLimitOfDecisionsTruncatesAndSaysWhereItStopped() {
    Scripted rules = new Scripted(TimelineTest::nextChange);
    Timeline t = rules.timeline(REQUEST, LocalDate.of(2027, 12, 31), 2);
    assertThat(days(t)).isEqualTo(CHANGES.subList(0, 2));
    assertThat(t.truncated()).isTrue();
    assertThat(t.nextChangeOn()).isEqualTo(CHANGES.get(2));
    assertThat(rules.asked).hasSize(3);
    assertThatThrownBy(() -> t.decisionOn(CHANGES.get(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");

    // a change every day for ten years stops at the default limit
    Scripted daily =
        new Scripted(day -> day.plusDays(1)) {
          @Override
          public Decision decide(Request request) {
            Decision d = super.decide(request);
            // a different window every day
            Outcome o = outcome("GEN-S-09", MeasureGroup.MARKET, "f9", AS_OF, request.asOf());
            return new Decision(
                d.requestId(),
                d.asOf(),
                d.subject(),
                d.packs(),
                List.of(),
                List.of(o),
                List.of(),
                List.of(),
                d.nextChangeOn(),
                null);
          }
        };
    Timeline capped = daily.timeline(REQUEST, AS_OF.plusYears(10));
    assertThat(capped.truncated()).isTrue();
    assertThat(capped.changes()).hasSize(Timeline.MAX_CHANGES);
    assertThat(capped.nextChangeOn()).isEqualTo(AS_OF.plusDays(Timeline.MAX_CHANGES + 1));
  }

  @Test
  void untilBeforeAsOfIsRefusedWithBothDays() {
    Scripted rules = new Scripted(TimelineTest::nextChange);
    assertThatThrownBy(() -> rules.timeline(REQUEST, AS_OF.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("until must not be before asOf 2026-02-01 but was 2026-01-31");
    assertThat(rules.asked).isEmpty();
    assertThatThrownBy(() -> rules.timeline(REQUEST, AS_OF, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNextChangeOnThatDoesNotMoveForwardIsAnEngineError() {
    Scripted stuck = new Scripted(day -> day);
    assertThatThrownBy(() -> stuck.timeline(REQUEST, AS_OF.plusYears(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nextChangeOn must be after asOf 2026-02-01 but was 2026-02-01");
  }

  @Test
  void withoutNextChangeOnTheTimelineIsTheStartAlone() {
    Timeline t = new Scripted(day -> null).timeline(REQUEST, AS_OF.plusYears(3));
    assertThat(t.changes()).isEmpty();
    assertThat(t.nextChangeOn()).isNull();
    assertThat(t.start().sameAs(scripted("r-1", AS_OF))).isTrue();
  }

  @Test
  void anOutcomeWhoseStartMovesEndsAndStartsAgain() {
    Outcome old = outcome("TAX-S-05", MeasureGroup.SUPERVISORY, "g1", AS_OF, null);
    Outcome moved = outcome("TAX-S-05", MeasureGroup.SUPERVISORY, "g1", AS_OF.plusDays(3), null);
    Decision before = decision(AS_OF, List.of(old));
    Decision after = decision(AS_OF.plusDays(3), List.of(moved));
    ChangePoint p = ChangePoint.between(before, after);
    assertThat(p.ended()).containsExactly(old);
    assertThat(p.started()).containsExactly(moved);
    assertThat(p.changed()).isEmpty();

    ChangePoint none = ChangePoint.between(before, decision(AS_OF.plusDays(1), List.of(old)));
    assertThat(none.isEmpty()).isTrue();

    assertThatThrownBy(() -> ChangePoint.between(after, before))
        .isInstanceOf(IllegalArgumentException.class);
    Decision other =
        new Decision(
            null,
            AS_OF.plusDays(1),
            new SubjectRef("X", SubjectType.ENTERPRISE),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertThatThrownBy(() -> ChangePoint.between(before, other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRepairEntryThatAppearsOrGoesIsAChange() {
    Repair entry = repair(RepairStatus.NOT_YET, List.of(UnmetCode.MIN_PERIOD));
    Decision without = decision(AS_OF, List.of());
    Decision with =
        new Decision(
            null,
            AS_OF.plusDays(1),
            SUBJECT,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(entry));
    assertThat(ChangePoint.between(without, with).repairs())
        .containsExactly(new RepairChange("f1", null, entry));
    Decision later = decision(AS_OF.plusDays(2), List.of());
    assertThat(ChangePoint.between(with, later).repairs())
        .containsExactly(new RepairChange("f1", entry, null));
  }

  static Decision decision(LocalDate day, List<Outcome> sanctions) {
    return new Decision(null, day, SUBJECT, List.of(), List.of(), sanctions, List.of(), List.of());
  }
}
