/**
 * The only module that talks to Drools: loads rule packs (classpath or directory), compiles each
 * pack version into its own knowledge base, and decides requests. The public entry is {@link
 * dev.creditrules.runtime.CreditRulesEngine}; everything else is package-private.
 */
package dev.creditrules.runtime;
