package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.compact;
import static dev.creditrules.cli.ServeCommandTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credit-rules serve} as its own JVM, as a service manager runs it: options from {@code
 * --config FILE} (the command line wins), SIGTERM ({@link Process#destroy()}) while a JSON Lines
 * request is in flight: the request completes, and the process exits 0. The access log goes through
 * the real logger.
 */
class ServeProcessTest {
  private static final Pattern LISTENING =
      Pattern.compile(
          "credit-rules: listening on http://127\\.0\\.0\\.1:(\\d+)/ with (\\d+) threads");

  static String read(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  @Test
  void sigtermLetsTheRequestInFlightFinishAndExitsZero(@TempDir Path tmp) throws Exception {
    Path config = tmp.resolve("credit-rules.properties");
    Files.writeString(
        config, "# as an operator writes it\nport=0\nno-auth=true\nthreads=1\ngrace=60s\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.creditrules.cli.Main",
                "serve",
                "--config",
                config.toString(),
                "--threads",
                "2")
            .redirectOutput(tmp.resolve("stdout").toFile())
            .redirectError(tmp.resolve("stderr").toFile())
            .start();
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    try {
      Matcher listening = null;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (listening == null && p.isAlive() && System.nanoTime() < until) {
        Matcher m = LISTENING.matcher(read(out));
        if (m.find()) {
          listening = m;
        } else {
          Thread.sleep(100);
        }
      }
      assertThat(listening).as("startup line; stderr: " + read(err)).isNotNull();
      assertThat(listening.group(2)).isEqualTo("2"); // the command line won over the file
      int port = Integer.parseInt(listening.group(1));

      // a batch whose answer (about 23 MB) cannot fit in the socket buffers: it stays in flight
      // until this test reads it
      int n = 5000;
      String line = compact(request("tax-ex-01.json"));
      HttpClient client = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<InputStream>> sent =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/decisions"))
                  .header("Content-Type", "application/x-ndjson")
                  .header("X-Request-Id", "sigterm-test")
                  .POST(HttpRequest.BodyPublishers.ofString((line + "\n").repeat(n)))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<InputStream> r = sent.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      BufferedReader body =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      String first = body.readLine();
      assertThat(first).isNotNull();

      p.destroy(); // SIGTERM

      int lines = 1;
      String last = first;
      for (String l = body.readLine(); l != null; l = body.readLine()) {
        lines++;
        last = l;
      }
      assertThat(lines).isEqualTo(n);
      JsonNode decision = MAPPER.readTree(last);
      assertThat(decision.get("requestId").asText()).isEqualTo("tax-ex-01");
      assertThat(decision.has("errors")).isFalse();

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
      assertThat(p.exitValue()).as(read(err)).isZero();
      assertThat(read(err)).contains("credit-rules: shutting down", "credit-rules: stopped");
      // the access line of the batch, through the logger (stderr with slf4j-simple, stdout with
      // the distribution's Logback configuration)
      String logged = read(out) + "\n" + read(err);
      assertThat(logged)
          .containsPattern(
              "\\{\"time\":\"[^\"]+Z\",\"requestId\":\"sigterm-test\",\"method\":\"POST\","
                  + "\"route\":\"/v1/decisions\",\"status\":200,");
      assertThat(logged).doesNotContain("91110108MA01TAX03C");
    } finally {
      p.destroyForcibly();
    }
  }
}
