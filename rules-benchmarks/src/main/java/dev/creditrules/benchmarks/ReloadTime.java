package dev.creditrules.benchmarks;

import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.testkit.CaseGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * How long a changed pack takes to be live again on a warm JVM (the hot path of issue 4): a live
 * directory over a copy of the packs, gated by their regression cases as {@code credit-rules serve
 * --gate cases} is; a term of {@code tax@2025.07} is edited, and the time is taken until decisions
 * use the new digest. Prints one line per round: {@code reload()} (compile, lint, cases, swap) and
 * the watcher end to end (poll 500 ms and quiet period 1 s included). Run from the repository root
 * (or give its path): {@code java -cp rules-benchmarks/target/benchmarks.jar
 * dev.creditrules.benchmarks.ReloadTime}.
 */
public final class ReloadTime {
  private ReloadTime() {}

  public static void main(String[] args) throws Exception {
    // a copy of the packs: their cases name only requests inside their own pack folders
    Path repo = Path.of(args.length > 0 ? args[0] : ".");
    Path dir = Files.createTempDirectory("credit-rules-reload").resolve("packs");
    copy(repo.resolve("rules-drl/src/main/packs"), dir);
    // a file of the version itself (its other rules are inherited from tax@2014.10)
    Path drl = dir.resolve("tax/2025.07/repair.drl");
    try (LivePacks live = LivePacks.builder(dir).gate(new CaseGate()).watch()) {
      Request request = Subjects.benchmark(live.model(), 42, 10);
      for (int i = 0; i < 2000; i++) {
        live.decide(request);
      }
      for (int round = 1; round <= 3; round++) {
        String before = digest(live);
        edit(drl, "// explicit reload " + round);
        long t0 = System.nanoTime();
        live.reload();
        long explicit = (System.nanoTime() - t0) / 1_000_000;
        check(before, live);
        live.decide(request);

        before = digest(live);
        edit(drl, "// watched reload " + round);
        t0 = System.nanoTime();
        while (digest(live).equals(before)) {
          if (System.nanoTime() - t0 > 60_000_000_000L) {
            throw new IllegalStateException("not live after 60 s: " + live.status());
          }
          Thread.sleep(5);
        }
        long watched = (System.nanoTime() - t0) / 1_000_000;
        live.decide(request);
        System.out.printf("reload round=%d explicitMs=%d watchedMs=%d%n", round, explicit, watched);
      }
    }
  }

  private static void edit(Path drl, String comment) throws IOException {
    Files.writeString(drl, "\n" + comment + "\n", StandardOpenOption.APPEND);
  }

  private static void check(String before, LivePacks live) {
    if (digest(live).equals(before)) {
      throw new IllegalStateException("reload did not take the change live: " + live.status());
    }
  }

  private static String digest(LivePacks live) {
    return live.packs().stream()
        .filter(p -> p.id().equals("tax") && p.version().equals("2025.07"))
        .map(PackRef::digest)
        .findFirst()
        .orElseThrow();
  }

  private static void copy(Path src, Path dst) throws IOException {
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : all.toList()) {
        Path target = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
