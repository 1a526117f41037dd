/**
 * The fact model: the fact types the packs declare ({@code <pack>/types.yaml} in a pack tree), as
 * plain data. The runtime reads the declarations; the JSON reader, the validator, the JSON Schema,
 * the request generators and the classes rules match on are all derived from them, so no Java names
 * a fact type, a field or a code list.
 */
@NullMarked
package dev.creditrules.api.model;

import org.jspecify.annotations.NullMarked;
