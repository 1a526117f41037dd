package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import org.kie.api.KieBase;

/**
 * One pack version ready to run: its manifest, catalogue, knowledge base and digest, and the files
 * it was compiled from (for explanations).
 */
record CompiledPack(
    PackManifest manifest, Catalogue catalogue, KieBase kieBase, String digest, PackFolder folder) {

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
