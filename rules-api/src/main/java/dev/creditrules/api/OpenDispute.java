package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dispute (异议, or a review or lawsuit against a record) pending on {@code asOf}: one entry of
 * {@link Decision#disputes()}, in the order of the dispute facts in the request
 * (commitments-objections.md B4, part C).
 *
 * @param fact the id of the dispute fact
 * @param target the id of the disputed record
 * @param channel the procedure the objection goes through
 * @param raisedOn the day the handling body received it
 * @param answerDue the day the answer is due, or {@code null} when the channel sets no deadline
 * @param overdue true when {@code answerDue} is set and {@code asOf} is after it
 * @param basis the legal basis of the channel
 * @param verified false where the channel or its deadline rests on a reading
 * @param rule pack id, {@code @}, version, {@code /}, rule name
 */
public record OpenDispute(
    String fact,
    String target,
    String channel,
    LocalDate raisedOn,
    @Nullable LocalDate answerDue,
    boolean overdue,
    List<Basis> basis,
    boolean verified,
    String rule) {

  public OpenDispute {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(raisedOn, "raisedOn");
    Objects.requireNonNull(rule, "rule");
    basis = List.copyOf(basis);
  }
}
