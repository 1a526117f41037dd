package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.creditrules.api.Area;
import dev.creditrules.api.Basis;
import dev.creditrules.api.Decision;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.Name;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RepairStatus;
import dev.creditrules.api.SubjectRef;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.Unmet;
import dev.creditrules.api.UnmetCode;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.FactModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shipped fact model, sample requests (test resources) and a sample decision. */
final class Samples {
  private Samples() {}

  /** The shipped pack tree, read as a folder (the tests run in the module's folder). */
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  /** The fact model of the shipped packs. */
  static final FactModel MODEL = FactModelReader.read(PACKS);

  /** A reader and writer for the shipped model with the default limits. */
  /**
   * A Jackson mapper with none of Jackson's stream limits (the tests' reference parser and writer
   * for input our reader may refuse for its own limits), big decimals for floats.
   */
  static final ObjectMapper UNLIMITED =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(1_000_000)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNameLength(Integer.MAX_VALUE)
                          .build())
                  .streamWriteConstraints(
                      StreamWriteConstraints.builder().maxNestingDepth(1_000_000).build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  static ContractJson json() {
    return new ContractJson(MODEL);
  }

  /** A fact of {@code type} with the values given as name, value, name, value, ... */
  static Fact fact(String type, String id, Object... namesAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return Fact.of(type, id, values);
  }

  static final List<String> REQUESTS =
      List.of(
          "contract-example.json",
          "every-fact-type.json",
          "natural-person.json",
          "no-facts.json",
          "packs-v2-organisation.json",
          "packs-v2-person.json");

  static String request(String name) {
    return resource("/dev/creditrules/json/requests/" + name);
  }

  static String resource(String path) {
    try (InputStream in = Samples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Decision decision() {
    Outcome outcome =
        new Outcome(
            "TAX-S-05",
            new Name("列入重点监控对象，提高监督检查频次", "Key monitoring object, more frequent inspection"),
            "tax",
            MeasureGroup.SUPERVISORY,
            List.of(Area.INSPECTION),
            LocalDate.of(2026, 4, 20),
            LocalDate.of(2027, 4, 20),
            List.of(new Basis("纳税缴费信用管理办法", "国家税务总局公告2025年第12号", "第三十四条")),
            true,
            "tax@2025.07/d-grade-key-monitoring",
            List.of("f1"));
    Outcome open =
        new Outcome(
            "GEN-S-01",
            new Name("限制", "Restriction \"quoted\""),
            "general",
            MeasureGroup.RIGHTS_REDUCING,
            List.of(),
            LocalDate.of(2026, 5, 10),
            null,
            List.of(),
            false,
            "general@2026.04/x",
            List.of("f2", "f1"));
    Repair repair =
        new Repair(
            "f2",
            "environment",
            RepairStatus.NOT_YET,
            LocalDate.of(2026, 8, 11),
            List.of(Unmet.of(UnmetCode.COMMITMENT_MISSING)),
            "信用中国",
            List.of(new Basis("信用修复管理办法", "国家发展改革委令第36号", "第十条")),
            true,
            "general@2026.04/penalty-repair");
    Repair never =
        new Repair(
            "f3",
            "tax",
            RepairStatus.NEVER,
            null,
            List.of(Unmet.of(UnmetCode.NO_PROCEDURE)),
            null,
            List.of(),
            false,
            "tax@2025.07/d-grade-repair");
    return new Decision(
        null,
        LocalDate.of(2026, 11, 22),
        new SubjectRef("91110108MA01TAX03C", SubjectType.ENTERPRISE),
        List.of(
            new PackRef("general", "2026.04", "sha256:" + "0".repeat(64)),
            new PackRef("tax", "2025.07", "sha256:" + "a".repeat(64))),
        List.of(),
        List.of(outcome, open),
        List.of(),
        List.of(repair, never),
        // the day after TAX-S-05's last day
        LocalDate.of(2027, 4, 21),
        null);
  }

  /**
   * A decision with every optional key: packs-v2's ({@code disputed}, {@code withdrawnBy}, {@code
   * disputes}), an incentive and a warning, a request id, and {@code nextChangeOn} null.
   */
  static Decision decisionWithEveryKey() {
    Decision d = decision();
    Outcome incentive =
        new Outcome(
            "GEN-I-01",
            new Name("绿色通道", "Green channel"),
            "general",
            MeasureGroup.INCENTIVE,
            List.of(Area.ADMINISTRATIVE_SERVICES, Area.INSURANCE),
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 12, 31),
            List.of(),
            true,
            "joint@2016.05/green-channel",
            List.of("g1"));
    Outcome warning =
        new Outcome(
                "GEN-W-01",
                new Name("警示", "Warning"),
                "general",
                MeasureGroup.WARNING,
                List.of(),
                LocalDate.of(2026, 6, 1),
                null,
                List.of(),
                false,
                "general@2026.04/warning",
                List.of("f2"))
            .markDisputed();
    Repair withdrawn =
        new Repair(
            "f4",
            "market",
            RepairStatus.EXPIRED,
            null,
            List.of(),
            "信用中国",
            List.of(),
            true,
            "market@2024.05/abnormal-repair",
            true,
            "d1");
    OpenDispute dispute =
        new OpenDispute(
            "d2",
            "f2",
            "异议",
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 11, 16),
            true,
            List.of(new Basis("信用修复管理办法", "国家发展改革委令第36号", "第二十条")),
            false,
            "objection@2013.03/objection-answer");
    List<Repair> repairs = new java.util.ArrayList<>(d.repairs());
    repairs.add(withdrawn);
    return new Decision(
        "r-7",
        d.asOf(),
        d.subject(),
        d.packs(),
        List.of(incentive),
        d.sanctions(),
        List.of(warning),
        repairs,
        null,
        List.of(dispute));
  }
}
