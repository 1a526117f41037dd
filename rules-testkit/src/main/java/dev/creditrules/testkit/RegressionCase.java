package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One regression case.
 *
 * @param file the YAML file it comes from
 * @param name a sentence saying what must hold
 * @param description where it comes from (a reference example id, a boundary)
 * @param request the request as JSON, {@code asOf} override applied
 * @param expect the {@code expect} block
 */
public record RegressionCase(
    Path file, String name, String description, JsonNode request, JsonNode expect) {
  public RegressionCase {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(expect, "expect");
  }

  /** The pack folder the case belongs to, as {@code id@version}, or the file's folder. */
  public String pack() {
    Path casesDir = file.getParent();
    if (casesDir != null && casesDir.getFileName().toString().equals("cases")) {
      Path version = casesDir.getParent();
      Path id = version == null ? null : version.getParent();
      if (id != null) {
        return id.getFileName() + "@" + version.getFileName();
      }
    }
    return String.valueOf(casesDir);
  }
}
