package dev.creditrules.pack;

/**
 * Where a rule's conclusions go. Pack authors write {@code insert( conclusion )}; the runtime
 * compiles every {@code insert} of a consequence into a call of the session's collector. Stage-1
 * rules never read conclusions (they are evaluated once over the facts), so a conclusion need not
 * enter working memory, and handing it over costs a list entry instead of a fact handle; a stage-2
 * collector puts into working memory only the conclusions its session's patterns can match (the
 * records stage-2 rules read).
 */
public interface Collector {
  /** The name of the global the runtime declares in every scoped package. */
  String GLOBAL = "creditRulesCollector";

  /**
   * Receives one conclusion.
   *
   * @param rule the rule that concluded it (stage 1), or its context (stage 2): engine objects,
   *     read by the runtime
   * @param conclusion what the consequence inserted
   */
  void conclude(Object rule, Object conclusion);
}
