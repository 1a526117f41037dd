/**
 * Regression cases that analysts write without Java: a YAML file with a request and what the
 * decision must (and must not) contain. {@link dev.creditrules.testkit.Cases} loads them and checks
 * a {@link dev.creditrules.api.CreditRules} against them; JUnit and the CLI both use it.
 */
@NullMarked
package dev.creditrules.testkit;

import org.jspecify.annotations.NullMarked;
