package dev.creditrules.cli;

import dev.creditrules.json.RequestDigest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The state file of {@code evaluate --jsonl --state FILE}, read back by {@code --previous FILE
 * --previous-output OUTPUT} on the next run: ASCII text, a header line, one line per non-blank
 * input line in input order, and a trailer.
 *
 * <pre>
 * #credit-rules-state/2&lt;TAB&gt;sha256:&lt;the packs and limits of the run&gt;
 * &lt;digest&gt;&lt;TAB&gt;&lt;asOf&gt;&lt;TAB&gt;&lt;nextChangeOn or -&gt;&lt;TAB&gt;&lt;offset&gt;&lt;TAB&gt;&lt;length&gt;
 * &lt;digest or -&gt;&lt;TAB&gt;-&lt;TAB&gt;-&lt;TAB&gt;-&lt;TAB&gt;-          (a line whose result was an error)
 * #end&lt;TAB&gt;&lt;the output's bytes&gt;&lt;TAB&gt;&lt;the output's lines&gt;
 * </pre>
 *
 * <p>The digest is {@link RequestDigest}'s (everything but {@code requestId} and {@code asOf}),
 * {@code -} when the line had none (not a JSON object, for instance). The decision itself is not
 * repeated: {@code offset} and {@code length} are where its line starts in the run's output and how
 * long it is, in UTF-8 bytes without the line end, counted from the first byte the run wrote. So
 * the output must be a file the run wrote from its start ({@code > FILE}, not {@code >> FILE} or a
 * pipe), kept unchanged until the next run reads it with {@code --previous-output}; the trailer's
 * size and line count let that run refuse a state cut short or an output that is not the one
 * indexed. The state holds no decision and no id, only digests and dates.
 */
final class StateFile {
  /** The first field of the header line. */
  static final String MAGIC = "#credit-rules-state/2";

  /** The magic of the first format, which repeated each decision line. */
  static final String MAGIC_1 = "#credit-rules-state/1";

  /** The first field of the trailer line. */
  static final String END = "#end";

  static final char TAB = '\t';

  private StateFile() {}

  static String header(String fingerprint) {
    return MAGIC + TAB + fingerprint;
  }

  /**
   * The start of a decided (or carried) request's line, up to and with the tab before the offset,
   * in ASCII: the writer, which knows where the line goes in the output, adds the rest with {@link
   * #position}.
   */
  static byte[] decidedPrefix(
      @Nullable String digest, LocalDate asOf, @Nullable LocalDate nextChangeOn) {
    String d = digest == null ? "-" : digest;
    byte[] line = new byte[d.length() + 1 + 11 + (nextChangeOn == null ? 2 : 11) + 16];
    int at = 0;
    for (int i = 0; i < d.length(); i++) {
      line[at++] = (byte) d.charAt(i);
    }
    line[at++] = TAB;
    at = putDay(line, at, asOf);
    line[at++] = TAB;
    if (nextChangeOn == null) {
      line[at++] = '-';
    } else {
      at = putDay(line, at, nextChangeOn);
    }
    line[at++] = TAB;
    return at == line.length ? line : Arrays.copyOf(line, at);
  }

  /**
   * Writes {@code day} as {@code yyyy-MM-dd} at {@code to[at..]}, as {@link LocalDate#toString}
   * does for years 0 to 9999 (every date a request holds), and returns where it ends; room for 18
   * bytes is enough for any year.
   */
  static int putDay(byte[] to, int at, LocalDate day) {
    int y = day.getYear();
    if (y < 0 || y > 9999) {
      byte[] text = day.toString().getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, to, at, text.length);
      return at + text.length;
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

  /** The end of a decided line: where its decision is in the output, and how long it is. */
  static byte[] position(long offset, int length) {
    return (Long.toString(offset) + TAB + length).getBytes(StandardCharsets.US_ASCII);
  }

  /** The line of a request whose result was an error line: never carried. */
  static byte[] error(@Nullable RequestDigest key) {
    String digest = key == null ? "-" : key.digest();
    return (digest + "\t-\t-\t-\t-").getBytes(StandardCharsets.US_ASCII);
  }

  /** The last line: the output's size in bytes and its number of lines. */
  static String trailer(long outputBytes, long outputLines) {
    return END + TAB + outputBytes + TAB + outputLines;
  }
}
