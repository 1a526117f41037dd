package dev.creditrules.cli;

import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a JSON Lines input, read as bytes. A line ends at LF only: a CR right before the LF
 * (or at the very end) belongs to the line ending, and a CR anywhere else is JSON whitespace and
 * stays in the line, so it never splits a request in two. Each line is decoded as strict UTF-8: a
 * line that is not valid UTF-8 is reported as such instead of being silently repaired (the
 * contract: nothing is ever corrected). Not thread-safe.
 */
final class JsonLineReader {
  /**
   * One line.
   *
   * @param text the line without its ending; malformed bytes, if any, shown as U+FFFD
   * @param utf8 false when the line's bytes are not valid UTF-8
   */
  record Line(String text, boolean utf8) {
    /**
     * The text of a whole request (a file, not a line of a batch).
     *
     * @throws InvalidRequestException when it is not valid UTF-8
     */
    String requestText() {
      if (!utf8) {
        throw new InvalidRequestException(List.of(notUtf8("input")));
      }
      return text;
    }
  }

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[4096];
  private int length;
  private final CharsetDecoder strict = strictUtf8();

  JsonLineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or {@code null} at the end of the input. */
  @Nullable Line next() throws IOException {
    return advance() ? decode(line, withoutCr(length), strict) : null;
  }

  /**
   * The next line's bytes without its ending, not decoded (a copy), or {@code null} at the end of
   * the input; {@link #decode(byte[])} decodes them as {@link #next} would.
   */
  byte @Nullable [] nextBytes() throws IOException {
    return advance() ? Arrays.copyOf(line, withoutCr(length)) : null;
  }

  /** Reads the next line into {@code line}; false at the end of the input. */
  private boolean advance() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
          return any;
        }
        position = 0;
        limit = n;
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the LF
        return true;
      }
    }
  }

  private int withoutCr(int n) {
    return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
  }

  private void append(int from, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buffer, from, line, length, n);
    length += n;
  }

  /**
   * Whether a line given as its bytes is blank: {@code decode(utf8).text().isBlank()}, decoding
   * only when the bytes before the first non-blank ASCII character are not all ASCII.
   */
  static boolean isBlank(byte[] utf8) {
    for (byte b : utf8) {
      if (b < 0) {
        return decode(utf8).text().isBlank();
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** The error for input that is not valid UTF-8 ({@code what}: "line", "input"). */
  static RequestError notUtf8(String what) {
    return new RequestError("", null, "invalid JSON: the " + what + " is not valid UTF-8");
  }

  /** A whole document (a request file) decoded as strict UTF-8. */
  static Line decode(byte[] bytes) {
    return decode(bytes, bytes.length, strictUtf8());
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Decodes {@code bytes[0, n)} as strict UTF-8. */
  private static Line decode(byte[] bytes, int n, CharsetDecoder strict) {
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new Line(new String(bytes, 0, n, StandardCharsets.ISO_8859_1), true);
    }
    try {
      return new Line(strict.decode(ByteBuffer.wrap(bytes, 0, n)).toString(), true);
    } catch (CharacterCodingException e) {
      return new Line(new String(bytes, 0, n, StandardCharsets.UTF_8), false);
    }
  }
}
