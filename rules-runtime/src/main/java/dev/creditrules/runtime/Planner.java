package dev.creditrules.runtime;

import dev.creditrules.api.Request;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.pack.AsOf;
import dev.creditrules.pack.Context;
import dev.creditrules.pack.Judged;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second step of a decision: which pack versions run, each with its {@link Context} and the
 * {@link Judged} markers of the facts whose own date falls in its window (packs-v1 s.0).
 */
final class Planner {
  private final PackSet packs;
  private final FactModel model;

  Planner(PackSet packs) {
    this.packs = packs;
    this.model = packs.classes().model();
  }

  /**
   * One pack version that runs in a decision: its context and the markers of the facts it judges.
   */
  record Part(CompiledPack pack, Context context, List<Judged> marks, Set<String> predating) {}

  /**
   * Adds the versions of one pack that judge a fact, plus the version in force on asOf when one
   * does, when the pack is stage 2, or when that version reads a type of an active fact. {@code
   * activeTypes} are the types of {@code active}: a pack concerned by none of them is not planned
   * at all.
   */
  void plan(
      String id,
      Request request,
      AsOf asOf,
      List<Fact> active,
      Set<String> activeTypes,
      List<Part> parts) {
    List<CompiledPack> versions = packs.versions(id);
    PackManifest first = versions.get(0).manifest();
    if (!first.runsFor(request.subject().type())) {
      // a pack for other subjects (subjects= in its manifest): none of its versions runs
      return;
    }
    PackSet.Judge judge = packs.judge(id);
    boolean mayJudge = judge.judgesAnyOf(activeTypes);
    boolean stage2 = first.stage() == 2;
    if (!mayJudge && !stage2 && !readsAnyVersion(versions, activeTypes)) {
      // nothing of the request concerns this pack: no version runs (no map, no scan)
      return;
    }
    Map<CompiledPack, List<Judged>> judged = new LinkedHashMap<>();
    for (Fact f : mayJudge ? active : List.<Fact>of()) {
      if (judge.judges(f)) {
        List<CompiledPack> windows = firstFor(judge.windowsOf(f.type()), f);
        // the date that picks the version: the own date, or a declared versionDate when given
        LocalDate own = FactFields.versionDate(model, f);
        CompiledPack v = PackSet.versionFor(windows, own);
        judged
            .computeIfAbsent(v, k -> new ArrayList<>())
            .add(new Judged(f.id(), PackSet.predates(windows, own), v.key()));
      }
    }
    // a pack whose rules all conclude only from facts it judges, reading nothing of which version
    // is in force on asOf: the version in force is only the context's flag no rule reads, so it is
    // found without recording the comparisons (no day a version comes into force becomes a
    // candidate for nextChangeOn), and it does not run for want of facts to judge
    boolean blind = !stage2 && judgedOnly(versions);
    CompiledPack current =
        blind ? PackSet.versionFor(versions, request.asOf()) : PackSet.versionFor(versions, asOf);
    boolean asOfPredates = PackSet.predates(versions, asOf);
    if (stage2 || (!blind && !judged.isEmpty()) || reads(current.manifest().reads(), activeTypes)) {
      // stage-1 rules conclude only from facts they judge: a stage-1 pack with none is skipped;
      // stage 2 (joint) has rules without a triggering fact (GEN-I-01), so its current version
      // runs;
      // so does a stage-1 version that reads (review rules) a type of an active fact
      judged.computeIfAbsent(current, k -> new ArrayList<>());
    }
    for (CompiledPack v : versions) {
      List<Judged> marks = judged.get(v);
      if (marks == null) {
        continue;
      }
      boolean isCurrent = v == current;
      // most versions judge no fact that predates them: no set for those
      Set<String> predating = Set.of();
      for (Judged j : marks) {
        if (j.predates()) {
          if (predating.isEmpty()) {
            predating = new HashSet<>();
          }
          predating.add(j.fact());
        }
      }
      Context context =
          new Context(asOf, request.subject(), isCurrent, isCurrent && asOfPredates, v.key());
      parts.add(new Part(v, context, marks, predating));
    }
  }

  /** True when every version's rules are all judged-only and no version reads types. */
  private static boolean judgedOnly(List<CompiledPack> versions) {
    for (int i = 0; i < versions.size(); i++) {
      CompiledPack v = versions.get(i);
      if (!v.judgedOnly() || !v.manifest().reads().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** True when one of the types {@code reads} names is among {@code activeTypes}. */
  private static boolean reads(Set<String> reads, Set<String> activeTypes) {
    for (String t : reads) {
      if (activeTypes.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The versions that may judge {@code f}: from the last one whose {@code first.<TYPE>.<field>}
   * names the fact's value on (a fact older than it is judged by it, unverified), else all.
   */
  private static List<CompiledPack> firstFor(List<CompiledPack> windows, Fact f) {
    for (int i = windows.size() - 1; i > 0; i--) {
      Map<String, Set<String>> first = windows.get(i).manifest().first().get(f.type());
      if (first != null) {
        for (Map.Entry<String, Set<String>> e : first.entrySet()) {
          Object value = f.get(e.getKey());
          if (value != null && e.getValue().contains(value.toString())) {
            return windows.subList(i, windows.size());
          }
        }
      }
    }
    return windows;
  }

  /** True when a version of the pack reads (review rules) one of {@code activeTypes}. */
  private static boolean readsAnyVersion(List<CompiledPack> versions, Set<String> activeTypes) {
    for (int i = 0; i < versions.size(); i++) {
      if (reads(versions.get(i).manifest().reads(), activeTypes)) {
        return true;
      }
    }
    return false;
  }
}
