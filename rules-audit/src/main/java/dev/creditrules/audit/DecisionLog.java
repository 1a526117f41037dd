package dev.creditrules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides through a delegate and records every decision, and every rejected request, in its sinks.
 * Use it wherever a {@link CreditRules} is used:
 *
 * <pre>{@code
 * DecisionLog rules = DecisionLog.builder(CreditRulesEngine.fromClasspath())
 *     .sink(JsonLinesSink.open(Path.of("decisions.jsonl")))
 *     .build();
 * Decision d = rules.decide(request);      // recorded, then returned
 * }</pre>
 *
 * <p><b>Faults: fail closed.</b> A decision is returned only after its record was written to every
 * sink (each sink's {@code write} returns only when the record is durable: forced to disk,
 * committed). When a sink fails, the call throws {@link DecisionNotRecordedException} instead of
 * returning the decision (or rethrowing the {@link InvalidRequestException} of a rejection): the
 * caller must treat the call as not made. The sinks after the failing one are not tried. A record
 * may therefore exist for a call that failed (a sink before the failing one, or a write whose
 * acknowledgement was lost), never the reverse: no decision is returned without its record. The
 * unsafe opposite is named and off by default: {@link FailurePolicy#RETURN_UNRECORDED} returns the
 * decision anyway, after trying every sink. In both modes a failure is counted in {@link
 * #failures()} and logged at WARN with the decision id, the sink and the kind of error, never with
 * personal data. Each sink is tried once per record; there is no retry or buffer. Exceptions other
 * than {@link InvalidRequestException} from the delegate pass through unrecorded: there is no
 * decision to audit.
 *
 * <p><b>What is recorded.</b> A {@link DecisionRecord}: a fresh id from the injected supplier
 * (random UUIDs by default), the time from the injected {@link Clock} (logging time only: the
 * delegate never sees it), the digest of the canonical request JSON, the delegate's pack versions
 * and digests, and the decision or the errors. SLF4J gets nothing personal at any level; at DEBUG
 * it gets one line per record with its id and result.
 *
 * <p>Thread-safe when its sinks are (the shipped ones are).
 */
public final class DecisionLog implements CreditRules, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final CreditRules delegate;
  private final List<DecisionSink> sinks;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final FailurePolicy policy;
  private final ContractJson json;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Failures.Last> last = new AtomicReference<>();

  private DecisionLog(Builder b) {
    this.delegate = b.delegate;
    this.sinks = List.copyOf(b.sinks);
    this.clock = b.clock;
    this.ids = b.ids;
    this.policy = b.policy;
    // requests are written (for their digest and the stored input) as the delegate reads them
    this.json = new ContractJson(delegate.model());
    for (DecisionSink sink : sinks) {
      sink.attach(delegate);
    }
  }

  /** Starts a log over {@code delegate}, which decides. */
  public static Builder builder(CreditRules delegate) {
    return new Builder(Objects.requireNonNull(delegate, "delegate"));
  }

  /** What a call does when its record could not be written to a sink. */
  public enum FailurePolicy {
    /**
     * The default: the call throws {@link DecisionNotRecordedException}; no decision is returned
     * (and no rejection rethrown) without its record in every sink.
     */
    FAIL_CLOSED,
    /**
     * Unsafe, for callers that prefer a decision without an audit trail to no decision: every sink
     * is tried, the failure is counted and logged at WARN, and the decision is returned (the
     * rejection rethrown) anyway.
     */
    RETURN_UNRECORDED
  }

  /** Settings of a {@link DecisionLog}. */
  public static final class Builder {
    private final CreditRules delegate;
    private final List<DecisionSink> sinks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Supplier<UUID> ids = UUID::randomUUID;
    private FailurePolicy policy = FailurePolicy.FAIL_CLOSED;

    private Builder(CreditRules delegate) {
      this.delegate = delegate;
    }

    /**
     * Adds a sink; records go to every sink, in the order added. Each is {@link DecisionSink#attach
     * attached} to the delegate when the log is built.
     */
    public Builder sink(DecisionSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** The clock that stamps {@code recordedAt}; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where decision ids come from; default {@link UUID#randomUUID()}. */
    public Builder ids(Supplier<UUID> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * What a call does when a sink fails; default {@link FailurePolicy#FAIL_CLOSED}. {@link
     * FailurePolicy#RETURN_UNRECORDED} is the unsafe mode: decisions without a record.
     */
    public Builder failurePolicy(FailurePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The log. */
    public DecisionLog build() {
      return new DecisionLog(this);
    }
  }

  /**
   * Decides {@code request} with the delegate, records the decision and returns it.
   *
   * @throws InvalidRequestException when the request is invalid; the rejection was recorded
   * @throws DecisionNotRecordedException when the record (of the decision or of the rejection)
   *     could not be written to a sink, with {@link FailurePolicy#FAIL_CLOSED}: the call was not
   *     made
   */
  @Override
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    List<PackRef> packs = delegate.packs();
    String input;
    try {
      input = json.writeRequest(request);
    } catch (RuntimeException e) {
      input =
          ""; // a record built by hand that JSON cannot express: decided, recorded, not replayable
    }
    Decision decision;
    try {
      decision = delegate.decide(request);
    } catch (InvalidRequestException e) {
      record(
          new DecisionRecord(
              ids.get(),
              clock.instant(),
              DecisionRecord.Result.REJECTED,
              request.requestId(),
              request.subject().id(),
              request.subject().type(),
              request.asOf(),
              RecordFormat.sha256(input),
              input,
              packs,
              null,
              e.errors()));
      throw e;
    }
    if (!covers(packs, decision.packs())) {
      packs = delegate.packs(); // the delegate's packs changed (a live reload) while deciding
    }
    record(
        new DecisionRecord(
            ids.get(),
            clock.instant(),
            DecisionRecord.Result.DECIDED,
            request.requestId(),
            request.subject().id(),
            request.subject().type(),
            request.asOf(),
            RecordFormat.sha256(input),
            input,
            packs,
            decision,
            null));
    return decision;
  }

  /**
   * Records a request that was rejected while it was read (before there was a {@link Request}), for
   * example by {@code ContractJson.readRequest}. The input digest is over {@code text} as given;
   * the subject id, type, request id and day are taken from the text when it has them.
   *
   * @param text the request's text as received
   * @param rejection its errors
   * @return the record written
   * @throws DecisionNotRecordedException when the record could not be written to a sink, with
   *     {@link FailurePolicy#FAIL_CLOSED}
   */
  public DecisionRecord rejected(String text, InvalidRequestException rejection) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(rejection, "rejection");
    String requestId = null;
    String subjectId = null;
    SubjectType type = null;
    LocalDate asOf = null;
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root != null && root.isObject()) {
        requestId = textOrNull(root.get("requestId"));
        JsonNode subject = root.path("subject");
        subjectId = textOrNull(subject.get("id"));
        subjectId = subjectId == null ? null : subjectId.toUpperCase(java.util.Locale.ROOT);
        String t = textOrNull(subject.get("type"));
        type = t == null ? null : SubjectType.valueOf(t);
        String d = textOrNull(root.get("asOf"));
        asOf = d == null ? null : LocalDate.parse(d);
      }
    } catch (IllegalArgumentException | DateTimeParseException | java.io.IOException e) {
      // only what could be read is recorded; the errors say what was wrong
    }
    DecisionRecord r =
        new DecisionRecord(
            ids.get(),
            clock.instant(),
            DecisionRecord.Result.REJECTED,
            requestId,
            subjectId,
            type,
            asOf,
            RecordFormat.sha256(text),
            text,
            delegate.packs(),
            null,
            rejection.errors());
    record(r);
    return r;
  }

  private static @Nullable String textOrNull(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static boolean covers(List<PackRef> loaded, List<PackRef> used) {
    Set<PackRef> all = new HashSet<>(loaded);
    return all.containsAll(used);
  }

  /**
   * Writes {@code r} to every sink.
   *
   * @throws DecisionNotRecordedException at the first sink that fails, with {@link
   *     FailurePolicy#FAIL_CLOSED}
   */
  private void record(DecisionRecord r) {
    recorded.incrementAndGet();
    for (DecisionSink sink : sinks) {
      try {
        sink.write(r);
      } catch (Exception | StackOverflowError e) {
        failed.incrementAndGet();
        String what = describe(e);
        last.set(new Failures.Last(clock.instant(), sink.name(), r.decisionId(), what));
        if (policy == FailurePolicy.FAIL_CLOSED) {
          LOG.warn(
              "decision {} was not recorded in {}: {}; it is not returned",
              r.decisionId(),
              sink.name(),
              what);
          // no cause: a database's message can quote row values
          throw new DecisionNotRecordedException(
              r.decisionId(), "the decision log " + sink.name() + " failed: " + what);
        }
        LOG.warn(
            "decision {} was not recorded in {}: {}; returned unrecorded (RETURN_UNRECORDED)",
            r.decisionId(),
            sink.name(),
            what);
      }
    }
    LOG.debug("decision {} recorded: {}", r.decisionId(), r.result());
  }

  /** The policy for a record a sink could not write. */
  public FailurePolicy failurePolicy() {
    return policy;
  }

  /**
   * The kind of a sink failure without personal data: the exception class, the SQL state of a
   * database error, the message of a file error (paths only), never a database message (which can
   * quote row values).
   */
  static String describe(Throwable e) {
    if (e instanceof SQLException s) {
      return s.getClass().getName() + " (SQL state " + s.getSQLState() + ")";
    }
    if (e instanceof java.io.IOException) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
    return e.getClass().getName();
  }

  /** Every pack version of the delegate. */
  @Override
  public List<PackRef> packs() {
    return delegate.packs();
  }

  /** The delegate's fact model. */
  @Override
  public FactModel model() {
    return delegate.model();
  }

  /**
   * Sink failures so far.
   *
   * @param records records made (decisions and rejections)
   * @param failures failed writes, summed over sinks
   * @param last the most recent failure, or {@code null} when there was none
   */
  public record Failures(long records, long failures, @Nullable Last last) {
    /**
     * One failed write.
     *
     * @param at when it happened
     * @param sink the sink's name
     * @param decisionId the record it could not write
     * @param error the kind of error, without personal data
     */
    public record Last(Instant at, String sink, UUID decisionId, String error) {}

    /** True when every record reached every sink. */
    public boolean none() {
      return failures == 0;
    }
  }

  /** The failures so far; a snapshot. */
  public Failures failures() {
    return new Failures(recorded.get(), failed.get(), last.get());
  }

  /** Closes every sink (not the delegate); the first failure is thrown after all were tried. */
  @Override
  public void close() throws java.io.IOException {
    java.io.IOException first = null;
    for (DecisionSink sink : sinks) {
      try {
        sink.close();
      } catch (java.io.IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
