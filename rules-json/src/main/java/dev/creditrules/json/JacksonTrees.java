package dev.creditrules.json;

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
import dev.creditrules.json.jackson.ContractTrees;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link ContractTrees} of one {@link ContractJson}: its readers and writers, which are this
 * package's, reached through the instance's package-private tree methods.
 */
final class JacksonTrees implements ContractTrees {
  private final ContractJson json;

  JacksonTrees(ContractJson json) {
    this.json = json;
  }

  @Override
  public Request readRequest(JsonNode root) {
    return json.readRequest(root);
  }

  @Override
  public Request readRequest(JsonParser p) {
    return json.readRequest(json.readTree(p, true));
  }

  @Override
  public TimelineRequest readTimelineRequest(JsonNode root) {
    return json.readTimelineRequest(root);
  }

  @Override
  public TimelineRequest readTimelineRequest(JsonParser p) {
    return json.readTimelineRequest(json.readTree(p, true));
  }

  @Override
  public ExplanationRequest readExplanationRequest(JsonNode root) {
    return json.readExplanationRequest(root);
  }

  @Override
  public ExplanationRequest readExplanationRequest(JsonParser p) {
    return json.readExplanationRequest(json.readTree(p, true));
  }

  @Override
  public Decision readDecision(JsonNode root) {
    return json.readDecision(root);
  }

  @Override
  public Decision readDecision(JsonParser p) {
    JsonNode root;
    try {
      root = json.readTree(p, false);
    } catch (InvalidRequestException e) {
      // the same problems as for a request (not JSON), reported as a decision's
      throw new InvalidDecisionException(e.errors());
    }
    return json.readDecision(root);
  }

  @Override
  public InvalidRequestException syntaxError(JsonProcessingException e) {
    return json.syntaxError(e);
  }

  @Override
  public ObjectNode requestTree(Request request) {
    return json.requestTree(request);
  }

  @Override
  public ObjectNode decisionTree(Decision decision) {
    return json.decisionTree(decision);
  }

  @Override
  public ArrayNode packsTree(List<PackRef> packs) {
    return json.packsTree(packs);
  }

  @Override
  public ObjectNode errorsTree(List<RequestError> errors) {
    return json.errorsTree(errors);
  }

  @Override
  public ObjectNode batchErrorsTree(
      @Nullable String requestId, int line, List<RequestError> errors) {
    return json.batchErrorsTree(requestId, line, errors);
  }

  @Override
  public ObjectNode timelineTree(Timeline timeline) {
    return json.timelineTree(timeline);
  }

  @Override
  public String write(JsonNode tree) {
    return json.write(tree);
  }

  @Override
  public String writePretty(JsonNode tree) {
    return json.writePretty(tree);
  }
}
