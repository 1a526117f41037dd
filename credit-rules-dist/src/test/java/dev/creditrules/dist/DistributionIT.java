package dev.creditrules.dist;

import static dev.creditrules.dist.Dist.CHECKOUT;
import static dev.creditrules.dist.Dist.REQUEST;
import static dev.creditrules.dist.Dist.VERSION;
import static dev.creditrules.dist.Dist.launcher;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.dist.Dist.Run;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive, unpacked with tar into a temporary folder and run through its launcher:
 * what it holds, that it decides as the checkout does, and that the launcher keeps its JVM flags
 * and takes the operator's options and logging configuration.
 */
class DistributionIT {
  @TempDir static Path tmp;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    home = Dist.unpack(tmp);
  }

  @Test
  void theArchiveHoldsTheLauncherTheJarsThePacksAndTheConfiguration() throws IOException {
    assertThat(home.resolve("bin/credit-rules")).isExecutable();
    assertThat(fileNames(home.resolve("lib")))
        .contains("rules-cli-" + VERSION + ".jar", "rules-drl-" + VERSION + ".jar")
        .anyMatch(n -> n.startsWith("logback-classic-"))
        .noneMatch(n -> n.startsWith("slf4j-simple"));
    // the packs as the project keeps them, cases included (a live directory's case gate runs them)
    Path sources = CHECKOUT.resolve("rules-drl/src/main/packs");
    assertThat(files(home.resolve("packs"))).isEqualTo(files(sources)).isNotEmpty();
    for (String f : files(sources)) {
      assertThat(Files.mismatch(sources.resolve(f), home.resolve("packs").resolve(f)))
          .as("packs/%s as in rules-drl/src/main/packs", f)
          .isEqualTo(-1L);
    }
    assertThat(
            Files.mismatch(
                home.resolve("conf/logback.xml"),
                CHECKOUT.resolve("rules-cli/src/main/resources/logback.xml")))
        .as("conf/logback.xml is the command line's own configuration")
        .isEqualTo(-1L);
    assertThat(Files.readString(home.resolve("README")))
        .contains("credit-rules " + VERSION)
        .doesNotContain("${");
  }

  @Test
  void theSystemdUnitRunsTheArchivesLauncherOnItsExampleConfiguration() throws IOException {
    List<String> unit = Files.readAllLines(home.resolve("systemd/credit-rules.service"));
    String exec = value(unit, "ExecStart");
    // installed as /opt/credit-rules (docs/service.md), configuration in /etc/credit-rules
    assertThat(exec).startsWith("/opt/credit-rules/bin/credit-rules serve --config /etc/");
    assertThat(home.resolve(exec.split(" ")[0].substring("/opt/credit-rules/".length())))
        .isExecutable();
    String config = exec.substring(exec.lastIndexOf(' ') + 1);
    assertThat(home.resolve("conf").resolve(Path.of(config).getFileName())).isRegularFile();
    // what the configuration writes, the unit lets the service write (ProtectSystem=strict)
    Properties example = properties(home.resolve("conf/credit-rules.properties"));
    List<String> writable = List.of(value(unit, "ReadWritePaths").split(" "));
    assertThat(writable)
        .contains(Path.of(example.getProperty("log")).getParent().toString())
        .contains(example.getProperty("live"));
    assertThat(example.getProperty("live")).startsWith("/opt/credit-rules/");
    assertThat(home.resolve(example.getProperty("live").substring("/opt/credit-rules/".length())))
        .as("the example's live directory is the archive's packs/")
        .isEqualTo(home.resolve("packs"))
        .isDirectory();
    assertThat(example.getProperty("host")).isEqualTo("127.0.0.1");
  }

  @Test
  void validatesItsPacksWithTheDigestsTheCheckoutHas() throws Exception {
    Run dist = launcher(home, Map.of(), "validate", "packs");
    Run checkout = launcher(CHECKOUT, Map.of(), "validate", "rules-drl/src/main/packs");

    assertThat(dist.exit()).as(dist.err()).isZero();
    assertThat(dist.out()).endsWith("pack versions valid\n").isEqualTo(checkout.out());
    assertThat(dist.err()).isEmpty();
  }

  @Test
  void decidesAWorkedExampleByteForByteAsTheCheckout() throws Exception {
    Run checkout = launcher(CHECKOUT, Map.of(), "evaluate", REQUEST.toString());
    Run dist = launcher(home, Map.of(), "evaluate", REQUEST.toString());
    // the packs folder, compiled at run time, decides as the precompiled packs of the jars
    Run folders = launcher(home, Map.of(), "evaluate", "--packs", "packs", REQUEST.toString());

    assertThat(checkout.exit()).as(checkout.err()).isZero();
    assertThat(checkout.out()).contains("\"requestId\": \"tax-ex-07\"");
    assertThat(dist.out()).isEqualTo(checkout.out());
    assertThat(folders.out()).isEqualTo(checkout.out());
    // one-shot commands stay quiet: nothing on stderr
    assertThat(List.of(checkout.err(), dist.err(), folders.err())).containsOnly("");
  }

  @Test
  void theLaunchersKeepTheirFlagsAndAppendTheOperatorsJavaOptions() throws Exception {
    Map<String, String> opts =
        Map.of(
            "CREDIT_RULES_JAVA_OPTS",
            "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=2 -XshowSettings:properties"
                + " -Dcredit-rules.test=operator");
    for (Path launcher : List.of(home, CHECKOUT)) {
      Run run = launcher(launcher, opts, "evaluate", "--compact", REQUEST.toString());

      assertThat(run.exit()).as(run.err()).isZero();
      String flags = run.out().lines().findFirst().orElseThrow();
      // the script's collector arrives; its -XX:TieredStopAtLevel=1 is overridden by the later 2
      assertThat(flags)
          .as("%s: the JVM's flags", launcher)
          .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=2")
          .doesNotContain("TieredStopAtLevel=1");
      assertThat(run.err()).contains("credit-rules.test = operator");
      assertThat(run.outAfterFlags()).startsWith("{\"requestId\":\"tax-ex-07\"");
    }
    // the archive's launcher configures logging from conf/; the checkout's leaves the jar's
    assertThat(launcher(home, opts, "evaluate", REQUEST.toString()).err())
        .contains("logback.configurationFile = " + home.resolve("conf/logback.xml"));
    assertThat(launcher(CHECKOUT, opts, "evaluate", REQUEST.toString()).err())
        .doesNotContain("logback.configurationFile");
  }

  @Test
  void aBatchKeepsItsTunedCollectorAndTakesTheOperatorsHeap() throws Exception {
    Path jsonl = tmp.resolve("requests.jsonl");
    Files.writeString(jsonl, new ObjectMapper().readTree(REQUEST.toFile()) + "\n");
    Run run =
        launcher(
            home,
            Map.of("CREDIT_RULES_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx512m"),
            "evaluate",
            "--jsonl",
            jsonl.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .contains("-XX:+UseParallelGC", "-XX:-TieredCompilation")
        .contains("-XX:MaxHeapSize=" + 512L * 1024 * 1024);
    assertThat(run.outAfterFlags()).startsWith("{\"requestId\":\"tax-ex-07\"");
  }

  @Test
  void logsWithTheConfigurationTheOperatorNames() throws Exception {
    Path config = tmp.resolve("my-logback.xml");
    Files.writeString(
        config,
        "<configuration>\n"
            + "  <appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <target>System.err</target>\n"
            + "    <encoder><pattern>mine %level %logger: %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"E\"/></root>\n"
            + "</configuration>\n");
    for (Path launcher : List.of(home, CHECKOUT)) {
      Run run =
          launcher(
              launcher,
              Map.of("CREDIT_RULES_LOG_CONFIG", config.toString()),
              "evaluate",
              "--compact",
              REQUEST.toString());

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.err())
          .as("%s with CREDIT_RULES_LOG_CONFIG", launcher)
          .contains("mine INFO dev.creditrules.runtime.PackCompiler: loaded precompiled pack ");
      assertThat(run.out()).startsWith("{\"requestId\":\"tax-ex-07\"");
    }

    Run missing =
        launcher(
            home,
            Map.of("CREDIT_RULES_LOG_CONFIG", tmp.resolve("nowhere.xml").toString()),
            "evaluate",
            REQUEST.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo(
            "credit-rules: CREDIT_RULES_LOG_CONFIG: "
                + tmp.resolve("nowhere.xml")
                + " is not a file\n");
  }

  @Test
  void theShippedConfigurationStampsEveryLineWithItsTimeInUtc() throws Exception {
    Run run =
        launcher(
            home,
            Map.of("CREDIT_RULES_JAVA_OPTS", "-Dcredit-rules.log.level=INFO"),
            "evaluate",
            "--compact",
            REQUEST.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err().lines())
        .isNotEmpty()
        .allMatch(l -> l.matches(Dist.LOG_LINE), "ISO-8601 UTC time, level, logger, message")
        .anyMatch(l -> l.contains(" INFO  dev.creditrules.runtime.PackCompiler - loaded "));
    assertThat(run.out()).startsWith("{\"requestId\":\"tax-ex-07\"");
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static Set<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The value of the one line {@code key=value} of a systemd unit. */
  private static String value(List<String> unit, String key) {
    List<String> values =
        unit.stream()
            .filter(l -> l.startsWith(key + "="))
            .map(l -> l.substring(key.length() + 1))
            .toList();
    assertThat(values).as("%s= lines", key).hasSize(1);
    return values.get(0);
  }

  static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
