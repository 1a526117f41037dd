package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import dev.creditrules.pack.tree.PackFolder;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * One pack version ready to run: its manifest, effective catalogue, compiled knowledge packages
 * (scoped to the version, see {@link PackScope}) and digest, and the sources it was compiled from
 * with what it inherits (for explanations). A stage-2 version also has a session base of its own;
 * stage-1 versions run in the engine's shared stage-1 base.
 *
 * @param classes the fact classes it was compiled against (every pack of an engine shares them)
 * @param precompiled true when the packages were compiled at build time ({@link Precompiled})
 * @param key {@code id@version}, computed once (decisions ask for it per conclusion)
 * @param ref the contract's reference to this version
 * @param measures per rule name, the measure its {@code @measure} names: the measure of every
 *     {@code Hit} the rule inserts
 * @param procedures per rule name, the procedure its {@code @procedure} names: the procedure of
 *     every {@code RepairHit} the rule inserts
 * @param ruleIds per rule name, its id {@code id@version/name} as outcomes and repairs cite it,
 *     made once rather than per conclusion
 * @param markers true when a rule still joins {@code Judged} markers (a form {@link PackScope} does
 *     not compile into a check on the fact): its sessions then get the markers
 * @param context true when a rule matches the version's {@code Context} ({@link PackScope}): its
 *     sessions then get it
 * @param judgedOnly true when every rule matches only facts the version judges and reads nothing of
 *     which version is in force on asOf ({@link PackScope#JUDGED_ONLY}; false for a version with no
 *     rules)
 */
record CompiledPack(
    PackManifest manifest,
    Catalogue catalogue,
    Collection<KiePackage> packages,
    String digest,
    PackVersion source,
    FactClasses classes,
    @Nullable SessionBase own,
    boolean precompiled,
    String key,
    PackRef ref,
    Map<String, String> measures,
    Map<String, String> procedures,
    Map<String, String> ruleIds,
    boolean markers,
    boolean context,
    boolean judgedOnly) {

  static CompiledPack of(
      PackManifest manifest,
      Catalogue catalogue,
      Collection<KiePackage> packages,
      String digest,
      PackVersion source,
      FactClasses classes,
      boolean precompiled) {
    Map<String, String> measures = new HashMap<>();
    Map<String, String> procedures = new HashMap<>();
    Map<String, String> ruleIds = new HashMap<>();
    boolean markers = false;
    boolean context = false;
    boolean judgedOnly = true;
    boolean anyRule = false;
    for (KiePackage p : packages) {
      for (Rule r : p.getRules()) {
        markers |= r.getMetaData().containsKey(PackScope.MARKERS_USED);
        context |= !r.getMetaData().containsKey(PackScope.CONTEXT_FREE);
        judgedOnly &= r.getMetaData().containsKey(PackScope.JUDGED_ONLY);
        anyRule = true;
        ruleIds.put(r.getName(), manifest.key() + "/" + r.getName());
        Object m = r.getMetaData().get("measure");
        if (m != null) {
          measures.put(r.getName(), PackLinter.unquote(m));
        }
        Object proc = r.getMetaData().get("procedure");
        if (proc != null) {
          procedures.put(r.getName(), PackLinter.unquote(proc));
        }
      }
    }
    return new CompiledPack(
        manifest,
        catalogue,
        List.copyOf(packages),
        digest,
        source,
        classes,
        manifest.stage() == 1 ? null : SessionBase.of(packages, false, classes),
        precompiled,
        manifest.key(),
        new PackRef(manifest.id(), manifest.version(), digest),
        Map.copyOf(measures),
        Map.copyOf(procedures),
        Map.copyOf(ruleIds),
        markers,
        context,
        judgedOnly && anyRule);
  }

  /** The id of rule {@code name}, one of this version's rules (those that ran in its session). */
  String ruleId(String name) {
    return Objects.requireNonNull(ruleIds.get(name), () -> "no rule " + name + " in " + key);
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

  /** The version's own folder. */
  PackFolder folder() {
    return source.folder();
  }
}
