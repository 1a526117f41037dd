package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.CLIENT;
import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.engine;
import static dev.creditrules.cli.ServeCommandTest.expected;
import static dev.creditrules.cli.ServeCommandTest.request;
import static dev.creditrules.cli.ServeCommandTest.settings;
import static dev.creditrules.cli.ServeCommandTest.uri;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens: {@code credit-rules token} writes them, {@code serve --token-file} checks them
 * (401 without, 403 unknown, open routes open, a changed file read again), and serve refuses to
 * start with neither a token file nor {@code --no-auth}. Real Jetty on a loopback port.
 */
class ServiceAuthTest {
  private final List<HttpService> started = new ArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void stopAll() {
    started.forEach(HttpService::stop);
  }

  /** A new token for {@code name} in {@code file}, through the command. */
  static String token(Path file, String name) {
    MainTest.Run r = MainTest.run("", "token", "--token-file", file.toString(), "--name", name);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }

  HttpService serve(Path tokens) throws Exception {
    HttpService s =
        new HttpService(
                engine(), null, settings(1 << 20, 1 << 20).withTokens(TokenFile.read(tokens)))
            .start();
    started.add(s);
    return s;
  }

  static HttpResponse<String> call(
      HttpService s, String method, String path, @Nullable String authorization, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(s, path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static void assertAuthError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = MAPPER.readTree(r.body()).at("/errors/0");
    assertThat(error.get("pointer").asText()).isEqualTo("/headers/authorization");
    assertThat(error.get("value").isNull()).isTrue();
    assertThat(error.get("reason").asText()).isNotBlank();
  }

  @Test
  void theTokenCommandPrintsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
    Path file = tmp.resolve("tokens");
    String ci = token(file, "ci");
    String ops = token(file, "ops@example");
    assertThat(ci).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, Base64url without padding
    assertThat(ops).isNotEqualTo(ci);
    String text = Files.readString(file);
    assertThat(text).doesNotContain(ci, ops);
    assertThat(text.lines().toList())
        .hasSize(2)
        .allMatch(l -> l.matches("(ci|ops@example) sha256:[0-9a-f]{64}"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    MainTest.Run again = MainTest.run("", "token", "--token-file", file.toString(), "--name", "ci");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already has a token named 'ci'");
    MainTest.Run bad = MainTest.run("", "token", "--token-file", file.toString(), "--name", "a b");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--name must be", "'a b'");
    assertThat(Files.readString(file)).isEqualTo(text);
  }

  @Test
  void aRefusalBeforeTheBodyClosesItsConnectionSoTheNextCallOnTheClientSucceeds() throws Exception {
    Path file = tmp.resolve("tokens");
    String token = token(file, "ci");
    HttpService s = serve(file);
    String text = request("tax-ex-01.json");
    // one client, one pooled connection: a 401 answered before its body was read must not leave
    // a connection the server closes under the next request (DistributionServeIT once saw
    // "header parser received no bytes")
    HttpClient one = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 50; i++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri(s, HttpService.DECISIONS))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
      HttpResponse<String> refused =
          one.send(b.copy().build(), HttpResponse.BodyHandlers.ofString());
      assertAuthError(refused, 401);
      assertThat(refused.headers().firstValue("Connection")).contains("close");
      HttpResponse<String> decided =
          one.send(
              b.header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    }
  }

  @Test
  void aCallerNeedsAKnownTokenExceptOnTheOpenRoutes() throws Exception {
    Path file = tmp.resolve("tokens");
    String token = token(file, "ci");
    HttpService s = serve(file);
    String text = request("tax-ex-01.json");

    HttpResponse<String> none = call(s, "POST", HttpService.DECISIONS, null, text);
    assertAuthError(none, 401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    HttpResponse<String> basic = call(s, "POST", HttpService.DECISIONS, "Basic Y2k6eA==", text);
    assertAuthError(basic, 401);
    String wrong = token.substring(1) + "x";
    HttpResponse<String> unknown = call(s, "POST", HttpService.DECISIONS, "Bearer " + wrong, text);
    assertAuthError(unknown, 403);
    assertThat(unknown.body()).doesNotContain(wrong);

    HttpResponse<String> ok = call(s, "POST", HttpService.DECISIONS, "Bearer " + token, text);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(expected(text));
    // the scheme is case-insensitive
    assertThat(call(s, "POST", HttpService.DECISIONS, "bearer " + token, text).statusCode())
        .isEqualTo(200);

    for (String closed :
        List.of(
            HttpService.PACKS,
            HttpService.METRICS,
            HttpService.WORKBENCH,
            HttpService.EXAMPLES,
            "/v1/nothing")) {
      assertAuthError(call(s, "GET", closed, null, ""), 401);
      assertThat(call(s, "GET", closed, "Bearer " + token, "").statusCode())
          .as(closed)
          .isIn(200, 404);
    }
    for (String open :
        List.of(
            HttpService.HEALTH,
            HttpService.LIVE,
            HttpService.READY,
            HttpService.OPENAPI,
            HttpService.REQUEST_SCHEMA,
            HttpService.DECISION_SCHEMA,
            HttpService.TIMELINE_SCHEMA)) {
      assertThat(call(s, "GET", open, null, "").statusCode()).as(open).isEqualTo(200);
    }
  }

  @Test
  void aTokenAddedToTheFileIsAcceptedWithoutARestartAndABrokenFileKeepsTheOldTokens()
      throws Exception {
    Path file = tmp.resolve("tokens");
    String first = token(file, "first");
    HttpService s = serve(file);
    String second = token(file, "second");
    boolean accepted = false;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!accepted && System.nanoTime() < until) {
      accepted = call(s, "GET", HttpService.PACKS, "Bearer " + second, "").statusCode() == 200;
      if (!accepted) {
        Thread.sleep(200);
      }
    }
    assertThat(accepted).as("the second token accepted after the file changed").isTrue();

    // a broken line (a token pasted by mistake) is refused: the tokens read before stay
    Files.writeString(file, Files.readString(file) + first + "\n");
    Thread.sleep(1500); // past the once-a-second look at the file
    assertThat(call(s, "GET", HttpService.PACKS, "Bearer " + first, "").statusCode())
        .isEqualTo(200);
    assertThat(call(s, "GET", HttpService.PACKS, "Bearer " + second, "").statusCode())
        .isEqualTo(200);
  }

  @Test
  void serveRefusesToStartWithoutTokensOrNoAuthAndNamesBadTokenFiles() throws Exception {
    MainTest.Run neither = MainTest.run("", "serve", "--port", "0");
    assertThat(neither.code()).isEqualTo(1);
    assertThat(neither.err()).contains("serve needs --token-file FILE", "--no-auth");

    MainTest.Run missing =
        MainTest.run("", "serve", "--port", "0", "--token-file", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("--token-file", "no such file");

    Path pasted = tmp.resolve("pasted");
    Files.writeString(pasted, "# tokens\n\nci sha256:" + "ab".repeat(32) + "\nraw-token-here\n");
    MainTest.Run broken =
        MainTest.run("", "serve", "--port", "0", "--token-file", pasted.toString());
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.err()).contains("line 4", "sha256").doesNotContain("raw-token-here");

    MainTest.Run both =
        MainTest.run("", "serve", "--port", "0", "--no-auth", "--token-file", pasted.toString());
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("--token-file and --no-auth cannot be used together");
  }

  @Test
  void aConfigFileWithAnUnknownKeyIsRefusedByName() throws Exception {
    Path config = tmp.resolve("serve.properties");
    Files.writeString(config, "no-auth=true\nprot=8080\n");
    MainTest.Run r = MainTest.run("", "serve", "--config", config.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("unknown key 'prot'", "port");
    MainTest.Run none =
        MainTest.run("", "serve", "--config", tmp.resolve("no.properties").toString());
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("--config", "no such file");
  }
}
