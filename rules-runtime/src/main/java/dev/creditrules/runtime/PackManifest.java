package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.pack.tree.PackFolder;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A pack version's {@code pack.properties}. */
record PackManifest(
    String id,
    String version,
    String sector,
    String title,
    LocalDate validFrom,
    Set<String> governs,
    int stage,
    @Nullable String layerOf,
    Map<String, String> select,
    List<String> sources,
    Map<String, Map<String, String>> take,
    Set<String> reads,
    Map<String, Map<String, Set<String>>> first,
    Set<dev.creditrules.api.SubjectType> subjects) {

  /** True when the version may run for a subject of {@code type} ({@code subjects=}, or any). */
  boolean runsFor(dev.creditrules.api.SubjectType type) {
    return subjects.isEmpty() || subjects.contains(type);
  }

  static final String FILE = PackFolder.MANIFEST;
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern VERSION = Pattern.compile("\\d{4}\\.\\d{2}");

  String key() {
    return id + "@" + version;
  }

  /** True for a layer: a pack that applies to the selected facts of its base pack's types. */
  boolean isLayer() {
    return layerOf != null;
  }

  /** Parses a manifest; problems are added to {@code problems} and null is returned. */
  static @Nullable PackManifest parse(
      String folder,
      String expectedId,
      String expectedVersion,
      String text,
      FactModel model,
      List<PackProblem> problems) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(new PackProblem(folder, FILE, 0, 0, null, "cannot read: " + e.getMessage()));
      return null;
    }
    List<String> errors = new ArrayList<>();
    String id = required(p, "id", errors);
    String version = required(p, "version", errors);
    String sector = required(p, "sector", errors);
    String title = required(p, "title", errors);
    String from = required(p, "validFrom", errors);
    String governsText = p.getProperty("governs", "").trim();
    String stageText = p.getProperty("stage", "1").trim();
    if (id != null && !ID.matcher(id).matches()) {
      errors.add("id must be lower-case kebab-case but was '" + id + "'");
    }
    if (id != null && expectedId != null && !id.equals(expectedId)) {
      errors.add("id '" + id + "' does not match the folder name '" + expectedId + "'");
    }
    if (version != null && !VERSION.matcher(version).matches()) {
      errors.add("version must be YYYY.MM but was '" + version + "'");
    }
    if (version != null && expectedVersion != null && !version.equals(expectedVersion)) {
      errors.add(
          "version '" + version + "' does not match the folder name '" + expectedVersion + "'");
    }
    LocalDate validFrom = null;
    if (from != null) {
      try {
        validFrom = LocalDate.parse(from);
      } catch (DateTimeParseException e) {
        errors.add("validFrom must be an ISO date but was '" + from + "'");
      }
    }
    Set<String> governs = new LinkedHashSet<>();
    if (!governsText.isEmpty()) {
      for (String t : governsText.split(",")) {
        if (model.type(t.trim()) == null) {
          errors.add("governs names unknown fact type '" + t.trim() + "'");
        } else {
          governs.add(t.trim());
        }
      }
    }
    int stage = 0;
    try {
      stage = Integer.parseInt(stageText);
    } catch (NumberFormatException e) {
      // reported below
    }
    if (stage != 1 && stage != 2) {
      errors.add("stage must be 1 or 2 but was '" + stageText + "'");
    }
    String layerOf = p.getProperty("layerOf", "").trim();
    Map<String, String> select = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("select.")) {
        select.put(key.substring("select.".length()), p.getProperty(key).trim());
      }
    }
    if (layerOf.isEmpty() && !select.isEmpty()) {
      errors.add("select.* is only allowed on a layer (set layerOf to the base pack's id)");
    }
    if (!layerOf.isEmpty() && select.isEmpty()) {
      errors.add(
          "a layer needs at least one select.<field>=<value> naming the facts it applies to");
    }
    for (String field : select.keySet()) {
      for (String t : governs) {
        if (!FactFields.has(declared(model, t), field)) {
          errors.add("select." + field + ": " + t + " has no field '" + field + "'");
        }
      }
    }
    // take.<TYPE>.<field>=<value>: this pack judges the facts of TYPE (governed by another pack)
    // whose fields match, from its first version governing TYPE; "*" means "given"
    Map<String, Map<String, String>> take = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith("take.")) {
        continue;
      }
      String rest = key.substring("take.".length());
      int dot = rest.indexOf('.');
      String t = dot < 0 ? rest : rest.substring(0, dot);
      String field = dot < 0 ? "" : rest.substring(dot + 1);
      if (dot < 0 || field.isEmpty()) {
        errors.add(key + ": expected take.<TYPE>.<field>=<value>");
      } else if (!governs.contains(t)) {
        errors.add(key + ": " + t + " is not in governs");
      } else if (!FactFields.has(declared(model, t), field)) {
        errors.add(key + ": " + t + " has no field '" + field + "'");
      } else if (!layerOf.isEmpty()) {
        errors.add(key + ": a layer selects with select.<field>, not take.*");
      } else {
        take.computeIfAbsent(t, k -> new TreeMap<>()).put(field, p.getProperty(key).trim());
      }
    }
    take.replaceAll((k, v) -> Map.copyOf(v));
    Set<String> reads = new LinkedHashSet<>();
    for (String t : p.getProperty("reads", "").split(",")) {
      if (t.isBlank()) {
        continue;
      }
      if (model.type(t.trim()) == null) {
        errors.add("reads names unknown fact type '" + t.trim() + "'");
      } else {
        reads.add(t.trim());
      }
    }
    // first.<TYPE>.<field>=A,B: this version is the first of the pack that may judge a fact of TYPE
    // whose field has one of these values (an older one is judged by it, unverified)
    Map<String, Map<String, Set<String>>> first = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith("first.")) {
        continue;
      }
      String rest = key.substring("first.".length());
      int dot = rest.indexOf('.');
      String t = dot < 0 ? rest : rest.substring(0, dot);
      String field = dot < 0 ? "" : rest.substring(dot + 1);
      if (dot < 0 || field.isEmpty()) {
        errors.add(key + ": expected first.<TYPE>.<field>=<value>,<value>...");
      } else if (!governs.contains(t)) {
        errors.add(key + ": " + t + " is not in governs");
      } else if (!FactFields.has(declared(model, t), field)) {
        errors.add(key + ": " + t + " has no field '" + field + "'");
      } else {
        Set<String> values = new LinkedHashSet<>();
        for (String v : p.getProperty(key).split(",")) {
          if (!v.isBlank()) {
            values.add(v.trim());
          }
        }
        var decl = declared(model, t).field(field);
        if (decl != null && !decl.values().isEmpty() && !decl.values().containsAll(values)) {
          errors.add(key + ": not every value is one of " + String.join(", ", decl.values()));
        }
        first.computeIfAbsent(t, k -> new TreeMap<>()).put(field, Set.copyOf(values));
      }
    }
    first.replaceAll((k, v) -> Map.copyOf(v));
    // subjects=NATURAL_PERSON,...: the version runs only for subjects of these types
    Set<dev.creditrules.api.SubjectType> subjects = new LinkedHashSet<>();
    for (String t : p.getProperty("subjects", "").split(",")) {
      if (t.isBlank()) {
        continue;
      }
      try {
        subjects.add(dev.creditrules.api.SubjectType.valueOf(t.trim()));
      } catch (IllegalArgumentException e) {
        errors.add("subjects names unknown subject type '" + t.trim() + "'");
      }
    }
    List<String> sources = new ArrayList<>();
    for (int i = 1; p.getProperty("source." + i) != null; i++) {
      sources.add(p.getProperty("source." + i).trim());
    }
    // a required key that is missing or does not read is an error: none is null without one
    if (!errors.isEmpty()
        || id == null
        || version == null
        || sector == null
        || title == null
        || validFrom == null) {
      for (String e : errors) {
        problems.add(new PackProblem(folder, FILE, 0, 0, null, e));
      }
      return null;
    }
    return new PackManifest(
        id,
        version,
        sector,
        title,
        validFrom,
        Set.copyOf(governs),
        stage,
        layerOf.isEmpty() ? null : layerOf,
        Map.copyOf(select),
        List.copyOf(sources),
        Map.copyOf(take),
        Set.copyOf(reads),
        Map.copyOf(first),
        Set.copyOf(subjects));
  }

  /** A type named in governs: governs holds only the types the model declares (checked above). */
  private static FactTypeDecl declared(FactModel model, String type) {
    return Objects.requireNonNull(model.type(type), type);
  }

  private static @Nullable String required(Properties p, String key, List<String> errors) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      errors.add("missing required key '" + key + "'");
      return null;
    }
    return v.trim();
  }
}
