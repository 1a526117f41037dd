/**
 * The JSON contract (v1): {@link dev.creditrules.json.ContractJson} reads requests, reporting every
 * problem with a JSON pointer, and writes decisions, errors and requests deterministically. The
 * JSON Schemas of requests and decisions are published as resources beside it.
 */
package dev.creditrules.json;
