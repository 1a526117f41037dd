package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.Collector;
import dev.creditrules.pack.Judges;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Makes a pack version's parsed DRL able to share a knowledge base with other versions. Generic: it
 * knows the runtime's marker records, never a sector.
 *
 * <ul>
 *   <li>The DRL package gets a suffix naming the version ({@code …tax.v_tax_2025_07}), so two
 *       versions with the same package, rule names and functions coexist, and a conclusion's rule
 *       names its version.
 *   <li>{@code Judged( fact == $x )} after a pattern that binds {@code $x : field} becomes the
 *       check {@code creditRulesJudges.has("id@version", field)}, first in that pattern ({@link
 *       Judges}, a global the package gets); {@code Judged( $x : fact )} before a pattern with
 *       {@code field == $x} becomes {@code $x : field} and the same check there. No marker, no
 *       join: a fact stops at one alpha node in versions that do not judge it.
 *   <li>Every other {@code Judged} pattern, and every {@code Context} pattern, gets {@code scope ==
 *       "id@version"}: a rule sees only its own version's markers (a rule keeping a {@code Judged}
 *       pattern is tagged {@code @judgedMarkers}, and its version's sessions get the markers).
 *   <li>A rule with no top-level {@code Judged} or {@code Context} pattern gets a first pattern
 *       {@code Context(scope == "id@version")}, so it fires only when its version runs, exactly as
 *       when every version had a session of its own; except a rule whose {@code Judged} marker
 *       became a check on a fact: the check holds only for facts its version judges in this
 *       decision, and a version judging a fact runs, so that rule needs no gate (no join with the
 *       context: its network starts at the fact). A rule that matches no {@code Context} is tagged
 *       {@code @contextFree}; a version whose rules all are is given no context.
 *   <li>In a stage-1 pack, a pattern on a conclusion ({@code Hit}, {@code RepairHit}, {@code
 *       SeriousRecord}, {@code BadRecord}) is refused: stage-1 versions share one session, and such
 *       a rule would read other packs' conclusions. Stage 2 reads stage-1 records instead.
 *   <li>In a stage-1 pack, a consequence that changes working memory other than by {@code insert}
 *       ({@code modify}, {@code update}, {@code delete}, {@code retract}, {@code insertLogical}) is
 *       refused: the stage-1 base runs in Drools' sequential mode, which evaluates each rule once
 *       and would not see such changes.
 *   <li>Every {@code insert(conclusion)} of a consequence hands the conclusion to the session's
 *       {@link dev.creditrules.pack.Collector} (a global the package gets). In a stage-1 pack, with
 *       the firing rule: no stage-1 rule reads a conclusion, so it need not enter working memory.
 *       In a stage-2 pack, with the rule's context: the collector inserts into working memory only
 *       the conclusions some pattern of the session can match (the records its rules read), and
 *       keeps the others (hits, repair entries) as a list entry instead of a fact handle. ({@code
 *       insertLogical} stays as written: its conclusion may be withdrawn.)
 * </ul>
 */
final class PackScope {
  private static final String RECORDS = "dev.creditrules.pack.";
  private static final Set<String> MARKERS = Set.of("Judged", "Context");
  private static final Set<String> CONCLUSIONS =
      Set.of("Hit", "RepairHit", "SeriousRecord", "BadRecord", "DisputeAnswer");

  private static final Pattern CHANGES =
      Pattern.compile("\\b(modify|update|delete|retract|insertLogical)\\s*\\(");
  private static final Pattern JOIN = Pattern.compile("fact\\s*==\\s*(\\$\\w+)");
  private static final Pattern BIND = Pattern.compile("(\\$\\w+)\\s*:\\s*fact");
  private static final Pattern BINDER = Pattern.compile("(\\$\\w+)\\s*:\\s*(\\w+)");
  private static final Pattern EQUALS = Pattern.compile("(\\w+)\\s*==\\s*(\\$\\w+)");

  /**
   * Rule metadata naming a rule that matches no {@code Context}: a version all of whose rules are
   * so is given no context in its sessions (a rule compiled before this tag existed has its gate,
   * and lacks the tag: its version gets its context, as before).
   */
  static final String CONTEXT_FREE = "contextFree";

  /**
   * Rule metadata naming a stage-1 rule that matches only facts its version judges, and reads
   * nothing of its {@code Context} but {@code asOf} and the subject: which version is in force on
   * asOf cannot change what it concludes. A pack whose rules all are so (and that reads no types)
   * runs only the versions judging facts ({@link Planner}).
   */
  static final String JUDGED_ONLY = "judgedOnly";

  /**
   * A Context constraint that binds or reads only {@code asOf} or {@code subject…}, or the scope
   * check this class adds.
   */
  private static final Pattern ASOF_OR_SUBJECT_ONLY =
      Pattern.compile(
          "(\\$\\w+\\s*:\\s*)?(asOf|subject)(\\.[\\w.]+)?(\\s*(==|!=)\\s*[\\w.]+)?"
              + "|scope\\s*==\\s*\"[^\"]*\"");

  /** Rule metadata naming a rule that still joins {@code Judged} markers. */
  static final String MARKERS_USED = "judgedMarkers";

  /** {@code insert(} as a call of the consequence's own, not a method of some object. */
  private static final Pattern INSERT = Pattern.compile("(?<![\\w.$])insert\\s*\\(");

  private static final String COLLECT = Collector.GLOBAL + ".conclude( drools.getRule(), ";

  /**
   * A stage-2 {@code insert(}: the collector is given the rule's context, and inserts into working
   * memory the conclusions some pattern of the session can match (stage-2 rules read records).
   */
  private static final String COLLECT_IN_SESSION = Collector.GLOBAL + ".conclude( drools, ";

  private final String key;
  private final int stage;

  PackScope(String key, int stage) {
    this.key = key;
    this.stage = stage;
  }

  /** The DRL package a pack version's rules are compiled into. */
  private static String packageOf(String declared, String key) {
    String suffix = "v_" + key.replaceAll("[^A-Za-z0-9]", "_");
    return declared == null || declared.isBlank() ? suffix : declared + "." + suffix;
  }

  /** Rewrites {@code pkg} (parsed from {@code file}) in place; refusals go to {@code problems}. */
  void apply(PackageDescr pkg, String file, List<PackProblem> problems) {
    String namespace = packageOf(pkg.getNamespace(), key);
    pkg.setNamespace(namespace);
    for (FunctionDescr f : pkg.getFunctions()) {
      f.setNamespace(namespace);
    }
    pkg.addGlobal(new GlobalDescr(Collector.GLOBAL, Collector.class.getName()));
    pkg.addGlobal(new GlobalDescr(Judges.GLOBAL, Judges.class.getName()));
    for (RuleDescr rule : pkg.getRules()) {
      rule.setNamespace(namespace);
      boolean gated = false;
      for (BaseDescr d : rule.getLhs().getDescrs()) {
        if (d instanceof PatternDescr p
            && MARKERS.contains(simpleName(p))
            && p.getSource() == null) {
          gated = true;
        }
      }
      boolean judged = judgeInPlace(rule.getLhs());
      if (anyPattern(rule.getLhs(), p -> simpleName(p).equals("Judged"))) {
        // a Judged pattern of another form stays a join with the marker (the runtime inserts the
        // markers of versions whose rules say so)
        rule.addAnnotation(MARKERS_USED, "true");
      }
      walk(rule.getLhs(), rule, file, problems);
      Matcher change =
          CHANGES.matcher(rule.getConsequence() == null ? "" : rule.getConsequence().toString());
      if (stage == 1 && change.find()) {
        problems.add(
            new PackProblem(
                key,
                file,
                Math.max(rule.getConsequenceLine(), rule.getLine()),
                0,
                rule.getName(),
                "a stage-1 consequence cannot "
                    + change.group(1)
                    + ": stage-1 rules are evaluated"
                    + " once over the facts (sequential mode), so they may only insert conclusions"));
      }
      if (rule.getConsequence() instanceof String text) {
        rule.setConsequence(
            INSERT
                .matcher(text)
                .replaceAll(Matcher.quoteReplacement(stage == 1 ? COLLECT : COLLECT_IN_SESSION)));
      }
      if (!gated && !judged) {
        PatternDescr gate = new PatternDescr(RECORDS + "Context");
        gate.addConstraint(scopeConstraint());
        gate.setResource(rule.getResource());
        rule.getLhs().getDescrs().add(0, gate);
      }
      if (!anyPattern(rule.getLhs(), p -> simpleName(p).equals("Context"))) {
        rule.addAnnotation(CONTEXT_FREE, "true");
      }
      if (judged && stage == 1 && !anyPattern(rule.getLhs(), PackScope::readsVersionState)) {
        rule.addAnnotation(JUDGED_ONLY, "true");
      }
    }
  }

  /**
   * True when a {@code Context} pattern may read which version is in force on asOf: it is bound to
   * a variable (a function may read it whole), or a constraint of it names anything but {@code
   * asOf} or {@code subject} (say {@code current}, {@code predates}).
   */
  private static boolean readsVersionState(PatternDescr p) {
    if (!simpleName(p).equals("Context")) {
      return false;
    }
    if (p.getIdentifier() != null) {
      return true;
    }
    for (BaseDescr c : p.getConstraint().getDescrs()) {
      String text = c instanceof ExprConstraintDescr e ? e.getExpression() : c.getText();
      if (text == null || !ASOF_OR_SUBJECT_ONLY.matcher(text.strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a pattern anywhere in {@code d} (nested in conditional elements, and the input of a
   * {@code collect} or {@code accumulate}, included) is one {@code test} accepts.
   */
  private static boolean anyPattern(BaseDescr d, Predicate<PatternDescr> test) {
    if (d instanceof PatternDescr p) {
      if (test.test(p)) {
        return true;
      }
      if (p.getSource() instanceof CollectDescr c) {
        return anyPattern(c.getInputPattern(), test);
      }
      if (p.getSource() instanceof AccumulateDescr a) {
        return anyPattern(a.getInput(), test);
      }
    } else if (d instanceof ConditionalElementDescr ce) {
      for (Object child : ce.getDescrs()) {
        if (anyPattern((BaseDescr) child, test)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Compiles each top-level {@code Judged( fact == $x )} whose {@code $x} an earlier top-level
   * pattern binds ({@code $x : field}) into the check {@code Judges.has(scope, field)}, first in
   * that pattern, and each {@code Judged( $x : fact )} followed by a pattern with {@code field ==
   * $x} into {@code $x : field} and the same check there; the marker pattern goes.
   */
  private boolean judgeInPlace(AndDescr lhs) {
    boolean judged = false;
    List<BaseDescr> descrs = lhs.getDescrs();
    for (int i = 0; i < descrs.size(); i++) {
      if (!(descrs.get(i) instanceof PatternDescr marker)
          || !simpleName(marker).equals("Judged")
          || marker.getSource() != null
          || marker.getIdentifier() != null) {
        continue;
      }
      List<? extends BaseDescr> cs = marker.getConstraint().getDescrs();
      String only =
          cs.size() == 1 && cs.get(0) instanceof ExprConstraintDescr e
              ? e.getExpression().strip()
              : "";
      Matcher join = JOIN.matcher(only);
      Matcher bind = BIND.matcher(only);
      boolean done = false;
      if (join.matches()) {
        String var = join.group(1);
        for (int k = i - 1; k >= 0 && !done; k--) {
          if (descrs.get(k) instanceof PatternDescr p && p.getSource() == null) {
            for (BaseDescr c : p.getConstraint().getDescrs()) {
              Matcher b =
                  c instanceof ExprConstraintDescr e
                      ? BINDER.matcher(e.getExpression().strip())
                      : null;
              if (b != null && b.matches() && b.group(1).equals(var)) {
                judgeFirst(p, b.group(2));
                done = true;
                break;
              }
            }
          }
        }
      } else if (bind.matches()) {
        String var = bind.group(1);
        for (int k = i + 1; k < descrs.size() && !done; k++) {
          if (!(descrs.get(k) instanceof PatternDescr p) || p.getSource() != null) {
            break;
          }
          List<? extends BaseDescr> pcs = p.getConstraint().getDescrs();
          for (BaseDescr c : pcs) {
            Matcher eq =
                c instanceof ExprConstraintDescr e
                    ? EQUALS.matcher(e.getExpression().strip())
                    : null;
            if (eq != null && eq.matches() && eq.group(2).equals(var)) {
              ((ExprConstraintDescr) c).setExpression(var + " : " + eq.group(1));
              judgeFirst(p, eq.group(1));
              done = true;
              break;
            }
          }
          if (!done) {
            // the variable must not be used before the pattern that takes it over
            break;
          }
        }
      }
      if (done) {
        descrs.remove(i);
        i--;
        judged = true;
      }
    }
    return judged;
  }

  /** Puts {@code Judges.has(scope, field)} first among the constraints of {@code p}. */
  private void judgeFirst(PatternDescr p, String field) {
    ExprConstraintDescr check =
        new ExprConstraintDescr(Judges.GLOBAL + ".has(\"" + key + "\", " + field + ")");
    check.setType(ExprConstraintDescr.Type.NAMED);
    ((AndDescr) p.getConstraint()).insertDescr(0, check);
  }

  private void walk(BaseDescr d, RuleDescr rule, String file, List<PackProblem> problems) {
    if (d instanceof PatternDescr p) {
      String type = simpleName(p);
      if (MARKERS.contains(type)) {
        p.addConstraint(scopeConstraint());
      } else if (stage == 1 && CONCLUSIONS.contains(type)) {
        int line = Math.max(p.getLine(), rule.getLine());
        problems.add(
            new PackProblem(
                key,
                file,
                line,
                Math.max(p.getColumn(), 0),
                rule.getName(),
                "a stage-1 rule cannot match "
                    + type
                    + ": every stage-1 pack version runs in one"
                    + " session, so it would read other packs' conclusions (only stage 2 reads the"
                    + " records of stage 1)"));
      }
      if (p.getSource() instanceof CollectDescr c) {
        walk(c.getInputPattern(), rule, file, problems);
      } else if (p.getSource() instanceof AccumulateDescr a) {
        walk(a.getInput(), rule, file, problems);
      }
    } else if (d instanceof ConditionalElementDescr ce) {
      for (Object child : ce.getDescrs()) {
        walk((BaseDescr) child, rule, file, problems);
      }
    }
  }

  private ExprConstraintDescr scopeConstraint() {
    ExprConstraintDescr c = new ExprConstraintDescr("scope == \"" + key + "\"");
    c.setType(ExprConstraintDescr.Type.NAMED);
    return c;
  }

  private static String simpleName(PatternDescr p) {
    String t = p.getObjectType();
    if (t == null) {
      return "";
    }
    return t.startsWith(RECORDS) ? t.substring(RECORDS.length()) : t;
  }
}
