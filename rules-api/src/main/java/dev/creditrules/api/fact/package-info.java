/**
 * Facts: authoritative records about a subject. A fact is generic data ({@link
 * dev.creditrules.api.fact.Fact}): its type, fields and their kinds are declared by the packs
 * ({@code types.yaml}, see {@link dev.creditrules.api.model.FactModel}), never by Java.
 */
@NullMarked
package dev.creditrules.api.fact;

import org.jspecify.annotations.NullMarked;
