package dev.creditrules.spark;

import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import java.io.Serializable;

/**
 * Decides one request on an executor. Implementations are shipped to the executors inside the
 * partition function, so they must hold no engine: they look it up in {@link Engines} on first use.
 */
interface Decider extends Serializable {
  /**
   * Decides a request.
   *
   * @throws InvalidRequestException if the request breaks the contract
   */
  Decision decide(Request request);

  /** The engine built from the packs on the executor's class path, once per JVM. */
  enum Classpath implements Decider {
    INSTANCE;

    @Override
    public Decision decide(Request request) {
      return Engines.engine().decide(request);
    }
  }
}
