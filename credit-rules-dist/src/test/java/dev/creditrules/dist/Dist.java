package dev.creditrules.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The archive this module built, the checkout it was built from, and the launchers of both, run as
 * an operator runs them: real processes, real files.
 */
final class Dist {
  /** The repository's root: its bin/credit-rules, rules-cli/target, packs and example requests. */
  static final Path CHECKOUT = Path.of(property("checkout")).toAbsolutePath().normalize();

  static final Path ARCHIVE = Path.of(property("dist.archive"));
  static final String VERSION = property("dist.version");

  /** A worked example: an organisation's request (its log record keeps the request). */
  static final Path REQUEST = CHECKOUT.resolve("examples/requests/tax-ex-07.json");

  /** A line the shipped logback.xml writes on stderr: ISO-8601 UTC time, level, logger, message. */
  static final String LOG_LINE =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) [\\w.$-]+ - .*";

  private Dist() {}

  private static String property(String name) {
    return Objects.requireNonNull(
        System.getProperty(name),
        name + " is not set: run through Maven (mvn verify -pl credit-rules-dist -am)");
  }

  /** Unpacks the archive into {@code dir} with tar, as an operator does; returns its top folder. */
  static Path unpack(Path dir) throws IOException, InterruptedException {
    Run tar = run(dir, Map.of(), List.of("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString()));
    assertThat(tar.exit()).as("tar -xzf %s: %s", ARCHIVE, tar.err()).isZero();
    Path home = dir.resolve("credit-rules-" + VERSION);
    assertThat(home).as("the archive's top folder").isDirectory();
    return home;
  }

  /** The exit code, stdout and stderr of a command that ran to its end. */
  record Run(int exit, String out, String err) {
    /** stdout without the lines the JVM's -XX:+PrintCommandLineFlags printed before it. */
    String outAfterFlags() {
      return out.startsWith("-XX:") ? out.substring(out.indexOf('\n') + 1) : out;
    }
  }

  /** Runs bin/credit-rules of {@code home} (the archive or the checkout) with {@code args}. */
  static Run launcher(Path home, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/credit-rules").toString());
    command.addAll(List.of(args));
    return run(home, env, command);
  }

  /**
   * Runs {@code command} in {@code dir}. The launcher's variables are taken out of the inherited
   * environment, then {@code env} is added.
   */
  static Run run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      environment(pb, env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not end within 5 minutes");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static void environment(ProcessBuilder pb, Map<String, String> env) {
    pb.environment().remove("CREDIT_RULES_JAVA_OPTS");
    pb.environment().remove("CREDIT_RULES_LOG_CONFIG");
    // the JDK running these tests runs the launchers too
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
  }
}
