package dev.creditrules.runtime;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.pack.tree.FactModelReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * The fact declarations of the pack trees the tests write, trimmed from the shipped ones ({@code
 * rules-drl/src/main/packs/<pack>/types.yaml}) to the fields the fixtures use, and the facts they
 * decide. A pack tree declares every type its manifests govern and its rules match in {@code
 * <pack>/types.yaml}, beside the version folders.
 */
final class FixtureTypes {
  private FixtureTypes() {}

  /** From general/types.yaml: the penalty the demo packs judge and the grant that repairs it. */
  static final String GENERAL =
      """
      types:
        ADMIN_PENALTY:
          class: AdminPenalty
          subjects: any
          ownDate: decidedOn
          repairable: { label: penalty }
          repairSector: sector
          fields:
            sector:
              kind: enumeration
              required: true
              values: [market, tax, labor, environment, research, food_drug, construction_quality,
                       production_safety, fire_safety, other]
            decidedOn: { kind: date, required: true }
            severity: { kind: enumeration, required: true, values: [MINOR, GENERAL, SERIOUS] }

        REPAIR_GRANTED:
          class: RepairGranted
          subjects: any
          ownDate: grantedOn
          grant: { target: target, grantedOn: grantedOn, revokedOn: revokedOn }
          fields:
            target:
              kind: reference
              required: true
              to: repairable
              message: target {target} is a {what}, not a repairable record
            grantedOn: { kind: date, required: true }
            revokedOn: { kind: date }
          checks:
            - notBeforeTarget: { field: grantedOn, target: target }
            - notBefore: { field: revokedOn, than: grantedOn }
      """;

  /** From labor/types.yaml: a listing and a violation, governed by different versions. */
  static final String LABOR =
      """
      types:
        WAGE_ARREARS_LISTING:
          class: WageArrearsListing
          subjects: any
          ownDate: decidedOn
          repairable: { label: listing }
          fields:
            decidedOn: { kind: date, required: true }

        MAJOR_LABOR_VIOLATION:
          class: MajorLaborViolation
          subjects: organisations
          ownDate: decidedOn
          repairable: { label: violation }
          fields:
            decidedOn: { kind: date, required: true }
            category: { kind: integer, required: true, min: 1, max: 7 }
      """;

  /** From environment/types.yaml: a grade with the province a layer selects on. */
  static final String ENVIRONMENT =
      """
      types:
        ENV_GRADE:
          class: EnvGrade
          subjects: organisations
          ownDate: { endOfYear: year }
          start: publishedOn
          grade: { year: year, level: grade, publishedOn: publishedOn, levels: [GREEN, BLUE, YELLOW, RED, BLACK] }
          repairable: { field: grade, values: [YELLOW, RED, BLACK], label: yellow/red/black environmental grade }
          fields:
            year: { kind: integer, required: true, min: 1 }
            grade: { kind: text, required: true }
            publishedOn: { kind: date, required: true }
            province: { kind: text, pattern: "[0-9]{2}", message: province must be a 2-digit province code }
      """;

  /** Writes {@code <root>/<pack>/types.yaml}. */
  static void write(Path root, String pack, String types) throws IOException {
    Path dir = Files.createDirectories(root.resolve(pack));
    Files.writeString(dir.resolve(FactModelReader.TYPES_FILE), types, StandardCharsets.UTF_8);
  }

  /** An ADMIN_PENALTY of {@code sector} (a code such as "market") and {@code severity}. */
  static Fact penalty(String id, String sector, String severity, String decidedOn) {
    return Fact.of(
        "ADMIN_PENALTY",
        id,
        Map.of("sector", sector, "decidedOn", LocalDate.parse(decidedOn), "severity", severity));
  }
}
