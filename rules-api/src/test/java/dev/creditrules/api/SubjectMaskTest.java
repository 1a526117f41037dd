package dev.creditrules.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectMaskTest {

  @Test
  void residentIdKeepsFirstAndLastFour() {
    assertThat(SubjectMask.mask("11010519491231002X", SubjectType.NATURAL_PERSON))
        .isEqualTo("1101**********002X");
    assertThat(SubjectMask.mask("110108198001150018", SubjectType.NATURAL_PERSON))
        .isEqualTo("1101**********0018")
        .hasSize(18)
        .doesNotContain("19800115");
  }

  @Test
  void organisationCodesAreNotPersonalData() {
    for (SubjectType t : SubjectType.values()) {
      if (t.isOrganisation()) {
        assertThat(SubjectMask.mask("91110108MA01TAX03C", t)).isEqualTo("91110108MA01TAX03C");
      }
    }
  }

  @Test
  void unknownTypeIsMaskedAndShortIdsAreHiddenEntirely() {
    assertThat(SubjectMask.mask("91110108MA01TAX03C", null)).isEqualTo("9111**********X03C");
    assertThat(SubjectMask.mask("123456789012", SubjectType.NATURAL_PERSON))
        .isEqualTo("************");
    assertThat(SubjectMask.mask("1234567890123")).isEqualTo("1234*****0123");
    assertThat(SubjectMask.mask("", null)).isEmpty();
    assertThat(SubjectMask.mask(null, null)).isNull();
  }
}
