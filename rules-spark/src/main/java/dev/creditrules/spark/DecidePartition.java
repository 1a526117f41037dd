package dev.creditrules.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Decides the requests of one partition, lazily: a row is decided when Spark pulls it, an empty
 * partition (or one with only blank or invalid lines) never touches the engine, and every request
 * gives exactly one row: its decision or its error, never a failed task.
 *
 * <p>Input: pairs of (row, 1-based line); the row holds the request text at {@code requestIndex}
 * and, when {@code keyIndex >= 0}, the caller's key. Output: {@code [key,] line, requestId,
 * subjectId, asOf (ISO text), decision, error, nextChangeOn (ISO text)}.
 *
 * <p>The function is serialized into every task: it holds only indexes and a {@link Decider}, never
 * an engine.
 */
final class DecidePartition implements FlatMapFunction<Iterator<Tuple2<Row, Long>>, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DecidePartition.class);

  /** The reason of the error of a null request column. */
  static final String NULL_REQUEST = "no request: the request column is null";

  /** The prefix of the reason of an unexpected exception. */
  static final String INTERNAL = "internal error: ";

  private final int requestIndex;
  private final int keyIndex;
  private final Decider decider;

  DecidePartition(int requestIndex, int keyIndex, Decider decider) {
    this.requestIndex = requestIndex;
    this.keyIndex = keyIndex;
    this.decider = decider;
  }

  @Override
  public Iterator<Row> call(Iterator<Tuple2<Row, Long>> input) {
    if (!input.hasNext()) {
      return Collections.emptyIterator();
    }
    return new Iterator<>() {
      private @Nullable Row next;

      @Override
      public boolean hasNext() {
        while (next == null && input.hasNext()) {
          Tuple2<Row, Long> in = input.next();
          next = decide(in._1(), in._2());
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        // hasNext() made the next row
        Row row = Objects.requireNonNull(next);
        next = null;
        return row;
      }
    };
  }

  /** The output row of one input row, {@code null} for a blank line (skipped, as the CLI does). */
  @Nullable Row decide(Row in, long line) {
    String text = in.isNullAt(requestIndex) ? null : in.getString(requestIndex);
    if (text != null && text.isBlank()) {
      return null;
    }
    Object key = keyIndex >= 0 ? in.get(keyIndex) : null;
    ContractJson json = Engines.json(); // Unavailable fails the task, as the engine's does
    Request request = null;
    try {
      if (text == null) {
        throw new InvalidRequestException(List.of(new RequestError("", null, NULL_REQUEST)));
      }
      request = json.readRequest(text);
      Decision decision = decider.decide(request);
      return row(
          key,
          line,
          decision.requestId(),
          decision.subject().id(),
          decision.asOf().toString(),
          json.writeDecision(decision),
          null,
          decision.nextChangeOn() == null ? null : decision.nextChangeOn().toString());
    } catch (Engines.Unavailable e) {
      throw e;
    } catch (InvalidRequestException e) {
      try {
        String id = text == null ? null : json.requestIdOf(text);
        return error(key, line, id, request, errors(json, id, line, e.errors()));
      } catch (RuntimeException | StackOverflowError x) {
        return internal(key, line, text, request, x);
      }
    } catch (RuntimeException | StackOverflowError e) {
      return internal(key, line, text, request, e);
    }
  }

  /**
   * The error row of an unexpected exception: one error with the empty pointer (the whole request)
   * and the reason {@code internal error: <exception>}, as the CLI's JSON Lines batch writes it.
   */
  private Row internal(
      @Nullable Object key,
      long line,
      @Nullable String text,
      @Nullable Request request,
      Throwable e) {
    String id = null;
    String error;
    try {
      id = text == null ? null : Engines.json().requestIdOf(text);
      LOG.warn("credit-rules: internal error on line {} (requestId {})", line, id, e);
      RequestError internal = new RequestError("", null, INTERNAL + e);
      error = errors(Engines.json(), id, line, List.of(internal));
    } catch (RuntimeException | StackOverflowError x) {
      error =
          "{\"requestId\":null,\"line\":"
              + line
              + ",\"errors\":[{\"pointer\":\"\",\"value\":null,\"reason\":\"internal error\"}]}";
      id = null;
    }
    return error(key, line, id, request, error);
  }

  private Row error(
      @Nullable Object key,
      long line,
      @Nullable String id,
      @Nullable Request request,
      String error) {
    return row(
        key,
        line,
        id,
        request == null ? null : request.subject().id(),
        request == null ? null : request.asOf().toString(),
        null,
        error,
        null);
  }

  /**
   * The contract's batch error line, {@code {"requestId":…,"line":n,"errors":[…]}}: exactly {@link
   * ContractJson#writeBatchErrors}, with a line beyond {@code int} written in full.
   */
  static String errors(
      ContractJson json, @Nullable String requestId, long line, List<RequestError> errors) {
    if (line >= Integer.MIN_VALUE && line <= Integer.MAX_VALUE) {
      return json.writeBatchErrors(requestId, (int) line, errors);
    }
    ObjectNode tree = json.trees().batchErrorsTree(requestId, 0, errors);
    tree.put("line", line);
    return json.trees().write(tree);
  }

  private Row row(
      @Nullable Object key,
      long line,
      @Nullable String requestId,
      @Nullable String subjectId,
      @Nullable String asOf,
      @Nullable String decision,
      @Nullable String error,
      @Nullable String nextChangeOn) {
    return keyIndex >= 0
        ? RowFactory.create(key, line, requestId, subjectId, asOf, decision, error, nextChangeOn)
        : RowFactory.create(line, requestId, subjectId, asOf, decision, error, nextChangeOn);
  }
}
