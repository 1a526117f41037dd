/**
 * Programs that embed credit-rules as a service would: {@link
 * dev.creditrules.examples.DecideExample} decides a request read from JSON, {@link
 * dev.creditrules.examples.EmbeddedService} keeps one engine for many requests.
 */
@NullMarked
package dev.creditrules.examples;

import org.jspecify.annotations.NullMarked;
