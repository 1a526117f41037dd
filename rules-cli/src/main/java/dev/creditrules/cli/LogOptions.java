package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.audit.DecisionLog;
import dev.creditrules.audit.DecisionNotRecordedException;
import dev.creditrules.audit.JsonLinesSink;
import dev.creditrules.audit.PostgresSink;
import dev.creditrules.audit.RequestCipher;
import dev.creditrules.audit.RequestStorage;
import dev.creditrules.json.ContractJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --log FILE}, {@code --log-postgres URL} and their settings, for {@code evaluate} and
 * {@code serve}: every decision and rejected request recorded in a JSON Lines decision log, a
 * PostgreSQL table, or both ({@code docs/audit.md}). Without either, every method passes through.
 *
 * <p>The log fails closed: a decision whose record could not be written is not made ({@link
 * DecisionNotRecordedException}); {@code --log-unrecorded return} names the unsafe opposite, where
 * the decision is returned anyway and {@link #finish} reports the failures on stderr and turns the
 * exit code into 1.
 */
final class LogOptions {
  /** The environment variable that may hold the PostgreSQL password. */
  static final String PASSWORD_ENV = "CREDIT_RULES_LOG_PG_PASSWORD";

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description =
          "append a record of every decision and rejected request to FILE (JSON Lines, see docs/audit.md)")
  @Nullable Path file;

  @Option(
      names = "--log-postgres",
      paramLabel = "JDBC_URL",
      description =
          "record every decision and rejected request in the table credit_decisions of this"
              + " PostgreSQL database (jdbc:postgresql://HOST:PORT/DB; the table's DDL is in"
              + " docs/audit.md); with --log too, in both")
  @Nullable String postgres;

  @Option(
      names = "--log-postgres-user",
      paramLabel = "NAME",
      description = "with --log-postgres: the database user")
  @Nullable String postgresUser;

  @Option(
      names = "--log-postgres-password-file",
      paramLabel = "FILE",
      description =
          "with --log-postgres: a file whose first line is the password (else the environment"
              + " variable "
              + PASSWORD_ENV
              + "; never on the command line)")
  @Nullable Path postgresPasswordFile;

  @Option(
      names = "--log-connect-timeout",
      paramLabel = "SECONDS",
      description = "with --log-postgres: how long connecting may take (default ${DEFAULT-VALUE})")
  int connectTimeout = (int) PostgresSink.DEFAULT_CONNECT_TIMEOUT.toSeconds();

  @Option(
      names = "--log-statement-timeout",
      paramLabel = "SECONDS",
      description =
          "with --log-postgres: how long writing a record may take on the server (default"
              + " ${DEFAULT-VALUE}); a server that stops answering fails the write 5 s later")
  int statementTimeout = (int) PostgresSink.DEFAULT_STATEMENT_TIMEOUT.toSeconds();

  @Option(
      names = "--log-requests",
      paramLabel = "WHAT",
      description =
          "with --log or --log-postgres: what is kept of each request, for replay: organisations"
              + " (default: natural persons' requests are not kept), encrypted (needs --log-key),"
              + " plain, none")
  String requests = "organisations";

  @Option(
      names = "--log-key",
      paramLabel = "FILE",
      description = "with --log-requests encrypted: the AES-256 key, 32 bytes in Base64")
  @Nullable Path key;

  @Option(
      names = "--log-fsync",
      paramLabel = "WHEN",
      description =
          "with --log: every-record (default: each record is on disk before its decision is"
              + " printed) or never (left to the OS: survives a crash of the JVM, not of the machine)")
  String fsync = "every-record";

  @Option(
      names = "--log-unrecorded",
      paramLabel = "WHAT",
      description =
          "what becomes of a decision whose record could not be written: fail (default: it is not"
              + " made, and an error says so) or return (UNSAFE: it is returned without its record;"
              + " the failures are counted and the exit code is 1)")
  String unrecorded = "fail";

  private @Nullable DecisionLog log;

  /** True when a decision log was asked for. */
  boolean enabled() {
    return file != null || postgres != null;
  }

  /**
   * Opens the log over {@code engine} when {@code --log} or {@code --log-postgres} was given; with
   * {@code --log-postgres}, checks that the table can be written.
   *
   * @throws CommandLine.ParameterException for options that do not fit together or bad values
   * @throws IOException when the key cannot be read or the database cannot be used (the message
   *     says which option and why)
   */
  void open(CreditRules engine, CommandLine cli) throws IOException {
    if (postgres == null
        && (postgresUser != null
            || postgresPasswordFile != null
            || connectTimeout != (int) PostgresSink.DEFAULT_CONNECT_TIMEOUT.toSeconds()
            || statementTimeout != (int) PostgresSink.DEFAULT_STATEMENT_TIMEOUT.toSeconds())) {
      throw new CommandLine.ParameterException(
          cli,
          "--log-postgres-user, --log-postgres-password-file, --log-connect-timeout and"
              + " --log-statement-timeout need --log-postgres");
    }
    if (file == null && !"every-record".equals(fsync)) {
      throw new CommandLine.ParameterException(cli, "--log-fsync needs --log");
    }
    if (!enabled()) {
      if (key != null || !"organisations".equals(requests) || !"fail".equals(unrecorded)) {
        throw new CommandLine.ParameterException(
            cli, "--log-requests, --log-key and --log-unrecorded need --log or --log-postgres");
      }
      return;
    }
    RequestStorage storage;
    try {
      storage = RequestStorage.valueOf(requests.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          cli,
          "--log-requests must be organisations, encrypted, plain or none but was " + requests);
    }
    if ((storage == RequestStorage.ENCRYPTED) != (key != null)) {
      throw new CommandLine.ParameterException(
          cli, "--log-key goes with --log-requests encrypted, and only with it");
    }
    DecisionLog.FailurePolicy policy =
        switch (unrecorded) {
          case "fail" -> DecisionLog.FailurePolicy.FAIL_CLOSED;
          case "return" -> DecisionLog.FailurePolicy.RETURN_UNRECORDED;
          default ->
              throw new CommandLine.ParameterException(
                  cli, "--log-unrecorded must be fail or return but was " + unrecorded);
        };
    JsonLinesSink.Fsync when =
        switch (fsync) {
          case "every-record" -> JsonLinesSink.Fsync.EVERY_RECORD;
          case "never" -> JsonLinesSink.Fsync.NEVER;
          default ->
              throw new CommandLine.ParameterException(
                  cli, "--log-fsync must be every-record or never but was " + fsync);
        };
    RequestCipher cipher = null;
    if (key != null) {
      try {
        cipher = RequestCipher.fromFile(key);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, e.getMessage());
      }
    }
    DecisionLog.Builder b = DecisionLog.builder(engine).failurePolicy(policy);
    if (file != null) {
      JsonLinesSink.Builder sink = JsonLinesSink.builder(file).requestStorage(storage).fsync(when);
      if (cipher != null) {
        sink.cipher(cipher);
      }
      b.sink(sink.build());
    }
    if (postgres != null) {
      PostgresSink sink = postgres(cli, storage, cipher);
      try {
        sink.check();
      } catch (SQLException e) {
        sink.close();
        throw new IOException(
            "--log-postgres "
                + sink.name()
                + ": cannot record decisions there: "
                + e.getMessage()
                + " (SQL state "
                + e.getSQLState()
                + (TABLE_MISSING.equals(e.getSQLState())
                    ? "; create the table with the DDL in docs/audit.md"
                    : "")
                + ")",
            null);
      }
      b.sink(sink);
    }
    log = b.build();
  }

  private static final String TABLE_MISSING = "42P01";

  private PostgresSink postgres(
      CommandLine cli, RequestStorage storage, @Nullable RequestCipher cipher) throws IOException {
    String url = Objects.requireNonNull(postgres, "--log-postgres");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CommandLine.ParameterException(
          cli, "--log-postgres must be a jdbc:postgresql:// URL but was " + url);
    }
    if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
      throw new CommandLine.ParameterException(
          cli,
          "--log-postgres must not hold the password (a command line is visible to every user of"
              + " the machine): use --log-postgres-password-file or "
              + PASSWORD_ENV);
    }
    for (int[] t : new int[][] {{connectTimeout, 0}, {statementTimeout, 1}}) {
      if (t[0] < 1) {
        throw new CommandLine.ParameterException(
            cli,
            (t[1] == 0 ? "--log-connect-timeout" : "--log-statement-timeout")
                + " must be 1 or more seconds but was "
                + t[0]);
      }
    }
    Properties p = new Properties();
    p.setProperty("ApplicationName", "credit-rules");
    if (postgresUser != null) {
      p.setProperty("user", postgresUser);
    }
    String password = password();
    if (password != null) {
      p.setProperty("password", password);
    }
    PostgresSink.Builder sink =
        PostgresSink.builder(url, p)
            .requestStorage(storage)
            .connectTimeout(Duration.ofSeconds(connectTimeout))
            .statementTimeout(Duration.ofSeconds(statementTimeout))
            // a server that stops answering: the statement's time, and some to notice
            .socketTimeout(Duration.ofSeconds(statementTimeout + 5L));
    if (cipher != null) {
      sink.cipher(cipher);
    }
    return sink.build();
  }

  /** The password: the file's first line, or the environment variable, or none. */
  private @Nullable String password() throws IOException {
    if (postgresPasswordFile != null) {
      try (java.io.BufferedReader r =
          Files.newBufferedReader(postgresPasswordFile, StandardCharsets.UTF_8)) {
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
          throw new IOException(
              "--log-postgres-password-file " + postgresPasswordFile + ": the first line is empty",
              null);
        }
        return line;
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IOException(
            "--log-postgres-password-file " + postgresPasswordFile + ": no such file", null);
      }
    }
    return System.getenv(PASSWORD_ENV);
  }

  /**
   * The log, for its failure counts; {@code null} without {@code --log} or {@code --log-postgres}.
   */
  @Nullable DecisionLog log() {
    return log;
  }

  /** Closes the log (every sink), when there is one; again does nothing. */
  void close() {
    DecisionLog log = this.log;
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        // closing forces the file once more; every record returned was already forced
      }
    }
  }

  /** What decides: the log over the engine, or the engine itself. */
  CreditRules rules(CreditRules engine) {
    return log == null ? engine : log;
  }

  /**
   * Records a request rejected while it was read.
   *
   * @throws DecisionNotRecordedException when the record could not be written (and the log fails
   *     closed): the rejection must not be reported as made
   */
  void rejected(String text, InvalidRequestException e) {
    if (log != null) {
      log.rejected(text, e);
    }
  }

  /** A tee for one {@code --jsonl} run, reading requests with {@code json}. */
  Tee tee(ContractJson json) {
    return new Tee(json);
  }

  /**
   * For {@code --jsonl}: the batch reads its lines through {@code reader} and writes its results
   * through {@code writer}; each result line is paired with its input line (the batch writes one
   * result per non-blank line, in input order), and the input of an error line that is a rejection
   * is recorded. Decisions are recorded by the log itself.
   */
  final class Tee {
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final ContractJson json;

    Tee(ContractJson json) {
      this.json = json;
    }

    /** What the batch gives every non-blank input line, or null when nothing is logged. */
    @Nullable Consumer<String> lines() {
      return log == null ? null : pending::add;
    }

    PrintWriter writer(PrintWriter out) {
      DecisionLog log = LogOptions.this.log;
      if (log == null) {
        return out;
      }
      return new PrintWriter(out) {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int c) {
          super.write(c);
          see(c);
        }

        @Override
        public void write(char[] buf, int off, int len) {
          super.write(buf, off, len);
          for (int i = off; i < off + len; i++) {
            see(buf[i]);
          }
        }

        @Override
        public void write(String s, int off, int len) {
          super.write(s, off, len);
          for (int i = off; i < off + len; i++) {
            see(s.charAt(i));
          }
        }

        private void see(int c) {
          if (c != '\n') {
            line.append((char) c);
            return;
          }
          String input = pending.poll();
          // an error line; a decision never has an "errors" key, and a string never holds it
          // unescaped
          if (input != null && line.indexOf("\"errors\":[") >= 0) {
            try {
              json.readRequest(input);
            } catch (InvalidRequestException e) {
              try {
                log.rejected(input, e);
              } catch (DecisionNotRecordedException x) {
                // counted in the log's failures: finish() reports them and exits 1; the error
                // line is not a decision, so the batch goes on
              }
            } catch (RuntimeException e) {
              // an internal error line: not a rejection
            }
          }
          line.setLength(0);
        }
      };
    }
  }

  /**
   * Closes the log; reports failed records on {@code err}, and then returns 1 instead of {@code
   * code}.
   */
  int finish(PrintWriter err, int code) {
    DecisionLog log = this.log;
    if (log == null) {
      return code;
    }
    DecisionLog.Failures f = log.failures();
    try {
      log.close();
    } catch (Exception e) {
      err.println("credit-rules: the decision log did not close: " + e);
      return Main.INTERNAL_ERROR;
    }
    if (f.none()) {
      return code;
    }
    // every write is done by now, and a failed write is counted and kept as the last one at once
    DecisionLog.Failures.Last last = Objects.requireNonNull(f.last(), "a failure without its last");
    err.println(
        "credit-rules: "
            + f.failures()
            + " of "
            + f.records()
            + " records were not written to the decision log"
            + (log.failurePolicy() == DecisionLog.FailurePolicy.FAIL_CLOSED
                ? ", so their decisions were not made"
                : "; their decisions were printed unrecorded (--log-unrecorded return)")
            + " (last: "
            + last.error()
            + ")");
    err.flush();
    return Main.INTERNAL_ERROR;
  }
}
