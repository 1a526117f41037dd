package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing to and reading from streams gives the bytes and values of the string methods. */
class StreamsTest {
  private final ContractJson json = Samples.json();

  /** Records whether it was closed; a writer must leave the caller's stream open. */
  static final class Open extends FilterOutputStream {
    boolean closed;

    Open() {
      super(new ByteArrayOutputStream());
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }

    byte[] bytes() {
      return ((ByteArrayOutputStream) out).toByteArray();
    }
  }

  @Test
  void decisionsTimelinesAndErrorsStreamAsTheirStringsInUtf8AndTheStreamStaysOpen() {
    Decision d = Samples.decisionWithEveryKey();
    Open out = new Open();
    json.writeDecision(d, out);
    assertThat(out.bytes()).isEqualTo(json.writeDecision(d).getBytes(StandardCharsets.UTF_8));
    assertThat(out.closed).isFalse();

    Timeline t = TimelineJsonTest.timeline();
    Open timeline = new Open();
    json.writeTimeline(t, timeline);
    assertThat(timeline.bytes()).isEqualTo(json.writeTimeline(t).getBytes(StandardCharsets.UTF_8));
    assertThat(timeline.closed).isFalse();

    List<RequestError> errors =
        catchThrowableOfType(
                InvalidRequestException.class,
                () -> json.readRequest("{\"asOf\": \"2026-02-30\", \"名\": 1}"))
            .errors();
    Open body = new Open();
    json.writeErrors(errors, body);
    assertThat(body.bytes()).isEqualTo(json.writeErrors(errors).getBytes(StandardCharsets.UTF_8));
    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).contains("名");
  }

  @Test
  void twoDecisionsWrittenToOneStreamFollowEachOther() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Decision d = Samples.decision();
    json.writeDecision(d, out);
    out.write('\n');
    json.writeDecision(d, out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(json.writeDecision(d) + "\n" + json.writeDecision(d));
  }

  @Test
  void aDecisionReadsFromAStreamAsFromItsText() {
    Decision d = Samples.decisionWithEveryKey();
    byte[] bytes = json.writeDecisionPretty(d).getBytes(StandardCharsets.UTF_8);
    assertThat(json.readDecision(new ByteArrayInputStream(bytes))).isEqualTo(d);

    String broken = "{\"requestId\": ";
    List<RequestError> fromText =
        catchThrowableOfType(InvalidDecisionException.class, () -> json.readDecision(broken))
            .errors();
    List<RequestError> fromStream =
        catchThrowableOfType(
                InvalidDecisionException.class,
                () ->
                    json.readDecision(
                        new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))))
            .errors();
    assertThat(fromStream).hasSize(1);
    assertThat(fromStream.get(0).pointer()).isEmpty();
    assertThat(fromStream.get(0).reason()).startsWith("invalid JSON: ");
    assertThat(fromText.get(0).pointer()).isEmpty();
  }

  @Test
  void aStreamThatCannotBeWrittenIsAnUncheckedIoError() {
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    Throwable e =
        catchThrowableOfType(
            java.io.UncheckedIOException.class,
            () -> json.writeDecision(Samples.decision(), failing));
    assertThat(e).hasRootCauseMessage("disk full");
  }
}
