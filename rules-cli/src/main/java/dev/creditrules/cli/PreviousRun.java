package dev.creditrules.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.creditrules.json.ContractJson;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
 * in the file: two {@code long}s per slot, at most 75% full, so 21 to 43 bytes per decided
 * subject (about 32 MB for a million). A lookup reads the one line it needs at its offset
 * (positional reads, safe from any number of threads) and checks the whole digest, so a clash of
 * the first 64 bits only costs a decision. The input may come in any order, and subjects may come
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

  /** Reads every line after the header, indexing the decided ones: one sequential pass. */
  private void index(InputStream in, long start, Path file) throws IOException {
    byte[] buffer = new byte[1 << 16];
    // the first 96 bytes of a line are enough to check its shape; the rest is skipped
    byte[] head = new byte[96];
    int n = 0;
    long lineStart = start;
    long position = start;
    long number = 1;
    int read;
    while ((read = in.read(buffer)) > 0) {
      for (int i = 0; i < read; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          indexLine(head, n, lineStart, ++number, file);
          n = 0;
          lineStart = position + i + 1;
        } else if (n < head.length) {
          head[n++] = b;
        }
      }
      position += read;
    }
    if (position > lineStart) {
      indexLine(head, n, lineStart, ++number, file);
    }
  }

  private void indexLine(byte[] head, int n, long offset, long number, Path file) {
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
        put(parseKey(head), offset);
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

  private static long keyOf(String digest) {
    return Long.parseUnsignedLong(digest.substring(0, 16), 16);
  }

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

  /** A previous decision of the same request (the same digest). */
  record Found(LocalDate asOf, LocalDate nextChangeOn, String decision) {
    /** Whether it holds on {@code day}: on or after its {@code asOf}, before its next change. */
    boolean holdsOn(LocalDate day) {
      return !day.isBefore(asOf) && (nextChangeOn == null || day.isBefore(nextChangeOn));
    }

    /**
     * The decision line as deciding the same request with {@code requestId} on {@code day} writes
     * it: {@code requestId} and {@code asOf} replaced, every other byte as it was.
     */
    String carriedTo(String requestId, LocalDate day, ContractJson json) {
      int tail = tailStart(decision);
      String id = requestId == null ? "null" : json.write(TextNode.valueOf(requestId));
      return "{\"requestId\":" + id + ",\"asOf\":\"" + day + '"' + decision.substring(tail);
    }

    /** Where the decision goes on after {@code {"requestId":…,"asOf":"yyyy-MM-dd"}. */
    private static int tailStart(String d) {
      String start = "{\"requestId\":";
      if (!d.startsWith(start)) {
        throw new IllegalStateException("a decision line starts with " + start);
      }
      int i = start.length();
      if (d.startsWith("null", i)) {
        i += 4;
      } else if (d.charAt(i) == '"') {
        i++;
        while (d.charAt(i) != '"') {
          i += d.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else {
        throw new IllegalStateException("a decision's requestId is a string or null");
      }
      String asOf = ",\"asOf\":\"";
      if (!d.startsWith(asOf, i) || d.charAt(i + asOf.length() + 10) != '"') {
        throw new IllegalStateException("a decision's asOf follows its requestId");
      }
      return i + asOf.length() + 11;
    }
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
        String line = lineAt(offsets[slot]);
        if (line.startsWith(digest)) {
          return parse(line);
        }
      }
    }
    return null;
  }

  private static Found parse(String line) {
    // digest(64) TAB asOf(10) TAB next(10 or 1) TAB decision: checked when indexed
    LocalDate asOf = LocalDate.parse(line.substring(65, 75));
    boolean none = line.charAt(76) == '-';
    LocalDate next = none ? null : LocalDate.parse(line.substring(76, 86));
    return new Found(asOf, next, line.substring(none ? 78 : 87));
  }

  /** The line at {@code offset}, without its line end. */
  private String lineAt(long offset) throws IOException {
    ByteBuffer buffer = buffers.get();
    buffer.clear();
    while (true) {
      int read = channel.read(buffer, offset + buffer.position());
      byte[] bytes = buffer.array();
      for (int i = 0; i < buffer.position(); i++) {
        if (bytes[i] == '\n') {
          return new String(bytes, 0, i, StandardCharsets.UTF_8);
        }
      }
      if (read < 0) {
        return new String(bytes, 0, buffer.position(), StandardCharsets.UTF_8);
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
