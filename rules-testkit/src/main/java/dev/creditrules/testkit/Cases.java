package dev.creditrules.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads regression cases ({@code cases/*.yaml} beside each pack) and runs them against an engine.
 * The format is documented in {@code docs/packs.md}.
 */
public final class Cases {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CASE_KEYS =
      Set.of("name", "description", "request", "requestFile", "asOf", "expect");
  private static final Set<String> EXPECT_KEYS =
      Set.of(
          "incentives", "sanctions", "warnings", "repairs", "disputes", "nextChangeOn", "packs",
          "errors");

  /** The reader of the last engine's fact model; one engine's model stays one instance. */
  private volatile Reader reader;

  /** A contract reader over the fact model it was made for. */
  private record Reader(FactModel model, ContractJson json) {}

  /**
   * Every case under {@code root}: each {@code *.yaml} file inside a folder named {@code cases},
   * in path order. {@code packs} limits them to the given pack ids (empty: all).
   *
   * @throws IllegalArgumentException naming the file when a case file is malformed
   */
  public List<RegressionCase> load(Path root, Set<String> packs) {
    List<RegressionCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path f : files.filter(Cases::isCaseFile).sorted().toList()) {
        List<RegressionCase> inFile = loadFile(f);
        for (RegressionCase c : inFile) {
          String id = c.pack().contains("@") ? c.pack().substring(0, c.pack().indexOf('@')) : "";
          if (packs.isEmpty() || packs.contains(id)) {
            cases.add(c);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cases under " + root, e);
    }
    return cases;
  }

  private static boolean isCaseFile(Path p) {
    Path parent = p.getParent();
    String name = p.getFileName().toString();
    return Files.isRegularFile(p)
        && (name.endsWith(".yaml") || name.endsWith(".yml"))
        && parent != null
        && parent.getFileName().toString().equals("cases");
  }

  /** The cases of one file: a single case, or several under {@code cases:}. */
  public List<RegressionCase> loadFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    List<RegressionCase> cases = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a case file must be a mapping");
    }
    if (root.has("cases")) {
      int i = 0;
      for (JsonNode c : root.get("cases")) {
        cases.add(toCase(file, c, "cases[" + i++ + "]"));
      }
    } else {
      cases.add(toCase(file, root, "case"));
    }
    return cases;
  }

  private RegressionCase toCase(Path file, JsonNode node, String where) {
    String at = file + " " + where;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!CASE_KEYS.contains(k)) {
        throw new IllegalArgumentException(at + ": unknown key '" + k + "', expected " + CASE_KEYS);
      }
    }
    if (!node.path("name").isTextual()) {
      throw new IllegalArgumentException(at + ": 'name' (a sentence) is required");
    }
    JsonNode request;
    if (node.has("request") == node.has("requestFile")) {
      throw new IllegalArgumentException(at + ": give exactly one of 'request' and 'requestFile'");
    } else if (node.has("request")) {
      request = node.get("request").deepCopy();
    } else {
      request = requestFile(file, lineOf(file, where, "requestFile"), node.get("requestFile").asText());
    }
    if (node.has("asOf")) {
      if (!request.isObject()) {
        throw new IllegalArgumentException(at + ": asOf override needs an object request");
      }
      ((ObjectNode) request).put("asOf", node.get("asOf").asText());
    }
    JsonNode expect = node.get("expect");
    if (expect == null || !expect.isObject()) {
      throw new IllegalArgumentException(at + ": 'expect' is required");
    }
    for (Iterator<String> it = expect.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!EXPECT_KEYS.contains(k)) {
        throw new IllegalArgumentException(at + ": unknown expect key '" + k + "', expected " + EXPECT_KEYS);
      }
    }
    return new RegressionCase(
        file, node.get("name").asText(), node.path("description").asText(""), request, expect);
  }

  /**
   * The request a case names by {@code requestFile: value} (at {@code line} of {@code caseFile}): a
   * JSON file inside the case's own pack folder ({@code <id>/} of {@code <id>/<version>/cases/},
   * or the case file's folder when it is not in a {@code cases} folder), so that a copy of the pack
   * tree runs as the original does. The path is resolved against the case file's folder, normalised
   * and, when it exists, its symbolic links followed before it is compared with the pack folder.
   *
   * @throws IllegalArgumentException "{@code caseFile:line: ...}" naming the path, when it leaves
   *     the pack folder or cannot be read as JSON
   */
  static JsonNode requestFile(Path caseFile, int line, String value) {
    Path dir = caseFile.toAbsolutePath().normalize().getParent();
    Path casesDir = dir;
    Path pack = dir;
    if (casesDir.getFileName() != null && casesDir.getFileName().toString().equals("cases")
        && casesDir.getParent() != null && casesDir.getParent().getParent() != null) {
      pack = casesDir.getParent().getParent();
    }
    String at = caseFile + ":" + line + ": requestFile " + value;
    Path target = dir.resolve(value).normalize();
    try {
      if (!target.startsWith(pack)
          || Files.exists(target) && !target.toRealPath().startsWith(pack.toRealPath())) {
        throw new IllegalArgumentException(
            at + " is outside the pack folder " + pack + " (resolves to "
                + (Files.exists(target) ? target.toRealPath() : target)
                + "): put the request beside the case, in cases/requests/, or inline it as request:");
      }
      if (!Files.isRegularFile(target)) {
        throw new IllegalArgumentException(at + ": no such file " + target);
      }
      return JSON.readTree(target.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(at + ": cannot read " + target + " as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The 1-based line of {@code key}'s value in the case {@code where} ({@code case}: the file's
   * only case; {@code cases[i]}: the i-th under {@code cases:}) of a YAML file, 0 when not found.
   */
  private static int lineOf(Path file, String where, String key) {
    int wanted = where.startsWith("cases[") ? Integer.parseInt(where.substring(6, where.length() - 1)) : -1;
    try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME || !key.equals(p.currentName())) {
          continue;
        }
        JsonStreamContext caseObject = p.getParsingContext();
        JsonStreamContext parent = caseObject.getParent();
        boolean single = wanted < 0 && parent != null && parent.inRoot();
        boolean listed =
            wanted >= 0 && parent != null && parent.inArray() && parent.getCurrentIndex() == wanted
                && parent.getParent() != null && parent.getParent().getParent() != null
                && parent.getParent().getParent().inRoot() && "cases".equals(parent.getParent().getCurrentName());
        if (single || listed) {
          p.nextToken();
          return p.currentTokenLocation().getLineNr();
        }
      }
    } catch (IOException e) {
      return 0; // the file was read once already; a line is a courtesy
    }
    return 0;
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
      Request request = json.readRequest(c.request());
      Trace trace = engine.trace(request);
      Decision decision = trace.decision();
      fired = trace.fired();
      actual = json.decisionTree(decision);
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
    return new CaseResult(c, failures, shown.toPrettyString(), fired);
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
