package dev.creditrules.audit;

import dev.creditrules.api.CreditRules;
import dev.creditrules.json.ContractJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Appends records to a JSON Lines file: one record per line ({@code \n}), UTF-8, each line written
 * with one positional append under a lock, so lines never interleave between threads (and, with
 * {@code O_APPEND}, not between processes writing whole lines either).
 *
 * <p><b>Durability.</b> With {@link Fsync#EVERY_RECORD} (the default) {@link #write} returns only
 * after {@link FileChannel#force(boolean) force(false)} covered its line: a returned decision is on
 * disk even if the machine loses power. Forces are group commits: threads that append while another
 * thread forces share the next force. With {@link Fsync#NEVER} the line is handed to the operating
 * system (it survives a crash of the JVM, not of the machine) and flushed to disk by the OS, and on
 * {@link #close()}.
 *
 * <p><b>Faults.</b> The file is opened on the first write, and again on the write after a failure,
 * so that a sink recovers when its disk or directory comes back. A line is written whole or the
 * write fails; after a partial write (disk full) the next record starts on a new line, so one
 * damaged line never hides the next. The same holds for a file whose last line was cut by an
 * earlier process (killed, or out of disk): when the file is opened and does not end with a
 * newline, the first record starts on a new line.
 */
public final class JsonLinesSink implements DecisionSink {
  /** When lines are forced to disk. */
  public enum Fsync {
    /** After every record, before {@code write} returns. */
    EVERY_RECORD,
    /** Left to the operating system (and {@code close}). */
    NEVER
  }

  private final Path file;
  private final RequestStorage storage;
  private final @Nullable RequestCipher cipher;
  private final Fsync fsync;

  /** The writer over the fact model of the rules logged; set by {@link #attach}. */
  private volatile @Nullable ContractJson json;

  private final Object forceLock = new Object();
  private @Nullable FileChannel channel;
  private boolean broken;

  /** Lines appended so far (guarded by {@code this}). */
  private long appended;

  /** Lines known to be on disk (guarded by {@code forceLock}). */
  private long forced;

  private JsonLinesSink(Builder b) {
    this.file = b.file;
    this.storage = b.storage;
    this.cipher = b.cipher;
    this.fsync = b.fsync;
    if (storage == RequestStorage.ENCRYPTED && cipher == null) {
      throw new IllegalArgumentException("RequestStorage.ENCRYPTED needs a RequestCipher");
    }
  }

  /**
   * A sink appending to {@code file} with the defaults: {@link RequestStorage#ORGANISATIONS},
   * {@link Fsync#EVERY_RECORD}.
   */
  public static JsonLinesSink open(Path file) {
    return builder(file).build();
  }

  /** Starts a builder for a sink appending to {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** Settings of a {@link JsonLinesSink}. */
  public static final class Builder {
    private final Path file;
    private RequestStorage storage = RequestStorage.ORGANISATIONS;
    private @Nullable RequestCipher cipher;
    private Fsync fsync = Fsync.EVERY_RECORD;

    private Builder(Path file) {
      this.file = file;
    }

    /** What is kept of each input; default {@link RequestStorage#ORGANISATIONS}. */
    public Builder requestStorage(RequestStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The key for {@link RequestStorage#ENCRYPTED}. */
    public Builder cipher(RequestCipher cipher) {
      this.cipher = cipher;
      return this;
    }

    /** When lines are forced to disk; default {@link Fsync#EVERY_RECORD}. */
    public Builder fsync(Fsync fsync) {
      this.fsync = Objects.requireNonNull(fsync, "fsync");
      return this;
    }

    /** The sink; the file is opened (created if missing) on the first write. */
    public JsonLinesSink build() {
      return new JsonLinesSink(this);
    }
  }

  /** Makes the writer of the contract's JSON from the fact model of {@code rules}. */
  @Override
  public void attach(CreditRules rules) {
    json = new ContractJson(rules.model());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the sink was never {@link #attach attached} (a {@link
   *     DecisionLog} attaches its sinks)
   */
  @Override
  public void write(DecisionRecord record) throws IOException {
    ContractJson json = RecordFormat.attached(this.json, this);
    // serialised outside the lock: threads only queue for the append itself
    byte[] line =
        (json.trees().write(RecordFormat.tree(json, record, storage, cipher)) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    FileChannel written;
    long sequence;
    synchronized (this) {
      try {
        if (channel == null) {
          channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          broken |= endsInACutLine();
        }
        ByteBuffer buffer = ByteBuffer.wrap(broken ? prefixNewline(line) : line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        broken = false;
        written = channel;
        sequence = ++appended;
      } catch (IOException | RuntimeException e) {
        broken = true;
        closeQuietly();
        throw e;
      }
    }
    if (fsync == Fsync.EVERY_RECORD) {
      force(written, sequence);
    }
  }

  /**
   * Group commit: one {@code force} covers every line appended before it started, so threads that
   * wrote while another was forcing share the next force instead of queueing one each.
   */
  private void force(FileChannel written, long sequence) throws IOException {
    synchronized (forceLock) {
      if (forced >= sequence) {
        return; // a force that started after this line was appended has completed
      }
      long upTo;
      synchronized (this) {
        upTo = appended;
      }
      try {
        written.force(false);
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          broken = true;
          if (channel == written) {
            closeQuietly();
          }
        }
        throw e;
      }
      forced = upTo;
    }
  }

  /** True when the file is not empty and its last byte is not a newline. */
  private boolean endsInACutLine() throws IOException {
    if (!java.nio.file.Files.isRegularFile(file)) {
      return false; // a device such as /dev/full, a pipe
    }
    try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = read.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      read.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  private static byte[] prefixNewline(byte[] line) {
    byte[] b = new byte[line.length + 1];
    b[0] = '\n';
    System.arraycopy(line, 0, b, 1, line.length);
    return b;
  }

  private void closeQuietly() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
      channel = null;
    }
  }

  @Override
  public String name() {
    return "jsonl:" + file;
  }

  /** Forces what was written to disk and closes the file. */
  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      try {
        channel.force(false);
      } finally {
        channel.close();
        channel = null;
      }
    }
  }
}
