package dev.creditrules.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.cli.Main;
import dev.creditrules.cli.golden.GoldenRequests.GoldenLine;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The golden decision set: every request of {@code golden/requests.jsonl.gz} re-decided through
 * {@code credit-rules evaluate --jsonl -} (the command line, in-process: {@link Main#run}, the
 * streaming parallel batch and its error lines) must give, line for line, the very bytes of {@code
 * golden/decisions.jsonl.gz}, which the main of before the fact-model refactor (issue 11) wrote.
 *
 * <p>{@code -Dgolden.record=true} rebuilds the requests ({@link GoldenRequests}) and re-records the
 * decisions with the code as it is; {@code -Dgolden.record=decisions} re-records the decisions of
 * the stored requests only. Either then checks them as usual. See {@code
 * src/test/resources/golden/README.md}.
 */
class GoldenDecisionsTest {
  /** The folder of the set, from the module folder (Maven's working directory) or the root. */
  static final Path DIR =
      Files.isDirectory(Path.of("rules-cli/src/test/resources/golden"))
          ? Path.of("rules-cli/src/test/resources/golden")
          : Path.of("src/test/resources/golden");

  static final Path REQUESTS = DIR.resolve("requests.jsonl.gz");
  static final Path DECISIONS = DIR.resolve("decisions.jsonl.gz");

  /** Differences shown in a failure message; the rest are only counted. */
  static final int SHOWN = 20;

  /** Characters of each side shown around a line's first difference. */
  static final int CONTEXT = 120;

  static final String[] EVALUATE = {"evaluate", "--jsonl", "--quiet", "-"};

  /**
   * {@code -Dgolden.ignoreDigests=true}: pack digests ({@code "digest":"sha256:…"}) are left out of
   * the comparison, for a pack change meant to keep every decision (a digest covers every byte of
   * its pack folder). Weaker than the default; say so when you use it.
   */
  static final boolean IGNORE_DIGESTS = Boolean.getBoolean("golden.ignoreDigests");

  private static final Pattern DIGEST = Pattern.compile("\"digest\":\"sha256:[0-9a-f]{64}\"");

  @Test
  @Timeout(300)
  void everyRecordedRequestGetsTheRecordedBytes() throws IOException {
    String record = System.getProperty("golden.record", "false");
    if (record.equals("true") || record.equals("decisions")) {
      record(record.equals("true"));
    }
    byte[] requests = gunzip(REQUESTS);
    List<Integer> requestLines = nonBlankLineStarts(requests);

    Comparison comparison;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (InputStream expected =
        new BufferedInputStream(
            new GZIPInputStream(Files.newInputStream(DECISIONS), 1 << 16), 1 << 16)) {
      comparison = new Comparison(expected, requests, requestLines);
      code = Main.run(EVALUATE, new ByteArrayInputStream(requests), comparison, err);
      comparison.finish();
    }
    String stderr = err.toString(StandardCharsets.UTF_8);

    assertThat(comparison.differing).as(() -> comparison.report() + "\nstderr: " + stderr).isZero();
    assertThat(comparison.lines).as("output lines").isEqualTo(requestLines.size());
    // 2: the set holds invalid requests; 1 would mean an internal error or a stopped batch
    assertThat(code).as(stderr).isEqualTo(2);
  }

  // ------------------------------------------------------------------------------ recording

  /**
   * Rewrites the decisions as decided now, and first the requests (from {@link GoldenRequests})
   * when {@code requestsToo}; prints the lines per category.
   */
  private static void record(boolean requestsToo) throws IOException {
    List<GoldenLine> lines;
    if (requestsToo) {
      lines = GoldenRequests.build(GoldenRequests.repoRoot());
      GoldenRequests.write(lines, REQUESTS);
    } else {
      lines = storedLines();
    }
    byte[] requests = gunzip(REQUESTS);
    ByteArrayOutputStream decided = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.run(EVALUATE, new ByteArrayInputStream(requests), decided, err);
    byte[] decisions = decided.toByteArray();
    try (OutputStream out = GoldenRequests.gzip(Files.newOutputStream(DECISIONS))) {
      out.write(decisions);
    }
    System.out.println("golden: " + err.toString(StandardCharsets.UTF_8).trim());
    // lines per category, and how many of them were decided (the others are error lines)
    String[] outputs = new String(decisions, StandardCharsets.UTF_8).split("\n", -1);
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int[] c = counts.computeIfAbsent(lines.get(i).category(), k -> new int[2]);
      c[0]++;
      if (isDecision(outputs[i])) {
        c[1]++;
      }
    }
    System.out.println("golden: category, lines, decided, error lines");
    counts.forEach(
        (k, c) ->
            System.out.println("golden: " + k + "\t" + c[0] + "\t" + c[1] + "\t" + (c[0] - c[1])));
    System.out.println(
        "golden: "
            + lines.size()
            + " lines; "
            + Files.size(REQUESTS)
            + " + "
            + Files.size(DECISIONS)
            + " bytes gzipped, "
            + requests.length
            + " + "
            + decisions.length
            + " raw");
  }

  /** The stored requests, each in the category its requestId starts with ("none" without one). */
  private static List<GoldenLine> storedLines() throws IOException {
    byte[] requests = gunzip(REQUESTS);
    List<GoldenLine> lines = new ArrayList<>();
    for (int start : nonBlankLineStarts(requests)) {
      int end = start;
      while (end < requests.length && requests[end] != '\n') {
        end++;
      }
      byte[] line = Arrays.copyOfRange(requests, start, end);
      String category = "none (not JSON or no string requestId)";
      try {
        JsonNode id = Trees.JSON.readTree(line).get("requestId");
        if (id != null && id.isTextual()) {
          String[] parts = id.textValue().split("/");
          category = parts.length > 1 ? parts[0] + "/" + parts[1] : "other";
        }
      } catch (IOException | RuntimeException e) {
        // not JSON: "none"
      }
      lines.add(new GoldenLine(category, line));
    }
    return lines;
  }

  private static boolean isDecision(String line) {
    try {
      JsonNode n = Trees.JSON.readTree(line);
      return n.has("packs") && !n.has("errors");
    } catch (IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------ comparison

  static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return in.readAllBytes();
    }
  }

  /** Where each non-blank line of {@code bytes} starts: output line i answers the i-th of them. */
  static List<Integer> nonBlankLineStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (!new String(bytes, start, i - start, StandardCharsets.ISO_8859_1).isBlank()) {
          starts.add(start);
        }
        start = i + 1;
      }
    }
    return starts;
  }

  /**
   * The CLI's standard output, compared line by line with the recording as it is written (nothing
   * but the current line is held). A line is the bytes before an LF (a CR before it, which a
   * Windows line separator would add, is dropped).
   */
  static final class Comparison extends OutputStream {
    private final InputStream expected;
    private final byte[] requests;
    private final List<Integer> requestLines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream(1 << 16);
    private final List<String> shown = new ArrayList<>();
    long lines;
    long differing;
    long missing;
    long extra;

    Comparison(InputStream expected, byte[] requests, List<Integer> requestLines) {
      this.expected = expected;
      this.requests = requests;
      this.requestLines = requestLines;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (b == '\n') {
        endOfLine();
      } else {
        current.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          current.write(b, start, i - start);
          endOfLine();
          start = i + 1;
        }
      }
      current.write(b, start, off + len - start);
    }

    /** Compares what is left: a last line without LF, then recorded lines never written. */
    synchronized void finish() throws IOException {
      if (current.size() > 0) {
        endOfLine();
      }
      byte[] rest;
      while ((rest = nextExpected()) != null) {
        missing++;
        differ(lines + missing, rest, null);
      }
    }

    private void endOfLine() throws IOException {
      byte[] actual = current.toByteArray();
      current.reset();
      if (actual.length > 0 && actual[actual.length - 1] == '\r') {
        actual = Arrays.copyOf(actual, actual.length - 1);
      }
      lines++;
      byte[] exp = nextExpected();
      if (exp == null) {
        extra++;
        differ(lines, null, actual);
      } else if (!Arrays.equals(exp, actual)
          && !(IGNORE_DIGESTS && withoutDigests(exp).equals(withoutDigests(actual)))) {
        differ(lines, exp, actual);
      }
    }

    private static String withoutDigests(byte[] line) {
      return DIGEST
          .matcher(new String(line, StandardCharsets.UTF_8))
          .replaceAll("\"digest\":\"(ignored)\"");
    }

    /** The next recorded line, or null at the end of the recording. */
    private byte[] nextExpected() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
      int b;
      while ((b = expected.read()) != -1 && b != '\n') {
        line.write(b);
      }
      return b == -1 && line.size() == 0 ? null : line.toByteArray();
    }

    private void differ(long line, byte[] exp, byte[] actual) {
      differing++;
      if (shown.size() >= SHOWN) {
        return;
      }
      String e = exp == null ? null : new String(exp, StandardCharsets.UTF_8);
      String a = actual == null ? null : new String(actual, StandardCharsets.UTF_8);
      StringBuilder s = new StringBuilder();
      s.append("line ").append(line).append(", requestId ").append(requestId(line, e, a));
      if (e == null || a == null) {
        s.append(
            e == null
                ? ": a line the recording does not have"
                : ": no line where the recording has one");
        s.append("\n    expected: ").append(e == null ? "(nothing)" : clip(e, 0));
        s.append("\n    actual:   ").append(a == null ? "(nothing)" : clip(a, 0));
      } else {
        int at = 0;
        while (at < e.length() && at < a.length() && e.charAt(at) == a.charAt(at)) {
          at++;
        }
        s.append(": first difference at character ")
            .append(at)
            .append(" (lengths ")
            .append(e.length())
            .append(" and ")
            .append(a.length())
            .append(')');
        s.append("\n    expected: ").append(clip(e, at));
        s.append("\n    actual:   ").append(clip(a, at));
      }
      shown.add(s.toString());
    }

    /** The line's requestId: from its request, else from either output line. */
    private String requestId(long line, String exp, String actual) {
      List<String> candidates = new ArrayList<>();
      if (line >= 1 && line <= requestLines.size()) {
        int start = requestLines.get((int) line - 1);
        int end = start;
        while (end < requests.length && requests[end] != '\n') {
          end++;
        }
        candidates.add(new String(requests, start, end - start, StandardCharsets.UTF_8));
      }
      candidates.add(exp);
      candidates.add(actual);
      for (String c : candidates) {
        try {
          JsonNode id = c == null ? null : Trees.JSON.readTree(c).get("requestId");
          if (id != null && id.isTextual()) {
            return id.textValue();
          }
        } catch (IOException | RuntimeException ignored) {
          // not JSON: try the next
        }
      }
      return "(none)";
    }

    /** {@link #CONTEXT} characters either side of {@code at}, with ellipses where cut. */
    private static String clip(String s, int at) {
      int from = Math.max(0, at - CONTEXT);
      int to = Math.min(s.length(), at + CONTEXT);
      return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
    }

    String report() {
      StringBuilder s = new StringBuilder();
      s.append(IGNORE_DIGESTS ? "(pack digests ignored) " : "");
      s.append(differing)
          .append(" of ")
          .append(lines + missing)
          .append(" lines differ from the golden decisions (")
          .append(extra)
          .append(" extra, ")
          .append(missing)
          .append(" missing); the first ")
          .append(shown.size())
          .append(':');
      shown.forEach(d -> s.append("\n  ").append(d));
      s.append("\nIf the change is intended, re-record: see src/test/resources/golden/README.md");
      return s.toString();
    }
  }
}
