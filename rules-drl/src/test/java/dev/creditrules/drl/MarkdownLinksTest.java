package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "README and docs link to ../shared/..., which is not in the repository": every Markdown
 * file of the repository (README, docs, the packs' README and CHANGES, test resources) links only
 * to files inside the repository that exist, or to web addresses, and names no path outside it.
 */
class MarkdownLinksTest {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** A Markdown link or image target: {@code [text](target)} or {@code [text](target "title")}. */
  static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /**
   * The project's shared documents, outside the repository, written as a path in a code span or
   * not.
   */
  static final Pattern OUTSIDE = Pattern.compile("(^|[\\s`(\"'])(\\.\\./shared/|/work/)");

  @Test
  void noMarkdownFileLinksOutsideTheRepository() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path md : markdownFiles()) {
      List<String> lines = Files.readAllLines(md);
      for (int i = 0; i < lines.size(); i++) {
        String where = REPO.relativize(md) + ":" + (i + 1) + ": ";
        String line = lines.get(i);
        if (OUTSIDE.matcher(line).find()) {
          problems.add(where + "names a path outside the repository: " + line.strip());
        }
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
            continue; // a web address, mailto:, or an anchor of the same page
          }
          String path = target.replaceFirst("#.*$", "");
          Path resolved = md.getParent().resolve(path).normalize();
          if (path.startsWith("/") || !resolved.startsWith(REPO)) {
            problems.add(where + "links outside the repository: " + target);
          } else if (!Files.exists(resolved)) {
            problems.add(where + "links to a file that does not exist: " + target);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> files = Files.walk(REPO)) {
      return files
          .filter(p -> p.toString().endsWith(".md"))
          .filter(
              p -> {
                String rel = REPO.relativize(p).toString().replace('\\', '/');
                return !rel.startsWith(".git/")
                    && !rel.contains("/target/")
                    && !rel.contains("node_modules/");
              })
          .sorted()
          .toList();
    }
  }
}
