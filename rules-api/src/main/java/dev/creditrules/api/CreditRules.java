package dev.creditrules.api;

import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
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
   * @throws InvalidRequestException if the request breaks the contract; no partial decision is ever
   *     returned
   */
  Decision decide(Request request);

  /**
   * What the request's decision does from its {@code asOf} to {@code until}: the decision on {@code
   * asOf}, then each day on which it changes, with what starts, ends and changes. Made by hopping
   * from each decision's {@code nextChangeOn} to the next (deciding the same request, id, subject,
   * areas and facts, as of that day), so it costs about one decision per change point, and at most
   * {@link Timeline#MAX_CHANGES} decisions after the first (then it is {@code truncated}).
   *
   * <p>An implementation whose packs can change between calls (a live directory) should make the
   * whole timeline with one set of packs.
   *
   * @throws IllegalArgumentException if {@code until} is before the request's {@code asOf}
   * @throws InvalidRequestException if the request breaks the contract
   */
  default Timeline timeline(Request request, LocalDate until) {
    return timeline(request, until, Timeline.MAX_CHANGES);
  }

  /**
   * {@link #timeline(Request, LocalDate)} with at most {@code maxChanges} decisions after the one
   * on {@code asOf}.
   *
   * @throws IllegalArgumentException if {@code until} is before the request's {@code asOf} or
   *     {@code maxChanges} is negative
   * @throws InvalidRequestException if the request breaks the contract
   */
  default Timeline timeline(Request request, LocalDate until, int maxChanges) {
    return TimelineBuilder.build(this, request, until, maxChanges);
  }

  /** Every loaded pack version, sorted by id then version. */
  List<PackRef> packs();

  /** The fact types the loaded packs declare: what a request's facts may be. */
  FactModel model();
}
