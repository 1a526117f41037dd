package dev.creditrules.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.creditrules.api.PackRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record as read back from a log (a JSON Lines line, or the {@code record} column of the
 * PostgreSQL table): masked as it was stored.
 *
 * @param decisionId the record's id
 * @param result {@code DECIDED} or {@code REJECTED}
 * @param requestId the caller's request id, or {@code null}
 * @param subjectId the subject id as stored (masked for natural persons)
 * @param subjectType the subject type, or {@code null}
 * @param inputDigest the digest of the input
 * @param packs every pack version the engine had loaded
 * @param resultDigest the digest of the exact, unmasked decision or errors JSON
 * @param decision the masked decision, or {@code null}
 * @param errors the masked errors, or {@code null}
 * @param input the stored input ({@code storage} PLAIN, ENCRYPTED or NONE)
 */
public record LoggedDecision(
    String decisionId,
    String result,
    @Nullable String requestId,
    @Nullable String subjectId,
    @Nullable String subjectType,
    String inputDigest,
    List<PackRef> packs,
    String resultDigest,
    @Nullable JsonNode decision,
    @Nullable JsonNode errors,
    JsonNode input) {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /**
   * Reads one record.
   *
   * @throws IllegalArgumentException when the line is not a record of a known format version
   */
  public static LoggedDecision parse(String line) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (root.path("record").asInt(-1) != RecordFormat.VERSION) {
      throw new IllegalArgumentException("not a decision record of format " + RecordFormat.VERSION);
    }
    List<PackRef> packs = new ArrayList<>();
    for (JsonNode p : root.path("packs")) {
      packs.add(new PackRef(req(p, "id"), req(p, "version"), req(p, "digest")));
    }
    String result = req(root, "result");
    if (!result.equals("DECIDED") && !result.equals("REJECTED")) {
      throw new IllegalArgumentException("unknown result " + result);
    }
    JsonNode subject = root.path("subject");
    return new LoggedDecision(
        req(root, "decisionId"),
        result,
        text(root.get("requestId")),
        text(subject.get("id")),
        text(subject.get("type")),
        req(root, "inputDigest"),
        List.copyOf(packs),
        req(root, "resultDigest"),
        nullIfNull(root.get("decision")),
        nullIfNull(root.get("errors")),
        root.path("input"));
  }

  private static String req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return v.textValue();
  }

  private static @Nullable String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static @Nullable JsonNode nullIfNull(JsonNode n) {
    return n == null || n.isNull() ? null : n;
  }
}
