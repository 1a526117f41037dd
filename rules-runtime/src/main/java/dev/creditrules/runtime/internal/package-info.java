/**
 * Not API: types that are public only because another module of this project (the benchmarks) needs
 * them. They name Drools types, may change in any release, and are left out of the Javadoc.
 */
@NullMarked
package dev.creditrules.runtime.internal;

import org.jspecify.annotations.NullMarked;
