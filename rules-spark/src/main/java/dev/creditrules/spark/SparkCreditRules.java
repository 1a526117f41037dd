package dev.creditrules.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
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

  private static final List<String> OUTPUT =
      List.of(LINE, REQUEST_ID, SUBJECT_ID, AS_OF, DECISION, ERROR, NEXT_CHANGE_ON);

  private final String requestColumn;
  private final String keyColumn;
  private final Decider decider;

  SparkCreditRules(String requestColumn, String keyColumn, Decider decider) {
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
  public String keyColumn() {
    return keyColumn;
  }

  SparkCreditRules withDecider(Decider other) {
    return new SparkCreditRules(requestColumn, keyColumn, other);
  }

  /**
   * Decides every request of a Dataset, lazily.
   *
   * <p>Output columns, one row per non-blank request, in input order within each partition: the
   * key column (when configured), {@value #LINE}, {@value #REQUEST_ID}, {@value #SUBJECT_ID},
   * {@value #AS_OF}, {@value #DECISION}, {@value #ERROR}, {@value #NEXT_CHANGE_ON}. Exactly one of
   * {@code decision} and {@code error} is non-null. Blank requests give no row; a null request gives an error row.
   *
   * <p>When the input has no integral {@value #LINE} column, positions are assigned with {@code
   * zipWithIndex}, which runs one extra job over the input to count its partitions' rows; give the
   * input a {@code line} column to avoid it.
   *
   * <p>The result recomputes every decision on every action: {@code persist()} it, or write it
   * and read it back, before deriving {@link #outcomes} and {@link #repairs} from it.
   *
   * @param requests a Dataset with a string column named {@link #requestColumn()}
   * @throws IllegalArgumentException if the request or key column is missing, or the request
   *     column is not a string
   */
  public Dataset<Row> decide(Dataset<Row> requests) {
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
      columns.add(col(quoted(keyColumn)));
    }
    if (line != null) {
      columns.add(col(LINE));
    }
    JavaRDD<Row> rows = requests.select(columns.toArray(Column[]::new)).javaRDD();
    JavaRDD<Tuple2<Row, Long>> numbered =
        line != null
            ? rows.map(new GivenLine(columns.size() - 1))
            : rows.zipWithIndex().map(new NextLine());
    JavaRDD<Row> decided =
        numbered.mapPartitions(new DecidePartition(0, key != null ? 1 : -1, decider));

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
    SparkSession spark = requests.sparkSession();
    return spark
        .createDataFrame(decided, DataTypes.createStructType(out))
        .withColumn(AS_OF, to_date(col(AS_OF)))
        .withColumn(NEXT_CHANGE_ON, to_date(col(NEXT_CHANGE_ON)));
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
   * then {@code list}
   * ({@code incentives}, {@code sanctions} or {@code warnings}), {@code measure}, {@code nameZh},
   * {@code nameEn}, {@code sector}, {@code group}, {@code areas} (array of strings), {@code from},
   * {@code until} (dates, {@code until} null when open-ended), {@code verified}, {@code rule},
   * {@code facts} (array of strings), {@code pack} and {@code packVersion} (from the rule). Error
   * rows give no row. Parsed with Spark's {@code from_json}: no engine is involved.
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
