package dev.creditrules.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The identifier test vectors of reference s.7, run through {@link RequestValidator}. */
class SubjectIdVectorsTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);

  /** Subject checks need no fact type. */
  private static final FactModel NO_TYPES = new FactModel(List.of());

  private static List<RequestError> check(String id, SubjectType type) {
    return check(id, type, AS_OF);
  }

  private static List<RequestError> check(String id, SubjectType type, LocalDate asOf) {
    return RequestValidator.validate(Request.of(asOf, Subject.of(id, type), List.of()), NO_TYPES);
  }

  @ParameterizedTest
  @CsvSource({
    "91350100M000100Y43, ENTERPRISE",
    "91350200776049653A, ENTERPRISE",
    "91440101MA5CJQ4N59, ENTERPRISE",
    "123502001549897397, PUBLIC_INSTITUTION",
    "9135021359498494XQ, ENTERPRISE",
    "91350213678251743X, ENTERPRISE",
    "91110108MA01TAX03C, ENTERPRISE",
    "91320500MA1LAB002R, ENTERPRISE",
    "91440300MA5EN1007U, ENTERPRISE",
    "121000004000010105, PUBLIC_INSTITUTION",
    "52110000500001237K, SOCIAL_ORG",
  })
  void validCreditCodes(String id, SubjectType type) {
    assertThat(check(id, type)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "91350211M000100Y43 | check character must be 6",
        "911100001000000000 | check character must be R",
        "91440300MA5ENV00.. | character 'V' at position 14 is not allowed in a credit code",
        "9135010OM000100Y43 | character 'O' at position 8 is not allowed in a credit code",
        "91350100M000100Y4 | a unified social credit code has 18 characters, not 17",
        "91A50100M000100Y43 | position 3 must be a digit (region code, positions 3-8), not 'A'",
      })
  void invalidCreditCodes(String id, String reason) {
    assertThat(check(id, SubjectType.ENTERPRISE))
        .containsExactly(new RequestError("/subject/id", id, reason));
  }

  @ParameterizedTest
  @CsvSource({
    "11010519491231002X",
    "440524188001010014",
    "34052419800101001X",
    "110108198001150018",
    "320502198510200039",
    "44030519900301002X",
    "310115197506300049",
    "110108200002290055",
  })
  void validResidentIds(String id) {
    assertThat(check(id, SubjectType.NATURAL_PERSON)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "340524198001010013 | check character must be X",
        "110101199003077777 | check character must be 4",
        "110108190002290059 | birth date 19000229 is not a calendar date",
        "110108199913010012 | birth date 19991301 is not a calendar date",
        "11010519491231002 | a resident identity number has 18 characters, not 17",
        "1101051949123100AX | position 17 must be a digit, not 'A'",
      })
  void invalidResidentIds(String id, String reason) {
    assertThat(check(id, SubjectType.NATURAL_PERSON))
        .containsExactly(new RequestError("/subject/id", id, reason));
  }

  @Test
  void birthDateAfterAsOfIsInvalid() {
    assertThat(check("110108200002290055", SubjectType.NATURAL_PERSON, LocalDate.of(2000, 2, 28)))
        .containsExactly(
            new RequestError(
                "/subject/id",
                "110108200002290055",
                "birth date 2000-02-29 is after asOf 2000-02-28"));
    assertThat(check("110108200002290055", SubjectType.NATURAL_PERSON, LocalDate.of(2000, 2, 29)))
        .isEmpty();
  }

  @Test
  void lowerCaseInputIsUpperCased() {
    assertThat(check("11010519491231002x", SubjectType.NATURAL_PERSON)).isEmpty();
    assertThat(check("91440101ma5cjq4n59", SubjectType.ENTERPRISE)).isEmpty();
    assertThat(check("91350211m000100y43", SubjectType.ENTERPRISE))
        .containsExactly(
            new RequestError("/subject/id", "91350211M000100Y43", "check character must be 6"));
  }

  @Test
  void onlyAsciiLettersAreUpperCased() {
    // 17 characters ending in U+FB00 (the "ff" ligature): Unicode upper-casing would make it the
    // valid 18-character code 91110108MA01TAXXFF; it must stay a 17-character id
    assertThat(check("91110108MA01TAXX\uFB00", SubjectType.ENTERPRISE))
        .extracting(RequestError::pointer)
        .containsExactly("/subject/id");
    assertThat(SubjectIds.normalize("91110108MA01TAXX\uFB00")).isEqualTo("91110108MA01TAXX\uFB00");
    assertThat(SubjectIds.normalize("91440101ma5cjq4n59")).isEqualTo("91440101MA5CJQ4N59");
    assertThat(new Subject("a\u00e9b", SubjectType.ENTERPRISE, null, null, null).id())
        .isEqualTo("A\u00e9B");
  }

  @Test
  void lowLevelEntryUpperCasesTheRawId() {
    assertThat(
            RequestValidator.validate(
                AS_OF, "91440101ma5cjq4n59", SubjectType.ENTERPRISE, null, List.of(), NO_TYPES))
        .isEmpty();
  }

  @Test
  void prefixFixesTheType() {
    assertThat(check("91350100M000100Y43", SubjectType.SOCIAL_ORG))
        .containsExactly(
            new RequestError(
                "/subject/type",
                "SOCIAL_ORG",
                "credit code prefix 91 is for ENTERPRISE, not SOCIAL_ORG"));
    assertThat(check("52110000500001237K", SubjectType.ENTERPRISE))
        .extracting(RequestError::pointer)
        .containsExactly("/subject/type");
    assertThat(check("123502001549897397", SubjectType.GOVERNMENT_AGENCY))
        .extracting(RequestError::pointer)
        .containsExactly("/subject/type");
  }

  @Test
  void otherPrefixesAcceptAnyOrganisationType() {
    String code = withCheck("Y1110000MA0000001");
    for (SubjectType type : SubjectType.values()) {
      if (type.isOrganisation()) {
        assertThat(check(code, type)).as(type.name()).isEmpty();
      }
    }
    assertThat(check(code, SubjectType.NATURAL_PERSON))
        .extracting(RequestError::pointer)
        .containsExactly("/subject/type");
  }

  @Test
  void residentIdForAnOrganisationIsAnInvalidCreditCode() {
    List<RequestError> errors = check("110108198001150018", SubjectType.ENTERPRISE);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).pointer()).isEqualTo("/subject/id");
    assertThat(errors.get(0).reason()).startsWith("check character must be ");
  }

  @Test
  void naturalPersonNeedsAResidentId() {
    assertThat(check("91110108MA01TAX03C", SubjectType.NATURAL_PERSON))
        .containsExactly(
            new RequestError(
                "/subject/type",
                "NATURAL_PERSON",
                "subject id 91110108MA01TAX03C is a unified social credit code, which belongs to"
                    + " an organisation; a NATURAL_PERSON needs a resident identity number"));
    assertThat(check("91350211M000100Y43", SubjectType.NATURAL_PERSON))
        .containsExactly(
            new RequestError(
                "/subject/id", "91350211M000100Y43", "position 9 must be a digit, not 'M'"));
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
}
