package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * One pack version ready to run: its manifest, catalogue, knowledge base and digest, and the files
 * it was compiled from (for explanations).
 */
record CompiledPack(
    PackManifest manifest,
    Catalogue catalogue,
    KieBase kieBase,
    String digest,
    PackFolder folder,
    KieSessionsPool sessions,
    MatchedTypes matched) {

  /** A compiled pack with a pool of reusable sessions over its knowledge base. */
  static CompiledPack of(
      PackManifest manifest, Catalogue catalogue, KieBase kieBase, String digest, PackFolder folder) {
    // sessions are reset and reused instead of built per call; the pool grows with concurrency
    return new CompiledPack(
        manifest,
        catalogue,
        kieBase,
        digest,
        folder,
        kieBase.newKieSessionsPool(2),
        MatchedTypes.of(kieBase));
  }

  // identity semantics: a compilation is one object (its knowledge base and pool are), and the
  // record's default hashCode would hash the whole catalogue on every map lookup
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  String id() {
    return manifest.id();
  }

  String version() {
    return manifest.version();
  }

  String key() {
    return manifest.key();
  }

  PackRef ref() {
    return new PackRef(manifest.id(), manifest.version(), digest);
  }
}
