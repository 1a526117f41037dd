package dev.creditrules.benchmarks;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.json.ContractJson;
import dev.creditrules.runtime.CreditRulesEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of one decision through the Java API, with all v1 packs loaded, and its baselines on
 * the same requests: the oracle, Drools alone, and the JSON path. Each thread walks its own cursor
 * through a pool of {@value #POOL} generated requests of {@code facts} facts (seed 42), or the
 * requests of the JSON Lines file named by the system property {@value Subjects#POOL_FILE} ({@link
 * Subjects#pool}), to measure two builds on the same requests.
 *
 * <p>The runtime has one session mode: since d06c509 every call takes its sessions from a per-pack
 * {@code KieSessionsPool} (no builder option). Rows: {@code decide} (1 thread), {@code
 * decide2Threads} (2 threads, one shared engine), {@code droolsAlone} (the same sessions fired
 * directly from pools, as the runtime takes them, {@link DroolsAlone}), {@code droolsAloneFresh}
 * (the same with a fresh session per pack version per call: the stateless way), {@code oracle} (the
 * hand-written evaluator, {@link Oracle}; meaningful because {@code EquivalenceTest} passes),
 * {@code json} (parse the request JSON, decide, write the decision JSON, as strings), {@code
 * jsonBytes} (the same from UTF-8 bytes to UTF-8 bytes, as the JSON Lines batch does). Allocation
 * per decision comes from {@code -prof gc} ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecideBenchmark {
  static final int POOL = 64;

  @Param({"5", "10", "50", "500"})
  public int facts;

  CreditRulesEngine engine;
  Request[] requests;
  String[] requestJson;
  byte[][] requestUtf8;
  List<List<DroolsAlone.Run>> drools;
  ContractJson json;

  @Setup(Level.Trial)
  public void setUp() {
    engine = CreditRulesEngine.fromClasspath();
    json = new ContractJson(engine.model());
    List<Request> pool = Subjects.pool(engine.model(), facts, POOL);
    requests = pool.toArray(Request[]::new);
    requestJson = pool.stream().map(json::writeRequest).toArray(String[]::new);
    requestUtf8 = new byte[requestJson.length][];
    for (int i = 0; i < requestJson.length; i++) {
      requestUtf8[i] = requestJson[i].getBytes(StandardCharsets.UTF_8);
    }
    drools = new ArrayList<>();
    Map<KieBase, KieSessionsPool> pools = new HashMap<>();
    for (Request r : requests) {
      drools.add(DroolsAlone.capture(engine, r, pools));
    }
  }

  /** Each thread's position in the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance() {
      int i = next;
      next = (i + 1) % POOL;
      return i;
    }
  }

  @Benchmark
  @Threads(1)
  public Decision decide(Cursor c) {
    return engine.decide(requests[c.advance()]);
  }

  @Benchmark
  @Threads(2)
  public Decision decide2Threads(Cursor c) {
    return engine.decide(requests[c.advance()]);
  }

  @Benchmark
  @Threads(1)
  public int droolsAlone(Cursor c) {
    return DroolsAlone.fire(drools.get(c.advance()), true);
  }

  @Benchmark
  @Threads(1)
  public int droolsAloneFresh(Cursor c) {
    return DroolsAlone.fire(drools.get(c.advance()), false);
  }

  @Benchmark
  @Threads(1)
  public Oracle.Result oracle(Cursor c) {
    return Oracle.decide(requests[c.advance()]);
  }

  @Benchmark
  @Threads(1)
  public String json(Cursor c) {
    return json.writeDecision(engine.decide(json.readRequest(requestJson[c.advance()])));
  }

  @Benchmark
  @Threads(1)
  public byte[] jsonBytes(Cursor c) {
    byte[] request = requestUtf8[c.advance()];
    return json.writeDecisionUtf8(engine.decide(json.readRequest(request, 0, request.length)));
  }
}
