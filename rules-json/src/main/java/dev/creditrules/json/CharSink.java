package dev.creditrules.json;

import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A writer into a character buffer the thread reuses, whose text is taken as one string: what a
 * {@code StringWriter} or Jackson's {@code SegmentedStringWriter} does, without allocating their
 * buffers and segments again for every document written (a decision is several KB). Buffers up to
 * {@value #KEPT} characters (and their UTF-8, three bytes a character) are kept for the thread's
 * next document: a typical decision of 10 facts has 5,000 to 11,000 characters, and a server with
 * hundreds of threads keeps at most about 80 KB per thread.
 */
final class CharSink extends Writer {
  private static final int KEPT = 1 << 14;

  private static final ThreadLocal<CharSink> SINKS = ThreadLocal.withInitial(CharSink::new);

  private char[] buffer = new char[8192];
  private byte[] bytes = new byte[0];

  /** UTF-8 as {@code String.getBytes} writes it: a lone surrogate becomes {@code ?}. */
  private final CharsetEncoder utf8 =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  private int length;
  private boolean inUse;

  private CharSink() {}

  /** An empty sink of the thread's, or a new one when the thread's is in use. */
  static CharSink open() {
    CharSink sink = SINKS.get();
    if (sink.inUse) {
      sink = new CharSink();
    }
    sink.inUse = true;
    sink.length = 0;
    return sink;
  }

  @Override
  public void write(char[] chars, int offset, int count) {
    ensure(count);
    System.arraycopy(chars, offset, buffer, length, count);
    length += count;
  }

  @Override
  public void write(String text, int offset, int count) {
    ensure(count);
    text.getChars(offset, offset + count, buffer, length);
    length += count;
  }

  @Override
  public void write(int c) {
    ensure(1);
    buffer[length++] = (char) c;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** The text written, the sink handed back to the thread. */
  String take() {
    String text = new String(buffer, 0, length);
    release();
    return text;
  }

  private void release() {
    length = 0;
    if (buffer.length > KEPT) {
      buffer = new char[8192];
    }
    inUse = false;
  }

  /**
   * The text written as UTF-8, the sink handed back to the thread: the bytes of {@code
   * take().getBytes(UTF_8)} (a lone surrogate as {@code ?}), encoded in the thread's reused buffer,
   * so that the array returned is the only allocation.
   */
  byte[] takeUtf8() {
    // at most 3 bytes per char (a surrogate pair: 4 for 2)
    if (bytes.length < 3L * length) {
      bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, 3L * length)];
    }
    ByteBuffer out = ByteBuffer.wrap(bytes);
    utf8.reset();
    CoderResult result = utf8.encode(CharBuffer.wrap(buffer, 0, length), out, true);
    if (!result.isUnderflow() || !utf8.flush(out).isUnderflow()) {
      // cannot happen with room for 3 bytes per char and replacement of malformed input
      throw new IllegalStateException("cannot encode UTF-8: " + result);
    }
    byte[] text = Arrays.copyOf(bytes, out.position());
    if (bytes.length > 3 * KEPT) {
      bytes = new byte[0];
    }
    release();
    return text;
  }

  /** Hands the sink back to the thread without its text (after a failure). */
  void discard() {
    release();
  }
}
