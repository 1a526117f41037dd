package dev.creditrules.api;

/** The kind of subject a request is about; it picks the identifier validator. */
public enum SubjectType {
  ENTERPRISE,
  INDIVIDUAL_BUSINESS,
  FARMER_COOP,
  PUBLIC_INSTITUTION,
  SOCIAL_ORG,
  GOVERNMENT_AGENCY,
  NATURAL_PERSON;

  /** True for every subject type except {@link #NATURAL_PERSON}. */
  public boolean isOrganisation() {
    return this != NATURAL_PERSON;
  }
}
