package dev.creditrules.dist;

import static dev.creditrules.dist.Dist.REQUEST;
import static dev.creditrules.dist.Dist.launcher;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditrules.dist.Dist.Run;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service from the unpacked archive, as its systemd unit starts it: {@code bin/credit-rules
 * serve --config} on the example configuration (its paths moved into a temporary folder, a free
 * port), a token made by {@code credit-rules token}, one decision over HTTP, then SIGTERM, which
 * must end the service with exit code 0 (what systemd counts as a clean stop).
 */
class DistributionServeIT {
  private static final Pattern LISTENING =
      Pattern.compile("credit-rules: listening on http://([^/]+)/");

  @TempDir Path tmp;

  @Test
  void servesTheExampleConfigurationAndStopsCleanlyOnSigterm() throws Exception {
    Path home = Dist.unpack(Files.createDirectories(tmp.resolve("opt")));
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Path var = Files.createDirectories(tmp.resolve("var"));

    Run token =
        launcher(
            home,
            Map.of(),
            "token",
            "--token-file",
            etc.resolve("tokens").toString(),
            "--name",
            "it");
    assertThat(token.exit()).as(token.err()).isZero();
    String bearer = token.out().strip();
    assertThat(bearer).isNotEmpty();
    assertThat(Files.readString(etc.resolve("tokens"))).doesNotContain(bearer);

    Path config = etc.resolve("credit-rules.properties");
    Properties example = DistributionIT.properties(home.resolve("conf/credit-rules.properties"));
    Properties adapted = new Properties();
    for (String key : example.stringPropertyNames()) {
      adapted.setProperty(
          key,
          example
              .getProperty(key)
              .replace("/opt/credit-rules/", home + "/")
              .replace("/etc/credit-rules/", etc + "/")
              .replace("/var/lib/credit-rules/", var + "/"));
    }
    adapted.setProperty("port", "0");
    try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      adapted.store(w, "the example configuration, moved into " + tmp);
    }
    Path decisionLog = Path.of(adapted.getProperty("log"));
    assertThat(decisionLog.startsWith(var)).as("%s is under %s", decisionLog, var).isTrue();

    Run evaluate = launcher(home, Map.of(), "evaluate", "--compact", REQUEST.toString());
    assertThat(evaluate.exit()).as(evaluate.err()).isZero();

    // stdout and stderr to files: the test reads them as they grow, and whole after the exit
    Path stdoutFile = tmp.resolve("serve.out");
    Path stderr = tmp.resolve("serve.err");
    ProcessBuilder pb =
        new ProcessBuilder(
                home.resolve("bin/credit-rules").toString(), "serve", "--config", config.toString())
            .directory(tmp.toFile())
            .redirectOutput(stdoutFile.toFile())
            .redirectError(stderr.toFile());
    Dist.environment(pb, Map.of());
    Process serve = pb.start();
    try {
      // the live directory compiles every pack and runs its cases before the service listens
      String first = firstLine(serve, stdoutFile, Duration.ofMinutes(5));
      assertThat(first).as("serve's first line; stderr: %s", Files.readString(stderr)).isNotNull();
      Matcher m = LISTENING.matcher(first);
      assertThat(m.find()).as(first).isTrue();
      URI base = URI.create("http://" + m.group(1) + "/");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(base.resolve("health/ready")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

      HttpRequest.Builder decide =
          HttpRequest.newBuilder(base.resolve("v1/decisions"))
              .timeout(Duration.ofMinutes(1))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofFile(REQUEST));
      HttpResponse<String> anonymous =
          http.send(decide.copy().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);

      HttpResponse<String> decided =
          http.send(
              decide
                  .header("Authorization", "Bearer " + bearer)
                  .header("X-Request-Id", "dist-it-1")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
      assertThat(decided.headers().firstValue("X-Request-Id")).contains("dist-it-1");
      assertThat(decided.body().strip()).isEqualTo(evaluate.out().strip());

      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as("serve ended after SIGTERM").isTrue();
      assertThat(serve.exitValue()).as("exit code after SIGTERM").isZero();
    } finally {
      serve.destroyForcibly();
    }
    List<String> stdout = Files.readAllLines(stdoutFile);

    // stdout: the startup line, then the access log, one bare JSON line per request
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> access = new ArrayList<>();
    for (String l : stdout.subList(1, stdout.size())) {
      assertThat(l).as("an access-log line").startsWith("{").doesNotContain(bearer);
      access.add(json.readTree(l));
    }
    assertThat(access)
        .anySatisfy(
            a -> {
              assertThat(a.path("requestId").asText()).isEqualTo("dist-it-1");
              assertThat(a.path("method").asText()).isEqualTo("POST");
              assertThat(a.path("route").asText()).isEqualTo("/v1/decisions");
              assertThat(a.path("status").asInt()).isEqualTo(200);
            })
        .anySatisfy(a -> assertThat(a.path("status").asInt()).isEqualTo(401));

    // stderr: the service's logs, each line stamped (but the command's own messages to its user,
    // such as "credit-rules: stopped"); the live directory's packs accepted
    assertThat(Files.readAllLines(stderr))
        .isNotEmpty()
        .allMatch(
            l -> l.matches(Dist.LOG_LINE) || l.startsWith("credit-rules: "),
            "ISO-8601 UTC time, level, logger, message")
        .anyMatch(l -> l.contains(" INFO  dev.creditrules.runtime.LivePacks - "));

    // the decision log of the configuration holds the one decision made
    List<String> records = Files.readAllLines(decisionLog);
    assertThat(records).hasSize(1);
    JsonNode record = json.readTree(records.get(0));
    assertThat(record.path("result").asText()).isEqualTo("DECIDED");
    assertThat(record.path("requestId").asText()).isEqualTo("tax-ex-07");
  }

  /** The first whole line of {@code file}, once the process wrote it; null if it ended first. */
  private static String firstLine(Process p, Path file, Duration timeout)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int eol = text.indexOf('\n');
      if (eol >= 0) {
        return text.substring(0, eol);
      }
      if (!p.isAlive()) {
        return null;
      }
      Thread.sleep(200);
    }
    return null;
  }
}
