package dev.creditrules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackRef;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.CaseProblem;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.CaseUpdate;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.Coverage;
import dev.creditrules.testkit.CoverageReport;
import dev.creditrules.testkit.Html;
import dev.creditrules.testkit.RegressionCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code credit-rules test [DIR]}: run the packs' regression cases. */
@Command(
    mixinStandardHelpOptions = true,
    name = "test",
    description = {
      "Loads the packs under DIR (default rules-drl/src/main/packs) and runs the",
      "cases in their cases/ folders. A failing case shows only the expectations",
      "that do not hold (expected against actual); the run ends with the list of",
      "failing cases (file:line: name). A problem of a case file (YAML syntax, an",
      "unknown key, a measure id in no catalogue, a fact id not in the request, a",
      "request that cannot be read) is an ERROR at file:line:column and the other",
      "cases still run. Exits 0 when every selected case passes and no case file",
      "has a problem, 1 otherwise.",
      "--update rewrites the expect: block of each failing case to what the packs",
      "now decide and prints the unified diff of each file: review it with git",
      "diff. Unchanged lines keep their comments; a changed line loses its own."
    })
final class TestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description =
          "the pack directory, or any copy of it: a case's request is inline or a file of its own pack folder")
  Path dir = Path.of("rules-drl/src/main/packs");

  @Option(
      names = "--pack",
      split = ",",
      paramLabel = "ID",
      description = "only the cases of these pack ids; the coverage counts only their rules")
  Set<String> only = Set.of();

  @Option(
      names = "--name",
      paramLabel = "PATTERN",
      description =
          "only the cases whose name matches, ignoring case: a glob (* any text, ? one character) over the whole name when PATTERN has * or ?, otherwise a substring")
  @Nullable String name;

  @Option(
      names = "--verbose",
      description = "print the passing cases too, and the whole actual decision of each failure")
  boolean verbose;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (default) or json: one JSON document with every case, failure, case-file error and, when asked, the coverage")
  String format = "text";

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description =
          "also write the results as JUnit XML to FILE, one testcase per case or case-file error")
  @Nullable Path junit;

  @Option(
      names = "--update",
      description =
          "rewrite the expectations of the selected failing cases to what the packs now decide, after printing the diff")
  boolean update;

  @Option(
      names = "--coverage",
      description =
          "report, per pack version, the cases that fire each rule, the rules and measures no case reaches, and the repair branches (ELIGIBLE, NOT_YET per unmet code, NEVER, EXPIRED) the cases reach")
  boolean coverage;

  @Option(
      names = "--min-coverage",
      paramLabel = "N",
      description =
          "fail when fewer than N percent of the selected packs' rules fired (implies --coverage)")
  @Nullable Double minCoverage;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "where --coverage writes coverage.json and coverage.html (default: ${DEFAULT-VALUE})")
  Path report = Path.of("credit-rules-report");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json = format.equals("json");
    if (!json && !format.equals("text")) {
      err.println("credit-rules: --format must be text or json, not '" + format + "'");
      return Main.INTERNAL_ERROR;
    }
    if (!Files.isDirectory(dir)) {
      err.println("credit-rules: not a directory: " + dir);
      return Main.INTERNAL_ERROR;
    }
    CreditRulesEngine engine;
    try {
      engine = Main.engine(dir);
    } catch (PackException e) {
      Main.printProblems(err, e);
      return Main.INTERNAL_ERROR;
    }
    Set<String> known = new TreeSet<>(engine.packs().stream().map(PackRef::id).toList());
    for (String id : new TreeSet<>(only)) {
      if (!known.contains(id)) {
        String hint = FactModelReader.suggestion(id, known);
        err.println(
            "credit-rules: --pack "
                + id
                + ": no such pack under "
                + dir
                + (hint == null ? "" : " (did you mean " + hint + "?)")
                + "; the packs are "
                + String.join(", ", known));
        return Main.INTERNAL_ERROR;
      }
    }
    Set<String> measures = new TreeSet<>();
    engine.measures().values().forEach(measures::addAll);
    Cases cases = new Cases();
    Cases.Loaded loaded = cases.read(dir, only, measures);
    List<RegressionCase> selected =
        name == null ? loaded.cases() : Cases.named(loaded.cases(), name);

    PrintWriter text = json ? new PrintWriter(java.io.Writer.nullWriter()) : out;
    loaded.problems().forEach(p -> text.println("ERROR " + p));
    List<CaseResult> results = new ArrayList<>();
    for (RegressionCase c : selected) {
      CaseResult result;
      try {
        result = cases.run(engine, c);
      } catch (RuntimeException e) {
        result =
            new CaseResult(
                c, List.of("the case could not run: " + e), JSON.nullNode(), false, List.of());
      }
      results.add(result);
      if (!result.passed()) {
        text.print("FAIL " + result.report(verbose));
      } else if (verbose) {
        text.println("PASS " + c.where() + ": " + c.name());
      }
    }
    List<CaseResult> failing = results.stream().filter(x -> !x.passed()).toList();
    text.println(
        results.size()
            + " cases, "
            + (results.size() - failing.size())
            + " passed, "
            + failing.size()
            + " failed"
            + (loaded.problems().isEmpty()
                ? ""
                : ", "
                    + loaded.problems().size()
                    + " case-file error"
                    + (loaded.problems().size() == 1 ? "" : "s")));
    String empty = null;
    if (selected.isEmpty()) {
      empty = whyNoCase(loaded);
      text.println(empty);
    }
    if (!failing.isEmpty()) {
      text.println("failing cases:");
      failing.forEach(
          x -> text.println("  " + x.regressionCase().where() + ": " + x.regressionCase().name()));
    }
    if (!loaded.problems().isEmpty()) {
      text.println("case files with errors:");
      loaded.problems().stream()
          .map(CaseProblem::file)
          .distinct()
          .forEach(f -> text.println("  " + f));
    }
    boolean ok = failing.isEmpty() && !selected.isEmpty() && loaded.problems().isEmpty();

    ArrayNode updated = JSON.createArrayNode();
    if (update && !failing.isEmpty()) {
      CaseUpdate.Plan plan = CaseUpdate.plan(failing);
      for (CaseUpdate.FileUpdate f : plan.files()) {
        text.print(f.diff());
        f.write();
        f.cases().forEach(c -> updated.addObject().put("file", f.file().toString()).put("name", c));
      }
      plan.skipped().forEach(s -> text.println("not updated: " + s));
      text.println(
          "updated "
              + updated.size()
              + " of "
              + failing.size()
              + " failing cases in "
              + plan.files().size()
              + " files (a changed line loses its comment); review with git diff");
      ok = plan.skipped().isEmpty() && !selected.isEmpty() && loaded.problems().isEmpty();
    }

    Coverage cov = null;
    if (coverage || minCoverage != null) {
      cov = Coverage.of(engine, results, only);
      try {
        Files.createDirectories(report);
        Files.writeString(report.resolve("coverage.json"), CoverageReport.json(cov));
        Files.writeString(report.resolve("coverage.html"), CoverageReport.html(cov, dir));
      } catch (IOException e) {
        err.println(
            "credit-rules: cannot write the coverage report to " + report + ": " + e.getMessage());
        return Main.INTERNAL_ERROR;
      }
      for (Coverage.PackCoverage p : cov.packs()) {
        text.printf(
            Locale.ROOT,
            "coverage %-24s %5.1f %% of %d rules%s%n",
            p.pack(),
            p.percent(),
            p.firedBy().size(),
            p.neverFired().isEmpty() ? "" : "; never fired: " + String.join(", ", p.neverFired()));
        if (!p.unreachedMeasures().isEmpty()) {
          text.println(
              "         measures no case reaches: "
                  + String.join(", ", p.unreachedMeasures().stream().sorted().toList()));
        }
        if (!p.unreachedBranches().isEmpty()) {
          text.println(
              "         repair branches no case reaches: "
                  + String.join(", ", p.unreachedBranches()));
        }
      }
      text.printf(
          Locale.ROOT,
          "coverage total %.1f %% (report: %s)%n",
          cov.percent(),
          report.resolve("coverage.html"));
      if (minCoverage != null && cov.percent() < minCoverage) {
        err.printf(
            Locale.ROOT,
            "credit-rules: coverage %.1f %% of the selected packs' rules is below --min-coverage %s%n",
            cov.percent(),
            minCoverage);
        ok = false;
      }
    }
    if (junit != null) {
      try {
        Path parent = junit.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(junit, junit(results, loaded.problems()));
      } catch (IOException e) {
        err.println("credit-rules: cannot write " + junit + ": " + e.getMessage());
        return Main.INTERNAL_ERROR;
      }
    }
    if (json) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("ok", ok);
      doc.put("cases", results.size());
      doc.put("passed", results.size() - failing.size());
      doc.put("failed", failing.size());
      if (empty != null) {
        doc.put("noCases", empty);
      }
      ArrayNode errors = doc.putArray("errors");
      loaded
          .problems()
          .forEach(
              p ->
                  errors
                      .addObject()
                      .put("file", p.file().toString())
                      .put("line", p.line())
                      .put("column", p.column())
                      .put("message", p.message()));
      ArrayNode list = doc.putArray("results");
      for (CaseResult x : results) {
        RegressionCase c = x.regressionCase();
        ObjectNode n =
            list.addObject()
                .put("name", c.name())
                .put("pack", c.pack())
                .put("file", c.file().toString())
                .put("line", c.line())
                .put("passed", x.passed());
        x.failures().forEach(n.putArray("failures")::add);
      }
      if (update) {
        doc.set("updated", updated);
      }
      if (cov != null) {
        doc.set("coverage", CoverageReport.tree(cov));
      }
      out.println(doc.toPrettyString());
    }
    text.flush();
    return ok ? 0 : Main.INTERNAL_ERROR;
  }

  /** Why the selection holds no case: the packs, the name pattern, or no case files at all. */
  private String whyNoCase(Cases.Loaded loaded) {
    if (!loaded.problems().isEmpty() && loaded.cases().isEmpty()) {
      return "no case to run: every case "
          + (only.isEmpty() ? "" : "of --pack " + String.join(",", new TreeSet<>(only)) + " ")
          + "has a case-file error (above)";
    }
    if (name != null && !loaded.cases().isEmpty()) {
      return "no case to run: none of the "
          + loaded.cases().size()
          + " cases"
          + (only.isEmpty() ? "" : " of --pack " + String.join(",", new TreeSet<>(only)))
          + " has a name matching --name '"
          + name
          + "' ("
          + (name.contains("*") || name.contains("?")
              ? "a glob over the whole name"
              : "a substring")
          + ", ignoring case)";
    }
    return "no case to run: no cases/*.yaml "
        + (only.isEmpty() ? "" : "of --pack " + String.join(",", new TreeSet<>(only)) + " ")
        + "under "
        + dir;
  }

  /** The results as JUnit XML: one testcase per case, one per case-file error. */
  static String junit(List<CaseResult> results, List<CaseProblem> problems) {
    long failures = results.stream().filter(r -> !r.passed()).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites tests=\"")
        .append(results.size() + problems.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(problems.size())
        .append("\">\n");
    b.append("  <testsuite name=\"credit-rules cases\" tests=\"")
        .append(results.size() + problems.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(problems.size())
        .append("\">\n");
    for (CaseResult r : results) {
      RegressionCase c = r.regressionCase();
      b.append("    <testcase classname=\"")
          .append(Html.escape(c.pack() + "." + c.file().getFileName()))
          .append("\" name=\"")
          .append(Html.escape(c.name()))
          .append("\" file=\"")
          .append(Html.escape(c.file().toString()))
          .append("\" line=\"")
          .append(c.line())
          .append('"');
      if (r.passed()) {
        b.append("/>\n");
      } else {
        b.append(">\n      <failure message=\"")
            .append(Html.escape(r.failures().get(0)))
            .append("\">")
            .append(Html.escape(String.join("\n", r.failures())))
            .append("</failure>\n    </testcase>\n");
      }
    }
    for (CaseProblem p : problems) {
      b.append("    <testcase classname=\"")
          .append(Html.escape(String.valueOf(p.file().getFileName())))
          .append("\" name=\"")
          .append(Html.escape("case file " + p.file() + ":" + p.line()))
          .append("\" file=\"")
          .append(Html.escape(p.file().toString()))
          .append("\" line=\"")
          .append(p.line())
          .append("\">\n      <error message=\"")
          .append(Html.escape(p.message()))
          .append("\">")
          .append(Html.escape(p.toString()))
          .append("</error>\n    </testcase>\n");
    }
    return b.append("  </testsuite>\n</testsuites>\n").toString();
  }
}
