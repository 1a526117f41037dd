package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.creditrules.api.PackRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a request line says apart from its {@code requestId} and {@code asOf}, as a digest, and
 * those two values: what an incremental run ({@code evaluate --jsonl --previous} on the command
 * line, {@code SparkCreditRules.decideIncremental} on Spark) needs to tell whether yesterday's
 * decision can be carried to today. Spark uses {@link #of}; the command line, which has each line's
 * bytes, the cheaper {@link #ofUtf8} (a different digest: the two never meet).
 *
 * <p>The digest is the SHA-256 of the request with the top-level {@code requestId} and {@code asOf}
 * members left out, every other token written again in document order: whitespace and the escapes
 * of strings do not count, the order of members and the text of numbers do (a request written
 * differently is re-decided, never carried wrongly). The digest covers the subject, so equal
 * digests mean the same subject with the same facts and areas.
 *
 * <p>{@link #of} answers {@code null} for any line it would not carry whatever the previous run
 * says: a line that is not one JSON object, a {@code requestId} that is not a string or null (or is
 * longer than the limits allow), an {@code asOf} that is not a calendar date written {@code
 * yyyy-MM-dd}, either of them given twice, a line over the request size limit. Such a line is
 * decided, and the decision (or error) is what deciding everyone gives.
 *
 * @param digest 64 hex digits
 * @param requestId today's {@code requestId}, {@code null} when absent or null
 * @param asOf today's {@code asOf}
 */
public record RequestDigest(String digest, @Nullable String requestId, LocalDate asOf) {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The digest and today's values of one request line, or {@code null} when the line must be
   * decided (see the class comment).
   */
  public static @Nullable RequestDigest of(String line, Limits limits) {
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

  /**
   * The digest and today's values of one request line given as its UTF-8 bytes, without parsing it:
   * the SHA-256 of the line's bytes with the values of its top-level {@code requestId} and {@code
   * asOf} members cut out (and where they were cut). It is a different digest from {@link #of}'s,
   * about four times cheaper, and stricter: two lines have the same digest only when they are the
   * same bytes but for those two values, so a request written with other whitespace, escapes or
   * member order is re-decided (never carried wrongly). A line is carried only when a previous run
   * decided a line with the same digest, so it is then valid JSON as that line was; this method
   * only finds the two members (outside strings, at the top level) and checks their values as
   * {@link #of} does. Null in the same cases as {@link #of}, and for a member name written with
   * escapes.
   */
  public static @Nullable RequestDigest ofUtf8(byte[] line, Limits limits) {
    if (line.length > limits.maxRequestBytes()) {
      return null;
    }
    Utf8Scan scan = new Utf8Scan(line);
    if (!scan.members()) {
      return null;
    }
    String requestId = null;
    if (scan.idFrom >= 0 && line[scan.idFrom] == '"') {
      requestId = string(line, scan.idFrom, scan.idTo);
      if (requestId == null
          || requestId.codePointCount(0, requestId.length()) > limits.maxStringLength()) {
        return null;
      }
    }
    LocalDate asOf =
        scan.asOfTo - scan.asOfFrom == 12
            ? date(new String(line, scan.asOfFrom + 1, 10, StandardCharsets.ISO_8859_1))
            : null;
    if (asOf == null) {
      return null;
    }
    MessageDigest sha = sha256();
    boolean idFirst = scan.idFrom >= 0 && scan.idFrom < scan.asOfFrom;
    int firstFrom = idFirst ? scan.idFrom : scan.asOfFrom;
    int firstTo = idFirst ? scan.idTo : scan.asOfTo;
    int secondFrom = idFirst ? scan.asOfFrom : scan.idFrom;
    int secondTo = idFirst ? scan.asOfTo : scan.idTo;
    sha.update(line, 0, firstFrom);
    if (secondFrom >= 0) {
      sha.update(line, firstTo, secondFrom - firstTo);
      sha.update(line, secondTo, line.length - secondTo);
    } else {
      sha.update(line, firstTo, line.length - firstTo);
    }
    // where the values were cut, in what was hashed, and which came first: lines that differ
    // elsewhere never share a digest
    int second = secondFrom < 0 ? -1 : secondFrom - (firstTo - firstFrom);
    sha.update(
        ((idFirst ? "i" : "a") + firstFrom + "," + second).getBytes(StandardCharsets.US_ASCII));
    return new RequestDigest(HEX.formatHex(sha.digest()), requestId, asOf);
  }

  /**
   * The JSON string {@code line[from..to)} (quotes included), or null when it is not one (or not
   * valid UTF-8: the line is decoded only when it is decided).
   */
  private static @Nullable String string(byte[] line, int from, int to) {
    boolean plain = true;
    boolean ascii = true;
    for (int i = from + 1; i < to - 1; i++) {
      plain &= line[i] != '\\' && (line[i] < 0 || line[i] >= 0x20);
      ascii &= line[i] >= 0;
    }
    String text;
    try {
      text =
          ascii
              ? new String(line, from + 1, to - from - 2, StandardCharsets.ISO_8859_1)
              : StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(line, from + 1, to - from - 2))
                  .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (plain) {
      return text;
    }
    try (JsonParser p = FACTORY.createParser(line, from, to - from)) {
      String value = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
      return p.nextToken() == null ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Finds the values of the top-level {@code requestId} and {@code asOf} members of one JSON object
   * in UTF-8, skipping every other value without reading it ({@code "} and {@code \} are never part
   * of a multi-byte character, so strings are skipped byte by byte).
   */
  private static final class Utf8Scan {
    private final byte[] b;
    private int i;
    int idFrom = -1;
    int idTo = -1;
    int asOfFrom = -1;
    int asOfTo = -1;

    Utf8Scan(byte[] b) {
      this.b = b;
    }

    /** False when the line is not one object, or a member is given twice or not as required. */
    boolean members() {
      space();
      if (!at('{')) {
        return false;
      }
      i++;
      space();
      if (at('}')) {
        i++;
        return end();
      }
      while (true) {
        space();
        int nameFrom = i;
        if (!at('"') || !skipString()) {
          return false;
        }
        int nameTo = i;
        space();
        if (!at(':')) {
          return false;
        }
        i++;
        space();
        int from = i;
        if (!skipValue()) {
          return false;
        }
        if (named(nameFrom, nameTo, "requestId")) {
          boolean isNull =
              i - from == 4
                  && b[from] == 'n'
                  && b[from + 1] == 'u'
                  && b[from + 2] == 'l'
                  && b[from + 3] == 'l';
          if (idFrom >= 0 || !(b[from] == '"' || isNull)) {
            return false;
          }
          idFrom = from;
          idTo = i;
        } else if (named(nameFrom, nameTo, "asOf")) {
          if (asOfFrom >= 0 || b[from] != '"') {
            return false;
          }
          asOfFrom = from;
          asOfTo = i;
        }
        space();
        if (at(',')) {
          i++;
        } else if (at('}')) {
          i++;
          return asOfFrom >= 0 && end();
        } else {
          return false;
        }
      }
    }

    private boolean end() {
      space();
      return i == b.length;
    }

    private boolean named(int from, int to, String name) {
      if (to - from != name.length() + 2) {
        return false;
      }
      for (int k = 0; k < name.length(); k++) {
        if (b[from + 1 + k] != name.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private boolean at(char c) {
      return i < b.length && b[i] == c;
    }

    private void space() {
      while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
        i++;
      }
    }

    /** Skips the string at {@code i} (its opening quote); false when it does not end. */
    private boolean skipString() {
      i++;
      while (i < b.length) {
        byte c = b[i++];
        if (c == '"') {
          return true;
        }
        if (c == '\\') {
          i++;
        }
      }
      return false;
    }

    /** Skips one value: a string, an object or array with all it holds, or a literal. */
    private boolean skipValue() {
      if (at('"')) {
        return skipString();
      }
      int depth = 0;
      int from = i;
      while (i < b.length) {
        byte c = b[i];
        if (c == '"') {
          if (!skipString()) {
            return false;
          }
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (depth == 0) {
            break;
          }
          depth--;
          if (depth == 0) {
            i++;
            return true;
          }
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
          break;
        }
        i++;
      }
      return depth == 0 && i > from;
    }
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
  static @Nullable LocalDate date(String text) {
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

  /**
   * What a previous run's decisions must share with this run to be carried forward: every pack
   * version loaded (id, version, digest) and the request limits (which make a request valid or
   * not), as {@code sha256:<hex>}. The command line's state file and Spark's incremental run both
   * compare it.
   */
  public static String setup(List<PackRef> packs, Limits limits) {
    StringBuilder s = new StringBuilder();
    for (PackRef p : packs) {
      s.append(p.id()).append('@').append(p.version()).append('=').append(p.digest()).append('\n');
    }
    s.append(limits);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
