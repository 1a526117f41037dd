package dev.creditrules.api;

/** The group of a measure, after the national basic list of sanction measures. */
public enum MeasureGroup {
  /** 守信激励. */
  INCENTIVE,
  /** Restricts rights or adds obligations (减损权益或增加义务). */
  RIGHTS_REDUCING,
  /** Management measures such as more inspections. */
  SUPERVISORY,
  /** Recommendations to banks, insurers, associations. */
  MARKET,
  /** 先警示、后惩戒: a warning before any sanction. */
  WARNING
}
