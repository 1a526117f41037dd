package dev.creditrules.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@link SparkCreditRules} in local mode ({@code local[2]}) on generated requests and checks
 * it gives exactly the single-JVM decisions and errors, byte for byte, with no failed task.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkCreditRulesTest {
  private static final int COUNT = 3000;

  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static final AtomicInteger failedTasks = new AtomicInteger();
  private static final AtomicInteger tasks = new AtomicInteger();

  /** The single-JVM reference: its own engine, not the executors' one. */
  private static CreditRulesEngine reference;

  /** Reads and writes with the reference's fact model. */
  private static ContractJson json;

  private static List<String> lines;

  /** Line (1-based) → the expected decision or error JSON; blank lines absent. */
  private static Map<Long, Expected> expected;

  private static Dataset<Row> decided;

  record Expected(String requestId, String decision, String error, Decision parsed) {}

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("rules-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd end) {
                tasks.incrementAndGet();
                if (end.taskInfo().failed() || end.taskInfo().killed()) {
                  failedTasks.incrementAndGet();
                }
              }
            });
    reference = CreditRulesEngine.fromClasspath();
    json = new ContractJson(reference.model());
    lines = new RequestGenerator(20261122L).lines(COUNT);
    // the engine is thread-safe: the reference decides on every core, as Spark will
    expected =
        IntStream.range(0, lines.size())
            .parallel()
            .filter(i -> !lines.get(i).isBlank())
            .boxed()
            .collect(
                Collectors.toConcurrentMap(i -> (long) i + 1, i -> single(lines.get(i), i + 1)));
  }

  /** The generated requests decided by Spark once, cached for the tests that read them. */
  private static Dataset<Row> decided() {
    if (decided == null) {
      decided = SparkCreditRules.create().decide(requests(lines, 7)).cache();
    }
    return decided;
  }

  /** What the CLI's {@code evaluate --jsonl} writes for one line. */
  private static Expected single(String line, long number) {
    try {
      Request request = json.readRequest(line);
      Decision decision = reference.decide(request);
      return new Expected(decision.requestId(), json.writeDecision(decision), null, decision);
    } catch (InvalidRequestException e) {
      String id = json.requestIdOf(line);
      return new Expected(id, null, json.writeBatchErrors(id, (int) number, e.errors()), null);
    }
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static Dataset<Row> requests(List<String> requests, int partitions) {
    StructType schema = new StructType().add("request", DataTypes.StringType);
    List<Row> rows = requests.stream().map(r -> RowFactory.create(r)).toList();
    return spark.createDataFrame(jsc.parallelize(rows, partitions), schema);
  }

  @Test
  @Order(1)
  void emptyBlankAndInvalidPartitionsNeverBuildAnEngine() {
    Dataset<Row> none = requests(List.of(), 4);
    assertThat(SparkCreditRules.create().decide(none).collectAsList()).isEmpty();
    Dataset<Row> bad = requests(List.of("", "  ", "{", "[]"), 6);
    List<Row> rows = SparkCreditRules.create().decide(bad).collectAsList();
    assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.getAs("error") == null).isFalse());
    assertThat(Engines.built()).as("engine built without a request to decide").isFalse();
  }

  @Test
  @Order(2)
  void decisionsAndErrorsAreTheSingleJvmOnesByteForByte() {
    long started = System.nanoTime();
    Dataset<Row> decisions = decided();
    List<Row> rows = decisions.collectAsList();
    System.out.printf(
        "rules-spark: %d requests decided in %d ms%n",
        rows.size(), (System.nanoTime() - started) / 1_000_000);

    assertThat(decisions.columns())
        .containsExactly(
            "line", "requestId", "subjectId", "asOf", "decision", "error", "nextChangeOn");
    assertThat(decisions.schema().apply("nextChangeOn").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(rows).hasSize(expected.size());
    int decided = 0;
    for (Row row : rows) {
      long line = row.getLong(0);
      Expected want = expected.get(line);
      assertThat(want).as("line %d", line).isNotNull();
      assertThat((String) row.getAs("decision")).as("line %d", line).isEqualTo(want.decision());
      assertThat((String) row.getAs("error")).as("line %d", line).isEqualTo(want.error());
      assertThat((String) row.getAs("requestId")).isEqualTo(want.requestId());
      if (want.parsed() != null) {
        decided++;
        assertThat((String) row.getAs("subjectId")).isEqualTo(want.parsed().subject().id());
        assertThat(row.getDate(3).toLocalDate()).isEqualTo(want.parsed().asOf());
        assertThat(date(row, "nextChangeOn")).isEqualTo(want.parsed().nextChangeOn());
      } else {
        assertThat(row.isNullAt(2)).isTrue();
        assertThat(date(row, "nextChangeOn")).isNull();
      }
    }
    // the generator makes mostly valid requests, and some with outcomes of every list
    assertThat(decided).isGreaterThan(COUNT * 8 / 10);
    assertThat(expected.values().stream().filter(e -> e.parsed() != null))
        .anyMatch(e -> !e.parsed().incentives().isEmpty())
        .anyMatch(e -> !e.parsed().sanctions().isEmpty())
        .anyMatch(e -> !e.parsed().warnings().isEmpty())
        .anyMatch(e -> !e.parsed().repairs().isEmpty());
    assertThat(Engines.built()).isTrue();
  }

  @Test
  @Order(3)
  void outcomeAndRepairTablesFlattenEveryEntry() {
    Dataset<Row> decisions = decided();
    SparkCreditRules rules = SparkCreditRules.create();
    List<Row> outcomes = rules.outcomes(decisions).collectAsList();
    List<Row> repairs = rules.repairs(decisions).collectAsList();

    List<Decision> all =
        expected.values().stream().map(Expected::parsed).filter(d -> d != null).toList();
    int outcomeCount =
        all.stream()
            .mapToInt(d -> d.incentives().size() + d.sanctions().size() + d.warnings().size())
            .sum();
    assertThat(outcomes).hasSize(outcomeCount);
    assertThat(repairs).hasSize(all.stream().mapToInt(d -> d.repairs().size()).sum());

    assertThat(rules.outcomes(decisions).columns())
        .containsExactly(
            "line",
            "requestId",
            "subjectId",
            "asOf",
            "nextChangeOn",
            "list",
            "measure",
            "nameZh",
            "nameEn",
            "sector",
            "group",
            "areas",
            "from",
            "until",
            "verified",
            "rule",
            "facts",
            "pack",
            "packVersion",
            "disputed");
    assertThat(outcomes.stream().map(SparkCreditRulesTest::outcomeKey).sorted().toList())
        .isEqualTo(
            expected.entrySet().stream()
                .filter(e -> e.getValue().parsed() != null)
                .flatMap(e -> expectedOutcomes(e.getKey(), e.getValue().parsed()).stream())
                .sorted()
                .toList());
    assertThat(repairs.stream().map(SparkCreditRulesTest::repairKey).sorted().toList())
        .isEqualTo(
            expected.entrySet().stream()
                .filter(e -> e.getValue().parsed() != null)
                .flatMap(
                    e ->
                        e.getValue().parsed().repairs().stream().map(r -> repairKey(e.getKey(), r)))
                .sorted()
                .toList());
  }

  private static List<String> expectedOutcomes(long line, Decision d) {
    List<String> keys = new ArrayList<>();
    d.incentives().forEach(o -> keys.add(outcomeKey(line, "incentives", o)));
    d.sanctions().forEach(o -> keys.add(outcomeKey(line, "sanctions", o)));
    d.warnings().forEach(o -> keys.add(outcomeKey(line, "warnings", o)));
    return keys;
  }

  private static String outcomeKey(long line, String list, Outcome o) {
    String pack = o.rule().substring(0, o.rule().indexOf('/'));
    return String.join(
        "|",
        String.valueOf(line),
        list,
        o.measure(),
        o.name().zh(),
        o.sector(),
        o.group().name(),
        o.areas().toString(),
        o.from().toString(),
        String.valueOf(o.until()),
        String.valueOf(o.verified()),
        o.rule(),
        o.facts().toString(),
        pack.replace('@', '|'),
        String.valueOf(Boolean.TRUE.equals(o.disputed())));
  }

  private static String outcomeKey(Row r) {
    return String.join(
        "|",
        String.valueOf((long) r.getAs("line")),
        r.getAs("list"),
        r.getAs("measure"),
        r.getAs("nameZh"),
        r.getAs("sector"),
        r.getAs("group"),
        r.getList(r.fieldIndex("areas")).toString(),
        r.getDate(r.fieldIndex("from")).toLocalDate().toString(),
        String.valueOf(date(r, "until")),
        String.valueOf((boolean) r.getAs("verified")),
        r.getAs("rule"),
        r.getList(r.fieldIndex("facts")).toString(),
        r.getAs("pack"),
        r.getAs("packVersion"),
        String.valueOf((boolean) r.getAs("disputed")));
  }

  private static String repairKey(long line, Repair r) {
    return String.join(
        "|",
        String.valueOf(line),
        r.fact(),
        r.sector(),
        r.status().name(),
        String.valueOf(r.earliest()),
        r.unmet().stream().map(u -> u.code().name()).toList().toString(),
        String.valueOf(r.route()),
        String.valueOf(r.verified()),
        r.rule(),
        String.valueOf(Boolean.TRUE.equals(r.disputed())),
        String.valueOf(r.withdrawnBy()));
  }

  private static String repairKey(Row r) {
    return String.join(
        "|",
        String.valueOf((long) r.getAs("line")),
        r.getAs("fact"),
        r.getAs("sector"),
        r.getAs("status"),
        String.valueOf(date(r, "earliest")),
        r.getList(r.fieldIndex("unmet")).toString(),
        String.valueOf((String) r.getAs("route")),
        String.valueOf((boolean) r.getAs("verified")),
        r.getAs("rule"),
        String.valueOf((boolean) r.getAs("disputed")),
        String.valueOf((String) r.getAs("withdrawnBy")));
  }

  private static LocalDate date(Row r, String field) {
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? null : r.getDate(i).toLocalDate();
  }

  @Test
  @Order(4)
  void keyAndLineColumnsArePassedThroughAndNullIsAnErrorRow() {
    StructType schema =
        new StructType()
            .add("caseNo", DataTypes.StringType)
            .add("line", DataTypes.IntegerType)
            .add("payload", DataTypes.StringType);
    List<Row> rows =
        IntStream.range(0, 40)
            .mapToObj(i -> RowFactory.create("K" + i, 1000 + i, i == 7 ? null : lines.get(i)))
            .toList();
    Dataset<Row> in = spark.createDataFrame(jsc.parallelize(rows, 3), schema);
    List<Row> out =
        SparkCreditRules.create()
            .withRequestColumn("payload")
            .withKeyColumn("caseNo")
            .decide(in)
            .collectAsList();
    assertThat(out.get(0).schema().fieldNames())
        .containsExactly(
            "caseNo",
            "line",
            "requestId",
            "subjectId",
            "asOf",
            "decision",
            "error",
            "nextChangeOn");
    Map<String, Row> byKey = out.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    for (int i = 0; i < 40; i++) {
      String line = lines.get(i);
      Row row = byKey.get("K" + i);
      if (i == 7) {
        assertThat(row.getString(6))
            .isEqualTo(
                json.writeBatchErrors(
                    null, 1007, List.of(new RequestError("", null, DecidePartition.NULL_REQUEST))));
        continue;
      }
      if (line.isBlank()) {
        assertThat(row).isNull();
        continue;
      }
      assertThat(row.getLong(1)).isEqualTo(1000 + i);
      Expected want = single(line, 1000 + i);
      assertThat(row.getString(5)).isEqualTo(want.decision());
      assertThat(row.getString(6)).isEqualTo(want.error());
    }
  }

  @Test
  @Order(5)
  void anUnexpectedExceptionIsAnErrorRowNamingItsRequest() {
    List<String> some = lines.subList(0, 200);
    int boom =
        IntStream.range(0, some.size())
            .filter(
                i ->
                    expected.get((long) i + 1) != null
                        && expected.get((long) i + 1).parsed() != null)
            .skip(10)
            .findFirst()
            .orElseThrow();
    String boomId = expected.get((long) boom + 1).requestId();
    List<Row> out =
        SparkCreditRules.create()
            .withDecider(new Exploding(boomId))
            .decideLines(spark.createDataset(some, Encoders.STRING()).coalesce(1))
            .collectAsList();
    assertThat(out).hasSize((int) some.stream().filter(l -> !l.isBlank()).count());
    for (Row row : out) {
      long line = row.getLong(0);
      if (line == boom + 1) {
        assertThat(row.isNullAt(4)).isTrue();
        assertThat(row.getString(5))
            .isEqualTo(
                json.writeBatchErrors(
                    boomId,
                    boom + 1,
                    List.of(
                        new RequestError(
                            "", null, "internal error: java.lang.IllegalStateException: boom"))));
        assertThat(row.getString(1)).isEqualTo(boomId);
      } else {
        assertThat(row.getString(4)).isEqualTo(expected.get(line).decision());
        assertThat(row.getString(5)).isEqualTo(expected.get(line).error());
      }
    }
  }

  /**
   * The decision-level column carries each decision's {@code nextChangeOn} as a date, the flat
   * tables keep it with the other decision columns. The engine's own value may be null for every
   * request, so a decider that sets one (asOf + 30 days) shows that dates come through.
   */
  @Test
  @Order(6)
  void nextChangeOnIsADateColumnOfTheDecisionsAndTheFlatTables() {
    List<String> some = lines.subList(0, 300);
    Dataset<Row> decisions =
        SparkCreditRules.create()
            .withDecider(new InThirtyDays())
            .decideLines(spark.createDataset(some, Encoders.STRING()).coalesce(1))
            .cache();
    List<Row> rows = decisions.collectAsList();
    int dated = 0;
    for (Row row : rows) {
      Expected want = expected.get(row.getLong(0));
      if (want.parsed() == null) {
        assertThat(date(row, "nextChangeOn")).isNull();
        continue;
      }
      LocalDate day = want.parsed().asOf().plusDays(30);
      assertThat(date(row, "nextChangeOn")).isEqualTo(day);
      assertThat((String) row.getAs("decision"))
          .isEqualTo(json.writeDecision(want.parsed().withNextChangeOn(day)));
      dated++;
    }
    assertThat(dated).isGreaterThan(200);
    List<Row> outcomes = SparkCreditRules.create().outcomes(decisions).collectAsList();
    assertThat(outcomes).isNotEmpty();
    for (Row o : outcomes) {
      assertThat(date(o, "nextChangeOn")).isEqualTo(date(o, "asOf").plusDays(30));
    }
    decisions.unpersist();
  }

  /** The executor's decision, said to hold for 30 days. */
  record InThirtyDays() implements Decider {
    @Override
    public Decision decide(Request request) {
      return Decider.Classpath.INSTANCE
          .decide(request)
          .withNextChangeOn(request.asOf().plusDays(30));
    }
  }

  @Test
  @Order(7)
  void thePartitionFunctionIsSmallAndHoldsNoEngine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new DecidePartition(0, -1, Decider.Classpath.INSTANCE));
    }
    assertThat(bytes.size()).isLessThan(1024);
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("CreditRulesEngine")
        .doesNotContain("KieBase");
  }

  @Test
  @Order(8)
  void badColumnsAreRefusedOnTheDriver() {
    Dataset<Row> in = requests(List.of("{}"), 1);
    assertThatThrownBy(() -> SparkCreditRules.create().withRequestColumn("nope").decide(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> SparkCreditRules.create().withKeyColumn("missing").decide(in))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Order(100)
  void noTaskFailed() throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertThat(tasks.get()).isPositive();
    assertThat(failedTasks.get()).isZero();
  }

  /** Throws for one request id, decides the others with the executor's engine. */
  record Exploding(String requestId) implements Decider {
    @Override
    public Decision decide(Request request) {
      if (requestId.equals(request.requestId())) {
        throw new IllegalStateException("boom");
      }
      return Decider.Classpath.INSTANCE.decide(request);
    }
  }
}
