package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.RequestDigest;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.Nights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: {@code evaluate --jsonl} writes bytes (the workers' UTF-8, carried lines never
 * decoded), and those bytes are exactly what the text path writes, for the output and the state.
 */
class BytesBatchTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] AWKWARD_IDS = {
    "", "a\"b\\c", "\u0001\t\n", "税务-\uD83D\uDE00", "</x>", "\u2028\u2029", "é"
  };

  private static CreditRulesEngine engine;
  private static ContractJson json;
  private static String fingerprint;

  @BeforeAll
  static void compile() {
    engine = CreditRulesEngine.fromClasspath();
    json = new ContractJson(engine.model());
    fingerprint = RequestDigest.setup(engine.packs(), json.limits());
  }

  /** Night two's lines with awkward request ids (and one without any), and a blank line. */
  private static String awkward(String night) throws IOException {
    StringBuilder s = new StringBuilder();
    int i = 0;
    for (String line : night.split("\n")) {
      ObjectNode request;
      try {
        request = (ObjectNode) MAPPER.readTree(line);
      } catch (IOException | ClassCastException e) { // the nights' own invalid lines
        s.append(line).append('\n');
        continue;
      }
      if (i % 9 == 8) {
        request.remove("requestId");
      } else {
        request.put("requestId", AWKWARD_IDS[i % AWKWARD_IDS.length] + i);
      }
      s.append(request).append('\n');
      if (i == 3) {
        s.append('\n');
      }
      i++;
    }
    return s.toString();
  }

  @Test
  void bytesAndTextGiveTheSameOutputAndStateWhenCarrying(@TempDir Path dir) throws Exception {
    Nights nights = new Nights(engine.model(), 21, 120, LocalDate.of(2026, 4, 1), 0.05);
    String one = awkward(nights.next());
    String two = awkward(nights.next());

    Path state1 = dir.resolve("state1");
    Path output1 = dir.resolve("output1");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    try (OutputStream state = Files.newOutputStream(state1)) {
      JsonLinesBatch batch =
          new JsonLinesBatch(engine, json, 2, 16, 3, null, false, System::nanoTime);
      batch.incremental(null, state, fingerprint);
      batch.run(in(one), first, null);
    }
    assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo(text(one, null, null));
    Files.write(output1, first.toByteArray());

    // night two, carried: bytes to streams, and text to writers
    Path bytesState = dir.resolve("bytes-state");
    Path textState = dir.resolve("text-state");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesBatch.Summary summary;
    try (PreviousRun previous = PreviousRun.open(state1, output1, fingerprint);
        OutputStream state = Files.newOutputStream(bytesState)) {
      JsonLinesBatch batch =
          new JsonLinesBatch(engine, json, 2, 16, 3, null, false, System::nanoTime);
      batch.incremental(previous, state, fingerprint);
      summary = batch.run(in(two), out, null);
    }
    String text;
    try (PreviousRun previous = PreviousRun.open(state1, output1, fingerprint);
        Writer state = Files.newBufferedWriter(textState, StandardCharsets.UTF_8)) {
      text = text(two, previous, state);
    }
    assertThat(summary.carried()).isGreaterThan(100);
    assertThat(out.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text(two, null, null));
    assertThat(Files.readAllBytes(bytesState)).isEqualTo(Files.readAllBytes(textState));
  }

  private static String text(String input, PreviousRun previous, Writer state) throws Exception {
    StringWriter out = new StringWriter();
    JsonLinesBatch batch =
        new JsonLinesBatch(engine, json, 2, 16, 3, null, false, System::nanoTime);
    if (state != null) {
      batch.incremental(previous, state, fingerprint);
    }
    batch.run(in(input), out, null);
    return out.toString();
  }

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPrintStreamThatFailsStopsTheRun() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    PrintStream out = new PrintStream(broken, false, StandardCharsets.UTF_8);
    JsonLinesBatch batch = new JsonLinesBatch(engine, json, 2, 4, 2, null, false, System::nanoTime);
    assertThatThrownBy(() -> batch.run(in("{}\n{}\n"), out, null))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write the output");
  }

  @Test
  void lineEndsAreFoundEightBytesAtATimeExactly() {
    SplittableRandom random = new SplittableRandom(5);
    byte[] alphabet = {'\n', '\n' + 1, '\n' - 1, (byte) 0x8A, (byte) 0x80, 'a', (byte) 0xE7, 0};
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (bytes[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(PreviousRun.newline(bytes, from, to)).isEqualTo(expected);
    }
  }
}
