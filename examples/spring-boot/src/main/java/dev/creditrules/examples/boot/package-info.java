/**
 * A Spring Boot service on credit-rules' starter: {@link
 * dev.creditrules.examples.boot.DecisionsApplication} and its {@code POST /decisions}.
 */
@NullMarked
package dev.creditrules.examples.boot;

import org.jspecify.annotations.NullMarked;
