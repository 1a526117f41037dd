package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes a {@link Coverage} as JSON (for tools) and as a self-contained HTML page (for people). */
public final class CoverageReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CoverageReport() {}

  /** The coverage as a JSON document. */
  public static String json(Coverage coverage) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(coverage));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The coverage as a JSON tree: what {@link #json} writes. */
  public static ObjectNode tree(Coverage coverage) {
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
      p.firedBy()
          .forEach(
              (rule, cases) -> {
                ObjectNode r = rules.putObject(rule);
                r.put("source", p.sources().getOrDefault(rule, ""));
                cases.forEach(r.putArray("cases")::add);
              });
      p.neverFired().forEach(n.putArray("neverFired")::add);
      p.unexpectedMeasures().stream().sorted().forEach(n.putArray("measuresNoCaseExpects")::add);
      p.unreachedMeasures().stream().sorted().forEach(n.putArray("measuresNoCaseReaches")::add);
      ObjectNode repairs = n.putObject("repairs");
      p.repairs()
          .forEach(
              (rule, branches) -> {
                ObjectNode b = repairs.putObject(rule);
                branches.forEach((branch, cases) -> cases.forEach(b.putArray(branch)::add));
              });
      p.unreachedBranches().forEach(n.putArray("repairBranchesNoCaseReaches")::add);
    }
    return root;
  }

  /** The coverage as one HTML page, without links to the rules' sources. */
  public static String html(Coverage coverage) {
    return html(coverage, null);
  }

  /**
   * The coverage as one HTML page with a table per pack version: each rule with a link to the line
   * (or table row) that writes it under {@code packs} (the pack directory; null: no links), and the
   * cases that fire it.
   */
  public static String html(Coverage coverage, @Nullable Path packs) {
    StringBuilder b = new StringBuilder();
    b.append("<p>")
        .append(coverage.cases())
        .append(" cases, ")
        .append(coverage.failed())
        .append(" failed. Rules fired at least once: <b>")
        .append(format(coverage.percent()))
        .append(
            " %</b>.</p>\n<table><tr><th>pack</th><th>rules</th><th>fired</th><th>coverage</th>"
                + "<th>measures no case reaches</th><th>measures no case expects</th>"
                + "<th>repair branches no case reaches</th></tr>\n");
    for (Coverage.PackCoverage p : coverage.packs()) {
      b.append("<tr><td><a href=\"#")
          .append(Html.escape(p.pack()))
          .append("\">")
          .append(Html.escape(p.pack()))
          .append("</a></td><td class=\"num\">")
          .append(p.firedBy().size())
          .append("</td><td class=\"num\">")
          .append(p.firedBy().size() - p.neverFired().size())
          .append("</td><td class=\"num\">")
          .append(format(p.percent()))
          .append(" %</td><td>")
          .append(Html.escape(String.join(", ", p.unreachedMeasures().stream().sorted().toList())))
          .append("</td><td>")
          .append(Html.escape(String.join(", ", p.unexpectedMeasures().stream().sorted().toList())))
          .append("</td><td>")
          .append(Html.escape(String.join(", ", p.unreachedBranches())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    for (Coverage.PackCoverage p : coverage.packs()) {
      int max = p.firings().values().stream().mapToInt(Integer::intValue).max().orElse(0);
      b.append("<h2 id=\"")
          .append(Html.escape(p.pack()))
          .append("\">")
          .append(Html.escape(p.pack()))
          .append(
              "</h2>\n<table><tr><th>rule</th><th>written at</th><th>cases</th><th></th>"
                  + "<th>cases that fire it</th></tr>\n");
      p.firedBy()
          .forEach(
              (rule, cases) -> {
                String source = p.sources().getOrDefault(rule, "");
                b.append("<tr><td><code>")
                    .append(Html.escape(rule))
                    .append("</code></td><td>")
                    .append(link(packs, p.pack(), source))
                    .append("</td><td class=\"num")
                    .append(cases.isEmpty() ? " zero" : "")
                    .append("\">")
                    .append(cases.size())
                    .append("</td><td>")
                    .append(Html.bar(cases.size(), max))
                    .append("</td><td>")
                    .append(list(cases))
                    .append("</td></tr>\n");
              });
      b.append("</table>\n");
      if (!p.repairs().isEmpty()) {
        b.append(
            "<table><tr><th>repair rule</th><th>branch</th><th>cases that reach it</th></tr>\n");
        p.repairs()
            .forEach(
                (rule, branches) ->
                    branches.forEach(
                        (branch, cases) ->
                            b.append("<tr><td><code>")
                                .append(Html.escape(rule))
                                .append("</code></td><td")
                                .append(cases.isEmpty() ? " class=\"zero\"" : "")
                                .append(">")
                                .append(Html.escape(branch))
                                .append("</td><td>")
                                .append(cases.isEmpty() ? "none" : list(cases))
                                .append("</td></tr>\n")));
        b.append("</table>\n");
      }
    }
    return Html.page("credit-rules rule coverage", b.toString());
  }

  /** {@code general.drl:12} as a link to the file under the pack directory, or as text. */
  private static String link(@Nullable Path packs, String pack, String source) {
    if (packs == null || source.isEmpty()) {
      return Html.escape(source);
    }
    int colon = source.lastIndexOf(':');
    String file = colon < 0 ? source : source.substring(0, colon);
    String line = colon < 0 ? "" : source.substring(colon + 1);
    Path target =
        packs
            .toAbsolutePath()
            .resolve(pack.substring(0, pack.indexOf('@')))
            .resolve(pack.substring(pack.indexOf('@') + 1))
            .resolve(file)
            .normalize();
    return "<a href=\""
        + Html.escape(target.toUri() + (line.isEmpty() ? "" : "#L" + line))
        + "\">"
        + Html.escape(source)
        + "</a>";
  }

  private static String list(List<String> cases) {
    StringBuilder b = new StringBuilder();
    for (String c : cases) {
      b.append(b.length() == 0 ? "" : "<br>").append(Html.escape(c));
    }
    return b.toString();
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
