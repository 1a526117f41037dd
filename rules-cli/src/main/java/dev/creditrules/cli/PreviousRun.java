package dev.creditrules.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.creditrules.json.ContractJson;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The decisions of a previous run: its {@link StateFile} (digests, dates, and where each decision
 * is in that run's output) and the output itself, found by request digest.
 *
 * <p>Memory: both files stay on disk. Opening reads the state once, sequentially (about 110 bytes a
 * line), and keeps an open-addressing table from the first 64 bits of each decided line's digest to
 * that state line's offset and length: two {@code long}s per slot, at most 75% full, so 21 to 43
 * bytes per decided subject (about 32 MB for a million). Both files are mapped into memory (address
 * space, not heap). A lookup reads the state line (and checks the whole digest, so a clash of the
 * first 64 bits only costs a decision), then the decision's bytes in the previous output: memory
 * copies, safe from any number of threads. A carried line is never decoded: its bytes go to the
 * output with only {@code requestId} and {@code asOf} rewritten. The input may come in any order,
 * and subjects may come and go between runs. Error lines are not indexed: they are always decided
 * again.
 *
 * <p>A decision is carried to today when today's request has the same digest (the same subject,
 * areas and facts), the previous decision is for a day on or before today's {@code asOf}, its
 * {@code nextChangeOn} is after today's {@code asOf} (or null), and the previous output holds a
 * decision line where the state says. The carried decision is the previous one with today's {@code
 * requestId} and {@code asOf}: what deciding today gives, by the contract of {@code nextChangeOn}.
 */
final class PreviousRun implements Closeable {
  private static final long EMPTY = -1;
  private static final int OFFSET_BITS = 40;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

  /** The bytes of a decision line read to find where its requestId and asOf end. */
  private static final int HEAD = 256;

  /** The longest state line: a digest, two dates, an offset and a length, with room to spare. */
  private static final int MAX_STATE_LINE = 160;

  private final Path stateFile;
  private final FileChannel state;
  private final FileChannel output;
  private final long outputBytes;

  /** Both files mapped, for lookups: a read is a memory copy, no system call. */
  private final Mapped mappedState;

  private final Mapped mappedOutput;
  private final boolean sameSetup;
  private long[] keys;
  private long[] offsets;
  private int size;

  private PreviousRun(
      Path stateFile, FileChannel state, FileChannel output, long outputBytes, boolean sameSetup)
      throws IOException {
    this.stateFile = stateFile;
    this.state = state;
    this.output = output;
    this.outputBytes = outputBytes;
    this.sameSetup = sameSetup;
    this.mappedState = new Mapped(state);
    this.mappedOutput = new Mapped(output);
    this.keys = new long[1 << 10];
    this.offsets = new long[1 << 10];
    Arrays.fill(offsets, EMPTY);
  }

  /**
   * Opens and indexes a state file and the output of the run that wrote it.
   *
   * @param fingerprint this run's {@link StateFile#fingerprint}; a file written with other packs or
   *     limits is read as if empty (every line is decided), see {@link #sameSetup()}
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException when the state is not a state file this version reads, was cut
   *     short, or does not index {@code output}: the message names the files and why
   */
  static PreviousRun open(Path stateFile, Path outputFile, String fingerprint) throws IOException {
    FileChannel state = FileChannel.open(stateFile, StandardOpenOption.READ);
    FileChannel output = null;
    try {
      String header = headerOf(state, stateFile);
      long[] trailer = trailerOf(state, stateFile);
      output = FileChannel.open(outputFile, StandardOpenOption.READ);
      long outputBytes = output.size();
      if (outputBytes != trailer[0]) {
        throw new IllegalArgumentException(
            outputFile
                + " is "
                + outputBytes
                + " bytes, but "
                + stateFile
                + " indexes an output of "
                + trailer[0]
                + " bytes ("
                + trailer[1]
                + " lines): --previous-output must be the"
                + " file the run that wrote the state printed to, from its start and unchanged"
                + " (not appended to with >>)");
      }
      PreviousRun run =
          new PreviousRun(
              stateFile, state, output, outputBytes, header.equals(StateFile.header(fingerprint)));
      if (run.sameSetup) {
        long lines = run.index(header.length() + 1, trailer[2]);
        if (lines != trailer[1]) {
          throw new IllegalArgumentException(
              stateFile
                  + " has "
                  + lines
                  + " lines for an output of "
                  + trailer[1]
                  + " lines: it is not the state its run wrote");
        }
      }
      return run;
    } catch (IOException | RuntimeException e) {
      state.close();
      if (output != null) {
        output.close();
      }
      throw e;
    }
  }

  private static String headerOf(FileChannel state, Path file) throws IOException {
    byte[] bytes = new byte[200];
    int n = readAt(state, 0, bytes, 0, (int) Math.min(bytes.length, state.size()));
    int end = 0;
    while (end < n && bytes[end] != '\n') {
      end++;
    }
    String header = new String(bytes, 0, end, StandardCharsets.US_ASCII);
    if (header.startsWith(StateFile.MAGIC_1 + StateFile.TAB)) {
      throw new IllegalArgumentException(
          file
              + " is a state file of an earlier credit-rules ("
              + StateFile.MAGIC_1
              + ", which"
              + " repeated every decision): run once in full with --state to write one this"
              + " version reads ("
              + StateFile.MAGIC
              + ")");
    }
    if (end == n || !header.startsWith(StateFile.MAGIC + StateFile.TAB)) {
      throw new IllegalArgumentException(
          file
              + " is not a credit-rules state file: line 1 must start with '"
              + StateFile.MAGIC
              + "' and a tab (the file --state writes)");
    }
    return header;
  }

  /**
   * The trailer's output bytes and lines, and where the trailer starts.
   *
   * @throws IllegalArgumentException when the file does not end with a trailer
   */
  private static long[] trailerOf(FileChannel state, Path file) throws IOException {
    long size = state.size();
    byte[] bytes = new byte[(int) Math.min(80, size)];
    int n = readAt(state, size - bytes.length, bytes, 0, bytes.length);
    int start = n - 1;
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    String[] fields =
        n > 0 && bytes[n - 1] == '\n'
            ? new String(bytes, start, n - 1 - start, StandardCharsets.US_ASCII).split("\t", -1)
            : new String[0];
    try {
      if (fields.length == 3 && fields[0].equals(StateFile.END) && start > 0) {
        return new long[] {
          Long.parseLong(fields[1]), Long.parseLong(fields[2]), size - bytes.length + start
        };
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        file
            + " does not end with its '"
            + StateFile.END
            + "' line: it was cut short (or its run"
            + " stopped before the end); run once in full with --state");
  }

  /**
   * Reads the lines between {@code start} and {@code end}, indexing the decided ones: one
   * sequential pass, in blocks of a megabyte, looking for line ends eight bytes at a time.
   *
   * @return the number of lines
   */
  private long index(long start, long end) throws IOException {
    byte[] buffer = new byte[1 << 20];
    byte[] line = new byte[MAX_STATE_LINE];
    int n = 0;
    long lineStart = start;
    long position = start;
    long number = 1;
    while (position < end) {
      int read = readAt(state, position, buffer, 0, (int) Math.min(buffer.length, end - position));
      int from = 0;
      int at;
      while ((at = newline(buffer, from, read)) >= 0) {
        n = take(buffer, from, at, line, n, number + 1);
        indexLine(line, n, lineStart, ++number);
        n = 0;
        from = at + 1;
        lineStart = position + from;
      }
      n = take(buffer, from, read, line, n, number + 1);
      position += read;
    }
    if (n > 0) {
      throw new IllegalArgumentException(stateFile + ": line " + (number + 1) + " has no line end");
    }
    return number - 1;
  }

  /** Adds {@code bytes[from..to)} to {@code line} (holding {@code n}). */
  private int take(byte[] bytes, int from, int to, byte[] line, int n, long number) {
    int k = to - from;
    if (n + k > line.length) {
      throw notState(number, "longer than a state line");
    }
    System.arraycopy(bytes, from, line, n, k);
    return n + k;
  }

  private IllegalArgumentException notState(long number, String why) {
    return new IllegalArgumentException(
        stateFile + " is not a credit-rules state file: line " + number + " is " + why);
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

  /**
   * Checks one line's shape and indexes it when decided: a digest (64 hex digits, or {@code -}),
   * then asOf and nextChangeOn, then the decision's offset and length (or four {@code -}).
   */
  private void indexLine(byte[] line, int n, long offset, long number) {
    int tab = indexOf(line, 0, n, StateFile.TAB);
    if (tab != 64 && !(tab == 1 && line[0] == '-')) {
      throw notState(number, "not a 64-digit digest or - and a tab");
    }
    if (tab == 64 && n > 65 && line[65] != '-') {
      parse(line, n, number); // checks every field
      put(parseKey(line), entry(offset, n));
    }
  }

  private static int indexOf(byte[] bytes, int from, int n, char c) {
    for (int i = from; i < n; i++) {
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

  /** A state line's offset (the low {@link #OFFSET_BITS} bits: up to 1 TB), its length above. */
  private static long entry(long offset, int length) {
    if (offset > OFFSET_MASK) {
      throw new IllegalArgumentException("a state file over 1 TB");
    }
    return offset | ((long) length << OFFSET_BITS);
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
   * A previous decision of the same request (the same digest): where its line is (in the previous
   * output, or in an array for tests). It is carried to today without ever being decoded.
   */
  static final class Found {
    private static final byte[] REQUEST_ID = ascii("{\"requestId\":");
    private static final byte[] AS_OF = ascii(",\"asOf\":\"");
    private static final byte[] NULL = ascii("null");

    private final LocalDate asOf;
    private final @Nullable LocalDate nextChangeOn;

    /** The line is {@code bytes[0..length)}, or when null, {@code source} from {@code offset}. */
    private final byte @Nullable [] bytes;

    private final @Nullable Mapped source;
    private final long offset;
    private final int length;

    /** Where the decision goes on after its requestId and asOf. */
    private final int tail;

    /** A decision line given as text (for tests). */
    Found(LocalDate asOf, @Nullable LocalDate nextChangeOn, String decision) {
      this.asOf = asOf;
      this.nextChangeOn = nextChangeOn;
      byte[] bytes = decision.getBytes(StandardCharsets.UTF_8);
      this.bytes = bytes;
      this.source = null;
      this.offset = 0;
      this.length = bytes.length;
      this.tail = tailStart(bytes, bytes.length);
      if (tail < 0) {
        throw new IllegalArgumentException("not a decision line");
      }
    }

    private Found(
        LocalDate asOf,
        @Nullable LocalDate nextChangeOn,
        Mapped source,
        long offset,
        int length,
        int tail) {
      this.asOf = asOf;
      this.nextChangeOn = nextChangeOn;
      this.bytes = null;
      this.source = source;
      this.offset = offset;
      this.length = length;
      this.tail = tail;
    }

    LocalDate asOf() {
      return asOf;
    }

    @Nullable LocalDate nextChangeOn() {
      return nextChangeOn;
    }

    /** Whether it holds on {@code day}: on or after its {@code asOf}, before its next change. */
    boolean holdsOn(LocalDate day) {
      return !day.isBefore(asOf) && (nextChangeOn == null || day.isBefore(nextChangeOn));
    }

    /** {@link #carried} as text. */
    String carriedTo(@Nullable String requestId, LocalDate day, ContractJson json) {
      return new String(carried(requestId, day, json), StandardCharsets.UTF_8);
    }

    /**
     * The decision line, in UTF-8, as deciding the same request with {@code requestId} on {@code
     * day} writes it: {@link #head} then the {@link #copyTail tail}.
     */
    byte[] carried(@Nullable String requestId, LocalDate day, ContractJson json) {
      byte[] head = head(requestId, day, json);
      byte[] line = Arrays.copyOf(head, head.length + tailLength());
      copyTail(line, head.length, 0, tailLength());
      return line;
    }

    /**
     * The start of the decision line as deciding the same request with {@code requestId} on
     * {@code day} writes it: {@code {"requestId":…,"asOf":"…"}, the id escaped by {@code json} as
     * the decision writer escapes it. The rest of the line is the previous line's {@link
     * #copyTail tail}, every byte as it was.
     */
    byte[] head(@Nullable String requestId, LocalDate day, ContractJson json) {
      byte[] id =
          requestId == null
              ? NULL
              : json.trees().write(TextNode.valueOf(requestId)).getBytes(StandardCharsets.UTF_8);
      byte[] head = new byte[REQUEST_ID.length + id.length + AS_OF.length + 11];
      int at = put(head, 0, REQUEST_ID);
      at = put(head, at, id);
      at = put(head, at, AS_OF);
      at = StateFile.putDay(head, at, day);
      head[at] = '"';
      return head;
    }

    /** The length of the previous line after its requestId and asOf. */
    int tailLength() {
      return length - tail;
    }

    /**
     * Copies {@code n} bytes of the tail, from its byte {@code from}, to {@code into[at..]},
     * straight from where the line is (the mapped previous output): no copy in between.
     */
    void copyTail(byte[] into, int at, int from, int n) {
      if (bytes != null) {
        System.arraycopy(bytes, tail + from, into, at, n);
      } else {
        // a Found holds its line's bytes or, read from the previous output, where they are
        Objects.requireNonNull(source, "source").read(offset + tail + from, into, at, n);
      }
    }

    /**
     * Where the decision {@code bytes[0..to)} goes on after {@code
     * {"requestId":…,"asOf":"yyyy-MM-dd"}, or -1 when it does not start so (or not within {@code
     * to}). A {@code "} or {@code \} byte is never part of a multi-byte UTF-8 character, so the
     * bytes are scanned as the text would be.
     */
    private static int tailStart(byte[] bytes, int to) {
      if (!startsWith(bytes, 0, to, REQUEST_ID)) {
        return -1;
      }
      int i = REQUEST_ID.length;
      if (startsWith(bytes, i, to, NULL)) {
        i += NULL.length;
      } else if (i < to && bytes[i] == '"') {
        i++;
        while (i < to && bytes[i] != '"') {
          i += bytes[i] == '\\' ? 2 : 1;
        }
        i++;
      } else {
        return -1;
      }
      int end = i + AS_OF.length + 10;
      if (!startsWith(bytes, i, to, AS_OF) || end >= to || bytes[end] != '"') {
        return -1;
      }
      return end + 1;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] bytes, int at, int to, byte[] prefix) {
    if (at < 0 || at + prefix.length > to) {
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

  /**
   * The previous decision of the request whose digest is {@code digest}, or null when there is none
   * (a new or changed request, one whose result was an error, or one the previous output does not
   * hold where the state says: not carriable).
   */
  @Nullable Found find(String digest) {
    if (size == 0) {
      return null;
    }
    long key = keyOf(digest);
    int mask = keys.length - 1;
    for (int slot = slot(key, mask); offsets[slot] != EMPTY; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        long entry = offsets[slot];
        byte[] line = new byte[(int) (entry >>> OFFSET_BITS)];
        mappedState.read(entry & OFFSET_MASK, line, 0, line.length);
        if (startsWith(line, 0, line.length, ascii(digest))) {
          return decision(parse(line, line.length, 0));
        }
      }
    }
    return null;
  }

  /** A decided state line's fields. */
  private record Entry(LocalDate asOf, @Nullable LocalDate nextChangeOn, long offset, int length) {}

  /** Parses a decided line ({@code line[0..n)}, the digest checked already). */
  private Entry parse(byte[] line, int n, long number) {
    // digest(64) TAB asOf(10) TAB next(10 or 1) TAB offset TAB length
    if (n < 65 + 11 + 2 + 4 || line[75] != StateFile.TAB) {
      throw notState(number, "not digest, asOf, nextChangeOn, offset and length");
    }
    LocalDate asOf = dayAt(line, 65, number);
    boolean none = line[76] == '-';
    LocalDate next = none ? null : dayAt(line, 76, number);
    int at = none ? 77 : 86;
    int tab = indexOf(line, at + 1, n, StateFile.TAB);
    if (at >= n || line[at] != StateFile.TAB || tab < 0) {
      throw notState(number, "not digest, asOf, nextChangeOn, offset and length");
    }
    long offset = decimal(line, at + 1, tab, number);
    long length = decimal(line, tab + 1, n, number);
    if (length > Integer.MAX_VALUE - 2) {
      throw notState(number, "a decision longer than 2 GB");
    }
    return new Entry(asOf, next, offset, (int) length);
  }

  private LocalDate dayAt(byte[] line, int at, long number) {
    try {
      return LocalDate.of(
          (int) decimal(line, at, at + 4, number),
          (int) decimal(line, at + 5, at + 7, number),
          (int) decimal(line, at + 8, at + 10, number));
    } catch (DateTimeException e) {
      throw notState(number, "not a date yyyy-MM-dd");
    }
  }

  /** The decimal number {@code line[from..to)}. */
  private long decimal(byte[] line, int from, int to, long number) {
    if (from >= to || to - from > 18) {
      throw notState(number, "missing a number");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        throw notState(number, "missing a number");
      }
      value = value * 10 + d;
    }
    return value;
  }

  /**
   * The decision the previous output holds at {@code entry}'s offset: a line that starts with
   * {@code {"requestId":…,"asOf":…} and ends where the state says, at a line end; null
   * otherwise.
   */
  private @Nullable Found decision(Entry entry) {
    long offset = entry.offset();
    int length = entry.length();
    if (offset + length >= outputBytes) {
      return null;
    }
    // the start, for requestId and asOf (the whole line if they go on further), and the line end:
    // LF, or CR LF
    byte[] head = new byte[(int) Math.min(length, HEAD)];
    mappedOutput.read(offset, head, 0, head.length);
    int tail = Found.tailStart(head, head.length);
    if (tail < 0 && head.length < length) {
      head = new byte[length];
      mappedOutput.read(offset, head, 0, length);
      tail = Found.tailStart(head, length);
    }
    byte[] end = new byte[(int) Math.min(2, outputBytes - offset - length)];
    mappedOutput.read(offset + length, end, 0, end.length);
    boolean ends = end[0] == '\n' || (end[0] == '\r' && end.length > 1 && end[1] == '\n');
    return tail >= 0 && ends
        ? new Found(entry.asOf(), entry.nextChangeOn(), mappedOutput, offset, length, tail)
        : null;
  }

  /**
   * A file mapped into memory in blocks of a gigabyte (a {@link MappedByteBuffer} holds at most 2
   * GB): reads are memory copies from the page cache, safe from any number of threads. The mapping
   * goes when the buffers are collected; a file changed while mapped is read as it is now (the
   * checks of a decision line still apply).
   */
  private static final class Mapped {
    private static final int BLOCK_BITS = 30;
    private static final long BLOCK_MASK = (1L << BLOCK_BITS) - 1;

    private final MappedByteBuffer[] blocks;
    private final long size;

    Mapped(FileChannel channel) throws IOException {
      this.size = channel.size();
      this.blocks = new MappedByteBuffer[(int) ((size + BLOCK_MASK) >>> BLOCK_BITS)];
      for (int i = 0; i < blocks.length; i++) {
        long from = (long) i << BLOCK_BITS;
        long length = Math.min(BLOCK_MASK + 1, size - from);
        blocks[i] = channel.map(FileChannel.MapMode.READ_ONLY, from, length);
      }
    }

    /** Copies {@code length} bytes from {@code position} to {@code into[at..]}. */
    void read(long position, byte[] into, int at, int length) {
      if (position < 0 || position + length > size) {
        throw new IllegalStateException("a read past the end of a previous run's file");
      }
      int end = at + length;
      while (at < end) {
        MappedByteBuffer block = blocks[(int) (position >>> BLOCK_BITS)];
        int in = (int) (position & BLOCK_MASK);
        int k = Math.min(end - at, block.capacity() - in);
        block.get(in, into, at, k);
        at += k;
        position += k;
      }
    }
  }

  /** Reads up to {@code length} bytes at {@code position}; fewer only at the end of the file. */
  private static int readAt(FileChannel channel, long position, byte[] into, int at, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into, at, length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position() - at) < 0) {
        break;
      }
    }
    return buffer.position() - at;
  }

  @Override
  public void close() throws IOException {
    try {
      state.close();
    } finally {
      output.close();
    }
  }
}
