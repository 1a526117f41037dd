package dev.creditrules.pack;

/**
 * Where a stage-1 rule's conclusions go. Pack authors write {@code insert( conclusion )}; the
 * runtime compiles every {@code insert} of a stage-1 consequence into a call of the session's
 * collector, with the firing rule: stage-1 rules never read conclusions (they are evaluated once
 * over the facts), so a conclusion need not enter working memory, and handing it over costs a list
 * entry instead of a fact handle.
 */
public interface Collector {
  /** The name of the global the runtime declares in every stage-1 package. */
  String GLOBAL = "creditRulesCollector";

  /**
   * Receives one conclusion.
   *
   * @param rule the rule that concluded it (the engine's rule object, read by the runtime)
   * @param conclusion what the consequence inserted
   */
  void conclude(Object rule, Object conclusion);
}
