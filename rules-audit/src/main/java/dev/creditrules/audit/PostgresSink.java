package dev.creditrules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.json.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Writes records to the PostgreSQL table {@code credit_decisions} (DDL: the resource {@link
 * #SCHEMA}, also in {@code docs/audit.md}) over JDBC, one row per record, committed before {@link
 * #write} returns. A record already in the table (same {@code decision_id}) is left as it is, so
 * loading a JSON Lines log again is harmless.
 *
 * <p>Connections: {@link #builder(String, Properties)} keeps one connection of its own, opened on
 * the first write and opened again on the write after a failure (a restarted server, a dropped
 * connection), writes being serialised on it; {@link #builder(DataSource)} borrows a connection
 * from the data source (a pool) for each write. Thread-safe. Error reports carry the SQL state,
 * never the server's message, which can quote row values.
 *
 * <p><b>Timeouts.</b> A write never waits without bound for a server that is gone or paused: the
 * builder sets a connect timeout (JDBC {@code connectTimeout} and {@code loginTimeout}, default 5
 * s), a statement timeout enforced by the server ({@code options=-c statement_timeout=…}, default 5
 * s) and a socket timeout covering the insert and its commit when the server stops answering (JDBC
 * {@code socketTimeout}, default 10 s). Parameters in the URL win over these. With a data source,
 * only the statement timeout is the sink's ({@link Statement#setQueryTimeout}): the pool's own
 * settings bound connecting and reading. Writes on the sink's own connection take turns; a write
 * that waited its turn while the write before it failed fails at once (the connection it waited for
 * is gone), so that a call fails within about twice the longest timeout however many threads are
 * writing.
 *
 * <p>Only {@code java.sql} is used: the PostgreSQL driver ({@code org.postgresql:postgresql}) must
 * be on the class path at run time.
 */
public final class PostgresSink implements DecisionSink {
  /** Classpath resource of the table's DDL ({@code CREATE TABLE IF NOT EXISTS}, indexes). */
  public static final String SCHEMA = "/dev/creditrules/audit/schema.sql";

  /** Default of {@link Builder#connectTimeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default of {@link Builder#statementTimeout}. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  /** Default of {@link Builder#socketTimeout}. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);

  static final String INSERT =
      "INSERT INTO credit_decisions (decision_id, recorded_at, result, request_id,"
          + " subject_id_masked, subject_type, as_of, input_digest, result_digest, packs,"
          + " decision_packs, outcomes, repairs, errors, request, record)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,"
          + " ?::jsonb, ?::json) ON CONFLICT (decision_id) DO NOTHING";

  // a sink has either a url and its properties or a data source
  private final @Nullable String url;
  private final @Nullable Properties properties;
  private final @Nullable DataSource dataSource;
  private final RequestStorage storage;
  private final @Nullable RequestCipher cipher;
  private final int statementTimeoutSeconds;

  /** The writer over the fact model of the rules logged; set by {@link #attach}. */
  private volatile @Nullable ContractJson json;

  private @Nullable Connection own;

  /** Failed writes on {@link #own} so far; read without the lock by writes about to wait for it. */
  private final AtomicLong ownFailures = new AtomicLong();

  private PostgresSink(Builder b) {
    this.url = b.url;
    Properties p = b.properties;
    if (p != null) {
      p = copy(p);
      p.setProperty("connectTimeout", String.valueOf(seconds(b.connectTimeout)));
      p.setProperty("loginTimeout", String.valueOf(seconds(b.connectTimeout)));
      p.setProperty("socketTimeout", String.valueOf(seconds(b.socketTimeout)));
      // the server cancels a statement itself: a client-side cancel (setQueryTimeout) needs a
      // connection of its own, and waits for it up to cancelSignalTimeout when the server hangs
      String options = p.getProperty("options", "");
      p.setProperty(
          "options",
          (options.isBlank() ? "" : options + " ")
              + "-c statement_timeout="
              + b.statementTimeout.toMillis());
      p.setProperty("cancelSignalTimeout", String.valueOf(seconds(b.connectTimeout)));
    }
    this.properties = p;
    this.dataSource = b.dataSource;
    this.storage = b.storage;
    this.cipher = b.cipher;
    this.statementTimeoutSeconds = seconds(b.statementTimeout);
    if (storage == RequestStorage.ENCRYPTED && cipher == null) {
      throw new IllegalArgumentException("RequestStorage.ENCRYPTED needs a RequestCipher");
    }
  }

  /**
   * A sink with a connection of its own to {@code url} (for example {@code
   * jdbc:postgresql://localhost:5432/audit}).
   *
   * @param properties JDBC properties such as {@code user} and {@code password}
   */
  public static Builder builder(String url, Properties properties) {
    Objects.requireNonNull(url, "url");
    return new Builder(url, copy(Objects.requireNonNull(properties, "properties")), null);
  }

  private static Properties copy(Properties properties) {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** Whole seconds, rounded up: JDBC counts timeouts in seconds. */
  private static int seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() == 0 ? 0 : 1);
    return (int) Math.min(Integer.MAX_VALUE, s);
  }

  /** A sink borrowing a connection from {@code dataSource} for each write. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(null, null, Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** Settings of a {@link PostgresSink}. */
  public static final class Builder {
    private final @Nullable String url;
    private final @Nullable Properties properties;
    private final @Nullable DataSource dataSource;
    private RequestStorage storage = RequestStorage.ORGANISATIONS;
    private @Nullable RequestCipher cipher;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

    private Builder(
        @Nullable String url, @Nullable Properties properties, @Nullable DataSource dataSource) {
      this.url = url;
      this.properties = properties;
      this.dataSource = dataSource;
    }

    /**
     * What is kept of each input in the {@code request} column; default {@link
     * RequestStorage#ORGANISATIONS}.
     */
    public Builder requestStorage(RequestStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The key for {@link RequestStorage#ENCRYPTED}. */
    public Builder cipher(RequestCipher cipher) {
      this.cipher = cipher;
      return this;
    }

    /**
     * How long opening a connection may take (JDBC {@code connectTimeout} and {@code
     * loginTimeout}); default 5 s. Not used with a data source.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the insert may run on the server (its {@code statement_timeout}; with a data source,
     * {@link Statement#setQueryTimeout}); default 5 s.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = positive(timeout, "statementTimeout");
      return this;
    }

    /**
     * How long a read from the server may wait (JDBC {@code socketTimeout}): bounds the insert and
     * its commit when the server stops answering (a paused process, a lost network); default 10 s.
     * Not used with a data source.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = positive(timeout, "socketTimeout");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    /** The sink; nothing is connected until the first write (or {@link #createTable()}). */
    public PostgresSink build() {
      return new PostgresSink(this);
    }
  }

  /** The DDL of {@link #SCHEMA}. */
  public static String schema() {
    try (InputStream in = PostgresSink.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the table and its indexes when they do not exist. */
  public void createTable() throws SQLException {
    run(
        c -> {
          try (Statement s = c.createStatement()) {
            timeout(s);
            s.execute(schema());
          }
        });
  }

  /**
   * Checks, within the sink's timeouts, that the server answers, the table is there and this user
   * may insert into it (a user granted {@code INSERT} only passes): for a program to refuse to
   * start on a log it cannot write, instead of failing its first decisions.
   *
   * @throws SQLException when it is not so: SQL state {@code 42P01} when the table is missing,
   *     {@code 42501} when the user may not insert
   */
  public void check() throws SQLException {
    run(
        c -> {
          try (Statement s = c.createStatement()) {
            timeout(s);
            try (java.sql.ResultSet r =
                s.executeQuery(
                    "SELECT has_table_privilege(current_user, 'credit_decisions', 'INSERT')")) {
              if (!r.next() || !r.getBoolean(1)) {
                throw new SQLException("the user may not insert into credit_decisions", "42501");
              }
            }
          }
        });
  }

  /** Makes the writer of the contract's JSON from the fact model of {@code rules}. */
  @Override
  public void attach(CreditRules rules) {
    json = new ContractJson(rules.model());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the sink was never {@link #attach attached} (a {@link
   *     DecisionLog} attaches its sinks)
   */
  @Override
  public void write(DecisionRecord r) throws SQLException {
    ContractJson json = RecordFormat.attached(this.json, this);
    ObjectNode tree = RecordFormat.tree(json, r, storage, cipher);
    JsonNode decision = tree.get("decision");
    String[] parts = new String[3]; // decision_packs, outcomes, repairs
    if (!decision.isNull()) {
      parts[0] = json.trees().write(decision.get("packs"));
      ObjectNode o = ((ObjectNode) decision).objectNode();
      o.set("incentives", decision.get("incentives"));
      o.set("sanctions", decision.get("sanctions"));
      o.set("warnings", decision.get("warnings"));
      parts[1] = json.trees().write(o);
      parts[2] = json.trees().write(decision.get("repairs"));
    }
    String errors = tree.get("errors").isNull() ? null : json.trees().write(tree.get("errors"));
    String packs = json.trees().write(tree.get("packs"));
    String request = json.trees().write(tree.get("input"));
    String record = json.trees().write(tree);
    run(
        c -> {
          try (PreparedStatement s = c.prepareStatement(INSERT)) {
            timeout(s);
            s.setObject(1, r.decisionId(), java.sql.Types.OTHER);
            s.setObject(2, r.recordedAt().atOffset(ZoneOffset.UTC));
            s.setString(3, r.result().name());
            s.setString(4, r.requestId());
            s.setString(5, r.maskedSubjectId());
            s.setString(6, r.subjectType() == null ? null : r.subjectType().name());
            s.setObject(7, r.asOf(), java.sql.Types.DATE);
            s.setString(8, r.inputDigest());
            s.setString(9, tree.get("resultDigest").textValue());
            s.setString(10, packs);
            s.setString(11, parts[0]);
            s.setString(12, parts[1]);
            s.setString(13, parts[2]);
            s.setString(14, errors);
            s.setString(15, request);
            s.setString(16, record);
            s.executeUpdate();
          }
        });
  }

  /**
   * With a data source, the statement timeout is the statement's (the pool's connections are not
   * ours to set).
   */
  private void timeout(Statement s) throws SQLException {
    if (dataSource != null) {
      s.setQueryTimeout(statementTimeoutSeconds);
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void run(Work work) throws SQLException {
    if (dataSource != null) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        work.run(c);
      }
      return;
    }
    long failuresBefore = ownFailures.get();
    synchronized (this) {
      if (ownFailures.get() != failuresBefore) {
        // the write before this one failed while this one waited: its connection is gone, and
        // trying again now would make every waiting caller wait a timeout of its own in turn
        throw new SQLException("the connection failed while this write waited for it", "08006");
      }
      try {
        if (own == null) {
          own = DriverManager.getConnection(url, properties);
          own.setAutoCommit(true);
        }
        work.run(own);
      } catch (SQLException | RuntimeException e) {
        ownFailures.incrementAndGet();
        closeOwn(); // the next write opens a fresh connection
        throw e;
      }
    }
  }

  private void closeOwn() {
    if (own != null) {
      try {
        own.close();
      } catch (SQLException ignored) {
        // already failing
      }
      own = null;
    }
  }

  @Override
  public String name() {
    if (dataSource != null) {
      return "postgresql:" + dataSource.getClass().getSimpleName();
    }
    // without a data source the sink has a url
    String url = Objects.requireNonNull(this.url);
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query); // the query part may hold a password
  }

  /** Closes the sink's own connection, if any. */
  @Override
  public synchronized void close() {
    closeOwn();
  }
}
