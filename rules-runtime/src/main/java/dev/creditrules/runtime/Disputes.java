package dev.creditrules.runtime;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.DisputeRole;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.pack.AsOf;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the disputes of a request do on {@code asOf}, for any type with a {@link DisputeRole}
 * (commitments-objections.md B3, B4): which records are withdrawn (and by which dispute), which are
 * marked, which replacements take part, which facts are ignored, which disputes are pending.
 * Computed before any pack runs; generic (the role names the fields and results).
 *
 * @param withdrawn each withdrawn record, to the id of its withdrawing dispute
 * @param marked the records marked {@code disputed} on asOf (never a withdrawn one)
 * @param excluded the facts that take part in no session: withdrawn records, replacements not in
 *     effect, disputes of such replacements
 * @param pending the disputes pending on asOf, in request order
 */
record Disputes(
    Map<String, String> withdrawn, Set<String> marked, Set<String> excluded, List<Fact> pending) {

  static final Disputes NONE = new Disputes(Map.of(), Set.of(), Set.of(), List.of());

  /** The disputes of {@code active} (the facts whose own date is not after asOf). */
  static Disputes of(FactModel model, List<Fact> active, AsOf asOf) {
    if (!model.hasDisputeRoles()) {
      return NONE;
    }
    List<Fact> disputes = new ArrayList<>();
    for (Fact f : active) {
      if (model.typeOf(f).dispute() != null) {
        disputes.add(f);
      }
    }
    if (disputes.isEmpty()) {
      return NONE;
    }
    Map<String, Fact> byId = new HashMap<>();
    for (Fact f : active) {
      byId.putIfAbsent(f.id(), f);
    }
    return new Reading(model, asOf, disputes, byId).run();
  }

  /** One computation: memoised presence of records, by the replacement chains. */
  private static final class Reading {
    final FactModel model;
    final AsOf asOf;
    final List<Fact> disputes;
    final Map<String, Fact> byId;

    /** Each fact named as a replacement, to the disputes naming it. */
    final Map<String, List<Fact>> replacedBy = new HashMap<>();

    final Map<String, Boolean> present = new HashMap<>();
    final Set<String> inProgress = new HashSet<>();

    Reading(FactModel model, AsOf asOf, List<Fact> disputes, Map<String, Fact> byId) {
      this.model = model;
      this.asOf = asOf;
      this.disputes = disputes;
      this.byId = byId;
      for (Fact d : disputes) {
        DisputeRole role = role(d);
        String r = role.replacement() == null ? null : d.text(role.replacement());
        if (r != null) {
          replacedBy.computeIfAbsent(r, k -> new ArrayList<>()).add(d);
        }
      }
    }

    DisputeRole role(Fact d) {
      // the disputes are the facts whose type has a dispute role (of)
      return Objects.requireNonNull(model.typeOf(d).dispute(), d.type());
    }

    @Nullable String target(Fact d) {
      return d.text(role(d).target());
    }

    @Nullable LocalDate resolvedOn(Fact d) {
      DisputeRole role = role(d);
      return role.resolvedOn() == null ? null : d.date(role.resolvedOn());
    }

    @Nullable String result(Fact d) {
      DisputeRole role = role(d);
      return role.result() == null ? null : d.text(role.result());
    }

    boolean resolved(Fact d) {
      LocalDate r = resolvedOn(d);
      return r != null && !asOf.isBefore(r);
    }

    /**
     * True when record {@code id} takes part (or is withdrawn): it is in the request, active, and
     * either no dispute names it as a replacement or the dispute that does is the withdrawing
     * dispute of a present target, with a result that replaces.
     */
    boolean present(@Nullable String id) {
      Boolean known = present.get(id);
      if (known != null) {
        return known;
      }
      if (id == null || !byId.containsKey(id) || !inProgress.add(id)) {
        // absent (no id: a dispute whose target field is missing), or a cycle of replacements:
        // none of them takes part
        return false;
      }
      boolean result;
      List<Fact> naming = replacedBy.get(id);
      if (naming == null) {
        result = true;
      } else {
        result = false;
        for (Fact d : naming) {
          String t = target(d);
          if (role(d).replaces().contains(result(d))
              && t != null
              && present(t)
              && withdrawing(t) == d) {
            result = true;
          }
        }
      }
      inProgress.remove(id);
      present.put(id, result);
      return result;
    }

    /** A dispute of a target that does not take part is itself ignored. */
    boolean ignored(Fact d) {
      return !present(target(d));
    }

    /** The dispute withdrawing {@code target} on asOf: earliest resolvedOn, then request order. */
    @Nullable Fact withdrawing(String target) {
      Fact best = null;
      LocalDate bestOn = null;
      for (Fact d : disputes) {
        LocalDate on = resolvedOn(d);
        // resolved (as resolved(d)) on a day before the best so far
        if (target.equals(target(d))
            && on != null
            && !asOf.isBefore(on)
            && role(d).withdraws().contains(result(d))
            && (bestOn == null || on.isBefore(bestOn))) {
          best = d;
          bestOn = on;
        }
      }
      return best;
    }

    Disputes run() {
      Map<String, String> withdrawn = new LinkedHashMap<>();
      Set<String> marked = new HashSet<>();
      Set<String> excluded = new HashSet<>();
      List<Fact> pending = new ArrayList<>();
      for (String r : replacedBy.keySet()) {
        if (!present(r)) {
          excluded.add(r);
        }
      }
      for (Fact d : disputes) {
        String t = target(d);
        if (t == null || ignored(d)) {
          // (a dispute without its target is ignored too)
          excluded.add(d.id());
          continue;
        }
        Fact w = withdrawing(t);
        if (w != null) {
          withdrawn.put(t, w.id());
          excluded.add(t);
        }
        if (!resolved(d)) {
          pending.add(d);
        }
      }
      for (Fact d : disputes) {
        String t = target(d);
        if (t == null || excluded.contains(d.id()) || withdrawn.containsKey(t)) {
          continue;
        }
        if (!resolved(d) || role(d).marks().contains(result(d))) {
          marked.add(t);
        }
      }
      return new Disputes(
          Map.copyOf(withdrawn), Set.copyOf(marked), Set.copyOf(excluded), List.copyOf(pending));
    }
  }

  /**
   * The facts of the request a withdrawn record's repair entry is judged with: it and its grants.
   */
  static List<Fact> alone(FactModel model, List<Fact> facts, String record) {
    List<Fact> out = new ArrayList<>();
    for (Fact f : facts) {
      FactTypeDecl type = model.typeOf(f);
      if (f.id().equals(record)
          || (type.grant() != null && record.equals(f.text(type.grant().target())))) {
        out.add(f);
      }
    }
    return out;
  }
}
