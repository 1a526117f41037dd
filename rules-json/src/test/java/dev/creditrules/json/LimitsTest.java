package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each limit of {@link Limits}: its default, the exact pointer and reason when it is exceeded. */
class LimitsTest {
  private static final ContractJson JSON = Samples.json();

  private static final String SUBJECT =
      "\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"}";

  static String penalty(int i) {
    return "{\"id\":\"f"
        + i
        + "\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"environment\",\"decidedOn\":\"2026-05-10\","
        + "\"severity\":\"GENERAL\"}";
  }

  static String request(int facts) {
    StringBuilder b = new StringBuilder("{\"asOf\":\"2026-11-22\",").append(SUBJECT);
    b.append(",\"facts\":[");
    for (int i = 0; i < facts; i++) {
      b.append(i == 0 ? "" : ",").append(penalty(i));
    }
    return b.append("]}").toString();
  }

  static List<RequestError> errors(ContractJson json, String text) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(text));
    assertThat(e).as("expected an invalid request").isNotNull();
    return e.errors();
  }

  static List<RequestError> errors(ContractJson json, InputStream in) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(in));
    assertThat(e).as("expected an invalid request").isNotNull();
    return e.errors();
  }

  static RequestError error(String pointer, String reason) {
    return new RequestError(pointer, null, reason);
  }

  @Test
  void defaultsAreReasonable() {
    assertThat(Limits.DEFAULT).isEqualTo(new Limits(1 << 20, 1000, 1000, 32, 100));
    assertThat(JSON.limits()).isEqualTo(Limits.DEFAULT);
    assertThat(
            ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxFacts(7))
                .limits()
                .maxFacts())
        .isEqualTo(7);
  }

  @Test
  void limitsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> Limits.DEFAULT.withMaxRequestBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestBytes must be 1-2147483631 but was 0");
    assertThatThrownBy(() -> Limits.DEFAULT.withMaxFacts(-1))
        .hasMessage("maxFacts must be 0 or more but was -1");
    assertThatThrownBy(() -> Limits.DEFAULT.withMaxStringLength(0))
        .hasMessage("maxStringLength must be 1 or more but was 0");
    assertThatThrownBy(() -> Limits.DEFAULT.withMaxDepth(0))
        .hasMessage("maxDepth must be 1 or more but was 0");
    assertThatThrownBy(() -> Limits.DEFAULT.withMaxNumberLength(0))
        .hasMessage("maxNumberLength must be 1 or more but was 0");
  }

  // ------------------------------------------------------------------------------ request size

  @Test
  void aRequestOverMaxRequestBytesIsOneErrorForTheWholeDocument() {
    String text = request(1);
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    ContractJson exact =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(size));
    assertThat(exact.readRequest(text).facts()).hasSize(1);
    assertThat(exact.readRequest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(exact.readRequest(text));

    ContractJson tight =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(size - 1));
    RequestError expected =
        error(
            "",
            "the request is larger than the limit of " + (size - 1) + " bytes (maxRequestBytes)");
    assertThat(errors(tight, text)).containsExactly(expected);
    assertThat(errors(tight, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
        .containsExactly(expected);
  }

  @Test
  void requestBytesAreCountedInUtf8() {
    // 300 CJK characters are 900 bytes: over a limit of 600 though only 300 chars long
    String text =
        request(0).replace("\"asOf\"", "\"requestId\":\"" + "信".repeat(300) + "\",\"asOf\"");
    ContractJson json =
        ContractJson.withLimits(
            Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(text.length() + 400));
    assertThat(errors(json, text))
        .containsExactly(
            error(
                "",
                "the request is larger than the limit of "
                    + (text.length() + 400)
                    + " bytes (maxRequestBytes)"));
  }

  @Test
  void theDefaultSizeLimitIsOneMebibyte() {
    String padding = " ".repeat((1 << 20) - request(0).length());
    String atLimit = request(0) + padding;
    assertThat(JSON.readRequest(atLimit).facts()).isEmpty();
    assertThat(errors(JSON, atLimit + " "))
        .containsExactly(
            error("", "the request is larger than the limit of 1048576 bytes (maxRequestBytes)"));
  }

  @Test
  void anEndlessStreamIsReadOnlyUpToTheLimit() {
    InputStream endless =
        new InputStream() {
          long served;

          @Override
          public int read() {
            served++;
            return ' ';
          }
        };
    ContractJson json =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(1000));
    assertThat(errors(json, endless))
        .containsExactly(
            error("", "the request is larger than the limit of 1000 bytes (maxRequestBytes)"));
  }

  // ------------------------------------------------------------------------------ facts

  @Test
  void tooManyFactsPointAtFacts() {
    ContractJson json = ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxFacts(2));
    assertThat(json.readRequest(request(2)).facts()).hasSize(2);
    assertThat(errors(json, request(3)))
        .containsExactly(error("/facts", "facts has 3 items, more than the limit of 2 (maxFacts)"));
  }

  @Test
  void theDefaultIsAThousandFacts() {
    assertThat(JSON.readRequest(request(1000)).facts()).hasSize(1000);
    assertThat(errors(JSON, request(1001)))
        .containsExactly(
            error("/facts", "facts has 1001 items, more than the limit of 1000 (maxFacts)"));
  }

  @Test
  void aLimitErrorComesAloneBeforeAnyOtherProblem() {
    String text = request(1001).replace("2026-11-22", "2026-02-30");
    assertThat(errors(JSON, text)).extracting(RequestError::pointer).containsExactly("/facts");
  }

  // ------------------------------------------------------------------------------ strings

  @Test
  void aLongStringPointsAtItself() {
    String text =
        request(1)
            .replace(
                "\"type\":\"ENTERPRISE\"",
                "\"type\":\"ENTERPRISE\",\"name\":\"" + "x".repeat(1001) + "\"");
    assertThat(errors(JSON, text))
        .containsExactly(
            error(
                "/subject/name",
                "string of 1001 characters is longer than the limit of 1000 characters"
                    + " (maxStringLength)"));
    // exactly at the limit, counted in code points: 1000 emoji are 2000 chars
    String emoji = "😀".repeat(1000);
    assertThat(
            JSON.readRequest(
                    request(1)
                        .replace(
                            "\"type\":\"ENTERPRISE\"",
                            "\"type\":\"ENTERPRISE\",\"name\":\"" + emoji + "\""))
                .subject()
                .name())
        .isEqualTo(emoji);
  }

  @Test
  void longStringsAreReportedWhereverTheyAre() {
    ContractJson json =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxStringLength(5));
    String text =
        "{\"requestId\":\"123456\",\"asOf\":\"2026-11-22\","
            + SUBJECT
            + ",\"facts\":[{\"id\":\"f1\",\"type\":\"ADMIN_PENALTY\",\"kinds\":[\"FINE\",\"abcdef\"]}]}";
    String reason =
        "string of %d characters is longer than the limit of 5 characters (maxStringLength)";
    assertThat(errors(json, text))
        .containsExactly(
            error("/requestId", reason.formatted(6)),
            error("/asOf", reason.formatted(10)),
            error("/subject/id", reason.formatted(18)),
            error("/subject/type", reason.formatted(10)),
            error("/facts/0/type", reason.formatted(13)),
            error("/facts/0/kinds/1", reason.formatted(6)));
  }

  @Test
  void aLongFieldNamePointsAtTheField() {
    String name = "n".repeat(1001);
    String text = request(1).replace("\"severity\"", "\"" + name + "\":1,\"severity\"");
    assertThat(errors(JSON, text))
        .containsExactly(
            error(
                "/facts/0/" + name,
                "field name of 1001 characters is longer than the limit of 1000 characters"
                    + " (maxStringLength)"));
  }

  @Test
  void aHugeFieldNameIsRefusedWhileParsing() {
    String text = request(1).replace("\"severity\"", "\"" + "n".repeat(4001) + "\":1,\"severity\"");
    assertThat(errors(JSON, text))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.value()).isNull();
              assertThat(e.reason())
                  .startsWith(
                      "a field name is longer than the limit of 1000 characters (maxStringLength)");
            });
  }

  @Test
  void requestIdOfIgnoresAnOversizedId() {
    assertThat(JSON.requestIdOf("{\"requestId\":\"" + "r".repeat(1000) + "\"}")).hasSize(1000);
    assertThat(JSON.requestIdOf("{\"requestId\":\"" + "r".repeat(1001) + "\"}")).isNull();
    assertThat(JSON.requestIdOf(request(0) + " ".repeat(1 << 20))).isNull();
  }

  // ------------------------------------------------------------------------------ depth

  static String nested(int depth) {
    // the request is level 1; an unknown field holds depth - 1 more levels
    return "{\"x\":"
        + "[".repeat(depth - 1)
        + "]".repeat(depth - 1)
        + ",\"asOf\":\"2026-11-22\","
        + SUBJECT
        + ",\"facts\":[]}";
  }

  @Test
  void deepNestingIsRefusedWhileParsing() {
    assertThat(errors(JSON, nested(32)))
        .extracting(RequestError::pointer, RequestError::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/x", "unknown field"));
    assertThat(errors(JSON, nested(33)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.value()).isNull();
              assertThat(e.reason())
                  .isEqualTo("the request is nested deeper than the limit of 32 levels (maxDepth)");
            });
    // 100,000 levels: no stack overflow
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(errors(JSON, deep))
        .singleElement()
        .satisfies(e -> assertThat(e.pointer()).isEmpty());
  }

  @Test
  void aDeepTreeHandedInPointsAtTheFirstLevelTooDeep() {
    ObjectNode root = (ObjectNode) JSON.trees().requestTree(JSON.readRequest(request(0)));
    ArrayNode array = root.putArray("x");
    for (int i = 0; i < 100_000; i++) { // deeper than any recursion could go
      array = array.addArray();
    }
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> JSON.trees().readRequest(root));
    assertThat(e.errors())
        .containsExactly(
            error("/x" + "/0".repeat(31), "nested deeper than the limit of 32 levels (maxDepth)"));
  }

  // ------------------------------------------------------------------------------ numbers

  @Test
  void aLongNumberPointsAtItself() {
    String digits = "1" + "0".repeat(100);
    String text = request(1).replace("\"severity\"", "\"fine\":" + digits + ",\"severity\"");
    assertThat(errors(JSON, text))
        .containsExactly(
            error(
                "/facts/0/fine",
                "number of 101 characters written out is longer than the limit of 100"
                    + " (maxNumberLength)"));
    String ok = request(1).replace("\"severity\"", "\"fine\":" + "9".repeat(100) + ",\"severity\"");
    assertThat(JSON.readRequest(ok).facts()).hasSize(1);
  }

  @Test
  void anExponentCountsAsTheDigitsItStandsFor() {
    String text = request(1).replace("\"severity\"", "\"fine\":1e999999999,\"severity\"");
    assertThat(errors(JSON, text))
        .containsExactly(
            error(
                "/facts/0/fine",
                "number of 1000000000 characters written out is longer than the limit of 100"
                    + " (maxNumberLength)"));
    String small = request(1).replace("\"severity\"", "\"fine\":-1e-200,\"severity\"");
    assertThat(errors(JSON, small))
        .containsExactly(
            error(
                "/facts/0/fine",
                "number of 203 characters written out is longer than the limit of 100"
                    + " (maxNumberLength)"));
    Request r = JSON.readRequest(request(1).replace("\"severity\"", "\"fine\":1.5e3,\"severity\""));
    assertThat(JSON.writeRequest(r)).contains("\"fine\":1500");
  }

  @Test
  void aNumberLongerThanTheParserAcceptsIsOneErrorForTheWholeDocument() {
    String text =
        request(1).replace("\"severity\"", "\"fine\":" + "7".repeat(5000) + ",\"severity\"");
    assertThat(errors(JSON, text))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.reason())
                  .startsWith(
                      "a number is longer than the parser's limit of 1000 characters"
                          + " (maxNumberLength is 100)");
            });
  }

  // ------------------------------------------------------------------------------ together

  @Test
  void everyExceededLimitIsReportedInContractOrder() {
    ContractJson json =
        ContractJson.withLimits(
            Samples.MODEL, Limits.DEFAULT.withMaxFacts(1).withMaxStringLength(20));
    String text =
        "{\"facts\":[{},{}],\"requestId\":\""
            + "r".repeat(21)
            + "\",\"asOf\":\"2026-11-22\","
            + SUBJECT
            + ",\"areas\":[\""
            + "A".repeat(25)
            + "\"]}";
    assertThat(errors(json, text))
        .containsExactly(
            error(
                "/requestId",
                "string of 21 characters is longer than the limit of 20 characters (maxStringLength)"),
            error(
                "/areas/0",
                "string of 25 characters is longer than the limit of 20 characters (maxStringLength)"),
            error("/facts", "facts has 2 items, more than the limit of 1 (maxFacts)"));
  }
}
