package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.FactType;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.PenaltyKind;
import dev.creditrules.api.fact.PenaltySector;
import dev.creditrules.api.fact.PenaltySeverity;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadRequestTest {
  private final ContractJson json = new ContractJson();

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
    assertThat(json.readRequest(json.requestTree(request))).isEqualTo(request);
  }

  @Test
  void samplesCoverEveryFactType() {
    Set<FactType> seen =
        Samples.REQUESTS.stream()
            .flatMap(n -> json.readRequest(Samples.request(n)).facts().stream())
            .map(f -> f.type())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FactType.class)));
    assertThat(seen).containsExactlyInAnyOrder(FactType.values());
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
            new TaxGrade("f1", 2025, "D", LocalDate.of(2026, 4, 20), null, 3, null, null, null),
            new AdminPenalty(
                "f2",
                PenaltySector.ENVIRONMENT,
                LocalDate.of(2026, 5, 10),
                PenaltySeverity.GENERAL,
                List.of(PenaltyKind.FINE),
                new BigDecimal("50000"),
                LocalDate.of(2026, 5, 20),
                null,
                null,
                null,
                null));
  }

  @Test
  void defaultsAndNulls() {
    Request request = json.readRequest(Samples.request("natural-person.json"));
    assertThat(request.subject().id()).isEqualTo("11010519491231002X");
    assertThat(request.subject().name()).isNull();
    assertThat(request.facts().get(0))
        .isEqualTo(
            new ResearchMisconduct(
                "m1", LocalDate.of(2024, 9, 1), "RM-01",
                dev.creditrules.api.fact.MisconductSeverity.GRAVE, null, true, false, false, null,
                null));
    assertThat(((JudgmentDefaulter) request.facts().get(1)).termYears()).isEqualTo(2);
    String minimal =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
            + "\"requestId\":null,\"areas\":null,\"facts\":[{\"id\":\"s\",\"type\":\"TAX_SERIOUS_LISTING\","
            + "\"servedOn\":\"2024-01-10\",\"publishedOn\":\"2024-01-10\",\"paidInFullOn\":null},"
            + "{\"id\":\"p\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"other\",\"decidedOn\":\"2024-01-10\","
            + "\"severity\":\"MINOR\",\"kinds\":null}]}";
    Request r = json.readRequest(minimal);
    assertThat(r.requestId()).isNull();
    assertThat(r.areas()).isNull();
    assertThat(((TaxSeriousListing) r.facts().get(0)).priorListingsIn5Years()).isZero();
    assertThat(((AdminPenalty) r.facts().get(1)).kinds()).isEmpty();
    assertThat(((AdminPenalty) r.facts().get(1)).published()).isNull();
  }

  @Test
  void areasAndNumbersAreKeptExactly() {
    Request request = json.readRequest(Samples.request("every-fact-type.json"));
    assertThat(request.areas()).containsExactly(Area.PUBLIC_PROCUREMENT, Area.INSPECTION);
    AdminPenalty p2 = (AdminPenalty) request.facts().get(1);
    assertThat(p2.fine()).isEqualTo(new BigDecimal("120000.50"));
    assertThat(json.writeRequest(request)).contains("\"fine\":120000.50");
  }

  @Test
  void readsFromStreamsAndTrees() throws Exception {
    String text = Samples.request("contract-example.json");
    Request fromString = json.readRequest(text);
    Request fromStream =
        json.readRequest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    Request fromTree =
        json.readRequest(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
    assertThat(fromStream).isEqualTo(fromString);
    assertThat(fromTree).isEqualTo(fromString);
  }

  @Test
  void writeRequestLeavesOutAbsentAndDefaultFields() {
    String text =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"110108198001150018\",\"type\":\"NATURAL_PERSON\"},"
            + "\"facts\":[{\"id\":\"j1\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-06-01\",\"termYears\":2},"
            + "{\"id\":\"m1\",\"type\":\"RESEARCH_MISCONDUCT\",\"decidedOn\":\"2024-09-01\",\"misconduct\":\"RM-01\","
            + "\"severity\":\"LIGHT\",\"permanent\":false}]}";
    assertThat(json.writeRequest(json.readRequest(text)))
        .isEqualTo(
            "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"110108198001150018\",\"type\":\"NATURAL_PERSON\"},"
                + "\"facts\":[{\"id\":\"j1\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-06-01\"},"
                + "{\"id\":\"m1\",\"type\":\"RESEARCH_MISCONDUCT\",\"decidedOn\":\"2024-09-01\",\"misconduct\":\"RM-01\","
                + "\"severity\":\"LIGHT\"}]}");
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
