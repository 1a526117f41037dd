package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model that exists nowhere in the code, with kinds and presences the shipped packs do not use
 * (required lists, decimals and booleans, a defaulted list, a grant whose target field is not the
 * first reference, a field name longer than the string limit): read, written and described with no
 * Java of its own.
 */
class CustomModelTest {
  private static final String LONG_NAME = "n".repeat(300);

  static FieldDecl field(String name, FieldKind kind, Presence presence) {
    return field(name, kind, presence, null, List.of(), null);
  }

  static FieldDecl field(
      String name,
      FieldKind kind,
      Presence presence,
      Object defaultValue,
      List<String> values,
      FieldDecl.Reference reference) {
    return new FieldDecl(
        name,
        kind,
        presence,
        defaultValue,
        values,
        name.equals("levels") ? "permit level" : null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        reference,
        null);
  }

  static final FactModel MODEL =
      new FactModel(
          List.of(
              new FactTypeDecl(
                  "PERMIT_LISTING",
                  "PermitListing",
                  "permits",
                  "a listing",
                  List.of(SubjectType.values()),
                  List.of(
                      field("listedOn", FieldKind.DATE, Presence.REQUIRED),
                      field(
                          "levels",
                          FieldKind.ENUMERATION_LIST,
                          Presence.REQUIRED,
                          null,
                          List.of("X1", "X2"),
                          null),
                      field("amount", FieldKind.DECIMAL, Presence.REQUIRED),
                      field("confirmed", FieldKind.BOOLEAN, Presence.REQUIRED),
                      field(
                          "tags",
                          FieldKind.ENUMERATION_LIST,
                          Presence.DEFAULTED,
                          List.of("X1"),
                          List.of("X1", "X2"),
                          null),
                      field("count", FieldKind.INTEGER, Presence.DEFAULTED, 7, List.of(), null),
                      field(LONG_NAME, FieldKind.TEXT, Presence.OPTIONAL)),
                  "listedOn",
                  false,
                  "listedOn",
                  null,
                  new Repairable(null, List.of(), "permit"),
                  null,
                  null,
                  List.of()),
              new FactTypeDecl(
                  "PERMIT_REPAIR",
                  "PermitRepair",
                  "permits",
                  null,
                  List.of(SubjectType.values()),
                  List.of(
                      field(
                          "witness",
                          FieldKind.REFERENCE,
                          Presence.OPTIONAL,
                          null,
                          List.of(),
                          new FieldDecl.Reference(List.of("PERMIT_LISTING"), null)),
                      field(
                          "listing",
                          FieldKind.REFERENCE,
                          Presence.REQUIRED,
                          null,
                          List.of(),
                          new FieldDecl.Reference(List.of("PERMIT_LISTING"), null)),
                      field("grantedOn", FieldKind.DATE, Presence.REQUIRED)),
                  "grantedOn",
                  false,
                  "grantedOn",
                  null,
                  null,
                  new GrantRole("listing", "grantedOn", null, null),
                  null,
                  List.of())));

  private final ContractJson json =
      ContractJson.withLimits(MODEL, Limits.DEFAULT.withMaxStringLength(50));

  static String q(String text) {
    return text.replace('\'', '"');
  }

  static String request(String... facts) {
    return q(
        "{'asOf':'2026-11-22','subject':{'id':'91110108MA01TAX03C','type':'ENTERPRISE'},'facts':["
            + String.join(",", facts)
            + "]}");
  }

  List<RequestError> errors(String text) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(text));
    assertThat(e).as("expected an invalid request").isNotNull();
    return e.errors();
  }

  @Test
  void readsAndWritesAFactTypeNoJavaNames() {
    String text =
        request(
            "{'"
                + LONG_NAME
                + "':'t','confirmed':false,'amount':1.50,'levels':['X2'],"
                + "'listedOn':'2025-01-01','type':'PERMIT_LISTING','id':'l1','authority':'a'}",
            "{'id':'g1','type':'PERMIT_REPAIR','listing':'l1','grantedOn':'2025-02-01'}");
    Request r = json.readRequest(text);
    assertThat(r.facts().get(0))
        .isEqualTo(
            Samples.fact(
                "PERMIT_LISTING",
                "l1",
                "listedOn",
                LocalDate.of(2025, 1, 1),
                "levels",
                List.of("X2"),
                "amount",
                new BigDecimal("1.50"),
                "confirmed",
                false,
                LONG_NAME,
                "t",
                "authority",
                "a"));
    assertThat(r.facts().get(0).values().keySet())
        .containsExactly("listedOn", "levels", "amount", "confirmed", LONG_NAME, "authority");
    assertThat(json.writeRequest(r))
        .isEqualTo(
            q(
                "{'asOf':'2026-11-22','subject':{'id':'91110108MA01TAX03C','type':'ENTERPRISE'},"
                    + "'facts':[{'id':'l1','type':'PERMIT_LISTING','listedOn':'2025-01-01','levels':['X2'],"
                    + "'amount':1.50,'confirmed':false,'"
                    + LONG_NAME
                    + "':'t','authority':'a'},"
                    + "{'id':'g1','type':'PERMIT_REPAIR','listing':'l1','grantedOn':'2025-02-01'}]}"));
    assertThat(json.readRequest(json.writeRequest(r))).isEqualTo(r);
    // a defaulted list given empty is not its default: it is written
    Request empty =
        json.readRequest(text.replace("'levels'".replace('\'', '"'), "\"tags\":[],\"levels\""));
    assertThat(empty.facts().get(0).get("tags")).isEqualTo(List.of());
    assertThat(json.readRequest(json.writeRequest(empty))).isEqualTo(empty);
  }

  @Test
  void errorsComeFromTheDeclarations() {
    assertThat(errors(request("{'id':'l1','type':'PERMIT'}")))
        .singleElement()
        .isEqualTo(
            new RequestError(
                "/facts/0/type",
                "PERMIT",
                "unknown fact type PERMIT; expected one of PERMIT_LISTING, PERMIT_REPAIR"));
    assertThat(
            errors(
                request(
                    "{'id':'l1','type':'PERMIT_LISTING','levels':['X3'],'confirmed':'no','tags':'X1',"
                        + "'listing':'x'}")))
        .containsExactly(
            new RequestError(
                "/facts/0/levels/0", "X3", "unknown permit level X3; expected one of X1, X2"),
            new RequestError("/facts/0/confirmed", "no", "confirmed must be true or false"),
            new RequestError("/facts/0/tags", "X1", "tags must be an array"),
            new RequestError("/facts/0/listing", "x", "unknown field"),
            new RequestError("/facts/0/listedOn", null, "listedOn is required"),
            new RequestError("/facts/0/amount", null, "amount is required"));
  }

  @Test
  void aPartlyParsedGrantStillReportsItsTargetField() {
    // the grant's target is 'listing', not the first reference field 'witness'
    List<RequestError> errors =
        errors(request("{'id':'g1','type':'PERMIT_REPAIR','witness':'l9','listing':'l8'}"));
    assertThat(errors).extracting(RequestError::pointer).startsWith("/facts/0/grantedOn");
    assertThat(errors).extracting(RequestError::pointer).contains("/facts/0/listing");
    assertThat(errors).extracting(RequestError::pointer).doesNotContain("/facts/0/witness");
  }

  @Test
  void theSchemaDescribesTheModel() throws Exception {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(new ObjectMapper().readTree(json.requestSchema()));
    String valid =
        request(
            "{'id':'l1','type':'PERMIT_LISTING','listedOn':'2025-01-01','levels':['X2'],"
                + "'amount':1.5,'confirmed':true,'tags':null}");
    assertThat(schema.validate(new ObjectMapper().readTree(valid))).isEmpty();
    json.readRequest(valid);
    for (String broken :
        List.of(
            valid.replace("[\"X2\"]", "[\"X3\"]"),
            valid.replace(",\"confirmed\":true", ""),
            valid.replace("\"tags\":null", "\"tags\":[\"X9\"]"),
            valid.replace("PERMIT_LISTING", "PERMIT"))) {
      assertThat(schema.validate(new ObjectMapper().readTree(broken))).as(broken).isNotEmpty();
      assertThat(errors(broken)).as(broken).isNotEmpty();
    }
    var tags =
        new ObjectMapper()
            .readTree(json.requestSchema())
            .at("/$defs/PERMIT_LISTING/properties/tags");
    assertThat(tags.get("default").toString()).isEqualTo("[\"X1\"]");
    assertThat(tags.at("/anyOf/0/items/enum").toString()).isEqualTo("[\"X1\",\"X2\"]");
  }
}
