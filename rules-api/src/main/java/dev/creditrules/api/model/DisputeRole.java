package dev.creditrules.api.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The role of a type whose facts dispute a record ({@code dispute:} in {@code types.yaml}; 异议,
 * review or lawsuit, commitments-objections.md part B). The runtime applies it to any type that
 * declares it: a dispute raised by {@code asOf} and not resolved by then is <em>pending</em>; its
 * target is <em>marked</em> ({@code disputed: true} on every outcome and repair entry citing it)
 * while a dispute is pending or was resolved with a result in {@code marks}; a result in {@code
 * withdraws}, resolved by {@code asOf}, withdraws the target (it takes part in nothing; its repair
 * entry is {@code EXPIRED} with {@code withdrawnBy}), and with a result in {@code replaces} the
 * dispute's replacement record takes part instead. Pending disputes are listed in the decision with
 * the answer the pack judging them concludes.
 *
 * @param target the reference field naming the disputed record
 * @param channel the enumeration field naming the procedure (echoed in the decision)
 * @param raisedOn the date field on which it was raised
 * @param resolvedOn the date field on which it was resolved, or {@code null}
 * @param result the enumeration field holding the result, or {@code null}
 * @param replacement the reference field naming the corrected record, or {@code null}
 * @param withdraws the results that withdraw the target
 * @param marks the results after which the target stays marked
 * @param replaces the results with which the replacement takes the target's place
 */
public record DisputeRole(
    String target,
    String channel,
    String raisedOn,
    @Nullable String resolvedOn,
    @Nullable String result,
    @Nullable String replacement,
    List<String> withdraws,
    List<String> marks,
    List<String> replaces) {
  public DisputeRole {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(raisedOn, "raisedOn");
    withdraws = withdraws == null ? List.of() : List.copyOf(withdraws);
    marks = marks == null ? List.of() : List.copyOf(marks);
    replaces = replaces == null ? List.of() : List.copyOf(replaces);
  }
}
