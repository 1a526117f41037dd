package dev.creditrules.runtime;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of one pack version folder as read from disk or the classpath: relative path (with
 * {@code /}) to content, sorted by path. Regression cases ({@code cases/}) are never part of it.
 * What the version takes effect with, its digest included, is its {@link PackVersion}: the folder
 * resolved against the version it inherits from.
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
   * True for a spreadsheet decision table at the top of a version folder ({@code .csv}, {@code
   * .xlsx}); the grade table ({@value PackVersion#GRADE_TABLE}) is not one.
   */
  static boolean isDecisionTable(String path) {
    return !path.contains("/")
        && !path.equals(PackVersion.GRADE_TABLE)
        && (path.endsWith(".csv") || path.endsWith(".xlsx"));
  }
}
