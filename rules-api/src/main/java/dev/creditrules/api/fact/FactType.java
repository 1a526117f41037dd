package dev.creditrules.api.fact;

import dev.creditrules.api.SubjectType;
import java.util.EnumSet;
import java.util.Set;

/** The {@code type} of a fact, with the subject types it is allowed for (packs-v1 s.1). */
public enum FactType {
  ADMIN_PENALTY(Allowed.ANY),
  CREDIT_COMMITMENT(Allowed.ANY),
  REPAIR_GRANTED(Allowed.ANY),
  TAX_GRADE(Allowed.ORGANISATIONS),
  TAX_SERIOUS_LISTING(Allowed.ANY),
  LABOR_GRADE(Allowed.ORGANISATIONS),
  WAGE_ARREARS_LISTING(Allowed.ANY),
  WAGE_ARREARS_CASE(Allowed.ANY),
  MAJOR_LABOR_VIOLATION(Allowed.ORGANISATIONS),
  ENV_GRADE(Allowed.ORGANISATIONS),
  ENV_RECTIFICATION(Allowed.ORGANISATIONS),
  RESEARCH_MISCONDUCT(Allowed.RESEARCH),
  JUDGMENT_DEFAULTER(Allowed.ANY);

  private enum Allowed {
    ANY,
    ORGANISATIONS,
    RESEARCH
  }

  private final Allowed allowed;

  FactType(Allowed allowed) {
    this.allowed = allowed;
  }

  /** The subject types this fact type may be recorded for. */
  public Set<SubjectType> subjects() {
    switch (allowed) {
      case ORGANISATIONS:
        return EnumSet.complementOf(EnumSet.of(SubjectType.NATURAL_PERSON));
      case RESEARCH:
        return EnumSet.of(
            SubjectType.NATURAL_PERSON,
            SubjectType.PUBLIC_INSTITUTION,
            SubjectType.ENTERPRISE,
            SubjectType.SOCIAL_ORG);
      default:
        return EnumSet.allOf(SubjectType.class);
    }
  }

  /** Human-readable description of {@link #subjects()} for error messages. */
  public String subjectsText() {
    switch (allowed) {
      case ORGANISATIONS:
        return "organisations only";
      case RESEARCH:
        return "NATURAL_PERSON, PUBLIC_INSTITUTION, ENTERPRISE or SOCIAL_ORG only";
      default:
        return "any subject";
    }
  }
}
