package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads requests and writes decisions and errors in the JSON contract (v1, {@code
 * shared/contract/README.md}). Instances are immutable, thread-safe and reusable.
 *
 * <p>Reading walks the JSON tree by hand rather than binding records, so that every problem of a
 * request is reported at once, each with a JSON pointer: unknown fields at every level, missing
 * required fields, wrong JSON types, non-integer integer fields, dates that do not exist, unknown
 * fact types and codes. What could be parsed is then checked by {@link
 * dev.creditrules.api.RequestValidator}; structural and semantic problems are merged in the
 * contract's order (top-level fields first, then per fact in request order).
 *
 * <p>Writing is deterministic: the same decision always gives the same bytes, fields in the
 * contract's order, {@code null} written as JSON null, dates as ISO strings, non-ASCII characters
 * unescaped (callers encode the string as UTF-8).
 *
 * <p>The JSON Schemas of the contract are the resources {@link #REQUEST_SCHEMA} and {@link
 * #DECISION_SCHEMA}.
 */
public final class ContractJson {
  /** Classpath resource of the request's JSON Schema (draft 2020-12). */
  public static final String REQUEST_SCHEMA = "/dev/creditrules/json/request.schema.json";

  /** Classpath resource of the decision's (and error object's) JSON Schema (draft 2020-12). */
  public static final String DECISION_SCHEMA = "/dev/creditrules/json/decision.schema.json";

  private final ObjectMapper mapper;
  private final ObjectWriter compact;
  private final ObjectWriter pretty;

  /** A reader and writer of the contract. */
  public ContractJson() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    m.setNodeFactory(Nodes.FACTORY);
    this.mapper = m;
    this.compact = m.writer();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    this.pretty = m.writer(printer);
  }

  // ------------------------------------------------------------------------------ requests

  /**
   * Reads a request.
   *
   * @param json the request's JSON text
   * @throws InvalidRequestException listing every problem; invalid JSON or a root that is not an
   *     object gives one error with the empty pointer {@code ""} (the whole document)
   */
  public Request readRequest(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    }
    return RequestReader.read(root);
  }

  /**
   * Reads a request from UTF-8 (or UTF-16/32 with BOM) bytes; the stream is read to its end but
   * not closed.
   *
   * @throws InvalidRequestException listing every problem
   * @throws UncheckedIOException when the stream cannot be read
   */
  public Request readRequest(InputStream in) {
    Objects.requireNonNull(in, "in");
    JsonNode root;
    try {
      root = mapper.readTree(in);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RequestReader.read(root);
  }

  /**
   * Reads a request from a parsed tree.
   *
   * @throws InvalidRequestException listing every problem
   */
  public Request readRequest(JsonNode root) {
    return RequestReader.read(root);
  }

  /**
   * The {@code requestId} of a request text when it parses as a JSON object whose {@code
   * requestId} is a string, otherwise {@code null}. For batch error lines, which echo the id of a
   * request that parses but is invalid.
   */
  public String requestIdOf(String json) {
    try {
      JsonNode id = mapper.readTree(json).get("requestId");
      return id != null && id.isTextual() ? id.textValue() : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** The request as a JSON tree: the inverse of {@link #readRequest(JsonNode)}. */
  public ObjectNode requestTree(Request request) {
    return RequestWriter.tree(request);
  }

  /**
   * The request as compact JSON, absent optional fields (and fields equal to their default) left
   * out: reading it back gives an equal request.
   */
  public String writeRequest(Request request) {
    return write(compact, requestTree(request));
  }

  /** The request as indented JSON (two spaces, {@code \n} line ends). */
  public String writeRequestPretty(Request request) {
    return write(pretty, requestTree(request));
  }

  // ------------------------------------------------------------------------------ decisions

  /** The decision as a JSON tree, fields in the contract's order. */
  public ObjectNode decisionTree(Decision decision) {
    return DecisionWriter.tree(decision);
  }

  /** The decision as compact single-line JSON, suitable for JSON Lines; deterministic. */
  public String writeDecision(Decision decision) {
    return write(compact, decisionTree(decision));
  }

  /**
   * The decision as indented JSON (two spaces, {@code \n} line ends, no final line end);
   * deterministic.
   */
  public String writeDecisionPretty(Decision decision) {
    return write(pretty, decisionTree(decision));
  }

  // ------------------------------------------------------------------------------ errors

  /** {@code {"errors":[{"pointer":…,"value":…,"reason":…}, …]}} as a tree. */
  public ObjectNode errorsTree(List<RequestError> errors) {
    ObjectNode root = Nodes.object();
    root.set("errors", DecisionWriter.errors(errors));
    return root;
  }

  /** {@code {"errors":[{"pointer":…,"value":…,"reason":…}, …]}} as compact JSON. */
  public String writeErrors(List<RequestError> errors) {
    return write(compact, errorsTree(errors));
  }

  /** {@link #writeErrors} indented. */
  public String writeErrorsPretty(List<RequestError> errors) {
    return write(pretty, errorsTree(errors));
  }

  /**
   * A JSON Lines error line as a tree: {@code {"requestId":…,"line":3,"errors":[…]}}.
   *
   * @param requestId the line's request id, {@code null} when unknown (the line does not parse)
   * @param line the 1-based line number
   */
  public ObjectNode batchErrorsTree(String requestId, int line, List<RequestError> errors) {
    ObjectNode root = Nodes.object();
    root.set("requestId", Nodes.text(requestId));
    root.put("line", line);
    root.set("errors", DecisionWriter.errors(errors));
    return root;
  }

  /**
   * A JSON Lines error line, compact: {@code {"requestId":…,"line":3,"errors":[…]}}.
   *
   * @param requestId the line's request id, {@code null} when unknown (the line does not parse)
   * @param line the 1-based line number
   */
  public String writeBatchErrors(String requestId, int line, List<RequestError> errors) {
    return write(compact, batchErrorsTree(requestId, line, errors));
  }

  // ------------------------------------------------------------------------------ helpers

  /** Any tree as compact JSON, with this instance's settings. */
  public String write(JsonNode tree) {
    return write(compact, tree);
  }

  /** Any tree as indented JSON, with this instance's settings. */
  public String writePretty(JsonNode tree) {
    return write(pretty, tree);
  }

  private static String write(ObjectWriter writer, JsonNode tree) {
    try {
      return writer.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static InvalidRequestException syntaxError(JsonProcessingException e) {
    StringBuilder reason = new StringBuilder("invalid JSON");
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      reason
          .append(" at line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr());
    }
    String detail = e.getOriginalMessage();
    if (detail != null && detail.startsWith("Trailing token")) {
      detail = "unexpected content after the end of the JSON value";
    }
    if (detail != null && !detail.isBlank()) {
      reason.append(": ").append(detail.lines().findFirst().orElse(detail));
    }
    return RequestReader.single(null, reason.toString());
  }
}
