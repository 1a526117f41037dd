/**
 * The one reader of a pack tree: {@link dev.creditrules.pack.tree.PackReader} and {@link
 * dev.creditrules.pack.tree.PackFolder} find the version folders (in a directory or on the class
 * path), {@link dev.creditrules.pack.tree.FactModelReader} reads the fact declarations, and {@link
 * dev.creditrules.pack.tree.ResolvedFolder} resolves a version's lineage, its overlaid catalogue
 * and parameters, and its digest.
 */
@NullMarked
package dev.creditrules.pack.tree;

import org.jspecify.annotations.NullMarked;
