package dev.creditrules.json;

import java.io.Writer;
import java.util.Arrays;

/**
 * A writer into a character buffer the thread reuses, whose text is taken as one string: what a
 * {@code StringWriter} or Jackson's {@code SegmentedStringWriter} does, without allocating their
 * buffers and segments again for every document written (a decision is several KB). Buffers up to
 * {@value #KEPT} characters are kept for the thread's next document.
 */
final class CharSink extends Writer {
  private static final int KEPT = 1 << 16;

  private static final ThreadLocal<CharSink> SINKS = ThreadLocal.withInitial(CharSink::new);

  private char[] buffer = new char[8192];
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
    length = 0;
    if (buffer.length > KEPT) {
      buffer = new char[8192];
    }
    inUse = false;
    return text;
  }

  /** Hands the sink back to the thread without its text (after a failure). */
  void discard() {
    length = 0;
    inUse = false;
  }
}
