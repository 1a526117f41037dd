package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision writer's own text of dates and its reused buffers give what {@link
 * LocalDate#toString()} and a fresh buffer give: the same text for every decision, small or large,
 * in any order, as a string and as UTF-8 bytes.
 */
class DecisionTextTest {
  private static final ContractJson JSON = Samples.json();

  @Test
  void datesAreWrittenAsLocalDateWritesThem() throws IOException {
    List<LocalDate> days =
        List.of(
            LocalDate.of(2026, 4, 20),
            LocalDate.of(0, 1, 1),
            LocalDate.of(5, 3, 4),
            LocalDate.of(999, 12, 31),
            LocalDate.of(1000, 10, 10),
            LocalDate.of(9999, 12, 31),
            LocalDate.of(10000, 1, 1),
            LocalDate.of(-1, 6, 30),
            LocalDate.MIN,
            LocalDate.MAX);
    for (LocalDate day : days) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
        g.writeStartObject();
        DecisionWriter.date(g, "d", day);
        DecisionWriter.date(g, "n", null);
        g.writeEndObject();
      }
      assertThat(out.toString()).isEqualTo("{\"d\":\"" + day + "\",\"n\":null}");
    }
  }

  @Test
  void reusedBuffersGiveTheSameTextForSmallAndLargeDecisionsInAnyOrder() {
    Decision small = Samples.decisionWithEveryKey();
    List<Outcome> many = new ArrayList<>(Collections.nCopies(400, small.sanctions().get(0)));
    Decision large =
        new Decision(
            small.requestId(),
            small.asOf(),
            small.subject(),
            small.packs(),
            small.incentives(),
            many,
            small.warnings(),
            small.repairs(),
            small.nextChangeOn(),
            small.disputes());
    String smallText = bytesOf(small);
    String largeText = bytesOf(large);
    assertThat(largeText.length()).isGreaterThan(1 << 17); // beyond the buffer kept per thread
    for (Decision d : List.of(small, large, small, small, large, large, small)) {
      String text = d == small ? smallText : largeText;
      assertThat(JSON.writeDecision(d)).isEqualTo(text);
      assertThat(JSON.writeDecisionUtf8(d)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void utf8BytesAreThoseOfTheStringLoneSurrogatesIncluded() {
    Decision d = Samples.decisionWithEveryKey();
    for (String id : List.of("r-1", "é中\uD83D\uDE00", "\uD800", "a\uDC00b", "\uDBFF\uDFFF")) {
      Decision withId =
          new Decision(
              id,
              d.asOf(),
              d.subject(),
              d.packs(),
              d.incentives(),
              d.sanctions(),
              d.warnings(),
              d.repairs(),
              d.nextChangeOn(),
              d.disputes());
      assertThat(JSON.writeDecisionUtf8(withId))
          .isEqualTo(JSON.writeDecision(withId).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The decision as UTF-8 bytes written to a fresh stream, decoded. */
  private static String bytesOf(Decision d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JSON.writeDecision(d, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
