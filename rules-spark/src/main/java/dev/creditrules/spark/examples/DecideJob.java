package dev.creditrules.spark.examples;

import dev.creditrules.spark.SparkCreditRules;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * An example Spark job: decides a JSON Lines file of requests and writes three Parquet tables under
 * the output directory: {@code decisions/} (one row per request: decision or error), {@code
 * outcomes/} (one row per incentive, sanction and warning) and {@code repairs/}.
 *
 * <pre>
 * spark-submit --class dev.creditrules.spark.examples.DecideJob \
 *   rules-spark/target/rules-spark-0.1.0-SNAPSHOT-all.jar requests.jsonl out/
 * </pre>
 *
 * <p>Without {@code spark-submit} (no {@code spark.master} system property) it runs in local mode
 * on every core, so {@code java -cp … DecideJob in out} works on a workstation.
 */
public final class DecideJob {
  private DecideJob() {}

  /**
   * Runs the job.
   *
   * @param args the JSON Lines input (any path Spark reads) and the output directory (overwritten)
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DecideJob <requests.jsonl> <output-dir>");
      System.exit(64);
    }
    SparkSession.Builder builder = SparkSession.builder().appName("credit-rules DecideJob");
    if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      run(spark, args[0], args[1]);
    } finally {
      spark.stop();
    }
  }

  /** Decides {@code input} and writes the three tables under {@code output}; prints the counts. */
  static void run(SparkSession spark, String input, String output) {
    SparkCreditRules rules = SparkCreditRules.create();
    Dataset<Row> decisions = rules.decideLines(spark.read().textFile(input));
    // decide once: the writes below all reuse the persisted decisions
    decisions.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      decisions.write().mode(SaveMode.Overwrite).parquet(output + "/decisions");
      Dataset<Row> outcomes = rules.outcomes(decisions);
      outcomes.write().mode(SaveMode.Overwrite).parquet(output + "/outcomes");
      rules.repairs(decisions).write().mode(SaveMode.Overwrite).parquet(output + "/repairs");
      long errors = decisions.where(decisions.col(SparkCreditRules.ERROR).isNotNull()).count();
      System.out.printf(
          "credit-rules: %d requests, %d errors, %d outcomes -> %s%n",
          decisions.count(), errors, spark.read().parquet(output + "/outcomes").count(), output);
    } finally {
      decisions.unpersist();
    }
  }
}
