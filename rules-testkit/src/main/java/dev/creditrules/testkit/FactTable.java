package dev.creditrules.testkit;

import dev.creditrules.api.model.Check;
import dev.creditrules.api.model.Condition;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.GradeScheme;
import dev.creditrules.api.model.Repairable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fact table of the docs, written from the declarations: for every declared type its class,
 * pack, subjects, own date, roles and fields, in Markdown. {@code docs/facts.md} is this text for
 * the shipped packs (a test keeps it so), and {@code credit-rules facts} prints it for any tree.
 */
public final class FactTable {
  private FactTable() {}

  /** The Markdown page for {@code model}. */
  public static String markdown(FactModel model) {
    StringBuilder b = new StringBuilder();
    b.append("# Fact types\n\n");
    b.append("Generated from the declarations (`<pack>/types.yaml` of the pack tree) by\n");
    b.append("`bin/credit-rules facts`; do not edit by hand. How to declare a type:\n");
    b.append("[packs.md](packs.md#fact-types-typesyaml).\n\n");
    b.append("| type | class rules match | declared by | subjects | own date | repairable |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (FactTypeDecl t : model.types()) {
      b.append("| [`")
          .append(t.name())
          .append("`](#")
          .append(t.name().toLowerCase(java.util.Locale.ROOT))
          .append(") | `")
          .append(t.className())
          .append("` | `")
          .append(t.pack())
          .append("/types.yaml` | ")
          .append(t.subjectsText())
          .append(" | ")
          .append(ownDate(t))
          .append(" | ")
          .append(repairable(t.repairable()))
          .append(" |\n");
    }
    for (FactTypeDecl t : model.types()) {
      b.append("\n## ").append(t.name()).append("\n\n");
      if (t.description() != null) {
        b.append(t.description()).append(".\n\n");
      }
      b.append("- Rules match `").append(FactModel.FACT_PACKAGE).append('.');
      b.append(t.className()).append("`; declared in `").append(t.pack()).append("/types.yaml`.\n");
      b.append("- Subjects: ").append(t.subjectsText()).append(".\n");
      b.append("- Own date (picks the pack version; after `asOf` the fact plays no part): ");
      b.append(ownDate(t)).append("; the record starts on `").append(t.startField()).append("`.\n");
      GradeScheme g = t.grade();
      if (g != null) {
        b.append("- Grade scheme: `").append(g.level()).append("` of year `").append(g.year());
        b.append("`, in force from `").append(g.publishedOn()).append("`; levels, best first: ");
        b.append(String.join(", ", g.levels()));
        if (!g.notAsNewGrade().isEmpty()) {
          b.append("; never given as `newGrade`: ").append(String.join(", ", g.notAsNewGrade()));
        }
        b.append(".\n");
      }
      if (t.repairable() != null) {
        b.append("- Repairable record: ").append(repairable(t.repairable())).append(".\n");
      }
      if (t.grant() != null) {
        b.append("- Grants the repair of the record named by `").append(t.grant().target());
        b.append("`, from `").append(t.grant().grantedOn()).append('`');
        if (t.grant().revokedOn() != null) {
          b.append(", until revoked on `").append(t.grant().revokedOn()).append('`');
        }
        if (t.grant().newGrade() != null) {
          b.append("; `").append(t.grant().newGrade()).append("` replaces a grade");
        }
        b.append(".\n");
      }
      if (t.repairSector() != null) {
        b.append("- A repair entry's sector is the fact's `")
            .append(t.repairSector())
            .append("`.\n");
      }
      if (t.versionDate() != null) {
        b.append("- The version judging it is picked by `").append(t.versionDate());
        b.append("` when given.\n");
      }
      if (t.dispute() != null) {
        var d = t.dispute();
        b.append("- Disputes the record named by `").append(d.target()).append("` from `");
        b.append(d.raisedOn()).append("`: pending until `").append(d.resolvedOn());
        b.append("`, it marks the record disputed");
        if (!d.withdraws().isEmpty()) {
          b.append("; a `")
              .append(d.result())
              .append("` of ")
              .append(String.join(" or ", d.withdraws()));
          b.append(" withdraws it");
        }
        if (!d.replaces().isEmpty()) {
          b.append(" (").append(String.join(" or ", d.replaces())).append(": `");
          b.append(d.replacement()).append("` takes its place)");
        }
        if (!d.marks().isEmpty()) {
          b.append("; ").append(String.join(" or ", d.marks())).append(" keeps the mark");
        }
        b.append(".\n");
      }
      b.append("\n| field | kind | presence | allowed values | description |\n");
      b.append("|---|---|---|---|---|\n");
      for (FieldDecl f : t.fields()) {
        b.append("| `").append(f.name()).append("` | ").append(kind(f)).append(" | ");
        b.append(presence(f)).append(" | ").append(escape(allowed(f))).append(" | ");
        b.append(escape(f.description() == null ? "" : f.description())).append(" |\n");
      }
      if (!t.checks().isEmpty()) {
        b.append("\nContradictions (errors at the first field named):\n\n");
        for (Check c : t.checks()) {
          b.append("- ").append(check(c)).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static String ownDate(FactTypeDecl t) {
    return t.ownDateIsYearEnd() ? "31 December of `" + t.ownDate() + "`" : "`" + t.ownDate() + "`";
  }

  private static String repairable(@Nullable Repairable r) {
    if (r == null) {
      return "no";
    }
    String when = r.when() == null ? "" : condition(r.when());
    if (r.field() == null) {
      return when.isEmpty() ? "yes" : "when " + when;
    }
    return "when `"
        + r.field()
        + "` is "
        + String.join(" or ", r.values())
        + (when.isEmpty() ? "" : " and " + when);
  }

  private static String kind(FieldDecl f) {
    switch (f.kind()) {
      case ENUMERATION_LIST:
        return "list of codes";
      case ENUMERATION:
        return "code";
      case REFERENCE:
        return "fact id";
      default:
        return f.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String presence(FieldDecl f) {
    switch (f.presence()) {
      case REQUIRED:
        return "required";
      case DEFAULTED:
        return "default " + f.defaultValue();
      default:
        return "optional";
    }
  }

  private static String allowed(FieldDecl f) {
    List<String> parts = new ArrayList<>();
    if (!f.values().isEmpty()) {
      parts.add(String.join(", ", f.values()));
    }
    if (!f.oneOf().isEmpty()) {
      parts.add(String.join(", ", f.oneOf()));
    }
    if (f.min() != null && f.max() != null) {
      parts.add(f.min() + "-" + f.max());
    } else if (f.min() != null) {
      parts.add(f.min() + " or more");
    } else if (f.max() != null) {
      parts.add("at most " + f.max());
    }
    if (f.pattern() != null) {
      parts.add("matches `" + f.pattern() + "`");
    }
    if (f.yearsFrom() != null) {
      parts.add("counted from `" + f.yearsFrom().from() + "`, ending by 9999-12-31");
    }
    if (f.reference() != null) {
      parts.add(
          f.reference().repairableOnly()
              ? "a repairable record"
              : f.reference().anyType()
                  ? "another fact of the request"
                  : "a " + String.join(" or ", f.reference().types()));
    }
    return String.join("; ", parts);
  }

  private static String check(Check c) {
    if (c instanceof Check.NotBefore n) {
      return "`" + n.field() + "` not before `" + n.than() + "`";
    }
    if (c instanceof Check.NotBeforeTarget n) {
      return "`" + n.field() + "` not before the start of the record named by `" + n.target() + "`";
    }
    if (c instanceof Check.OnlyWhen o) {
      return "`"
          + o.field()
          + "` only when `"
          + o.other()
          + "` is "
          + String.join(" or ", o.values());
    }
    if (c instanceof Check.Exclusive e) {
      return "`" + e.field() + "` not together with `" + e.with() + "`";
    }
    if (c instanceof Check.Unique u) {
      List<String> all = new ArrayList<>(List.of(u.field()));
      all.addAll(u.also());
      return "one fact of this type per `" + String.join("`, `", all) + "`";
    }
    if (c instanceof Check.YearOver y) {
      return "the year `" + y.field() + "` is over on `" + y.on() + "`";
    }
    if (c instanceof Check.Forbid f) {
      return "`" + f.field() + "` not given when " + condition(f.when());
    }
    if (c instanceof Check.Require q) {
      return "`" + q.field() + "` required when " + condition(q.when());
    }
    if (c instanceof Check.NotAfterTerm t) {
      return "`"
          + t.field()
          + "` not after the last day of `"
          + t.years()
          + "` years from `"
          + String.join("` (else `", t.start())
          + (t.start().size() > 1 ? "`)" : "`");
    }
    if (c instanceof Check.SameAsTarget a) {
      return "the fact named by `"
          + a.field()
          + "` has `"
          + a.that()
          + "` equal to this `"
          + a.self()
          + "`";
    }
    return Objects.toString(c);
  }

  /** A declared condition in words. */
  static String condition(Condition c) {
    if (c instanceof Condition.All a) {
      List<String> parts = new ArrayList<>();
      a.all().forEach(x -> parts.add(condition(x)));
      return String.join(" and ", parts);
    }
    if (c instanceof Condition.Any a) {
      List<String> parts = new ArrayList<>();
      a.any().forEach(x -> parts.add(condition(x)));
      return "(" + String.join(" or ", parts) + ")";
    }
    if (c instanceof Condition.Not n) {
      return "not (" + condition(n.not()) + ")";
    }
    if (c instanceof Condition.Given g) {
      return "`" + g.field() + "` is " + (g.given() ? "given" : "absent");
    }
    if (c instanceof Condition.OneOf o) {
      return "`"
          + o.field()
          + "` is "
          + (o.negated() ? "none of " : "")
          + String.join(" or ", o.values());
    }
    if (c instanceof Condition.DateCompare d) {
      return "`"
          + d.field()
          + "` is "
          + (d.before() ? "before " : "on or after ")
          + (d.other() != null ? "`" + d.other() + "`" : String.valueOf(d.date()));
    }
    if (c instanceof Condition.NumberCompare n) {
      return "`"
          + n.field()
          + "` is "
          + (n.below() ? "below " : "above ")
          + n.bound().toPlainString();
    }
    if (c instanceof Condition.RefType r) {
      return "`"
          + r.field()
          + "` names "
          + (r.negated() ? "no " : "a ")
          + String.join(" or ", r.types());
    }
    return Objects.toString(c);
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
