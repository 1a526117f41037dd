package dev.creditrules.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.cli.Main;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.testkit.RequestGenerator;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 13, item 4: a nightly run of {@code credit-rules evaluate --jsonl} over N subjects where 1%
 * of them changed facts and the calendar moved one day, deciding everyone against {@code
 * --previous} (re-deciding only what changed or came due), in the same JVM, on the same input.
 *
 * <pre>
 * mvn -q -B -Pbenchmarks -pl rules-benchmarks -am package -DskipTests
 * java -XX:+UseParallelGC -XX:-TieredCompilation -Xmx1g -cp rules-benchmarks/target/benchmarks.jar \
 *     dev.creditrules.benchmarks.NightlyRun 1000000 /tmp/nightly   # N, a directory, [share 0.01], [runs 3]
 * </pre>
 *
 * <p>Night 1 (asOf 2026-03-01): N generated requests, decided with {@code --state} (this also warms
 * the JIT), its output kept for {@code --previous-output}. Night 2: the same subjects with asOf one
 * day later, new request ids, and facts changed for 1% of them (a fact removed, or one added from
 * another generated request). Then, in this order, night 2 decided in full, and night 2 with {@code
 * --previous --previous-output} ({@code runs} times: a few seconds of CPU are easily disturbed on a
 * shared machine, so the ratio takes the median by CPU time); the outputs must be byte-identical.
 * It prints each run's summary line (stderr of the command), its wall time and the process CPU time
 * it took, and the ratios.
 */
public final class NightlyRun {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NightlyRun() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/nightly");
    double share = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
    int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Files.createDirectories(dir);
    LocalDate day1 = LocalDate.of(2026, 3, 1);
    FactModel model = CreditRulesEngine.fromClasspath().model();
    Path night1 = dir.resolve("night1.jsonl");
    Path night2 = dir.resolve("night2.jsonl");
    long t0 = System.nanoTime();
    int changed = write(model, n, day1, share, night1, night2);
    System.out.printf(
        Locale.ROOT,
        "generated %,d subjects, %,d (%.2f%%) with changed facts, in %.1f s%n",
        n,
        changed,
        100.0 * changed / n,
        (System.nanoTime() - t0) / 1e9);

    Path state1 = dir.resolve("state1.tsv");
    Path state2 = dir.resolve("state2.tsv");
    Path out1 = dir.resolve("night1.out");
    Run first =
        run(
            "night 1, full, --state",
            out1,
            "evaluate",
            "--jsonl",
            "--quiet",
            "--state",
            state1.toString(),
            night1.toString());
    Run full =
        run(
            "night 2, full",
            dir.resolve("full.out"),
            "evaluate",
            "--jsonl",
            "--quiet",
            night2.toString());
    List<Run> runs = new ArrayList<>();
    for (int i = 1; i <= repeat; i++) {
      runs.add(
          run(
              "night 2, --previous",
              dir.resolve("incremental.out"),
              "evaluate",
              "--jsonl",
              "--quiet",
              "--previous",
              state1.toString(),
              "--previous-output",
              out1.toString(),
              "--state",
              state2.toString(),
              night2.toString()));
    }
    runs.sort(Comparator.comparingLong(Run::cpuNanos));
    Run incremental = runs.get(runs.size() / 2);
    String a = sha256(dir.resolve("full.out"));
    String b = sha256(dir.resolve("incremental.out"));
    System.out.printf(
        Locale.ROOT,
        "outputs: full %s, incremental %s: %s%n",
        a.substring(0, 16),
        b.substring(0, 16),
        a.equals(b) ? "IDENTICAL" : "DIFFERENT");
    System.out.printf(
        Locale.ROOT,
        "full / incremental (the median of %d by CPU): wall %.1fx, CPU %.1fx"
            + " (state file %,d MB, output %,d MB)%n",
        repeat,
        full.wallNanos / (double) incremental.wallNanos,
        full.cpuNanos / (double) incremental.cpuNanos,
        Files.size(state1) >> 20,
        Files.size(out1) >> 20);
    if (!a.equals(b) || first.code != full.code) {
      System.exit(1);
    }
  }

  /** Writes both nights; returns how many subjects changed facts. */
  private static int write(
      FactModel model, int n, LocalDate day1, double share, Path night1, Path night2)
      throws IOException {
    RequestGenerator generator =
        new RequestGenerator(
            model,
            RequestGenerator.Settings.of(2026, 10, 0)
                .withVaryingFacts()
                .withAsOf(day1.minusDays(400), 400));
    SplittableRandom random = new SplittableRandom(13);
    int changed = 0;
    try (BufferedWriter one = Files.newBufferedWriter(night1);
        BufferedWriter two = Files.newBufferedWriter(night2)) {
      for (long i = 1; i <= n; i++) {
        ObjectNode request = (ObjectNode) MAPPER.readTree(generator.valid(i));
        request.put("requestId", "night1-" + i);
        request.put("asOf", day1.toString());
        one.write(request.toString());
        one.write('\n');
        request.put("requestId", "night2-" + i);
        request.put("asOf", day1.plusDays(1).toString());
        if (random.nextDouble() < share) {
          ArrayNode facts = (ArrayNode) request.get("facts");
          if (!facts.isEmpty() && random.nextBoolean()) {
            facts.remove(facts.size() - 1);
          } else {
            JsonNode donor = MAPPER.readTree(generator.valid(n + i)).get("facts");
            if (!donor.isEmpty()) {
              ObjectNode fact = ((ObjectNode) donor.get(0)).deepCopy();
              fact.put("id", "night2-added");
              facts.add(fact);
            } else if (!facts.isEmpty()) {
              facts.remove(0);
            }
          }
          changed++;
        }
        two.write(request.toString());
        two.write('\n');
      }
    }
    return changed;
  }

  private record Run(int code, long wallNanos, long cpuNanos) {}

  private static Run run(String what, Path out, String... args) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long cpu = cpu();
    long start = System.nanoTime();
    int code;
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        InputStream in = new ByteArrayInputStream(new byte[0])) {
      code = Main.run(args, in, o, err);
    }
    long wall = System.nanoTime() - start;
    long used = cpu() - cpu;
    System.out.printf(
        Locale.ROOT,
        "%-24s exit %d, wall %.1f s, CPU %.1f s: %s",
        what,
        code,
        wall / 1e9,
        used / 1e9,
        err.toString(StandardCharsets.UTF_8));
    return new Run(code, wall, used);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int r;
      while ((r = in.read(buffer)) > 0) {
        d.update(buffer, 0, r);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
