package dev.creditrules.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads regression cases ({@code cases/*.yaml} beside each pack) and runs them against an engine.
 * The format is documented in {@code docs/packs.md}.
 */
public final class Cases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CASE_KEYS =
      new java.util.TreeSet<>(
          Set.of("name", "description", "request", "requestFile", "asOf", "expect"));

  /** The reader of the last engine's fact model; one engine's model stays one instance. */
  private volatile @Nullable Reader reader;

  /** A contract reader over the fact model it was made for. */
  private record Reader(FactModel model, ContractJson json) {}

  /**
   * The cases under {@code root} and the problems of their files, as {@link #read} finds them.
   *
   * @param cases the cases that load, in path order
   * @param problems every problem of every case file, in path and line order; a case with a problem
   *     is not among {@code cases}
   */
  public record Loaded(List<RegressionCase> cases, List<CaseProblem> problems) {
    public Loaded {
      cases = List.copyOf(cases);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Every case under {@code root}: each {@code *.yaml} file inside a folder named {@code cases}, in
   * path order. {@code packs} limits them to the given pack ids (empty: all).
   *
   * @throws IllegalArgumentException listing every problem (file:line:column) when a case file is
   *     malformed
   */
  public List<RegressionCase> load(Path root, Set<String> packs) {
    return orThrow(read(root, packs, Set.of()));
  }

  /**
   * Every case under {@code root} as {@link #load} finds them, and every problem of their files:
   * YAML syntax, unknown keys, a missing name or expectation, a request that cannot be read, and,
   * in the expectations, keys of no expectation, fact ids the case's request does not have and
   * (when {@code measures} is not empty) measure ids that are not among {@code measures}. One bad
   * file or case never stops the others.
   *
   * @param packs the pack ids whose case files are read (empty: all)
   * @param measures the measure ids of the catalogues the cases run against (empty: not checked)
   */
  public Loaded read(Path root, Set<String> packs, Set<String> measures) {
    List<RegressionCase> cases = new ArrayList<>();
    List<CaseProblem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path f : files.filter(Cases::isCaseFile).sorted().toList()) {
        String pack = RegressionCase.packOf(f);
        String id = pack.contains("@") ? pack.substring(0, pack.indexOf('@')) : "";
        if (packs.isEmpty() || packs.contains(id)) {
          Loaded inFile = readFile(f, measures);
          cases.addAll(inFile.cases());
          problems.addAll(inFile.problems());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cases under " + root, e);
    }
    return new Loaded(cases, problems);
  }

  private static boolean isCaseFile(Path p) {
    Path parent = p.getParent();
    String name = p.getFileName().toString();
    return Files.isRegularFile(p)
        && (name.endsWith(".yaml") || name.endsWith(".yml"))
        && parent != null
        && parent.getFileName().toString().equals("cases");
  }

  /**
   * The cases of one file: a single case, or several under {@code cases:}.
   *
   * @throws IllegalArgumentException listing every problem of the file
   */
  public List<RegressionCase> loadFile(Path file) {
    return orThrow(readFile(file, Set.of()));
  }

  /** The cases of one file and its problems, checked as {@link #read} checks them. */
  public Loaded readFile(Path file, Set<String> measures) {
    List<RegressionCase> cases = new ArrayList<>();
    List<CaseProblem> problems = new ArrayList<>();
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(Files.readString(file));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      problems.add(
          new CaseProblem(
              file,
              l == null ? 0 : l.getLineNr(),
              l == null ? 0 : l.getColumnNr(),
              "not valid YAML: " + oneLine(e.getOriginalMessage())));
      return new Loaded(cases, problems);
    } catch (IOException e) {
      problems.add(new CaseProblem(file, 0, 0, "cannot read the case file: " + e.getMessage()));
      return new Loaded(cases, problems);
    }
    JsonNode root = yaml.root();
    if (!root.isObject()) {
      problems.add(
          new CaseProblem(
              file, 1, 1, "a case file must be a mapping: one case, or several under 'cases:'"));
    } else if (root.has("cases")) {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("cases")) {
          problem(
              problems,
              file,
              yaml,
              "/" + k,
              "unknown key '"
                  + k
                  + "' beside 'cases' (a file holds one case, or several under 'cases:')");
        }
      }
      if (!root.get("cases").isArray()) {
        problem(problems, file, yaml, "/cases", "'cases' must be a list of cases");
      } else {
        for (int i = 0; i < root.get("cases").size(); i++) {
          toCase(file, yaml, "/cases/" + i, measures, cases, problems);
        }
      }
    } else {
      toCase(file, yaml, "", measures, cases, problems);
    }
    problems.sort(
        java.util.Comparator.comparingInt(CaseProblem::line).thenComparingInt(CaseProblem::column));
    return new Loaded(cases, problems);
  }

  /**
   * The YAML parser's message on one line: "while parsing a flow mapping (line 2, column 10):
   * expected ',' or '}', but got :" without the echoed source lines and carets.
   */
  static String oneLine(String message) {
    List<String> parts = new ArrayList<>();
    java.util.regex.Matcher at =
        java.util.regex.Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):$").matcher("");
    String[] lines = message.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (at.reset(lines[i]).matches() && !parts.isEmpty()) {
        parts.set(
            parts.size() - 1,
            parts.get(parts.size() - 1)
                + " (line "
                + at.group(1)
                + ", column "
                + at.group(2)
                + ")");
        i += 2; // the echoed line and its caret
      } else if (!lines[i].isBlank()) {
        parts.add(lines[i].strip());
      }
    }
    return String.join(": ", parts);
  }

  private static List<RegressionCase> orThrow(Loaded loaded) {
    if (!loaded.problems().isEmpty()) {
      throw new IllegalArgumentException(
          String.join("\n", loaded.problems().stream().map(CaseProblem::toString).toList()));
    }
    return loaded.cases();
  }

  private static void problem(
      List<CaseProblem> problems, Path file, LocatedYaml yaml, String pointer, String message) {
    LocatedYaml.Position at = yaml.at(pointer);
    problems.add(new CaseProblem(file, at.line(), at.column(), message));
  }

  private static void toCase(
      Path file,
      LocatedYaml yaml,
      String at,
      Set<String> measures,
      List<RegressionCase> cases,
      List<CaseProblem> problems) {
    int before = problems.size();
    JsonNode node = yaml.root().at(at);
    if (!node.isObject()) {
      problem(
          problems,
          file,
          yaml,
          at,
          "a case must be a mapping with name, request or requestFile, and expect");
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!CASE_KEYS.contains(k)) {
        problem(problems, file, yaml, at + "/" + k, Expectations.unknown("key", k, CASE_KEYS));
      }
    }
    if (!node.path("name").isTextual()) {
      problem(
          problems,
          file,
          yaml,
          node.has("name") ? at + "/name" : at,
          "'name' (a sentence saying what must hold) is required");
    }
    JsonNode request = null;
    if (node.has("request") == node.has("requestFile")) {
      problem(problems, file, yaml, at, "give exactly one of 'request' and 'requestFile'");
    } else if (node.has("request")) {
      request = node.get("request").deepCopy();
    } else {
      try {
        request = requestFile(file, node.get("requestFile").asText());
      } catch (IllegalArgumentException e) {
        problem(problems, file, yaml, at + "/requestFile", String.valueOf(e.getMessage()));
      }
    }
    if (request != null && node.has("asOf")) {
      if (!request.isObject()) {
        problem(problems, file, yaml, at + "/asOf", "asOf override needs an object request");
      } else {
        ((ObjectNode) request).put("asOf", node.get("asOf").asText());
      }
    }
    JsonNode expect = node.get("expect");
    if (expect == null || !expect.isObject()) {
      problem(
          problems,
          file,
          yaml,
          expect == null ? at : at + "/expect",
          "'expect' (a mapping of what the decision must hold) is required");
    } else {
      Set<String> facts = new java.util.HashSet<>();
      if (request != null) {
        request.path("facts").forEach(f -> facts.add(f.path("id").asText()));
      }
      Expectations.validate(
          expect,
          request == null ? null : facts,
          measures,
          (pointer, message) -> problem(problems, file, yaml, at + "/expect" + pointer, message));
    }
    if (problems.size() == before && request != null && expect != null) {
      cases.add(
          new RegressionCase(
              file,
              yaml.at(at).line(),
              node.get("name").asText(),
              node.path("description").asText(""),
              request,
              expect));
    }
  }

  /**
   * The cases whose name matches {@code pattern}, ignoring case: a glob ({@code *} any text, {@code
   * ?} one character) over the whole name when the pattern has a {@code *} or {@code ?}, otherwise
   * a substring of the name.
   */
  public static List<RegressionCase> named(List<RegressionCase> cases, String pattern) {
    java.util.function.Predicate<String> match;
    if (pattern.contains("*") || pattern.contains("?")) {
      StringBuilder re = new StringBuilder();
      for (char ch : pattern.toCharArray()) {
        re.append(
            ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
      }
      java.util.regex.Pattern p =
          java.util.regex.Pattern.compile(
              re.toString(),
              java.util.regex.Pattern.CASE_INSENSITIVE
                  | java.util.regex.Pattern.UNICODE_CASE
                  | java.util.regex.Pattern.DOTALL);
      match = name -> p.matcher(name).matches();
    } else {
      String lower = pattern.toLowerCase(java.util.Locale.ROOT);
      match = name -> name.toLowerCase(java.util.Locale.ROOT).contains(lower);
    }
    return cases.stream().filter(c -> match.test(c.name())).toList();
  }

  /**
   * The request a case names by {@code requestFile: value} (at {@code line} of {@code caseFile}): a
   * JSON file inside the case's own pack folder ({@code <id>/} of {@code <id>/<version>/cases/}, or
   * the case file's folder when it is not in a {@code cases} folder), so that a copy of the pack
   * tree runs as the original does. The path is resolved against the case file's folder, normalised
   * and, when it exists, its symbolic links followed before it is compared with the pack folder.
   *
   * @throws IllegalArgumentException "{@code caseFile:line: ...}" naming the path, when it leaves
   *     the pack folder or cannot be read as JSON
   */
  static JsonNode requestFile(Path caseFile, int line, String value) {
    try {
      return requestFile(caseFile, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(caseFile + ":" + line + ": " + e.getMessage(), e);
    }
  }

  /** {@link #requestFile(Path, int, String)} with messages that name no location. */
  private static JsonNode requestFile(Path caseFile, String value) {
    // an absolute file path has a parent
    Path dir = Objects.requireNonNull(caseFile.toAbsolutePath().normalize().getParent());
    Path casesDir = dir;
    Path pack = dir;
    if (casesDir.getFileName() != null
        && casesDir.getFileName().toString().equals("cases")
        && casesDir.getParent() != null
        && casesDir.getParent().getParent() != null) {
      pack = casesDir.getParent().getParent();
    }
    String at = "requestFile " + value;
    Path target = dir.resolve(value).normalize();
    try {
      if (!target.startsWith(pack)
          || Files.exists(target) && !target.toRealPath().startsWith(pack.toRealPath())) {
        throw new IllegalArgumentException(
            at
                + " is outside the pack folder "
                + pack
                + " (resolves to "
                + (Files.exists(target) ? target.toRealPath() : target)
                + "): put the request beside the case, in cases/requests/, or inline it as request:");
      }
      if (!Files.isRegularFile(target)) {
        throw new IllegalArgumentException(at + ": no such file " + target);
      }
      return JSON.readTree(target.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          at + ": cannot read " + target + " as JSON: " + e.getMessage(), e);
    }
  }

  /** Decides the case's request with {@code engine} and checks every expectation. */
  public CaseResult run(CreditRulesEngine engine, RegressionCase c) {
    JsonNode actual;
    // what the report shows: the actual result with a natural person's id masked, as in the
    // decision log (SubjectMask)
    JsonNode shown;
    boolean isError;
    List<String> fired = List.of();
    ContractJson json = json(engine);
    try {
      Request request = json.trees().readRequest(c.request());
      Trace trace = engine.trace(request);
      Decision decision = trace.decision();
      fired = trace.fired();
      actual = json.trees().decisionTree(decision);
      shown = actual.deepCopy();
      ((ObjectNode) shown.get("subject"))
          .put("id", SubjectMask.mask(decision.subject().id(), decision.subject().type()));
      isError = false;
    } catch (InvalidRequestException e) {
      try {
        actual = JSON.readTree(json.writeErrors(e.errors()));
        shown = JSON.readTree(json.writeErrors(SubjectMask.errors(e.errors())));
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
      isError = true;
    }
    List<String> failures = new Expectations(c.expect(), actual, isError).check();
    return new CaseResult(c, failures, actual, shown, isError, fired);
  }

  /** The contract reader of {@code engine}'s fact model: a case is read as its engine reads it. */
  private ContractJson json(CreditRulesEngine engine) {
    FactModel model = engine.model();
    Reader r = reader;
    if (r == null || r.model() != model) {
      r = new Reader(model, new ContractJson(model));
      reader = r;
    }
    return r.json();
  }
}
