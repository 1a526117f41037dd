package dev.creditrules.cli;

import dev.creditrules.api.PackRef;
import dev.creditrules.json.Limits;
import dev.creditrules.json.RequestDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The state file of {@code evaluate --jsonl --state FILE}, read back by {@code --previous FILE} on
 * the next run: UTF-8 text, a header line and then one line per non-blank input line, in input
 * order.
 *
 * <pre>
 * #credit-rules-state/1&lt;TAB&gt;sha256:&lt;the packs and limits of the run&gt;
 * &lt;digest&gt;&lt;TAB&gt;&lt;asOf&gt;&lt;TAB&gt;&lt;nextChangeOn or -&gt;&lt;TAB&gt;&lt;the decision line&gt;
 * &lt;digest or -&gt;&lt;TAB&gt;-&lt;TAB&gt;-&lt;TAB&gt;-          (a line whose result was an error)
 * </pre>
 *
 * <p>The digest is {@link RequestDigest}'s (everything but {@code requestId} and {@code asOf}),
 * {@code -} when the line had none (not a JSON object, for instance). The decision is the compact
 * line the run printed, so it holds the subject's id unmasked: the state file is as sensitive as
 * the output, and nothing of it is ever logged. JSON never holds a raw tab or line end, so the
 * fields need no quoting.
 */
final class StateFile {
  /** The first field of the header line. */
  static final String MAGIC = "#credit-rules-state/1";

  static final char TAB = '\t';

  private StateFile() {}

  /**
   * What a previous run must share with this one for its decisions to be carried: every pack
   * version loaded (id, version, digest) and the request limits (which make a request valid or
   * not).
   */
  static String fingerprint(List<PackRef> packs, Limits limits) {
    StringBuilder s = new StringBuilder();
    for (PackRef p : packs) {
      s.append(p.id()).append('@').append(p.version()).append('=').append(p.digest()).append('\n');
    }
    s.append(limits);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String header(String fingerprint) {
    return MAGIC + TAB + fingerprint;
  }

  /** The line of a decided (or carried) request. */
  static String decided(String digest, LocalDate asOf, LocalDate nextChangeOn, String text) {
    return (digest == null ? "-" : digest)
        + TAB
        + asOf
        + TAB
        + (nextChangeOn == null ? "-" : nextChangeOn.toString())
        + TAB
        + text;
  }

  /**
   * The start of a decided (or carried) request's line, up to and with the tab before the
   * decision, in UTF-8 (ASCII): the decision's own bytes follow it.
   */
  static byte[] decidedPrefix(String digest, LocalDate asOf, LocalDate nextChangeOn) {
    return decided(digest, asOf, nextChangeOn, "").getBytes(StandardCharsets.US_ASCII);
  }

  /** The line of a request whose result was an error line: never carried. */
  static String error(RequestDigest key) {
    return (key == null ? "-" : key.digest()) + "\t-\t-\t-";
  }
}
