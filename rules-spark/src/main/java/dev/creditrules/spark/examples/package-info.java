/**
 * Spark jobs to submit as they are: {@link dev.creditrules.spark.examples.DecideJob} decides a JSON
 * Lines file of requests into Parquet tables.
 */
@NullMarked
package dev.creditrules.spark.examples;

import org.jspecify.annotations.NullMarked;
