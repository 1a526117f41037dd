package dev.creditrules.json.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import dev.creditrules.json.ContractJson;
import dev.creditrules.json.ExplanationRequest;
import dev.creditrules.json.InvalidDecisionException;
import dev.creditrules.json.TimelineRequest;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JSON contract as a Jackson module: register it with any {@code ObjectMapper} (Spring Boot's
 * own included) and that mapper reads and writes the contract's types exactly as {@link
 * ContractJson} does, whatever else the mapper is configured to do (naming strategies, date
 * formats, unknown properties, escaping, indentation).
 *
 * <ul>
 *   <li>Writing: {@link Decision}, {@link Request}, {@link Timeline}, {@link RequestError} (one
 *       element of the contract's {@code errors}) and {@link InvalidRequestException} (the whole
 *       error body {@code {"errors":[…]}}, what a controller answers with a 400). On a JSON text
 *       generator the value is the bytes {@code ContractJson} writes ({@code writeDecision}, …),
 *       written raw, or its pretty form ({@code writeDecisionPretty}, …) when it is the document
 *       and the mapper indents; on any other generator (a {@code TokenBuffer}, another format) the
 *       same tree, token by token.
 *   <li>Reading: {@link Request}, {@link TimelineRequest}, {@link ExplanationRequest} and {@link
 *       Decision}, through the contract's readers ({@link ContractTrees#readRequest(JsonParser)}):
 *       every structural problem with its JSON pointer, the limits, then the validator. A value the
 *       contract refuses throws {@link InvalidContractJsonException}, a {@code
 *       JsonMappingException} whose {@code errors()} are the contract's errors.
 * </ul>
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new CreditRulesModule(json));
 * Request request = mapper.readValue(body, Request.class);   // as json.readRequest(body)
 * String text = mapper.writeValueAsString(rules.decide(request)); // as json.writeDecision(...)
 * }</pre>
 */
public final class CreditRulesModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The contract this module reads and writes with (its fact model and limits). */
  private final transient ContractJson json;

  /**
   * A module that reads and writes with {@code json}: its fact model (which facts a request may
   * hold) and its limits.
   *
   * @param json the contract, as {@code new ContractJson(rules.model())}
   */
  public CreditRulesModule(ContractJson json) {
    super("credit-rules-json", Version.unknownVersion());
    this.json = Objects.requireNonNull(json, "json");
    ContractTrees trees = json.trees();
    addSerializer(
        new ContractSerializer<>(
            Decision.class, json::writeDecision, json::writeDecisionPretty, trees::decisionTree));
    addSerializer(
        new ContractSerializer<>(
            Request.class, json::writeRequest, json::writeRequestPretty, trees::requestTree));
    addSerializer(
        new ContractSerializer<>(
            Timeline.class, json::writeTimeline, json::writeTimelinePretty, trees::timelineTree));
    addSerializer(
        new ContractSerializer<>(
            InvalidRequestException.class,
            e -> json.writeErrors(e.errors()),
            e -> json.writeErrorsPretty(e.errors()),
            e -> trees.errorsTree(e.errors())));
    Function<RequestError, JsonNode> element =
        e -> trees.errorsTree(List.of(e)).get("errors").get(0);
    addSerializer(
        new ContractSerializer<>(
            RequestError.class,
            e -> trees.write(element.apply(e)),
            e -> trees.writePretty(element.apply(e)),
            element));
    addDeserializer(Request.class, new RequestDeserializer<>(Request.class, trees::readRequest));
    addDeserializer(
        TimelineRequest.class,
        new RequestDeserializer<>(TimelineRequest.class, trees::readTimelineRequest));
    addDeserializer(
        ExplanationRequest.class,
        new RequestDeserializer<>(ExplanationRequest.class, trees::readExplanationRequest));
    addDeserializer(Decision.class, new DecisionDeserializer(trees));
  }

  /** The contract this module reads and writes with. */
  public ContractJson contract() {
    return json;
  }

  /**
   * Registering two modules of this class with one mapper keeps the first: one contract per mapper.
   */
  @Override
  public Object getTypeId() {
    return CreditRulesModule.class.getName();
  }

  /** Writes a value as the contract's bytes, or as the contract's tree off a JSON text. */
  private static final class ContractSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<T, String> compact;
    private final transient Function<T, String> pretty;
    private final transient Function<T, JsonNode> tree;

    ContractSerializer(
        Class<T> type,
        Function<T, String> compact,
        Function<T, String> pretty,
        Function<T, JsonNode> tree) {
      super(type);
      this.compact = compact;
      this.pretty = pretty;
      this.tree = tree;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      if (writesJsonText(g)) {
        // JSON text: the contract's own bytes, whatever the generator's features (escaping,
        // number formats); the contract's indentation when the whole document is this value
        boolean document = g.getOutputContext().inRoot();
        g.writeRawValue(
            document && g.getPrettyPrinter() != null ? pretty.apply(value) : compact.apply(value));
      } else {
        g.writeTree(tree.apply(value));
      }
    }
  }

  /**
   * Whether {@code g} writes JSON text (Jackson's own JSON generators, also behind a {@link
   * JsonGeneratorDelegate} such as a filtering one), where a raw value is the contract's bytes.
   */
  private static boolean writesJsonText(JsonGenerator g) {
    JsonGenerator target = g;
    while (target instanceof JsonGeneratorDelegate d && d.delegate() != target) {
      target = d.delegate();
    }
    return target instanceof JsonGeneratorImpl;
  }

  /** Reads a request body through the contract's reader. */
  private static final class RequestDeserializer<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<JsonParser, T> read;

    RequestDeserializer(Class<T> type, Function<JsonParser, T> read) {
      super(type);
      this.read = read;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt)
        throws InvalidContractJsonException {
      try {
        return read.apply(p);
      } catch (InvalidRequestException e) {
        throw new InvalidContractJsonException(p, e);
      }
    }
  }

  /** Reads a decision through the contract's reader. */
  private static final class DecisionDeserializer extends StdDeserializer<Decision> {
    private static final long serialVersionUID = 1L;
    private final transient ContractTrees trees;

    DecisionDeserializer(ContractTrees trees) {
      super(Decision.class);
      this.trees = trees;
    }

    @Override
    public Decision deserialize(JsonParser p, DeserializationContext ctxt)
        throws InvalidContractJsonException {
      try {
        return trees.readDecision(p);
      } catch (InvalidDecisionException e) {
        throw new InvalidContractJsonException(p, e);
      }
    }
  }
}
