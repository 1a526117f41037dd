package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.assertJsonError;
import static dev.creditrules.cli.ServeCommandTest.get;
import static dev.creditrules.cli.ServeCommandTest.post;
import static dev.creditrules.cli.ServeCommandTest.request;
import static dev.creditrules.cli.ServeCommandTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.TimelineRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/timelines} through a real HTTP client, on the shipped packs. The service decides
 * with {@link DailyNextChange}, so that the timelines have change points whatever the engine's own
 * {@code nextChangeOn} does yet.
 */
class TimelineServeTest {
  static final CreditRules RULES = new DailyNextChange(ServeCommandTest.engine(), 1200);
  static final ContractJson JSON = ServeCommandTest.JSON;

  private final List<HttpService> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(HttpService::stop);
  }

  HttpService serve(CreditRules rules, HttpService.Settings settings) throws IOException {
    HttpService s = new HttpService(rules, null, settings).start();
    started.add(s);
    return s;
  }

  HttpService serve() throws IOException {
    return serve(RULES, settings(1 << 20, 1 << 20));
  }

  static String body(String request, String until) {
    return "{\"request\":" + request + ",\"until\":\"" + until + "\"}";
  }

  /** What the library itself writes for {@code body}. */
  static String expected(String body) {
    TimelineRequest t = JSON.readTimelineRequest(body);
    return JSON.writeTimeline(RULES.timeline(t.request(), t.until()));
  }

  @Test
  void aTimelineIsTheLibrarysBytesWithItsChangePoints() throws Exception {
    HttpService s = serve();
    String body = body(request("gen-ex-01.json"), "2029-08-11");
    HttpResponse<String> r = post(s, HttpService.TIMELINES, "application/json", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(HttpService.JSON_TYPE);
    assertThat(r.body()).isEqualTo(expected(body));
    JsonNode t = MAPPER.readTree(r.body());
    assertThat(TimelineCommandTest.SCHEMA.validate(t)).isEmpty();
    // the penalty's publication ends after 2027-05-10, and its repair entry expires with it
    JsonNode first = t.at("/changes/0");
    assertThat(first.get("on").asText()).isEqualTo("2027-05-11");
    assertThat(first.at("/ended/0/measure").asText()).isEqualTo("GEN-S-05");
    assertThat(first.at("/ended/0/until").asText()).isEqualTo("2027-05-10");
    assertThat(first.at("/repairs/0/before/status").asText()).isEqualTo("ELIGIBLE");
    assertThat(first.at("/repairs/0/after/status").asText()).isEqualTo("EXPIRED");
    assertThat(first.at("/decision/asOf").asText()).isEqualTo("2027-05-11");
    assertThat(t.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void everyProblemOfTheBodyIs422WithItsPointer() throws Exception {
    HttpService s = serve();
    String badRequest =
        request("tax-ex-01.json").replace("91110108MA01TAX03C", "91110108MA01TAX03D");
    HttpResponse<String> r =
        post(s, HttpService.TIMELINES, "application/json", body(badRequest, "2029-13-01"));
    assertThat(r.statusCode()).isEqualTo(422);
    List<String> pointers = new ArrayList<>();
    MAPPER.readTree(r.body()).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
    assertThat(pointers).containsExactly("/request/subject/id", "/until");
    // the same bytes as the library's error object
    InvalidRequestException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidRequestException.class,
            () -> JSON.readTimelineRequest(body(badRequest, "2029-13-01")));
    assertThat(r.body()).isEqualTo(JSON.writeErrors(e.errors()));

    HttpResponse<String> before =
        post(
            s,
            HttpService.TIMELINES,
            "application/json",
            body(request("tax-ex-01.json"), "2020-01-01"));
    assertThat(before.statusCode()).isEqualTo(422);
    JsonNode error = MAPPER.readTree(before.body()).at("/errors/0");
    assertThat(error.get("pointer").asText()).isEqualTo("/until");
    assertThat(error.get("value").asText()).isEqualTo("2020-01-01");
    assertThat(error.get("reason").asText())
        .startsWith("until must not be before the request's asOf");

    HttpResponse<String> bare =
        post(s, HttpService.TIMELINES, "application/json", request("tax-ex-01.json"));
    assertThat(bare.statusCode()).isEqualTo(422);
    assertThat(bare.body()).contains("\"pointer\":\"/request\"", "\"pointer\":\"/until\"");
    for (String notJson : List.of("not json", "", "[1]")) {
      assertJsonError(post(s, HttpService.TIMELINES, "application/json", notJson), 422);
    }
  }

  @Test
  void wrongMethodTypeAndSizeAreJsonErrors() throws Exception {
    HttpService s = serve(RULES, settings(3000, 3000));
    HttpResponse<String> wrong = get(s, HttpService.TIMELINES);
    assertJsonError(wrong, 405);
    assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    String body = body(request("tax-ex-01.json"), "2027-01-01");
    assertJsonError(post(s, HttpService.TIMELINES, "text/plain", body), 415);
    assertJsonError(post(s, HttpService.TIMELINES, "application/x-ndjson", body), 415);
    assertJsonError(
        post(s, HttpService.TIMELINES, "application/json; charset=ISO-8859-1", body), 415);
    String big =
        body(
            request("tax-ex-01.json").replace("\"tax-ex-01\"", "\"" + "x".repeat(3000) + "\""),
            "2027-01-01");
    HttpResponse<String> tooLarge = post(s, HttpService.TIMELINES, "application/json", big);
    assertJsonError(tooLarge, 413);
    assertThat(MAPPER.readTree(tooLarge.body()).at("/errors/0/reason").asText()).contains("3000");
    // still answering
    assertThat(post(s, HttpService.TIMELINES, "application/json", body).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anEngineThatBreaksTheContractIs500WithoutInternals() throws Exception {
    CreditRules stuck =
        new CreditRules() {
          @Override
          public Decision decide(Request request) {
            // a nextChangeOn that does not move forward would loop forever
            return ServeCommandTest.engine().decide(request).withNextChangeOn(request.asOf());
          }

          @Override
          public List<PackRef> packs() {
            return ServeCommandTest.engine().packs();
          }

          @Override
          public FactModel model() {
            return ServeCommandTest.engine().model();
          }
        };
    HttpService s = serve(stuck, settings(1 << 20, 1 << 20));
    HttpResponse<String> r =
        post(
            s,
            HttpService.TIMELINES,
            "application/json",
            body(request("tax-ex-01.json"), "2030-01-01"));
    assertJsonError(r, 500);
    assertThat(r.body())
        .contains("internal error; incident ")
        .doesNotContain("nextChangeOn", "IllegalState", "91110108MA01TAX03C");
  }

  @Test
  void theOpenApiDocumentAndTheSchemaDescribeIt() throws Exception {
    HttpService s = serve();
    JsonNode doc = MAPPER.readTree(get(s, HttpService.OPENAPI).body());
    JsonNode post = doc.at("/paths/~1v1~1timelines/post");
    assertThat(post.isMissingNode()).isFalse();
    assertThat(post.get("responses").has("422")).isTrue();
    assertThat(post.at("/requestBody/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/TimelineRequest");
    assertThat(post.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("schemas/timeline.schema.json#/$defs/timeline");
    assertThat(doc.at("/components/schemas/TimelineRequest/required").toString())
        .isEqualTo("[\"request\",\"until\"]");

    HttpResponse<String> schema = get(s, HttpService.TIMELINE_SCHEMA);
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.body())
        .isEqualTo(
            new String(
                ContractJson.class.getResourceAsStream(ContractJson.TIMELINE_SCHEMA).readAllBytes(),
                StandardCharsets.UTF_8));
    // the decision schema its references name is served beside it
    assertThat(
            MAPPER
                .readTree(schema.body())
                .at("/$defs/changePoint/properties/decision/$ref")
                .asText())
        .startsWith("decision.schema.json#");
    assertThat(get(s, HttpService.DECISION_SCHEMA).statusCode()).isEqualTo(200);
  }
}
