package dev.creditrules.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code credit-rules serve} as a child JVM, started as an operator starts it: {@code java -cp
 * <rules-cli's runtime class path> dev.creditrules.cli.Main serve --port 0 …}. The port is read
 * from the startup line ({@code credit-rules: listening on http://HOST:PORT/ …}); the process's
 * resident memory and open file descriptors are read from {@code /proc/<pid>}.
 *
 * <p>What every test passes to {@code serve} can be adapted from the command line, without a change
 * to the tests:
 *
 * <ul>
 *   <li>{@code -Dserve.auth=auto|token|none}: {@code token} writes a token file with one random
 *       token ({@code <name> sha256:<hex>}), passes {@code --token-file} and sends {@code
 *       Authorization: Bearer …}; {@code none} passes {@code --no-auth} when {@code serve} has it.
 *       {@code auto} (the default) is {@code token} when {@code serve --help} lists {@code
 *       --token-file}, else {@code none}.
 *   <li>{@code -Dserve.args="…"}: more arguments for every {@code serve} (split on spaces).
 *   <li>{@code -Dserve.jvm="…"}: the child JVM's options (default {@code -Xmx1g}).
 *   <li>{@code -Dserve.classpath=…}: the service's class path (default: rules-cli's, from the
 *       build).
 * </ul>
 */
final class Service implements AutoCloseable {
  static final String MAIN = "dev.creditrules.cli.Main";
  static final Pattern LISTENING = Pattern.compile("listening on http://([^/]+):(\\d+)/");

  private static @Nullable String help;

  private final Process process;
  private final Path dir;
  private final List<String> command;
  private final int port;
  private final @Nullable String token;
  private final ArrayDeque<String> lastOut; // guarded by itself
  private final Thread drain;

  private Service(
      Process process,
      Path dir,
      List<String> command,
      int port,
      @Nullable String token,
      ArrayDeque<String> lastOut,
      Thread drain) {
    this.process = process;
    this.dir = dir;
    this.command = command;
    this.port = port;
    this.token = token;
    this.lastOut = lastOut;
    this.drain = drain;
  }

  /**
   * The class path of the service: {@code -Dserve.classpath} when given (another build of the
   * service, e.g. {@code '/opt/credit-rules/lib/*'} of an unpacked distribution), else rules-cli's
   * runtime class path as this module's build wrote it.
   */
  static String classPath() {
    String given = System.getProperty("serve.classpath");
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    String file = System.getProperty("serve.classpath.file");
    if (file == null) {
      throw new IllegalStateException(
          "system property serve.classpath.file is not set: run through Maven (README.md)");
    }
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service class path " + file, e);
    }
  }

  static List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(words(System.getProperty("serve.jvm", "-Xmx1g")));
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(MAIN);
    return cmd;
  }

  /** {@code serve --help} of the service under test: which options it has. */
  static synchronized String help() {
    if (help == null) {
      try {
        List<String> cmd = java();
        cmd.add("serve");
        cmd.add("--help");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        help = text;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return help;
  }

  /** Whether {@code serve} has the option (e.g. {@code --idle-timeout}). */
  static boolean has(String option) {
    return Pattern.compile(
            "(^|[\\s,\\[])" + Pattern.quote(option) + "([\\s=,\\]]|$)", Pattern.MULTILINE)
        .matcher(help())
        .find();
  }

  /** Fails with the reason when {@code serve} lacks an option the test cannot do without. */
  static void require(String option, String why) {
    if (!has(option)) {
      throw new AssertionError(
          "serve has no "
              + option
              + " ("
              + why
              + "); it lands with issue 16's service part. serve --help:\n"
              + help());
    }
  }

  static String authMode() {
    String mode = System.getProperty("serve.auth", "auto");
    return switch (mode) {
      case "auto" -> has("--token-file") ? "token" : "none";
      case "token", "none" -> mode;
      default ->
          throw new IllegalArgumentException(
              "-Dserve.auth must be auto, token or none but was " + mode);
    };
  }

  /**
   * Starts {@code serve --port 0} with {@code args} (and the auth and extra arguments above) in
   * {@code dir}, and waits for its startup line.
   */
  static Service start(Path dir, List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> cmd = java();
    cmd.add("serve");
    cmd.add("--port");
    cmd.add("0");
    String token = null;
    if (authMode().equals("token")) {
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Path tokens = dir.resolve("tokens");
      Files.writeString(tokens, "reliability sha256:" + sha256Hex(token) + "\n");
      cmd.add("--token-file");
      cmd.add(tokens.toString());
    } else if (has("--no-auth")) {
      cmd.add("--no-auth");
    }
    cmd.addAll(args);
    cmd.addAll(words(System.getProperty("serve.args", "")));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.stderr").toFile())
            .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    ArrayDeque<String> last = new ArrayDeque<>();
    // stdout carries the access log after issue 16: drained for the life of the process, the last
    // lines kept for a failure's message
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                  }
                  synchronized (last) {
                    last.addLast(line);
                    if (last.size() > 50) {
                      last.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              port.completeExceptionally(new IllegalStateException("serve ended its output"));
            },
            "serve-stdout");
    drain.setDaemon(true);
    drain.start();
    int bound;
    try {
      bound = port.get(180, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "serve did not start: "
              + String.join(" ", redacted(cmd))
              + "\nstdout: "
              + last
              + "\nstderr: "
              + tail(dir.resolve("serve.stderr")));
    }
    return new Service(p, dir, cmd, bound, token, last, drain);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A request to {@code path} with the token when there is one. */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** The raw header line for hand-written requests on a socket, or "". */
  String authorizationLine() {
    return token == null ? "" : "Authorization: Bearer " + token + "\r\n";
  }

  /** The command line, with the class path shortened. */
  String commandLine() {
    return String.join(" ", redacted(command));
  }

  /** The serve arguments only (after the main class). */
  String serveArguments() {
    return String.join(" ", command.subList(command.indexOf(MAIN) + 1, command.size()));
  }

  /** Resident set size in kB ({@code VmRSS} of {@code /proc/<pid>/status}). */
  long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  /**
   * After a full collection ({@code jcmd <pid> GC.run}, classes unloaded): the heap and metaspace
   * in use and the maximum heap, in kB, from {@code jcmd GC.heap_info} and {@code VM.flags}. What
   * survives a full collection is what the service holds; RSS alone also counts the heap the JVM
   * has grown into and not given back.
   */
  Heap heapAfterFullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    String flags = jcmd("VM.flags");
    Matcher heap = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(info);
    Matcher meta = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(info);
    Matcher max = Pattern.compile("MaxHeapSize=(\\d+)").matcher(flags);
    if (!heap.find() || !meta.find() || !max.find()) {
      throw new IllegalStateException("cannot read jcmd's output:\n" + info + flags);
    }
    return new Heap(
        Long.parseLong(heap.group(1)),
        Long.parseLong(meta.group(1)),
        Long.parseLong(max.group(1)) / 1024);
  }

  /** Heap and metaspace in use after a full collection, and the maximum heap, in kB. */
  record Heap(long usedKb, long metaspaceKb, long maxKb) {}

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  /** Open file descriptors (entries of {@code /proc/<pid>/fd}). */
  long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return fds.count();
    }
  }

  /** SIGKILL, and waits for the process to end. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and waits for the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    drain.join(5_000);
    return process.exitValue();
  }

  String diagnostics() {
    synchronized (lastOut) {
      return "serve: "
          + commandLine()
          + "\nstderr (tail): "
          + tail(dir.resolve("serve.stderr"))
          + "\nstdout (last lines): "
          + lastOut;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  static List<String> redacted(List<String> cmd) {
    List<String> out = new ArrayList<>(cmd);
    int cp = out.indexOf("-cp");
    if (cp >= 0 && cp + 1 < out.size()) {
      String given = System.getProperty("serve.classpath");
      out.set(
          cp + 1,
          given == null || given.isBlank()
              ? "<rules-cli runtime class path>"
              : "<-Dserve.classpath: " + given.strip() + ">");
    }
    return out;
  }

  static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
