package dev.creditrules.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectRef;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The partition function without Spark (and without an engine). */
class DecidePartitionTest {
  private static final String VALID =
      "{\"requestId\":\"v\",\"asOf\":\"2026-01-01\",\"subject\":{\"id\":\"91110108MA01TAX03C\","
          + "\"type\":\"ENTERPRISE\"},\"facts\":[]}";

  private static Iterator<Tuple2<Row, Long>> rows(String... requests) {
    return java.util.stream.IntStream.range(0, requests.length)
        .mapToObj(i -> new Tuple2<>(RowFactory.create((Object) requests[i]), (long) i + 1))
        .iterator();
  }

  @Test
  void anEngineThatCannotBeBuiltFailsTheTaskInsteadOfMakingErrorRows() {
    Decider broken =
        request -> {
          throw new Engines.Unavailable(new IllegalStateException("no KieServices"));
        };
    Iterator<Row> out = new DecidePartition(0, -1, broken).call(rows(VALID));
    assertThatThrownBy(out::hasNext)
        .isInstanceOf(Engines.Unavailable.class)
        .hasMessageContaining("no KieServices");
  }

  @Test
  void rowsAreDecidedOnlyWhenPulledAndBlankLinesGiveNone() {
    int[] calls = {0};
    Decider counting =
        request -> {
          calls[0]++;
          throw new IllegalStateException("x");
        };
    Iterator<Row> out = new DecidePartition(0, -1, counting).call(rows("", VALID, " ", VALID));
    assertThat(calls[0]).isZero();
    Row first = out.next();
    assertThat(calls[0]).isEqualTo(1);
    assertThat(first.getLong(0)).isEqualTo(2);
    assertThat(first.getString(5))
        .isEqualTo(
            Engines.json()
                .writeBatchErrors(
                    "v",
                    2,
                    List.of(
                        new RequestError(
                            "", null, "internal error: java.lang.IllegalStateException: x"))));
    assertThat(out.next().getLong(0)).isEqualTo(4);
    assertThat(out.hasNext()).isFalse();
  }

  @Test
  void nextChangeOnIsTheLastColumnNullOnErrors() {
    Decider decided =
        request ->
            new Decision(
                    request.requestId(),
                    request.asOf(),
                    new SubjectRef(request.subject().id(), request.subject().type()),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of())
                .withNextChangeOn(LocalDate.of(2027, 3, 1));
    Iterator<Row> out = new DecidePartition(0, -1, decided).call(rows(VALID, "{}"));
    Row row = out.next();
    assertThat(row.length()).isEqualTo(7);
    assertThat(row.getString(3)).isEqualTo("2026-01-01");
    assertThat(row.getString(4)).endsWith(",\"repairs\":[],\"nextChangeOn\":\"2027-03-01\"}");
    assertThat(row.getString(6)).isEqualTo("2027-03-01");
    Row error = out.next();
    assertThat(error.isNullAt(4)).isTrue();
    assertThat(error.getString(5)).startsWith("{\"requestId\":null,\"line\":2,\"errors\":[");
    assertThat(error.isNullAt(6)).isTrue();
    Row unknown =
        new DecidePartition(0, -1, request -> decided.decide(request).withNextChangeOn(null))
            .call(rows(VALID))
            .next();
    assertThat(unknown.isNullAt(6)).isTrue();
    assertThat(unknown.getString(4)).endsWith(",\"nextChangeOn\":null}");
  }

  @Test
  void aLineBeyondIntIsWrittenInFull() {
    String error =
        DecidePartition.errors(
            Engines.json(), "r", 3_000_000_000L, List.of(new RequestError("/asOf", "x", "bad")));
    assertThat(error)
        .isEqualTo(
            "{\"requestId\":\"r\",\"line\":3000000000,\"errors\":[{\"pointer\":\"/asOf\","
                + "\"value\":\"x\",\"reason\":\"bad\"}]}");
  }
}
