package dev.creditrules.json;

import static dev.creditrules.json.ObjectFields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code {"request": <request>, "until": "yyyy-MM-dd"}}, reporting every problem at once: the
 * request's own errors with their pointers under {@code /request}, then {@code /until}, then
 * unknown fields.
 */
final class TimelineRequestReader {
  static final String REQUEST = "request";
  static final String UNTIL = "until";
  static final Set<String> FIELDS = Set.of(REQUEST, UNTIL);

  private TimelineRequestReader() {}

  /**
   * The timeline request in {@code root}; {@code readRequest} reads the request's subtree.
   *
   * @throws InvalidRequestException with every problem of the body and of its request
   */
  static TimelineRequest read(JsonNode root, Function<JsonNode, Request> readRequest) {
    if (root == null || root.isMissingNode()) {
      throw RequestReader.single(
          null, "the body is empty; expected {\"request\": {…}, \"until\": \"yyyy-MM-dd\"}");
    }
    if (!root.isObject()) {
      throw RequestReader.single(
          Nodes.plain(root),
          "the body must be a JSON object {\"request\": {…}, \"until\": \"yyyy-MM-dd\"}");
    }
    ObjectFields top = new ObjectFields(root, "");
    List<RequestError> errors = new ArrayList<>();
    Request request = request(top, readRequest, errors);
    LocalDate until = top.date(UNTIL, true);
    top.finish(FIELDS, errors);
    if (request != null && until != null && until.isBefore(request.asOf())) {
      errors.add(
          new RequestError(
              Pointers.child("", UNTIL),
              until.toString(),
              "until must not be before the request's asOf " + request.asOf()));
    }
    if (!errors.isEmpty()) {
      // stable: the request's errors in their order, then until's, then unknown fields
      errors.sort(Comparator.comparingInt(e -> rank(e.pointer())));
      throw new InvalidRequestException(errors);
    }
    return new TimelineRequest(present(request), present(until));
  }

  /**
   * The request under {@code /request} of a body, or {@code null} when it is missing or invalid:
   * then its errors, their pointers under {@code /request}, are added to {@code errors} (or to
   * {@code top}'s when it is missing or not an object). Shared by the bodies that carry a request.
   */
  static @Nullable Request request(
      ObjectFields top, Function<JsonNode, Request> readRequest, List<RequestError> errors) {
    JsonNode requestNode = top.value(REQUEST, true);
    if (requestNode != null && !requestNode.isObject()) {
      top.invalid(REQUEST, true, requestNode, "request must be a JSON object (a request)");
    } else if (requestNode != null) {
      try {
        return readRequest.apply(requestNode);
      } catch (InvalidRequestException e) {
        for (RequestError error : e.errors()) {
          errors.add(
              new RequestError(
                  Pointers.child("", REQUEST) + error.pointer(), error.value(), error.reason()));
        }
      }
    }
    return null;
  }

  private static int rank(String pointer) {
    if (pointer.isEmpty()) {
      return 0;
    }
    if (pointer.equals("/" + REQUEST) || pointer.startsWith("/" + REQUEST + "/")) {
      return 1;
    }
    return pointer.equals("/" + UNTIL) ? 2 : 3;
  }
}
