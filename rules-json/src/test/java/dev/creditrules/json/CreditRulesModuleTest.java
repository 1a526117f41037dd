package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import dev.creditrules.json.jackson.CreditRulesModule;
import dev.creditrules.json.jackson.InvalidContractJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract through any {@code ObjectMapper} that registers {@link CreditRulesModule}: a plain
 * one, and one configured as Spring Boot configures its own plus what applications commonly add
 * (snake case names, escaped non-ASCII). Reading gives what {@link ContractJson} reads, with the
 * same errors; writing gives its bytes.
 */
class CreditRulesModuleTest {
  /** The worked examples of the domain docs, one request each. */
  private static final Path WORKED_EXAMPLES = Path.of("../examples/requests");

  private static final ContractJson JSON = Samples.json();

  private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(module());

  /**
   * As Spring Boot's {@code JacksonAutoConfiguration} builds its mapper (dates as ISO strings,
   * unknown properties ignored, java.time), with the settings an application often adds.
   */
  private static final ObjectMapper BOOT_LIKE =
      JsonMapper.builder()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(com.fasterxml.jackson.databind.MapperFeature.DEFAULT_VIEW_INCLUSION)
          .addModule(new JavaTimeModule())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build()
          .registerModule(module());

  private static CreditRulesModule module() {
    return new CreditRulesModule(Samples.json());
  }

  static Stream<Path> workedExamples() throws IOException {
    try (Stream<Path> files = Files.list(WORKED_EXAMPLES)) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(10);
      return list.stream();
    }
  }

  static Stream<ObjectMapper> mappers() {
    return Stream.of(PLAIN, BOOT_LIKE);
  }

  // ------------------------------------------------------------------------------ requests

  @ParameterizedTest
  @MethodSource("workedExamples")
  void everyWorkedExampleReadsAsContractJsonReadsItAndWritesItsBytes(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Request expected = JSON.readRequest(new String(bytes, StandardCharsets.UTF_8));
    for (ObjectMapper mapper : List.of(PLAIN, BOOT_LIKE)) {
      Request read = mapper.readValue(bytes, Request.class);
      assertThat(read).isEqualTo(expected);
      assertThat(mapper.writeValueAsString(read)).isEqualTo(JSON.writeRequest(expected));
      assertThat(mapper.writeValueAsBytes(read))
          .isEqualTo(JSON.writeRequest(expected).getBytes(StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @MethodSource("mappers")
  void anInvalidRequestGivesTheContractsErrorsWithTheirPointers(ObjectMapper mapper)
      throws Exception {
    String text =
        Samples.request("contract-example.json")
            .replaceFirst("\"asOf\": \"[0-9-]+\"", "\"asOf\": \"2026-02-30\"")
            .replaceFirst("\\{", "{\"colour\": \"red\", ");
    List<RequestError> expected = errorsOf(text);
    assertThat(expected)
        .extracting(RequestError::pointer)
        .contains("/asOf", "/colour"); // the unknown field too, though the mapper ignores unknowns

    InvalidContractJsonException e =
        catchThrowableOfType(
            InvalidContractJsonException.class, () -> mapper.readValue(text, Request.class));
    assertThat(e.errors()).isEqualTo(expected);
    assertThat(e.getCause()).isInstanceOf(InvalidRequestException.class);
    assertThat(mapper.writeValueAsString(e.getCause())).isEqualTo(JSON.writeErrors(expected));
  }

  @Test
  void whatTheParserRefusesIsOneErrorOfTheWholeDocument() {
    String text = "{\"requestId\": \"x\", \"asOf\": \"2026-01-01\", \"requestId\": \"y\"}";
    assertThat(errorsThroughMapper(text)).isEqualTo(errorsOf(text));
    assertThat(errorsOf(text)).singleElement().satisfies(e -> assertThat(e.pointer()).isEmpty());

    String deep = "{\"x\": " + "[".repeat(40) + "]".repeat(40) + "}";
    assertThat(errorsThroughMapper(deep))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.reason())
                  .startsWith("the request is nested deeper than the limit of 32 levels");
            });
  }

  /**
   * JSON that an application's own mapper cannot parse, before the contract's reader is called (a
   * web framework reading a body): {@code syntaxError} reports it as the contract reports it.
   */
  @Test
  void whatAnotherMapperCannotParseIsReportedAsTheContractReportsIt() {
    ObjectMapper withoutTheModule = new ObjectMapper();
    for (String bad : List.of("not json", "{\"asOf\": ", "{\"asOf\": \"2026-05-01\",}", "[1,\n2")) {
      JsonProcessingException parseError =
          catchThrowableOfType(JsonProcessingException.class, () -> withoutTheModule.readTree(bad));
      List<RequestError> errors = JSON.trees().syntaxError(parseError).errors();
      assertThat(errors).as(bad).isEqualTo(errorsOf(bad));
      assertThat(errors)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.pointer()).isEmpty();
                assertThat(e.reason()).startsWith("invalid JSON at line ");
              });
    }
  }

  @Test
  void aRequestOverTheSizeLimitIsRefusedAsContractJsonRefusesIt() throws Exception {
    ContractJson small =
        ContractJson.withLimits(Samples.MODEL, Limits.DEFAULT.withMaxRequestBytes(200));
    ObjectMapper mapper = new ObjectMapper().registerModule(new CreditRulesModule(small));
    String text = Samples.request("contract-example.json");
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(200);
    List<RequestError> expected =
        catchThrowableOfType(InvalidRequestException.class, () -> small.readRequest(text)).errors();
    InvalidContractJsonException e =
        catchThrowableOfType(
            InvalidContractJsonException.class,
            () -> mapper.readValue(text.getBytes(StandardCharsets.UTF_8), Request.class));
    assertThat(e.errors()).isEqualTo(expected);
  }

  /** A request inside a document of the application's: pointers are the request's own. */
  record Envelope(String ticket, Request request) {}

  @Test
  void aRequestInsideAnotherDocumentIsReadByTheContractToo() throws Exception {
    String request = Samples.request("contract-example.json");
    Envelope read =
        PLAIN.readValue("{\"ticket\": \"t-1\", \"request\": " + request + "}", Envelope.class);
    assertThat(read.request()).isEqualTo(JSON.readRequest(request));
    assertThat(read.ticket()).isEqualTo("t-1");
    assertThat(PLAIN.writeValueAsString(read))
        .isEqualTo("{\"ticket\":\"t-1\",\"request\":" + JSON.writeRequest(read.request()) + "}");

    String bad = request.replaceFirst("\\{", "{\"colour\": \"red\", ");
    InvalidContractJsonException e =
        catchThrowableOfType(
            InvalidContractJsonException.class,
            () ->
                PLAIN.readValue("{\"ticket\": \"t-1\", \"request\": " + bad + "}", Envelope.class));
    assertThat(e.errors()).isEqualTo(errorsOf(bad));
    assertThat(e.getPathReference()).contains("request");
  }

  // ------------------------------------------------------------------------------ decisions

  @ParameterizedTest
  @MethodSource("mappers")
  void decisionsAreWrittenAsTheContractsBytesAndReadBack(ObjectMapper mapper) throws Exception {
    for (Decision d : List.of(Samples.decision(), Samples.decisionWithEveryKey())) {
      String contract = JSON.writeDecision(d);
      assertThat(mapper.writeValueAsString(d)).isEqualTo(contract);
      assertThat(mapper.readValue(contract, Decision.class)).isEqualTo(d);
      assertThat(mapper.readValue(JSON.writeDecisionPretty(d), Decision.class)).isEqualTo(d);
      // a tree (no JSON text): the contract's tree, token by token
      assertThat(mapper.<JsonNode>valueToTree(d)).isEqualTo(JSON.trees().decisionTree(d));
      // as an element of the application's own list
      assertThat(mapper.writeValueAsString(List.of(d, d)))
          .isEqualTo("[" + contract + "," + contract + "]");
    }
  }

  @Test
  void behindAGeneratorDelegateTheBytesAreTheContractsToo() throws Exception {
    Decision d = Samples.decisionWithEveryKey();
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g =
        new JsonGeneratorDelegate(BOOT_LIKE.getFactory().createGenerator(out), true)) {
      BOOT_LIKE.writeValue(g, d);
    }
    assertThat(out.toString()).isEqualTo(JSON.writeDecision(d));
  }

  @Test
  void anIndentingMapperWritesTheContractsPrettyForm() throws Exception {
    ObjectMapper indenting = PLAIN.copy().enable(SerializationFeature.INDENT_OUTPUT);
    Decision d = Samples.decisionWithEveryKey();
    assertThat(indenting.writeValueAsString(d)).isEqualTo(JSON.writeDecisionPretty(d));
  }

  @Test
  void aTextThatIsNotADecisionGivesItsErrors() {
    String text = JSON.writeDecision(Samples.decision()).replace("\"asOf\":\"", "\"asOf\":\"x");
    List<RequestError> expected =
        catchThrowableOfType(InvalidDecisionException.class, () -> JSON.readDecision(text))
            .errors();
    InvalidContractJsonException e =
        catchThrowableOfType(
            InvalidContractJsonException.class, () -> BOOT_LIKE.readValue(text, Decision.class));
    assertThat(e.errors()).isEqualTo(expected).isNotEmpty();
    assertThat(e.getCause()).isInstanceOf(InvalidDecisionException.class);
  }

  // ------------------------------------------------------------------------------ the rest

  @ParameterizedTest
  @MethodSource("mappers")
  void timelinesAndTheirRequestsAsContractJsonHasThem(ObjectMapper mapper) throws Exception {
    Timeline t = TimelineJsonTest.timeline();
    assertThat(mapper.writeValueAsString(t)).isEqualTo(JSON.writeTimeline(t));

    String body = TimelineJsonTest.body(Samples.request("contract-example.json"), "\"2029-11-22\"");
    assertThat(mapper.readValue(body, TimelineRequest.class))
        .isEqualTo(JSON.readTimelineRequest(body));
    String early =
        TimelineJsonTest.body(Samples.request("contract-example.json"), "\"1999-01-01\"");
    assertThat(
            catchThrowableOfType(
                    InvalidContractJsonException.class,
                    () -> mapper.readValue(early, TimelineRequest.class))
                .errors())
        .isEqualTo(
            catchThrowableOfType(
                    InvalidRequestException.class, () -> JSON.readTimelineRequest(early))
                .errors());

    String explain =
        "{\"request\": "
            + Samples.request("contract-example.json")
            + ", \"measure\": \"GEN-S-05\"}";
    assertThat(mapper.readValue(explain, ExplanationRequest.class))
        .isEqualTo(
            JSON.readExplanationRequest(
                new java.io.ByteArrayInputStream(explain.getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest
  @MethodSource("mappers")
  void errorsAreWrittenAsTheContractsErrors(ObjectMapper mapper) throws Exception {
    List<RequestError> errors = errorsOf("{\"asOf\": \"soon\", \"facts\": {}}");
    assertThat(mapper.writeValueAsString(new InvalidRequestException(errors)))
        .isEqualTo(JSON.writeErrors(errors));
    assertThat(mapper.writeValueAsString(errors))
        .isEqualTo(JSON.trees().write(JSON.trees().errorsTree(errors).get("errors")));
  }

  // ------------------------------------------------------------------------------ helpers

  private static List<RequestError> errorsOf(String text) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> JSON.readRequest(text));
    assertThat(e).as(text).isNotNull();
    return e.errors();
  }

  private static List<RequestError> errorsThroughMapper(String text) {
    JsonMappingException e =
        catchThrowableOfType(
            JsonMappingException.class, () -> PLAIN.readValue(text, Request.class));
    assertThat(e).as(text).isInstanceOf(InvalidContractJsonException.class);
    return ((InvalidContractJsonException) e).errors();
  }
}
