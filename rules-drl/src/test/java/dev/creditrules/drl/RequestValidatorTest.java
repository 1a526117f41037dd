package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Area;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.FactModelReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The validator under the shipped fact declarations (src/main/packs/&#42;/types.yaml). */
class RequestValidatorTest {
  static final FactModel MODEL = FactModelReader.read(Path.of("src/main/packs"));
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
  static final Subject ENTERPRISE = Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE);
  static final Subject PERSON = Subject.of("110108198001150018", SubjectType.NATURAL_PERSON);

  static LocalDate d(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  static List<RequestError> errors(Fact... facts) {
    return errors(ENTERPRISE, facts);
  }

  static List<RequestError> errors(Subject subject, Fact... facts) {
    return RequestValidator.validate(Request.of(AS_OF, subject, Arrays.asList(facts)), MODEL);
  }

  static List<RequestError> validate(Request request) {
    return RequestValidator.validate(request, MODEL);
  }

  static RequestError error(String pointer, Object value, String reason) {
    return new RequestError(pointer, value, reason);
  }

  static Fact penalty(String id, String severity, String decidedOn) {
    return penalty(id, severity, decidedOn, null, null, null);
  }

  static Fact penalty(
      String id,
      String severity,
      String decidedOn,
      String fulfilledOn,
      Boolean published,
      Boolean specialSerious) {
    return Fact.builder("ADMIN_PENALTY", id)
        .set("sector", "environment")
        .set("decidedOn", d(decidedOn))
        .set("severity", severity)
        .set("kinds", List.of("FINE"))
        .set("fine", new BigDecimal("50000"))
        .set("fulfilledOn", d(fulfilledOn))
        .set("published", published)
        .set("specialSerious", specialSerious)
        .build();
  }

  static Fact tax(String id, int year, String grade, String publishedOn) {
    return tax(id, year, grade, publishedOn, null, null);
  }

  static Fact tax(
      String id, int year, String grade, String publishedOn, Integer reason, String correctedOn) {
    return Fact.builder("TAX_GRADE", id)
        .set("year", year)
        .set("grade", grade)
        .set("publishedOn", d(publishedOn))
        .set("directReason", reason)
        .set("correctedOn", d(correctedOn))
        .build();
  }

  static Fact labor(String id, int year, String grade, String publishedOn) {
    return Fact.builder("LABOR_GRADE", id)
        .set("year", year)
        .set("grade", grade)
        .set("publishedOn", d(publishedOn))
        .build();
  }

  static Fact env(String id, int year, String grade, String publishedOn) {
    return envGrade(id, year, grade, d(publishedOn), null, null, null);
  }

  static Fact grant(String id, String target, String grantedOn, String newGrade) {
    return repairGranted(id, target, d(grantedOn), newGrade, null, null, null);
  }

  static Fact commitment(String id, String target, String madeOn) {
    return creditCommitment(id, d(madeOn), target, null, null, null);
  }

  // the constructors of the fact records before issue 11, as builders of generic facts

  static Fact build(String type, String id, String authority, String documentNo, Object... values) {
    Fact.Builder b = Fact.builder(type, id);
    for (int i = 0; i < values.length; i += 2) {
      b.set((String) values[i], values[i + 1]);
    }
    return b.set("authority", authority).set("documentNo", documentNo).build();
  }

  static Fact envGrade(
      String id,
      int year,
      String grade,
      LocalDate publishedOn,
      String province,
      String authority,
      String documentNo) {
    return build(
        "ENV_GRADE",
        id,
        authority,
        documentNo,
        "year",
        year,
        "grade",
        grade,
        "publishedOn",
        publishedOn,
        "province",
        province);
  }

  static Fact repairGranted(
      String id,
      String target,
      LocalDate grantedOn,
      String newGrade,
      LocalDate revokedOn,
      String authority,
      String documentNo) {
    return build(
        "REPAIR_GRANTED",
        id,
        authority,
        documentNo,
        "target",
        target,
        "grantedOn",
        grantedOn,
        "newGrade",
        newGrade,
        "revokedOn",
        revokedOn);
  }

  static Fact creditCommitment(
      String id,
      LocalDate madeOn,
      String target,
      LocalDate breachedOn,
      String authority,
      String documentNo) {
    return build(
        "CREDIT_COMMITMENT",
        id,
        authority,
        documentNo,
        "madeOn",
        madeOn,
        "target",
        target,
        "breachedOn",
        breachedOn);
  }

  static Fact taxSeriousListing(
      String id,
      LocalDate servedOn,
      LocalDate publishedOn,
      LocalDate paidInFullOn,
      int priorListingsIn5Years,
      String authority,
      String documentNo) {
    return build(
        "TAX_SERIOUS_LISTING",
        id,
        authority,
        documentNo,
        "servedOn",
        servedOn,
        "publishedOn",
        publishedOn,
        "paidInFullOn",
        paidInFullOn,
        "priorListingsIn5Years",
        priorListingsIn5Years);
  }

  static Fact wageArrearsListing(
      String id, LocalDate decidedOn, LocalDate paidInFullOn, String authority, String documentNo) {
    return build(
        "WAGE_ARREARS_LISTING",
        id,
        authority,
        documentNo,
        "decidedOn",
        decidedOn,
        "paidInFullOn",
        paidInFullOn);
  }

  static Fact wageArrearsCase(
      String id,
      LocalDate foundOn,
      BigDecimal amount,
      Integer workers,
      String authority,
      String documentNo) {
    return build(
        "WAGE_ARREARS_CASE",
        id,
        authority,
        documentNo,
        "foundOn",
        foundOn,
        "amount",
        amount,
        "workers",
        workers);
  }

  static Fact majorLaborViolation(
      String id, LocalDate decidedOn, int category, String authority, String documentNo) {
    return build(
        "MAJOR_LABOR_VIOLATION",
        id,
        authority,
        documentNo,
        "decidedOn",
        decidedOn,
        "category",
        category);
  }

  static Fact envRectification(
      String id, String target, LocalDate verifiedOn, String authority, String documentNo) {
    return build(
        "ENV_RECTIFICATION", id, authority, documentNo, "target", target, "verifiedOn", verifiedOn);
  }

  static Fact researchMisconduct(
      String id,
      LocalDate decidedOn,
      String misconduct,
      String severity,
      Integer banYears,
      boolean permanent,
      boolean aggravated,
      boolean awardRevoked,
      String authority,
      String documentNo) {
    return build(
        "RESEARCH_MISCONDUCT",
        id,
        authority,
        documentNo,
        "decidedOn",
        decidedOn,
        "misconduct",
        misconduct,
        "severity",
        severity,
        "banYears",
        banYears,
        "permanent",
        permanent,
        "aggravated",
        aggravated,
        "awardRevoked",
        awardRevoked);
  }

  static Fact judgmentDefaulter(
      String id,
      LocalDate listedOn,
      int termYears,
      LocalDate fulfilledOn,
      String authority,
      String documentNo) {
    return build(
        "JUDGMENT_DEFAULTER",
        id,
        authority,
        documentNo,
        "listedOn",
        listedOn,
        "termYears",
        termYears,
        "fulfilledOn",
        fulfilledOn);
  }

  /** Appends the GB 32100 check character to a 17-character body. */
  static String withCheck(String body) {
    String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += chars.indexOf(body.charAt(i)) * w[i];
    }
    return body + chars.charAt((31 - sum % 31) % 31);
  }

  @Test
  void aValidRequestHasNoErrors() {
    List<RequestError> errors =
        errors(
            tax("f1", 2025, "D", "2026-04-20", 3, "2026-05-01"),
            penalty("f2", "GENERAL", "2026-05-10", "2026-05-20", null, null),
            penalty("f3", "MINOR", "2026-05-10", null, false, null),
            penalty("f4", "SERIOUS", "2026-05-10", null, null, true),
            commitment("f5", "f2", "2026-05-10"),
            grant("f6", "f1", "2026-06-01", "B"),
            taxSeriousListing(
                "f7", d("2025-01-01"), d("2025-01-01"), d("2025-02-01"), 0, null, null),
            wageArrearsListing("f8", d("2025-01-01"), d("2025-01-01"), null, null),
            wageArrearsCase("f9", d("2025-01-01"), new BigDecimal("1.50"), 3, null, null),
            majorLaborViolation("f10", d("2025-01-01"), 7, null, null),
            env("f11", 2024, "RED", "2025-03-01"),
            envRectification("f12", "f11", d("2025-03-01"), null, null),
            researchMisconduct(
                "f13", d("2025-01-01"), "RM-08", "GRAVE", null, true, true, true, null, null),
            judgmentDefaulter("f14", d("2025-01-01"), 5, d("2025-01-01"), null, null),
            labor("f15", 2024, "C", "2025-03-01"),
            grant("f16", "f15", "2025-04-01", "A"),
            grant("f17", "f11", "2025-04-01", "BLUE"));
    assertThat(errors).isEmpty();
    RequestValidator.requireValid(Request.of(AS_OF, ENTERPRISE, List.of()), MODEL);
  }

  @Test
  void emptyAreasIsAnError() {
    Request request = new Request("r1", AS_OF, ENTERPRISE, List.of(), List.of());
    assertThat(validate(request))
        .containsExactly(
            error("/areas", List.of(), "areas must not be empty; omit it to get every outcome"));
    assertThat(validate(new Request("r1", AS_OF, ENTERPRISE, List.of(Area.BIDDING), List.of())))
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
    assertThatThrownBy(() -> RequestValidator.requireValid(request, MODEL))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errors())
                    .extracting(RequestError::pointer)
                    .containsExactly("/subject/id", "/areas"));
  }

  @Nested
  class NaturalPersonIds {
    List<RequestError> person(String id) {
      return validate(Request.of(AS_OF, Subject.of(id, SubjectType.NATURAL_PERSON), List.of()));
    }

    @Test
    void anIdOfTheResidentNumberShapeIsCheckedAsAResidentNumber() {
      // packs-v1 s.10: 17 digits then a digit or X is a resident number, its problems at
      // /subject/id, even when the same 18 characters happen to be a valid credit code
      String code = withCheck("11010820311206218");
      assertThat(code).matches("[0-9]{17}[0-9X]");
      assertThat(person(code))
          .containsExactly(
              error("/subject/id", code, "birth date 2031-12-06 is after asOf " + AS_OF));
      // R1's number with a wrong check digit (8) is also a valid credit code (check 7)
      assertThat(withCheck("11010819800115001")).isEqualTo("110108198001150017");
      assertThat(person("110108198001150017"))
          .containsExactly(error("/subject/id", "110108198001150017", "check character must be 8"));
    }

    @Test
    void aValidCreditCodeOfAnotherShapeIsATypeMismatch() {
      assertThat(person("91110108MA01TAX03C"))
          .containsExactly(
              error(
                  "/subject/type",
                  "NATURAL_PERSON",
                  "subject id 91110108MA01TAX03C is a unified social credit code, which belongs"
                      + " to an organisation; a NATURAL_PERSON needs a resident identity number"));
      // neither shape nor valid code: the resident-number problem at /subject/id
      assertThat(person("91350211M000100Y43"))
          .containsExactly(
              error("/subject/id", "91350211M000100Y43", "position 9 must be a digit, not 'M'"));
    }

    @Test
    void residentNumberProblemsOfTheShape() {
      assertThat(person("340524198001010013"))
          .containsExactly(error("/subject/id", "340524198001010013", "check character must be X"));
      assertThat(person("110108190002290059"))
          .containsExactly(
              error(
                  "/subject/id",
                  "110108190002290059",
                  "birth date 19000229 is not a calendar date"));
      // a lower-case x is upper-cased first
      assertThat(person("11010519491231002x")).isEmpty();
    }
  }

  @Test
  void duplicateIdsPointAtTheLaterFacts() {
    assertThat(
            errors(
                penalty("f1", "GENERAL", "2026-05-10"),
                penalty("f2", "GENERAL", "2026-05-10"),
                penalty("f1", "GENERAL", "2026-05-11"),
                penalty("f1", "GENERAL", "2026-05-12")))
        .containsExactly(
            error(
                "/facts/2/id", "f1", "fact id f1 is already used by /facts/0; ids must be unique"),
            error(
                "/facts/3/id", "f1", "fact id f1 is already used by /facts/0; ids must be unique"));
  }

  @Test
  void factTypeNotAllowedForTheSubjectPointsAtTheFactType() {
    assertThat(
            errors(
                PERSON,
                tax("f1", 2025, "B", "2026-04-20"),
                penalty("f2", "GENERAL", "2026-05-10"),
                majorLaborViolation("f3", d("2025-01-01"), 1, null, null)))
        .containsExactly(
            error(
                "/facts/0/type",
                "TAX_GRADE",
                "TAX_GRADE is allowed for organisations only, not for a NATURAL_PERSON"),
            error(
                "/facts/2/type",
                "MAJOR_LABOR_VIOLATION",
                "MAJOR_LABOR_VIOLATION is allowed for organisations only, not for a"
                    + " NATURAL_PERSON"));
    Subject validAgency = Subject.of(withCheck("11100000000000042"), SubjectType.GOVERNMENT_AGENCY);
    Fact misconduct =
        researchMisconduct(
            "f1", d("2025-01-01"), "RM-01", "LIGHT", null, false, false, false, null, null);
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
                  "a grade for year 2026 cannot be published on 2026-04-20, before the year is"
                      + " over"));
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
              error(
                  "/facts/2/grade",
                  "green",
                  "grade must be one of GREEN, BLUE, YELLOW, RED, BLACK"));
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
              error(
                  "/facts/0/directReason",
                  3,
                  "directReason is only allowed on a D grade, not on C"),
              error("/facts/1/directReason", 14, "directReason must be 1-13"),
              error("/facts/2/directReason", 0, "directReason must be 1-13"));
    }

    @Test
    void theYearNotOverOnPublishedOnPointsAtTheYearForEveryScheme() {
      // packs-v1 s.10: "for a grade whose year is not over on publishedOn, /facts/i/year",
      // 31 December of the year included
      assertThat(
              errors(
                  tax("t1", 2025, "B", "2025-12-31"),
                  labor("l1", 2025, "A", "2025-06-01"),
                  env("e1", 2025, "GREEN", "2025-12-31")))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/0/year", "/facts/1/year", "/facts/2/year");
    }

    @Test
    void aDirectReasonOnAnInvalidGradeHasNoErrorOfItsOwn() {
      // packs-v1 s.10: no follow-on errors; whether directReason is allowed depends on the grade,
      // which is itself invalid, so directReason gets no error at all (not even its range)
      assertThat(
              errors(
                  tax("f1", 2024, "E", "2025-04-20", 3, null),
                  tax("f2", 2023, "d", "2024-04-20", 14, null)))
          .containsExactly(
              error("/facts/0/grade", "E", "grade must be one of A, B, M, C, D"),
              error("/facts/1/grade", "d", "grade must be one of A, B, M, C, D"));
      // a valid grade keeps both checks
      assertThat(errors(tax("f1", 2024, "B", "2025-04-20", 3, null)))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/0/directReason");
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
      Fact bad = envGrade("f1", 2024, "RED", d("2025-03-01"), "440", null, null);
      Fact good = envGrade("f2", 2023, "RED", d("2024-03-01"), "44", null, null);
      assertThat(errors(bad, good))
          .containsExactly(
              error("/facts/0/province", "440", "province must be a 2-digit province code"));
    }
  }

  @Nested
  class Penalties {
    @Test
    void fulfilledOnBeforeDecidedOn() {
      assertThat(errors(penalty("f2", "GENERAL", "2026-05-10", "2026-05-01", null, null)))
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
                  penalty("f1", "GENERAL", "2026-05-10", null, false, null),
                  penalty("f2", "SERIOUS", "2026-05-10", null, true, null),
                  penalty("f3", "MINOR", "2026-05-10", null, true, null)))
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
                  penalty("f1", "MINOR", "2026-05-10", null, null, false),
                  penalty("f2", "SERIOUS", "2026-05-10", null, null, false)))
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
      Fact listing =
          taxSeriousListing(
              "f1", d("2025-05-01"), d("2025-04-01"), d("2025-04-30"), -1, null, null);
      assertThat(errors(listing))
          .containsExactly(
              error(
                  "/facts/0/publishedOn",
                  "2025-04-01",
                  "publishedOn 2025-04-01 is before servedOn 2025-05-01"),
              error(
                  "/facts/0/paidInFullOn",
                  "2025-04-30",
                  "paidInFullOn 2025-04-30 is before servedOn 2025-05-01"),
              error(
                  "/facts/0/priorListingsIn5Years", -1, "priorListingsIn5Years must be 0 or more"));
    }

    @Test
    void wageListingPaidBeforeDecided() {
      assertThat(errors(wageArrearsListing("f1", d("2025-05-01"), d("2025-04-30"), null, null)))
          .containsExactly(
              error(
                  "/facts/0/paidInFullOn",
                  "2025-04-30",
                  "paidInFullOn 2025-04-30 is before decidedOn 2025-05-01"));
    }

    @Test
    void defaulterTermAndFulfilment() {
      assertThat(
              errors(
                  judgmentDefaulter("f1", d("2025-05-01"), 0, d("2025-04-30"), null, null),
                  judgmentDefaulter("f2", d("2025-05-01"), 6, null, null, null),
                  judgmentDefaulter("f3", d("2025-05-01"), 1, null, null, null)))
          .containsExactly(
              error("/facts/0/termYears", 0, "termYears must be 1-5"),
              error(
                  "/facts/0/fulfilledOn",
                  "2025-04-30",
                  "fulfilledOn 2025-04-30 is before listedOn 2025-05-01"),
              error("/facts/1/termYears", 6, "termYears must be 1-5"));
    }

    @Test
    void majorViolationCategory() {
      assertThat(
              errors(
                  majorLaborViolation("f1", d("2025-05-01"), 0, null, null),
                  majorLaborViolation("f2", d("2025-05-01"), 8, null, null),
                  majorLaborViolation("f3", d("2025-05-01"), 1, null, null)))
          .containsExactly(
              error("/facts/0/category", 0, "category must be 1-7"),
              error("/facts/1/category", 8, "category must be 1-7"));
    }
  }

  @Nested
  class Research {
    Fact misconduct(String code, Integer banYears, boolean permanent) {
      return researchMisconduct(
          "f1", d("2025-01-01"), code, "SERIOUS", banYears, permanent, false, false, null, null);
    }

    @Test
    void misconductCode() {
      assertThat(errors(PERSON, misconduct("RM-09", null, false)))
          .containsExactly(
              error("/facts/0/misconduct", "RM-09", "misconduct must be one of RM-01 ... RM-08"));
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
      // decided 2025-01-01: 7974 years end in 9999, 7975 would end in 10000 (and 178956971
      // overflowed)
      assertThat(errors(PERSON, misconduct("RM-01", 7974, false))).isEmpty();
      assertThat(errors(PERSON, misconduct("RM-01", 7975, false)))
          .containsExactly(
              error(
                  "/facts/0/banYears",
                  7975,
                  "banYears too large: the ban would end after 9999-12-31"));
      assertThat(errors(PERSON, misconduct("RM-01", Integer.MAX_VALUE, false)))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/0/banYears");
    }
  }

  @Nested
  class Targets {
    @Test
    void targetNamingNoFact() {
      assertThat(
              errors(commitment("f1", "f9", "2026-01-01"), grant("f2", "f8", "2026-01-01", null)))
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
              wageArrearsCase("c1", d("2025-01-01"), null, null, null, null),
              commitment("k1", "g1", "2026-01-01"),
              commitment("k2", "g2", "2026-01-01"),
              grant("k3", "g3", "2026-01-01", null),
              grant("k4", "c1", "2026-01-01", null),
              grant("k5", "k1", "2026-01-01", null),
              commitment("k6", "k6", "2026-01-01"));
      assertThat(errors)
          .extracting(RequestError::pointer)
          .containsExactly(
              "/facts/4/target",
              "/facts/5/target",
              "/facts/6/target",
              "/facts/7/target",
              "/facts/8/target",
              "/facts/9/target");
      assertThat(errors.get(0).reason())
          .startsWith("target g1 is a TAX_GRADE B, not a repairable record");
      assertThat(errors.get(3).reason())
          .startsWith("target c1 is a WAGE_ARREARS_CASE, not a repairable record");
    }

    @Test
    void everyRepairableRecordIsAValidTarget() {
      List<Fact> facts =
          new ArrayList<>(
              List.of(
                  penalty("p1", "MINOR", "2025-01-01"),
                  tax("t1", 2023, "C", "2024-04-01"),
                  tax("t2", 2024, "D", "2025-04-01"),
                  taxSeriousListing("s1", d("2025-01-01"), d("2025-01-01"), null, 0, null, null),
                  wageArrearsListing("w1", d("2025-01-01"), null, null, null),
                  labor("l1", 2024, "C", "2025-01-01"),
                  majorLaborViolation("v1", d("2025-01-01"), 1, null, null),
                  env("e1", 2022, "YELLOW", "2023-01-01"),
                  env("e2", 2023, "RED", "2024-01-01"),
                  env("e3", 2024, "BLACK", "2025-01-01"),
                  researchMisconduct(
                      "m1",
                      d("2025-01-01"),
                      "RM-01",
                      "LIGHT",
                      null,
                      false,
                      false,
                      false,
                      null,
                      null),
                  judgmentDefaulter("j1", d("2025-01-01"), 2, null, null, null)));
      int n = facts.size();
      for (int i = 0; i < n; i++) {
        facts.add(commitment("k" + i, facts.get(i).id(), "2026-01-01"));
        facts.add(grant("r" + i, facts.get(i).id(), "2026-01-01", null));
      }
      assertThat(validate(Request.of(AS_OF, ENTERPRISE, facts))).isEmpty();
    }

    @Test
    void madeOnAndGrantedOnBeforeTheTargetsStart() {
      assertThat(
              errors(
                  penalty("p1", "GENERAL", "2026-05-10"),
                  taxSeriousListing("s1", d("2025-05-01"), d("2025-06-01"), null, 0, null, null),
                  judgmentDefaulter("j1", d("2025-05-01"), 2, null, null, null),
                  tax("t1", 2024, "D", "2025-04-20"),
                  commitment("k1", "p1", "2026-05-09"),
                  commitment("k2", "s1", "2025-04-30"),
                  grant("r1", "j1", "2025-04-30", null),
                  grant("r2", "t1", "2025-04-19", null),
                  commitment("k3", "p1", "2026-05-10"),
                  grant("r3", "s1", "2025-05-01", null)))
          .containsExactly(
              error(
                  "/facts/4/madeOn",
                  "2026-05-09",
                  "madeOn 2026-05-09 is before decidedOn 2026-05-10 of target p1"),
              error(
                  "/facts/5/madeOn",
                  "2025-04-30",
                  "madeOn 2025-04-30 is before servedOn 2025-05-01 of target s1"),
              error(
                  "/facts/6/grantedOn",
                  "2025-04-30",
                  "grantedOn 2025-04-30 is before listedOn 2025-05-01 of target j1"),
              error(
                  "/facts/7/grantedOn",
                  "2025-04-19",
                  "grantedOn 2025-04-19 is before publishedOn 2025-04-20 of target t1"));
    }

    @Test
    void breachedOnBeforeMadeOnIsAllowed() {
      assertThat(
              errors(
                  penalty("p1", "GENERAL", "2026-05-10"),
                  creditCommitment("k1", d("2026-06-01"), "p1", d("2026-05-01"), null, null)))
          .isEmpty();
    }

    @Test
    void revokedOnBeforeGrantedOn() {
      assertThat(
              errors(
                  penalty("p1", "GENERAL", "2026-05-10"),
                  repairGranted("r1", "p1", d("2026-06-01"), null, d("2026-05-31"), null, null),
                  repairGranted("r2", "p1", d("2026-06-01"), null, d("2026-06-01"), null, null)))
          .containsExactly(
              error(
                  "/facts/1/revokedOn",
                  "2026-05-31",
                  "revokedOn 2026-05-31 is before grantedOn 2026-06-01"));
    }

    @Test
    void rectificationTargetsAnEnvGrade() {
      assertThat(
              errors(
                  env("e1", 2024, "GREEN", "2025-04-20"),
                  penalty("p1", "GENERAL", "2025-05-10"),
                  envRectification("x1", "e1", d("2025-05-01"), null, null),
                  envRectification("x2", "p1", d("2025-05-11"), null, null),
                  envRectification("x3", "e9", d("2025-05-11"), null, null),
                  envRectification("x4", "e1", d("2025-04-19"), null, null)))
          .containsExactly(
              error(
                  "/facts/3/target", "p1", "target p1 is a ADMIN_PENALTY; it must be an ENV_GRADE"),
              error("/facts/4/target", "e9", "target e9 names no fact in the request"),
              error(
                  "/facts/5/verifiedOn",
                  "2025-04-19",
                  "verifiedOn 2025-04-19 is before publishedOn 2025-04-20 of target e1"));
    }

    @Test
    void newGradeRules() {
      assertThat(
              errors(
                  tax("t1", 2024, "D", "2025-04-20"),
                  labor("l1", 2024, "C", "2025-04-20"),
                  env("e1", 2024, "RED", "2025-04-20"),
                  penalty("p1", "GENERAL", "2025-05-10"),
                  grant("r1", "t1", "2025-06-01", "A"),
                  grant("r2", "t1", "2025-06-01", "GREEN"),
                  grant("r3", "l1", "2025-06-01", "M"),
                  grant("r4", "e1", "2025-06-01", "A"),
                  grant("r5", "p1", "2025-06-01", ""),
                  grant("r6", "t1", "2025-06-01", "M"),
                  grant("r7", "e1", "2025-06-01", "YELLOW")))
          .containsExactly(
              error("/facts/4/newGrade", "A", "newGrade must not be A for a tax grade"),
              error(
                  "/facts/5/newGrade",
                  "GREEN",
                  "newGrade must be a TAX_GRADE level: one of A, B, M, C, D"),
              error(
                  "/facts/6/newGrade", "M", "newGrade must be a LABOR_GRADE level: one of A, B, C"),
              error(
                  "/facts/7/newGrade",
                  "A",
                  "newGrade must be a ENV_GRADE level: one of GREEN, BLUE, YELLOW, RED, BLACK"),
              error(
                  "/facts/8/newGrade",
                  "",
                  "newGrade is only allowed when the target is a grade; p1 is a ADMIN_PENALTY"));
    }

    @Test
    void aTargetOrNewGradeAgainstAnInvalidGradeHasNoErrorOfItsOwn() {
      // packs-v1 s.10: whether a grade is repairable, and which new grades it takes, depend on its
      // level; with the level invalid only the level is reported: no target error, no comparison
      // with the grade's publishedOn, no newGrade error
      assertThat(
              errors(
                  tax("t1", 2024, "E", "2025-04-20"),
                  labor("l1", 2024, "D", "2025-04-20"),
                  env("e1", 2024, "PURPLE", "2025-04-20"),
                  commitment("k1", "t1", "2025-04-19"),
                  grant("r1", "t1", "2025-04-19", "A"),
                  grant("r2", "l1", "2025-06-01", "Z"),
                  grant("r3", "e1", "2025-06-01", "GREEN"),
                  envRectification("x1", "e1", d("2025-05-01"), null, null)))
          .containsExactly(
              error("/facts/0/grade", "E", "grade must be one of A, B, M, C, D"),
              error("/facts/1/grade", "D", "grade must be one of A, B, C"),
              error(
                  "/facts/2/grade",
                  "PURPLE",
                  "grade must be one of GREEN, BLUE, YELLOW, RED, BLACK"));
    }

    @Test
    void aGradeWithAnErrorElsewhereIsStillCheckedAsATarget() {
      // only the value a check reads stops it: a B grade whose year is not over is still no
      // repairable record, and a D with a duplicate year is still compared with its publishedOn
      assertThat(
              errors(
                  tax("t1", 2025, "B", "2025-04-20"),
                  tax("t2", 2023, "D", "2024-04-20"),
                  tax("t3", 2023, "D", "2024-05-20"),
                  commitment("k1", "t1", "2025-06-01"),
                  grant("r1", "t3", "2024-05-19", "B")))
          .containsExactly(
              error(
                  "/facts/0/year",
                  2025,
                  "a grade for year 2025 cannot be published on 2025-04-20, before the year is"
                      + " over"),
              error(
                  "/facts/2/year",
                  2023,
                  "/facts/1 is already a TAX_GRADE for year 2023; one grade per scheme and year"),
              error(
                  "/facts/3/target",
                  "t1",
                  "target t1 is a TAX_GRADE B, not a repairable record (a penalty, listing, C/D"
                      + " tax grade, C labour grade, yellow/red/black environmental grade,"
                      + " violation, misconduct or defaulter)"),
              error(
                  "/facts/4/grantedOn",
                  "2024-05-19",
                  "grantedOn 2024-05-19 is before publishedOn 2024-05-20 of target t3"));
    }

    @Test
    void aTargetNamingAFactOfUnknownTypeHasNoErrorOfItsOwn() {
      // a fact whose type is unknown or missing is known by its id only (the reader reports it)
      List<FactSlot> slots =
          List.of(
              FactSlot.partial("u1", "TAX_RATING"),
              FactSlot.partial("u2", null),
              FactSlot.of(commitment("k1", "u1", "2025-06-01")),
              FactSlot.of(grant("r1", "u2", "2025-06-01", "C")),
              FactSlot.partial("r2", "REPAIR_GRANTED", "u1"));
      assertThat(
              RequestValidator.validate(
                  AS_OF, ENTERPRISE.id(), ENTERPRISE.type(), null, slots, MODEL))
          .isEmpty();
    }

    @Test
    void duplicateTargetIdResolvesToTheFirstFact() {
      assertThat(
              errors(
                  penalty("p1", "GENERAL", "2025-05-10"),
                  wageArrearsCase("p1", d("2025-01-01"), null, null, null, null),
                  commitment("k1", "p1", "2025-06-01")))
          .extracting(RequestError::pointer)
          .containsExactly("/facts/1/id");
    }
  }

  @Test
  void factsDatedAfterAsOfAreStillValidated() {
    assertThat(errors(penalty("f1", "GENERAL", "2027-05-10", "2027-05-01", null, null)))
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
                penalty("f1", "GENERAL", "2026-05-10", "2026-05-01", false, false),
                tax("f2", 2026, "C", "2026-04-20", 3, null),
                penalty("f1", "GENERAL", "2026-05-10"),
                grant("f4", "f9", "2026-05-01", null)));
    assertThat(validate(request))
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
              FactSlot.partial("f1", "ADMIN_PENALTY"),
              FactSlot.partial(null, null),
              FactSlot.of(penalty("f1", "GENERAL", "2026-05-10")),
              FactSlot.of(commitment("f4", "f1", "2020-01-01")),
              FactSlot.partial("f5", "WAGE_ARREARS_CASE"),
              FactSlot.of(commitment("f6", "f5", "2020-01-01")),
              FactSlot.partial("f7", "TAX_GRADE"),
              FactSlot.of(grant("f8", "f7", "2020-01-01", "A")));
      assertThat(
              RequestValidator.validate(
                  AS_OF, null, SubjectType.NATURAL_PERSON, null, slots, MODEL))
          .containsExactly(
              error(
                  "/facts/2/id",
                  "f1",
                  "fact id f1 is already used by /facts/0; ids must be unique"),
              error(
                  "/facts/5/target",
                  "f5",
                  RequestValidator.validate(
                          AS_OF,
                          null,
                          null,
                          null,
                          List.of(
                              FactSlot.partial("f5", "WAGE_ARREARS_CASE"),
                              FactSlot.of(commitment("f6", "f5", "2020-01-01"))),
                          MODEL)
                      .get(0)
                      .reason()),
              error(
                  "/facts/6/type",
                  "TAX_GRADE",
                  "TAX_GRADE is allowed for organisations only, not for a NATURAL_PERSON"));
    }

    @Test
    void missingPartsSkipTheirChecks() {
      assertThat(RequestValidator.validate(null, "91350211M000100Y43", null, null, null, MODEL))
          .isEmpty();
      assertThat(
              RequestValidator.validate(
                  null, "110108200002290055", SubjectType.NATURAL_PERSON, null, List.of(), MODEL))
          .isEmpty();
    }
  }

  /** A fact built in Java gets the errors the JSON reader gives for the same problem. */
  @Nested
  class JavaBuiltFacts {
    @Test
    void anUndeclaredTypeListsTheDeclaredOnes() {
      // The contract's order: the order of rules-drl/src/main/packs/fact-order.yaml.
      assertThat(errors(Fact.builder("TAX_GRAED", "f1").set("year", 2024).build()))
          .containsExactly(
              error(
                  "/facts/0/type",
                  "TAX_GRAED",
                  "unknown fact type TAX_GRAED; expected one of ADMIN_PENALTY, CREDIT_COMMITMENT,"
                      + " REPAIR_GRANTED, TAX_GRADE, TAX_SERIOUS_LISTING, LABOR_GRADE,"
                      + " WAGE_ARREARS_LISTING, WAGE_ARREARS_CASE, MAJOR_LABOR_VIOLATION,"
                      + " ENV_GRADE, ENV_RECTIFICATION, RESEARCH_MISCONDUCT, JUDGMENT_DEFAULTER,"
                      + " CRIMINAL_PENALTY, PROCUREMENT_BAN, PROCUREMENT_SERIOUS_LISTING,"
                      + " BID_DISQUALIFICATION, RESPONSIBLE_PERSON_RECORD, MKT_SERIOUS_LISTING,"
                      + " MKT_ABNORMAL_LISTING,"
                      + " SAF_SERIOUS_LISTING, DISPUTE"));
    }

    @Test
    void unknownAndMissingFieldsAndUnknownCodes() {
      Fact fact =
          Fact.builder("ADMIN_PENALTY", "f1")
              .set("sector", "finance")
              .set("severity", "GENERAL")
              .set("kinds", List.of("FINE", "JAIL"))
              .set("fulfiledOn", d("2026-05-01"))
              .build();
      assertThat(errors(fact))
          .containsExactly(
              error(
                  "/facts/0/sector",
                  "finance",
                  "unknown sector finance; expected one of market, tax, labor, environment,"
                      + " research, food_drug, construction_quality, production_safety,"
                      + " fire_safety, other"),
              error(
                  "/facts/0/kinds/1",
                  "JAIL",
                  "unknown penalty kind JAIL; expected one of WARNING, CRITICISM, FINE,"
                      + " CONFISCATION, LICENSE_SUSPENSION, LICENSE_REVOCATION,"
                      + " PRODUCTION_SUSPENSION, EMPLOYMENT_RESTRICTION, DETENTION,"
                      + " QUALIFICATION_DOWNGRADE, BUSINESS_RESTRICTION, CLOSURE"),
              error("/facts/0/fulfiledOn", "2026-05-01", "unknown field"),
              error("/facts/0/decidedOn", null, "decidedOn is required"));
    }

    @Test
    void valuesOfTheWrongJavaTypeAreReportedAndNotCheckedFurther() {
      Fact fact =
          Fact.builder("TAX_GRADE", "f1")
              .set("year", "2024")
              .set("grade", "D")
              .set("publishedOn", "2025-04-20")
              .set("directReason", 14)
              .set("score", 88)
              .set("authority", 7)
              .build();
      assertThat(errors(fact))
          .containsExactly(
              error("/facts/0/year", "2024", "year must be an integer (Integer)"),
              error("/facts/0/publishedOn", "2025-04-20", "publishedOn must be a date (LocalDate)"),
              error("/facts/0/score", 88, "score must be a number (BigDecimal)"),
              error("/facts/0/authority", 7, "authority must be a string"),
              error("/facts/0/directReason", 14, "directReason must be 1-13"));
      assertThat(
              errors(
                  Fact.builder("RESEARCH_MISCONDUCT", "f1")
                      .set("decidedOn", d("2025-01-01"))
                      .set("misconduct", "RM-01")
                      .set("severity", "LIGHT")
                      .set("permanent", "yes")
                      .build()))
          .containsExactly(error("/facts/0/permanent", "yes", "permanent must be true or false"));
    }

    @Test
    void defaultsApplyToFactsBuiltWithoutThem() {
      // termYears defaults to 2, permanent to false: nothing to report
      assertThat(
              errors(
                  Fact.builder("JUDGMENT_DEFAULTER", "j1").set("listedOn", d("2025-01-01")).build(),
                  Fact.builder("RESEARCH_MISCONDUCT", "m1")
                      .set("decidedOn", d("2025-01-01"))
                      .set("misconduct", "RM-01")
                      .set("severity", "LIGHT")
                      .set("banYears", 3)
                      .build()))
          .isEmpty();
    }

    @Test
    void theModelsBuilderMakesFactsThatValidate() {
      Fact fact =
          MODEL
              .builder("JUDGMENT_DEFAULTER", "j1")
              .set("listedOn", d("2025-05-01"))
              .set("fulfilledOn", d("2025-04-30"))
              .build();
      assertThat(errors(fact))
          .containsExactly(
              error(
                  "/facts/0/fulfilledOn",
                  "2025-04-30",
                  "fulfilledOn 2025-04-30 is before listedOn 2025-05-01"));
    }
  }

  @Test
  void repairableRecords() {
    assertThat(RequestValidator.isRepairable(tax("t", 2024, "C", "2025-01-01"), MODEL)).isTrue();
    assertThat(RequestValidator.isRepairable(tax("t", 2024, "M", "2025-01-01"), MODEL)).isFalse();
    assertThat(RequestValidator.isRepairable(labor("l", 2024, "B", "2025-01-01"), MODEL)).isFalse();
    assertThat(RequestValidator.isRepairable(env("e", 2024, "YELLOW", "2025-01-01"), MODEL))
        .isTrue();
    assertThat(RequestValidator.isRepairable(commitment("k", "x", "2025-01-01"), MODEL)).isFalse();
  }
}
