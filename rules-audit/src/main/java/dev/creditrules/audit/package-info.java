/**
 * The decision log: every decision and rejected request recorded with its id, time, input digest,
 * pack digests and result ({@link dev.creditrules.audit.DecisionLog}), written to JSON Lines
 * ({@link dev.creditrules.audit.JsonLinesSink}) or PostgreSQL ({@link
 * dev.creditrules.audit.PostgresSink}), and replayed against the packs named by their digests
 * ({@link dev.creditrules.audit.Replayer}). Natural persons' ids are masked in every field meant to
 * be displayed or indexed; see {@code docs/audit.md}. This module never uses Drools.
 */
@NullMarked
package dev.creditrules.audit;

import org.jspecify.annotations.NullMarked;
