package dev.creditrules.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The text of UTF-8 bytes, decoded strictly (malformed input is refused, never repaired) into a
 * buffer the thread reuses, so that a request read from bytes costs no string: the parser reads the
 * characters in place. One per thread; {@link #release()} hands it back when the reading is done.
 */
final class Utf8Text {
  /** Buffers up to this many characters are kept for the next request of the thread. */
  private static final int KEPT = 1 << 14;

  private static final ThreadLocal<Utf8Text> TEXTS = ThreadLocal.withInitial(Utf8Text::new);

  private final CharsetDecoder strict =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private CharBuffer buffer = CharBuffer.allocate(4096);
  private char[] chars = new char[0];
  private boolean inUse;
  private int length;

  private Utf8Text() {}

  /**
   * The text of {@code bytes[offset, offset + length)}, or {@code null} when they are not valid
   * UTF-8. Valid only until {@link #release()}.
   */
  static @Nullable Utf8Text decode(byte[] bytes, int offset, int length) {
    Utf8Text text = TEXTS.get();
    if (text.inUse) {
      text = new Utf8Text(); // a nested read on the same thread: a buffer of its own
    }
    return text.read(bytes, offset, length) ? text : null;
  }

  private boolean read(byte[] bytes, int offset, int length) {
    // UTF-8 never has more chars than bytes
    CharBuffer out = length <= buffer.capacity() ? buffer.clear() : CharBuffer.allocate(length);
    strict.reset();
    CoderResult result = strict.decode(ByteBuffer.wrap(bytes, offset, length), out, true);
    if (result.isError() || strict.flush(out).isError()) {
      return false;
    }
    if (out != buffer && out.capacity() <= KEPT) {
      buffer = out;
    }
    this.length = out.position();
    chars = out.array();
    inUse = true;
    return true;
  }

  /** The characters; those from 0 to {@link #length()} are the text. */
  char[] chars() {
    return chars;
  }

  /** The number of characters. */
  int length() {
    return length;
  }

  /** Hands the buffer back to the thread. */
  void release() {
    inUse = false;
    if (chars.length > KEPT) {
      chars = new char[0];
    }
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
