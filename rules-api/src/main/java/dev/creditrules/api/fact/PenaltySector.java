package dev.creditrules.api.fact;

import java.util.Locale;

/** The sector of an administrative penalty; JSON uses the lower-case {@link #code()}. */
public enum PenaltySector {
  MARKET,
  TAX,
  LABOR,
  ENVIRONMENT,
  RESEARCH,
  FOOD_DRUG,
  CONSTRUCTION_QUALITY,
  PRODUCTION_SAFETY,
  FIRE_SAFETY,
  OTHER;

  /** The JSON code, for example {@code food_drug}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
