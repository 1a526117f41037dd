package dev.creditrules.cli;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.audit.DecisionLog;
import dev.creditrules.audit.JsonLinesSink;
import dev.creditrules.audit.RequestCipher;
import dev.creditrules.audit.RequestStorage;
import dev.creditrules.json.ContractJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --log FILE} and its settings for {@code evaluate}: every decision and rejected request
 * recorded in a JSON Lines decision log ({@code docs/audit.md}). Without {@code --log} every method
 * passes through. A record that could not be written never changes the decisions printed; {@link
 * #finish} reports it on stderr and turns the exit code into 1.
 */
final class LogOptions {
  @Option(
      names = "--log",
      paramLabel = "FILE",
      description =
          "append a record of every decision and rejected request to FILE (JSON Lines, see docs/audit.md)")
  @Nullable Path file;

  @Option(
      names = "--log-requests",
      paramLabel = "WHAT",
      description =
          "with --log: what is kept of each request, for replay: organisations (default: natural"
              + " persons' requests are not kept), encrypted (needs --log-key), plain, none")
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

  private @Nullable DecisionLog log;

  /** Opens the log over {@code engine} when {@code --log} was given. */
  void open(CreditRules engine, CommandLine cli) throws IOException {
    if (file == null) {
      if (key != null || !"organisations".equals(requests) || !"every-record".equals(fsync)) {
        throw new CommandLine.ParameterException(
            cli, "--log-requests, --log-key and --log-fsync need --log");
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
    JsonLinesSink.Fsync when =
        switch (fsync) {
          case "every-record" -> JsonLinesSink.Fsync.EVERY_RECORD;
          case "never" -> JsonLinesSink.Fsync.NEVER;
          default ->
              throw new CommandLine.ParameterException(
                  cli, "--log-fsync must be every-record or never but was " + fsync);
        };
    JsonLinesSink.Builder sink = JsonLinesSink.builder(file).requestStorage(storage).fsync(when);
    if (key != null) {
      try {
        sink.cipher(RequestCipher.fromFile(key));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, e.getMessage());
      }
    }
    log = DecisionLog.builder(engine).sink(sink.build()).build();
  }

  /** What decides: the log over the engine, or the engine itself. */
  CreditRules rules(CreditRules engine) {
    return log == null ? engine : log;
  }

  /** Records a request rejected while it was read. */
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
              log.rejected(input, e);
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
            + " (last: "
            + last.error()
            + ")");
    err.flush();
    return Main.INTERNAL_ERROR;
  }
}
