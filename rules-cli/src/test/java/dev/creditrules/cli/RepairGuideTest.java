package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Area;
import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.Decision;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.Name;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectRef;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.cli.RepairGuide.Measure;
import dev.creditrules.cli.RepairGuide.Record;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The repair guide and the text form read from real timelines of the example requests (decided by
 * the shipped packs, with an exact {@link DailyNextChange}), and from one made by hand.
 */
class RepairGuideTest {
  static final DailyNextChange RULES = new DailyNextChange(Main.engine(null), 1500);

  static Timeline timeline(String file, LocalDate asOf, LocalDate until) throws Exception {
    Request r = TimelineCommandTest.request(file);
    if (asOf != null) {
      r = r.on(asOf);
    }
    return RULES.timeline(r, until);
  }

  static Record record(RepairGuide g, String fact) {
    return g.records().stream()
        .filter(r -> r.first().fact().equals(fact))
        .findFirst()
        .orElseThrow();
  }

  static Measure measure(List<Measure> list, String id) {
    return list.stream().filter(m -> m.outcome().measure().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPenaltyWaitingForItsMinimumPeriodOpensOnTheDayItIsOver() throws Exception {
    // gen-ex-01 three months before its asOf: fulfilled, committed, the 3-month wait not over
    Timeline t = timeline("gen-ex-01.json", LocalDate.of(2026, 6, 1), LocalDate.of(2029, 6, 1));
    RepairGuide g = RepairGuide.of(t);
    Record f1 = record(g, "f1");
    assertThat(f1.first().status()).isEqualTo(RepairStatus.NOT_YET);
    assertThat(f1.first().unmet()).extracting(u -> u.code()).containsExactly(UnmetCode.MIN_PERIOD);
    assertThat(f1.opensOn()).isEqualTo(LocalDate.of(2026, 8, 11));
    assertThat(f1.waitOverOn()).isEqualTo(LocalDate.of(2026, 8, 11));
    assertThat(f1.closes().on()).isEqualTo(LocalDate.of(2027, 5, 11));
    assertThat(f1.closes().entry().status()).isEqualTo(RepairStatus.EXPIRED);

    Measure publication = measure(g.sanctions(), "GEN-S-05");
    assertThat(publication.end()).isEqualTo(LocalDate.of(2027, 5, 10));
    assertThat(publication.endedOn()).isEqualTo(LocalDate.of(2027, 5, 10));
    // the green channel opens two years after the record is over
    Measure green = measure(g.incentives(), "GEN-I-01");
    assertThat(green.outcome().from()).isEqualTo(LocalDate.of(2029, 5, 11));
    assertThat(green.end()).isNull();

    String text = g.text();
    assertThat(text)
        .contains("现状 Now: 暂不可申请修复 / not yet open to repair")
        .contains(
            "欠缺条件 Not met now: 最短公示期或等待期未满 / the minimum publication or waiting period is not over")
        .contains("可申请修复 Repair opens: 2026-08-11 起 / on 2026-08-11")
        .contains("申请截止 Apply before: 2027-05-11 之前")
        .contains("自 2026-05-10 起，至 2027-05-10 止（含当日）")
        .contains("From 2026-05-10 to 2027-05-10 inclusive")
        .contains("2029-05-11 起，无固定期限")
        .contains("Starts on 2029-05-11, open-ended")
        .contains("申请渠道 Apply to: 信用中国");
    String html = g.html();
    assertThat(html)
        .contains("<td class=\"open\">2026-08-11 起<br><span class=\"en\">on 2026-08-11</span></td>")
        .contains(publication.outcome().name().zh())
        .contains(dev.creditrules.testkit.Html.escape(publication.outcome().name().en()));
  }

  @Test
  void recordsThatCannotOpenSayWhatIsMissingAndWhenTheChanceCloses() throws Exception {
    Timeline t = timeline("env-ex-03.json", null, LocalDate.of(2029, 7, 1));
    RepairGuide g = RepairGuide.of(t);

    // a RED grade whose rectification is missing: the window to apply closes, then it expires
    Record grade = record(g, "e2025");
    assertThat(grade.opensOn()).isNull();
    assertThat(grade.lastNotYet().unmet())
        .extracting(u -> u.code())
        .containsExactly(UnmetCode.CORRECTION_MISSING);
    assertThat(grade.closes().on()).isEqualTo(LocalDate.of(2026, 12, 10));
    assertThat(grade.statusChanges())
        .extracting(s -> s.entry().status())
        .containsExactly(RepairStatus.NEVER, RepairStatus.EXPIRED);

    // a serious penalty: the waiting period ends, obligations and commitment stay missing
    Record penalty = record(g, "p1");
    assertThat(penalty.waitOverOn()).isEqualTo(LocalDate.of(2026, 9, 2));
    assertThat(penalty.opensOn()).isNull();

    assertThat(measure(g.sanctions(), "ENV-S-10").end()).isEqualTo(LocalDate.of(2027, 6, 9));
    assertThat(measure(g.sanctions(), "GEN-S-05").end()).isEqualTo(LocalDate.of(2028, 9, 1));

    assertThat(g.text())
        .contains(
            "仍需满足 Still missing: 尚未纠正失信行为或完成整改 / the dishonest act has not been corrected or"
                + " rectified")
        .contains(
            "申请截止 Apply before: 2026-12-10 之前（其后不适用信用修复，期满自动终止） / 2026-12-10 (after that: no"
                + " repair: it ends when its term is over)")
        .contains(
            "2026-12-10 起 From 2026-12-10: 不适用信用修复，期满自动终止：修复申请期限已过 / no repair: it ends when its"
                + " term is over: the time for applying for repair has passed")
        .contains("最短期限届满 Waiting period over: 2026-09-02")
        .contains(
            "仍需满足 Still missing: 尚未履行法定义务或缴清款项；尚未作出信用承诺 / the legal obligations are not fulfilled"
                + " or the sums not paid in full; no credit commitment has been made");

    String text = TimelineText.of(t);
    assertThat(text)
        .contains(
            "2026-09-02\n"
                + "  repair p1: NOT_YET, unmet MIN_PERIOD OBLIGATIONS_UNFULFILLED"
                + " COMMITMENT_MISSING -> OBLIGATIONS_UNFULFILLED COMMITMENT_MISSING")
        .contains("  - ENV-S-10 ")
        .contains("Next change after 2029-07-01: ");
  }

  @Test
  void everyUnmetCodeAndStatusHasWordsInBothLanguages() {
    for (UnmetCode code : UnmetCode.values()) {
      assertThat(RepairGuide.UNMET_EN.get(code)).as(code.name()).isNotBlank();
    }
    for (RepairStatus status : RepairStatus.values()) {
      assertThat(RepairGuide.STATUS.get(status)).as(status.name()).hasSize(2);
    }
  }

  @Test
  void theHtmlEscapesWhatTheCatalogueSaysAndListsPendingObjections() {
    SubjectRef person = new SubjectRef("11010519491231002X", SubjectType.NATURAL_PERSON);
    Outcome odd =
        new Outcome(
            "X-S-01",
            new Name("名单<b>&", "List <script>alert(1)</script> & co"),
            "general",
            MeasureGroup.MARKET,
            List.of(Area.FINANCING),
            LocalDate.of(2026, 1, 1),
            null,
            List.of(),
            true,
            "general@2026.04/x",
            List.of("f1"));
    OpenDispute dispute =
        new OpenDispute(
            "d1",
            "f1",
            "OBJECTION",
            LocalDate.of(2026, 1, 5),
            LocalDate.of(2026, 1, 20),
            false,
            List.of(),
            true,
            "objection@2013.03/answer");
    Decision start =
        new Decision(
            "r",
            LocalDate.of(2026, 1, 10),
            person,
            List.of(),
            List.of(),
            List.of(odd),
            List.of(),
            List.of(),
            null,
            List.of(dispute));
    Decision later =
        new Decision(
            "r",
            LocalDate.of(2026, 2, 1),
            person,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    Timeline t =
        new Timeline(
            LocalDate.of(2026, 3, 1),
            start,
            List.of(ChangePoint.between(start, later)),
            null,
            false);
    RepairGuide g = RepairGuide.of(t);
    assertThat(measure(g.sanctions(), "X-S-01").end()).isEqualTo(LocalDate.of(2026, 1, 31));
    String html = g.html();
    assertThat(html)
        .doesNotContain("<script", "<b>")
        .contains("名单&lt;b&gt;&amp;", "List &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
        .contains("1101**********002X")
        .doesNotContain("11010519491231002X")
        .contains("无需修复的记录");
    // the objection was answered by the end: nothing pending is listed
    assertThat(html).doesNotContain("Objections pending");
    Timeline stillPending = new Timeline(LocalDate.of(2026, 1, 20), start, List.of(), null, false);
    assertThat(RepairGuide.of(stillPending).text())
        .contains("五、待处理的异议 · Objections pending")
        .contains("应于 2026-01-20 前答复");
    assertThat(TimelineText.of(t))
        .contains("subject 1101**********002X (NATURAL_PERSON)")
        .contains("dispute d1: closed");
  }
}
