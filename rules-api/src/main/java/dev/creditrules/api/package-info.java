/**
 * The caller's view of credit-rules: hand a {@link dev.creditrules.api.Request} to {@link
 * dev.creditrules.api.CreditRules} and read back a {@link dev.creditrules.api.Decision}.
 *
 * <p>Every public type here mirrors the JSON contract one to one. Nothing here depends on Drools,
 * Jackson or any other library.
 */
@NullMarked
package dev.creditrules.api;

import org.jspecify.annotations.NullMarked;
