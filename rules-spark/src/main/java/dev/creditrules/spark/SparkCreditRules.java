package dev.creditrules.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import dev.creditrules.json.RequestDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Decides a Spark Dataset of requests with the credit-rules packs, one engine per executor JVM.
 *
 * <pre>{@code
 * SparkCreditRules rules = SparkCreditRules.create();
 * Dataset<Row> decisions = rules.decideLines(spark.read().textFile("requests.jsonl")).persist();
 * Dataset<Row> outcomes = rules.outcomes(decisions);   // one row per incentive, sanction, warning
 * Dataset<Row> repairs = rules.repairs(decisions);     // one row per repair entry
 * }</pre>
 *
 * <p>{@link #decide} is lazy: nothing runs before an action. Each partition is decided by a
 * function that holds no engine; on the executor, the first request that needs a decision builds
 * the JVM's one engine from the packs on its class path ({@code CreditRulesEngine.fromClasspath()},
 * about 4 s), and every later task of that JVM reuses it. Empty partitions never build it.
 *
 * <p>Every non-blank request gives exactly one row, its decision or its error: invalid JSON, an
 * invalid request, even an unexpected exception while deciding one request are error rows, never
 * failed tasks. Only packs that do not load fail the task (no request could be decided).
 *
 * <p>Instances are immutable; the {@code with…} methods return changed copies.
 */
public final class SparkCreditRules {
  /** Default name of the input column holding a request's JSON text. */
  public static final String REQUEST = "request";

  /**
   * Output column (long): the request's 1-based position. Taken from an integral input column of
   * this name when there is one; otherwise the position in the input's order, counting blank lines.
   */
  public static final String LINE = "line";

  /** Output column (string): the request's {@code requestId}, null when absent or unparsable. */
  public static final String REQUEST_ID = "requestId";

  /** Output column (string): the subject's id as decided (upper-cased), null on errors. */
  public static final String SUBJECT_ID = "subjectId";

  /** Output column (date): the request's {@code asOf}, null when the request does not parse. */
  public static final String AS_OF = "asOf";

  /**
   * Output column (string): the decision as compact contract JSON, exactly {@code
   * ContractJson.writeDecision}; null for an error.
   */
  public static final String DECISION = "decision";

  /**
   * Output column (string): the contract's batch error line {@code
   * {"requestId":…,"line":n,"errors":[{"pointer","value","reason"}]}}, exactly {@code
   * ContractJson.writeBatchErrors}; null when decided.
   */
  public static final String ERROR = "error";

  /**
   * Output column (date): the decision's {@code nextChangeOn}, the first day on which deciding the
   * same request could give another decision; null when no later day changes anything, and on
   * errors. The last column, so the positions of the others are those they always had.
   */
  public static final String NEXT_CHANGE_ON = "nextChangeOn";

  /**
   * Output column of {@link #decideIncremental} (string): the SHA-256 of the request without its
   * {@code requestId} and {@code asOf}, 64 hex digits; null when the text is not one JSON object
   * with a date {@code asOf}.
   */
  public static final String DIGEST = "digest";

  /**
   * Output column of {@link #decideIncremental} (string): the packs and request limits a decision
   * was made with ({@code sha256:…}); a decision is carried only to a run with the same. Null on
   * errors.
   */
  public static final String SETUP = "setup";

  private static final List<String> OUTPUT =
      List.of(LINE, REQUEST_ID, SUBJECT_ID, AS_OF, DECISION, ERROR, NEXT_CHANGE_ON);

  private final String requestColumn;
  private final @Nullable String keyColumn;
  private final Decider decider;

  SparkCreditRules(String requestColumn, @Nullable String keyColumn, Decider decider) {
    this.requestColumn = Objects.requireNonNull(requestColumn, "requestColumn");
    this.keyColumn = keyColumn;
    this.decider = Objects.requireNonNull(decider, "decider");
  }

  /** Reads requests from the column {@value #REQUEST}, with no caller key. */
  public static SparkCreditRules create() {
    return new SparkCreditRules(REQUEST, null, Decider.Classpath.INSTANCE);
  }

  /** A copy reading the request JSON from the string column {@code name}. */
  public SparkCreditRules withRequestColumn(String name) {
    return new SparkCreditRules(name, keyColumn, decider);
  }

  /**
   * A copy that copies the input column {@code name} (any type), the caller's key, as the first
   * column of {@link #decide}'s output; {@code null} for none.
   */
  public SparkCreditRules withKeyColumn(String name) {
    return new SparkCreditRules(requestColumn, name, decider);
  }

  /** The input column holding the request JSON. */
  public String requestColumn() {
    return requestColumn;
  }

  /** The caller's key column, or {@code null}. */
  public @Nullable String keyColumn() {
    return keyColumn;
  }

  SparkCreditRules withDecider(Decider other) {
    return new SparkCreditRules(requestColumn, keyColumn, other);
  }

  /**
   * Decides every request of a Dataset, lazily.
   *
   * <p>Output columns, one row per non-blank request, in input order within each partition: the key
   * column (when configured), {@value #LINE}, {@value #REQUEST_ID}, {@value #SUBJECT_ID}, {@value
   * #AS_OF}, {@value #DECISION}, {@value #ERROR}, {@value #NEXT_CHANGE_ON}. Exactly one of {@code
   * decision} and {@code error} is non-null. Blank requests give no row; a null request gives an
   * error row.
   *
   * <p>When the input has no integral {@value #LINE} column, positions are assigned with {@code
   * zipWithIndex}, which runs one extra job over the input to count its partitions' rows; give the
   * input a {@code line} column to avoid it.
   *
   * <p>The result recomputes every decision on every action: {@code persist()} it, or write it and
   * read it back, before deriving {@link #outcomes} and {@link #repairs} from it.
   *
   * @param requests a Dataset with a string column named {@link #requestColumn()}
   * @throws IllegalArgumentException if the request or key column is missing, or the request column
   *     is not a string
   */
  public Dataset<Row> decide(Dataset<Row> requests) {
    Numbered input = numbered(requests);
    StructField key = input.key();
    JavaRDD<Tuple2<Row, Long>> numbered = input.rows();
    JavaRDD<Row> decided =
        numbered.mapPartitions(new DecidePartition(0, key != null ? 1 : -1, decider));
    SparkSession spark = requests.sparkSession();
    return spark
        .createDataFrame(decided, DataTypes.createStructType(outputFields(key)))
        .withColumn(AS_OF, to_date(col(AS_OF)))
        .withColumn(NEXT_CHANGE_ON, to_date(col(NEXT_CHANGE_ON)));
  }

  /** {@link #decide}'s output columns, dates as ISO text. */
  private static List<StructField> outputFields(@Nullable StructField key) {
    List<StructField> out = new ArrayList<>();
    if (key != null) {
      out.add(DataTypes.createStructField(key.name(), key.dataType(), true, key.metadata()));
    }
    out.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    out.add(DataTypes.createStructField(REQUEST_ID, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(SUBJECT_ID, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(AS_OF, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(DECISION, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(NEXT_CHANGE_ON, DataTypes.StringType, true));
    return out;
  }

  /**
   * Re-decides only what changed: {@link #decide}'s rows for {@code requests}, computed from
   * yesterday's rows where they still hold. Each request's digest (SHA-256 of everything but its
   * {@code requestId} and {@code asOf}: the subject, its areas and its facts) is joined with the
   * digests of {@code previous}; a request whose previous decision was made with the same packs and
   * limits, for a day on or before today's {@code asOf}, and whose {@code nextChangeOn} is after
   * today's {@code asOf} (or null), gets that decision with today's {@code requestId} and {@code
   * asOf}, without deciding; every other request (new, changed, due, or an error before) is
   * decided. Each row is what {@link #decide} gives for it, byte for byte: by the contract of
   * {@code nextChangeOn}, the carried decision is the one deciding it today gives.
   *
   * <p>Output: {@link #decide}'s columns, then {@value #DIGEST} (null when the request text does
   * not parse as one object with a date {@code asOf}) and {@value #SETUP} (the packs and limits a
   * decision was made with; null on errors), so that today's result is tomorrow's {@code previous}.
   * The join shuffles: rows do not come in input order; sort by {@value #LINE} (or the key) where
   * order matters. Lazy, like {@link #decide}; {@code persist()} or write the result before using
   * it twice.
   *
   * @param requests as for {@link #decide}
   * @param previous yesterday's result of this method (or the same columns read back from storage),
   *     or {@code null} on the first night (every request is decided)
   * @throws IllegalArgumentException as {@link #decide}, or when {@code previous} lacks a column
   */
  public Dataset<Row> decideIncremental(Dataset<Row> requests, Dataset<Row> previous) {
    if (DIGEST.equals(keyColumn) || SETUP.equals(keyColumn)) {
      throw new IllegalArgumentException(
          "key column '" + keyColumn + "' clashes with an output column [digest, setup]");
    }
    Numbered input = numbered(requests);
    StructField key = input.key();
    SparkSession spark = requests.sparkSession();
    List<StructField> today = new ArrayList<>();
    today.add(DataTypes.createStructField("_request", DataTypes.StringType, true));
    today.add(
        DataTypes.createStructField(
            "_key", key == null ? DataTypes.StringType : key.dataType(), true));
    today.add(DataTypes.createStructField("_line", DataTypes.LongType, false));
    today.add(DataTypes.createStructField("_digest", DataTypes.StringType, true));
    today.add(DataTypes.createStructField("_requestId", DataTypes.StringType, true));
    today.add(DataTypes.createStructField("_asOf", DataTypes.StringType, true));
    Dataset<Row> requestsToday =
        spark.createDataFrame(
            input.rows().map(new Digested(key != null)), DataTypes.createStructType(today));

    StructType before =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("_p_digest", DataTypes.StringType, true),
                DataTypes.createStructField("_p_subjectId", DataTypes.StringType, true),
                DataTypes.createStructField("_p_asOf", DataTypes.StringType, true),
                DataTypes.createStructField("_p_nextChangeOn", DataTypes.StringType, true),
                DataTypes.createStructField("_p_decision", DataTypes.StringType, true),
                DataTypes.createStructField("_p_setup", DataTypes.StringType, true)));
    Dataset<Row> decidedBefore;
    if (previous == null) {
      decidedBefore = spark.createDataFrame(List.of(), before);
    } else {
      for (String name : List.of(DIGEST, SUBJECT_ID, AS_OF, NEXT_CHANGE_ON, DECISION, SETUP)) {
        field(previous.schema(), name, "previous");
      }
      decidedBefore =
          previous
              .where(col(DECISION).isNotNull().and(col(DIGEST).isNotNull()))
              .select(
                  col(DIGEST).as("_p_digest"),
                  col(SUBJECT_ID).as("_p_subjectId"),
                  col(AS_OF).cast("string").as("_p_asOf"),
                  col(NEXT_CHANGE_ON).cast("string").as("_p_nextChangeOn"),
                  col(DECISION).as("_p_decision"),
                  col(SETUP).as("_p_setup"))
              // the same request twice yesterday: either decision carries the same way
              .dropDuplicates("_p_digest");
    }
    Dataset<Row> joined =
        requestsToday
            .join(
                decidedBefore,
                requestsToday.col("_digest").equalTo(decidedBefore.col("_p_digest")),
                "left_outer")
            .select(
                col("_request"),
                col("_key"),
                col("_line"),
                col("_digest"),
                col("_requestId"),
                col("_asOf"),
                col("_p_subjectId"),
                col("_p_asOf"),
                col("_p_nextChangeOn"),
                col("_p_decision"),
                col("_p_setup"));
    JavaRDD<Row> rows =
        joined.javaRDD().mapPartitions(new IncrementalPartition(key != null, decider));
    List<StructField> out = outputFields(key);
    out.add(DataTypes.createStructField(DIGEST, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(SETUP, DataTypes.StringType, true));
    return spark
        .createDataFrame(rows, DataTypes.createStructType(out))
        .withColumn(AS_OF, to_date(col(AS_OF)))
        .withColumn(NEXT_CHANGE_ON, to_date(col(NEXT_CHANGE_ON)));
  }

  /** {@link #decideIncremental} on JSON Lines, one request per element, as {@link #decideLines}. */
  public Dataset<Row> decideLinesIncremental(Dataset<String> lines, Dataset<Row> previous) {
    return new SparkCreditRules(REQUEST, null, decider)
        .decideIncremental(lines.toDF(REQUEST), previous);
  }

  /** A request row (request, [key]) and its line: with its digest, requestId and asOf. */
  private static final class Digested implements Function<Tuple2<Row, Long>, Row> {
    private static final long serialVersionUID = 1L;
    private final boolean keyed;

    Digested(boolean keyed) {
      this.keyed = keyed;
    }

    @Override
    public Row call(Tuple2<Row, Long> in) {
      Row row = in._1();
      String text = row.isNullAt(0) ? null : row.getString(0);
      RequestDigest d = text == null ? null : RequestDigest.of(text, Engines.json().limits());
      return RowFactory.create(
          text,
          keyed ? row.get(1) : null,
          in._2(),
          d == null ? null : d.digest(),
          d == null ? null : d.requestId(),
          d == null ? null : d.asOf().toString());
    }
  }

  /** The request rows (request, [key]) with their 1-based lines, and the key column or null. */
  private record Numbered(JavaRDD<Tuple2<Row, Long>> rows, @Nullable StructField key) {}

  private Numbered numbered(Dataset<Row> requests) {
    StructType in = requests.schema();
    StructField request = field(in, requestColumn, "request");
    if (!DataTypes.StringType.equals(request.dataType())) {
      throw new IllegalArgumentException(
          "request column '" + requestColumn + "' must be a string, not " + request.dataType());
    }
    StructField key = keyColumn == null ? null : field(in, keyColumn, "key");
    if (key != null && OUTPUT.contains(keyColumn)) {
      throw new IllegalArgumentException(
          "key column '" + keyColumn + "' clashes with an output column " + OUTPUT);
    }
    StructField line =
        Arrays.stream(in.fields())
            .filter(f -> f.name().equals(LINE) && integral(f.dataType()))
            .findFirst()
            .orElse(null);

    List<Column> columns = new ArrayList<>();
    columns.add(col(quoted(requestColumn)));
    if (key != null) {
      // a key field is found only for a key column
      columns.add(col(quoted(Objects.requireNonNull(keyColumn))));
    }
    if (line != null) {
      columns.add(col(LINE));
    }
    JavaRDD<Row> rows = requests.select(columns.toArray(Column[]::new)).javaRDD();
    JavaRDD<Tuple2<Row, Long>> numbered =
        line != null
            ? rows.map(new GivenLine(columns.size() - 1))
            : rows.zipWithIndex().map(new NextLine());
    return new Numbered(numbered, key);
  }

  /**
   * Decides JSON Lines, one request per element (for example {@code spark.read().textFile(path)}):
   * {@link #decide} on a Dataset whose request column is the text, without a key. For a single
   * file, {@value #LINE} is the line number in the file.
   */
  public Dataset<Row> decideLines(Dataset<String> lines) {
    return new SparkCreditRules(REQUEST, null, decider).decide(lines.toDF(REQUEST));
  }

  /**
   * The outcomes of decisions as a flat table, one row per incentive, sanction and warning.
   *
   * <p>Columns: every column of {@code decisions} but {@code decision} and {@code error} (so the
   * key, {@code line}, {@code requestId}, {@code subjectId}, {@code asOf}, {@code nextChangeOn}),
   * then {@code list} ({@code incentives}, {@code sanctions} or {@code warnings}), {@code measure},
   * {@code nameZh}, {@code nameEn}, {@code sector}, {@code group}, {@code areas} (array of
   * strings), {@code from}, {@code until} (dates, {@code until} null when open-ended), {@code
   * verified}, {@code rule}, {@code facts} (array of strings), {@code pack} and {@code packVersion}
   * (from the rule). Error rows give no row. Parsed with Spark's {@code from_json}: no engine is
   * involved.
   *
   * @param decisions the result of {@link #decide} (or the same columns read back from storage)
   */
  public Dataset<Row> outcomes(Dataset<Row> decisions) {
    return FlatTables.outcomes(decisions);
  }

  /**
   * The repair entries of decisions as a flat table, one row per repair entry.
   *
   * <p>Columns: every column of {@code decisions} but {@code decision} and {@code error}, then
   * {@code fact}, {@code sector}, {@code status}, {@code earliest} (date), {@code unmet} (array of
   * the unmet condition codes), {@code route}, {@code verified}, {@code rule}, {@code pack} and
   * {@code packVersion}.
   *
   * @param decisions the result of {@link #decide} (or the same columns read back from storage)
   */
  public Dataset<Row> repairs(Dataset<Row> decisions) {
    return FlatTables.repairs(decisions);
  }

  private static StructField field(StructType schema, String name, String what) {
    return Arrays.stream(schema.fields())
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no " + what + " column '" + name + "' in " + schema.simpleString()));
  }

  private static boolean integral(DataType type) {
    return type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof ByteType;
  }

  /** A column reference that takes the name literally (dots and all). */
  static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** The line from the input's own {@code line} column (null counts as 0). */
  private static final class GivenLine implements Function<Row, Tuple2<Row, Long>> {
    private static final long serialVersionUID = 1L;
    private final int index;

    GivenLine(int index) {
      this.index = index;
    }

    @Override
    public Tuple2<Row, Long> call(Row row) {
      return new Tuple2<>(row, row.isNullAt(index) ? 0L : ((Number) row.get(index)).longValue());
    }
  }

  /** The 0-based index of {@code zipWithIndex} as a 1-based line. */
  private static final class NextLine implements Function<Tuple2<Row, Long>, Tuple2<Row, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple2<Row, Long> call(Tuple2<Row, Long> indexed) {
      return new Tuple2<>(indexed._1(), indexed._2() + 1);
    }
  }
}
