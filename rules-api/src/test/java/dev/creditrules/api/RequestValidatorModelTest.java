package dev.creditrules.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator knows no fact type: a sector that exists nowhere else, declared here, gets every
 * check from its declaration, with generated reasons where it declares none.
 */
class RequestValidatorModelTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
  static final Subject ENTERPRISE = Subject.of("91110108MA01TAX03C", SubjectType.ENTERPRISE);

  static final FactModel HARBOUR =
      new FactModel(
          List.of(
              type(
                  "HARBOUR_GRADE",
                  List.of(SubjectType.ENTERPRISE),
                  "publishedOn",
                  new GradeScheme(
                      "year",
                      "level",
                      "publishedOn",
                      List.of("GOLD", "SILVER", "RUST"),
                      List.of("GOLD"),
                      null),
                  new Repairable("level", List.of("RUST"), "rusty harbour grade"),
                  null,
                  List.of(
                      field("year", FieldKind.INTEGER, Presence.REQUIRED, 1L, null, null, null),
                      field("level", FieldKind.TEXT, Presence.REQUIRED, null, null, null, null),
                      field(
                          "publishedOn", FieldKind.DATE, Presence.REQUIRED, null, null, null, null),
                      field(
                          "berth", FieldKind.TEXT, Presence.OPTIONAL, null, null, "B[0-9]", null)),
                  List.of(
                      new Check.YearOver("year", "publishedOn", null),
                      new Check.Unique("year", List.of("berth"), null))),
              type(
                  "PORT_LISTING",
                  List.of(SubjectType.values()),
                  "listedOn",
                  null,
                  new Repairable(null, null, "port listing"),
                  null,
                  List.of(
                      field("listedOn", FieldKind.DATE, Presence.REQUIRED, null, null, null, null),
                      field(
                          "tonnage", FieldKind.INTEGER, Presence.OPTIONAL, null, 500L, null, null),
                      new FieldDecl(
                          "kind",
                          FieldKind.ENUMERATION,
                          Presence.DEFAULTED,
                          "SMALL",
                          List.of("SMALL", "LARGE"),
                          "vessel class",
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null),
                      field("crane", FieldKind.BOOLEAN, Presence.OPTIONAL, null, null, null, null),
                      field(
                          "craneCount",
                          FieldKind.INTEGER,
                          Presence.OPTIONAL,
                          null,
                          null,
                          null,
                          null),
                      new FieldDecl(
                          "vessel",
                          FieldKind.TEXT,
                          Presence.OPTIONAL,
                          null,
                          null,
                          null,
                          null,
                          null,
                          List.of("A1", "A2"),
                          null,
                          null,
                          null,
                          null,
                          null),
                      new FieldDecl(
                          "banYears",
                          FieldKind.INTEGER,
                          Presence.OPTIONAL,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          new FieldDecl.YearsFrom("listedOn", null),
                          null,
                          null),
                      field(
                          "clearedOn", FieldKind.DATE, Presence.OPTIONAL, null, null, null, null)),
                  List.of(
                      new Check.OnlyWhen("crane", "kind", List.of("LARGE"), null),
                      new Check.Exclusive(
                          "crane",
                          "craneCount",
                          "{id}: {field} {value} and craneCount {craneCount} in a {type}"),
                      new Check.NotBefore(
                          "clearedOn", "listedOn", "{field} {value} precedes {listedOn}"))),
              type(
                  "HARBOUR_WAIVER",
                  List.of(SubjectType.values()),
                  "grantedOn",
                  null,
                  null,
                  new GrantRole("record", "grantedOn", null, "newLevel"),
                  List.of(
                      field("grantedOn", FieldKind.DATE, Presence.REQUIRED, null, null, null, null),
                      reference("inspection", List.of("PORT_LISTING", "HARBOUR_GRADE"), null),
                      reference("record", List.of(), null),
                      field("newLevel", FieldKind.TEXT, Presence.OPTIONAL, null, null, null, null),
                      reference(
                          "note",
                          List.of("PORT_LISTING"),
                          "{field} {target} is a {what}, which {id} cannot name")),
                  List.of(new Check.NotBeforeTarget("grantedOn", "record", null)))));

  static FactTypeDecl type(
      String name,
      List<SubjectType> subjects,
      String ownDate,
      GradeScheme grade,
      Repairable repairable,
      GrantRole grant,
      List<FieldDecl> fields,
      List<Check> checks) {
    return new FactTypeDecl(
        name,
        name,
        "harbour",
        null,
        subjects,
        fields,
        ownDate,
        false,
        ownDate,
        grade,
        repairable,
        grant,
        null,
        checks);
  }

  static FieldDecl field(
      String name,
      FieldKind kind,
      Presence presence,
      Long min,
      Long max,
      String pattern,
      String message) {
    return new FieldDecl(
        name, kind, presence, null, null, null, min, max, null, pattern, message, null, null, null);
  }

  static FieldDecl reference(String name, List<String> to, String message) {
    Presence presence = name.equals("record") ? Presence.REQUIRED : Presence.OPTIONAL;
    return new FieldDecl(
        name,
        FieldKind.REFERENCE,
        presence,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new FieldDecl.Reference(to, message),
        null);
  }

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static Fact grade(String id, int year, String level, String publishedOn, String berth) {
    return Fact.builder("HARBOUR_GRADE", id)
        .set("year", year)
        .set("level", level)
        .set("publishedOn", d(publishedOn))
        .set("berth", berth)
        .build();
  }

  static Fact listing(String id, String listedOn, Object... values) {
    Fact.Builder b = Fact.builder("PORT_LISTING", id).set("listedOn", d(listedOn));
    for (int i = 0; i < values.length; i += 2) {
      b.set((String) values[i], values[i + 1]);
    }
    return b.build();
  }

  static Fact waiver(String id, String record, String grantedOn, Object... values) {
    Fact.Builder b =
        Fact.builder("HARBOUR_WAIVER", id).set("record", record).set("grantedOn", d(grantedOn));
    for (int i = 0; i < values.length; i += 2) {
      b.set((String) values[i], values[i + 1]);
    }
    return b.build();
  }

  static List<RequestError> errors(Fact... facts) {
    return RequestValidator.validate(Request.of(AS_OF, ENTERPRISE, Arrays.asList(facts)), HARBOUR);
  }

  static RequestError error(String pointer, Object value, String reason) {
    return new RequestError(pointer, value, reason);
  }

  @Test
  void aValidHarbourRequest() {
    assertThat(
            errors(
                grade("g1", 2024, "RUST", "2025-03-01", "B1"),
                grade("g2", 2024, "GOLD", "2025-03-01", "B2"),
                listing("p1", "2025-01-01", "kind", "LARGE", "crane", true, "tonnage", 500),
                waiver("w1", "g1", "2025-04-01", "newLevel", "SILVER", "inspection", "g2"),
                waiver("w2", "p1", "2025-04-01", "note", "p1")))
        .isEmpty();
  }

  @Test
  void gradeSchemeChecksWithGeneratedReasons() {
    assertThat(
            errors(
                grade("g1", 2024, "RUST", "2025-03-01", "B1"),
                grade("g2", 2024, "BRONZE", "2025-03-01", "B1"),
                grade("g3", 2024, "GOLD", "2025-03-01", "B2"),
                grade("g4", 2025, "GOLD", "2025-03-01", "dock"),
                grade("g5", 0, "GOLD", "2025-03-01", null)))
        .containsExactly(
            error(
                "/facts/1/year",
                2024,
                "/facts/0 is already a HARBOUR_GRADE for year 2024 and berth B1;"
                    + " one HARBOUR_GRADE per year and berth"),
            error("/facts/1/level", "BRONZE", "level must be one of GOLD, SILVER, RUST"),
            error(
                "/facts/3/year",
                2025,
                "a grade for year 2025 cannot be published on 2025-03-01, before the year is over"),
            error("/facts/3/berth", "dock", "berth must match B[0-9]"),
            error("/facts/4/year", 0, "year must be 1 or more"));
  }

  @Test
  void fieldChecksWithGeneratedAndDeclaredReasons() {
    assertThat(
            errors(
                listing("p1", "2025-01-01", "tonnage", 501, "vessel", "B7", "crane", false),
                listing("p2", "2025-01-01", "kind", "LARGE", "crane", true, "craneCount", 2),
                listing("p3", "9990-01-01", "banYears", 10, "clearedOn", d("2024-12-31"))))
        .containsExactly(
            error("/facts/0/tonnage", 501, "tonnage must be 500 or less"),
            error("/facts/0/crane", false, "crane is only allowed when kind is LARGE, not SMALL"),
            error("/facts/0/vessel", "B7", "vessel must be one of A1, A2"),
            error("/facts/1/crane", true, "p2: crane true and craneCount 2 in a PORT_LISTING"),
            error(
                "/facts/2/banYears",
                10,
                "banYears too large: listedOn plus 10 years passes 9999-12-31"),
            error("/facts/2/clearedOn", "2024-12-31", "clearedOn 2024-12-31 precedes 9990-01-01"));
  }

  @Test
  void referencesAndTheGrantsNewLevel() {
    assertThat(
            errors(
                grade("g1", 2024, "SILVER", "2025-03-01", null),
                grade("g2", 2023, "RUST", "2024-03-01", null),
                listing("p1", "2025-01-01"),
                waiver("w1", "g1", "2025-04-01"),
                waiver("w2", "g2", "2024-01-01", "newLevel", "GOLD", "inspection", "w1"),
                waiver("w3", "p1", "2025-04-01", "newLevel", "SILVER", "note", "g2"),
                waiver("w4", "zz", "2025-04-01", "newLevel", "PLATINUM")))
        .containsExactly(
            error(
                "/facts/3/record",
                "g1",
                "record g1 is a HARBOUR_GRADE SILVER, not a repairable record"
                    + " (a rusty harbour grade or port listing)"),
            error(
                "/facts/4/inspection",
                "w1",
                "inspection w1 is a HARBOUR_WAIVER; it must be one of PORT_LISTING, HARBOUR_GRADE"),
            error(
                "/facts/4/grantedOn",
                "2024-01-01",
                "grantedOn 2024-01-01 is before publishedOn 2024-03-01 of target g2"),
            error("/facts/4/newLevel", "GOLD", "newLevel must not be GOLD for a HARBOUR_GRADE"),
            error("/facts/5/note", "g2", "note g2 is a HARBOUR_GRADE RUST, which w3 cannot name"),
            error(
                "/facts/5/newLevel",
                "SILVER",
                "newLevel is only allowed when the target is a grade; p1 is a PORT_LISTING"),
            error("/facts/6/record", "zz", "record zz names no fact in the request"));
  }

  @Test
  void aPartialFactStillHasItsTargetChecked() {
    List<FactSlot> slots =
        List.of(
            FactSlot.of(listing("p1", "2025-01-01")),
            FactSlot.partial("w1", "HARBOUR_WAIVER", "zz"),
            FactSlot.partial("w2", "HARBOUR_WAIVER", "w1"),
            FactSlot.partial("w3", "HARBOUR_WAIVER", "p1"));
    assertThat(RequestValidator.validate(AS_OF, null, null, null, slots, HARBOUR))
        .containsExactly(
            error("/facts/1/record", "zz", "record zz names no fact in the request"),
            error(
                "/facts/2/record",
                "w1",
                "record w1 is a HARBOUR_WAIVER, not a repairable record"
                    + " (a rusty harbour grade or port listing)"));
  }

  @Test
  void aTypeNotAllowedForTheSubject() {
    assertThat(
            RequestValidator.validate(
                Request.of(
                    AS_OF,
                    Subject.of("110108198001150018", SubjectType.NATURAL_PERSON),
                    List.of(grade("g1", 2024, "GOLD", "2025-03-01", null))),
                HARBOUR))
        .containsExactly(
            error(
                "/facts/0/type",
                "HARBOUR_GRADE",
                "HARBOUR_GRADE is allowed for ENTERPRISE only, not for a NATURAL_PERSON"));
    assertThat(errors(grade("g1", 2024, "GOLD", "2025-03-01", null))).isEmpty();
  }

  @Test
  void repairabilityComesFromTheDeclaration() {
    assertThat(RequestValidator.isRepairable(grade("g", 2024, "RUST", "2025-01-01", null), HARBOUR))
        .isTrue();
    assertThat(RequestValidator.isRepairable(grade("g", 2024, "GOLD", "2025-01-01", null), HARBOUR))
        .isFalse();
    assertThat(RequestValidator.isRepairable(listing("p", "2025-01-01"), HARBOUR)).isTrue();
    assertThat(RequestValidator.isRepairable(waiver("w", "p", "2025-01-01"), HARBOUR)).isFalse();
    assertThat(RequestValidator.isRepairable(Fact.builder("UNKNOWN", "u").build(), HARBOUR))
        .isFalse();
  }
}
