package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Timeline;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.jackson.ContractTrees;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads requests and writes decisions and errors in the JSON contract (v1, {@code
 * shared/contract/README.md}). Instances are immutable, thread-safe and reusable.
 *
 * <p>The facts of a request are those of a {@link FactModel} (the fact types the packs declare):
 * which types exist, their fields, the kind of each and whether it is required, optional or
 * defaulted all come from the model, so the engine's own {@code model()} reads exactly the requests
 * its packs can decide.
 *
 * <p>A request is read in one pass over the parser's tokens straight into the {@link Request}
 * ({@code RequestStream}) as long as it is plainly valid; the moment that reader meets anything
 * else, the same text is read again as a tree, which is walked by hand rather than bound to
 * records, so that every problem of a request is reported at once, each with a JSON pointer:
 * unknown fields at every level, missing required fields, wrong JSON types, non-integer integer
 * fields, dates that do not exist, unknown fact types and codes. What could be parsed is then
 * checked by {@link dev.creditrules.api.RequestValidator}; structural and semantic problems are
 * merged in the contract's order (top-level fields first, then per fact in request order).
 *
 * <p>Writing is deterministic: the same decision always gives the same bytes, fields in the
 * contract's order, {@code null} written as JSON null, dates as ISO strings, non-ASCII characters
 * unescaped (callers encode the string as UTF-8).
 *
 * <p>Reading is bounded by {@link Limits} (request size, facts per request, string length, nesting
 * depth, number length): {@code new ContractJson(model)} uses {@link Limits#DEFAULT}, {@link
 * #withLimits(FactModel, Limits)} others. A request over a limit is refused before it is read
 * further, with errors that name the limit, its value and the pointer of what is too large;
 * Jackson's {@code StreamReadConstraints} enforce the same limits while parsing, so no input can
 * exhaust memory or the stack.
 *
 * <p>Decisions are read back too ({@link #readDecision(String)}), for callers that keep them and
 * carry them to a later day: every field is checked and every problem reported with its pointer.
 *
 * <p>The request's JSON Schema is derived from the model ({@link #requestSchema(FactModel)}); the
 * shipped packs' is published as the resource {@link #REQUEST_SCHEMA}, the decision's is the
 * resource {@link #DECISION_SCHEMA}.
 *
 * <p>Its methods take and return strings, streams and the API's records only. Code that already
 * uses Jackson has the same readers and writers as Jackson trees in {@link #trees()} (to compose
 * decisions and errors into bigger documents), and {@link
 * dev.creditrules.json.jackson.CreditRulesModule} registers them with any {@code ObjectMapper}.
 */
public final class ContractJson {
  /**
   * Classpath resource of the request's JSON Schema (draft 2020-12) for the shipped packs: {@link
   * #requestSchema(FactModel)} of their model, written when the packs are built (it ships in the
   * packs' jar, {@code rules-drl}, not in this one). Packs of one's own have the schema of their
   * own model: {@link #requestSchema()}.
   */
  public static final String REQUEST_SCHEMA = "/dev/creditrules/json/request.schema.json";

  /** Classpath resource of the decision's (and error object's) JSON Schema (draft 2020-12). */
  public static final String DECISION_SCHEMA = "/dev/creditrules/json/decision.schema.json";

  /** Reads decisions: strict about duplicates and trailing content, Jackson's default limits. */
  private static final ObjectMapper DECISIONS =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Classpath resource of the timeline's JSON Schema (draft 2020-12), which refers to the
   * decision's ({@code decision.schema.json}, beside it) for decisions, outcomes and entries.
   */
  public static final String TIMELINE_SCHEMA = "/dev/creditrules/json/timeline.schema.json";

  /** Jackson's own default for numbers, kept as a floor: longer ones are refused while parsing. */
  private static final int JACKSON_NUMBER_LENGTH = 1000;

  /** The least name length Jackson is told to accept (the model's longest names are added). */
  private static final int MIN_NAME_LENGTH = 256;

  private final FactShapes shapes;
  private final Limits limits;
  private final ObjectMapper mapper;

  /**
   * Parsers for {@link RequestStream}: the same limits as the mapper's, duplicate names left to the
   * streaming reader (which falls back to the tree reader on them).
   */
  private final JsonFactory streams;

  private final ObjectWriter compact;
  private final ObjectWriter pretty;
  private final ContractTrees trees;

  /**
   * A reader and writer of the contract for the facts of {@code model}, with the {@link
   * Limits#DEFAULT default limits}.
   *
   * @param model the fact types requests may hold (an engine's {@code model()})
   */
  public ContractJson(FactModel model) {
    this(model, Limits.DEFAULT);
  }

  /**
   * A reader and writer of the contract for the facts of {@code model} that reads within {@code
   * limits}.
   *
   * @param model the fact types requests may hold (an engine's {@code model()})
   * @param limits the bounds on what is read
   */
  public static ContractJson withLimits(FactModel model, Limits limits) {
    return new ContractJson(model, limits);
  }

  private ContractJson(FactModel model, Limits limits) {
    this.shapes = new FactShapes(Objects.requireNonNull(model, "model"));
    this.limits = Objects.requireNonNull(limits, "limits");
    // Jackson enforces the limits while parsing, before a tree exists. Strings, names (in bytes
    // for byte input, hence 4x) and numbers get looser bounds there, so that LimitCheck can report
    // them at their pointers; beyond those, the error is for the whole document.
    // The contract's own names always pass, however long a declared field name is.
    int nameLength =
        (int)
            Math.max(
                Math.max(MIN_NAME_LENGTH, 4L * shapes.longestName()),
                Math.min(Integer.MAX_VALUE, 4L * limits.maxStringLength()));
    int numberLength =
        (int)
            Math.max(
                JACKSON_NUMBER_LENGTH, Math.min(Integer.MAX_VALUE, limits.maxNumberLength() + 16L));
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxDocumentLength(limits.maxRequestBytes())
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxRequestBytes())
            .maxNameLength(nameLength)
            .maxNumberLength(numberLength)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    this.streams = JsonFactory.builder().streamReadConstraints(constraints).build();
    JsonMapper m =
        JsonMapper.builder(factory)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    m.setNodeFactory(Nodes.FACTORY);
    this.mapper = m;
    this.compact = m.writer();
    this.pretty = m.writer(prettyPrinter());
    this.trees = new JacksonTrees(this);
  }

  /**
   * The contract's pretty form: two-space indent, {@code "key": value}, {@code []} and {@code {}}
   * for empty containers (the published schema is written the same way).
   */
  static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /** The limits this instance reads within. */
  public Limits limits() {
    return limits;
  }

  /** The fact model whose facts this instance reads and writes. */
  public FactModel model() {
    return shapes.model();
  }

  // ------------------------------------------------------------------------------ schema

  /**
   * The request's JSON Schema (draft 2020-12) for the facts of {@code model}, as indented JSON: one
   * definition per fact type with its fields, the kind, codes, range, pattern and description of
   * each. Deterministic. See {@link RequestSchema}.
   */
  public static String requestSchema(FactModel model) {
    return RequestSchema.of(model);
  }

  /** {@link #requestSchema(FactModel)} of this instance's {@link #model()}. */
  public String requestSchema() {
    return RequestSchema.of(shapes.model());
  }

  // ------------------------------------------------------------------------------ requests

  /**
   * Reads a request.
   *
   * @param json the request's JSON text
   * @throws InvalidRequestException listing every problem; invalid JSON or a root that is not an
   *     object gives one error with the empty pointer {@code ""} (the whole document); a request
   *     over one of the {@link #limits()} gives only the errors naming the limits it exceeds
   */
  public Request readRequest(String json) {
    Objects.requireNonNull(json, "json");
    if (!LimitCheck.utf8LongerThan(json, limits.maxRequestBytes())) {
      Request request;
      try {
        request = stream(streams.createParser(json));
      } catch (IOException e) {
        request = null;
      }
      if (request != null) {
        return request;
      }
    }
    return readRequest(parse(json));
  }

  /**
   * Reads a request from its UTF-8 encoding (a JSON Lines line, a body), without making a string of
   * it: for valid UTF-8, the same request and the same errors as {@link #readRequest(String)} of
   * the decoded text (columns counted in characters); bytes that are not valid UTF-8 (malformed,
   * overlong, surrogates) give one error with the empty pointer, nothing being repaired; more bytes
   * than {@link Limits#maxRequestBytes()} give the size error. The bytes are neither kept nor
   * changed.
   *
   * @throws InvalidRequestException listing every problem
   * @throws IndexOutOfBoundsException when the range is not within {@code utf8}
   */
  public Request readRequest(byte[] utf8, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, utf8.length);
    // valid UTF-8 is as long as the UTF-8 of its text: the size limit of readRequest(String)
    if (length > limits.maxRequestBytes()) {
      throw RequestReader.single(null, limits.tooLarge());
    }
    Utf8Text text = Utf8Text.decode(utf8, offset, length);
    if (text == null) {
      throw RequestReader.single(null, "invalid JSON: the request is not valid UTF-8");
    }
    try {
      Request request;
      try {
        request = stream(streams.createParser(text.chars(), 0, text.length()));
      } catch (IOException e) {
        request = null;
      }
      return request != null ? request : readRequest(parse(text.toString()));
    } finally {
      text.release();
    }
  }

  /**
   * The request the streaming reader reads from {@code p} ({@link RequestStream}), or {@code null}
   * when it is not plainly valid or not JSON: the tree reader reads it again and reports why.
   */
  private @Nullable Request stream(JsonParser p) {
    try (p) {
      return RequestStream.read(p, shapes, limits);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * Reads a request from UTF-8 (or UTF-16/32 with BOM) bytes; the stream is read to its end, or
   * until it holds more than {@link Limits#maxRequestBytes()} bytes, and is not closed.
   *
   * @throws InvalidRequestException listing every problem; bytes that are not in the detected
   *     encoding give one error with the empty pointer
   * @throws UncheckedIOException when the stream cannot be read
   */
  public Request readRequest(InputStream in) {
    byte[] bytes = readBytes(in);
    Request request;
    try {
      request = stream(streams.createParser(bytes));
    } catch (IOException e) {
      request = null;
    }
    return request != null ? request : readRequest(parse(bytes));
  }

  /**
   * A request body (a request, or a timeline request) parsed within the request size limit; too
   * large, invalid JSON or a bad number gives one error with the empty pointer.
   */
  private JsonNode parse(String json) {
    Objects.requireNonNull(json, "json");
    if (LimitCheck.utf8LongerThan(json, limits.maxRequestBytes())) {
      throw RequestReader.single(null, limits.tooLarge());
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError(e);
    }
    return root;
  }

  /**
   * {@link #parse(String)} from UTF-8 (or UTF-16/32 with BOM) bytes, read up to one byte over the
   * size limit; the stream is not closed.
   */
  private JsonNode parse(InputStream in) {
    return parse(readBytes(in));
  }

  /**
   * The bytes of {@code in}, read up to one byte over the size limit; the stream is not closed.
   *
   * @throws InvalidRequestException when they are more than the limit
   */
  private byte[] readBytes(InputStream in) {
    Objects.requireNonNull(in, "in");
    byte[] bytes;
    try {
      bytes = in.readNBytes(limits.maxRequestBytes() + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > limits.maxRequestBytes()) {
      throw RequestReader.single(null, limits.tooLarge());
    }
    return bytes;
  }

  /** {@link #parse(String)} of UTF-8 (or UTF-16/32 with BOM) bytes within the size limit. */
  private JsonNode parse(byte[] bytes) {
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError(e);
    } catch (CharConversionException e) {
      throw RequestReader.single(null, "invalid JSON: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /** {@link #readRequest(String)} by the tree reader alone: what the streaming path must match. */
  Request readRequestTree(String json) {
    return readRequest(parse(json));
  }

  /** {@link #readRequest(InputStream)} by the tree reader alone. */
  Request readRequestTree(InputStream in) {
    return readRequest(parse(in));
  }

  /** The streaming path alone: the request, or {@code null} where the tree reader takes over. */
  @Nullable Request readRequestStreamed(String json) {
    try {
      return stream(streams.createParser(json));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads a request from a parsed tree, within the {@link #limits()} (the size limit aside: a tree
   * has no bytes).
   *
   * @throws InvalidRequestException listing every problem
   */
  Request readRequest(JsonNode root) {
    LimitCheck.check(root, limits, shapes.allFields());
    return RequestReader.read(root, shapes);
  }

  /**
   * The {@code requestId} of a request text when it parses as a JSON object whose {@code requestId}
   * is a string within the {@link #limits()}, otherwise {@code null}. For batch error lines, which
   * echo the id of a request that parses but is invalid.
   */
  public @Nullable String requestIdOf(String json) {
    try {
      if (LimitCheck.utf8LongerThan(json, limits.maxRequestBytes())) {
        return null;
      }
      JsonNode id = mapper.readTree(json).get("requestId");
      return id != null
              && id.isTextual()
              && LimitCheck.length(id.textValue(), limits.maxStringLength())
                  <= limits.maxStringLength()
          ? id.textValue()
          : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** The request as a JSON tree: the inverse of {@link #readRequest(JsonNode)}. */
  ObjectNode requestTree(Request request) {
    return RequestWriter.tree(request, shapes);
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

  /**
   * Pack versions as the contract writes them in a decision's {@code packs}: {@code
   * [{"id","version","digest"}, …]}. Reports and services use it for the same shape.
   */
  ArrayNode packsTree(List<PackRef> packs) {
    return (ArrayNode) tree(g -> DecisionWriter.packs(g, packs));
  }

  /** The decision as a JSON tree, fields in the contract's order. */
  ObjectNode decisionTree(Decision decision) {
    return (ObjectNode) tree(g -> DecisionWriter.write(g, decision));
  }

  /**
   * Reads a decision back from its JSON (compact or indented), the inverse of {@link
   * #writeDecision}: writing what it returns gives the same bytes for anything this class wrote. A
   * decision written before {@code nextChangeOn} existed (no key) reads with {@code nextChangeOn}
   * null. Masked subject ids are read as they are. Not bounded by {@link #limits()} (those bound
   * requests); Jackson's default read constraints apply.
   *
   * @param json the decision's JSON text
   * @throws InvalidDecisionException listing every problem, each with its JSON pointer, the value
   *     and the reason: invalid JSON (pointer {@code ""}), a missing or mistyped field, an unknown
   *     field or code, a date that does not exist, a {@code nextChangeOn} not after {@code asOf}
   */
  public Decision readDecision(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = DECISIONS.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(e.getOriginalMessage());
    }
    return DecisionReader.read(root);
  }

  /**
   * {@link #readDecision(String)} from UTF-8 (or UTF-16/32 with BOM) bytes; the stream is read to
   * its end and not closed.
   *
   * @throws InvalidDecisionException listing every problem; bytes that are not in the detected
   *     encoding give one error with the empty pointer
   * @throws UncheckedIOException when the stream cannot be read
   */
  public Decision readDecision(InputStream in) {
    Objects.requireNonNull(in, "in");
    JsonNode root;
    try {
      root = DECISIONS.readTree(in.readAllBytes());
    } catch (JsonProcessingException e) {
      throw notJson(e.getOriginalMessage());
    } catch (CharConversionException e) {
      throw notJson(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DecisionReader.read(root);
  }

  /** A text that is not JSON, read as a decision: one error with the empty pointer. */
  private static InvalidDecisionException notJson(@Nullable String detail) {
    return DecisionReader.single(
        null, "invalid JSON" + (detail == null ? "" : ": " + firstLine(detail)));
  }

  /**
   * Reads a decision from a parsed tree; see {@link #readDecision(String)}.
   *
   * @throws InvalidDecisionException listing every problem
   */
  Decision readDecision(JsonNode root) {
    return DecisionReader.read(root);
  }

  /** Something written token by token. */
  private interface Tokens {
    void write(JsonGenerator g) throws IOException;
  }

  /** The tree of what {@code tokens} writes: trees come from the one streaming writer. */
  private JsonNode tree(Tokens tokens) {
    try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
      tokens.write(buffer);
      return mapper.readTree(buffer.asParser());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The decision as compact single-line JSON, suitable for JSON Lines; deterministic. */
  public String writeDecision(Decision decision) {
    return writeDecision(compact, decision);
  }

  /**
   * The decision as indented JSON (two spaces, {@code \n} line ends, no final line end);
   * deterministic.
   */
  public String writeDecisionPretty(Decision decision) {
    return writeDecision(pretty, decision);
  }

  /**
   * Writes the decision to {@code out} as compact UTF-8 JSON, the bytes of {@link
   * #writeDecision(Decision)}; the stream is flushed, not closed.
   *
   * @throws UncheckedIOException when the stream cannot be written
   */
  public void writeDecision(Decision decision, OutputStream out) {
    writeStreamed(compact, out, g -> DecisionWriter.write(g, decision));
  }

  /**
   * The decision as compact UTF-8 JSON: the bytes of {@link #writeDecision(Decision)}, without a
   * string in between (JSON Lines batches write bytes).
   */
  public byte[] writeDecisionUtf8(Decision decision) {
    CharSink out = write(compact, decision);
    return out.takeUtf8();
  }

  /**
   * Streams the decision, without building a tree (the batch and the service write many), into the
   * thread's reused buffer: the string is the only thing allocated for the text.
   */
  private String writeDecision(ObjectWriter writer, Decision decision) {
    return write(writer, decision).take();
  }

  /** The decision written into the thread's sink, which the caller takes. */
  private static CharSink write(ObjectWriter writer, Decision decision) {
    CharSink out = CharSink.open();
    try {
      try (JsonGenerator g = writer.createGenerator(out)) {
        DecisionWriter.write(g, decision);
      }
      return out;
    } catch (IOException e) {
      out.discard();
      throw new IllegalStateException("cannot write JSON", e);
    } catch (RuntimeException | Error e) {
      out.discard();
      throw e;
    }
  }

  // ------------------------------------------------------------------------------ errors

  /** {@code {"errors":[{"pointer":…,"value":…,"reason":…}, …]}} as a tree. */
  ObjectNode errorsTree(List<RequestError> errors) {
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
   * Writes {@code {"errors":[…]}} to {@code out} as compact UTF-8 JSON, the bytes of {@link
   * #writeErrors(List)}; the stream is flushed, not closed.
   *
   * @throws UncheckedIOException when the stream cannot be written
   */
  public void writeErrors(List<RequestError> errors, OutputStream out) {
    ObjectNode tree = errorsTree(errors);
    writeStreamed(compact, out, g -> g.writeTree(tree));
  }

  /**
   * A JSON Lines error line as a tree: {@code {"requestId":…,"line":3,"errors":[…]}}.
   *
   * @param requestId the line's request id, {@code null} when unknown (the line does not parse)
   * @param line the 1-based line number
   */
  ObjectNode batchErrorsTree(@Nullable String requestId, int line, List<RequestError> errors) {
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
  public String writeBatchErrors(@Nullable String requestId, int line, List<RequestError> errors) {
    return write(compact, batchErrorsTree(requestId, line, errors));
  }

  // ------------------------------------------------------------------------------ timelines

  /**
   * Reads the body of a timeline request, {@code {"request": <request>, "until": "yyyy-MM-dd"}},
   * within the {@link #limits()} (the size limit applies to the whole body).
   *
   * @throws InvalidRequestException listing every problem: the request's with their pointers under
   *     {@code /request} (as {@code /request/facts/0/decidedOn}), then {@code /until} (missing, not
   *     a date, or before the request's {@code asOf}), then unknown fields; invalid JSON or a root
   *     that is not an object gives one error with the empty pointer
   */
  public TimelineRequest readTimelineRequest(String json) {
    return readTimelineRequest(parse(json));
  }

  /**
   * {@link #readTimelineRequest(String)} from UTF-8 (or UTF-16/32 with BOM) bytes; the stream is
   * read to its end, or until it holds more than {@link Limits#maxRequestBytes()} bytes, and is not
   * closed.
   *
   * @throws InvalidRequestException listing every problem
   * @throws UncheckedIOException when the stream cannot be read
   */
  public TimelineRequest readTimelineRequest(InputStream in) {
    return readTimelineRequest(parse(in));
  }

  /**
   * {@link #readTimelineRequest(String)} from a parsed tree.
   *
   * @throws InvalidRequestException listing every problem
   */
  TimelineRequest readTimelineRequest(JsonNode root) {
    return TimelineRequestReader.read(root, this::readRequest);
  }

  /**
   * Reads the body of an explanation request from UTF-8 (or UTF-16/32 with BOM) bytes: {@code
   * {"request": <request>, "measure": "ID"}} or {@code {"request": <request>, "fact": "ID"}}; the
   * stream is read to its end, or until it holds more than {@link Limits#maxRequestBytes()} bytes,
   * and is not closed.
   *
   * @throws InvalidRequestException listing every problem: the request's with their pointers under
   *     {@code /request}, then {@code /measure} or {@code /fact}, then unknown fields
   * @throws UncheckedIOException when the stream cannot be read
   */
  public ExplanationRequest readExplanationRequest(InputStream in) {
    return readExplanationRequest(parse(in));
  }

  /** {@link #readExplanationRequest(InputStream)} from a parsed tree. */
  ExplanationRequest readExplanationRequest(JsonNode root) {
    return ExplanationRequestReader.read(root, this::readRequest);
  }

  /** The timeline as a JSON tree ({@code timeline.schema.json}), fields in a fixed order. */
  ObjectNode timelineTree(Timeline timeline) {
    return (ObjectNode) tree(g -> TimelineWriter.write(g, timeline));
  }

  /**
   * The timeline as compact single-line JSON; deterministic. Its decisions, outcomes and entries
   * are written exactly as in a decision.
   */
  public String writeTimeline(Timeline timeline) {
    return writeStreamed(compact, g -> TimelineWriter.write(g, timeline));
  }

  /** {@link #writeTimeline} indented (two spaces, {@code \n} line ends, no final line end). */
  public String writeTimelinePretty(Timeline timeline) {
    return writeStreamed(pretty, g -> TimelineWriter.write(g, timeline));
  }

  /**
   * Writes the timeline to {@code out} as compact UTF-8 JSON, the bytes of {@link
   * #writeTimeline(Timeline)}; the stream is flushed, not closed.
   *
   * @throws UncheckedIOException when the stream cannot be written
   */
  public void writeTimeline(Timeline timeline, OutputStream out) {
    writeStreamed(compact, out, g -> TimelineWriter.write(g, timeline));
  }

  /** Streams what {@code tokens} writes with {@code writer}, without building a tree. */
  private String writeStreamed(ObjectWriter writer, Tokens tokens) {
    BufferRecycler buffers = mapper.getFactory()._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
      try (JsonGenerator g = writer.createGenerator(out)) {
        tokens.write(g);
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    } finally {
      buffers.releaseToPool();
    }
  }

  /**
   * Streams what {@code tokens} writes with {@code writer} to {@code out} as UTF-8, not closing it.
   */
  private static void writeStreamed(ObjectWriter writer, OutputStream out, Tokens tokens) {
    Objects.requireNonNull(out, "out");
    try (JsonGenerator g = writer.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      tokens.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------ Jackson

  /**
   * This contract's binding for code that already uses Jackson: trees, and reading from a parser of
   * another {@code ObjectMapper} (as a deserializer does). See {@link ContractTrees}; {@link
   * dev.creditrules.json.jackson.CreditRulesModule} registers the contract with any {@code
   * ObjectMapper}.
   */
  public ContractTrees trees() {
    return trees;
  }

  /**
   * The value at {@code p}'s current token (the next one if it has none), read from a parser that
   * is not this instance's (another {@code ObjectMapper}'s, as in a deserializer) into a tree with
   * this instance's settings: decimals kept exactly, duplicate names refused, and, when {@code
   * bounded}, within the {@link #limits()}: the value's size (from the parser's offsets) and depth
   * are checked as its tokens are copied, so no value is held that the limits refuse. The parser is
   * left on the value's last token.
   *
   * @throws InvalidRequestException with the empty pointer when the value is not JSON, too large or
   *     too deep (as {@link #readRequest(String)} reports them)
   */
  JsonNode readTree(JsonParser p, boolean bounded) {
    Objects.requireNonNull(p, "p");
    boolean duplicates = p.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (TokenBuffer buffer = new TokenBuffer(p)) {
      JsonToken t = p.hasCurrentToken() ? p.currentToken() : p.nextToken();
      if (t == null) {
        throw RequestReader.single(null, "the body is empty");
      }
      // the value's own object (or array) and everything in it; the parser keeps it from here on
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      buffer.forceUseOfBigDecimal(true);
      long start = offset(p.currentTokenLocation());
      int depth = 0;
      while (true) {
        if (t.isStructStart()) {
          depth++;
          if (bounded && depth > limits.maxDepth()) {
            throw RequestReader.single(null, "the request is " + limits.tooDeep() + at(p));
          }
        } else if (t.isStructEnd()) {
          depth--;
        }
        buffer.copyCurrentEvent(p);
        if (bounded && offset(p.currentLocation()) - start > limits.maxRequestBytes()) {
          throw RequestReader.single(null, limits.tooLarge());
        }
        if (depth == 0) {
          break;
        }
        t = p.nextToken();
        if (t == null) {
          throw RequestReader.single(null, "invalid JSON: unexpected end of input" + at(p));
        }
      }
      return mapper.readTree(buffer.asParser());
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!duplicates) {
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      }
    }
  }

  /** The offset of {@code location} in bytes, or in characters for text input. */
  private static long offset(JsonLocation location) {
    long bytes = location.getByteOffset();
    return bytes >= 0 ? bytes : location.getCharOffset();
  }

  /** {@code " (at line L, column C)"} of the parser's location, empty when it has none. */
  private static String at(JsonParser p) {
    JsonLocation l = p.currentLocation();
    return l.getLineNr() > 0
        ? " (at line " + l.getLineNr() + ", column " + l.getColumnNr() + ")"
        : "";
  }

  // ------------------------------------------------------------------------------ helpers

  /** Any tree as compact JSON, with this instance's settings. */
  String write(JsonNode tree) {
    return write(compact, tree);
  }

  /** Any tree as indented JSON, with this instance's settings. */
  String writePretty(JsonNode tree) {
    return write(pretty, tree);
  }

  private static String write(ObjectWriter writer, JsonNode tree) {
    try {
      return writer.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * JSON that Jackson could not parse, as one error with the empty pointer: where, and Jackson's
   * reason (or the limit exceeded); {@link ContractTrees#syntaxError} offers it to Jackson users.
   */
  InvalidRequestException syntaxError(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return RequestReader.single(null, constraintReason(e));
    }
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

  /** The reason for a limit Jackson enforced while parsing, naming our limit when it is one. */
  private String constraintReason(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String reason;
    if (message.contains("getMaxNestingDepth")) {
      reason = "the request is " + limits.tooDeep();
    } else if (message.contains("getMaxDocumentLength")) {
      reason = limits.tooLarge();
    } else if (message.contains("getMaxNumberLength")) {
      reason =
          "a number is longer than the parser's limit of "
              + constraints().getMaxNumberLength()
              + " characters (maxNumberLength is "
              + limits.maxNumberLength()
              + ")";
    } else if (message.contains("getMaxNameLength")) {
      reason =
          "a field name is longer than the limit of "
              + limits.maxStringLength()
              + " characters (maxStringLength)";
    } else if (message.contains("getMaxStringLength")) {
      reason = limits.tooLarge();
    } else {
      reason = "the request exceeds a parser limit: " + firstLine(message);
    }
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      reason +=
          " (at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return reason;
  }

  private StreamReadConstraints constraints() {
    return mapper.getFactory().streamReadConstraints();
  }

  /**
   * A number Jackson cannot represent (an exponent beyond the range of {@code int}, as in {@code
   * 1e2147483648}): Jackson throws a bare {@link NumberFormatException} for it.
   */
  private static InvalidRequestException numberError(NumberFormatException e) {
    String detail = firstLine(e.getMessage());
    if (detail.length() > 200) {
      detail = detail.substring(0, 200) + "…";
    }
    return RequestReader.single(null, "invalid JSON: a number cannot be read: " + detail);
  }

  private static String firstLine(@Nullable String text) {
    return text == null ? "" : text.lines().findFirst().orElse(text);
  }
}
