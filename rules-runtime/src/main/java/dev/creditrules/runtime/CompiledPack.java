package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import java.util.Collection;
import java.util.List;
import org.kie.api.definition.KiePackage;

/**
 * One pack version ready to run: its manifest, catalogue, compiled knowledge packages (scoped to
 * the version, see {@link PackScope}) and digest, and the files it was compiled from (for
 * explanations). A stage-2 version also has a session base of its own; stage-1 versions run in the
 * engine's shared stage-1 base.
 *
 * @param classes the fact classes it was compiled against (every pack of an engine shares them)
 * @param precompiled true when the packages were compiled at build time ({@link Precompiled})
 * @param key {@code id@version}, computed once (decisions ask for it per conclusion)
 * @param ref the contract's reference to this version
 */
record CompiledPack(
    PackManifest manifest,
    Catalogue catalogue,
    Collection<KiePackage> packages,
    String digest,
    PackFolder folder,
    FactClasses classes,
    SessionBase own,
    boolean precompiled,
    String key,
    PackRef ref) {

  static CompiledPack of(
      PackManifest manifest,
      Catalogue catalogue,
      Collection<KiePackage> packages,
      String digest,
      PackFolder folder,
      FactClasses classes,
      boolean precompiled) {
    return new CompiledPack(
        manifest,
        catalogue,
        List.copyOf(packages),
        digest,
        folder,
        classes,
        manifest.stage() == 1 ? null : SessionBase.of(packages, false, classes),
        precompiled,
        manifest.key(),
        new PackRef(manifest.id(), manifest.version(), digest));
  }

  // identity semantics: a compilation is one object (its packages and pool are), and the
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
}
