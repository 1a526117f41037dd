package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.AsOf;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The loaded packs: each pack id with its versions sorted by {@code validFrom}, and which pack
 * governs each fact type. Immutable.
 */
final class PackSet {
  private final Map<String, List<CompiledPack>> byId;
  private final SessionBase stage1;
  private final Map<String, CompiledPack> byPackage;
  // precomputed: decisions ask these for every pack and fact
  private final Map<Integer, List<String>> idsOfStage = new java.util.HashMap<>();
  private final Map<String, Judge> judges = new java.util.HashMap<>();
  private final FactClasses classes;

  /**
   * Which facts one pack judges, and by which versions.
   *
   * @param types the fact types it judges: those it governs, or for a layer those any of its
   *     versions governs (a layer's facts must also match its {@code select})
   * @param select a layer's selection, or null
   * @param windows per fact type, the versions governing it by validFrom; maybe empty
   * @param takes per type this pack takes from the type's governing pack: what it takes
   * @param takenBy per type this pack governs: what other packs take from it
   */
  record Judge(
      Set<String> types,
      @Nullable Map<String, String> select,
      Map<String, List<CompiledPack>> windows,
      FactModel model,
      Map<String, Take> takes,
      Map<String, List<Take>> takenBy) {
    /** True when the pack may judge a fact of one of {@code types} (types present in a request). */
    /** The versions governing facts of {@code type}, a declared type (every one has its entry). */
    List<CompiledPack> windowsOf(String type) {
      return Objects.requireNonNull(windows.get(type), () -> "undeclared fact type " + type);
    }

    boolean judgesAnyOf(Set<String> present) {
      for (String t : present) {
        if (types.contains(t) || takes.containsKey(t)) {
          return true;
        }
      }
      return false;
    }

    /** True when the pack judges {@code fact}. */
    boolean judges(Fact fact) {
      Take take = takes.get(fact.type());
      if (take != null) {
        return take.covers(fact, model);
      }
      if (!types.contains(fact.type())
          || (select != null && !FactFields.matches(fact, model.typeOf(fact), select))) {
        return false;
      }
      List<Take> taken = takenBy.get(fact.type());
      if (taken != null) {
        for (Take t : taken) {
          if (t.covers(fact, model)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /**
   * The facts of a type that a pack takes from the pack governing the type ({@code
   * take.<TYPE>.<field>} in its manifest): those matching {@code select} whose own date is on or
   * after {@code from}, the {@code validFrom} of the taking pack's first version governing it.
   */
  record Take(String pack, Map<String, String> select, LocalDate from) {
    boolean covers(Fact fact, FactModel model) {
      return FactFields.matches(fact, model.typeOf(fact), select)
          && !FactFields.versionDate(model, fact).isBefore(from);
    }
  }

  private PackSet(
      Map<String, List<CompiledPack>> byId,
      Map<String, String> governor,
      SessionBase stage1,
      Map<String, CompiledPack> byPackage,
      FactClasses classes) {
    this.byId = byId;
    this.classes = classes;
    this.stage1 = stage1;
    this.byPackage = byPackage;
    Map<String, Map<String, Take>> takesById = new HashMap<>();
    Map<String, List<Take>> takenBy = new HashMap<>();
    for (Map.Entry<String, List<CompiledPack>> e : byId.entrySet()) {
      for (String t : classes.model().typeNames()) {
        List<CompiledPack> windows = governing(e.getValue(), t);
        if (!windows.isEmpty() && windows.get(0).manifest().take().containsKey(t)) {
          Take take =
              new Take(
                  e.getKey(),
                  windows.get(0).manifest().take().get(t),
                  windows.get(0).manifest().validFrom());
          takesById.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(t, take);
          takenBy.computeIfAbsent(t, k -> new ArrayList<>()).add(take);
        }
      }
    }
    for (Map.Entry<String, List<CompiledPack>> e : byId.entrySet()) {
      idsOfStage
          .computeIfAbsent(e.getValue().get(0).manifest().stage(), k -> new ArrayList<>())
          .add(e.getKey());
      PackManifest first = e.getValue().get(0).manifest();
      Map<String, List<CompiledPack>> byType = new HashMap<>();
      Set<String> types = new HashSet<>();
      for (String t : classes.model().typeNames()) {
        List<CompiledPack> windows = governing(e.getValue(), t);
        byType.put(t, windows);
        if (first.isLayer() ? !windows.isEmpty() : e.getKey().equals(governor.get(t))) {
          types.add(t);
        }
      }
      Map<String, Take> takes = takesById.getOrDefault(e.getKey(), Map.of());
      Map<String, List<Take>> taken = new HashMap<>();
      for (String t : types) {
        if (!first.isLayer() && takenBy.containsKey(t)) {
          taken.put(t, List.copyOf(takenBy.get(t)));
        }
      }
      judges.put(
          e.getKey(),
          new Judge(
              types,
              first.isLayer() ? first.select() : null,
              byType,
              classes.model(),
              Map.copyOf(takes),
              Map.copyOf(taken)));
    }
    idsOfStage.replaceAll((k, v) -> v.stream().sorted().toList());
  }

  /** Groups compiled packs; inconsistencies between packs are added to {@code problems}. */
  static PackSet of(List<CompiledPack> packs, FactClasses classes, List<PackProblem> problems) {
    Map<String, List<CompiledPack>> byId = new TreeMap<>();
    for (CompiledPack p : packs) {
      if (p.classes() != classes) {
        throw new IllegalStateException(p.key() + " was compiled against other fact classes");
      }
    }
    for (CompiledPack p : packs) {
      byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
    }
    Map<String, String> governor = new HashMap<>();
    for (List<CompiledPack> versions : byId.values()) {
      versions.sort(Comparator.comparing(p -> p.manifest().validFrom()));
      CompiledPack first = versions.get(0);
      for (CompiledPack cur : versions) {
        PackManifest m = cur.manifest();
        if (m.stage() != first.manifest().stage()
            || !java.util.Objects.equals(m.layerOf(), first.manifest().layerOf())
            || !m.select().equals(first.manifest().select())) {
          problems.add(
              new PackProblem(
                  cur.key(),
                  PackManifest.FILE,
                  0,
                  0,
                  null,
                  "stage, layerOf and select must be the same in every version of a pack (see "
                      + first.key()
                      + ")"));
        }
        if (m.isLayer() && !byId.containsKey(m.layerOf())) {
          problems.add(
              new PackProblem(
                  cur.key(),
                  PackManifest.FILE,
                  0,
                  0,
                  null,
                  "layerOf names pack '" + m.layerOf() + "', which is not loaded"));
        }
      }
      for (String t : classes.model().typeNames()) {
        List<CompiledPack> windows = governing(versions, t);
        for (int i = 1; i < windows.size(); i++) {
          if (windows
              .get(i)
              .manifest()
              .validFrom()
              .equals(windows.get(i - 1).manifest().validFrom())) {
            problems.add(
                new PackProblem(
                    windows.get(i).key(),
                    PackManifest.FILE,
                    0,
                    0,
                    null,
                    "validFrom "
                        + windows.get(i).manifest().validFrom()
                        + " is also the validFrom of "
                        + windows.get(i - 1).key()
                        + " for "
                        + t
                        + ": two versions cannot govern the same window"));
          }
        }
        // every version governing the type takes the same facts of it, or none
        for (CompiledPack w : windows) {
          if (!java.util.Objects.equals(
              w.manifest().take().get(t), windows.get(0).manifest().take().get(t))) {
            problems.add(
                new PackProblem(
                    w.key(),
                    PackManifest.FILE,
                    0,
                    0,
                    null,
                    "take."
                        + t
                        + ".* must be the same in every version governing "
                        + t
                        + " (see "
                        + windows.get(0).key()
                        + ")"));
          }
        }
        if (!windows.isEmpty()
            && !first.manifest().isLayer()
            && !windows.get(0).manifest().take().containsKey(t)) {
          String other = governor.putIfAbsent(t, first.id());
          if (other != null) {
            problems.add(
                new PackProblem(
                    first.key(),
                    PackManifest.FILE,
                    0,
                    0,
                    null,
                    t
                        + " is already governed by pack '"
                        + other
                        + "' (a pack that adds to another's facts is a layer: set layerOf)"));
          }
        }
      }
    }
    byId.replaceAll((k, v) -> List.copyOf(v));
    Map<String, CompiledPack> byPackage = new java.util.HashMap<>();
    List<org.kie.api.definition.KiePackage> stage1 = new ArrayList<>();
    for (CompiledPack p : packs) {
      for (var pkg : p.packages()) {
        byPackage.put(pkg.getName(), p);
        if (p.manifest().stage() == 1) {
          stage1.add(pkg);
        }
      }
    }
    // every stage-1 version in one knowledge base: a decision runs one stage-1 session (PackScope
    // keeps each rule to its own version's markers); unchanged packages of a reload are cloned
    return new PackSet(
        Map.copyOf(byId),
        Map.copyOf(governor),
        SessionBase.of(stage1, true, classes),
        Map.copyOf(byPackage),
        classes);
  }

  /** The versions (sorted by validFrom) that govern facts of {@code type}; maybe empty. */
  private static List<CompiledPack> governing(List<CompiledPack> versions, String type) {
    return versions.stream().filter(v -> v.manifest().governs().contains(type)).toList();
  }

  /** The fact classes every pack was compiled against, and their model. */
  FactClasses classes() {
    return classes;
  }

  /** The knowledge base of every stage-1 pack version. */
  SessionBase stage1() {
    return stage1;
  }

  /** The pack version whose rules are in DRL package {@code name} (see {@link PackScope}). */
  @Nullable CompiledPack packOf(String name) {
    return byPackage.get(name);
  }

  /** The pack version of a rule that ran: its DRL package is one of this set's. */
  CompiledPack pack(String name) {
    return Objects.requireNonNull(packOf(name), () -> "no pack compiled DRL package " + name);
  }

  /** Pack ids of the given stage, sorted. */
  List<String> idsOfStage(int stage) {
    return idsOfStage.getOrDefault(stage, List.of());
  }

  List<CompiledPack> versions(String id) {
    // id: one of this set's pack ids (the planner walks idsOfStage)
    return Objects.requireNonNull(byId.get(id), () -> "no pack " + id);
  }

  /** Which facts pack {@code id} judges, and by which versions. */
  Judge judge(String id) {
    // every pack id has its judge (built with the set)
    return Objects.requireNonNull(judges.get(id), () -> "no pack " + id);
  }

  /** The version judging a day: the last one whose validFrom is on or before it, else the first. */
  static CompiledPack versionFor(List<CompiledPack> versions, LocalDate day) {
    CompiledPack chosen = versions.get(0);
    for (int i = 1; i < versions.size(); i++) {
      CompiledPack p = versions.get(i);
      if (!p.manifest().validFrom().isAfter(day)) {
        chosen = p;
      }
    }
    return chosen;
  }

  /** The version in force on the decision's day (the comparisons recorded). */
  static CompiledPack versionFor(List<CompiledPack> versions, AsOf day) {
    CompiledPack chosen = versions.get(0);
    for (int i = 0; i < versions.size(); i++) {
      CompiledPack p = versions.get(i);
      if (!day.isBefore(p.manifest().validFrom())) {
        chosen = p;
      }
    }
    return chosen;
  }

  /** True when the decision's day is before the pack's first version. */
  static boolean predates(List<CompiledPack> versions, AsOf day) {
    return day.isBefore(versions.get(0).manifest().validFrom());
  }

  /** True when {@code day} is before the pack's first version. */
  static boolean predates(List<CompiledPack> versions, LocalDate day) {
    return day.isBefore(versions.get(0).manifest().validFrom());
  }

  /** Every loaded version, sorted by id then version. */
  List<PackRef> refs() {
    List<PackRef> refs = new ArrayList<>();
    byId.values().forEach(v -> v.forEach(p -> refs.add(p.ref())));
    refs.sort(Comparator.comparing(PackRef::id).thenComparing(PackRef::version));
    return List.copyOf(refs);
  }

  List<CompiledPack> all() {
    List<CompiledPack> all = new ArrayList<>();
    byId.values().forEach(all::addAll);
    return all;
  }
}
