package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Coverage} as JSON (for tools) and as a self-contained HTML page (for people). */
public final class CoverageReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CoverageReport() {}

  /** The coverage as a JSON document. */
  public static String json(Coverage coverage) {
    ObjectNode root = JSON.createObjectNode();
    root.put("cases", coverage.cases());
    root.put("failed", coverage.failed());
    root.put("percent", round(coverage.percent()));
    ArrayNode packs = root.putArray("packs");
    for (Coverage.PackCoverage p : coverage.packs()) {
      ObjectNode n = packs.addObject();
      n.put("pack", p.pack());
      n.put("percent", round(p.percent()));
      ObjectNode rules = n.putObject("rules");
      p.firings().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> rules.put(e.getKey(), e.getValue()));
      ArrayNode never = n.putArray("neverFired");
      p.neverFired().forEach(never::add);
      ArrayNode unexpected = n.putArray("measuresNoCaseExpects");
      p.unexpectedMeasures().stream().sorted().forEach(unexpected::add);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The coverage as one HTML page with a table and a bar per rule. */
  public static String html(Coverage coverage) {
    StringBuilder b = new StringBuilder();
    b.append("<p>")
        .append(coverage.cases())
        .append(" cases, ")
        .append(coverage.failed())
        .append(" failed. Rules fired at least once: <b>")
        .append(format(coverage.percent()))
        .append(" %</b>.</p>\n<table><tr><th>pack</th><th>rules</th><th>fired</th><th>coverage</th>"
            + "<th>measures no case expects</th></tr>\n");
    for (Coverage.PackCoverage p : coverage.packs()) {
      b.append("<tr><td><a href=\"#").append(Html.escape(p.pack())).append("\">")
          .append(Html.escape(p.pack())).append("</a></td><td class=\"num\">")
          .append(p.firings().size()).append("</td><td class=\"num\">")
          .append(p.firings().size() - p.neverFired().size()).append("</td><td class=\"num\">")
          .append(format(p.percent())).append(" %</td><td>")
          .append(Html.escape(String.join(", ", p.unexpectedMeasures().stream().sorted().toList())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    for (Coverage.PackCoverage p : coverage.packs()) {
      int max = p.firings().values().stream().mapToInt(Integer::intValue).max().orElse(0);
      b.append("<h2 id=\"").append(Html.escape(p.pack())).append("\">").append(Html.escape(p.pack()))
          .append("</h2>\n<table><tr><th>rule</th><th>firings</th><th></th></tr>\n");
      p.firings().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b
          .append("<tr><td><code>").append(Html.escape(e.getKey())).append("</code></td><td class=\"num")
          .append(e.getValue() == 0 ? " zero" : "").append("\">").append(e.getValue())
          .append("</td><td>").append(Html.bar(e.getValue(), max)).append("</td></tr>\n"));
      b.append("</table>\n");
    }
    return Html.page("credit-rules rule coverage", b.toString());
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
