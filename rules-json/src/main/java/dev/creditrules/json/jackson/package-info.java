/**
 * The JSON contract's Jackson binding, for code that already uses Jackson: {@link
 * dev.creditrules.json.jackson.ContractTrees} (from {@link
 * dev.creditrules.json.ContractJson#trees()}) reads and writes the contract as Jackson trees, to
 * compose bigger documents; {@link dev.creditrules.json.jackson.CreditRulesModule} registers the
 * contract's readers and writers with any {@code ObjectMapper}, so that mapper reads and writes
 * requests, decisions, timelines and errors exactly as {@link dev.creditrules.json.ContractJson}
 * does. Code that does not use Jackson needs none of it: {@code ContractJson} reads and writes
 * strings and streams.
 */
@NullMarked
package dev.creditrules.json.jackson;

import org.jspecify.annotations.NullMarked;
