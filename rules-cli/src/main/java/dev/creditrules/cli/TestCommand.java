package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.CaseResult;
import dev.creditrules.testkit.Cases;
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
    name = "test",
    description = {
      "Loads the packs under DIR (default rules-drl/src/main/packs) and runs every case in their",
      "cases/ folders. Prints each failure with the actual decision; exits 1 if any case fails."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the pack directory")
  Path dir = Path.of("rules-drl/src/main/packs");

  @Option(names = "--pack", split = ",", paramLabel = "ID", description = "only the cases of these pack ids")
  Set<String> only = Set.of();

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
    for (RegressionCase c : all) {
      CaseResult r = cases.run(engine, c);
      if (r.passed()) {
        out.println("PASS " + c.pack() + " " + c.file().getFileName() + ": " + c.name());
      } else {
        failed++;
        out.print("FAIL " + r.report());
      }
    }
    out.println(all.size() + " cases, " + (all.size() - failed) + " passed, " + failed + " failed");
    return failed == 0 && !all.isEmpty() ? 0 : Main.INTERNAL_ERROR;
  }
}
