package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.fact.FactType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ContractJson json = new ContractJson();

  static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonSchema schema(String resource) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(tree(Samples.resource(resource)));
  }

  static List<String> samples() {
    return Samples.REQUESTS;
  }

  @Test
  void schemasAreJsonAndNameEveryFactType() {
    for (String resource : List.of(ContractJson.REQUEST_SCHEMA, ContractJson.DECISION_SCHEMA)) {
      JsonNode schema = tree(Samples.resource(resource));
      assertThat(schema.get("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
    JsonNode request = tree(Samples.resource(ContractJson.REQUEST_SCHEMA));
    for (FactType type : FactType.values()) {
      JsonNode def = request.get("$defs").get(type.name());
      assertThat(def).as(type.name()).isNotNull();
      assertThat(def.get("properties").get("type").get("const").asText()).isEqualTo(type.name());
      assertThat(def.get("additionalProperties").asBoolean(true)).isFalse();
      assertThat(def.get("properties").size())
          .as(type.name() + " fields")
          .isEqualTo(RequestReader.FIELDS.get(type).size() + RequestReader.COMMON_FIELDS.size());
      for (String field : RequestReader.FIELDS.get(type)) {
        assertThat(def.get("properties").has(field)).as(type + "." + field).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void samplesAreValidAgainstTheSchemaAndTheReader(String name) {
    String text = Samples.request(name);
    Set<ValidationMessage> messages = schema(ContractJson.REQUEST_SCHEMA).validate(tree(text));
    assertThat(messages).isEmpty();
    json.readRequest(text);
    String written = json.writeRequest(json.readRequest(text));
    assertThat(schema(ContractJson.REQUEST_SCHEMA).validate(tree(written))).isEmpty();
  }

  @Test
  void schemaRejectsWhatTheReaderRejects() {
    String text =
        "{\"asOf\":\"2026-11-22\",\"subject\":{\"id\":\"91110108MA01TAX03C\",\"type\":\"ENTERPRISE\"},"
            + "\"facts\":[{\"id\":\"f1\",\"type\":\"ADMIN_PENALTY\",\"sector\":\"tax\","
            + "\"decidedOn\":\"2026-05-10\",\"severity\":\"GENERAL\",\"fulfiledOn\":\"2026-05-20\"}]}";
    assertThat(schema(ContractJson.REQUEST_SCHEMA).validate(tree(text))).isNotEmpty();
    String noType = text.replace("\"type\":\"ADMIN_PENALTY\"", "\"type\":\"PENALTY\"");
    assertThat(schema(ContractJson.REQUEST_SCHEMA).validate(tree(noType))).isNotEmpty();
    String emptyAreas = text.replace("\"facts\":", "\"areas\":[],\"facts\":");
    assertThat(schema(ContractJson.REQUEST_SCHEMA).validate(tree(emptyAreas))).isNotEmpty();
  }

  @Test
  void decisionsAndErrorsAreValidAgainstTheDecisionSchema() {
    JsonSchema schema = schema(ContractJson.DECISION_SCHEMA);
    assertThat(schema.validate(json.decisionTree(Samples.decision()))).isEmpty();
    List<RequestError> errors;
    try {
      json.readRequest("{\"asOf\":\"2026-02-30\"}");
      throw new AssertionError("expected an invalid request");
    } catch (InvalidRequestException e) {
      errors = e.errors();
    }
    assertThat(schema.validate(json.errorsTree(errors))).isEmpty();
    assertThat(schema.validate(json.batchErrorsTree(null, 4, errors))).isEmpty();
    assertThat(schema.validate(tree("{\"errors\":[]}"))).isNotEmpty();
  }
}
