package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timelines written as JSON (and their schema), and timeline request bodies read with pointers. */
class TimelineJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCHEMA_BASE = "https://creditrules.dev/schema/v1/";

  /** The timeline schema, its references to the decision schema read from the class path. */
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              b ->
                  b.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:dev/creditrules/json/")))
          .getSchema(SchemaLocation.of(SCHEMA_BASE + "timeline.schema.json"));

  private final ContractJson json = Samples.json();

  /**
   * The sample decision, then: a dispute opens against f2 (its sanction marked), TAX-S-05 ends,
   * GEN-S-05 starts, the repair entry of f2 becomes eligible.
   */
  static Timeline timeline() {
    Decision start = Samples.decision().withNextChangeOn(LocalDate.of(2027, 1, 5));
    Outcome tax = start.sanctions().get(0);
    Outcome open = start.sanctions().get(1);
    OpenDispute dispute =
        new OpenDispute(
            "d1",
            "f2",
            "OBJECTION",
            LocalDate.of(2027, 1, 5),
            null,
            false,
            List.of(),
            false,
            "objection@2013.03/answer");
    Decision disputed =
        new Decision(
            null,
            LocalDate.of(2027, 1, 5),
            start.subject(),
            start.packs(),
            List.of(),
            List.of(tax, open.markDisputed()),
            List.of(),
            start.repairs(),
            LocalDate.of(2027, 4, 21),
            List.of(dispute));
    Outcome publication =
        new Outcome(
            "GEN-S-05",
            tax.name(),
            "general",
            tax.group(),
            List.of(),
            LocalDate.of(2027, 4, 21),
            LocalDate.of(2030, 4, 20),
            List.of(),
            true,
            "general@2026.04/publication",
            List.of("f2"));
    Repair eligible = start.repairs().get(0);
    eligible =
        new Repair(
            eligible.fact(),
            eligible.sector(),
            RepairStatus.ELIGIBLE,
            eligible.earliest(),
            List.of(),
            eligible.route(),
            eligible.basis(),
            eligible.verified(),
            eligible.rule());
    Decision later =
        new Decision(
            null,
            LocalDate.of(2027, 4, 21),
            start.subject(),
            start.packs(),
            List.of(),
            List.of(open, publication),
            List.of(),
            List.of(eligible, start.repairs().get(1)),
            LocalDate.of(2030, 4, 21),
            null);
    return new Timeline(
        LocalDate.of(2029, 11, 22),
        start,
        List.of(ChangePoint.between(start, disputed), ChangePoint.between(disputed, later)),
        LocalDate.of(2030, 4, 21),
        false);
  }

  static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTimelineIsValidAgainstItsSchemaAndItsDecisionsAreWrittenAsDecisions() {
    Timeline t = timeline();
    String text = json.writeTimeline(t);
    JsonNode written = tree(text);
    assertThat(SCHEMA.validate(written)).isEmpty();

    List<String> fields = new ArrayList<>();
    written.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "requestId",
            "asOf",
            "until",
            "subject",
            "start",
            "changes",
            "nextChangeOn",
            "truncated");
    assertThat(written.get("asOf").asText()).isEqualTo("2026-11-22");
    assertThat(written.get("until").asText()).isEqualTo("2029-11-22");
    assertThat(written.get("nextChangeOn").asText()).isEqualTo("2030-04-21");
    assertThat(written.get("truncated").asBoolean()).isFalse();
    assertThat(written.get("start")).isEqualTo(tree(json.writeDecision(t.start())));
    JsonNode first = written.at("/changes/0");
    assertThat(first.get("on").asText()).isEqualTo("2027-01-05");
    assertThat(first.at("/disputes/0/change").asText()).isEqualTo("OPENED");
    assertThat(first.at("/disputes/0/before").isNull()).isTrue();
    assertThat(first.at("/changed/0/after/disputed").asBoolean()).isTrue();
    assertThat(first.get("decision"))
        .isEqualTo(tree(json.writeDecision(t.changes().get(0).decision())));
    JsonNode second = written.at("/changes/1");
    assertThat(second.at("/ended/0/measure").asText()).isEqualTo("TAX-S-05");
    assertThat(second.at("/started/0/measure").asText()).isEqualTo("GEN-S-05");
    assertThat(second.at("/repairs/0/before/status").asText()).isEqualTo("NOT_YET");
    assertThat(second.at("/repairs/0/after/status").asText()).isEqualTo("ELIGIBLE");
    assertThat(second.at("/disputes/0/change").asText()).isEqualTo("CLOSED");
    assertThat(second.at("/disputes/0/after").isNull()).isTrue();

    // one writer: compact, pretty and tree say the same, and again the same bytes
    assertThat(tree(json.writeTimelinePretty(t))).isEqualTo(written);
    assertThat(json.trees().timelineTree(t)).isEqualTo(written);
    assertThat(json.writeTimelinePretty(t)).contains("\n  \"start\": {");
    assertThat(json.writeTimeline(t)).isEqualTo(text);
  }

  @Test
  void theSchemaRefusesWhatIsNotATimeline() {
    ObjectNode missing = (ObjectNode) tree(json.writeTimeline(timeline()));
    missing.remove("changes");
    assertThat(SCHEMA.validate(missing)).isNotEmpty();
    ObjectNode badChange = (ObjectNode) tree(json.writeTimeline(timeline()));
    ((ObjectNode) badChange.at("/changes/0/disputes/0")).put("change", "REOPENED");
    assertThat(SCHEMA.validate(badChange)).isNotEmpty();
    ObjectNode badDecision = (ObjectNode) tree(json.writeTimeline(timeline()));
    ((ObjectNode) badDecision.at("/changes/1/decision")).put("asOf", "tomorrow");
    assertThat(SCHEMA.validate(badDecision)).isNotEmpty();
  }

  // ------------------------------------------------------------------------------ the body

  static String body(String request, String until) {
    return "{\"request\": " + request + ", \"until\": " + until + "}";
  }

  List<String> pointers(String body) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readTimelineRequest(body));
    assertThat(e).as(body).isNotNull();
    return e.errors().stream().map(RequestError::pointer).toList();
  }

  @Test
  void readsTheRequestAndUntil() {
    String request = Samples.request("contract-example.json");
    TimelineRequest t = json.readTimelineRequest(body(request, "\"2029-11-22\""));
    Request expected = json.readRequest(request);
    assertThat(t.request()).isEqualTo(expected);
    assertThat(t.until()).isEqualTo(LocalDate.of(2029, 11, 22));
    TimelineRequest fromBytes =
        json.readTimelineRequest(
            new ByteArrayInputStream(
                body(request, "\"2029-11-22\"").getBytes(StandardCharsets.UTF_8)));
    assertThat(fromBytes).isEqualTo(t);
    // until may be asOf itself
    String asOf = expected.asOf().toString();
    assertThat(json.readTimelineRequest(body(request, "\"" + asOf + "\"")).until())
        .isEqualTo(expected.asOf());
  }

  @Test
  void everyProblemOfTheBodyAndItsRequestHasItsPointer() {
    String request =
        Samples.request("contract-example.json")
            .replace("\"asOf\": \"2026-11-22\"", "\"asOf\": \"2026-02-30\"");
    assertThat(request).contains("2026-02-30");
    assertThat(pointers("{\"extra\": 1, " + body(request, "\"2029-13-01\"").substring(1)))
        .containsExactly("/request/asOf", "/until", "/extra");

    assertThat(pointers("{}")).containsExactly("/request", "/until");
    assertThat(pointers(body("[1]", "20291122"))).containsExactly("/request", "/until");
    assertThat(pointers("[1, 2]")).containsExactly("");
    assertThat(pointers("{\"request\": ")).containsExactly("");
    assertThat(pointers("")).containsExactly("");
  }

  @Test
  void untilBeforeAsOfNamesUntilItsValueAndTheAsOf() {
    String request = Samples.request("contract-example.json");
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> json.readTimelineRequest(body(request, "\"2026-11-21\"")));
    assertThat(e.errors())
        .containsExactly(
            new RequestError(
                "/until", "2026-11-21", "until must not be before the request's asOf 2026-11-22"));
    assertThat(json.writeErrors(e.errors())).contains("\"pointer\":\"/until\"");
  }

  @Test
  void theRequestsFactsErrorsKeepTheirPlaceUnderRequest() {
    String request =
        Samples.request("contract-example.json").replace("\"decidedOn\"", "\"decidedOnn\"");
    List<String> found = pointers(body(request, "\"2029-11-22\""));
    assertThat(found).isNotEmpty().allMatch(p -> p.startsWith("/request/facts/"));
    InvalidRequestException direct =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(request));
    assertThat(found)
        .isEqualTo(direct.errors().stream().map(e -> "/request" + e.pointer()).toList());
  }

  @Test
  void theBodyIsReadWithinTheLimits() {
    ContractJson small =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(200));
    String request = Samples.request("contract-example.json");
    assertThat(request.length()).isGreaterThan(200);
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> small.readTimelineRequest(body(request, "\"2029-11-22\"")));
    assertThat(e.errors()).singleElement().satisfies(x -> assertThat(x.pointer()).isEmpty());
  }
}
