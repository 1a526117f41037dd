package dev.creditrules.audit;

import dev.creditrules.api.CreditRules;
import java.io.IOException;

/**
 * Where a {@link DecisionLog} writes its records. Implementations are thread-safe: {@link #write}
 * is called from every thread that decides. A sink that cannot write throws; the log counts and
 * reports the failure and the caller still gets its decision.
 */
public interface DecisionSink extends AutoCloseable {

  /**
   * Writes one record durably (as far as the sink's policy says) before returning.
   *
   * @throws Exception when the record could not be written; it is then not in this sink
   */
  void write(DecisionRecord record) throws Exception;

  /**
   * Called by {@link DecisionLog} when it is built, before any record, with the rules it logs: a
   * sink that writes the contract's JSON makes its writer from their fact model ({@code
   * rules.model()}). A sink given to several logs is attached to each in turn. The default does
   * nothing.
   */
  default void attach(CreditRules rules) {}

  /**
   * A short name for reports, never containing credentials (for example {@code
   * jsonl:/var/log/d.jsonl}).
   */
  String name();

  /** Releases the sink's resources; records written before stay written. */
  @Override
  default void close() throws IOException {}
}
