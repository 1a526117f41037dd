package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.api.Decision;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import dev.creditrules.runtime.PackGate;
import dev.creditrules.testkit.RequestGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads decide generated requests on the shipped packs while a pack is reloaded with a valid
 * change, a broken version and its original. Afterwards every decision is checked against a
 * single-threaded run of exactly the pack versions it names: zero divergence, zero errors, and no
 * decision mixing two generations of the packs.
 */
class ReloadStressTest {
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  /** What general 2026.04 writes itself (it inherits the rest): every row of it is verified. */
  static final String TERM = "return true;";

  record Observed(Request request, String json, List<PackRef> packs) {}

  @Test
  void decisionsUnderReloadsMatchASingleThreadedRunOfTheirOwnPacks(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("packs");
    copy(PACKS, dir);
    Path drl = dir.resolve("general/2026.04/general.drl");
    String original = Files.readString(drl);
    assertThat(original).contains(TERM);

    FactModel model = FactModelReader.read(dir);
    ContractJson json = new ContractJson(model);
    RequestGenerator generator = new RequestGenerator(model, 7, 10, 0);
    List<Request> requests = new ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      requests.add(json.readRequest(generator.line(i)));
    }

    int threads = 4;
    ConcurrentLinkedQueue<Observed> observed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger decided = new AtomicInteger();
    try (LivePacks live = LivePacks.open(dir, PackGate.NONE)) {
      CountDownLatch started = new CountDownLatch(threads);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 97;
        Thread worker =
            new Thread(
                () -> {
                  started.countDown();
                  for (int i = offset; running.get(); i++) {
                    Request r = requests.get(i % requests.size());
                    try {
                      Decision d = live.decide(r);
                      decided.incrementAndGet();
                      if (i % 3 == 0) {
                        observed.add(new Observed(r, json.writeDecision(d), d.packs()));
                      }
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }
                });
        worker.start();
        workers.add(worker);
      }
      started.await();
      List<String> outcomes = new ArrayList<>();
      List<String> versions =
          List.of(
              original.replace(TERM, "return false;"), // valid change: 2026.04's rows unverified
              original.replace(TERM, "return false"), // does not compile
              original.replace(TERM, "System.exit(1); return true;"), // lint
              original);
      for (int round = 0; round < 2; round++) {
        for (String version : versions) {
          outcomes.add(reload(live, drl, version));
          // let the evaluating threads decide a good number of requests on each generation
          int target = decided.get() + 150;
          while (decided.get() < target && errors.isEmpty()) {
            Thread.sleep(5);
          }
        }
      }
      running.set(false);
      for (Thread w : workers) {
        w.join();
      }
      assertThat(outcomes)
          .containsExactly(
              "ACCEPTED",
              "REJECTED",
              "REJECTED",
              "ACCEPTED",
              "ACCEPTED",
              "REJECTED",
              "REJECTED",
              "ACCEPTED");
    }

    assertThat(errors).as("errors on the evaluating threads").isEmpty();
    assertThat(decided.get()).isGreaterThan(requests.size());
    // every decision must equal a single-threaded run of exactly the pack versions it names
    Path changed = tmp.resolve("changed");
    copy(PACKS, changed);
    Files.writeString(
        changed.resolve("general/2026.04/general.drl"), original.replace(TERM, "return false;"));
    CreditRulesEngine originalEngine = CreditRulesEngine.builder().directory(dir).build();
    CreditRulesEngine changedEngine = CreditRulesEngine.builder().directory(changed).build();
    Map<String, CreditRulesEngine> byGeneral = new HashMap<>();
    byGeneral.put(generalDigest(originalEngine), originalEngine);
    byGeneral.put(generalDigest(changedEngine), changedEngine);
    int checked = 0;
    for (Observed o : observed) {
      String general = generalDigest(o.packs());
      CreditRulesEngine reference = general == null ? originalEngine : byGeneral.get(general);
      assertThat(reference)
          .as("a decision names an unknown general digest %s", general)
          .isNotNull();
      for (PackRef p : o.packs()) {
        assertThat(reference.packs()).as("decision mixes pack versions").contains(p);
      }
      assertThat(o.json()).isEqualTo(json.writeDecision(reference.decide(o.request())));
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  /** Writes the file, reloads, and returns the folder's outcome in the live status. */
  static String reload(LivePacks live, Path drl, String text) throws IOException {
    Files.writeString(drl, text);
    LiveStatus status = live.reload();
    return status.folder("general@2026.04").orElseThrow().verdict().name();
  }

  static String generalDigest(CreditRulesEngine engine) {
    return generalDigest(engine.packs());
  }

  static String generalDigest(List<PackRef> packs) {
    return packs.stream()
        .filter(p -> p.id().equals("general") && p.version().equals("2026.04"))
        .map(PackRef::digest)
        .findFirst()
        .orElse(null);
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }
}
