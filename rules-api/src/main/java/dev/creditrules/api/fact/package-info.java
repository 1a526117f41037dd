/**
 * The v1 fact types of packs-v1 s.1: authoritative records about a subject. Rule packs match on
 * their record components, so renaming a component is a breaking change for every pack.
 */
package dev.creditrules.api.fact;
