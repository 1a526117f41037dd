package dev.creditrules.runtime;

import dev.creditrules.pack.Collector;
import dev.creditrules.pack.Judges;
import java.util.Collection;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * A knowledge base that decisions run sessions on, with its pool of reusable sessions and the
 * classes its patterns can match. The engine has one over every stage-1 pack version and one per
 * stage-2 pack version. {@code collects} when its packages declare the {@link Collector} global
 * (stage 1, see {@link PackScope}): a session must then be given one; {@code judges} when they
 * declare the {@link Judges} global (every scoped package): a session must be given the decision's.
 */
record SessionBase(
    KieBase kieBase,
    KieSessionsPool sessions,
    KieSessionConfiguration sessionConf,
    MatchedTypes matched,
    boolean sequential,
    boolean collects,
    boolean judges) {

  /**
   * A base over compiled packages; sessions are reset and reused, the pool grows with threads. A
   * {@code sequential} base runs Drools' sequential mode: every rule is evaluated once over the
   * inserted facts and conclusions are not propagated, which is exact only for rules that never
   * read conclusions nor modify facts (stage 1, which {@link PackScope} enforces).
   */
  static SessionBase of(Collection<KiePackage> packages, boolean sequential, FactClasses classes) {
    KieBase base = newKieBase(packages, sequential, classes.loader());
    // a pooled session serves one call on one thread at a time: no need for Drools' thread-safe
    // propagation queue (the pool keys its sessions by this one configuration object). The core's
    // factories, not KieServices: its implementation lives in the opt-in compiler (OptIn)
    KieSessionConfiguration conf = RuleBaseFactory.newKnowledgeSessionConfiguration();
    conf.setOption(ThreadSafeOption.NO);
    boolean collects = false;
    boolean judges = false;
    for (KiePackage p : base.getKiePackages()) {
      for (var g : p.getGlobalVariables()) {
        collects |= g.getName().equals(Collector.GLOBAL);
        judges |= g.getName().equals(Judges.GLOBAL);
      }
    }
    return new SessionBase(
        base,
        base.newKieSessionsPool(2),
        conf,
        MatchedTypes.of(base),
        sequential,
        collects,
        judges);
  }

  /**
   * A knowledge base over compiled packages, in the class loader holding the fact classes they were
   * compiled against ({@link FactClasses#loader()}).
   */
  static KieBase newKieBase(
      Collection<KiePackage> packages, boolean sequential, ClassLoader loader) {
    KieBaseConfiguration conf = RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader);
    if (sequential) {
      conf.setOption(SequentialOption.YES);
      // built once, never changed (a reload builds a new base): an immutable base spares every
      // session the guards of knowledge-base modifications. Drools then keeps no inserted object
      // that no pattern can match, so only a base whose conclusions need not be found in the
      // session afterwards may be immutable: the sequential one. The other bases stay mutable
      // because the explainer's probes run on them and read theirs back with getObjects.
      conf.setOption(KieBaseMutabilityOption.DISABLED);
    }
    InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(conf);
    base.addPackages(packages);
    defineClasses(base);
    return base;
  }

  /**
   * Defines every class the base's packages hold (consequences, invokers, functions) now, on the
   * building thread, and returns how many. Drools' {@code PackageClassLoader} defines them lazily
   * on first use, and is not registered as parallel capable: the JVM holds the loader's monitor
   * while it resolves a class for a rule's consequence, and the loader takes a per-class lock
   * before defining it. Two decision threads that reach the same undefined class at once, one
   * through the JVM's resolution and one through an explicit {@code loadClass} (MVEL's constraint
   * setup), take the two locks in opposite order: the deadlock once seen in {@code
   * ReloadStressTest} on a freshly swapped engine. Once every class is defined, a lookup returns
   * before taking any lock, so a base is published only after this.
   */
  static int defineClasses(InternalKnowledgeBase base) {
    int defined = 0;
    for (KiePackage p : base.getKiePackages()) {
      if (!(p instanceof InternalKnowledgePackage ip)
          || !(ip.getDialectRuntimeRegistry().getDialectData("java")
              instanceof JavaDialectRuntimeData java)) {
        continue;
      }
      ClassLoader loader = java.getClassLoader();
      for (String resource : java.getStore().keySet()) {
        if (!resource.endsWith(".class")) {
          continue;
        }
        String name = resource.substring(0, resource.length() - 6).replace('/', '.');
        try {
          Class.forName(name, false, loader);
          defined++;
        } catch (ClassNotFoundException | LinkageError e) {
          // as before: Drools defines (or fails to define) it on first use
        }
      }
    }
    return defined;
  }
}
