package dev.creditrules.api.fact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An administrative penalty decision ({@code ADMIN_PENALTY}).
 *
 * @param kinds the penalty kinds, empty when not given
 * @param fine the fine in yuan, or {@code null}
 * @param fulfilledOn the day every obligation was fulfilled, or {@code null}
 * @param published MINOR only: whether the sector publishes it; {@code null} when not given
 * @param specialSerious SERIOUS only: 特定严重失信 under the 2019 regime; {@code null} when not given
 */
public record AdminPenalty(
    String id,
    PenaltySector sector,
    LocalDate decidedOn,
    PenaltySeverity severity,
    List<PenaltyKind> kinds,
    BigDecimal fine,
    LocalDate fulfilledOn,
    Boolean published,
    Boolean specialSerious,
    String authority,
    String documentNo)
    implements Fact {

  public AdminPenalty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sector, "sector");
    Objects.requireNonNull(decidedOn, "decidedOn");
    Objects.requireNonNull(severity, "severity");
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  @Override
  public FactType type() {
    return FactType.ADMIN_PENALTY;
  }

  @Override
  public LocalDate datedOn() {
    return decidedOn;
  }

  /** True when {@code published} is given and true. */
  public boolean isPublished() {
    return Boolean.TRUE.equals(published);
  }

  /** True when {@code specialSerious} is given and true. */
  public boolean isSpecialSerious() {
    return Boolean.TRUE.equals(specialSerious);
  }

  /**
   * The day obligations count as fulfilled: {@code decidedOn} when {@code kinds} is non-empty and
   * holds only WARNING and/or CRITICISM, otherwise {@code fulfilledOn} (possibly {@code null}).
   */
  public LocalDate obligationsFulfilledOn() {
    boolean onlyReprimand =
        !kinds.isEmpty()
            && kinds.stream().allMatch(k -> k == PenaltyKind.WARNING || k == PenaltyKind.CRITICISM);
    return onlyReprimand ? decidedOn : fulfilledOn;
  }

  /** True when {@code kinds} contains {@code kind}. */
  public boolean hasKind(PenaltyKind kind) {
    return kinds.contains(kind);
  }
}
