package dev.creditrules.drl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the BOM a service imports manages every library module of the build, at the build's
 * version, and nothing that is not shipped (examples, benchmarks: never installed).
 */
class BomTest {
  static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern MANAGED =
      Pattern.compile("<artifactId>([^<]+)</artifactId><version>\\$\\{project.version}</version>");

  @Test
  void theBomManagesEveryShippedModuleAndNothingElse() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    List<String> shipped = new ArrayList<>();
    Matcher m = MODULE.matcher(parent);
    while (m.find()) {
      String pom = Files.readString(ROOT.resolve(m.group(1)).resolve("pom.xml"));
      if (!m.group(1).equals("credit-rules-bom")
          && !pom.contains("<maven.install.skip>true</maven.install.skip>")) {
        shipped.add(m.group(1));
      }
    }
    String bom = Files.readString(ROOT.resolve("credit-rules-bom/pom.xml"));
    List<String> managed = new ArrayList<>();
    Matcher b = MANAGED.matcher(bom);
    while (b.find()) {
      managed.add(b.group(1));
    }
    assertThat(shipped)
        .contains("rules-api", "rules-runtime", "rules-drl")
        .doesNotContain("examples", "rules-benchmarks");
    assertThat(managed).containsExactlyInAnyOrderElementsOf(shipped);
    assertThat(bom).doesNotContain("<parent>");
    String version = version(parent);
    assertThat(version(bom.substring(bom.indexOf("<artifactId>credit-rules-bom</artifactId>"))))
        .isEqualTo(version);
  }

  private static String version(String pom) {
    Matcher v = Pattern.compile("<version>([^<$]+)</version>").matcher(pom);
    assertThat(v.find()).isTrue();
    return v.group(1);
  }
}
