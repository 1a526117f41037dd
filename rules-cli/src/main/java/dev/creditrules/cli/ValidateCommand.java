package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackRef;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code credit-rules validate [DIR]}: compile and check packs; exit 1 with file:line errors. */
@Command(
    name = "validate",
    description = {
      "Compiles and checks the packs under DIR (<id>/<version>/), or the packs on the class path.",
      "Prints every problem as pack/file:line:column: rule \"name\": message and exits 1 if any."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the pack directory")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dir != null && !Files.isDirectory(dir)) {
      err.println("credit-rules: not a directory: " + dir);
      return Main.INTERNAL_ERROR;
    }
    try {
      CreditRulesEngine engine = Main.engine(dir);
      for (PackRef p : engine.packs()) {
        out.println("ok " + p.id() + "@" + p.version() + " " + p.digest());
      }
      out.println(engine.packs().size() + " pack versions valid");
      return 0;
    } catch (PackException e) {
      Main.printProblems(err, e);
      err.println(e.problems().size() + " problem(s)");
      return Main.INTERNAL_ERROR;
    }
  }
}
