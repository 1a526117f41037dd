package dev.creditrules.cli;

import static dev.creditrules.cli.MainTest.REQUESTS;
import static dev.creditrules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.audit.PostgresServer;
import dev.creditrules.audit.PostgresSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision log from the command line: {@code evaluate --log}/{@code --log-postgres} failing
 * closed, the named unsafe mode, and PostgreSQL (a real server: {@link PostgresServer#shared()}).
 */
class LogOptionsTest {
  private static final PostgresServer SERVER = PostgresServer.shared();
  private static final String SCHEMA =
      "credit_rules_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String EMPTY_SCHEMA = SCHEMA + "_empty";

  @TempDir Path dir;

  @BeforeAll
  static void schema() throws Exception {
    try (Connection c = SERVER.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute("CREATE SCHEMA " + EMPTY_SCHEMA);
      s.execute("SET search_path TO " + SCHEMA);
      s.execute(PostgresSink.schema());
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = SERVER.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
      s.execute("DROP SCHEMA " + EMPTY_SCHEMA + " CASCADE");
    }
  }

  private static String url(String schema) {
    return SERVER.url() + (SERVER.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private Path passwordFile() throws Exception {
    return Files.writeString(dir.resolve("pg-password"), SERVER.password() + "\n");
  }

  private static List<List<String>> rows(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = SERVER.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private Path unwritable() throws Exception {
    return Files.writeString(dir.resolve("file"), "x").resolve("decisions.jsonl");
  }

  @Test
  void aDecisionWhoseRecordCannotBeWrittenIsNotPrinted() throws Exception {
    Path log = unwritable();
    MainTest.Run r =
        run("", "evaluate", REQUESTS.resolve("tax-ex-07.json").toString(), "--log", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "credit-rules: the decision could not be recorded in the decision log; it was not made"
                + " (decision ")
        .contains("the decision log jsonl:" + log + " failed: java.nio.file.")
        .contains(
            "1 of 1 records were not written to the decision log, so their decisions were"
                + " not made");
    // a rejection that cannot be recorded is not printed either
    MainTest.Run bad = run("{\"asOf\":\"2026-01-01\"}", "evaluate", "-", "--log", log.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void inABatchEachUnrecordedDecisionBecomesAnErrorLine() throws Exception {
    StringBuilder batch = new StringBuilder();
    try (Stream<Path> files = Files.list(REQUESTS)) {
      for (Path f : files.sorted().toList()) {
        batch.append(MainTest.JSON.readTree(Files.readString(f)).toString()).append('\n');
      }
    }
    int lines = (int) batch.toString().lines().count();
    MainTest.Run r =
        run(
            batch.toString(),
            "evaluate",
            "--jsonl",
            "--quiet",
            "--log",
            unwritable().toString(),
            "-");
    assertThat(r.code()).isEqualTo(1);
    List<String> out = r.out().lines().toList();
    assertThat(out).hasSize(lines);
    for (int i = 0; i < lines; i++) {
      JsonNode line = MainTest.JSON.readTree(out.get(i));
      assertThat(line.has("sanctions")).as(out.get(i)).isFalse();
      assertThat(line.get("line").asInt()).isEqualTo(i + 1);
      assertThat(line.get("errors").get(0).get("reason").asText())
          .startsWith(
              "the decision could not be recorded in the decision log; it was not made (decision ");
    }
    assertThat(r.err()).contains(lines + " internal)");
  }

  @Test
  void theUnsafeModeIsNamedAndPrintsTheDecisionUnrecorded() throws Exception {
    MainTest.Run r =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("tax-ex-07.json").toString(),
            "--log",
            unwritable().toString(),
            "--log-unrecorded",
            "return");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(run("", "evaluate", REQUESTS.resolve("tax-ex-07.json").toString()).out());
    assertThat(r.err())
        .contains(
            "1 of 1 records were not written to the decision log; their decisions were printed"
                + " unrecorded (--log-unrecorded return)");
    MainTest.Run wrong =
        run("", "evaluate", "-", "--log", unwritable().toString(), "--log-unrecorded", "maybe");
    assertThat(wrong.err()).contains("--log-unrecorded must be fail or return but was maybe");
    MainTest.Run alone = run("", "evaluate", "-", "--log-unrecorded", "return");
    assertThat(alone.err())
        .contains("--log-requests, --log-key and --log-unrecorded need --log or --log-postgres");
  }

  @Test
  void postgresFromTheCommandLineRecordsEveryDecisionAndRejection() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    MainTest.Run r =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("tax-ex-07.json").toString(),
            "--log",
            file.toString(),
            "--log-postgres",
            url(SCHEMA),
            "--log-postgres-user",
            SERVER.user(),
            "--log-postgres-password-file",
            passwordFile().toString(),
            "--log-connect-timeout",
            "3",
            "--log-statement-timeout",
            "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(run("", "evaluate", REQUESTS.resolve("tax-ex-07.json").toString()).out());
    MainTest.Run bad =
        run(
            "{\"asOf\":\"2026-01-01\"}",
            "evaluate",
            "-",
            "--log-postgres",
            url(SCHEMA),
            "--log-postgres-user",
            SERVER.user(),
            "--log-postgres-password-file",
            passwordFile().toString());
    assertThat(bad.code()).as(bad.err()).isEqualTo(2);
    // the file and the table hold the same record, byte for byte
    String line = Files.readAllLines(file).get(0);
    List<List<String>> rows =
        rows(
            "SELECT result, request_id, record::text FROM "
                + SCHEMA
                + ".credit_decisions ORDER BY recorded_at");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly("DECIDED", "tax-ex-07", line);
    assertThat(rows.get(1).get(0)).isEqualTo("REJECTED");
  }

  @Test
  void aPostgresLogThatCannotBeUsedStopsBeforeDeciding() throws Exception {
    // no table
    MainTest.Run missing =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("tax-ex-07.json").toString(),
            "--log-postgres",
            url(EMPTY_SCHEMA),
            "--log-postgres-user",
            SERVER.user(),
            "--log-postgres-password-file",
            passwordFile().toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .contains(
            "--log-postgres "
                + SERVER.url().replaceFirst("\\?.*", "")
                + ": cannot record decisions there: ")
        .contains("(SQL state 42P01; create the table with the DDL in docs/audit.md)");
    // nothing listening
    MainTest.Run nowhere =
        run(
            "",
            "evaluate",
            REQUESTS.resolve("tax-ex-07.json").toString(),
            "--log-postgres",
            "jdbc:postgresql://127.0.0.1:1/none",
            "--log-connect-timeout",
            "2");
    assertThat(nowhere.code()).isEqualTo(1);
    assertThat(nowhere.out()).isEmpty();
    assertThat(nowhere.err()).contains("(SQL state 08001)");
    // the password never on the command line
    MainTest.Run password =
        run("", "evaluate", "-", "--log-postgres", SERVER.url() + "?user=x&password=secret");
    assertThat(password.code()).isNotZero();
    assertThat(password.err())
        .contains(
            "--log-postgres must not hold the password (a command line is visible to every user"
                + " of the machine): use --log-postgres-password-file or"
                + " CREDIT_RULES_LOG_PG_PASSWORD");
    MainTest.Run noFile =
        run(
            "",
            "evaluate",
            "-",
            "--log-postgres",
            SERVER.url(),
            "--log-postgres-password-file",
            dir.resolve("nope").toString());
    assertThat(noFile.code()).isEqualTo(1);
    assertThat(noFile.err())
        .contains("--log-postgres-password-file " + dir.resolve("nope") + ": no such file");
    MainTest.Run timeout =
        run("", "evaluate", "-", "--log-postgres", SERVER.url(), "--log-statement-timeout", "0");
    assertThat(timeout.err())
        .contains("--log-statement-timeout must be 1 or more seconds but was 0");
    MainTest.Run userAlone = run("", "evaluate", "-", "--log-postgres-user", "x");
    assertThat(userAlone.err())
        .contains(
            "--log-postgres-user, --log-postgres-password-file, --log-connect-timeout and"
                + " --log-statement-timeout need --log-postgres");
  }
}
