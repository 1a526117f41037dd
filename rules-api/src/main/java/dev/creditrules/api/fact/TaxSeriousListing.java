package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A listing as 重大税收违法失信主体 ({@code TAX_SERIOUS_LISTING}).
 *
 * @param paidInFullOn the day all tax, late fees and fines were paid, or {@code null}
 * @param priorListingsIn5Years earlier listings within five years (0 when not given)
 */
public record TaxSeriousListing(
    String id,
    LocalDate servedOn,
    LocalDate publishedOn,
    LocalDate paidInFullOn,
    int priorListingsIn5Years,
    String authority,
    String documentNo)
    implements Fact {

  public TaxSeriousListing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(servedOn, "servedOn");
    Objects.requireNonNull(publishedOn, "publishedOn");
  }

  @Override
  public FactType type() {
    return FactType.TAX_SERIOUS_LISTING;
  }

  @Override
  public LocalDate datedOn() {
    return servedOn;
  }
}
