package dev.creditrules.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The opt-in parts of the runtime. Deciding with the shipped packs, which are precompiled at build
 * time ({@link Precompiled}), needs only the Drools core; compiling DRL at run time (a pack from a
 * directory, {@link LivePacks}, an edited pack, the explainer's probes) needs the DRL compiler,
 * which {@code dev.creditrules:rules-compiler} brings, and a spreadsheet decision table needs
 * {@code dev.creditrules:rules-decisiontables} too. Each is checked here, by a class it brings,
 * before anything touches it, so its absence is a clear message naming the artifact to add, never a
 * {@link NoClassDefFoundError}.
 */
final class OptIn {
  /** The artifact that brings the DRL compiler. */
  static final String COMPILER = "dev.creditrules:rules-compiler";

  /** The artifact that brings spreadsheet decision tables (and the compiler). */
  static final String DECISION_TABLES = "dev.creditrules:rules-decisiontables";

  // the parser, the compiler and the Java compiler of consequences it uses (ECJ)
  private static final String[] COMPILER_CLASSES = {
    "org.drools.drl.parser.DrlParser",
    "org.drools.compiler.builder.impl.KnowledgeBuilderImpl",
    "org.drools.ecj.EclipseJavaCompiler"
  };
  private static final String[] TABLE_CLASSES = {"org.drools.decisiontable.SpreadsheetCompiler"};

  private OptIn() {}

  /**
   * Null when DRL can be compiled here, else why not: the artifact to add and the class missing.
   */
  static @Nullable String missingCompiler() {
    String missing = missing(COMPILER_CLASSES);
    return missing == null
        ? null
        : "compiling DRL needs " + COMPILER + " on the class path (" + missing + " not found)";
  }

  /** Null when decision tables can be converted here, else why not. */
  static @Nullable String missingDecisionTables() {
    String missing = missing(TABLE_CLASSES);
    return missing == null
        ? null
        : "a decision table needs "
            + DECISION_TABLES
            + " on the class path ("
            + missing
            + " not found)";
  }

  private static @Nullable String missing(String[] classes) {
    for (String name : classes) {
      try {
        Class.forName(name, false, OptIn.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return name;
      }
    }
    return null;
  }
}
