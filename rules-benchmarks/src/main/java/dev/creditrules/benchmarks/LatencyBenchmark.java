package dev.creditrules.benchmarks;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.CreditRulesEngine;
import java.util.concurrent.TimeUnit;
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

/** Latency distribution (p50/p99/p99.9) of one decision of the typical subject, one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class LatencyBenchmark {
  @Param({"10"})
  public int facts;

  CreditRulesEngine engine;
  Request[] requests;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = CreditRulesEngine.fromClasspath();
    requests = Subjects.pool(engine.model(), facts, DecideBenchmark.POOL).toArray(Request[]::new);
  }

  @Benchmark
  public Decision decide() {
    Request r = requests[next];
    next = (next + 1) % requests.length;
    return engine.decide(r);
  }
}
