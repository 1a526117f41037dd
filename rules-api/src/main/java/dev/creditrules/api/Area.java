package dev.creditrules.api;

/** A matter a caller handles; a request's {@code areas} limit the outcomes to these. */
public enum Area {
  PUBLIC_PROCUREMENT,
  BIDDING,
  FISCAL_FUNDS,
  HONOURS,
  MARKET_ACCESS,
  LICENSING,
  FINANCING,
  TAX_PREFERENCES,
  INVOICES,
  EXPORT_REFUND,
  INSPECTION,
  PUBLICATION,
  TRAVEL_CONSUMPTION,
  RESEARCH_FUNDING,
  EMPLOYMENT,
  ADMINISTRATIVE_SERVICES,
  INSURANCE
}
