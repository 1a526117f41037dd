package dev.creditrules.spark;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.RequestDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jspecify.annotations.Nullable;

/**
 * Carries or decides the rows of one partition of today's requests joined with yesterday's
 * decisions (by request digest, which covers the subject): a row whose previous decision was made
 * with the same packs and limits, for a day on or before today's {@code asOf}, and whose {@code
 * nextChangeOn} is after it (or null), gets that decision with today's {@code requestId} and {@code
 * asOf}; every other row is decided by {@link DecidePartition}, as {@link SparkCreditRules#decide}
 * would.
 *
 * <p>Input row: {@code request, key (or null), line, digest, requestId, asOf, previous subjectId,
 * previous asOf, previous nextChangeOn, previous decision, previous setup} (the previous columns
 * null when nothing matched). Output: {@link DecidePartition}'s columns, then {@code digest} and
 * {@code setup}.
 */
final class IncrementalPartition implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final boolean keyed;
  private final Decider decider;

  IncrementalPartition(boolean keyed, Decider decider) {
    this.keyed = keyed;
    this.decider = decider;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    DecidePartition decide = new DecidePartition(0, keyed ? 1 : -1, decider);
    return new Iterator<>() {
      private @Nullable Row next;
      private @Nullable String setup;

      @Override
      public boolean hasNext() {
        while (next == null && input.hasNext()) {
          next = row(input.next());
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        // hasNext() made the next row
        Row r = java.util.Objects.requireNonNull(next);
        next = null;
        return r;
      }

      private String setup() {
        String s = setup;
        if (s == null) {
          s = RequestDigest.setup(Engines.engine().packs(), Engines.json().limits());
          setup = s;
        }
        return s;
      }

      private @Nullable Row row(Row in) {
        String digest = in.getString(3);
        String previous = in.isNullAt(9) ? null : in.getString(9);
        if (previous != null && digest != null) {
          LocalDate asOf = LocalDate.parse(in.getString(5));
          LocalDate before = LocalDate.parse(in.getString(7));
          LocalDate change = in.isNullAt(8) ? null : LocalDate.parse(in.getString(8));
          if (!asOf.isBefore(before)
              && (change == null || asOf.isBefore(change))
              && setup().equals(in.getString(10))) {
            String requestId = in.isNullAt(4) ? null : in.getString(4);
            List<Object> values = new ArrayList<>();
            if (keyed) {
              values.add(in.get(1));
            }
            values.add(in.getLong(2));
            values.add(requestId);
            values.add(in.getString(6));
            values.add(asOf.toString());
            values.add(carriedTo(previous, requestId, asOf, Engines.json()));
            values.add(null);
            values.add(change == null ? null : change.toString());
            values.add(digest);
            values.add(setup());
            return RowFactory.create(values.toArray());
          }
        }
        Row decided = decide.decide(RowFactory.create(in.get(0), in.get(1)), in.getLong(2));
        if (decided == null) {
          return null;
        }
        int n = decided.length();
        Object[] values = new Object[n + 2];
        for (int i = 0; i < n; i++) {
          values[i] = decided.get(i);
        }
        boolean isDecision = !decided.isNullAt(n - 3);
        values[n] = digest;
        values[n + 1] = isDecision ? setup() : null;
        return RowFactory.create(values);
      }
    };
  }

  /**
   * The decision line as deciding the same request with {@code requestId} on {@code day} writes it:
   * {@code requestId} and {@code asOf} replaced, every other byte as it was.
   */
  static String carriedTo(
      String decision, @Nullable String requestId, LocalDate day, ContractJson json) {
    String start = "{\"requestId\":";
    if (!decision.startsWith(start)) {
      throw new IllegalStateException("a decision line starts with " + start);
    }
    int i = start.length();
    if (decision.startsWith("null", i)) {
      i += 4;
    } else if (decision.charAt(i) == '"') {
      i++;
      while (decision.charAt(i) != '"') {
        i += decision.charAt(i) == '\\' ? 2 : 1;
      }
      i++;
    } else {
      throw new IllegalStateException("a decision's requestId is a string or null");
    }
    String asOf = ",\"asOf\":\"";
    if (!decision.startsWith(asOf, i) || decision.charAt(i + asOf.length() + 10) != '"') {
      throw new IllegalStateException("a decision's asOf follows its requestId");
    }
    String id = requestId == null ? "null" : json.trees().write(TextNode.valueOf(requestId));
    return start + id + asOf + day + '"' + decision.substring(i + asOf.length() + 11);
  }
}
