package dev.creditrules.spark;

import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.runtime.CreditRulesEngine;
import org.jspecify.annotations.Nullable;

/**
 * The one engine of this JVM (driver or executor), built lazily from the packs on the class path on
 * first use and then shared by every task the JVM runs. The engine is never serialized: partition
 * functions reach it through this class, which Spark never ships.
 */
final class Engines {
  private static volatile @Nullable CreditRulesEngine engine;

  /** Thread-safe and stateless: shared by every task of the JVM; made on first use. */
  private static volatile @Nullable ContractJson json;

  private Engines() {}

  /**
   * The engine, built on the first call (about 4 s: every pack version is compiled); concurrent
   * first callers wait for the one build.
   *
   * @throws Unavailable if the engine cannot be built (packs that do not load, a broken class
   *     path); no request of this JVM could be decided, so the task fails
   */
  static CreditRulesEngine engine() {
    CreditRulesEngine e = engine;
    if (e == null) {
      synchronized (Engines.class) {
        e = engine;
        if (e == null) {
          e = build();
          engine = e;
        }
      }
    }
    return e;
  }

  /**
   * The reader and writer of the contract over the fact model of the packs on the class path: the
   * built engine's, or, before it is built, the same declarations read without compiling a pack (so
   * that blank and invalid lines never build the engine).
   *
   * @throws Unavailable if the declarations cannot be read; no request of this JVM could be read
   */
  static ContractJson json() {
    ContractJson j = json;
    if (j == null) {
      synchronized (Engines.class) {
        j = json;
        if (j == null) {
          j = new ContractJson(model());
          json = j;
        }
      }
    }
    return j;
  }

  private static FactModel model() {
    CreditRulesEngine e = engine;
    if (e != null) {
      return e.model();
    }
    try {
      return FactModelReader.fromClasspath(Engines.class.getClassLoader());
    } catch (RuntimeException | LinkageError x) {
      throw new Unavailable(x);
    }
  }

  /** Whether this JVM has built its engine yet. */
  static boolean built() {
    return engine != null;
  }

  /**
   * Builds the engine with this library's class loader as the thread's context loader: Drools finds
   * its services through it, and under {@code spark-submit} the application jar lives in a child
   * loader that the task thread's default may not be. The runtime compiles on threads that inherit
   * this loader.
   */
  private static CreditRulesEngine build() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Engines.class.getClassLoader());
    try {
      return CreditRulesEngine.fromClasspath();
    } catch (RuntimeException | LinkageError e) {
      throw new Unavailable(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The engine could not be built: not a problem of one request, so it fails the task. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(Throwable cause) {
      super(
          "credit-rules: cannot build the engine from the packs on the class path: " + cause,
          cause);
    }
  }
}
