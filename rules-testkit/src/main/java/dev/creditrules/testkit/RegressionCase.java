package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One regression case.
 *
 * @param file the YAML file it comes from
 * @param line the line where the case starts in {@code file} (1-based; 0 when unknown)
 * @param name a sentence saying what must hold
 * @param description where it comes from (a reference example id, a boundary)
 * @param request the request as JSON, {@code asOf} override applied
 * @param expect the {@code expect} block
 */
public record RegressionCase(
    Path file, int line, String name, String description, JsonNode request, JsonNode expect) {
  public RegressionCase {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(expect, "expect");
  }

  /** A case whose line is unknown. */
  public RegressionCase(
      Path file, String name, String description, JsonNode request, JsonNode expect) {
    this(file, 0, name, description, request, expect);
  }

  /** The pack folder the case belongs to, as {@code id@version}, or the file's folder. */
  public String pack() {
    return packOf(file);
  }

  /** {@code file:line}, as the run's list of failures names the case. */
  public String where() {
    return file + (line > 0 ? ":" + line : "");
  }

  /** The pack folder of a case file ({@code <id>/<version>/cases/<file>}): {@code id@version}. */
  static String packOf(Path file) {
    Path casesDir = file.getParent();
    if (casesDir != null && casesDir.getFileName().toString().equals("cases")) {
      Path version = casesDir.getParent();
      Path id = version == null ? null : version.getParent();
      if (version != null && id != null) {
        return id.getFileName() + "@" + version.getFileName();
      }
    }
    return String.valueOf(casesDir);
  }
}
