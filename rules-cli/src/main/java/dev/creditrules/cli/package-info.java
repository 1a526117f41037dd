/**
 * The {@code credit-rules} command line: evaluate, validate and test. Entry: {@link
 * dev.creditrules.cli.Main}.
 */
package dev.creditrules.cli;
