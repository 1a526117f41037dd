package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.FactType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loaded packs: each pack id with its versions sorted by {@code validFrom}, and which pack
 * governs each fact type. Immutable.
 */
final class PackSet {
  private final Map<String, List<CompiledPack>> byId;
  private final Map<FactType, String> governor;

  private PackSet(Map<String, List<CompiledPack>> byId, Map<FactType, String> governor) {
    this.byId = byId;
    this.governor = governor;
  }

  /** Groups compiled packs; inconsistencies between packs are added to {@code problems}. */
  static PackSet of(List<CompiledPack> packs, List<PackProblem> problems) {
    Map<String, List<CompiledPack>> byId = new TreeMap<>();
    for (CompiledPack p : packs) {
      byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
    }
    Map<FactType, String> governor = new EnumMap<>(FactType.class);
    for (List<CompiledPack> versions : byId.values()) {
      versions.sort(Comparator.comparing(p -> p.manifest().validFrom()));
      for (int i = 1; i < versions.size(); i++) {
        CompiledPack prev = versions.get(i - 1);
        CompiledPack cur = versions.get(i);
        if (prev.manifest().validFrom().equals(cur.manifest().validFrom())) {
          problems.add(
              new PackProblem(
                  cur.key(), PackManifest.FILE, 0, 0, null,
                  "validFrom " + cur.manifest().validFrom() + " is also the validFrom of "
                      + prev.key() + ": two versions cannot govern the same window"));
        }
        if (cur.manifest().stage() != prev.manifest().stage()
            || !cur.manifest().governs().equals(prev.manifest().governs())) {
          problems.add(
              new PackProblem(
                  cur.key(), PackManifest.FILE, 0, 0, null,
                  "stage and governs must be the same in every version of a pack (see "
                      + prev.key() + ")"));
        }
      }
      CompiledPack first = versions.get(0);
      for (FactType t : first.manifest().governs()) {
        String other = governor.putIfAbsent(t, first.id());
        if (other != null) {
          problems.add(
              new PackProblem(
                  first.key(), PackManifest.FILE, 0, 0, null,
                  t + " is already governed by pack '" + other + "'"));
        }
      }
    }
    byId.replaceAll((k, v) -> List.copyOf(v));
    return new PackSet(Map.copyOf(byId), Map.copyOf(governor));
  }

  /** Pack ids of the given stage, sorted. */
  List<String> idsOfStage(int stage) {
    return byId.entrySet().stream()
        .filter(e -> e.getValue().get(0).manifest().stage() == stage)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  List<CompiledPack> versions(String id) {
    return byId.get(id);
  }

  /** The pack id governing facts of {@code type}, or null. */
  String governor(FactType type) {
    return governor.get(type);
  }

  /** The version judging a day: the last one whose validFrom is on or before it, else the first. */
  static CompiledPack versionFor(List<CompiledPack> versions, LocalDate day) {
    CompiledPack chosen = versions.get(0);
    for (CompiledPack p : versions) {
      if (!p.manifest().validFrom().isAfter(day)) {
        chosen = p;
      }
    }
    return chosen;
  }

  /** True when {@code day} is before the pack's first version. */
  static boolean predates(List<CompiledPack> versions, LocalDate day) {
    return day.isBefore(versions.get(0).manifest().validFrom());
  }

  static CompiledPack versionFor(List<CompiledPack> versions, Fact fact) {
    return versionFor(versions, fact.versionDate());
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
