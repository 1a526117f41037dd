package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark pool of typical subjects (10 facts, seed 42) as JSON Lines, so that two
 * builds (say, before and after a change) can be measured on the very same requests with {@code
 * -jvmArgsAppend -Dcredit-rules.benchmark.pool=FILE}. Usage: {@code java -cp benchmarks.jar
 * dev.creditrules.benchmarks.PoolDump COUNT FILE}; for a build older than this class, run this
 * source file against its jar: {@code java -cp old.jar PoolDump.java COUNT FILE}.
 */
public final class PoolDump {
  private PoolDump() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PoolDump COUNT FILE");
      System.exit(2);
    }
    CreditRulesEngine engine = CreditRulesEngine.fromClasspath();
    ContractJson json = new ContractJson(engine.model());
    List<String> lines = new ArrayList<>();
    for (Request r : Subjects.benchmarkPool(engine.model(), 42, 10, Integer.parseInt(args[0]))) {
      lines.add(json.writeRequest(r));
    }
    Files.write(Path.of(args[1]), lines);
  }
}
