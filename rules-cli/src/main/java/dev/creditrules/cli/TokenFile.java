package dev.creditrules.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens of {@code serve --token-file FILE}, hashed at rest: UTF-8 lines {@code <name>
 * sha256:<64 hex>}, blank lines and {@code #} comments allowed. A token matches when the SHA-256 of
 * its UTF-8 bytes equals one hash. The file is read again when its modification time or size
 * changes (looked at most once a second, on a request); a changed file that does not parse is
 * refused with a WARN naming the line, and the tokens read before stay in force. Thread-safe.
 */
final class TokenFile {
  private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern LINE =
      Pattern.compile("(" + NAME.pattern() + ")\\s+sha256:([0-9a-fA-F]{64})");
  private static final long LOOK_EVERY_NANOS = 1_000_000_000L;

  /** One token: who it is for, and the SHA-256 of the token. */
  record Entry(String name, byte[] hash) {}

  private record Snapshot(List<Entry> entries, @Nullable FileTime modified, long size) {}

  private final Path file;
  private volatile Snapshot current;
  private volatile long lookedAt;

  private TokenFile(Path file, Snapshot first) {
    this.file = file;
    this.current = first;
    this.lookedAt = System.nanoTime();
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file, line and reason when it is missing or a line
   *     is not {@code <name> sha256:<64 hex>}
   */
  static TokenFile read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return new TokenFile(file, load(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "--token-file "
              + file
              + ": no such file (credit-rules token --token-file FILE --name NAME"
              + " writes one)");
    } catch (IOException e) {
      throw new IllegalArgumentException("--token-file " + file + ": cannot read it: " + e);
    }
  }

  private static Snapshot load(Path file) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return new Snapshot(parse(file, lines), modified, size);
  }

  static List<Entry> parse(Path file, List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        // the line may be a token pasted by mistake: never quote it
        throw new IllegalArgumentException(
            "--token-file "
                + file
                + " line "
                + (i + 1)
                + ": must be '<name> sha256:<64 hex digits>' (the token's SHA-256, never the"
                + " token itself)");
      }
      entries.add(new Entry(m.group(1), HexFormat.of().parseHex(m.group(2))));
    }
    return List.copyOf(entries);
  }

  /** The name of the token whose hash is in the file, or null when none matches. */
  @Nullable String match(String token) {
    refresh();
    byte[] hash = sha256(token);
    String found = null;
    for (Entry e : current.entries()) {
      // compare with every entry in constant time, whatever matched before
      if (MessageDigest.isEqual(e.hash(), hash) && found == null) {
        found = e.name();
      }
    }
    return found;
  }

  /** How many tokens are in force. */
  int size() {
    refresh();
    return current.entries().size();
  }

  private void refresh() {
    long now = System.nanoTime();
    if (now - lookedAt < LOOK_EVERY_NANOS) {
      return;
    }
    synchronized (this) {
      if (now - lookedAt < LOOK_EVERY_NANOS) {
        return;
      }
      lookedAt = now;
      Snapshot before = current;
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (modified.equals(before.modified()) && size == before.size()) {
          return;
        }
        current = load(file);
        LOG.info("token file {} read again: {} tokens", file, current.entries().size());
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn(
            "token file {} changed but was not read ({}); the {} tokens read before stay in force",
            file,
            e instanceof IllegalArgumentException ? e.getMessage() : e.toString(),
            before.entries().size());
        // do not look again until it changes once more
        current = new Snapshot(before.entries(), modifiedOrNull(), sizeOrMinus());
      }
    }
  }

  private @Nullable FileTime modifiedOrNull() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  private long sizeOrMinus() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
