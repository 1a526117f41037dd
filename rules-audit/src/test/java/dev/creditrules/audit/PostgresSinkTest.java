package dev.creditrules.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Against a real PostgreSQL server ({@link PostgresServer#shared()}: the one {@code
 * CREDIT_RULES_PG_URL} names, or an embedded one). Each run works in a schema of its own, dropped
 * at the end.
 */
class PostgresSinkTest {
  private static final PostgresServer SERVER = PostgresServer.shared();
  private static final String URL = SERVER.url();
  private static final String SCHEMA =
      "credit_rules_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String APP = "credit-rules-sink-" + SCHEMA;

  private final ContractJson json = new ContractJson(Fixtures.shipped().model());

  private static Properties props() {
    Properties p = SERVER.properties();
    p.setProperty("currentSchema", SCHEMA);
    p.setProperty("ApplicationName", APP);
    return p;
  }

  private static Connection admin() throws SQLException {
    Properties p = props();
    p.setProperty("ApplicationName", "credit-rules-test-admin");
    return DriverManager.getConnection(URL, p);
  }

  @BeforeAll
  static void schema() throws SQLException {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    PostgresSink sink = PostgresSink.builder(URL, props()).build();
    sink.createTable();
    sink.close();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE credit_decisions");
    }
  }

  private DecisionLog log(DecisionSink sink) {
    return DecisionLog.builder(Fixtures.shipped())
        .clock(Fixtures.clock())
        .ids(Fixtures.ids())
        .sink(sink)
        .build();
  }

  private static List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = admin();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The example query of docs/audit.md, as written there. */
  private static String exampleQuery() throws Exception {
    String doc = Files.readString(Path.of("../docs/audit.md"));
    Matcher m =
        Pattern.compile("```sql\n(-- sanctions of a subject in a period\n.*?)```", Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("the example query in docs/audit.md").isTrue();
    return m.group(1);
  }

  @Test
  void writesRowsAndTheDocumentedQueryFindsTheSanctions() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Request person = json.readRequest(Fixtures.PERSON);
    Decision decided;
    try (DecisionLog log = log(PostgresSink.builder(URL, props()).build())) {
      decided = log.decide(enterprise);
      log.decide(person);
      try {
        log.decide(
            new Request(
                "bad",
                LocalDate.parse("2026-01-01"),
                Subject.of("110108198001150019", SubjectType.NATURAL_PERSON),
                null,
                List.of()));
      } catch (InvalidRequestException expected) {
        // recorded
      }
      assertThat(log.failures().none()).isTrue();
    }
    assertThat(
            query(
                "SELECT result, request_id, subject_id_masked, subject_type, as_of::text,"
                    + " recorded_at = TIMESTAMPTZ '2026-06-01 08:00:00Z', jsonb_array_length(packs)"
                    + " FROM credit_decisions ORDER BY decision_id"))
        .containsExactly(
            List.of(
                "DECIDED",
                "tax-ex-07",
                "91110108MA01TAX03C",
                "ENTERPRISE",
                "2025-10-11",
                "t",
                String.valueOf(Fixtures.shipped().packs().size())),
            List.of(
                "DECIDED",
                "res-ex-01",
                "1101**********0018",
                "NATURAL_PERSON",
                "2026-05-15",
                "t",
                String.valueOf(Fixtures.shipped().packs().size())),
            List.of(
                "REJECTED",
                "bad",
                "1101**********0019",
                "NATURAL_PERSON",
                "2026-01-01",
                "t",
                String.valueOf(Fixtures.shipped().packs().size())));
    // no personal data of the person anywhere in the table
    assertThat(
            query(
                "SELECT count(*) FROM credit_decisions t WHERE t::text LIKE '%11010819800115%'"
                    + " OR t::text LIKE '%研究人员%'"))
        .containsExactly(List.of("0"));
    assertThat(
            query(
                "SELECT errors->0->>'value', request->>'storage' FROM credit_decisions WHERE result = 'REJECTED'"))
        .containsExactly(List.of("1101**********0019", "NONE"));

    List<List<String>> sanctions = query(exampleQuery());
    List<List<String>> expected = new ArrayList<>();
    decided
        .sanctions()
        .forEach(
            o ->
                expected.add(
                    List.of(
                        "00000000-0000-0000-0000-000000000001",
                        "2025-10-11",
                        o.measure(),
                        o.from().toString(),
                        o.until() == null ? "null" : o.until().toString(),
                        o.rule())));
    assertThat(sanctions).isNotEmpty();
    assertThat(
            sanctions.stream()
                .map(
                    r -> {
                      List<String> row = new ArrayList<>(r);
                      row.set(4, row.get(4) == null ? "null" : row.get(4));
                      return row;
                    })
                .toList())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theRecordColumnReplaysLikeAJsonLinesLog() throws Exception {
    try (DecisionLog log =
        log(PostgresSink.builder(URL, props()).requestStorage(RequestStorage.PLAIN).build())) {
      log.decide(json.readRequest(Fixtures.ENTERPRISE));
      log.decide(json.readRequest(Fixtures.PERSON));
    }
    StringBuilder lines = new StringBuilder();
    query("SELECT record FROM credit_decisions ORDER BY recorded_at, decision_id")
        .forEach(r -> lines.append(r.get(0)).append('\n'));
    List<Replayer.Result> results = new ArrayList<>();
    try (Replayer r =
        new Replayer(
            PackLibrary.scan(List.of(), true),
            d -> CreditRulesEngine.builder().directory(d).build(),
            null)) {
      Replayer.Summary s = r.replay(new StringReader(lines.toString()), results::add);
      assertThat(s.records()).isEqualTo(2);
      assertThat(s.allReproduced()).as(results.toString()).isTrue();
    }
  }

  @Test
  void aDroppedConnectionReturnsNoUnrecordedDecisionAndTheSinkReconnects() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    Properties own = props();
    own.setProperty("ApplicationName", APP + "-dropped");
    try (DecisionLog log = log(PostgresSink.builder(URL, own).build())) {
      log.decide(enterprise);
      // the server drops the sink's connection
      assertThat(
              query(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                      + APP
                      + "-dropped'"))
          .containsExactly(List.of("t"));
      assertThatThrownBy(() -> log.decide(enterprise))
          .isInstanceOfSatisfying(
              DecisionNotRecordedException.class,
              e -> assertThat(e.decisionId()).isEqualTo(new UUID(0, 2)));
      DecisionLog.Failures f = log.failures();
      assertThat(f.failures()).isEqualTo(1);
      assertThat(f.last().decisionId()).isEqualTo(new UUID(0, 2));
      assertThat(f.last().error())
          .matches(".*\\(SQL state (08006|57P01)\\)")
          .doesNotContain("terminat");
      assertThat(f.last().sink())
          .isEqualTo(URL.contains("?") ? URL.substring(0, URL.indexOf('?')) : URL);
      Decision d = log.decide(enterprise); // a fresh connection
      assertThat(d).isEqualTo(Fixtures.shipped().decide(enterprise));
      assertThat(log.failures().failures()).isEqualTo(1);
    }
    assertThat(query("SELECT decision_id FROM credit_decisions ORDER BY decision_id"))
        .containsExactly(
            List.of("00000000-0000-0000-0000-000000000001"),
            List.of("00000000-0000-0000-0000-000000000003"));
  }

  @Test
  void anUnreachableServerFailsTheCallWithinTheConnectTimeout() throws Exception {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {1}); // nothing listens on port 1
    nowhere.setDatabaseName("none");
    nowhere.setConnectTimeout(2);
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    try (DecisionLog log = log(PostgresSink.builder(nowhere).build())) {
      assertThatThrownBy(() -> log.decide(enterprise))
          .isInstanceOf(DecisionNotRecordedException.class)
          .hasMessage(
              "the decision log postgresql:PGSimpleDataSource failed:"
                  + " org.postgresql.util.PSQLException (SQL state 08001)");
      assertThat(log.failures().failures()).isEqualTo(1);
      assertThat(log.failures().last().error())
          .isEqualTo("org.postgresql.util.PSQLException (SQL state 08001)");
      assertThat(log.failures().last().sink()).isEqualTo("postgresql:PGSimpleDataSource");
    }
  }

  @Test
  void aStatementBlockedOnTheServerEndsAtTheStatementTimeout() throws Exception {
    Request enterprise = json.readRequest(Fixtures.ENTERPRISE);
    try (Connection holder = admin();
        Statement s = holder.createStatement()) {
      // an uncommitted row with the id the log's first record will have: its insert must wait
      holder.setAutoCommit(false);
      s.execute("SET search_path TO " + SCHEMA);
      s.execute(
          "INSERT INTO credit_decisions (decision_id, recorded_at, result, input_digest,"
              + " result_digest, packs, request, record) VALUES"
              + " ('00000000-0000-0000-0000-000000000001', now(), 'DECIDED', 'x', 'x', '[]', '{}',"
              + " '{}')");
      try (DecisionLog log =
          log(
              PostgresSink.builder(URL, props())
                  .statementTimeout(java.time.Duration.ofSeconds(1))
                  .build())) {
        assertThatThrownBy(() -> log.decide(enterprise))
            .isInstanceOf(DecisionNotRecordedException.class)
            .hasMessageEndingWith("org.postgresql.util.PSQLException (SQL state 57014)");
      }
      holder.rollback();
    }
    assertThat(query("SELECT count(*) FROM credit_decisions")).containsExactly(List.of("0"));
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(
            () -> PostgresSink.builder(URL, props()).socketTimeout(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("socketTimeout must be positive but was PT0S");
  }

  @Test
  void writingARecordTwiceKeepsOneRow() throws Exception {
    PostgresSink sink = PostgresSink.builder(URL, props()).build();
    List<DecisionRecord> seen = new ArrayList<>();
    DecisionSink capture =
        new DecisionSink() {
          @Override
          public void write(DecisionRecord r) {
            seen.add(r);
          }

          @Override
          public String name() {
            return "memory";
          }
        };
    try (DecisionLog log = log(capture)) {
      log.decide(json.readRequest(Fixtures.ENTERPRISE));
    }
    sink.attach(Fixtures.shipped());
    sink.write(seen.get(0));
    sink.write(seen.get(0));
    sink.close();
    assertThat(query("SELECT count(*) FROM credit_decisions")).containsExactly(List.of("1"));
    assertThat(String.format(Locale.ROOT, "%s", seen.get(0))).doesNotContain("{");
  }
}
