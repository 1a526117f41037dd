/**
 * The {@code credit-rules} command line: evaluate, validate and test. Entry: {@link
 * dev.creditrules.cli.Main}.
 */
@NullMarked
package dev.creditrules.cli;

import org.jspecify.annotations.NullMarked;
