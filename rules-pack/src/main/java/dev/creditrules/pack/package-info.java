/**
 * What rule packs see besides the facts, and what they conclude. The runtime inserts {@link
 * dev.creditrules.api.pack.Context}, {@link dev.creditrules.api.pack.Judged}, {@link
 * dev.creditrules.api.pack.GradeTerm}, {@link dev.creditrules.api.pack.Grant} and, for packs of
 * stage 2, the {@link dev.creditrules.api.pack.SeriousRecord}s and {@link
 * dev.creditrules.api.pack.BadRecord}s of stage 1. Rules insert {@link
 * dev.creditrules.api.pack.Hit}s, {@link dev.creditrules.api.pack.RepairHit}s and records.
 *
 * <p>These are plain records: no Drools type appears here. Field names avoid DRL keywords ({@code
 * from}, {@code end}), hence {@code start} and {@code until}.
 */
package dev.creditrules.api.pack;
