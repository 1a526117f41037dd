package dev.creditrules.drl;

import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.FieldKind;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.api.model.Presence;
import dev.creditrules.api.model.Repairable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The shipped fact types (src/main/packs/&#42;/types.yaml, in fact-order.yaml's order) written out
 * by hand, for tests that run while the runtime's FactModelReader is being written. Switch to the
 * reader once it exists.
 */
final class HandBuiltFactModel {
  private HandBuiltFactModel() {}

  static final List<SubjectType> ANY = List.of(SubjectType.values());
  static final List<SubjectType> ORGANISATIONS =
      List.copyOf(EnumSet.complementOf(EnumSet.of(SubjectType.NATURAL_PERSON)));

  static final String NOT_REPAIRABLE =
      "target {target} is a {what}, not a repairable record (a penalty, listing, C/D tax grade,"
          + " C labour grade, yellow/red/black environmental grade, violation, misconduct or"
          + " defaulter)";

  static FactModel model() {
    List<FactTypeDecl> types = new ArrayList<>();
    types.add(
        type("ADMIN_PENALTY", "AdminPenalty", "general", ANY, "decidedOn", "decidedOn", false)
            .repairable(new Repairable(null, null, "penalty"))
            .sector("sector")
            .fields(
                enumeration(
                    "sector", Presence.REQUIRED, null,
                    "market", "tax", "labor", "environment", "research", "food_drug",
                    "construction_quality", "production_safety", "fire_safety", "other"),
                field("decidedOn", FieldKind.DATE, Presence.REQUIRED),
                enumeration("severity", Presence.REQUIRED, null, "MINOR", "GENERAL", "SERIOUS"),
                new FieldDecl(
                    "kinds", FieldKind.ENUMERATION_LIST, Presence.OPTIONAL, null,
                    List.of(
                        "WARNING", "CRITICISM", "FINE", "CONFISCATION", "LICENSE_SUSPENSION",
                        "LICENSE_REVOCATION", "PRODUCTION_SUSPENSION", "EMPLOYMENT_RESTRICTION",
                        "DETENTION"),
                    "penalty kind", null, null, null, null, null, null, null, null),
                field("fine", FieldKind.DECIMAL, Presence.OPTIONAL),
                field("fulfilledOn", FieldKind.DATE, Presence.OPTIONAL),
                field("published", FieldKind.BOOLEAN, Presence.OPTIONAL),
                field("specialSerious", FieldKind.BOOLEAN, Presence.OPTIONAL))
            .checks(
                new Check.NotBefore("fulfilledOn", "decidedOn", null),
                new Check.OnlyWhen(
                    "published", "severity", List.of("MINOR"),
                    "published is only allowed on a MINOR penalty, not on a {severity}"),
                new Check.OnlyWhen(
                    "specialSerious", "severity", List.of("SERIOUS"),
                    "specialSerious is only allowed on a SERIOUS penalty, not on a {severity}"))
            .build());
    types.add(
        type("CREDIT_COMMITMENT", "CreditCommitment", "general", ANY, "madeOn", "madeOn", false)
            .fields(
                field("madeOn", FieldKind.DATE, Presence.REQUIRED),
                reference("target", List.of(), NOT_REPAIRABLE),
                field("breachedOn", FieldKind.DATE, Presence.OPTIONAL))
            .checks(new Check.NotBeforeTarget("madeOn", "target", null))
            .build());
    types.add(
        type("REPAIR_GRANTED", "RepairGranted", "general", ANY, "grantedOn", "grantedOn", false)
            .grant(new GrantRole("target", "grantedOn", "revokedOn", "newGrade"))
            .fields(
                reference("target", List.of(), NOT_REPAIRABLE),
                field("grantedOn", FieldKind.DATE, Presence.REQUIRED),
                field("newGrade", FieldKind.TEXT, Presence.OPTIONAL),
                field("revokedOn", FieldKind.DATE, Presence.OPTIONAL))
            .checks(
                new Check.NotBeforeTarget("grantedOn", "target", null),
                new Check.NotBefore("revokedOn", "grantedOn", null))
            .build());
    types.add(
        type("TAX_GRADE", "TaxGrade", "tax", ORGANISATIONS, "year", "publishedOn", true)
            .grade(
                new GradeScheme(
                    "year", "grade", "publishedOn", List.of("A", "B", "M", "C", "D"), List.of("A"),
                    "newGrade must not be A for a tax grade"))
            .repairable(new Repairable("grade", List.of("C", "D"), "C/D tax grade"))
            .fields(
                integer("year", Presence.REQUIRED, null, 1L, null),
                field("grade", FieldKind.TEXT, Presence.REQUIRED),
                field("publishedOn", FieldKind.DATE, Presence.REQUIRED),
                field("score", FieldKind.DECIMAL, Presence.OPTIONAL),
                integer("directReason", Presence.OPTIONAL, null, 1L, 13L),
                field("correctedOn", FieldKind.DATE, Presence.OPTIONAL))
            .checks(
                new Check.YearOver("year", "publishedOn", null),
                new Check.Unique("year", null, null),
                new Check.OnlyWhen(
                    "directReason", "grade", List.of("D"),
                    "directReason is only allowed on a D grade, not on {grade}"),
                new Check.NotBefore("correctedOn", "publishedOn", null))
            .build());
    types.add(
        type("TAX_SERIOUS_LISTING", "TaxSeriousListing", "tax-serious", ANY, "servedOn",
                "servedOn", false)
            .repairable(new Repairable(null, null, "listing"))
            .fields(
                field("servedOn", FieldKind.DATE, Presence.REQUIRED),
                field("publishedOn", FieldKind.DATE, Presence.REQUIRED),
                field("paidInFullOn", FieldKind.DATE, Presence.OPTIONAL),
                integer("priorListingsIn5Years", Presence.DEFAULTED, 0, 0L, null))
            .checks(
                new Check.NotBefore("publishedOn", "servedOn", null),
                new Check.NotBefore("paidInFullOn", "servedOn", null))
            .build());
    types.add(
        type("LABOR_GRADE", "LaborGrade", "labor", ORGANISATIONS, "year", "publishedOn", true)
            .grade(
                new GradeScheme("year", "grade", "publishedOn", List.of("A", "B", "C"), null, null))
            .repairable(new Repairable("grade", List.of("C"), "C labour grade"))
            .fields(
                integer("year", Presence.REQUIRED, null, 1L, null),
                field("grade", FieldKind.TEXT, Presence.REQUIRED),
                field("publishedOn", FieldKind.DATE, Presence.REQUIRED))
            .checks(
                new Check.YearOver("year", "publishedOn", null), new Check.Unique("year", null, null))
            .build());
    types.add(
        type("WAGE_ARREARS_LISTING", "WageArrearsListing", "labor", ANY, "decidedOn", "decidedOn",
                false)
            .repairable(new Repairable(null, null, "listing"))
            .fields(
                field("decidedOn", FieldKind.DATE, Presence.REQUIRED),
                field("paidInFullOn", FieldKind.DATE, Presence.OPTIONAL))
            .checks(new Check.NotBefore("paidInFullOn", "decidedOn", null))
            .build());
    types.add(
        type("WAGE_ARREARS_CASE", "WageArrearsCase", "labor", ANY, "foundOn", "foundOn", false)
            .fields(
                field("foundOn", FieldKind.DATE, Presence.REQUIRED),
                field("amount", FieldKind.DECIMAL, Presence.OPTIONAL),
                integer("workers", Presence.OPTIONAL, null, null, null))
            .build());
    types.add(
        type("MAJOR_LABOR_VIOLATION", "MajorLaborViolation", "labor", ORGANISATIONS, "decidedOn",
                "decidedOn", false)
            .repairable(new Repairable(null, null, "violation"))
            .fields(
                field("decidedOn", FieldKind.DATE, Presence.REQUIRED),
                integer("category", Presence.REQUIRED, null, 1L, 7L))
            .build());
    types.add(
        type("ENV_GRADE", "EnvGrade", "environment", ORGANISATIONS, "year", "publishedOn", true)
            .grade(
                new GradeScheme(
                    "year", "grade", "publishedOn", List.of("GREEN", "BLUE", "YELLOW", "RED", "BLACK"),
                    null, null))
            .repairable(
                new Repairable(
                    "grade", List.of("YELLOW", "RED", "BLACK"), "yellow/red/black environmental grade"))
            .fields(
                integer("year", Presence.REQUIRED, null, 1L, null),
                field("grade", FieldKind.TEXT, Presence.REQUIRED),
                field("publishedOn", FieldKind.DATE, Presence.REQUIRED),
                new FieldDecl(
                    "province", FieldKind.TEXT, Presence.OPTIONAL, null, null, null, null, null, null,
                    "[0-9]{2}", "province must be a 2-digit province code", null, null, null))
            .checks(
                new Check.YearOver("year", "publishedOn", null), new Check.Unique("year", null, null))
            .build());
    types.add(
        type("ENV_RECTIFICATION", "EnvRectification", "environment", ORGANISATIONS, "verifiedOn",
                "verifiedOn", false)
            .fields(
                reference("target", List.of("ENV_GRADE"), null),
                field("verifiedOn", FieldKind.DATE, Presence.REQUIRED))
            .checks(new Check.NotBeforeTarget("verifiedOn", "target", null))
            .build());
    types.add(
        type("RESEARCH_MISCONDUCT", "ResearchMisconduct", "research",
                List.of(
                    SubjectType.NATURAL_PERSON, SubjectType.PUBLIC_INSTITUTION,
                    SubjectType.ENTERPRISE, SubjectType.SOCIAL_ORG),
                "decidedOn", "decidedOn", false)
            .repairable(new Repairable(null, null, "misconduct"))
            .fields(
                field("decidedOn", FieldKind.DATE, Presence.REQUIRED),
                new FieldDecl(
                    "misconduct", FieldKind.TEXT, Presence.REQUIRED, null, null, null, null, null,
                    List.of("RM-01", "RM-02", "RM-03", "RM-04", "RM-05", "RM-06", "RM-07", "RM-08"),
                    null, "misconduct must be one of RM-01 ... RM-08", null, null, null),
                enumeration("severity", Presence.REQUIRED, null, "LIGHT", "SERIOUS", "GRAVE"),
                new FieldDecl(
                    "banYears", FieldKind.INTEGER, Presence.OPTIONAL, null, null, null, 1L, null,
                    null, null, null,
                    new FieldDecl.YearsFrom(
                        "decidedOn", "banYears too large: the ban would end after 9999-12-31"),
                    null, null),
                bool("permanent"),
                bool("aggravated"),
                bool("awardRevoked"))
            .checks(
                new Check.Exclusive(
                    "permanent", "banYears",
                    "a permanent ban has no banYears; give either permanent or banYears"))
            .build());
    types.add(
        type("JUDGMENT_DEFAULTER", "JudgmentDefaulter", "joint", ANY, "listedOn", "listedOn", false)
            .repairable(new Repairable(null, null, "defaulter"))
            .fields(
                field("listedOn", FieldKind.DATE, Presence.REQUIRED),
                integer("termYears", Presence.DEFAULTED, 2, 1L, 5L),
                field("fulfilledOn", FieldKind.DATE, Presence.OPTIONAL))
            .checks(new Check.NotBefore("fulfilledOn", "listedOn", null))
            .build());
    return new FactModel(types);
  }

  static FieldDecl field(String name, FieldKind kind, Presence presence) {
    return new FieldDecl(
        name, kind, presence, null, null, null, null, null, null, null, null, null, null, null);
  }

  static FieldDecl integer(String name, Presence presence, Integer dflt, Long min, Long max) {
    return new FieldDecl(
        name, FieldKind.INTEGER, presence, dflt, null, null, min, max, null, null, null, null, null,
        null);
  }

  static FieldDecl bool(String name) {
    return new FieldDecl(
        name, FieldKind.BOOLEAN, Presence.DEFAULTED, false, null, null, null, null, null, null,
        null, null, null, null);
  }

  static FieldDecl enumeration(String name, Presence presence, String what, String... values) {
    return new FieldDecl(
        name, FieldKind.ENUMERATION, presence, null, List.of(values), what, null, null, null, null,
        null, null, null, null);
  }

  static FieldDecl reference(String name, List<String> to, String message) {
    return new FieldDecl(
        name, FieldKind.REFERENCE, Presence.REQUIRED, null, null, null, null, null, null, null,
        null, null, new FieldDecl.Reference(to, message), null);
  }

  static TypeBuilder type(
      String name,
      String className,
      String pack,
      List<SubjectType> subjects,
      String ownDate,
      String start,
      boolean yearEnd) {
    return new TypeBuilder(name, className, pack, subjects, ownDate, start, yearEnd);
  }

  static final class TypeBuilder {
    final String name;
    final String className;
    final String pack;
    final List<SubjectType> subjects;
    final String ownDate;
    final String start;
    final boolean yearEnd;
    List<FieldDecl> fields = List.of();
    GradeScheme grade;
    Repairable repairable;
    GrantRole grant;
    String sector;
    List<Check> checks = List.of();

    TypeBuilder(
        String name,
        String className,
        String pack,
        List<SubjectType> subjects,
        String ownDate,
        String start,
        boolean yearEnd) {
      this.name = name;
      this.className = className;
      this.pack = pack;
      this.subjects = subjects;
      this.ownDate = ownDate;
      this.start = start;
      this.yearEnd = yearEnd;
    }

    TypeBuilder fields(FieldDecl... fields) {
      this.fields = List.of(fields);
      return this;
    }

    TypeBuilder checks(Check... checks) {
      this.checks = List.of(checks);
      return this;
    }

    TypeBuilder grade(GradeScheme grade) {
      this.grade = grade;
      return this;
    }

    TypeBuilder repairable(Repairable repairable) {
      this.repairable = repairable;
      return this;
    }

    TypeBuilder grant(GrantRole grant) {
      this.grant = grant;
      return this;
    }

    TypeBuilder sector(String sector) {
      this.sector = sector;
      return this;
    }

    FactTypeDecl build() {
      return new FactTypeDecl(
          name, className, pack, null, subjects, fields, ownDate, yearEnd, start, grade,
          repairable, grant, sector, checks);
    }
  }
}
