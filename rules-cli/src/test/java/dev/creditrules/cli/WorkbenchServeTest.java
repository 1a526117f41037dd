package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.JSON;
import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.get;
import static dev.creditrules.cli.ServeCommandTest.post;
import static dev.creditrules.cli.ServeCommandTest.request;
import static dev.creditrules.cli.ServeCommandTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.runtime.Explainer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the workbench page relies on, over HTTP without a browser: {@code POST /v1/explanations},
 * {@code GET /v1/examples} and the page itself ({@link WorkbenchBrowserTest} drives the page).
 */
class WorkbenchServeTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  private HttpService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.stop();
    }
  }

  HttpService serve() throws Exception {
    service =
        new HttpService(
                ServeCommandTest.engine(),
                null,
                settings(1 << 20, 1 << 20),
                List.of(ServeCommandTest.REQUESTS, PACKS))
            .start();
    return service;
  }

  static String body(String request, String key, String id) {
    return "{\"request\":" + request + ",\"" + key + "\":\"" + id + "\"}";
  }

  @Test
  void anExplanationIsWhatExplainPrintsAsJson() throws Exception {
    HttpService s = serve();
    String request = request("gen-ex-01.json");
    HttpResponse<String> r =
        post(s, HttpService.EXPLANATIONS, "application/json", body(request, "measure", "GEN-S-05"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            ExplainCommand.json(
                Explainer.explain(
                    ServeCommandTest.engine(), JSON.readRequest(request), "GEN-S-05")));
    JsonNode e = MAPPER.readTree(r.body());
    assertThat(e.get("inDecision").asBoolean()).isTrue();
    assertThat(e.at("/outcomes/0/rule").asText())
        .isEqualTo("general@2026.04/general-penalty-publication");
  }

  @Test
  void everyProblemOfAnExplanationBodyIs422WithItsPointer() throws Exception {
    HttpService s = serve();
    String bad = request("gen-ex-01.json").replace("\"2026-05-10\"", "\"2026-02-30\"");
    HttpResponse<String> r =
        post(
            s,
            HttpService.EXPLANATIONS,
            "application/json",
            "{\"request\":" + bad + ",\"measur\":\"GEN-S-05\"}");
    assertThat(r.statusCode()).isEqualTo(422);
    List<String> pointers = new ArrayList<>();
    MAPPER.readTree(r.body()).get("errors").forEach(x -> pointers.add(x.get("pointer").asText()));
    assertThat(pointers).containsExactly("/request/facts/0/decidedOn", "/measur", "/measure");

    HttpResponse<String> both =
        post(
            s,
            HttpService.EXPLANATIONS,
            "application/json",
            "{\"request\":"
                + request("gen-ex-01.json")
                + ",\"measure\":\"GEN-S-05\",\"fact\":\"f1\"}");
    assertThat(both.statusCode()).isEqualTo(422);
    assertThat(MAPPER.readTree(both.body()).at("/errors/0/pointer").asText()).isEqualTo("/fact");

    HttpResponse<String> notJson = post(s, HttpService.EXPLANATIONS, "application/json", "{");
    assertThat(notJson.statusCode()).isEqualTo(422);
    assertThat(MAPPER.readTree(notJson.body()).at("/errors/0/pointer").asText()).isEmpty();
    assertThat(post(s, HttpService.EXPLANATIONS, "text/plain", "{}").statusCode()).isEqualTo(415);
  }

  @Test
  void theRepairEntryOfAFactIsExplainedAsTheCommandLineExplainsIt() throws Exception {
    HttpResponse<String> r =
        post(
            serve(),
            HttpService.EXPLANATIONS,
            "application/json",
            body(request("gen-ex-01.json"), "fact", "f1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode repair = MAPPER.readTree(r.body()).at("/repairs/0");
    assertThat(repair.get("fact").asText()).isEqualTo("f1");
    assertThat(repair.get("status").asText()).isNotEmpty();
    assertThat(repair.get("conditions").size()).isPositive();
  }

  @Test
  void theWorkedExamplesAreTheRequestFilesThenThePacksCases() throws Exception {
    JsonNode x = MAPPER.readTree(get(serve(), HttpService.EXAMPLES).body());
    assertThat(x.get("problems")).isEmpty();
    JsonNode examples = x.get("examples");
    assertThat(examples.get(0).get("name").asText()).isEqualTo("env-ex-03.json");
    assertThat(examples.get(0).get("pack").isNull()).isTrue();
    assertThat(examples.get(0).at("/request/requestId").asText()).isEqualTo("env-ex-03");
    JsonNode lastDay = null;
    for (JsonNode e : examples) {
      if (e.get("name")
          .asText()
          .equals("GEN-EX-01 general penalty, minimum period not over on its last day")) {
        lastDay = e;
      }
    }
    assertThat(lastDay).isNotNull();
    assertThat(lastDay.get("pack").asText()).isEqualTo("general@2026.04");
    assertThat(lastDay.get("source").asText()).isEqualTo("general/2026.04/cases/gen-ex-01.yaml");
    // the case's asOf override is applied
    assertThat(lastDay.at("/request/asOf").asText()).isEqualTo("2026-08-10");
  }

  @Test
  void thePageLoadsNothingFromElsewhere() throws Exception {
    HttpService s = serve();
    for (String path : List.of(HttpService.WORKBENCH, "/")) {
      HttpResponse<String> r = get(s, path);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(r.headers().firstValue("Content-Security-Policy")).contains(Workbench.POLICY);
      assertThat(r.body())
          .contains("<script>", "/v1/explanations", "/v1/timelines")
          .doesNotContain("http://", "https://", "src=", "<link", "@import", "url(");
    }
    JsonNode doc = MAPPER.readTree(get(s, HttpService.OPENAPI).body());
    assertThat(doc.get("paths").has(HttpService.EXPLANATIONS)).isTrue();
    assertThat(doc.get("paths").has(HttpService.EXAMPLES)).isTrue();
    assertThat(doc.get("paths").has(HttpService.WORKBENCH)).isTrue();
  }
}
