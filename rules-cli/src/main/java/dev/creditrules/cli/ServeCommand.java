package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.PackGate;
import dev.creditrules.testkit.CaseGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
      "GET /health/live, GET /health/ready, GET /metrics, GET /openapi.json,",
      "and the workbench page for analysts at GET /workbench.",
      "Callers need a bearer token from --token-file unless --no-auth is given.",
      "Every option can also be set in --config FILE (key = option name without dashes).",
      "Stops gracefully on SIGTERM or Ctrl-C and exits 0."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "a Java properties file setting options by their long name without dashes"
              + " (port=8080, token-file=/etc/credit-rules/tokens); options on the command line win")
  @Nullable Path config;

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
      names = "--queue",
      paramLabel = "N",
      description =
          "decision requests that may wait for a worker; past it 503 with Retry-After at once"
              + " (default: ${DEFAULT-VALUE})")
  int queue = 64;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "how long a decision, timeline or explanation may wait and take once its body has"
              + " arrived; 503 past it (default: ${DEFAULT-VALUE}; 500ms, 10s, 2m or PT10S)")
  Duration deadline = Duration.ofSeconds(10);

  @Option(
      names = "--batch-deadline",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "the same for a JSON Lines request: 503 if it cannot start in time, else each line"
              + " reached after it is an error line (default: ${DEFAULT-VALUE})")
  Duration batchDeadline = Duration.ofMinutes(5);

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "a connection that sends nothing for this long (in a header, a body, or between"
              + " requests) is closed (default: ${DEFAULT-VALUE})")
  Duration idleTimeout = Duration.ofSeconds(30);

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "bearer tokens that may call, as '<name> sha256:<hex>' lines (credit-rules token writes"
              + " them); read again when it changes")
  @Nullable Path tokenFile;

  @Option(
      names = "--no-auth",
      description =
          "serve without authentication (serve refuses to start with neither this nor --token-file)")
  boolean noAuth;

  @Option(
      names = "--ready-needs-healthy-packs",
      description =
          "GET /health/ready (and /health) answer 503 while the live directory's last change was"
              + " rejected")
  boolean readyNeedsHealthyPacks;

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
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "on shutdown, how long requests in flight may take to finish (default: ${DEFAULT-VALUE};"
              + " a bare number is seconds)")
  Duration grace = Duration.ofSeconds(5);

  @CommandLine.Mixin LogOptions log = new LogOptions();

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
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      err.println("credit-rules: " + e.getMessage());
      return Main.INTERNAL_ERROR;
    } catch (IOException e) {
      err.println("credit-rules: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return Main.INTERNAL_ERROR;
    }
    Signals signals =
        Signals.onTerminate(
            () -> {
              err.println("credit-rules: shutting down");
              err.flush();
              service.stop();
            });
    out.println(
        "credit-rules: listening on http://"
            + hostForUrl()
            + ":"
            + service.port()
            + "/ with "
            + threads
            + " threads"
            + (live != null ? ", live directory " + live : "")
            + (tokenFile == null ? ", no authentication" : ", tokens from " + tokenFile));
    out.flush();
    service.awaitStop();
    signals.restore();
    // reports on stderr any record the log could not write (those requests were answered 503)
    log.finish(err, Main.DECIDED);
    err.println("credit-rules: stopped");
    err.flush();
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
    CommandLine cli = spec.commandLine();
    if (config != null) {
      checkConfig(config);
    }
    if (packs != null && live != null) {
      throw new CommandLine.ParameterException(cli, "--packs and --live cannot be used together");
    }
    if (!gate.equals("cases") && !gate.equals("none")) {
      throw new CommandLine.ParameterException(cli, "--gate must be cases or none but was " + gate);
    }
    if ((tokenFile == null) == !noAuth) {
      throw new CommandLine.ParameterException(
          cli,
          tokenFile == null
              ? "serve needs --token-file FILE (bearer tokens; credit-rules token --token-file FILE"
                  + " --name NAME writes one) or --no-auth to serve without authentication"
              : "--token-file and --no-auth cannot be used together");
    }
    if (readyNeedsHealthyPacks && live == null) {
      throw new CommandLine.ParameterException(cli, "--ready-needs-healthy-packs needs --live");
    }
    TokenFile tokens = tokenFile == null ? null : TokenFile.read(tokenFile);
    HttpService.Settings settings =
        new HttpService.Settings(
            host,
            port,
            threads,
            queue,
            maxBodyBytes,
            maxJsonlBytes,
            grace,
            deadline,
            batchDeadline,
            idleTimeout,
            tokens,
            readyNeedsHealthyPacks);
    List<Path> offered = new ArrayList<>(examples);
    if (packs != null || live != null) {
      offered.add(packs != null ? packs : live);
    }
    if (live == null) {
      CreditRules engine = Main.engine(packs);
      openLog(engine, cli);
      return new HttpService(log.rules(engine), engine, null, settings, offered).start();
    }
    LivePacks livePacks =
        LivePacks.builder(live).gate(gate.equals("cases") ? new CaseGate() : PackGate.NONE).watch();
    try {
      openLog(livePacks, cli);
      return new HttpService(log.rules(livePacks), livePacks, livePacks, settings, offered).start();
    } catch (IOException | RuntimeException e) {
      livePacks.close();
      throw e;
    }
  }

  private void openLog(CreditRules engine, CommandLine cli) {
    try {
      log.open(engine, cli);
    } catch (IOException e) {
      throw new IllegalArgumentException("the decision log cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Refuses a missing config file and any key that is not an option of serve (a typo). */
  private void checkConfig(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--config " + file + ": no such file");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--config " + file + ": cannot read it: " + e.getMessage());
    }
    Set<String> known = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      known.add(o.longestName().replaceFirst("^-+", ""));
    }
    known.remove("config");
    known.remove("help");
    known.remove("version");
    for (String key : p.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "--config " + file + ": unknown key '" + key + "'; the keys are " + known);
      }
    }
  }

  /**
   * Makes {@code --config FILE} of a {@code serve} command line the defaults of its options
   * (picocli's {@link CommandLine.PropertiesDefaultProvider}); called before parsing, since the
   * defaults apply first. A missing file is reported by {@link #start()}.
   */
  static void configure(CommandLine root, String[] args) {
    if (args.length == 0 || !args[0].equals("serve")) {
      return;
    }
    String file = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        file = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        file = args[i].substring("--config=".length());
      }
    }
    CommandLine serve = root.getSubcommands().get("serve");
    if (serve != null && file != null && Files.isRegularFile(Path.of(file))) {
      serve.setDefaultValueProvider(
          new CommandLine.PropertiesDefaultProvider(Path.of(file).toFile()));
    }
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
