package dev.creditrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.testkit.Cases;
import dev.creditrules.testkit.RegressionCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The workbench page of {@code credit-rules serve} ({@code GET /workbench}) and the worked examples
 * it offers ({@code GET /v1/examples}). The page is one HTML file with its own CSS and script
 * ({@code workbench.html}); everything it shows comes from the service's JSON endpoints.
 */
final class Workbench {
  /**
   * The page's Content-Security-Policy: its own inline style and script, requests to this service
   * only, nothing loaded from anywhere else.
   */
  static final String POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self';"
          + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> sources;

  /**
   * A workbench offering the worked examples under {@code sources}: the regression cases of the
   * pack folders under each (as {@code test} finds them), and the request files ({@code *.json})
   * directly inside each.
   */
  Workbench(List<Path> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The page. */
  static byte[] page() {
    return HttpService.resource(Workbench.class, "workbench.html");
  }

  /**
   * {@code {"examples":[{"name","pack","source","request"}…],"problems":[…]}}: the request files
   * first, then the cases in path order. {@code source} is relative to its folder (the server's own
   * paths are not shown); a folder or case file that cannot be read is a problem, and the others
   * are still listed. Read again on every call, so a live directory's edited cases show.
   */
  ObjectNode examples() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("examples");
    ArrayNode problems = root.putArray("problems");
    for (Path dir : sources) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          try {
            add(
                list,
                f.getFileName().toString(),
                null,
                f.getFileName().toString(),
                JSON.readTree(f.toFile()));
          } catch (IOException e) {
            problems.add(f.getFileName() + ": cannot be read as JSON");
          }
        }
      } catch (IOException | UncheckedIOException e) {
        problems.add("cannot list the examples folder " + dir.getFileName());
        continue;
      }
      try {
        for (RegressionCase c : new Cases().load(dir, Set.of())) {
          add(list, c.name(), c.pack(), dir.relativize(c.file()).toString(), c.request());
        }
      } catch (IllegalArgumentException | UncheckedIOException e) {
        problems.add(
            "cases under "
                + dir.getFileName()
                + " not offered: "
                + Objects.requireNonNullElse(e.getMessage(), e.toString())
                    .replace(dir.toString(), ""));
      }
    }
    return root;
  }

  private static void add(
      ArrayNode list, String name, @Nullable String pack, String source, JsonNode request) {
    Objects.requireNonNull(request, "request");
    ObjectNode x = list.addObject();
    x.put("name", name);
    x.put("pack", pack);
    x.put("source", source);
    x.set("request", request);
  }
}
