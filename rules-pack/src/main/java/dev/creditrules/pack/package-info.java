/**
 * What rule packs see besides the facts, and what they conclude. The runtime inserts {@link
 * dev.creditrules.pack.Context}, {@link dev.creditrules.pack.Judged}, {@link
 * dev.creditrules.pack.GradeTerm}, {@link dev.creditrules.pack.Grant} and, for packs of stage 2,
 * the {@link dev.creditrules.pack.SeriousRecord}s and {@link dev.creditrules.pack.BadRecord}s of
 * stage 1. Rules insert {@link dev.creditrules.pack.Hit}s, {@link dev.creditrules.pack.RepairHit}s
 * and records.
 *
 * <p>These are plain records: no Drools type appears here. Field names avoid DRL keywords ({@code
 * from}, {@code end}), hence {@code start} and {@code until}. {@link dev.creditrules.pack.Periods}
 * holds the period arithmetic rules call. They live in the pack format's artifact (rules-pack), not
 * in the callers' API (rules-api): a caller never sees them, a pack imports them.
 */
@NullMarked
package dev.creditrules.pack;

import org.jspecify.annotations.NullMarked;
