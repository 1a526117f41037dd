package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.PackGate;
import dev.creditrules.testkit.CaseGate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules serve --port N}: the engine as an HTTP JSON service for callers that are not
 * on the JVM (see {@link HttpService} and {@code docs/service.md}). Runs until SIGTERM or Ctrl-C,
 * then stops gracefully and exits 0.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = {
      "Serves decisions over HTTP: POST /v1/decisions (JSON or JSON Lines),",
      "POST /v1/timelines, POST /v1/explanations, GET /v1/packs, GET /health,",
      "GET /openapi.json, and the workbench page for analysts at GET /workbench.",
      "Stops gracefully on SIGTERM or Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
  String host = "127.0.0.1";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "worker threads deciding requests (default: available processors, ${DEFAULT-VALUE})")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description = "serve the packs under DIR (<id>/<version>/) instead of the class path")
  @Nullable Path packs;

  @Option(
      names = "--live",
      paramLabel = "DIR",
      description =
          "serve DIR as a live pack directory: changes go live without a restart once they"
              + " compile, lint and pass --gate; GET /v1/packs shows its status")
  @Nullable Path live;

  @Option(
      names = "--gate",
      paramLabel = "cases|none",
      description =
          "with --live: what a changed pack must pass besides compiling and linting: its own cases (default) or none")
  String gate = "cases";

  @Option(
      names = "--examples",
      paramLabel = "DIR",
      description =
          "worked examples the workbench page offers: the request files (*.json) in DIR and the"
              + " cases of the pack folders under it (repeatable; the cases of --packs or --live DIR"
              + " are always offered)")
  List<Path> examples = new ArrayList<>();

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description = "largest body of a single JSON request; 413 beyond (default: ${DEFAULT-VALUE})")
  int maxBodyBytes = 1 << 20;

  @Option(
      names = "--max-jsonl-bytes",
      paramLabel = "N",
      description = "largest body of a JSON Lines request; 413 beyond (default: ${DEFAULT-VALUE})")
  int maxJsonlBytes = 64 << 20;

  @Option(
      names = "--grace",
      paramLabel = "SECONDS",
      description =
          "on shutdown, how long requests in flight may take to finish (default: ${DEFAULT-VALUE})")
  int graceSeconds = 5;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpService service;
    try {
      service = start();
    } catch (PackException e) {
      // the first line names the first problem: the cause, when others follow from it (LivePacks)
      List<PackProblem> problems = e.problems();
      err.println(
          "credit-rules: the rule packs do not load: "
              + (problems.isEmpty() ? "" : problems.get(0)));
      problems.stream().skip(1).forEach(err::println);
      return Main.INTERNAL_ERROR;
    } catch (IllegalArgumentException e) {
      err.println("credit-rules: " + e.getMessage());
      return Main.INTERNAL_ERROR;
    } catch (IOException e) {
      err.println("credit-rules: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return Main.INTERNAL_ERROR;
    }
    Thread hook =
        new Thread(
            () -> {
              err.println("credit-rules: shutting down");
              err.flush();
              service.stop();
            },
            "credit-rules-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "credit-rules: listening on http://"
            + hostForUrl()
            + ":"
            + service.port()
            + "/ with "
            + threads
            + " threads"
            + (live != null ? ", live directory " + live : ""));
    out.flush();
    service.awaitStop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is what stopped the service
    }
    return Main.DECIDED;
  }

  /**
   * Checks the options, loads the packs and starts the service without blocking.
   *
   * @throws PackException if the packs do not load
   * @throws IllegalArgumentException for bad options (also thrown as picocli's parameter error)
   * @throws IOException if the address cannot be bound
   */
  HttpService start() throws IOException {
    if (packs != null && live != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--packs and --live cannot be used together");
    }
    if (!gate.equals("cases") && !gate.equals("none")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--gate must be cases or none but was " + gate);
    }
    if (threads < 1
        || maxBodyBytes < 1
        || maxJsonlBytes < 1
        || graceSeconds < 0
        || port < 0
        || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--threads, --max-body-bytes and --max-jsonl-bytes must be 1 or more, --grace 0 or more, --port 0..65535");
    }
    HttpService.Settings settings =
        new HttpService.Settings(
            host, port, threads, maxBodyBytes, maxJsonlBytes, Duration.ofSeconds(graceSeconds));
    List<Path> offered = new ArrayList<>(examples);
    if (packs != null || live != null) {
      offered.add(packs != null ? packs : live);
    }
    if (live == null) {
      CreditRules rules = Main.engine(packs);
      return new HttpService(rules, null, settings, offered).start();
    }
    LivePacks livePacks =
        LivePacks.builder(live).gate(gate.equals("cases") ? new CaseGate() : PackGate.NONE).watch();
    try {
      return new HttpService(livePacks, livePacks, settings, offered).start();
    } catch (IOException | RuntimeException e) {
      livePacks.close();
      throw e;
    }
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
