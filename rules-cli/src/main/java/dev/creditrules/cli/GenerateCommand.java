package dev.creditrules.cli;

import dev.creditrules.api.PackException;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.testkit.RequestGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules generate --count N --out FILE|-}: synthetic JSON Lines requests for {@code
 * evaluate --jsonl} benchmarks, made by the testkit's {@link RequestGenerator} line by line
 * (constant memory, however large {@code N}) from the fact types the packs declare: those on the
 * class path, or under {@code --packs}.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "generate",
    description = {
      "Writes N synthetic requests as JSON Lines (valid per the contract, deterministic for a seed),",
      "for benchmarks of evaluate --jsonl. Exit 0 when written, 1 on errors."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** How many lines to write. */
  @Option(names = "--count", required = true, paramLabel = "N", description = "lines to write")
  long count;

  /** The seed: the same seed (and settings) gives the same bytes. */
  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "the seed; the same seed gives the same lines (default ${DEFAULT-VALUE})")
  long seed = 1;

  /** Every K-th line is invalid on purpose (bad JSON, bad subject id, bad date in turn). */
  @Option(
      names = "--invalid-every",
      paramLabel = "K",
      description =
          "make every K-th line invalid: bad JSON, bad subject id, bad date in turn (default: none)")
  int invalidEvery;

  /** Facts per request. */
  @Option(
      names = "--facts",
      paramLabel = "N",
      description = "facts per request, across three sectors (default ${DEFAULT-VALUE})")
  int facts = 10;

  /** The pack tree whose fact declarations the requests follow, or null for the class path. */
  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description = "follow the fact types declared under DIR instead of those on the class path")
  @Nullable Path packs;

  /** The output file, or {@code -} for stdout. */
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE|-",
      description = "the file to write, or - for stdout")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String out;

  @Override
  public Integer call() throws IOException {
    if (count < 0 || invalidEvery < 0 || facts < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--count, --invalid-every and --facts must be 0 or more");
    }
    FactModel model;
    try {
      model =
          packs == null
              ? FactModelReader.fromClasspath(GenerateCommand.class.getClassLoader())
              : FactModelReader.read(packs);
    } catch (PackException e) {
      spec.commandLine().getErr().println("credit-rules: the fact declarations do not load:");
      Main.printProblems(spec.commandLine().getErr(), e);
      return Main.INTERNAL_ERROR;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--packs: " + e.getMessage());
    }
    RequestGenerator generator = new RequestGenerator(model, seed, facts, invalidEvery);
    PrintWriter stdout = spec.commandLine().getOut();
    try (Writer w =
        "-".equals(out)
            ? new NonClosing(stdout)
            : new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(Path.of(out)), StandardCharsets.UTF_8),
                1 << 16)) {
      for (long n = 1; n <= count; n++) {
        w.write(generator.line(n));
        w.write('\n');
      }
    }
    stdout.flush();
    if (stdout.checkError()) {
      spec.commandLine().getErr().println("credit-rules: cannot write the output");
      return Main.INTERNAL_ERROR;
    }
    return Main.DECIDED;
  }

  /** Standard output, flushed but never closed. */
  private static final class NonClosing extends Writer {
    private final Writer target;

    NonClosing(Writer target) {
      this.target = target;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      target.write(buffer, offset, length);
    }

    @Override
    public void write(String text) throws IOException {
      target.write(text);
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }

    @Override
    public void close() throws IOException {
      target.flush();
    }
  }
}
