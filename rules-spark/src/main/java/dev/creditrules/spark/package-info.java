/**
 * credit-rules on Apache Spark: {@link dev.creditrules.spark.SparkCreditRules} decides a Dataset of
 * contract requests into decisions (or error rows) with one engine per executor JVM, and flattens
 * decisions into outcome and repair tables. See {@code docs/spark.md}.
 */
@NullMarked
package dev.creditrules.spark;

import org.jspecify.annotations.NullMarked;
