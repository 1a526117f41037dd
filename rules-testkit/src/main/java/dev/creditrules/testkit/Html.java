package dev.creditrules.testkit;

/**
 * Small helpers for the self-contained HTML pages (no external assets): the testkit's reports and
 * the command line's repair guide.
 */
public final class Html {
  private Html() {}

  static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
          + "text-align:left;vertical-align:top}th{background:#f3f3f3}.bar{background:#4a7;height:12px}"
          + ".zero{color:#b00;font-weight:bold}.num{text-align:right}.bad{background:#fdd}"
          + ".good{background:#dfd}code{font-family:ui-monospace,monospace}";

  /** {@code s} as HTML text or attribute value: {@code < > & " '} escaped. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body><h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</body></html>\n";
  }

  /** A horizontal bar {@code value / max} of at most 300 px. */
  static String bar(int value, int max) {
    int width = max == 0 ? 0 : (int) Math.round(300.0 * value / max);
    return "<div class=\"bar\" style=\"width:" + width + "px\"></div>";
  }
}
