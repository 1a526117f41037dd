package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * What a request line says apart from its {@code requestId} and {@code asOf}, as a digest, and
 * those two values: what an incremental run ({@code evaluate --jsonl --previous} on the command
 * line, {@code SparkCreditRules.decideIncremental} on Spark) needs to tell whether yesterday's
 * decision can be carried to today. One class, so that both compute the same digest.
 *
 * <p>The digest is the SHA-256 of the request with the top-level {@code requestId} and {@code
 * asOf} members left out, every other token written again in document order: whitespace and the
 * escapes of strings do not count, the order of members and the text of numbers do (a request
 * written differently is re-decided, never carried wrongly). The digest covers the subject, so
 * equal digests mean the same subject with the same facts and areas.
 *
 * <p>{@link #of} answers {@code null} for any line it would not carry whatever the previous run
 * says: a line that is not one JSON object, a {@code requestId} that is not a string or null (or
 * is longer than the limits allow), an {@code asOf} that is not a calendar date written {@code
 * yyyy-MM-dd}, either of them given twice, a line over the request size limit. Such a line is
 * decided, and the decision (or error) is what deciding everyone gives.
 *
 * @param digest 64 hex digits
 * @param requestId today's {@code requestId}, {@code null} when absent or null
 * @param asOf today's {@code asOf}
 */
public record RequestDigest(String digest, String requestId, LocalDate asOf) {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The digest and today's values of one request line, or {@code null} when the line must be
   * decided (see the class comment).
   */
  public static RequestDigest of(String line, Limits limits) {
    if (utf8LongerThan(line, limits.maxRequestBytes())) {
      return null;
    }
    ByteArrayBuilder bytes = new ByteArrayBuilder(Math.min(line.length() + 16, 1 << 16));
    String requestId = null;
    LocalDate asOf = null;
    boolean idSeen = false;
    try (JsonParser p = FACTORY.createParser(line);
        JsonGenerator g = FACTORY.createGenerator(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      g.writeStartObject();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("requestId".equals(name)) {
          if (idSeen) {
            return null;
          }
          idSeen = true;
          if (value == JsonToken.VALUE_STRING) {
            requestId = p.getText();
            if (requestId.codePointCount(0, requestId.length()) > limits.maxStringLength()) {
              return null;
            }
          } else if (value != JsonToken.VALUE_NULL) {
            return null;
          }
        } else if ("asOf".equals(name)) {
          if (asOf != null || value != JsonToken.VALUE_STRING) {
            return null;
          }
          asOf = date(p.getText());
          if (asOf == null) {
            return null;
          }
        } else {
          g.writeFieldName(name);
          copy(p, g, value);
        }
      }
      if (t != JsonToken.END_OBJECT || asOf == null || p.nextToken() != null) {
        return null;
      }
      g.writeEndObject();
    } catch (IOException | RuntimeException e) {
      return null; // not JSON: the full path writes the error
    }
    return new RequestDigest(HEX.formatHex(sha256().digest(bytes.toByteArray())), requestId, asOf);
  }

  /** Copies the value that starts at {@code first}, nested values included. */
  private static void copy(JsonParser p, JsonGenerator g, JsonToken first) throws IOException {
    int depth = 0;
    JsonToken t = first;
    while (true) {
      switch (t) {
        case START_OBJECT -> {
          g.writeStartObject();
          depth++;
        }
        case START_ARRAY -> {
          g.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          g.writeEndObject();
          depth--;
        }
        case END_ARRAY -> {
          g.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> g.writeFieldName(p.currentName());
        case VALUE_STRING -> g.writeString(p.getText());
          // the number as written: 1.0 and 1.00 are not the same request text
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
        case VALUE_TRUE -> g.writeBoolean(true);
        case VALUE_FALSE -> g.writeBoolean(false);
        case VALUE_NULL -> g.writeNull();
        default -> throw new IOException("unexpected token " + t);
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
      if (t == null) {
        throw new IOException("end of input inside a value");
      }
    }
  }

  /** A date exactly as the request reader takes it ({@code yyyy-MM-dd}, a real day), or null. */
  static LocalDate date(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      char c = text.charAt(i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) {
        return null;
      }
    }
    try {
      return LocalDate.of(
          Integer.parseInt(text.substring(0, 4)),
          Integer.parseInt(text.substring(5, 7)),
          Integer.parseInt(text.substring(8, 10)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean utf8LongerThan(String s, int maxBytes) {
    if ((long) s.length() * 3 <= maxBytes) {
      return false;
    }
    return s.getBytes(StandardCharsets.UTF_8).length > maxBytes;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
