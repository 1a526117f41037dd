/**
 * Spring Boot auto-configuration for credit-rules: {@link
 * dev.creditrules.spring.boot.CreditRulesAutoConfiguration} and its properties ({@code
 * credit-rules.*}), health indicator and meters.
 */
@NullMarked
package dev.creditrules.spring.boot;

import org.jspecify.annotations.NullMarked;
