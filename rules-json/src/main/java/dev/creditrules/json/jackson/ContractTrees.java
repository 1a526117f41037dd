package dev.creditrules.json.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.ExplanationRequest;
import dev.creditrules.json.InvalidDecisionException;
import dev.creditrules.json.TimelineRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON contract as Jackson trees, for code that already uses Jackson: it composes decisions,
 * errors and pack lists into bigger documents (reports, audit records, service bodies) or reads
 * requests out of them. Obtained from {@link ContractJson#trees()}; it reads and writes with that
 * instance's fact model, limits and settings, through the same readers and writers, so a tree
 * written with {@link #write(JsonNode)} has the bytes {@code ContractJson} writes. Thread-safe.
 *
 * <p>Code that does not use Jackson needs none of this: {@link ContractJson} reads and writes
 * strings and streams. Not meant to be implemented outside this library.
 */
public interface ContractTrees {

  // ---------------------------------------------------------------------------- reading

  /**
   * Reads a request from a parsed tree, within the limits (the size limit aside: a tree has no
   * bytes), as {@link ContractJson#readRequest(String)} does.
   *
   * @throws InvalidRequestException listing every problem
   */
  Request readRequest(JsonNode root);

  /**
   * Reads the request at {@code p}'s current token (the next one when it has none), from the parser
   * of any {@code ObjectMapper}, as a Jackson deserializer does: the value is copied token by token
   * into this contract's tree (decimals exact, duplicate names refused), within the limits (size
   * counted from the parser's offsets, and depth, as it is copied), then read as {@link
   * #readRequest(JsonNode)}. The parser is left on the value's last token.
   *
   * @throws InvalidRequestException listing every problem; JSON that does not parse, or a value
   *     over the size or depth limit, gives one error with the empty pointer
   */
  Request readRequest(JsonParser p);

  /**
   * Reads the body of a timeline request from a parsed tree; see {@link
   * ContractJson#readTimelineRequest(String)}.
   *
   * @throws InvalidRequestException listing every problem
   */
  TimelineRequest readTimelineRequest(JsonNode root);

  /**
   * Reads the body of a timeline request at {@code p}'s current token, as {@link
   * #readRequest(JsonParser)} reads a request.
   *
   * @throws InvalidRequestException listing every problem
   */
  TimelineRequest readTimelineRequest(JsonParser p);

  /**
   * Reads the body of an explanation request from a parsed tree; see {@link
   * ContractJson#readExplanationRequest(java.io.InputStream)}.
   *
   * @throws InvalidRequestException listing every problem
   */
  ExplanationRequest readExplanationRequest(JsonNode root);

  /**
   * Reads the body of an explanation request at {@code p}'s current token, as {@link
   * #readRequest(JsonParser)} reads a request.
   *
   * @throws InvalidRequestException listing every problem
   */
  ExplanationRequest readExplanationRequest(JsonParser p);

  /**
   * Reads a decision from a parsed tree; see {@link ContractJson#readDecision(String)}.
   *
   * @throws InvalidDecisionException listing every problem
   */
  Decision readDecision(JsonNode root);

  /**
   * Reads the decision at {@code p}'s current token (the next one when it has none), from the
   * parser of any {@code ObjectMapper}; decisions are not bounded by the limits (those bound
   * requests). The parser is left on the value's last token.
   *
   * @throws InvalidDecisionException listing every problem; JSON that does not parse gives one
   *     error with the empty pointer
   */
  Decision readDecision(JsonParser p);

  /**
   * The contract's error for text that Jackson could not parse as JSON, as this contract reports it
   * when it reads a request: one error with the empty pointer, its reason {@code invalid JSON at
   * line L, column C: } and the first line of Jackson's message, or the parser limit that was
   * exceeded, named as {@link ContractJson#limits()} names it. For code whose own {@code
   * ObjectMapper} failed before the contract's reader was called (a web framework reading a request
   * body, say), so that it answers as the contract does.
   *
   * @return the exception to throw, or whose {@link InvalidRequestException#errors()} to report
   */
  InvalidRequestException syntaxError(JsonProcessingException e);

  // ---------------------------------------------------------------------------- trees

  /**
   * The request as a tree, absent optional fields left out: the inverse of {@link #readRequest}.
   */
  ObjectNode requestTree(Request request);

  /** The decision as a tree, fields in the contract's order. */
  ObjectNode decisionTree(Decision decision);

  /**
   * Pack versions as a decision's {@code packs}: {@code [{"id","version","digest"}, …]}. Reports
   * and services use it for the same shape.
   */
  ArrayNode packsTree(List<PackRef> packs);

  /** {@code {"errors":[{"pointer":…,"value":…,"reason":…}, …]}}. */
  ObjectNode errorsTree(List<RequestError> errors);

  /**
   * A JSON Lines error line: {@code {"requestId":…,"line":3,"errors":[…]}}.
   *
   * @param requestId the line's request id, {@code null} when unknown (the line does not parse)
   * @param line the 1-based line number
   */
  ObjectNode batchErrorsTree(@Nullable String requestId, int line, List<RequestError> errors);

  /** The timeline as a tree ({@code timeline.schema.json}), fields in a fixed order. */
  ObjectNode timelineTree(Timeline timeline);

  // ---------------------------------------------------------------------------- writing

  /**
   * Any tree as compact JSON, written as {@link ContractJson} writes (decimals plain, no escapes).
   */
  String write(JsonNode tree);

  /** Any tree as indented JSON (two spaces, {@code \n} line ends), the contract's pretty form. */
  String writePretty(JsonNode tree);
}
