package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.RequestGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, done-when: the timeline's change points are the days found by deciding every day. For
 * generated requests (every pack, {@code asOf} on the facts' boundaries), each day {@code d} from
 * {@code asOf + 1} to {@code asOf} + three years is a change point exactly when the decision on
 * {@code d} is not {@link Decision#sameAs} the decision on {@code d - 1}; and each point says what
 * {@link ChangePoint#between} those two daily decisions says, the decision in force on every day is
 * the daily one, and the timeline made no more decisions than points (plus the non-tight days).
 */
class TimelineDailyTest {
  static final int YEARS = 3;

  /**
   * The engine's own {@code nextChangeOn}, over 200 requests (about a minute: run it alone with
   * {@code -Dtest=TimelineDailyTest}).
   */
  @Test
  void changePointsAreTheDaysTheDailyDecisionChanges() {
    CreditRulesEngine engine = Main.engine(null);
    Counting counted = new Counting(engine);
    Sample s = check(counted, engine, requests(engine.model(), 200));
    // about one decision per change point, not one per day: the starts, the points and the
    // candidate days that were not tight
    assertThat(counted.asked.get())
        .as("decisions for %d timelines with %d change points", s.requests, s.points)
        .isLessThanOrEqualTo(2L * (s.requests + s.points));
    assertThat(s.points).as("the sample has change points").isPositive();
  }

  /**
   * The same check with {@link DailyNextChange}, whose {@code nextChangeOn} is exact by
   * construction: the timeline machinery (hopping, skipping nothing, the diff, {@link
   * Timeline#decisionOn}) on real decisions of the shipped packs, on a smaller sample.
   */
  @Test
  void withAnExactNextChangeOnTheTimelineIsTheDailyDecisions() {
    CreditRulesEngine engine = Main.engine(null);
    DailyNextChange exact = new DailyNextChange(engine, YEARS * 366 + 1);
    Sample s = check(exact, engine, requests(engine.model(), 8));
    assertThat(s.points).isPositive();
    assertThat(exact.asked()).isEqualTo(s.requests + s.points);
  }

  static List<Request> requests(FactModel model, int n) {
    RequestGenerator generator =
        new RequestGenerator(
            model,
            RequestGenerator.Settings.of(13, 8, 0).withBoundaries().withRequestIdPrefix("tl-"));
    List<Request> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(generator.request(i));
    }
    return out;
  }

  record Sample(long requests, long points) {}

  /** Checks each request's timeline against its daily decisions; returns what it saw. */
  static Sample check(CreditRules rules, CreditRules daily, List<Request> requests) {
    long points = 0;
    for (Request request : requests) {
      LocalDate until = request.asOf().plusYears(YEARS);
      Timeline t = rules.timeline(request, until);
      String who = request.requestId();
      assertThat(t.truncated()).as(who).isFalse();
      assertThat(t.start().sameAs(daily.decide(request))).as(who + " start").isTrue();

      List<LocalDate> expected = new ArrayList<>();
      List<ChangePoint> expectedPoints = new ArrayList<>();
      List<Decision> days = new ArrayList<>();
      Decision previous = daily.decide(request);
      for (LocalDate d = request.asOf().plusDays(1); !d.isAfter(until); d = d.plusDays(1)) {
        Decision today = daily.decide(request.on(d));
        if (!today.sameAs(previous)) {
          expected.add(d);
          expectedPoints.add(ChangePoint.between(previous, today));
        }
        days.add(today);
        previous = today;
      }
      assertThat(t.changes().stream().map(ChangePoint::on).toList())
          .as(who + " change points")
          .isEqualTo(expected);
      for (Decision today : days) {
        assertThat(t.decisionOn(today.asOf()).sameAs(today))
            .as(who + " decision in force on " + today.asOf())
            .isTrue();
      }
      for (int i = 0; i < expected.size(); i++) {
        ChangePoint got = t.changes().get(i);
        ChangePoint want = expectedPoints.get(i);
        String at = who + " on " + got.on();
        assertThat(got.started()).as(at + " started").isEqualTo(want.started());
        assertThat(got.ended()).as(at + " ended").isEqualTo(want.ended());
        assertThat(got.changed()).as(at + " changed").isEqualTo(want.changed());
        assertThat(got.repairs()).as(at + " repairs").isEqualTo(want.repairs());
        assertThat(got.disputes()).as(at + " disputes").isEqualTo(want.disputes());
      }
      // nothing changes from the last point to until; the next change, if named, is after until
      assertThat(t.nextChangeOn() == null || t.nextChangeOn().isAfter(until)).as(who).isTrue();
      points += expected.size();
    }
    return new Sample(requests.size(), points);
  }

  /** Counts the decisions asked of an engine. */
  static final class Counting implements CreditRules {
    final CreditRules engine;
    final AtomicLong asked = new AtomicLong();

    Counting(CreditRules engine) {
      this.engine = engine;
    }

    @Override
    public Decision decide(Request request) {
      asked.incrementAndGet();
      return engine.decide(request);
    }

    @Override
    public List<PackRef> packs() {
      return engine.packs();
    }

    @Override
    public FactModel model() {
      return engine.model();
    }
  }
}
