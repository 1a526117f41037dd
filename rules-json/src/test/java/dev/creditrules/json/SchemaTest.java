package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.Presence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The request schema generated from the shipped model, and the decision schema resource. */
class SchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REQUEST = ContractJson.requestSchema(Samples.MODEL);
  private static final JsonSchema REQUEST_SCHEMA = schemaOf(REQUEST);
  private final ContractJson json = Samples.json();

  static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonSchema schemaOf(String text) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree(text));
  }

  static List<String> samples() {
    return Samples.REQUESTS;
  }

  List<RequestError> readerErrors(String text) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(text));
    return e == null ? List.of() : e.errors();
  }

  @Test
  void schemasAreJsonAndTheRequestSchemaNamesEveryFactTypeWithItsFields() {
    for (String text : List.of(REQUEST, Samples.resource(ContractJson.DECISION_SCHEMA))) {
      assertThat(tree(text).get("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
    JsonNode request = tree(REQUEST);
    JsonNode fact = request.get("$defs").get("fact");
    List<String> enumerated = new ArrayList<>();
    fact.get("properties").get("type").get("enum").forEach(n -> enumerated.add(n.asText()));
    assertThat(enumerated).isEqualTo(Samples.MODEL.typeNames());
    assertThat(fact.get("oneOf")).hasSize(Samples.MODEL.types().size());
    for (FactTypeDecl type : Samples.MODEL.types()) {
      JsonNode def = request.get("$defs").get(type.name());
      assertThat(def).as(type.name()).isNotNull();
      assertThat(def.get("properties").get("type").get("const").asText()).isEqualTo(type.name());
      assertThat(def.get("additionalProperties").asBoolean(true)).isFalse();
      List<String> properties = new ArrayList<>();
      def.get("properties").fieldNames().forEachRemaining(properties::add);
      List<String> expected = new ArrayList<>(List.of("id", "type"));
      type.fields().forEach(f -> expected.add(f.name()));
      expected.addAll(List.of("authority", "documentNo"));
      assertThat(properties).as(type.name() + " fields").isEqualTo(expected);
      List<String> required = new ArrayList<>();
      def.get("required").forEach(n -> required.add(n.asText()));
      List<String> expectedRequired = new ArrayList<>(List.of("id", "type"));
      type.fields().stream()
          .filter(FieldDecl::required)
          .forEach(f -> expectedRequired.add(f.name()));
      assertThat(required).as(type.name() + " required").isEqualTo(expectedRequired);
      for (FieldDecl field : type.fields()) {
        JsonNode property = def.get("properties").get(field.name());
        JsonNode value = field.required() ? property : property.get("anyOf").get(0);
        assertThat(
                field.required()
                    || property.get("anyOf").get(1).get("type").asText().equals("null"))
            .as(type.name() + "." + field.name() + " accepts null unless required")
            .isTrue();
        switch (field.kind()) {
          case ENUMERATION -> assertThat(texts(value.get("enum"))).isEqualTo(field.values());
          case ENUMERATION_LIST ->
              assertThat(texts(value.get("items").get("enum"))).isEqualTo(field.values());
          case INTEGER -> {
            assertThat(value.get("type").asText()).isEqualTo("integer");
            if (field.min() != null) {
              assertThat(value.get("minimum").asLong()).isEqualTo(field.min());
            }
            if (field.max() != null) {
              assertThat(value.get("maximum").asLong()).isEqualTo(field.max());
            }
          }
          case DATE -> assertThat(value.get("$ref").asText()).isEqualTo("#/$defs/date");
          default -> {}
        }
        if (field.presence() == Presence.DEFAULTED) {
          assertThat(property.get("default")).as(type.name() + "." + field.name()).isNotNull();
        }
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theGeneratedSchemaIsAValidDraft202012SchemaAndDeterministic() {
    JsonSchema meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(tree(REQUEST))).isEmpty();
    assertThat(ContractJson.requestSchema(Samples.MODEL)).isEqualTo(REQUEST);
    assertThat(json.requestSchema()).isEqualTo(REQUEST);
    assertThat(REQUEST).endsWith("}\n").doesNotContain("\r").doesNotContain("$comment");
  }

  @Test
  void theTemplateNamesNoFactTypeAndNoDeclaredField() {
    String template = Samples.resource(RequestSchema.TEMPLATE);
    for (FactTypeDecl type : Samples.MODEL.types()) {
      assertThat(template).doesNotContain(type.name());
      for (FieldDecl field : type.fields()) {
        assertThat(template).as(field.name()).doesNotContain("\"" + field.name() + "\"");
      }
    }
  }

  @Test
  void anEmptyModelAllowsNoFact() {
    JsonSchema none = schemaOf(ContractJson.requestSchema(new FactModel(List.of())));
    String base =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},";
    assertThat(none.validate(tree(base + "\"facts\":[]}"))).isEmpty();
    assertThat(none.validate(tree(base + "\"facts\":[{\"id\":\"f1\",\"type\":\"X\"}]}")))
        .isNotEmpty();
  }

  @Test
  void mainWritesTheSchemaOfAPackTree(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("a/b/request.schema.json");
    RequestSchema.main(Samples.PACKS.toString(), out.toString());
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(REQUEST);
    long modified = Files.getLastModifiedTime(out).toMillis();
    Files.setLastModifiedTime(out, java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
    RequestSchema.main(Samples.PACKS.toString(), out.toString());
    assertThat(Files.getLastModifiedTime(out).toMillis())
        .as("an unchanged schema is not rewritten")
        .isEqualTo(modified - 10_000);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void samplesAreValidAgainstTheSchemaAndTheReader(String name) {
    String text = Samples.request(name);
    Set<ValidationMessage> messages = REQUEST_SCHEMA.validate(tree(text));
    assertThat(messages).isEmpty();
    json.readRequest(text);
    String written = json.writeRequest(json.readRequest(text));
    assertThat(REQUEST_SCHEMA.validate(tree(written))).isEmpty();
    assertThat(REQUEST_SCHEMA.validate(tree(json.writeRequestPretty(json.readRequest(text)))))
        .isEmpty();
  }

  @Test
  void schemaRejectsWhatTheReaderRejects() {
    String text =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
            + "\"facts\":[{\"id\":\"f1\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"tax\","
            + "\"decidedOn\":\"2026-05-10\",\"severity\":\"GENERAL\",\"fulfilledOn\":\"2026-05-20\"}]}";
    assertThat(REQUEST_SCHEMA.validate(tree(text))).isEmpty();
    assertThat(readerErrors(text)).isEmpty();
    List<String> broken =
        List.of(
            text.replace("fulfilledOn", "fulfiledOn"),
            text.replace("\"type\":\"ADMIN_PENALTY\"", "\"type\":\"PENALTY\""),
            text.replace("\"facts\":", "\"areas\":[],\"facts\":"),
            text.replace("\"tax\"", "\"TAX\""),
            text.replace(",\"severity\":\"GENERAL\"", ""),
            text.replace("2026-05-20", "2026-5-20"),
            text.replace(
                "\"severity\":\"GENERAL\"",
                "\"severity\":\"GENERAL\",\"kinds\":[\"FINE\",\"fine\"]"),
            text.replace("\"severity\":\"GENERAL\"", "\"severity\":\"GENERAL\",\"fine\":\"5\""),
            text.replace(
                "\"severity\":\"GENERAL\"", "\"severity\":\"GENERAL\",\"published\":\"yes\""),
            text.replace(
                "{\"id\":\"f1\"",
                "{\"id\":\"j1\",\"type\":\"JUDGMENT_DEFAULTER\",\"listedOn\":\"2025-01-01\",\"termYears\":9},{\"id\":\"f1\""),
            text.replace(
                "{\"id\":\"f1\"",
                "{\"id\":\"e1\",\"type\":\"ENV_GRADE\",\"year\":2024,\"grade\":\"GREEN\",\"publishedOn\":\"2025-01-01\",\"province\":\"440\"},{\"id\":\"f1\""),
            text.replace(
                "{\"id\":\"f1\"",
                "{\"id\":\"m1\",\"type\":\"RESEARCH_MISCONDUCT\",\"decidedOn\":\"2025-01-01\",\"misconduct\":\"RM-09\",\"severity\":\"LIGHT\"},{\"id\":\"f1\""),
            text.replace(
                "{\"id\":\"f1\"",
                "{\"id\":\"t1\",\"type\":\"TAX_GRADE\",\"year\":2024,\"grade\":\"Z\",\"publishedOn\":\"2025-01-01\"},{\"id\":\"f1\""));
    for (String b : broken) {
      assertThat(REQUEST_SCHEMA.validate(tree(b))).as(b).isNotEmpty();
      assertThat(readerErrors(b)).as(b).isNotEmpty();
    }
  }

  @Test
  void decisionsAndErrorsAreValidAgainstTheDecisionSchema() {
    JsonSchema schema = schemaOf(Samples.resource(ContractJson.DECISION_SCHEMA));
    assertThat(schema.validate(json.trees().decisionTree(Samples.decision()))).isEmpty();
    List<RequestError> errors = readerErrors("{\"asOf\":\"2026-02-30\"}");
    assertThat(errors).isNotEmpty();
    assertThat(schema.validate(json.trees().errorsTree(errors))).isEmpty();
    assertThat(schema.validate(json.trees().batchErrorsTree(null, 4, errors))).isEmpty();
    assertThat(schema.validate(tree("{\"errors\":[]}"))).isNotEmpty();
  }

  @Test
  void theDecisionSchemaTakesNextChangeOnAsADateOrNullAndRequiresIt() {
    JsonSchema schema = schemaOf(Samples.resource(ContractJson.DECISION_SCHEMA));
    String withDate = json.writeDecision(Samples.decision());
    assertThat(withDate).contains("\"nextChangeOn\":\"2027-04-21\"");
    assertThat(schema.validate(tree(withDate))).isEmpty();
    String withNull = json.writeDecision(Samples.decision().withNextChangeOn(null));
    assertThat(withNull).contains("\"nextChangeOn\":null");
    assertThat(schema.validate(tree(withNull))).isEmpty();
    assertThat(schema.validate(json.trees().decisionTree(Samples.decisionWithEveryKey())))
        .isEmpty();
    for (String bad :
        List.of(
            withDate.replace("\"2027-04-21\"", "\"2027-4-21\""),
            withDate.replace("\"2027-04-21\"", "20270421"),
            withDate.replace("\"2027-04-21\"", "\"\""),
            withDate.replace(",\"nextChangeOn\":\"2027-04-21\"", ""))) {
      assertThat(schema.validate(tree(bad))).as(bad).isNotEmpty();
    }
    JsonNode property =
        tree(Samples.resource(ContractJson.DECISION_SCHEMA))
            .at("/$defs/decision/properties/nextChangeOn");
    assertThat(property.get("description").asText())
        .contains(
            "deciding the same request on any day from asOf to the day before gives the same decision")
        .contains("null when no later day changes anything");
  }
}
