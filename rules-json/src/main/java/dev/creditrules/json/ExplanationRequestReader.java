package dev.creditrules.json;

import static dev.creditrules.json.ObjectFields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code {"request": <request>, "measure": "ID"}} or {@code {"request": <request>, "fact":
 * "ID"}}, reporting every problem at once: the request's own errors under {@code /request}, then
 * {@code /measure} or {@code /fact}, then unknown fields.
 */
final class ExplanationRequestReader {
  static final String MEASURE = "measure";
  static final String FACT = "fact";
  static final Set<String> FIELDS = Set.of(TimelineRequestReader.REQUEST, MEASURE, FACT);
  private static final String SHAPE =
      "{\"request\": {…}, \"measure\": \"ID\"} or {\"request\": {…}, \"fact\": \"ID\"}";

  private ExplanationRequestReader() {}

  /**
   * The explanation request in {@code root}; {@code readRequest} reads the request's subtree.
   *
   * @throws InvalidRequestException with every problem of the body and of its request
   */
  static ExplanationRequest read(JsonNode root, Function<JsonNode, Request> readRequest) {
    if (root == null || root.isMissingNode()) {
      throw RequestReader.single(null, "the body is empty; expected " + SHAPE);
    }
    if (!root.isObject()) {
      throw RequestReader.single(Nodes.plain(root), "the body must be a JSON object " + SHAPE);
    }
    ObjectFields top = new ObjectFields(root, "");
    List<RequestError> errors = new ArrayList<>();
    Request request = TimelineRequestReader.request(top, readRequest, errors);
    boolean hasMeasure = top.get(MEASURE) != null;
    boolean hasFact = top.get(FACT) != null;
    String measure = null;
    String fact = null;
    if (hasMeasure && hasFact) {
      top.invalid(FACT, false, top.get(FACT), "give measure or fact, not both");
      measure = top.string(MEASURE, true);
    } else if (hasFact) {
      fact = nonBlank(top, FACT);
    } else {
      measure = nonBlank(top, MEASURE);
    }
    top.finish(FIELDS, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ExplanationRequest(present(request), measure, fact);
  }

  private static @Nullable String nonBlank(ObjectFields top, String name) {
    String value = top.string(name, true);
    if (value != null && value.isBlank()) {
      top.invalid(name, true, top.get(name), name + " must not be blank");
      return null;
    }
    return value;
  }
}
