package dev.creditrules.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.creditrules.json.ContractJson;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The decisions of a previous run, read from its {@link StateFile}, found by request digest.
 *
 * <p>Memory: the file stays on disk. Opening it reads it once, sequentially, and keeps an
 * open-addressing table from the first 64 bits of each decided line's digest to the line's offset
 * and length in the file: two {@code long}s per slot, at most 75% full, so 21 to 43 bytes per
 * decided subject (about 32 MB for a million). A lookup reads the one line it needs, as bytes, at
 * its offset (positional reads, safe from any number of threads) and checks the whole digest, so a
 * clash of the first 64 bits only costs a decision. A carried line is never decoded: its bytes go
 * to the output with only {@code requestId} and {@code asOf} rewritten. The input may come in any order, and subjects may come
 * and go between runs. Error lines are not indexed: they are always decided again.
 *
 * <p>A decision is carried to today when today's request has the same digest (the same subject,
 * areas and facts), the previous decision is for a day on or before today's {@code asOf}, and its
 * {@code nextChangeOn} is after today's {@code asOf} (or null). The carried decision is the
 * previous one with today's {@code requestId} and {@code asOf}: what deciding today gives, by the
 * contract of {@code nextChangeOn}.
 */
final class PreviousRun implements Closeable {
  private static final long EMPTY = -1;
  private static final int OFFSET_BITS = 40;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  /** The longest line whose length the index keeps (23 bits: the entry stays positive). */
  private static final long MAX_LENGTH = (1L << 23) - 1;

  private final FileChannel channel;
  private final boolean sameSetup;
  private long[] keys;
  private long[] offsets;
  private int size;
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 14));

  private PreviousRun(FileChannel channel, boolean sameSetup) {
    this.channel = channel;
    this.sameSetup = sameSetup;
    this.keys = new long[1 << 10];
    this.offsets = new long[1 << 10];
    Arrays.fill(offsets, EMPTY);
  }

  /**
   * Opens and indexes a state file.
   *
   * @param fingerprint this run's {@link StateFile#fingerprint}; a file written with other packs or
   *     limits is read as if empty (every line is decided), see {@link #sameSetup()}
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the file is not a state file, naming the line and why
   */
  static PreviousRun open(Path file, String fingerprint) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      PreviousRun run;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        String header = headerOf(in, file);
        run = new PreviousRun(channel, header.equals(StateFile.header(fingerprint)));
        if (run.sameSetup) {
          run.index(in, header.length() + 1, file);
        }
      }
      return run;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static String headerOf(InputStream in, Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && s.length() <= 200) {
      s.append((char) c);
    }
    if (!s.toString().startsWith(StateFile.MAGIC + StateFile.TAB)) {
      throw new IllegalArgumentException(
          file + " is not a credit-rules state file: line 1 must start with '" + StateFile.MAGIC
              + "' and a tab (the file --state writes)");
    }
    return s.toString();
  }

  /**
   * Reads every line after the header, indexing the decided ones: one sequential pass, in blocks
   * of a megabyte, looking for line ends eight bytes at a time.
   */
  private void index(InputStream in, long start, Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    // the first 96 bytes of a line are enough to check its shape; the rest is skipped
    byte[] head = new byte[96];
    int n = 0;
    long lineStart = start;
    long position = start;
    long number = 1;
    int read;
    while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      int from = 0;
      int end;
      while ((end = newline(buffer, from, read)) >= 0) {
        n = takeHead(buffer, from, end, head, n);
        indexLine(head, n, lineStart, position + end - lineStart, ++number, file);
        n = 0;
        from = end + 1;
        lineStart = position + from;
      }
      n = takeHead(buffer, from, read, head, n);
      position += read;
    }
    if (position > lineStart) {
      indexLine(head, n, lineStart, position - lineStart, ++number, file);
    }
  }

  /** Adds {@code bytes[from..to)} to {@code head} (holding {@code n}) while it has room. */
  private static int takeHead(byte[] bytes, int from, int to, byte[] head, int n) {
    int k = Math.min(to - from, head.length - n);
    if (k <= 0) {
      return n;
    }
    System.arraycopy(bytes, from, head, n, k);
    return n + k;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LF8 = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** The first {@code '\n'} in {@code bytes[from..to)}, or -1; eight bytes per step. */
  static int newline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(bytes, i) ^ LF8;
      // a byte of x is zero where the byte is a line end; the lowest such byte is found exactly
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void indexLine(byte[] head, int n, long offset, long length, long number, Path file) {
    int tab = indexOf(head, n, StateFile.TAB);
    if (tab != 64 && !(tab == 1 && head[0] == '-')) {
      throw new IllegalArgumentException(
          file + " is not a credit-rules state file: line " + number
              + " must start with a 64-digit digest or - and a tab");
    }
    // decided: digest, asOf (10), nextChangeOn (10 or -), then the decision's '{'
    if (tab == 64 && n > 64 + 11 && head[64 + 11] == StateFile.TAB) {
      int next = head[64 + 12] == '-' ? 64 + 13 : 64 + 22;
      if (n > next + 1 && head[next] == StateFile.TAB && head[next + 1] == '{') {
        put(parseKey(head), entry(offset, length));
      }
    }
  }

  private static int indexOf(byte[] bytes, int n, char c) {
    for (int i = 0; i < n; i++) {
      if (bytes[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static long parseKey(byte[] hex) {
    long key = 0;
    for (int i = 0; i < 16; i++) {
      key = (key << 4) | Character.digit(hex[i], 16);
    }
    return key;
  }

  /**
   * A line's offset (the low {@link #OFFSET_BITS} bits: files up to 1 TB) and its length in the
   * bits above (0 when it does not fit: the line is then read up to its line end).
   */
  private static long entry(long offset, long length) {
    if (offset > OFFSET_MASK) {
      throw new IllegalArgumentException("a state file over 1 TB");
    }
    return length > 0 && length <= MAX_LENGTH ? offset | (length << OFFSET_BITS) : offset;
  }

  private static long keyOf(String digest) {
    return Long.parseUnsignedLong(digest.substring(0, 16), 16);
  }

  /** Indexes {@code key}; {@code offset} is an {@link #entry}. */
  private void put(long key, long offset) {
    if ((size + 1) * 4L > keys.length * 3L) {
      grow();
    }
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    while (offsets[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    offsets[slot] = offset;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldOffsets = offsets;
    keys = new long[oldKeys.length * 2];
    offsets = new long[oldKeys.length * 2];
    Arrays.fill(offsets, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldOffsets[i] != EMPTY) {
        put(oldKeys[i], oldOffsets[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** False when the file was written with other packs or limits: then nothing is carried. */
  boolean sameSetup() {
    return sameSetup;
  }

  /** Decided lines indexed. */
  int size() {
    return size;
  }

  /**
   * A previous decision of the same request (the same digest), kept as the bytes of its line: it
   * is carried to today without ever being decoded.
   */
  static final class Found {
    private static final byte[] REQUEST_ID = ascii("{\"requestId\":");
    private static final byte[] AS_OF = ascii(",\"asOf\":\"");
    private static final byte[] NULL = ascii("null");

    private final LocalDate asOf;
    private final LocalDate nextChangeOn;
    /** UTF-8; the decision line is {@code bytes[from..]}. */
    private final byte[] bytes;
    private final int from;

    /** A decision line given as text (for tests). */
    Found(LocalDate asOf, LocalDate nextChangeOn, String decision) {
      this(asOf, nextChangeOn, decision.getBytes(StandardCharsets.UTF_8), 0);
    }

    private Found(LocalDate asOf, LocalDate nextChangeOn, byte[] bytes, int from) {
      this.asOf = asOf;
      this.nextChangeOn = nextChangeOn;
      this.bytes = bytes;
      this.from = from;
    }

    LocalDate asOf() {
      return asOf;
    }

    LocalDate nextChangeOn() {
      return nextChangeOn;
    }

    /** Whether it holds on {@code day}: on or after its {@code asOf}, before its next change. */
    boolean holdsOn(LocalDate day) {
      return !day.isBefore(asOf) && (nextChangeOn == null || day.isBefore(nextChangeOn));
    }

    /** {@link #carried} as text. */
    String carriedTo(String requestId, LocalDate day, ContractJson json) {
      return new String(carried(requestId, day, json), StandardCharsets.UTF_8);
    }

    /**
     * The decision line, in UTF-8, as deciding the same request with {@code requestId} on {@code
     * day} writes it: {@code requestId} (escaped by {@code json}, as the decision writer escapes
     * it) and {@code asOf} replaced, every other byte copied as it was.
     */
    byte[] carried(String requestId, LocalDate day, ContractJson json) {
      int tail = tailStart();
      byte[] id =
          requestId == null
              ? NULL
              : json.write(TextNode.valueOf(requestId)).getBytes(StandardCharsets.UTF_8);
      int length = bytes.length - tail;
      byte[] line = new byte[REQUEST_ID.length + id.length + AS_OF.length + 11 + length];
      int at = put(line, 0, REQUEST_ID);
      at = put(line, at, id);
      at = put(line, at, AS_OF);
      at = putDay(line, at, day);
      line[at++] = '"';
      System.arraycopy(bytes, tail, line, at, length);
      return line;
    }

    /**
     * Where the decision goes on after {@code {"requestId":…,"asOf":"yyyy-MM-dd"}. A {@code "} or
     * {@code \} byte is never part of a multi-byte UTF-8 character, so the bytes are scanned as
     * the text would be.
     */
    private int tailStart() {
      if (!startsWith(bytes, from, REQUEST_ID)) {
        throw new IllegalStateException("a decision line starts with {\"requestId\":");
      }
      int i = from + REQUEST_ID.length;
      if (startsWith(bytes, i, NULL)) {
        i += NULL.length;
      } else if (i < bytes.length && bytes[i] == '"') {
        i++;
        while (i < bytes.length && bytes[i] != '"') {
          i += bytes[i] == '\\' ? 2 : 1;
        }
        i++;
      } else {
        throw new IllegalStateException("a decision's requestId is a string or null");
      }
      int end = i + AS_OF.length + 10;
      if (!startsWith(bytes, i, AS_OF) || end >= bytes.length || bytes[end] != '"') {
        throw new IllegalStateException("a decision's asOf follows its requestId");
      }
      return end + 1;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int put(byte[] to, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, to, at, bytes.length);
    return at + bytes.length;
  }

  /** Writes {@code day} as {@code yyyy-MM-dd} (a year of four digits, as every asOf has). */
  private static int putDay(byte[] to, int at, LocalDate day) {
    int y = day.getYear();
    if (y < 0 || y > 9999) {
      return put(to, at, ascii(day.toString()));
    }
    to[at] = (byte) ('0' + y / 1000);
    to[at + 1] = (byte) ('0' + y / 100 % 10);
    to[at + 2] = (byte) ('0' + y / 10 % 10);
    to[at + 3] = (byte) ('0' + y % 10);
    to[at + 4] = '-';
    to[at + 5] = (byte) ('0' + day.getMonthValue() / 10);
    to[at + 6] = (byte) ('0' + day.getMonthValue() % 10);
    to[at + 7] = '-';
    to[at + 8] = (byte) ('0' + day.getDayOfMonth() / 10);
    to[at + 9] = (byte) ('0' + day.getDayOfMonth() % 10);
    return at + 10;
  }

  /**
   * The previous decision of the request whose digest is {@code digest}, or null when there is
   * none (a new or changed request, or one whose result was an error).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalStateException when the line found does not have the state file's shape
   */
  Found find(String digest) throws IOException {
    if (size == 0) {
      return null;
    }
    long key = keyOf(digest);
    int mask = keys.length - 1;
    for (int slot = slot(key, mask); offsets[slot] != EMPTY; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        byte[] line = lineAt(offsets[slot]);
        if (startsWith(line, 0, ascii(digest))) {
          return parse(line);
        }
      }
    }
    return null;
  }

  private static Found parse(byte[] line) {
    // digest(64) TAB asOf(10) TAB next(10 or 1) TAB decision: checked when indexed
    LocalDate asOf = dayAt(line, 65);
    boolean none = line[76] == '-';
    LocalDate next = none ? null : dayAt(line, 76);
    return new Found(asOf, next, line, none ? 78 : 87);
  }

  private static LocalDate dayAt(byte[] line, int at) {
    return LocalDate.of(
        digits(line, at, 4), digits(line, at + 5, 2), digits(line, at + 8, 2));
  }

  private static int digits(byte[] line, int at, int n) {
    int value = 0;
    for (int i = at; i < at + n; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalStateException("a state line's date is yyyy-MM-dd");
      }
      value = value * 10 + d;
    }
    return value;
  }

  /**
   * The line at {@code entry} (its offset and, when it fits, its length, as {@link #entry} packs
   * them), without its line end: one positional read of exactly the line when its length is
   * known.
   */
  private byte[] lineAt(long entry) throws IOException {
    long offset = entry & OFFSET_MASK;
    int length = (int) (entry >>> OFFSET_BITS);
    if (length > 0) {
      byte[] line = new byte[length];
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          throw new IllegalStateException("the previous run's state file was cut short");
        }
      }
      return line;
    }
    ByteBuffer buffer = buffers.get();
    buffer.clear();
    while (true) {
      int read = channel.read(buffer, offset + buffer.position());
      byte[] bytes = buffer.array();
      for (int i = 0; i < buffer.position(); i++) {
        if (bytes[i] == '\n') {
          return Arrays.copyOf(bytes, i);
        }
      }
      if (read < 0) {
        return Arrays.copyOf(bytes, buffer.position());
      }
      if (!buffer.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        buffers.set(buffer);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
