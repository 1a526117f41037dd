/**
 * The JSON contract (v1): {@link dev.creditrules.json.ContractJson} reads requests, reporting every
 * problem with a JSON pointer, and writes decisions, errors and requests deterministically, for the
 * fact types of a {@link dev.creditrules.api.model.FactModel}. The request's JSON Schema is derived
 * from the model ({@link dev.creditrules.json.RequestSchema}); the decision's is a resource beside
 * {@code ContractJson}. Its API holds strings, streams and the API's records; the Jackson binding
 * is in {@link dev.creditrules.json.jackson}.
 */
@NullMarked
package dev.creditrules.json;

import org.jspecify.annotations.NullMarked;
