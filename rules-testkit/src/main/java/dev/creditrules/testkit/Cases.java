package dev.creditrules.testkit;

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
      Path rf = file.getParent().resolve(node.get("requestFile").asText()).normalize();
      try {
        request = JSON.readTree(rf.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(at + ": cannot read requestFile " + rf + ": " + e.getMessage(), e);
      }
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
