package dev.creditrules.runtime;

import dev.creditrules.api.Request;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.GrantRole;
import dev.creditrules.pack.AsOf;
import dev.creditrules.pack.GradeTerm;
import dev.creditrules.pack.Grant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of a decision: what packs-v1 s.0 defines generically, for any declared type. The
 * facts that play a part (own date on or before {@code asOf}), the grant that counts for each
 * repaired record, the in-force span of every grade, and the objects every session is given.
 *
 * @param asOf the day decided
 * @param active the facts whose own date is not after {@code asOf}, in request order
 * @param order each fact id's index in the request (every fact, active or not)
 * @param grants for each repaired record, the grant that counts on {@code asOf}
 * @param shared the objects every session gets: the active facts as instances of their generated
 *     classes, the grants and the grade terms
 * @param disputes what the disputes do on asOf: the facts they withdraw or leave out are not in
 *     {@code active}
 */
record Preparation(
    AsOf asOf,
    List<Fact> active,
    Map<String, Integer> order,
    Map<String, Grant> grants,
    List<Object> shared,
    Disputes disputes) {

  /**
   * Prepares {@code request} (valid for {@code classes.model()}); {@code asOf} is its day, through
   * which every comparison with it is made (and recorded, for {@code nextChangeOn}).
   */
  static Preparation of(Request request, FactClasses classes, AsOf asOf) {
    FactModel model = classes.model();
    List<Fact> active = new ArrayList<>();
    Map<String, Integer> order = new HashMap<>();
    for (Fact f : request.facts()) {
      order.put(f.id(), order.size());
      // a fact dated after asOf, by the date that picks its version (a grade: its year), plays
      // no part (packs-v1 s.10)
      if (!asOf.isBefore(FactFields.ownDate(model, f))) {
        active.add(f);
      }
    }
    // a withdrawn record, a replacement not in effect and a dispute of one take part in nothing
    // (commitments-objections.md B3)
    Disputes disputes = Disputes.of(model, active, asOf);
    if (!disputes.excluded().isEmpty()) {
      active.removeIf(f -> disputes.excluded().contains(f.id()));
    }
    Map<String, Grant> grants = grants(model, active, asOf);
    List<GradeTerm> terms = gradeTerms(model, active, grants, asOf);
    List<Object> shared = new ArrayList<>(active.size() + grants.size() + terms.size());
    for (Fact f : active) {
      shared.add(classes.instance(f));
    }
    shared.addAll(grants.values());
    shared.addAll(terms);
    return new Preparation(asOf, active, order, grants, shared, disputes);
  }

  /**
   * For each repaired record, the earliest grant in effect on asOf: granted by then and not revoked
   * by then (packs-v1 s.0), from the facts of every type with a grant role.
   */
  static Map<String, Grant> grants(FactModel model, List<Fact> active, AsOf asOf) {
    Map<String, Grant> grants = new HashMap<>();
    for (Fact f : active) {
      GrantRole role = model.typeOf(f).grant();
      if (role == null) {
        continue;
      }
      LocalDate grantedOn = FactFields.given(f.date(role.grantedOn()), f, role.grantedOn());
      LocalDate revokedOn = role.revokedOn() == null ? null : f.date(role.revokedOn());
      if (asOf.isBefore(grantedOn) || (revokedOn != null && !asOf.isBefore(revokedOn))) {
        continue;
      }
      String target = FactFields.given(f.text(role.target()), f, role.target());
      Grant existing = grants.get(target);
      if (existing == null || grantedOn.isBefore(existing.grantedOn())) {
        String newGrade = role.newGrade() == null ? null : f.text(role.newGrade());
        grants.put(target, new Grant(target, f.id(), grantedOn, newGrade));
      }
    }
    return grants;
  }

  /** One grade of a declared grade scheme, read through the scheme's field names. */
  private record GradeFact(
      String id, String scheme, int year, String level, LocalDate publishedOn) {}

  /**
   * The in-force span of every grade of every declared grade scheme (packs-v1 s.0), plus
   * replacement terms of new grades.
   */
  static List<GradeTerm> gradeTerms(
      FactModel model, List<Fact> active, Map<String, Grant> grants, AsOf asOf) {
    List<GradeFact> grades = new ArrayList<>();
    for (Fact f : active) {
      GradeScheme s = model.typeOf(f).grade();
      if (s != null) {
        grades.add(
            new GradeFact(
                f.id(),
                f.type(),
                FactFields.given(f.integer(s.year()), f, s.year()),
                FactFields.given(f.text(s.level()), f, s.level()),
                FactFields.given(f.date(s.publishedOn()), f, s.publishedOn())));
      }
    }
    List<GradeTerm> terms = new ArrayList<>();
    for (GradeFact g : grades) {
      GradeFact next = null;
      for (GradeFact o : grades) {
        if (o.scheme().equals(g.scheme())
            && o.year() > g.year()
            && !asOf.isBefore(o.publishedOn())
            && (next == null || o.year() < next.year())) {
          next = o;
        }
      }
      LocalDate until = g.publishedOn().plusMonths(12);
      if (next != null && next.publishedOn().minusDays(1).isBefore(until)) {
        until = next.publishedOn().minusDays(1);
      }
      terms.add(
          new GradeTerm(
              g.id(),
              g.scheme(),
              g.year(),
              g.level(),
              g.publishedOn(),
              until,
              List.of(g.id()),
              false));
      Grant grant = grants.get(g.id());
      String newGrade = grant == null ? null : grant.newGrade();
      if (grant != null && newGrade != null && !grant.grantedOn().isAfter(until)) {
        terms.add(
            new GradeTerm(
                g.id(),
                g.scheme(),
                g.year(),
                newGrade,
                grant.grantedOn(),
                until,
                List.of(g.id(), grant.grant()),
                true));
      }
    }
    return terms;
  }
}
