package dev.creditrules.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one pack version as read from disk or the classpath: relative path (with {@code /})
 * to content, sorted by path. Regression cases ({@code cases/}) are never part of it.
 *
 * @param origin where it was read from, for messages
 */
record PackFolder(String id, String version, String origin, SortedMap<String, byte[]> files) {

  PackFolder {
    files = new TreeMap<>(files);
  }

  String key() {
    return id + "@" + version;
  }

  String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** The DRL files in path order. */
  Map<String, String> drlFiles() {
    SortedMap<String, String> drl = new TreeMap<>();
    files.forEach(
        (path, bytes) -> {
          if (path.endsWith(".drl")) {
            drl.put(path, new String(bytes, StandardCharsets.UTF_8));
          }
        });
    return drl;
  }

  /**
   * {@code sha256:} and the hex SHA-256 of the pack's files concatenated in path order (paths
   * compared by code point), as the contract's {@code digest} prescribes.
   */
  String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.values().forEach(sha::update);
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
