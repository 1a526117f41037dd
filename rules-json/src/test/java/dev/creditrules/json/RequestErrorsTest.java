package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structural problems, each with its exact pointer, and their merging with semantic ones. */
class RequestErrorsTest {
  private final ContractJson json = Samples.json();

  private static final String SUBJECT = "'subject':{'id':'91110108MA01TAX03C','type':'ENTERPRISE'}";
  private static final String PENALTY =
      "{'id':'f1','type':'ADMIN_PENALTY','sector':'environment','decidedOn':'2026-05-10',"
          + "'severity':'GENERAL'}";

  /** Single quotes stand for double quotes. */
  static String q(String text) {
    return text.replace('\'', '"');
  }

  static String withFacts(String... facts) {
    return q("{'asOf':'2026-11-22'," + SUBJECT + ",'facts':[" + String.join(",", facts) + "]}");
  }

  List<RequestError> errors(String text) {
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> json.readRequest(text));
    assertThat(e).as("expected an invalid request").isNotNull();
    return e.errors();
  }

  static RequestError error(String pointer, Object value, String reason) {
    return new RequestError(pointer, value, reason);
  }

  @Test
  void theBaseRequestIsValid() {
    assertThat(json.readRequest(withFacts(q(PENALTY))).facts()).hasSize(1);
  }

  @Test
  void invalidSyntaxIsOneErrorForTheWholeDocument() {
    List<RequestError> errors = errors("{\"asOf\": \"2026-11-22\",, }");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).pointer()).isEmpty();
    assertThat(errors.get(0).value()).isNull();
    assertThat(errors.get(0).reason()).startsWith("invalid JSON at line 1, column ");
  }

  @Test
  void trailingContentAndDuplicateKeysAreSyntaxErrors() {
    assertThat(errors(withFacts() + " {}"))
        .singleElement()
        .satisfies(e -> assertThat(e.pointer()).isEmpty());
    List<RequestError> dup = errors(q("{'asOf':'2026-11-22','asOf':'2026-11-23'}"));
    assertThat(dup)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEmpty();
              assertThat(e.reason()).contains("Duplicate field 'asOf'");
            });
  }

  @Test
  void rootMustBeAnObject() {
    assertThat(errors("[1, 2]"))
        .containsExactly(error("", List.of(1, 2), "the request must be a JSON object"));
    assertThat(errors("\"text\""))
        .containsExactly(error("", "text", "the request must be a JSON object"));
    assertThat(errors(""))
        .containsExactly(error("", null, "the request is empty; expected a JSON object"));
    assertThat(errors("   ")).singleElement().satisfies(e -> assertThat(e.pointer()).isEmpty());
  }

  @Test
  void requiredFieldsMissingOrNull() {
    assertThat(errors(q("{'asOf':null}")))
        .containsExactly(
            error("/asOf", null, "asOf is required"),
            error("/subject", null, "subject is required"),
            error("/facts", null, "facts is required"));
    assertThat(
            errors(q("{'asOf':'2026-11-22','subject':{'type':'ENTERPRISE','id':null},'facts':[]}")))
        .containsExactly(error("/subject/id", null, "id is required"));
    assertThat(errors(withFacts(q("{'id':'f1','type':'TAX_GRADE','grade':'B'}"))))
        .containsExactly(
            error("/facts/0/year", null, "year is required"),
            error("/facts/0/publishedOn", null, "publishedOn is required"));
    assertThat(errors(withFacts(q("{'type':'WAGE_ARREARS_LISTING','decidedOn':'2025-01-01'}"))))
        .containsExactly(error("/facts/0/id", null, "id is required"));
  }

  @Test
  void unknownFieldsAtEveryLevel() {
    String text =
        q(
            "{'asOf':'2026-11-22','subject':{'id':'91110108MA01TAX03C','type':'ENTERPRISE','nmae':'x'},"
                + "'facts':["
                + PENALTY
                + ",{'id':'f2','type':'ADMIN_PENALTY','sector':'tax',"
                + "'decidedOn':'2026-05-10','severity':'GENERAL','fulfiledOn':'2026-05-20','a/b~':1}],"
                + "'extra':true}");
    assertThat(errors(text))
        .containsExactly(
            error("/subject/nmae", "x", "unknown field"),
            error("/extra", true, "unknown field"),
            error("/facts/1/fulfiledOn", "2026-05-20", "unknown field"),
            error("/facts/1/a~1b~0", 1, "unknown field"));
  }

  @Test
  void aFieldOfAnotherFactTypeIsUnknown() {
    assertThat(
            errors(
                withFacts(
                    q(
                        "{'id':'f1','type':'JUDGMENT_DEFAULTER','listedOn':'2025-01-01','decidedOn':'2025-01-01'}"))))
        .containsExactly(error("/facts/0/decidedOn", "2025-01-01", "unknown field"));
  }

  @Test
  void requestIdMustBeAString() {
    assertThat(errors(q("{'requestId':7,'asOf':'2026-11-22'," + SUBJECT + ",'facts':[]}")))
        .containsExactly(error("/requestId", 7, "requestId must be a string"));
  }

  @Test
  void integerFieldsMustBeJsonIntegers() {
    assertThat(
            errors(
                withFacts(
                    q(
                        "{'id':'f1','type':'TAX_GRADE','year':2025.0,'grade':'B','publishedOn':'2026-04-20'}"),
                    q(
                        "{'id':'f2','type':'LABOR_GRADE','year':'2025','grade':'B','publishedOn':'2026-04-20'}"),
                    q(
                        "{'id':'f3','type':'JUDGMENT_DEFAULTER','listedOn':'2025-01-01','termYears':true}"),
                    q(
                        "{'id':'f4','type':'WAGE_ARREARS_CASE','foundOn':'2025-01-01','workers':1e2}"),
                    q(
                        "{'id':'f5','type':'MAJOR_LABOR_VIOLATION','decidedOn':'2025-01-01','category':99999999999}"))))
        .containsExactly(
            error("/facts/0/year", new BigDecimal("2025.0"), "year must be a JSON integer"),
            error("/facts/1/year", "2025", "year must be a JSON integer"),
            error("/facts/2/termYears", true, "termYears must be a JSON integer"),
            error("/facts/3/workers", new BigDecimal("1e2"), "workers must be a JSON integer"),
            error("/facts/4/category", 99999999999L, "category is out of range"));
  }

  @Test
  void datesMustExistAndBeStrings() {
    assertThat(
            errors(
                q(
                    "{'asOf':'2026-13-01','subject':{'id':'91110108MA01TAX03C','type':'ENTERPRISE',"
                        + "'establishedOn':20190301},'facts':[{'id':'f1','type':'LABOR_GRADE','year':2025,"
                        + "'grade':'B','publishedOn':'2026-02-30'},{'id':'f2','type':'WAGE_ARREARS_LISTING',"
                        + "'decidedOn':'2026-2-3'}]}")))
        .containsExactly(
            error("/asOf", "2026-13-01", "2026-13-01 is not a calendar date"),
            error(
                "/subject/establishedOn",
                20190301,
                "establishedOn must be a date string yyyy-MM-dd"),
            error("/facts/0/publishedOn", "2026-02-30", "2026-02-30 is not a calendar date"),
            error("/facts/1/decidedOn", "2026-2-3", "decidedOn must be a date string yyyy-MM-dd"));
  }

  @Test
  void unknownFactTypeStopsTheFactButNotTheTypos() {
    // without a type only a field of no fact type at all is surely unknown: 'whatever' is reported,
    // 'decidedOn' (a field of several types) is not judged
    List<RequestError> errors =
        errors(withFacts(q("{'id':'f1','type':'TAX_RATING','whatever':1,'decidedOn':'x'}")));
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).pointer()).isEqualTo("/facts/0/type");
    assertThat(errors.get(0).value()).isEqualTo("TAX_RATING");
    assertThat(errors.get(0).reason())
        .startsWith("unknown fact type TAX_RATING; expected one of ADMIN_PENALTY, ");
    assertThat(errors.get(1)).isEqualTo(error("/facts/0/whatever", 1, "unknown field"));
    assertThat(errors(withFacts(q("{'id':'f1'}"))))
        .containsExactly(error("/facts/0/type", null, "type is required"));
  }

  @Test
  void aFactMissingAFieldStillHasItsTargetChecked() {
    assertThat(
            errors(
                withFacts(
                    q("{'id':'c1','type':'CREDIT_COMMITMENT','target':'zz'}"),
                    q("{'id':'r1','type':'ENV_RECTIFICATION','target':'c1','verifiedOn':3}"))))
        .containsExactly(
            error("/facts/0/madeOn", null, "madeOn is required"),
            error("/facts/0/target", "zz", "target zz names no fact in the request"),
            error("/facts/1/verifiedOn", 3, "verifiedOn must be a date string yyyy-MM-dd"),
            error(
                "/facts/1/target",
                "c1",
                "target c1 is a CREDIT_COMMITMENT; it must be an ENV_GRADE"));
  }

  @Test
  void unknownCodes() {
    String text =
        q(
            "{'asOf':'2026-11-22','subject':{'id':'91110108MA01TAX03C','type':'enterprise'},"
                + "'areas':['bidding','BIDDING',3],'facts':[{'id':'f1','type':'ADMIN_PENALTY','sector':'FOOD_DRUG',"
                + "'decidedOn':'2026-05-10','severity':'LIGHT','kinds':['FINE','fine']},"
                + "{'id':'f2','type':'RESEARCH_MISCONDUCT','decidedOn':'2025-01-01','misconduct':'RM-01',"
                + "'severity':'GENERAL'}]}");
    List<RequestError> errors = errors(text);
    assertThat(errors)
        .extracting(RequestError::pointer)
        .containsExactly(
            "/subject/type",
            "/areas/0",
            "/areas/2",
            "/facts/0/sector",
            "/facts/0/severity",
            "/facts/0/kinds/1",
            "/facts/1/severity");
    assertThat(errors.get(0).reason())
        .isEqualTo(
            "unknown subject type enterprise; expected one of ENTERPRISE, INDIVIDUAL_BUSINESS,"
                + " FARMER_COOP, PUBLIC_INSTITUTION, SOCIAL_ORG, GOVERNMENT_AGENCY, NATURAL_PERSON");
    assertThat(errors.get(2).reason())
        .startsWith("area must be a string; expected one of PUBLIC_PROCUREMENT");
    assertThat(errors.get(3).reason())
        .startsWith("unknown sector FOOD_DRUG; expected one of market, tax, labor,");
    assertThat(errors.get(4).reason())
        .isEqualTo("unknown severity LIGHT; expected one of MINOR, GENERAL, SERIOUS");
    assertThat(errors.get(5).value()).isEqualTo("fine");
    assertThat(errors.get(6).reason())
        .isEqualTo("unknown severity GENERAL; expected one of LIGHT, SERIOUS, GRAVE");
  }

  @Test
  void wrongJsonTypes() {
    String text =
        withFacts(
            q(
                "{'id':'f1','type':'ADMIN_PENALTY','sector':'tax','decidedOn':'2026-05-10','severity':'MINOR',"
                    + "'published':'true','fine':'50000','authority':5,'documentNo':['x'],'kinds':'FINE'}"),
            q(
                "{'id':7,'type':'TAX_GRADE','year':2025,'grade':2,'publishedOn':'2026-04-20','score':'high'}"));
    assertThat(errors(text))
        .containsExactly(
            error("/facts/0/published", "true", "published must be true or false"),
            error("/facts/0/fine", "50000", "fine must be a JSON number"),
            error("/facts/0/authority", 5, "authority must be a string"),
            error("/facts/0/documentNo", List.of("x"), "documentNo must be a string"),
            error("/facts/0/kinds", "FINE", "kinds must be an array"),
            error("/facts/1/id", 7, "id must be a string"),
            error("/facts/1/grade", 2, "grade must be a string"),
            error("/facts/1/score", "high", "score must be a JSON number"));
  }

  @Test
  void containersOfTheWrongType() {
    assertThat(
            errors(
                q(
                    "{'asOf':'2026-11-22','subject':'91110108MA01TAX03C','areas':'BIDDING','facts':{}}")))
        .containsExactly(
            error("/subject", "91110108MA01TAX03C", "subject must be an object"),
            error("/areas", "BIDDING", "areas must be an array"),
            error("/facts", Map.of(), "facts must be an array"));
    assertThat(errors(withFacts(q(PENALTY), "42", "[]")))
        .containsExactly(
            error("/facts/1", 42, "a fact must be a JSON object"),
            error("/facts/2", List.of(), "a fact must be a JSON object"));
  }

  @Test
  void emptyAreasIsASemanticError() {
    assertThat(errors(q("{'asOf':'2026-11-22'," + SUBJECT + ",'areas':[],'facts':[]}")))
        .containsExactly(
            error("/areas", List.of(), "areas must not be empty; omit it to get every outcome"));
  }

  @Test
  void allProblemsReportedTogetherInOrder() {
    String text =
        q(
            "{'asOf':'2026-11-22','subject':{'id':'91350211M000100Y43','type':'ENTERPRISE'},'facts':["
                + PENALTY
                + ","
                + "{'id':'f2','type':'ADMIN_PENALTY','sector':'tax','decidedOn':'2026-05-10','severity':'GENERAL',"
                + "'fulfiledOn':'2026-05-20'},"
                + "{'id':'f3','type':'WAGE_ARREARS_LISTING','decidedOn':'2026-02-30'}]}");
    assertThat(errors(text))
        .containsExactly(
            error("/subject/id", "91350211M000100Y43", "check character must be 6"),
            error("/facts/1/fulfiledOn", "2026-05-20", "unknown field"),
            error("/facts/2/decidedOn", "2026-02-30", "2026-02-30 is not a calendar date"));
  }

  @Test
  void structuralAndSemanticProblemsMergeInTheContractsOrder() {
    String text =
        q(
            "{'facts':["
                + "{'id':'f1','type':'TAX_GRADE','year':2026,'grade':'C','publishedOn':'2026-04-20',"
                + "'directReason':3,'foo':1},"
                + "{'id':'f1','type':'ADMIN_PENALTY','sector':'tax','severity':'GENERAL'},"
                + "{'id':'f3','type':'CREDIT_COMMITMENT','madeOn':'2026-05-01','target':'f9'}],"
                + "'areas':[],'requestId':1,'zzz':0,"
                + "'subject':{'type':'SOCIAL_ORG','id':'91350100M000100Y43','name':false},'asOf':'2026-11-22'}");
    assertThat(errors(text))
        .extracting(RequestError::pointer)
        .containsExactly(
            "/requestId",
            "/subject/name",
            "/subject/type",
            "/areas",
            "/zzz",
            "/facts/0/foo",
            "/facts/0/year",
            "/facts/0/directReason",
            "/facts/1/decidedOn",
            "/facts/1/id",
            "/facts/2/target");
  }

  @Test
  void partlyParsedFactsStillCountForIdsTargetsAndSubjectTypes() {
    String text =
        q(
            "{'asOf':'2026-11-22','subject':{'id':'110108198001150018','type':'NATURAL_PERSON'},'facts':["
                + "{'id':'p1','type':'ADMIN_PENALTY','sector':'tax','severity':'GENERAL'},"
                + "{'id':'k1','type':'CREDIT_COMMITMENT','madeOn':'2026-05-01','target':'p1'},"
                + "{'id':'p1','type':'TAX_GRADE','year':'x'},"
                + "{'id':'w1','type':'WAGE_ARREARS_CASE','foundOn':'2026-02-30'},"
                + "{'id':'k2','type':'CREDIT_COMMITMENT','madeOn':'2026-05-01','target':'w1'}]}");
    List<RequestError> errors = errors(text);
    assertThat(errors)
        .extracting(RequestError::pointer)
        .containsExactly(
            "/facts/0/decidedOn",
            "/facts/2/year",
            "/facts/2/grade",
            "/facts/2/publishedOn",
            "/facts/2/id",
            "/facts/2/type",
            "/facts/3/foundOn",
            "/facts/4/target");
  }

  @Test
  void invalidOptionalFieldsDoNotHideSemanticChecks() {
    String text =
        withFacts(
            q(
                "{'id':'f1','type':'ADMIN_PENALTY','sector':'tax','decidedOn':'2026-05-10','severity':'GENERAL',"
                    + "'fine':'x','published':false}"));
    assertThat(errors(text))
        .extracting(RequestError::pointer)
        .containsExactly("/facts/0/fine", "/facts/0/published");
  }
}
