package dev.creditrules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Decision;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.SubjectMask;
import dev.creditrules.api.SubjectType;
import dev.creditrules.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The logged form of a {@link DecisionRecord}, shared by every sink: the JSON Lines line is {@link
 * #tree}; the PostgreSQL columns are its parts. Field order is fixed.
 */
final class RecordFormat {
  /** The record format's version, the first field of every line. */
  static final int VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordFormat() {}

  /** The decision key added by issue 13, on every decision written since. */
  static final String NEXT_CHANGE_ON = "nextChangeOn";

  /**
   * True when {@code decision} (a logged decision, {@code null} for a rejection) was written before
   * decisions carried {@code nextChangeOn}: it has no such key.
   */
  static boolean beforeNextChangeOn(@Nullable JsonNode decision) {
    return decision != null && decision.isObject() && !decision.has(NEXT_CHANGE_ON);
  }

  /**
   * {@code decision} (a contract decision tree) as the writer wrote it before {@code nextChangeOn}
   * existed: the same fields in the same order, without that key.
   */
  static ObjectNode withoutNextChangeOn(ObjectNode decision) {
    decision.remove(NEXT_CHANGE_ON);
    return decision;
  }

  /**
   * The whole record as a JSON object: {@code record, decisionId, recordedAt, result, requestId,
   * subject {id (masked), type}, asOf, inputDigest, packs, resultDigest, decision (masked), errors
   * (masked), input}.
   */
  static ObjectNode tree(
      ContractJson json, DecisionRecord r, RequestStorage storage, @Nullable RequestCipher cipher) {
    ObjectNode o = NODES.objectNode();
    o.put("record", VERSION);
    o.put("decisionId", r.decisionId().toString());
    o.put("recordedAt", r.recordedAt().toString());
    o.put("result", r.result().name());
    o.put("requestId", r.requestId());
    ObjectNode subject = o.putObject("subject");
    subject.put("id", r.maskedSubjectId());
    subject.put("type", r.subjectType() == null ? null : r.subjectType().name());
    o.put("asOf", r.asOf() == null ? null : r.asOf().toString());
    o.put("inputDigest", r.inputDigest());
    o.set("packs", json.trees().packsTree(r.packs()));
    o.put("resultDigest", resultDigest(json, r));
    o.set("decision", r.decision() == null ? NODES.nullNode() : maskedDecision(json, r.decision()));
    o.set(
        "errors",
        r.errors() == null ? NODES.nullNode() : maskedErrors(json, r.errors(), r.personal()));
    o.set("input", input(r, storage, cipher));
    return o;
  }

  /** The writer a sink was {@linkplain DecisionSink#attach attached} with; fails when none. */
  static ContractJson attached(@Nullable ContractJson json, DecisionSink sink) {
    if (json == null) {
      throw new IllegalStateException(
          sink.name() + " was not attached to the rules it logs (DecisionLog attaches its sinks)");
    }
    return json;
  }

  /** The digest of the exact result bytes: the decision, or the errors object, unmasked. */
  static String resultDigest(ContractJson json, DecisionRecord r) {
    // a record holds its decision or, for an invalid request, its errors (DecisionRecord checks)
    return sha256(
        r.decision() != null
            ? json.writeDecision(r.decision())
            : json.writeErrors(Objects.requireNonNull(r.errors(), "errors")));
  }

  /** The contract's decision JSON with a natural person's subject id masked. */
  static ObjectNode maskedDecision(ContractJson json, Decision d) {
    ObjectNode tree = json.trees().decisionTree(d);
    SubjectType type = d.subject().type();
    if (!type.isOrganisation()) {
      ((ObjectNode) tree.get("subject")).put("id", SubjectMask.mask(d.subject().id(), type));
    }
    return tree;
  }

  /** The contract's error list, with personal values hidden ({@link SubjectMask#errors}). */
  static ArrayNode maskedErrors(ContractJson json, List<RequestError> errors, boolean personal) {
    return (ArrayNode)
        json.trees().errorsTree(personal ? SubjectMask.errors(errors) : errors).get("errors");
  }

  /** The reason of an input not stored under {@link RequestStorage#NONE}. */
  static final String STORES_NO_INPUT = "this sink stores no input";

  /** The reason of a person's input not stored under {@link RequestStorage#ORGANISATIONS}. */
  static final String A_PERSON = "the subject is a natural person (or of unknown type)";

  /** What the storage policy keeps of the input. */
  static ObjectNode input(
      DecisionRecord r, RequestStorage storage, @Nullable RequestCipher cipher) {
    ObjectNode in = NODES.objectNode();
    RequestStorage effective =
        storage == RequestStorage.ORGANISATIONS
            ? (r.personal() ? RequestStorage.NONE : RequestStorage.PLAIN)
            : storage;
    switch (effective) {
      case PLAIN -> {
        in.put("storage", "PLAIN");
        in.put("text", r.input());
      }
      case ENCRYPTED -> {
        // the sinks refuse ENCRYPTED without a cipher when they are built
        RequestCipher.Sealed s =
            Objects.requireNonNull(cipher, "cipher")
                .encrypt(r.input(), associated(r.decisionId().toString(), r.inputDigest()));
        in.put("storage", "ENCRYPTED");
        in.put("algorithm", RequestCipher.ALGORITHM);
        in.put("keyId", cipher.keyId());
        in.put("nonce", Base64.getEncoder().encodeToString(s.nonce()));
        in.put("ciphertext", Base64.getEncoder().encodeToString(s.ciphertext()));
      }
      case NONE, ORGANISATIONS -> {
        in.put("storage", "NONE");
        in.put("reason", storage == RequestStorage.NONE ? STORES_NO_INPUT : A_PERSON);
      }
    }
    return in;
  }

  /** The data authenticated with an encrypted input. */
  static String associated(String decisionId, String inputDigest) {
    return decisionId + "\n" + inputDigest;
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
