package dev.creditrules.runtime;

import dev.creditrules.api.Area;
import dev.creditrules.api.Basis;
import dev.creditrules.api.MeasureGroup;
import dev.creditrules.api.Name;
import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.PackFolder;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A pack version's {@code measures.properties}, with what it inherits: its measures and repair
 * procedures as data. The catalogue is the single source of a measure's names, group, areas, basis
 * and verified flag (its sector is the manifest's); a rule names its measure once, in {@code
 * @measure}.
 */
record Catalogue(Map<String, Measure> measures, Map<String, Procedure> procedures) {

  static final String FILE = PackFolder.CATALOGUE;

  /** One measure's attributes (packs-v1 s.8). */
  record Measure(
      String id,
      Name name,
      MeasureGroup group,
      List<Area> areas,
      List<Basis> basis,
      boolean verified,
      boolean merge) {}

  /** One repair procedure: where the application goes and on what basis. */
  /**
   * A repair procedure. {@code when} ({@code procedure.<id>.when.<field>=A,B}): the values of the
   * cited record's fields for which a rule naming several procedures picks this one; empty when it
   * is the only procedure its rule names.
   */
  record Procedure(
      String id,
      @Nullable String route,
      List<Basis> basis,
      boolean verified,
      Map<String, Set<String>> when) {

    /** True when {@code value} of each field in {@code when} (read by {@code field}) matches. */
    boolean matches(java.util.function.Function<String, Object> field) {
      for (Map.Entry<String, Set<String>> e : when.entrySet()) {
        Object v = field.apply(e.getKey());
        if (v == null || !e.getValue().contains(v.toString())) {
          return false;
        }
      }
      return true;
    }
  }

  static Catalogue parse(String pack, String text, List<PackProblem> problems) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(new PackProblem(pack, FILE, 0, 0, null, "cannot read: " + e.getMessage()));
      return new Catalogue(Map.of(), Map.of());
    }
    return of(pack, p, problems);
  }

  /**
   * The catalogue of a version's effective entries: its own {@code measures.properties} overlaid on
   * the inherited ones ({@link PackVersion#catalogue()}).
   */
  static Catalogue of(String pack, Properties p, List<PackProblem> problems) {
    TreeSet<String> measureIds = new TreeSet<>();
    TreeSet<String> procedureIds = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      String[] parts = key.split("\\.");
      if (parts.length < 3) {
        problems.add(new PackProblem(pack, FILE, 0, 0, null, "unexpected key '" + key + "'"));
      } else if (parts[0].equals("measure")) {
        measureIds.add(parts[1]);
      } else if (parts[0].equals("procedure")) {
        procedureIds.add(parts[1]);
      } else {
        problems.add(new PackProblem(pack, FILE, 0, 0, null, "unexpected key '" + key + "'"));
      }
    }
    Map<String, Measure> measures = new TreeMap<>();
    for (String id : measureIds) {
      String k = "measure." + id + ".";
      List<String> errors = new ArrayList<>();
      String zh = req(p, k + "zh", errors);
      String en = req(p, k + "en", errors);
      String groupText = req(p, k + "group", errors);
      MeasureGroup group = null;
      if (groupText != null) {
        try {
          group = MeasureGroup.valueOf(groupText);
        } catch (IllegalArgumentException e) {
          errors.add(k + "group: unknown group '" + groupText + "'");
        }
      }
      List<Area> areas = new ArrayList<>();
      String areasText = p.getProperty(k + "areas");
      if (areasText == null) {
        errors.add("missing " + k + "areas (write an empty value for a measure with no area)");
      } else if (!areasText.isBlank()) {
        for (String a : areasText.split(",")) {
          try {
            areas.add(Area.valueOf(a.trim()));
          } catch (IllegalArgumentException e) {
            errors.add(k + "areas: unknown area '" + a.trim() + "'");
          }
        }
      }
      List<Basis> basis = bases(p, k, errors);
      Boolean verified = bool(p, k + "verified", true, errors);
      Boolean merge = bool(p, k + "merge", false, errors);
      // none of zh, en and group is null when there is no error
      if (errors.isEmpty() && zh != null && en != null && group != null) {
        measures.put(
            id,
            new Measure(id, new Name(zh, en), group, List.copyOf(areas), basis, verified, merge));
      } else {
        errors.forEach(e -> problems.add(new PackProblem(pack, FILE, 0, 0, null, e)));
      }
    }
    Map<String, Procedure> procedures = new TreeMap<>();
    for (String id : procedureIds) {
      String k = "procedure." + id + ".";
      List<String> errors = new ArrayList<>();
      String route = p.getProperty(k + "route");
      route = route == null || route.isBlank() ? null : route.trim();
      List<Basis> basis = bases(p, k, errors);
      Boolean verified = bool(p, k + "verified", true, errors);
      Map<String, Set<String>> when = new TreeMap<>();
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith(k + "when.")) {
          Set<String> values = new java.util.LinkedHashSet<>();
          for (String v : p.getProperty(key).split(",")) {
            if (!v.isBlank()) {
              values.add(v.trim());
            }
          }
          when.put(key.substring((k + "when.").length()), Set.copyOf(values));
        }
      }
      if (errors.isEmpty()) {
        procedures.put(id, new Procedure(id, route, basis, verified, Map.copyOf(when)));
      } else {
        errors.forEach(e -> problems.add(new PackProblem(pack, FILE, 0, 0, null, e)));
      }
    }
    return new Catalogue(Map.copyOf(measures), Map.copyOf(procedures));
  }

  private static List<Basis> bases(Properties p, String k, List<String> errors) {
    List<Basis> basis = new ArrayList<>();
    for (int i = 1; p.getProperty(k + "basis." + i) != null; i++) {
      String[] parts = p.getProperty(k + "basis." + i).split("\\|", -1);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        errors.add(k + "basis." + i + " must be 'title|number|article' with all three filled");
      } else {
        basis.add(new Basis(parts[0].trim(), parts[1].trim(), parts[2].trim()));
      }
    }
    if (basis.isEmpty() && errors.isEmpty()) {
      errors.add("missing " + k + "basis.1");
    }
    return List.copyOf(basis);
  }

  private static @Nullable String req(Properties p, String key, List<String> errors) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      errors.add("missing " + key);
      return null;
    }
    return v.trim();
  }

  private static Boolean bool(Properties p, String key, boolean required, List<String> errors) {
    String v = p.getProperty(key);
    if (v == null) {
      if (required) {
        errors.add("missing " + key);
      }
      return false;
    }
    switch (v.trim()) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        errors.add(key + " must be true or false but was '" + v.trim() + "'");
        return false;
    }
  }

  /**
   * The procedures a rule's {@code @procedure} names: one id, or several separated by commas (the
   * catalogue's {@code when} picks one per record).
   */
  static List<String> idsNamed(String metadata) {
    List<String> ids = new java.util.ArrayList<>();
    for (String id : metadata.split(",")) {
      if (!id.isBlank()) {
        ids.add(id.trim());
      }
    }
    return ids;
  }
}
