/**
 * The only module that talks to Drools: loads rule packs (classpath or directory), compiles each
 * pack version into its own knowledge base after the sandbox lint, and decides requests.
 *
 * <p>Public entries: {@link dev.creditrules.runtime.CreditRulesEngine} (an immutable engine over a
 * fixed set of packs, with {@code decide}, {@code trace} and the rule list), {@link
 * dev.creditrules.runtime.LivePacks} (a live pack directory that swaps in changed packs only when
 * they compile, lint and pass a {@link dev.creditrules.runtime.PackGate}), and {@link
 * dev.creditrules.runtime.Explainer} (why a measure is or is not decided). Everything else is
 * package-private.
 */
@NullMarked
package dev.creditrules.runtime;

import org.jspecify.annotations.NullMarked;
