package dev.creditrules.json;

import static dev.creditrules.json.Samples.fact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadRequestTest {
  private final ContractJson json = Samples.json();

  static List<String> samples() {
    return Samples.REQUESTS;
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleParsesAndRoundTrips(String name) {
    Request request = json.readRequest(Samples.request(name));
    String written = json.writeRequest(request);
    assertThat(json.readRequest(written)).isEqualTo(request);
    assertThat(json.writeRequest(json.readRequest(written))).isEqualTo(written);
    assertThat(json.readRequest(json.writeRequestPretty(request))).isEqualTo(request);
    assertThat(json.readRequest(json.trees().requestTree(request))).isEqualTo(request);
  }

  @Test
  void samplesCoverEveryFactType() {
    Set<String> seen =
        Samples.REQUESTS.stream()
            .flatMap(n -> json.readRequest(Samples.request(n)).facts().stream())
            .map(Fact::type)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(Samples.MODEL.typeNames());
  }

  @Test
  void contractExample() {
    Request request = json.readRequest(Samples.request("contract-example.json"));
    assertThat(request.requestId()).isEqualTo("optional caller id, echoed back");
    assertThat(request.asOf()).isEqualTo(LocalDate.of(2026, 11, 22));
    assertThat(request.subject())
        .isEqualTo(
            new Subject(
                "91110108MA01TAX03C",
                SubjectType.ENTERPRISE,
                "北京某科技有限公司",
                "110108",
                LocalDate.of(2019, 3, 1)));
    assertThat(request.areas()).isNull();
    assertThat(request.facts())
        .containsExactly(
            fact(
                "TAX_GRADE",
                "f1",
                "year",
                2025,
                "grade",
                "D",
                "publishedOn",
                LocalDate.of(2026, 4, 20),
                "directReason",
                3),
            fact(
                "ADMIN_PENALTY",
                "f2",
                "sector",
                "environment",
                "decidedOn",
                LocalDate.of(2026, 5, 10),
                "severity",
                "GENERAL",
                "kinds",
                List.of("FINE"),
                "fine",
                new BigDecimal("50000"),
                "fulfilledOn",
                LocalDate.of(2026, 5, 20)));
    // values in declaration order, whatever the order of the JSON
    assertThat(request.facts().get(0).values().keySet())
        .containsExactly("year", "grade", "publishedOn", "directReason");
  }

  @Test
  void commonFieldsComeLastAndOnlyWhenGiven() {
    Request request = json.readRequest(Samples.request("every-fact-type.json"));
    Fact p1 = request.facts().get(0);
    assertThat(p1.values().keySet())
        .containsExactly(
            "sector", "decidedOn", "severity", "kinds", "published", "authority", "documentNo");
    assertThat(p1.authority()).isEqualTo("深圳市市场监督管理局");
    assertThat(request.facts().get(1).values()).doesNotContainKeys("authority", "documentNo");
  }

  @Test
  void defaultsAndNulls() {
    Request request = json.readRequest(Samples.request("natural-person.json"));
    assertThat(request.subject().id()).isEqualTo("11010519491231002X");
    assertThat(request.subject().name()).isNull();
    assertThat(request.facts().get(0))
        .isEqualTo(
            fact(
                "RESEARCH_MISCONDUCT",
                "m1",
                "decidedOn",
                LocalDate.of(2024, 9, 1),
                "misconduct",
                "RM-01",
                "severity",
                "GRAVE",
                "permanent",
                true));
    // only what was given, in declaration order: a default is the model's (rules see it through
    // the generated classes), so a check can tell a given false from an absent field
    assertThat(request.facts().get(0).values().keySet())
        .containsExactly("decidedOn", "misconduct", "severity", "permanent");
    assertThat(request.facts().get(1).get("termYears")).isNull();
    String minimal =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
            + "\"requestId\":null,\"areas\":null,\"facts\":[{\"id\":\"s\",\"type\":\"TAX_SERIOUS_LISTING\","
            + "\"servedOn\":\"2024-01-10\",\"publishedOn\":\"2024-01-10\",\"paidInFullOn\":null},"
            + "{\"id\":\"p\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"other\",\"decidedOn\":\"2024-01-10\","
            + "\"severity\":\"MINOR\",\"kinds\":null}]}";
    Request r = json.readRequest(minimal);
    assertThat(r.requestId()).isNull();
    assertThat(r.areas()).isNull();
    assertThat(r.facts().get(0).get("priorListingsIn5Years"))
        .isNull(); // its default is the model's
    assertThat(r.facts().get(0).get("paidInFullOn")).isNull();
    assertThat(r.facts().get(1).get("kinds")).isNull();
    assertThat(r.facts().get(1).get("published")).isNull();
    // an empty list of an optional list field is the same as none
    Request empty = json.readRequest(minimal.replace("\"kinds\":null", "\"kinds\":[]"));
    assertThat(empty).isEqualTo(r);
  }

  @Test
  void areasAndNumbersAreKeptExactly() {
    Request request = json.readRequest(Samples.request("every-fact-type.json"));
    assertThat(request.areas()).containsExactly(Area.PUBLIC_PROCUREMENT, Area.INSPECTION);
    Fact p2 = request.facts().get(1);
    assertThat(p2.get("fine")).isEqualTo(new BigDecimal("120000.50"));
    assertThat(json.writeRequest(request)).contains("\"fine\":120000.50");
  }

  @Test
  void readsFromStreamsAndTrees() throws Exception {
    String text = Samples.request("contract-example.json");
    Request fromString = json.readRequest(text);
    Request fromStream =
        json.readRequest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    Request fromTree =
        json.trees().readRequest(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
    assertThat(fromStream).isEqualTo(fromString);
    assertThat(fromTree).isEqualTo(fromString);
  }

  @Test
  void writeRequestWritesWhatWasGivenEvenADefault() {
    String text =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"110108198001150018\",\"type\":\"NATURAL_PERSON\"},"
            + "\"facts\":[{\"id\":\"j1\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-06-01\",\"termYears\":2},"
            + "{\"id\":\"m1\",\"type\":\"RESEARCH_MISCONDUCT\",\"decidedOn\":\"2024-09-01\",\"misconduct\":\"RM-01\","
            + "\"severity\":\"LIGHT\",\"permanent\":false}]}";
    assertThat(json.writeRequest(json.readRequest(text)))
        .isEqualTo(
            "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"110108198001150018\",\"type\":\"NATURAL_PERSON\"},"
                + "\"facts\":[{\"id\":\"j1\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-06-01\",\"termYears\":2},"
                + "{\"id\":\"m1\",\"type\":\"RESEARCH_MISCONDUCT\",\"decidedOn\":\"2024-09-01\",\"misconduct\":\"RM-01\","
                + "\"severity\":\"LIGHT\",\"permanent\":false}]}");
  }

  @Test
  void writeRequestFollowsTheDeclarationsAndTheOldWritersRules() {
    String text =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
            + "\"facts\":[{\"documentNo\":\"d\",\"authority\":\"a\",\"published\":false,\"kinds\":[],"
            + "\"severity\":\"MINOR\",\"decidedOn\":\"2024-01-10\",\"sector\":\"tax\",\"type\":\"ADMIN_PENALTY\",\"id\":\"p\"},"
            + "{\"id\":\"j\",\"type\":\"JUDGMENT_DEFAULTER\",\"termYears\":3,\"listedOn\":\"2025-06-01\"},"
            + "{\"id\":\"s\",\"type\":\"TAX_SERIOUS_LISTING\",\"servedOn\":\"2024-01-10\","
            + "\"publishedOn\":\"2024-01-10\",\"priorListingsIn5Years\":0}]}";
    Request request = json.readRequest(text);
    String written = json.writeRequest(request);
    assertThat(written)
        .isEqualTo(
            "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
                + "\"facts\":[{\"id\":\"p\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"tax\",\"decidedOn\":\"2024-01-10\","
                + "\"severity\":\"MINOR\",\"published\":false,\"authority\":\"a\",\"documentNo\":\"d\"},"
                + "{\"id\":\"j\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-06-01\",\"termYears\":3},"
                + "{\"id\":\"s\",\"type\":\"TAX_SERIOUS_LISTING\",\"servedOn\":\"2024-01-10\","
                + "\"publishedOn\":\"2024-01-10\",\"priorListingsIn5Years\":0}]}");
    assertThat(json.readRequest(written)).isEqualTo(request);
  }

  @Test
  void writeRequestKeepsWhatTheModelDoesNotDeclare() {
    Request request =
        new Request(
            null,
            LocalDate.of(2026, 11, 22),
            new Subject("91110108MA01TAX03C", SubjectType.ENTERPRISE, null, null, null),
            null,
            List.of(
                fact("NO_SUCH_TYPE", "x", "b", 1, "authority", "a", "a", "z"),
                fact(
                    "WAGE_ARREARS_LISTING",
                    "w",
                    "extra",
                    true,
                    "decidedOn",
                    LocalDate.of(2025, 1, 2))));
    assertThat(json.writeRequest(request))
        .endsWith(
            "\"facts\":[{\"id\":\"x\",\"type\":\"NO_SUCH_TYPE\",\"b\":1,\"a\":\"z\",\"authority\":\"a\"},"
                + "{\"id\":\"w\",\"type\":\"WAGE_ARREARS_LISTING\",\"decidedOn\":\"2025-01-02\",\"extra\":true}]}");
  }

  @Test
  void theModelIsTheOneGiven() {
    assertThat(json.model()).isSameAs(Samples.MODEL);
    assertThat(ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT).model())
        .isSameAs(Samples.MODEL);
  }

  @Test
  void requestIdOf() {
    assertThat(json.requestIdOf("{\"requestId\":\"r7\",\"asOf\":42}")).isEqualTo("r7");
    assertThat(json.requestIdOf("{\"requestId\":7}")).isNull();
    assertThat(json.requestIdOf("[1,2]")).isNull();
    assertThat(json.requestIdOf("{not json")).isNull();
    assertThat(json.requestIdOf("")).isNull();
  }
}
