package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.Coverage;
import dev.creditrules.testkit.CoverageReport;
import dev.creditrules.testkit.RegressionCase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
      "Loads the packs under DIR (default rules-drl/src/main/packs) and runs every case in their",
      "cases/ folders. Prints each failure with the actual decision; exits 1 if any case fails."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "the pack directory, or any copy of it: a case's request is inline or a file of its own pack folder")
  Path dir = Path.of("rules-drl/src/main/packs");

  @Option(names = "--pack", split = ",", paramLabel = "ID", description = "only the cases of these pack ids (and, with --coverage, only their rules)")
  Set<String> only = Set.of();

  @Option(names = "--coverage", description = "report, per pack version, how often each rule fired")
  boolean coverage;

  @Option(names = "--min-coverage", paramLabel = "N", description = "fail when fewer than N percent of the rules fired (implies --coverage)")
  Double minCoverage;

  @Option(names = "--report", paramLabel = "DIR", description = "where --coverage writes coverage.json and coverage.html (default: ${DEFAULT-VALUE})")
  Path report = Path.of("credit-rules-report");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
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
    Cases cases = new Cases();
    List<RegressionCase> all = cases.load(dir, only);
    int failed = 0;
    List<CaseResult> results = new java.util.ArrayList<>();
    for (RegressionCase c : all) {
      CaseResult r = cases.run(engine, c);
      results.add(r);
      if (r.passed()) {
        out.println("PASS " + c.pack() + " " + c.file().getFileName() + ": " + c.name());
      } else {
        failed++;
        out.print("FAIL " + r.report());
      }
    }
    out.println(all.size() + " cases, " + (all.size() - failed) + " passed, " + failed + " failed");
    boolean ok = failed == 0 && !all.isEmpty();
    if (coverage || minCoverage != null) {
      Coverage cov = Coverage.of(engine, results);
      if (!only.isEmpty()) {
        // the cases of some packs say nothing of the other packs' rules: count only theirs, so that
        // --pack X --min-coverage N judges X's rules alone
        cov = new Coverage(
            cov.packs().stream().filter(p -> only.contains(p.pack().substring(0, p.pack().indexOf('@')))).toList(),
            cov.cases(), cov.failed());
      }
      try {
        Files.createDirectories(report);
        Files.writeString(report.resolve("coverage.json"), CoverageReport.json(cov));
        Files.writeString(report.resolve("coverage.html"), CoverageReport.html(cov));
      } catch (java.io.IOException e) {
        err.println("credit-rules: cannot write the coverage report to " + report + ": " + e.getMessage());
        return Main.INTERNAL_ERROR;
      }
      for (Coverage.PackCoverage p : cov.packs()) {
        out.printf(java.util.Locale.ROOT, "coverage %-24s %5.1f %% of %d rules%s%n", p.pack(), p.percent(),
            p.firings().size(), p.neverFired().isEmpty() ? "" : "; never fired: " + String.join(", ", p.neverFired()));
        if (!p.unexpectedMeasures().isEmpty()) {
          out.println("         measures no case expects: " + String.join(", ", p.unexpectedMeasures().stream().sorted().toList()));
        }
      }
      out.printf(java.util.Locale.ROOT, "coverage total %.1f %% (report: %s)%n", cov.percent(), report.resolve("coverage.html"));
      if (minCoverage != null && cov.percent() < minCoverage) {
        err.printf(java.util.Locale.ROOT, "credit-rules: coverage %.1f %% is below --min-coverage %s%n", cov.percent(), minCoverage);
        ok = false;
      }
    }
    return ok ? 0 : Main.INTERNAL_ERROR;
  }
}
