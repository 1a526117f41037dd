package dev.creditrules.cli;

import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackException;
import dev.creditrules.api.Request;
import dev.creditrules.api.Timeline;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules timeline REQUEST --until DATE}: every day from the request's {@code asOf} to
 * {@code DATE} on which its decision changes, with what starts, ends and changes ({@link
 * dev.creditrules.api.CreditRules#timeline}); as JSON ({@code timeline.schema.json}), as readable
 * text, or as the subject's repair guide ({@link RepairGuide}, text or a self-contained HTML page).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "timeline",
    description = {
      "Shows what changes in a request's decision from its asOf to --until: each day",
      "a measure starts or ends, a repair entry changes (status, earliest, unmet) or",
      "a dispute opens, closes or is overdue, with the decision of that day.",
      "JSON by default; --text for a readable form; --guide (or --format",
      "guide-text|guide-html) for the subject's repair guide, in Chinese and English.",
      "Exit 0 when done, 2 when the request is invalid (its errors are printed),",
      "1 otherwise."
    })
final class TimelineCommand implements Callable<Integer> {
  static final List<String> FORMATS = List.of("json", "text", "guide-text", "guide-html");

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST",
      description = "the request file (JSON), or - for stdin")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String input;

  @Option(
      names = "--until",
      required = true,
      paramLabel = "DATE",
      description = "the last day to look at (yyyy-MM-dd), not before the request's asOf")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String until;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json (default), text, guide-text or guide-html")
  @Nullable String format;

  @Option(names = "--text", description = "the readable form (--format text)")
  boolean text;

  @Option(
      names = "--guide",
      description = "the subject's repair guide as text (--format guide-text)")
  boolean guide;

  @Option(names = "--compact", description = "with json: a single line")
  boolean compact;

  @Option(
      names = "--packs",
      paramLabel = "DIR",
      description = "load packs from DIR (<id>/<version>/) instead of the class path")
  @Nullable Path packs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String chosen = format();
    LocalDate last;
    try {
      last = LocalDate.parse(until);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--until must be a date yyyy-MM-dd but was " + until);
    }
    CreditRulesEngine engine;
    try {
      engine = Main.engine(packs);
    } catch (PackException e) {
      err.println("credit-rules: the rule packs do not load:");
      Main.printProblems(err, e);
      return Main.INTERNAL_ERROR;
    }
    ContractJson json = new ContractJson(engine.model());
    Request request;
    try (InputStream in = "-".equals(input) ? Main.stdin : Files.newInputStream(Path.of(input))) {
      byte[] bytes = in.readNBytes(json.limits().maxRequestBytes() + 1);
      request = json.readRequest(JsonLineReader.decode(bytes).requestText());
    } catch (InvalidRequestException e) {
      out.println(json.writeErrors(e.errors()));
      out.flush();
      return Main.INVALID_REQUEST;
    }
    if (last.isBefore(request.asOf())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--until " + last + " is before the request's asOf " + request.asOf());
    }
    Timeline timeline = engine.timeline(request, last);
    switch (chosen) {
      case "json" ->
          out.println(compact ? json.writeTimeline(timeline) : json.writeTimelinePretty(timeline));
      case "text" -> out.print(TimelineText.of(timeline));
      case "guide-text" -> out.print(RepairGuide.of(timeline).text());
      default -> out.print(RepairGuide.of(timeline).html());
    }
    out.flush();
    return Main.DECIDED;
  }

  /** The format asked for by {@code --format}, {@code --text} or {@code --guide} (one of them). */
  private String format() {
    int given = (format != null ? 1 : 0) + (text ? 1 : 0) + (guide ? 1 : 0);
    if (given > 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format, --text and --guide cannot be used together");
    }
    if (text) {
      return "text";
    }
    if (guide) {
      return "guide-text";
    }
    if (format == null) {
      return "json";
    }
    if (!FORMATS.contains(format)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--format must be one of " + String.join(", ", FORMATS) + " but was " + format);
    }
    return format;
  }
}
