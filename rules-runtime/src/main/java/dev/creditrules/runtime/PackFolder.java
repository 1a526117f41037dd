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

  /**
   * The rule files in path order, as DRL: {@code .drl} files as they are, spreadsheet decision
   * tables ({@code .csv}, {@code .xlsx}) converted to DRL by Drools, under their own file name.
   *
   * @throws IllegalArgumentException naming the file when a decision table cannot be converted
   */
  Map<String, String> drlFiles() {
    SortedMap<String, String> drl = new TreeMap<>();
    files.forEach(
        (path, bytes) -> {
          if (path.endsWith(".drl")) {
            drl.put(path, new String(bytes, StandardCharsets.UTF_8));
          } else if (isDecisionTable(path)) {
            drl.put(path, DecisionTables.toDrl(path, bytes));
          }
        });
    return drl;
  }

  static boolean isDecisionTable(String path) {
    return !path.contains("/") && (path.endsWith(".csv") || path.endsWith(".xlsx"));
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
