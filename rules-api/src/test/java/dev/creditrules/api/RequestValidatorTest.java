package dev.creditrules.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.EnvGrade;
import dev.creditrules.api.fact.EnvRectification;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.FactType;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.LaborGrade;
import dev.creditrules.api.fact.MajorLaborViolation;
import dev.creditrules.api.fact.MisconductSeverity;
import dev.creditrules.api.fact.PenaltyKind;
import dev.creditrules.api.fact.PenaltySector;
import dev.creditrules.api.fact.PenaltySeverity;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import dev.creditrules.api.fact.WageArrearsCase;
import dev.creditrules.api.fact.WageArrearsListing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
  static final Subject ENTERPRISE = Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE);
  static final Subject PERSON = Subject.of("110108198001150018", SubjectType.NATURAL_PERSON);

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static List<RequestError> errors(Fact... facts) {
    return errors(ENTERPRISE, facts);
  }

  static List<RequestError> errors(Subject subject, Fact... facts) {
    return RequestValidator.validate(Request.of(AS_OF, subject, Arrays.asList(facts)));
  }

  static RequestError error(String pointer, Object value, String reason) {
    return new RequestError(pointer, value, reason);
  }

  static AdminPenalty penalty(String id, PenaltySeverity severity, String decidedOn) {
    return penalty(id, severity, decidedOn, null, null, null);
  }

  static AdminPenalty penalty(
      String id,
      PenaltySeverity severity,
      String decidedOn,
      String fulfilledOn,
      Boolean published,
      Boolean specialSerious) {
    return new AdminPenalty(
        id,
        PenaltySector.ENVIRONMENT,
        d(decidedOn),
        severity,
        List.of(PenaltyKind.FINE),
        new BigDecimal("50000"),
        fulfilledOn == null ? null : d(fulfilledOn),
        published,
        specialSerious,
        null,
        null);
  }

  static TaxGrade tax(String id, int year, String grade, String publishedOn) {
    return tax(id, year, grade, publishedOn, null, null);
  }

  static TaxGrade tax(
      String id, int year, String grade, String publishedOn, Integer reason, String correctedOn) {
    return new TaxGrade(
        id,
        year,
        grade,
        d(publishedOn),
        null,
        reason,
        correctedOn == null ? null : d(correctedOn),
        null,
        null);
  }

  static LaborGrade labor(String id, int year, String grade, String publishedOn) {
    return new LaborGrade(id, year, grade, d(publishedOn), null, null);
  }

  static EnvGrade env(String id, int year, String grade, String publishedOn) {
    return new EnvGrade(id, year, grade, d(publishedOn), null, null, null);
  }

  static RepairGranted grant(String id, String target, String grantedOn, String newGrade) {
    return new RepairGranted(id, target, d(grantedOn), newGrade, null, null, null);
  }

  static CreditCommitment commitment(String id, String target, String madeOn) {
    return new CreditCommitment(id, d(madeOn), target, null, null, null);
  }

  @Test
  void aValidRequestHasNoErrors() {
    List<RequestError> errors =
        errors(
            tax("f1", 2025, "D", "2026-04-20", 3, "2026-05-01"),
            penalty("f2", PenaltySeverity.GENERAL, "2026-05-10", "2026-05-20", null, null),
            penalty("f3", PenaltySeverity.MINOR, "2026-05-10", null, false, null),
            penalty("f4", PenaltySeverity.SERIOUS, "2026-05-10", null, null, true),
            commitment("f5", "f2", "2026-05-10"),
            grant("f6", "f1", "2026-06-01", "B"),
            new TaxSeriousListing("f7", d("2025-01-01"), d("2025-01-01"), d("2025-02-01"), 0, null, null),
            new WageArrearsListing("f8", d("2025-01-01"), d("2025-01-01"), null, null),
            new WageArrearsCase("f9", d("2025-01-01"), new BigDecimal("1.50"), 3, null, null),
            new MajorLaborViolation("f10", d("2025-01-01"), 7, null, null),
            env("f11", 2024, "RED", "2025-03-01"),
            new EnvRectification("f12", "f11", d("2025-03-01"), null, null),
            new ResearchMisconduct(
                "f13", d("2025-01-01"), "RM-08", MisconductSeverity.GRAVE, null, true, true, true,
                null, null),
            new JudgmentDefaulter("f14", d("2025-01-01"), 5, d("2025-01-01"), null, null),
            labor("f15", 2024, "C", "2025-03-01"),
            grant("f16", "f15", "2025-04-01", "A"),
            grant("f17", "f11", "2025-04-01", "BLUE"));
    assertThat(errors).isEmpty();
    RequestValidator.requireValid(Request.of(AS_OF, ENTERPRISE, List.of()));
  }

  @Test
  void emptyAreasIsAnError() {
    Request request = new Request("r1", AS_OF, ENTERPRISE, List.of(), List.of());
    assertThat(RequestValidator.validate(request))
        .containsExactly(
            error("/areas", List.of(), "areas must not be empty; omit it to get every outcome"));
    assertThat(
            RequestValidator.validate(
                new Request("r1", AS_OF, ENTERPRISE, List.of(Area.BIDDING), List.of())))
        .isEmpty();
  }

  @Test
  void requireValidThrowsWithEveryError() {
    Request request =
        new Request(
            null,
            AS_OF,
            Subject.of("91350211M000100Y43", SubjectType.ENTERPRISE),
            List.of(),
            List.of());
    assertThatThrownBy(() -> RequestValidator.requireValid(request))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errors())
                    .extracting(RequestError::pointer)
                    .containsExactly("/subject/id", "/areas"));
  }

  @Test
  void duplicateIdsPointAtTheLaterFacts() {
    assertThat(
            errors(
                penalty("f1", PenaltySeverity.GENERAL, "2026-05-10"),
                penalty("f2", PenaltySeverity.GENERAL, "2026-05-10"),
                penalty("f1", PenaltySeverity.GENERAL, "2026-05-11"),
                penalty("f1", PenaltySeverity.GENERAL, "2026-05-12")))
        .containsExactly(
            error("/facts/2/id", "f1", "fact id f1 is already used by /facts/0; ids must be unique"),
            error("/facts/3/id", "f1", "fact id f1 is already used by /facts/0; ids must be unique"));
  }

  @Test
  void factTypeNotAllowedForTheSubjectPointsAtTheFactType() {
    assertThat(
            errors(
                PERSON,
                tax("f1", 2025, "B", "2026-04-20"),
                penalty("f2", PenaltySeverity.GENERAL, "2026-05-10"),
                new MajorLaborViolation("f3", d("2025-01-01"), 1, null, null)))
        .containsExactly(
            error(
                "/facts/0/type",
                "TAX_GRADE",
                "TAX_GRADE is allowed for organisations only, not for a NATURAL_PERSON"),
            error(
                "/facts/2/type",
                "MAJOR_LABOR_VIOLATION",
                "MAJOR_LABOR_VIOLATION is allowed for organisations only, not for a NATURAL_PERSON"));
    Subject validAgency =
        Subject.of(SubjectIdVectorsTest.withCheck("11100000000000042"), SubjectType.GOVERNMENT_AGENCY);
    ResearchMisconduct misconduct =
        new ResearchMisconduct(
            "f1", d("2025-01-01"), "RM-01", MisconductSeverity.LIGHT, null, false, false, false,
            null, null);
    assertThat(errors(validAgency, misconduct))
        .containsExactly(
            error(
                "/facts/0/type",
                "RESEARCH_MISCONDUCT",
                "RESEARCH_MISCONDUCT is allowed for NATURAL_PERSON, PUBLIC_INSTITUTION, ENTERPRISE"
                    + " or SOCIAL_ORG only, not for a GOVERNMENT_AGENCY"));
    assertThat(errors(PERSON, misconduct)).isEmpty();
  }

  @Nested
  class Grades {
    @Test
    void aGradeForAYearNotYetOverOnPublishedOn() {
      assertThat(errors(tax("f1", 2026, "B", "2026-04-20")))
          .containsExactly(
              error(
                  "/facts/0/year",
                  2026,
                  "a grade for year 2026 cannot be published on 2026-04-20, before the year is over"));
      assertThat(errors(env("f1", 2027, "GREEN", "2026-04-20")))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/0/year");
      assertThat(errors(labor("f1", 2025, "A", "2026-01-01"))).isEmpty();
    }

    @Test
    void aYearBeforeYear1IsRejectedNotLeftToFailLater() {
      assertThat(errors(labor("f1", -1_000_000_000, "C", "2026-01-01")))
          .containsExactly(error("/facts/0/year", -1_000_000_000, "year must be 1 or more"));
      assertThat(errors(tax("f1", 0, "B", "2026-04-20")))
          .containsExactly(error("/facts/0/year", 0, "year must be 1 or more"));
      assertThat(errors(tax("f1", 1, "B", "2026-04-20"))).isEmpty();
    }

    @Test
    void twoGradesOfOneSchemeForTheSameYear() {
      assertThat(
              errors(
                  tax("f1", 2024, "B", "2025-04-20"),
                  labor("f2", 2024, "B", "2025-04-20"),
                  env("f3", 2024, "GREEN", "2025-04-20"),
                  tax("f4", 2024, "C", "2025-06-20"),
                  tax("f5", 2023, "C", "2024-06-20")))
          .containsExactly(
              error(
                  "/facts/3/year",
                  2024,
                  "/facts/0 is already a TAX_GRADE for year 2024; one grade per scheme and year"));
    }

    @Test
    void gradeValuesPerScheme() {
      assertThat(
              errors(
                  tax("f1", 2024, "E", "2025-04-20"),
                  labor("f2", 2024, "D", "2025-04-20"),
                  env("f3", 2024, "green", "2025-04-20")))
          .containsExactly(
              error("/facts/0/grade", "E", "grade must be one of A, B, M, C, D"),
              error("/facts/1/grade", "D", "grade must be one of A, B, C"),
              error("/facts/2/grade", "green", "grade must be one of GREEN, BLUE, YELLOW, RED, BLACK"));
    }

    @Test
    void directReasonOnlyOnD() {
      assertThat(
              errors(
                  tax("f1", 2024, "C", "2025-04-20", 3, null),
                  tax("f2", 2023, "D", "2024-04-20", 14, null),
                  tax("f3", 2022, "D", "2023-04-20", 0, null),
                  tax("f4", 2021, "D", "2022-04-20", 13, null)))
          .containsExactly(
              error("/facts/0/directReason", 3, "directReason is only allowed on a D grade, not on C"),
              error("/facts/1/directReason", 14, "directReason must be 1-13"),
              error("/facts/2/directReason", 0, "directReason must be 1-13"));
    }

    @Test
    void correctedOnBeforePublishedOn() {
      assertThat(errors(tax("f1", 2024, "D", "2025-04-20", null, "2025-04-19")))
          .containsExactly(
              error(
                  "/facts/0/correctedOn",
                  "2025-04-19",
                  "correctedOn 2025-04-19 is before publishedOn 2025-04-20"));
      assertThat(errors(tax("f1", 2024, "D", "2025-04-20", null, "2025-04-20"))).isEmpty();
    }

    @Test
    void provinceIsTwoDigits() {
      EnvGrade bad = new EnvGrade("f1", 2024, "RED", d("2025-03-01"), "440", null, null);
      EnvGrade good = new EnvGrade("f2", 2023, "RED", d("2024-03-01"), "44", null, null);
      assertThat(errors(bad, good))
          .containsExactly(error("/facts/0/province", "440", "province must be a 2-digit province code"));
    }
  }

  @Nested
  class Penalties {
    @Test
    void fulfilledOnBeforeDecidedOn() {
      assertThat(errors(penalty("f2", PenaltySeverity.GENERAL, "2026-05-10", "2026-05-01", null, null)))
          .containsExactly(
              error(
                  "/facts/0/fulfilledOn",
                  "2026-05-01",
                  "fulfilledOn 2026-05-01 is before decidedOn 2026-05-10"));
    }

    @Test
    void publishedOnlyOnMinorEvenWhenFalse() {
      assertThat(
              errors(
                  penalty("f1", PenaltySeverity.GENERAL, "2026-05-10", null, false, null),
                  penalty("f2", PenaltySeverity.SERIOUS, "2026-05-10", null, true, null),
                  penalty("f3", PenaltySeverity.MINOR, "2026-05-10", null, true, null)))
          .containsExactly(
              error(
                  "/facts/0/published",
                  false,
                  "published is only allowed on a MINOR penalty, not on a GENERAL"),
              error(
                  "/facts/1/published",
                  true,
                  "published is only allowed on a MINOR penalty, not on a SERIOUS"));
    }

    @Test
    void specialSeriousOnlyOnSeriousEvenWhenFalse() {
      assertThat(
              errors(
                  penalty("f1", PenaltySeverity.MINOR, "2026-05-10", null, null, false),
                  penalty("f2", PenaltySeverity.SERIOUS, "2026-05-10", null, null, false)))
          .containsExactly(
              error(
                  "/facts/0/specialSerious",
                  false,
                  "specialSerious is only allowed on a SERIOUS penalty, not on a MINOR"));
    }
  }

  @Nested
  class Listings {
    @Test
    void taxSeriousListingDates() {
      TaxSeriousListing listing =
          new TaxSeriousListing("f1", d("2025-05-01"), d("2025-04-01"), d("2025-04-30"), -1, null, null);
      assertThat(errors(listing))
          .containsExactly(
              error("/facts/0/publishedOn", "2025-04-01", "publishedOn 2025-04-01 is before servedOn 2025-05-01"),
              error("/facts/0/paidInFullOn", "2025-04-30", "paidInFullOn 2025-04-30 is before servedOn 2025-05-01"),
              error("/facts/0/priorListingsIn5Years", -1, "priorListingsIn5Years must be 0 or more"));
    }

    @Test
    void wageListingPaidBeforeDecided() {
      assertThat(errors(new WageArrearsListing("f1", d("2025-05-01"), d("2025-04-30"), null, null)))
          .containsExactly(
              error("/facts/0/paidInFullOn", "2025-04-30", "paidInFullOn 2025-04-30 is before decidedOn 2025-05-01"));
    }

    @Test
    void defaulterTermAndFulfilment() {
      assertThat(
              errors(
                  new JudgmentDefaulter("f1", d("2025-05-01"), 0, d("2025-04-30"), null, null),
                  new JudgmentDefaulter("f2", d("2025-05-01"), 6, null, null, null),
                  new JudgmentDefaulter("f3", d("2025-05-01"), 1, null, null, null)))
          .containsExactly(
              error("/facts/0/termYears", 0, "termYears must be 1-5"),
              error("/facts/0/fulfilledOn", "2025-04-30", "fulfilledOn 2025-04-30 is before listedOn 2025-05-01"),
              error("/facts/1/termYears", 6, "termYears must be 1-5"));
    }

    @Test
    void majorViolationCategory() {
      assertThat(
              errors(
                  new MajorLaborViolation("f1", d("2025-05-01"), 0, null, null),
                  new MajorLaborViolation("f2", d("2025-05-01"), 8, null, null),
                  new MajorLaborViolation("f3", d("2025-05-01"), 1, null, null)))
          .containsExactly(
              error("/facts/0/category", 0, "category must be 1-7"),
              error("/facts/1/category", 8, "category must be 1-7"));
    }
  }

  @Nested
  class Research {
    ResearchMisconduct misconduct(String code, Integer banYears, boolean permanent) {
      return new ResearchMisconduct(
          "f1", d("2025-01-01"), code, MisconductSeverity.SERIOUS, banYears, permanent, false, false,
          null, null);
    }

    @Test
    void misconductCode() {
      assertThat(errors(PERSON, misconduct("RM-09", null, false)))
          .containsExactly(error("/facts/0/misconduct", "RM-09", "misconduct must be one of RM-01 ... RM-08"));
      assertThat(errors(PERSON, misconduct("rm-01", null, false))).hasSize(1);
      assertThat(errors(PERSON, misconduct("RM-01", 1, false))).isEmpty();
    }

    @Test
    void banYearsAndPermanent() {
      assertThat(errors(PERSON, misconduct("RM-01", 0, false)))
          .containsExactly(error("/facts/0/banYears", 0, "banYears must be 1 or more"));
      assertThat(errors(PERSON, misconduct("RM-01", 5, true)))
          .containsExactly(
              error(
                  "/facts/0/permanent",
                  true,
                  "a permanent ban has no banYears; give either permanent or banYears"));
      assertThat(errors(PERSON, misconduct("RM-01", null, true))).isEmpty();
    }

    @Test
    void aBanMustEndByTheLastDayTheContractCanWrite() {
      // decided 2025-01-01: 7974 years end in 9999, 7975 would end in 10000 (and 178956971 overflowed)
      assertThat(errors(PERSON, misconduct("RM-01", 7974, false))).isEmpty();
      assertThat(errors(PERSON, misconduct("RM-01", 7975, false)))
          .containsExactly(
              error("/facts/0/banYears", 7975, "banYears too large: the ban would end after 9999-12-31"));
      assertThat(errors(PERSON, misconduct("RM-01", Integer.MAX_VALUE, false)))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/0/banYears");
    }
  }

  @Nested
  class Targets {
    @Test
    void targetNamingNoFact() {
      assertThat(errors(commitment("f1", "f9", "2026-01-01"), grant("f2", "f8", "2026-01-01", null)))
          .containsExactly(
              error("/facts/0/target", "f9", "target f9 names no fact in the request"),
              error("/facts/1/target", "f8", "target f8 names no fact in the request"));
    }

    @Test
    void targetsMustBeRepairableRecords() {
      List<RequestError> errors =
          errors(
              tax("g1", 2024, "B", "2025-04-20"),
              labor("g2", 2024, "A", "2025-04-20"),
              env("g3", 2024, "BLUE", "2025-04-20"),
              new WageArrearsCase("c1", d("2025-01-01"), null, null, null, null),
              commitment("k1", "g1", "2026-01-01"),
              commitment("k2", "g2", "2026-01-01"),
              grant("k3", "g3", "2026-01-01", null),
              grant("k4", "c1", "2026-01-01", null),
              grant("k5", "k1", "2026-01-01", null),
              commitment("k6", "k6", "2026-01-01"));
      assertThat(errors).extracting(RequestError::pointer)
          .containsExactly(
              "/facts/4/target", "/facts/5/target", "/facts/6/target", "/facts/7/target",
              "/facts/8/target", "/facts/9/target");
      assertThat(errors.get(0).reason()).startsWith("target g1 is a TAX_GRADE B, not a repairable record");
      assertThat(errors.get(3).reason()).startsWith("target c1 is a WAGE_ARREARS_CASE, not a repairable record");
    }

    @Test
    void everyRepairableRecordIsAValidTarget() {
      List<Fact> facts = new ArrayList<>(List.of(
          penalty("p1", PenaltySeverity.MINOR, "2025-01-01"),
          tax("t1", 2023, "C", "2024-04-01"),
          tax("t2", 2024, "D", "2025-04-01"),
          new TaxSeriousListing("s1", d("2025-01-01"), d("2025-01-01"), null, 0, null, null),
          new WageArrearsListing("w1", d("2025-01-01"), null, null, null),
          labor("l1", 2024, "C", "2025-01-01"),
          new MajorLaborViolation("v1", d("2025-01-01"), 1, null, null),
          env("e1", 2022, "YELLOW", "2023-01-01"),
          env("e2", 2023, "RED", "2024-01-01"),
          env("e3", 2024, "BLACK", "2025-01-01"),
          new ResearchMisconduct("m1", d("2025-01-01"), "RM-01", MisconductSeverity.LIGHT, null,
              false, false, false, null, null),
          new JudgmentDefaulter("j1", d("2025-01-01"), 2, null, null, null)));
      int n = facts.size();
      for (int i = 0; i < n; i++) {
        facts.add(commitment("k" + i, facts.get(i).id(), "2026-01-01"));
        facts.add(grant("r" + i, facts.get(i).id(), "2026-01-01", null));
      }
      assertThat(RequestValidator.validate(Request.of(AS_OF, ENTERPRISE, facts))).isEmpty();
    }

    @Test
    void madeOnAndGrantedOnBeforeTheTargetsStart() {
      assertThat(
              errors(
                  penalty("p1", PenaltySeverity.GENERAL, "2026-05-10"),
                  new TaxSeriousListing("s1", d("2025-05-01"), d("2025-06-01"), null, 0, null, null),
                  new JudgmentDefaulter("j1", d("2025-05-01"), 2, null, null, null),
                  tax("t1", 2024, "D", "2025-04-20"),
                  commitment("k1", "p1", "2026-05-09"),
                  commitment("k2", "s1", "2025-04-30"),
                  grant("r1", "j1", "2025-04-30", null),
                  grant("r2", "t1", "2025-04-19", null),
                  commitment("k3", "p1", "2026-05-10"),
                  grant("r3", "s1", "2025-05-01", null)))
          .containsExactly(
              error("/facts/4/madeOn", "2026-05-09", "madeOn 2026-05-09 is before decidedOn 2026-05-10 of target p1"),
              error("/facts/5/madeOn", "2025-04-30", "madeOn 2025-04-30 is before servedOn 2025-05-01 of target s1"),
              error("/facts/6/grantedOn", "2025-04-30", "grantedOn 2025-04-30 is before listedOn 2025-05-01 of target j1"),
              error("/facts/7/grantedOn", "2025-04-19", "grantedOn 2025-04-19 is before publishedOn 2025-04-20 of target t1"));
    }

    @Test
    void breachedOnBeforeMadeOnIsAllowed() {
      assertThat(
              errors(
                  penalty("p1", PenaltySeverity.GENERAL, "2026-05-10"),
                  new CreditCommitment("k1", d("2026-06-01"), "p1", d("2026-05-01"), null, null)))
          .isEmpty();
    }

    @Test
    void revokedOnBeforeGrantedOn() {
      assertThat(
              errors(
                  penalty("p1", PenaltySeverity.GENERAL, "2026-05-10"),
                  new RepairGranted("r1", "p1", d("2026-06-01"), null, d("2026-05-31"), null, null),
                  new RepairGranted("r2", "p1", d("2026-06-01"), null, d("2026-06-01"), null, null)))
          .containsExactly(
              error("/facts/1/revokedOn", "2026-05-31", "revokedOn 2026-05-31 is before grantedOn 2026-06-01"));
    }

    @Test
    void rectificationTargetsAnEnvGrade() {
      assertThat(
              errors(
                  env("e1", 2024, "GREEN", "2025-04-20"),
                  penalty("p1", PenaltySeverity.GENERAL, "2025-05-10"),
                  new EnvRectification("x1", "e1", d("2025-05-01"), null, null),
                  new EnvRectification("x2", "p1", d("2025-05-11"), null, null),
                  new EnvRectification("x3", "e9", d("2025-05-11"), null, null),
                  new EnvRectification("x4", "e1", d("2025-04-19"), null, null)))
          .containsExactly(
              error("/facts/3/target", "p1", "target p1 is a ADMIN_PENALTY; it must be an ENV_GRADE"),
              error("/facts/4/target", "e9", "target e9 names no fact in the request"),
              error("/facts/5/verifiedOn", "2025-04-19", "verifiedOn 2025-04-19 is before publishedOn 2025-04-20 of target e1"));
    }

    @Test
    void newGradeRules() {
      assertThat(
              errors(
                  tax("t1", 2024, "D", "2025-04-20"),
                  labor("l1", 2024, "C", "2025-04-20"),
                  env("e1", 2024, "RED", "2025-04-20"),
                  penalty("p1", PenaltySeverity.GENERAL, "2025-05-10"),
                  grant("r1", "t1", "2025-06-01", "A"),
                  grant("r2", "t1", "2025-06-01", "GREEN"),
                  grant("r3", "l1", "2025-06-01", "M"),
                  grant("r4", "e1", "2025-06-01", "A"),
                  grant("r5", "p1", "2025-06-01", ""),
                  grant("r6", "t1", "2025-06-01", "M"),
                  grant("r7", "e1", "2025-06-01", "YELLOW")))
          .containsExactly(
              error("/facts/4/newGrade", "A", "newGrade must not be A for a tax grade"),
              error("/facts/5/newGrade", "GREEN", "newGrade must be a TAX_GRADE level: one of A, B, M, C, D"),
              error("/facts/6/newGrade", "M", "newGrade must be a LABOR_GRADE level: one of A, B, C"),
              error("/facts/7/newGrade", "A", "newGrade must be a ENV_GRADE level: one of GREEN, BLUE, YELLOW, RED, BLACK"),
              error("/facts/8/newGrade", "", "newGrade is only allowed when the target is a grade; p1 is a ADMIN_PENALTY"));
    }

    @Test
    void duplicateTargetIdResolvesToTheFirstFact() {
      assertThat(
              errors(
                  penalty("p1", PenaltySeverity.GENERAL, "2025-05-10"),
                  new WageArrearsCase("p1", d("2025-01-01"), null, null, null, null),
                  commitment("k1", "p1", "2025-06-01")))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/1/id");
    }
  }

  @Test
  void factsDatedAfterAsOfAreStillValidated() {
    assertThat(errors(penalty("f1", PenaltySeverity.GENERAL, "2027-05-10", "2027-05-01", null, null)))
        .extracting(RequestError::pointer)
        .containsExactly("/facts/0/fulfilledOn");
  }

  @Test
  void severalErrorsTogetherInContractOrder() {
    Request request =
        new Request(
            "r1",
            AS_OF,
            Subject.of("91350211M000100Y43", SubjectType.ENTERPRISE),
            List.of(),
            List.of(
                penalty("f1", PenaltySeverity.GENERAL, "2026-05-10", "2026-05-01", false, false),
                tax("f2", 2026, "C", "2026-04-20", 3, null),
                penalty("f1", PenaltySeverity.GENERAL, "2026-05-10"),
                grant("f4", "f9", "2026-05-01", null)));
    assertThat(RequestValidator.validate(request))
        .extracting(RequestError::pointer)
        .containsExactly(
            "/subject/id",
            "/areas",
            "/facts/0/fulfilledOn",
            "/facts/0/published",
            "/facts/0/specialSerious",
            "/facts/1/year",
            "/facts/1/directReason",
            "/facts/2/id",
            "/facts/3/target");
  }

  @Nested
  class PartialRequests {
    @Test
    void slotsKeepTheirIndexesAndPartialFactsCountForIdsAndTargets() {
      List<FactSlot> slots =
          Arrays.asList(
              FactSlot.partial("f1", FactType.ADMIN_PENALTY),
              FactSlot.partial(null, null),
              FactSlot.of(penalty("f1", PenaltySeverity.GENERAL, "2026-05-10")),
              FactSlot.of(commitment("f4", "f1", "2020-01-01")),
              FactSlot.partial("f5", FactType.WAGE_ARREARS_CASE),
              FactSlot.of(commitment("f6", "f5", "2020-01-01")),
              FactSlot.partial("f7", FactType.TAX_GRADE),
              FactSlot.of(grant("f8", "f7", "2020-01-01", "A")));
      assertThat(RequestValidator.validate(AS_OF, null, SubjectType.NATURAL_PERSON, null, slots))
          .containsExactly(
              error("/facts/2/id", "f1", "fact id f1 is already used by /facts/0; ids must be unique"),
              error(
                  "/facts/5/target",
                  "f5",
                  RequestValidator.validate(
                          AS_OF, null, null, null,
                          List.of(
                              FactSlot.partial("f5", FactType.WAGE_ARREARS_CASE),
                              FactSlot.of(commitment("f6", "f5", "2020-01-01"))))
                      .get(0)
                      .reason()),
              error(
                  "/facts/6/type",
                  "TAX_GRADE",
                  "TAX_GRADE is allowed for organisations only, not for a NATURAL_PERSON"));
    }

    @Test
    void missingPartsSkipTheirChecks() {
      assertThat(RequestValidator.validate(null, "91350211M000100Y43", null, null, null)).isEmpty();
      assertThat(
              RequestValidator.validate(
                  null, "110108200002290055", SubjectType.NATURAL_PERSON, null, List.of()))
          .isEmpty();
    }
  }

  @Test
  void repairableRecords() {
    assertThat(RequestValidator.isRepairable(tax("t", 2024, "C", "2025-01-01"))).isTrue();
    assertThat(RequestValidator.isRepairable(tax("t", 2024, "M", "2025-01-01"))).isFalse();
    assertThat(RequestValidator.isRepairable(labor("l", 2024, "B", "2025-01-01"))).isFalse();
    assertThat(RequestValidator.isRepairable(env("e", 2024, "YELLOW", "2025-01-01"))).isTrue();
    assertThat(RequestValidator.isRepairable(commitment("k", "x", "2025-01-01"))).isFalse();
  }
}
