package dev.creditrules.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.testkit.Nights;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 3 on Spark: {@link SparkCreditRules#decideIncremental} joins yesterday's decisions
 * with today's requests by digest, decides only the changed and the due, and gives every row {@link
 * SparkCreditRules#decide} gives, night after night (local mode).
 */
class IncrementalSparkTest {
  private static SparkSession spark;

  /** Decisions made through the decider (local mode: one JVM). */
  static final AtomicLong DECIDED = new AtomicLong();

  /** The class-path engine, counting the requests it is asked to decide. */
  static final class Counting implements Decider {
    private static final long serialVersionUID = 1L;

    @Override
    public Decision decide(Request request) {
      DECIDED.incrementAndGet();
      return Engines.engine().decide(request);
    }
  }

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("rules-spark-incremental-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Every column of {@code decide}'s rows, by line, as text. */
  private static List<String> rows(Dataset<Row> decided) {
    return decided
        .select(
            col("line"),
            col("requestId"),
            col("subjectId"),
            col("asOf"),
            col("decision"),
            col("error"),
            col("nextChangeOn"))
        .orderBy(col("line"))
        .collectAsList()
        .stream()
        .map(
            r ->
                Arrays.toString(
                    new Object[] {
                      r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)
                    }))
        .collect(Collectors.toList());
  }

  @Test
  void aMonthOfNightlyRunsGivesTheFullRunsRowsEveryNight(@TempDir Path dir) {
    SparkCreditRules rules = SparkCreditRules.create().withDecider(new Counting());
    Nights nights = new Nights(Engines.json().model(), 17, 600, LocalDate.of(2026, 6, 1), 0.01);
    Dataset<Row> previous = null;
    long rows = 0;
    long decided = 0;
    for (int night = 0; night <= 30; night++) {
      List<String> lines = Arrays.asList(nights.next().split("\n", -1));
      Dataset<String> input =
          spark.createDataset(lines.subList(0, lines.size() - 1), Encoders.STRING());
      List<String> full = rows(rules.decideLines(input));
      long before = DECIDED.get();
      Path out = dir.resolve("night-" + night);
      rules.decideLinesIncremental(input, previous).write().parquet(out.toString());
      Dataset<Row> today = spark.read().parquet(out.toString());
      assertThat(rows(today)).as("night %d", night).isEqualTo(full);
      if (night > 0) {
        rows += full.size();
        decided += DECIDED.get() - before;
      }
      previous = today;
    }
    assertThat(decided)
        .as("requests decided over 30 nights of %d rows", rows)
        .isPositive()
        .isLessThan(rows / 10);
  }

  @Test
  void aPreviousWithoutDigestsIsRefused() {
    Dataset<String> input = spark.createDataset(List.of("{}"), Encoders.STRING());
    SparkCreditRules rules = SparkCreditRules.create();
    Dataset<Row> decidedOnly = rules.decideLines(input);
    assertThatThrownBy(() -> rules.decideLinesIncremental(input, decidedOnly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no previous column 'digest'");
  }

  @Test
  void carryingRewritesOnlyRequestIdAndAsOf() {
    ContractJson json = Engines.json();
    Request request =
        json.readRequest(
            new Nights(json.model(), 5, 1, LocalDate.of(2026, 3, 1), 0).next().strip());
    Decision decision = Engines.engine().decide(request);
    LocalDate day = decision.asOf().plusDays(1);
    for (String id : new String[] {null, "", "a\"b\\c", "\u0001\t\n", "税务-\uD83D\uDE00"}) {
      assertThat(IncrementalPartition.carriedTo(json.writeDecision(decision), id, day, json))
          .isEqualTo(json.writeDecision(decision.asOf(id, day)));
    }
  }
}
