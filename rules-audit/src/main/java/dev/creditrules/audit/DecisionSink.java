package dev.creditrules.audit;

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

  /** A short name for reports, never containing credentials (for example {@code jsonl:/var/log/d.jsonl}). */
  String name();

  /** Releases the sink's resources; records written before stay written. */
  @Override
  default void close() throws IOException {}
}
