package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.testkit.FactTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code credit-rules facts [DIR]}: the fact table of a pack tree, from its declarations. */
@Command(
    mixinStandardHelpOptions = true,
    name = "facts",
    description = {
      "Prints the fact types the packs under DIR (or on the class path) declare in their",
      "types.yaml, as a Markdown table (docs/facts.md is this for the shipped packs).",
      "Declaration problems are printed as pack/file:line:column: message, and exit 1."
    })
final class FactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the pack directory")
  @Nullable Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dir != null && !Files.isDirectory(dir)) {
      err.println("credit-rules: not a directory: " + dir);
      return Main.INTERNAL_ERROR;
    }
    try {
      FactModel model =
          dir == null
              ? FactModelReader.fromClasspath(FactsCommand.class.getClassLoader())
              : FactModelReader.read(dir);
      out.print(FactTable.markdown(model));
      out.flush();
      return 0;
    } catch (PackException e) {
      e.problems().forEach(p -> err.println(p));
      return 1;
    }
  }
}
