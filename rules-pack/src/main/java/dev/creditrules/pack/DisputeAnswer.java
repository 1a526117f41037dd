package dev.creditrules.pack;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a pack concludes about a pending dispute (commitments-objections.md B2, B4): the day its
 * answer is due. The rule inserting it names the procedure (the channel) with {@code @procedure},
 * whose catalogue entry gives the basis and verification; the runtime adds the dispute's target,
 * channel and raisedOn from the fact's declared dispute role, {@code overdue}, and lists it in the
 * decision's {@code disputes} when the dispute is pending on {@code asOf}.
 *
 * @param fact the id of the dispute fact
 * @param answerDue the day the answer is due, or {@code null} when the channel sets none
 * @param verified false when this answer rests on a reading beyond the catalogue's flag (raised
 *     before the channel's instrument was in force)
 */
public record DisputeAnswer(String fact, LocalDate answerDue, boolean verified) {
  public DisputeAnswer {
    Objects.requireNonNull(fact, "fact");
  }

  /** An answer whose verification is the catalogue's. */
  public DisputeAnswer(String fact, LocalDate answerDue) {
    this(fact, answerDue, true);
  }
}
