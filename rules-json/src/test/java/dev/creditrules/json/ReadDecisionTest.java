package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.RequestError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions read back: the inverse of the writer, old lines without nextChangeOn, every error. */
class ReadDecisionTest {
  private final ContractJson json = Samples.json();

  @Test
  void whatTheWriterWritesReadsBackEqualAndWritesTheSameBytes() {
    for (Decision d : List.of(Samples.decision(), Samples.decisionWithEveryKey())) {
      String compact = json.writeDecision(d);
      Decision read = json.readDecision(compact);
      assertThat(read).isEqualTo(d);
      assertThat(json.writeDecision(read)).isEqualTo(compact);
      assertThat(json.readDecision(json.writeDecisionPretty(d))).isEqualTo(d);
      assertThat(json.trees().readDecision(json.trees().decisionTree(d))).isEqualTo(d);
    }
    assertThat(json.readDecision(json.writeDecision(Samples.decision())).nextChangeOn())
        .isEqualTo(LocalDate.of(2027, 4, 21));
  }

  @Test
  void aDecisionWrittenBeforeNextChangeOnExistedReadsWithNull() {
    ObjectNode old =
        json.trees()
            .decisionTree(
                Samples.decisionWithEveryKey().withNextChangeOn(LocalDate.of(2027, 1, 1)));
    old.remove("nextChangeOn");
    Decision read = json.readDecision(json.trees().write(old));
    assertThat(read.nextChangeOn()).isNull();
    assertThat(read).isEqualTo(Samples.decisionWithEveryKey());
    // written again it carries the key, null: "no later day known to change anything"
    assertThat(json.writeDecision(read)).contains("\"nextChangeOn\":null,\"disputes\":");
  }

  @Test
  void carriedForwardItIsTheSameDecisionOnAnotherDay() {
    Decision d = json.readDecision(json.writeDecision(Samples.decision()));
    Decision later = d.asOf("r-8", LocalDate.of(2027, 4, 20));
    assertThat(later.sameAs(d)).isTrue();
    assertThat(json.writeDecision(later))
        .startsWith("{\"requestId\":\"r-8\",\"asOf\":\"2027-04-20\",")
        .endsWith(",\"nextChangeOn\":\"2027-04-21\"}");
  }

  /** The errors of {@code text}, each with a pointer that resolves in it (unless missing). */
  private List<RequestError> errors(String text) {
    InvalidDecisionException e =
        catchThrowableOfType(InvalidDecisionException.class, () -> json.readDecision(text));
    assertThat(e).as(text).isNotNull();
    for (RequestError error : e.errors()) {
      if (error.value() != null && !error.pointer().isEmpty()) {
        JsonNode tree = SchemaTest.tree(text);
        assertThat(tree.at(error.pointer()).isMissingNode()).as(error.toString()).isFalse();
      }
    }
    assertThat(e.getMessage()).startsWith("not a decision:\n");
    return e.errors();
  }

  private String sample() {
    return json.writeDecision(Samples.decision());
  }

  @Test
  void nextChangeOnMustBeADateAfterAsOf() {
    assertThat(errors(sample().replace("\"2027-04-21\"", "\"2026-11-22\"")))
        .containsExactly(
            new RequestError(
                "/nextChangeOn", "2026-11-22", "nextChangeOn must be after asOf (2026-11-22)"));
    assertThat(errors(sample().replace("\"2027-04-21\"", "\"2025-01-01\"")))
        .extracting(RequestError::pointer)
        .containsExactly("/nextChangeOn");
    assertThat(errors(sample().replace("\"2027-04-21\"", "\"2027-02-30\"")))
        .containsExactly(
            new RequestError("/nextChangeOn", "2027-02-30", "2027-02-30 is not a calendar date"));
    assertThat(errors(sample().replace("\"2027-04-21\"", "20270421")))
        .containsExactly(
            new RequestError(
                "/nextChangeOn", 20270421, "nextChangeOn must be a date string yyyy-MM-dd"));
    assertThat(errors(sample().replace("\"nextChangeOn\"", "\"nextChangeDay\"")))
        .containsExactly(new RequestError("/nextChangeDay", "2027-04-21", "unknown field"));
  }

  @Test
  void everyProblemIsReportedWithItsPointerValueAndReason() {
    String text =
        sample()
            .replace("\"asOf\":\"2026-11-22\",", "")
            .replace("\"group\":\"SUPERVISORY\"", "\"group\":\"SUPERVISION\"")
            .replace("\"status\":\"NEVER\"", "\"status\":\"never\"")
            .replace("\"facts\":[\"f2\",\"f1\"]", "\"facts\":[\"f2\",1]")
            .replace(
                "\"code\":\"COMMITMENT_MISSING\"", "\"code\":\"COMMITMENT_MISSING\",\"extra\":true")
            .replace("\"packs\":[{", "\"packs\":[7,{");
    List<RequestError> errors = errors(text);
    assertThat(errors)
        .extracting(RequestError::pointer)
        .containsExactly(
            "/asOf",
            "/packs/0",
            "/sanctions/0/group",
            "/sanctions/1/facts/1",
            "/repairs/0/unmet/0/extra",
            "/repairs/1/status");
    assertThat(errors.get(0)).isEqualTo(new RequestError("/asOf", null, "asOf is required"));
    assertThat(errors.get(1).reason()).isEqualTo("an item must be a JSON object");
    assertThat(errors.get(2).reason())
        .startsWith("unknown measure group SUPERVISION; expected one of INCENTIVE,");
    assertThat(errors.get(3))
        .isEqualTo(new RequestError("/sanctions/1/facts/1", 1, "a fact id must be a string"));
    assertThat(errors.get(4))
        .isEqualTo(new RequestError("/repairs/0/unmet/0/extra", true, "unknown field"));
    assertThat(errors.get(5).reason())
        .startsWith("unknown repair status never; expected one of REPAIRED,");
  }

  @Test
  void whatIsNotADecisionIsOneErrorForTheWholeDocument() {
    assertThat(errors("{\"requestId\":"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.reason()).startsWith("invalid JSON");
            });
    assertThat(errors("[1]"))
        .containsExactly(new RequestError("", List.of(1), "a decision must be a JSON object"));
    assertThat(errors(sample() + " {}"))
        .singleElement()
        .satisfies(e -> assertThat(e.pointer()).isEmpty());
    assertThat(errors(sample().replace("\"incentives\":[]", "\"incentives\":[],\"incentives\":[]")))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("Duplicate field 'incentives'"));
    assertThat(errors("{}"))
        .extracting(RequestError::pointer)
        .containsExactly(
            "/asOf", "/subject", "/packs", "/incentives", "/sanctions", "/warnings", "/repairs");
    assertThatThrownBy(() -> json.readDecision((String) null))
        .isInstanceOf(NullPointerException.class);
  }
}
