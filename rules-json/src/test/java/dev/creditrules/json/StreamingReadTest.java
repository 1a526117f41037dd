package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader ({@link RequestStream}) against the tree reader it stands in for: every
 * request gives the same {@link Request}, or the same {@link InvalidRequestException} errors
 * (pointers, values, reasons, order), by every entry point (text, stream, UTF-8 bytes). Valid
 * requests take the streaming path (else it would be tested for nothing); anything unusual falls
 * back to the tree reader.
 */
class StreamingReadTest {
  private static final ContractJson JSON = Samples.json();

  /** Reads and writes the requests to mutate: no limits of its own ({@link Samples#UNLIMITED}). */
  private static final ObjectMapper REFERENCE = Samples.UNLIMITED;

  /** The shipped examples ({@code examples/requests}). */
  static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../examples/requests"))) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(Files.readString(f));
      }
      return out;
    }
  }

  /**
   * Lines of {@code bin/credit-rules generate} (rules-testkit's generator, which this module cannot
   * depend on): 40 lines of seed 7 and 40 of seed 8 with every fifth line invalid.
   */
  static List<String> generated() {
    return Samples.resource("/dev/creditrules/json/generated.jsonl").lines().toList();
  }

  /** Every way of reading {@code text} gives what the tree reader gives. */
  static void assertSameAsTree(ContractJson json, String text) {
    Object expected = outcome(() -> json.readRequestTree(text));
    assertThat(outcome(() -> json.readRequest(text))).as("text of %s", text).isEqualTo(expected);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (new String(utf8, StandardCharsets.UTF_8).equals(text)) {
      byte[] framed = new byte[utf8.length + 7];
      System.arraycopy(utf8, 0, framed, 3, utf8.length);
      assertThat(outcome(() -> json.readRequest(framed, 3, utf8.length)))
          .as("UTF-8 bytes of %s", text)
          .isEqualTo(expected);
      assertThat(outcome(() -> json.readRequest(new ByteArrayInputStream(utf8))))
          .as("stream of %s", text)
          .isEqualTo(outcome(() -> json.readRequestTree(new ByteArrayInputStream(utf8))));
    }
  }

  /** The request read, or the errors of the exception. */
  static Object outcome(java.util.function.Supplier<Request> read) {
    try {
      return read.get();
    } catch (InvalidRequestException e) {
      return e.errors();
    }
  }

  @Test
  void examplesAndSamplesAreReadByTheStreamingPath() throws IOException {
    List<String> valid = new ArrayList<>(examples());
    Samples.REQUESTS.forEach(name -> valid.add(Samples.request(name)));
    for (String text : valid) {
      assertThat(JSON.readRequestStreamed(text)).as(text).isEqualTo(JSON.readRequestTree(text));
      assertSameAsTree(JSON, text);
    }
  }

  @Test
  void generatedRequestsAgreeAndTheValidOnesAreStreamed() {
    int streamed = 0;
    int invalid = 0;
    for (String line : generated()) {
      assertSameAsTree(JSON, line);
      Object tree = outcome(() -> JSON.readRequestTree(line));
      if (tree instanceof Request r) {
        assertThat(JSON.readRequestStreamed(line)).isEqualTo(r);
        streamed++;
      } else {
        assertThat(JSON.readRequestStreamed(line)).isNull();
        invalid++;
      }
    }
    assertThat(streamed).isGreaterThan(60);
    assertThat(invalid).isGreaterThan(3);
  }

  @Test
  void unusualInputFallsBackToTheTreeReadersErrors() {
    String base = Samples.request("contract-example.json");
    ObjectNode root = (ObjectNode) ContractFuzzTest.tree(base);
    String subject = root.get("subject").toString();
    String facts = root.get("facts").toString();
    String fact = root.get("facts").get(0).toString();
    String head = "{\"asOf\":\"2026-04-20\",\"subject\":" + subject + ",\"facts\":";
    List<String> texts =
        List.of(
            // duplicates at each level
            "{\"asOf\":\"2026-04-20\",\"asOf\":\"2026-04-20\",\"subject\":"
                + subject
                + ",\"facts\":[]}",
            head + "[" + fact.replaceFirst("\\{", "{\"id\":\"x\",") + "]}",
            "{\"asOf\":\"2026-04-20\",\"subject\":"
                + subject.replaceFirst("\\{", "{\"name\":null,\"name\":\"a\",")
                + ",\"facts\":[]}",
            // nulls where values are optional and required
            head + facts + ",\"requestId\":null,\"areas\":null}",
            head + "null}",
            "{\"asOf\":null,\"subject\":" + subject + ",\"facts\":[]}",
            head + "[" + fact.replaceFirst("\\{", "{\"authority\":null,") + "]}",
            head + "[" + fact.replaceFirst("\\{", "{\"documentNo\":12,") + "]}",
            head + "[null]}",
            head + "[[]]}",
            head + "[" + fact.replaceFirst("\\{", "{\"nested\":{\"a\":1},") + "]}",
            // trailing content, not an object, empty
            head + "[]} {}",
            head + "[]}]",
            "[]",
            "",
            "  ",
            "\"text\"",
            // unknown fields, areas
            head + "[],\"extra\":1}",
            head + "[],\"areas\":[]}",
            head + "[],\"areas\":[\"NOPE\"]}",
            head + "[],\"areas\":[1]}",
            head + "[],\"areas\":\"INSPECTION\"}",
            // numbers
            head + "[],\"requestId\":1e999999}",
            head + "[],\"requestId\":-0.0}",
            // awkward unicode: astral, escaped surrogates, lone surrogates
            head + "[],\"requestId\":\"\uD83D\uDE00 \\uD83D\\uDE00 é\"}",
            head + "[],\"requestId\":\"\\uD800\"}",
            head + "[],\"requestId\":\"\uD800\"}",
            "\uFEFF" + head + "[]}");
    for (String text : texts) {
      assertSameAsTree(JSON, text);
    }
  }

  @Test
  void limitsHoldOnTheStreamingPath() throws IOException {
    List<String> texts = new ArrayList<>(examples());
    Samples.REQUESTS.forEach(name -> texts.add(Samples.request(name)));
    texts.addAll(generated().subList(0, 20));
    Limits d = Limits.DEFAULT;
    List<Limits> limits =
        List.of(
            d.withMaxFacts(0),
            d.withMaxFacts(1),
            d.withMaxFacts(3),
            d.withMaxStringLength(1),
            d.withMaxStringLength(10),
            d.withMaxStringLength(18),
            d.withMaxDepth(1),
            d.withMaxDepth(2),
            d.withMaxDepth(3),
            d.withMaxDepth(4),
            d.withMaxNumberLength(1),
            d.withMaxNumberLength(3),
            d.withMaxRequestBytes(200),
            d.withMaxRequestBytes(2_000));
    for (Limits l : limits) {
      ContractJson json = ContractJson.withLimits(Samples.MODEL, l);
      for (String text : texts) {
        assertSameAsTree(json, text);
      }
    }
  }

  @Property(tries = 400)
  void mutatedRequestsAgree(
      @ForAll("bases") String base, @ForAll("mutations") List<ContractFuzzTest.Mutation> mutations)
      throws Exception {
    ObjectNode root = (ObjectNode) REFERENCE.readTree(base);
    List<String> raw = new ArrayList<>();
    for (ContractFuzzTest.Mutation m : mutations) {
      m.apply(root, raw);
    }
    String text = REFERENCE.writeValueAsString(root);
    for (int i = 0; i < raw.size(); i++) {
      text = text.replace("\"" + ContractFuzzTest.placeholder(i) + "\"", raw.get(i));
    }
    assertSameAsTree(JSON, text);
  }

  @Provide
  Arbitrary<String> bases() {
    List<String> bases = new ArrayList<>();
    Samples.REQUESTS.forEach(name -> bases.add(Samples.request(name)));
    generated().stream().limit(30).forEach(bases::add);
    return net.jqwik.api.Arbitraries.of(bases);
  }

  @Provide
  Arbitrary<List<ContractFuzzTest.Mutation>> mutations() {
    return new ContractFuzzTest().mutations();
  }

  @Test
  void theTreePathHelpersAreTheUsualOnes() {
    // readRequestTree is what readRequest did before the streaming path: same errors for bad JSON
    Throwable e = catchThrowable(() -> JSON.readRequestTree("{"));
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(outcome(() -> JSON.readRequest("{")))
        .isEqualTo(outcome(() -> JSON.readRequestTree("{")));
  }
}
