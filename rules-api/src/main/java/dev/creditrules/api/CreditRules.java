package dev.creditrules.api;

import dev.creditrules.api.model.FactModel;
import java.util.List;

/**
 * Decides requests with a fixed set of compiled rule packs.
 *
 * <p>Implementations are thread-safe and never read the clock: the same request always gives an
 * equal decision.
 */
public interface CreditRules {

  /**
   * Decides one request.
   *
   * @throws InvalidRequestException if the request breaks the contract; no partial decision is
   *     ever returned
   */
  Decision decide(Request request);

  /** Every loaded pack version, sorted by id then version. */
  List<PackRef> packs();

  /** The fact types the loaded packs declare: what a request's facts may be. */
  FactModel model();
}
