package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteTest {
  private final ContractJson json = Samples.json();

  @Test
  void decisionCompactIsTheContractsShape() {
    String expected =
        Samples.resource("/dev/creditrules/json/expected/decision.compact.json").strip();
    assertThat(json.writeDecision(Samples.decision())).isEqualTo(expected);
    assertThat(expected).doesNotContain("\n");
  }

  @Test
  void decisionPretty() {
    String expected =
        Samples.resource("/dev/creditrules/json/expected/decision.pretty.json").strip();
    String pretty = json.writeDecisionPretty(Samples.decision());
    assertThat(pretty).isEqualTo(expected);
    assertThat(pretty).doesNotContain("\r").doesNotEndWith("\n");
    assertThat(json.trees().write(json.trees().decisionTree(Samples.decision())))
        .isEqualTo(json.writeDecision(Samples.decision()));
  }

  @Test
  void fieldOrderFollowsTheContract() {
    var tree = json.trees().decisionTree(Samples.decision());
    assertThat(iterable(tree.fieldNames()))
        .containsExactly(
            "requestId",
            "asOf",
            "subject",
            "packs",
            "incentives",
            "sanctions",
            "warnings",
            "repairs",
            "nextChangeOn");
    assertThat(tree.get("nextChangeOn").asText()).isEqualTo("2027-04-21");
    assertThat(iterable(tree.get("sanctions").get(0).fieldNames()))
        .containsExactly(
            "measure",
            "name",
            "sector",
            "group",
            "areas",
            "from",
            "until",
            "basis",
            "verified",
            "rule",
            "facts");
    assertThat(iterable(tree.get("repairs").get(0).fieldNames()))
        .containsExactly(
            "fact", "sector", "status", "earliest", "unmet", "route", "basis", "verified", "rule");
    assertThat(tree.get("requestId").isNull()).isTrue();
    assertThat(tree.get("sanctions").get(1).get("until").isNull()).isTrue();
    assertThat(tree.get("repairs").get(1).get("earliest").isNull()).isTrue();
    assertThat(tree.get("repairs").get(1).get("route").isNull()).isTrue();
  }

  @Test
  void nextChangeOnIsOnEveryDecisionNullWhenNoLaterDayChangesAnything() {
    var tree = json.trees().decisionTree(Samples.decisionWithEveryKey());
    assertThat(iterable(tree.fieldNames()))
        .containsExactly(
            "requestId",
            "asOf",
            "subject",
            "packs",
            "incentives",
            "sanctions",
            "warnings",
            "repairs",
            "nextChangeOn",
            "disputes");
    assertThat(tree.get("nextChangeOn").isNull()).isTrue();
    assertThat(json.writeDecision(Samples.decisionWithEveryKey()))
        .contains("\"withdrawnBy\":\"d1\"}],\"nextChangeOn\":null,\"disputes\":[{\"fact\":\"d2\"");
    // a decision made before the engine knew the day: the key is still there, null
    Decision unknown = Samples.decision().withNextChangeOn(null);
    assertThat(json.writeDecision(unknown)).endsWith("],\"nextChangeOn\":null}");
    assertThat(json.writeDecisionPretty(unknown)).endsWith("  ],\n  \"nextChangeOn\": null\n}");
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void outputIsDeterministicAndUtf8() {
    Decision a = Samples.decision();
    Decision b = Samples.decision();
    byte[] first = json.writeDecision(a).getBytes(StandardCharsets.UTF_8);
    byte[] second = Samples.json().writeDecision(b).getBytes(StandardCharsets.UTF_8);
    assertThat(second).isEqualTo(first);
    assertThat(json.writeDecisionPretty(a)).isEqualTo(Samples.json().writeDecisionPretty(b));
    String text = json.writeDecision(a);
    assertThat(text).contains("列入重点监控对象").doesNotContain("\\u");
  }

  @Test
  void requestIdIsEchoed() {
    Decision d = Samples.decision();
    Decision withId =
        new Decision(
            "r-42",
            d.asOf(),
            d.subject(),
            d.packs(),
            d.incentives(),
            d.sanctions(),
            d.warnings(),
            d.repairs());
    assertThat(json.writeDecision(withId))
        .startsWith("{\"requestId\":\"r-42\",\"asOf\":\"2026-11-22\",");
  }

  @Test
  void errorsShape() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", null);
    List<RequestError> errors =
        List.of(
            new RequestError("", null, "invalid JSON"),
            new RequestError("/facts/0/year", 2026, "a grade"),
            new RequestError("/facts/0/published", false, "only MINOR"),
            new RequestError("/facts/0/fine", new BigDecimal("1.50"), "x"),
            new RequestError("/facts/0/x", List.of("a", 1), "y"),
            new RequestError("/facts/0/y", map, "z"),
            new RequestError("/asOf", LocalDate.of(2026, 2, 1), "date"),
            new RequestError("/subject/type", SubjectType.ENTERPRISE, "enum"),
            new RequestError("/facts/1/sector", "food_drug", "sector"),
            new RequestError("/facts/1/big", 99999999999L, "long"));
    assertThat(json.writeErrors(errors))
        .isEqualTo(
            "{\"errors\":["
                + "{\"pointer\":\"\",\"value\":null,\"reason\":\"invalid JSON\"},"
                + "{\"pointer\":\"/facts/0/year\",\"value\":2026,\"reason\":\"a grade\"},"
                + "{\"pointer\":\"/facts/0/published\",\"value\":false,\"reason\":\"only MINOR\"},"
                + "{\"pointer\":\"/facts/0/fine\",\"value\":1.50,\"reason\":\"x\"},"
                + "{\"pointer\":\"/facts/0/x\",\"value\":[\"a\",1],\"reason\":\"y\"},"
                + "{\"pointer\":\"/facts/0/y\",\"value\":{\"b\":1,\"a\":null},\"reason\":\"z\"},"
                + "{\"pointer\":\"/asOf\",\"value\":\"2026-02-01\",\"reason\":\"date\"},"
                + "{\"pointer\":\"/subject/type\",\"value\":\"ENTERPRISE\",\"reason\":\"enum\"},"
                + "{\"pointer\":\"/facts/1/sector\",\"value\":\"food_drug\",\"reason\":\"sector\"},"
                + "{\"pointer\":\"/facts/1/big\",\"value\":99999999999,\"reason\":\"long\"}]}");
  }

  @Test
  void batchErrorLine() {
    List<RequestError> errors = List.of(new RequestError("/asOf", null, "asOf is required"));
    assertThat(json.writeBatchErrors("r1", 3, errors))
        .isEqualTo(
            "{\"requestId\":\"r1\",\"line\":3,\"errors\":[{\"pointer\":\"/asOf\",\"value\":null,"
                + "\"reason\":\"asOf is required\"}]}");
    assertThat(json.writeBatchErrors(null, 1, errors))
        .startsWith("{\"requestId\":null,\"line\":1,");
  }

  @Test
  void errorsOfARealRequestRoundTripThroughTheWriter() {
    String line = "{\"requestId\":\"r9\",\"asOf\":\"2026-11-22\",\"subject\":{}, \"facts\":[]}";
    try {
      json.readRequest(line);
      throw new AssertionError("expected an invalid request");
    } catch (dev.creditrules.api.InvalidRequestException e) {
      assertThat(json.writeBatchErrors(json.requestIdOf(line), 2, e.errors()))
          .isEqualTo(
              "{\"requestId\":\"r9\",\"line\":2,\"errors\":["
                  + "{\"pointer\":\"/subject/id\",\"value\":null,\"reason\":\"id is required\"},"
                  + "{\"pointer\":\"/subject/type\",\"value\":null,\"reason\":\"type is required\"}]}");
    }
  }
}
