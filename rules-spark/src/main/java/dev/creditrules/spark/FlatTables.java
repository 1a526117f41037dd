package dev.creditrules.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Flattens decision JSON into outcome and repair tables with Spark's own {@code from_json}, {@code
 * transform} and {@code explode}: one pass over the decisions, no engine, no UDF.
 */
final class FlatTables {
  private static final String LISTS = "incentives, sanctions, warnings";
  private static final String RULE_PATTERN = "^([^@]+)@([^/]+)/";

  private FlatTables() {}

  static final StructType OUTCOME =
      new StructType()
          .add("measure", DataTypes.StringType)
          .add(
              "name",
              new StructType().add("zh", DataTypes.StringType).add("en", DataTypes.StringType))
          .add("sector", DataTypes.StringType)
          .add("group", DataTypes.StringType)
          .add("areas", strings())
          .add("from", DataTypes.DateType)
          .add("until", DataTypes.DateType)
          .add("verified", DataTypes.BooleanType)
          .add("rule", DataTypes.StringType)
          .add("facts", strings())
          .add("disputed", DataTypes.BooleanType);

  static final StructType REPAIR =
      new StructType()
          .add("fact", DataTypes.StringType)
          .add("sector", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("earliest", DataTypes.DateType)
          .add(
              "unmet",
              DataTypes.createArrayType(
                  new StructType()
                      .add("code", DataTypes.StringType)
                      .add("message", DataTypes.StringType)))
          .add("route", DataTypes.StringType)
          .add("verified", DataTypes.BooleanType)
          .add("rule", DataTypes.StringType)
          .add("disputed", DataTypes.BooleanType)
          .add("withdrawnBy", DataTypes.StringType);

  /** The parts of the decision JSON the flat tables need; other fields are ignored. */
  static final StructType DECISION =
      new StructType()
          .add("incentives", DataTypes.createArrayType(OUTCOME))
          .add("sanctions", DataTypes.createArrayType(OUTCOME))
          .add("warnings", DataTypes.createArrayType(OUTCOME))
          .add("repairs", DataTypes.createArrayType(REPAIR));

  static Dataset<Row> outcomes(Dataset<Row> decisions) {
    Column d = from_json(col(SparkCreditRules.DECISION), DECISION, Map.of("mode", "FAILFAST"));
    List<Column> tagged = new ArrayList<>();
    for (String list : LISTS.split(", ")) {
      tagged.add(transform(d.getField(list), o -> struct(lit(list).as("list"), o.as("o"))));
    }
    List<Column> select = kept(decisions);
    select.add(col("x.list").as("list"));
    Column o = col("x.o");
    select.add(o.getField("measure").as("measure"));
    select.add(o.getField("name").getField("zh").as("nameZh"));
    select.add(o.getField("name").getField("en").as("nameEn"));
    for (String f :
        List.of("sector", "group", "areas", "from", "until", "verified", "rule", "facts")) {
      select.add(o.getField(f).as(f));
    }
    select.add(regexp_extract(o.getField("rule"), RULE_PATTERN, 1).as("pack"));
    select.add(regexp_extract(o.getField("rule"), RULE_PATTERN, 2).as("packVersion"));
    // packs-v2: true when one of the outcome's facts is disputed on asOf (absent in JSON: false)
    select.add(coalesce(o.getField("disputed"), lit(false)).as("disputed"));
    return decisions
        .where(col(SparkCreditRules.DECISION).isNotNull())
        .select(with(kept(decisions), explode(concat(tagged.toArray(Column[]::new))).as("x")))
        .select(select.toArray(Column[]::new));
  }

  static Dataset<Row> repairs(Dataset<Row> decisions) {
    Column d = from_json(col(SparkCreditRules.DECISION), DECISION, Map.of("mode", "FAILFAST"));
    List<Column> select = kept(decisions);
    Column r = col("x");
    for (String f : List.of("fact", "sector", "status", "earliest")) {
      select.add(r.getField(f).as(f));
    }
    select.add(transform(r.getField("unmet"), u -> u.getField("code")).as("unmet"));
    for (String f : List.of("route", "verified", "rule")) {
      select.add(r.getField(f).as(f));
    }
    select.add(regexp_extract(r.getField("rule"), RULE_PATTERN, 1).as("pack"));
    select.add(regexp_extract(r.getField("rule"), RULE_PATTERN, 2).as("packVersion"));
    // packs-v2: the record disputed on asOf, and the dispute that withdrew it (null when none)
    select.add(coalesce(r.getField("disputed"), lit(false)).as("disputed"));
    select.add(r.getField("withdrawnBy").as("withdrawnBy"));
    return decisions
        .where(col(SparkCreditRules.DECISION).isNotNull())
        .select(with(kept(decisions), explode(d.getField("repairs")).as("x")))
        .select(select.toArray(Column[]::new));
  }

  /** Every column of the decisions but the decision and the error, by literal name. */
  private static List<Column> kept(Dataset<Row> decisions) {
    List<Column> kept = new ArrayList<>();
    for (String name : decisions.columns()) {
      if (!name.equals(SparkCreditRules.DECISION) && !name.equals(SparkCreditRules.ERROR)) {
        kept.add(col(SparkCreditRules.quoted(name)));
      }
    }
    return kept;
  }

  private static Column[] with(List<Column> columns, Column last) {
    List<Column> all = new ArrayList<>(columns);
    all.add(last);
    return all.toArray(Column[]::new);
  }

  private static DataType strings() {
    return DataTypes.createArrayType(DataTypes.StringType);
  }
}
