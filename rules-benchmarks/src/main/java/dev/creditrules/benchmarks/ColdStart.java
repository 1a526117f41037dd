package dev.creditrules.benchmarks;

import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import dev.creditrules.runtime.CreditRulesEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * JVM start to first decision, and the heap that all packs loaded take. Run it in a fresh JVM (see
 * docs/performance.md: {@code java -Xmx100m -cp benchmarks.jar
 * dev.creditrules.benchmarks.ColdStart}, five times). It prints one line: the milliseconds from JVM
 * start (the runtime MX bean's start time) to the engine built and to the first decision returned,
 * and the heap used after a full GC with the engine still reachable. The request is made from the
 * engine's fact model once the engine is built; the time that takes is not counted.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    CreditRulesEngine engine = CreditRulesEngine.fromClasspath();
    long built = System.currentTimeMillis();
    Request request = Subjects.benchmark(engine.model(), 42, 10);
    long generating = System.currentTimeMillis() - built;
    Decision decision = engine.decide(request);
    long first = System.currentTimeMillis() - generating;
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf(
        "coldstart engineBuiltMs=%d firstDecisionMs=%d heapUsedAfterGcMB=%.1f heapMaxMB=%.0f packs=%d outcomes=%d%n",
        built - jvmStart,
        first - jvmStart,
        heap.getUsed() / 1048576.0,
        heap.getMax() / 1048576.0,
        engine.packs().size(),
        decision.incentives().size() + decision.sanctions().size() + decision.warnings().size());
    // keep the engine reachable until after the measurement
    if (engine.packs().isEmpty()) {
      throw new IllegalStateException("no packs");
    }
  }
}
