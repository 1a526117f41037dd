package dev.creditrules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code credit-rules validate [DIR]}: compile and check packs; exit 1 with file:line errors. */
@Command(
    mixinStandardHelpOptions = true,
    name = "validate",
    description = {
      "Compiles and checks the packs under DIR (<id>/<version>/), or the packs on the class path.",
      "Prints every problem as pack/file:line:column: rule \"name\": message and exits 1 if any:",
      "one problem per fault, where it is written (a decision table's problems at file.csv:row:column,",
      "naming the cell), with the errors it causes further on indented under it and counted."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the pack directory")
  @Nullable Path dir;

  @picocli.CommandLine.Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json")
  String format = "text";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dir != null && !Files.isDirectory(dir)) {
      err.println("credit-rules: not a directory: " + dir);
      return Main.INTERNAL_ERROR;
    }
    boolean json = "json".equals(format);
    try {
      CreditRulesEngine engine = Main.engine(dir);
      if (json) {
        out.println(report(engine.packs(), List.of()));
        return 0;
      }
      for (PackRef p : engine.packs()) {
        out.println("ok " + p.id() + "@" + p.version() + " " + p.digest());
      }
      out.println(engine.packs().size() + " pack versions valid");
      return 0;
    } catch (PackException e) {
      if (json) {
        out.println(report(List.of(), e.problems()));
      } else {
        Main.printProblems(err, e);
        err.println(
            e.problems().size()
                + " problem(s)"
                + (e.followOnCount() == 0
                    ? ""
                    : ", " + e.followOnCount() + " follow-on error(s) folded under them"));
      }
      return Main.INTERNAL_ERROR;
    }
  }

  /**
   * {@code {"valid":…, "packs":[…], "problems":[{pack,file,line,column,rule,message,followOns}]}},
   * each follow-on an object of the same keys without {@code followOns}.
   */
  private static String report(List<PackRef> packs, List<PackProblem> problems) {
    // packs and problems hold no fact, and packs that do not load have no model: none is needed
    dev.creditrules.json.ContractJson json =
        new dev.creditrules.json.ContractJson(new dev.creditrules.api.model.FactModel(List.of()));
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("valid", problems.isEmpty());
    root.set("packs", json.trees().packsTree(packs));
    ArrayNode pr = root.putArray("problems");
    for (PackProblem p : problems) {
      ObjectNode o = problem(pr.addObject(), p);
      ArrayNode f = o.putArray("followOns");
      p.followOns().forEach(q -> problem(f.addObject(), q));
    }
    return json.trees().writePretty(root);
  }

  private static ObjectNode problem(ObjectNode o, PackProblem p) {
    return o.put("pack", p.pack())
        .put("file", p.file())
        .put("line", p.line())
        .put("column", p.column())
        .put("rule", p.rule())
        .put("message", p.message());
  }
}
