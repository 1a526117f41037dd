package dev.creditrules.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a run as a Markdown page in {@code target/figures/<name>.md}: a title, how and
 * where it ran, then the tables. Written before a test's assertions, so a failing run still leaves
 * its figures.
 */
final class Figures {
  private final String name;
  private final List<String> lines = new ArrayList<>();

  Figures(String name, String title) {
    this.name = name;
    lines.add("# " + title);
    lines.add("");
    lines.add(
        "Measured "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " processors, Java "
            + System.getProperty("java.version")
            + "; load average at the start: "
            + loadAverage()
            + ".");
    lines.add("");
  }

  Figures line(String text) {
    lines.add(text);
    return this;
  }

  Figures service(Service s) {
    lines.add("Service: `" + s.commandLine() + "`");
    lines.add("");
    return this;
  }

  /** Writes the page (again, with everything added so far). */
  Path write() {
    List<String> out = new ArrayList<>(lines);
    out.add("");
    out.add("Load average at the end: " + loadAverage() + ".");
    Path dir = Path.of(System.getProperty("figures.dir", "target/figures"));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".md");
      Files.write(file, out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static int intProperty(String name, int fallback) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + name + " must be a whole number but was '" + v + "'", e);
    }
  }

  static double doubleProperty(String name, double fallback) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be a number but was '" + v + "'", e);
    }
  }
}
