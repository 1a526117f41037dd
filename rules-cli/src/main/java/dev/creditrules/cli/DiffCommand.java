package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.PackDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules diff --before DIR_A --after DIR_B --requests FILE.jsonl}: what a rule change
 * does to a set of requests, before it ships. A thin wrapper around {@link PackDiff}.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Decides every request of a JSON Lines file under two pack sets and reports",
      "every subject whose incentives, sanctions, warnings or repairs changed,",
      "with counts by measure and by rule. Writes diff.json and diff.html into",
      "--report. Natural persons' ids are masked as in the decision log",
      "(1101**********002X) unless --show-ids. Exit 0 whether or not anything changed (invalid request lines are",
      "reported, not fatal); 1 when packs do not load or a file cannot be read or",
      "written."
    })
final class DiffCommand implements Callable<Integer> {
  /** What is printed on standard output. */
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--before",
      required = true,
      paramLabel = "DIR",
      description = "the pack set as it is (<id>/<version>/)")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path before;

  @Option(
      names = "--after",
      required = true,
      paramLabel = "DIR",
      description = "the pack set with the change")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path after;

  @Option(
      names = "--requests",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "one request per line; blank lines are skipped")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path requests;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "where diff.json and diff.html are written (default: ${DEFAULT-VALUE})")
  Path report = Path.of("credit-rules-report");

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description =
          "standard output: a summary for people or the JSON report (default: ${DEFAULT-VALUE})")
  Format format = Format.text;

  @Option(
      names = "--show-ids",
      description = "show natural persons' ids in full (masked by default, as in the decision log)")
  boolean showIds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path dir : new Path[] {before, after}) {
      if (!Files.isDirectory(dir)) {
        err.println("credit-rules: not a directory: " + dir);
        return Main.INTERNAL_ERROR;
      }
    }
    if (!Files.isRegularFile(requests)) {
      err.println("credit-rules: no such file: " + requests);
      return Main.INTERNAL_ERROR;
    }
    CreditRulesEngine a = load("--before", before, err);
    if (a == null) {
      return Main.INTERNAL_ERROR;
    }
    CreditRulesEngine b = load("--after", after, err);
    if (b == null) {
      return Main.INTERNAL_ERROR;
    }
    PackDiff.Result result;
    try {
      result = PackDiff.run(a, b, requests);
    } catch (IOException e) {
      err.println("credit-rules: cannot read " + requests + ": " + e.getMessage());
      return Main.INTERNAL_ERROR;
    }
    String json = result.json(showIds);
    try {
      Files.createDirectories(report);
      Files.writeString(report.resolve("diff.json"), json);
      Files.writeString(report.resolve("diff.html"), result.html(showIds));
    } catch (IOException e) {
      err.println(
          "credit-rules: cannot write the diff report to " + report + ": " + e.getMessage());
      return Main.INTERNAL_ERROR;
    }
    if (format == Format.json) {
      out.print(json);
    } else {
      out.print(result.summary(showIds));
      out.println("report: " + report.resolve("diff.html"));
    }
    out.flush();
    return 0;
  }

  private static @Nullable CreditRulesEngine load(String option, Path dir, PrintWriter err) {
    try {
      return CreditRulesEngine.builder().directory(dir).build();
    } catch (PackException e) {
      err.println("credit-rules: the " + option + " packs in " + dir + " do not load:");
      Main.printProblems(err, e);
      return null;
    }
  }
}
