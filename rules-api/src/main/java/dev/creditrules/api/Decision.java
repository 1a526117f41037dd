package dev.creditrules.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the rule packs decide for one request. Lists are never null, possibly empty, and sorted as
 * the contract prescribes, so the same request always gives an equal decision.
 *
 * <p>{@code nextChangeOn}: a day after {@code asOf} such that deciding the same request on any day
 * from {@code asOf} to the day before gives the same decision (everything but {@code asOf} and
 * {@code nextChangeOn}), and deciding it on {@code nextChangeOn} does not; {@code null} when no
 * later day changes anything.
 */
public record Decision(
    @Nullable String requestId,
    LocalDate asOf,
    SubjectRef subject,
    List<PackRef> packs,
    List<Outcome> incentives,
    List<Outcome> sanctions,
    List<Outcome> warnings,
    List<Repair> repairs,
    @Nullable LocalDate nextChangeOn,
    @Nullable List<OpenDispute> disputes) {

  public Decision {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(subject, "subject");
    packs = List.copyOf(packs);
    incentives = List.copyOf(incentives);
    sanctions = List.copyOf(sanctions);
    warnings = List.copyOf(warnings);
    repairs = List.copyOf(repairs);
    // present only when a dispute is pending on asOf (commitments-objections.md part C)
    disputes = disputes == null || disputes.isEmpty() ? null : List.copyOf(disputes);
  }

  /** A decision whose {@code nextChangeOn} is not known (yet). */
  public Decision(
      @Nullable String requestId,
      LocalDate asOf,
      SubjectRef subject,
      List<PackRef> packs,
      List<Outcome> incentives,
      List<Outcome> sanctions,
      List<Outcome> warnings,
      List<Repair> repairs,
      @Nullable List<OpenDispute> disputes) {
    this(requestId, asOf, subject, packs, incentives, sanctions, warnings, repairs, null, disputes);
  }

  /** This decision with {@code nextChangeOn} set. */
  public Decision withNextChangeOn(LocalDate day) {
    return new Decision(
        requestId, asOf, subject, packs, incentives, sanctions, warnings, repairs, day, disputes);
  }

  /**
   * This decision as made on {@code day} for request {@code id}: the same outcomes, windows and
   * repair entries, another {@code asOf} (what a decision carried forward to a later day, before
   * its {@code nextChangeOn}, is).
   */
  public Decision asOf(@Nullable String id, LocalDate day) {
    return new Decision(
        id, day, subject, packs, incentives, sanctions, warnings, repairs, nextChangeOn, disputes);
  }

  /**
   * True when {@code other} decides the same: everything equal but {@code requestId}, {@code asOf}
   * and {@code nextChangeOn}.
   */
  public boolean sameAs(Decision other) {
    return subject.equals(other.subject)
        && packs.equals(other.packs)
        && incentives.equals(other.incentives)
        && sanctions.equals(other.sanctions)
        && warnings.equals(other.warnings)
        && repairs.equals(other.repairs)
        && Objects.equals(disputes, other.disputes);
  }

  /** A decision without pending disputes. */
  public Decision(
      @Nullable String requestId,
      LocalDate asOf,
      SubjectRef subject,
      List<PackRef> packs,
      List<Outcome> incentives,
      List<Outcome> sanctions,
      List<Outcome> warnings,
      List<Repair> repairs) {
    this(requestId, asOf, subject, packs, incentives, sanctions, warnings, repairs, null, null);
  }
}
