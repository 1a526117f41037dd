package dev.creditrules.audit;

/**
 * What a sink keeps of a record's input (the request), which replay needs. Ids in the fields meant
 * for display and indexing are masked whatever this says; this is about the full input, which holds
 * the real subject id, the name and every fact.
 */
public enum RequestStorage {
  /** Never stored: no record of this sink can be replayed. */
  NONE,
  /**
   * The default: organisations' inputs in plain; inputs about natural persons (or of unknown type)
   * not stored, so their records cannot be replayed from this sink. Organisations' credit records
   * are public registration and enforcement data; a person's are not.
   */
  ORGANISATIONS,
  /**
   * Every input encrypted with AES-256-GCM under the sink's {@link RequestCipher}: replay needs the
   * key, and whoever holds the log without the key sees no input.
   */
  ENCRYPTED,
  /**
   * Every input in plain: only for stores whose access is restricted to the people entitled to
   * audit decisions (see {@code docs/audit.md}).
   */
  PLAIN
}
