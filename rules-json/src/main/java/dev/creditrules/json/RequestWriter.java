package dev.creditrules.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.Subject;
import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.EnvGrade;
import dev.creditrules.api.fact.EnvRectification;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.LaborGrade;
import dev.creditrules.api.fact.MajorLaborViolation;
import dev.creditrules.api.fact.PenaltyKind;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import dev.creditrules.api.fact.WageArrearsCase;
import dev.creditrules.api.fact.WageArrearsListing;

/**
 * Writes a request in the contract's field order, leaving out absent optional fields and fields
 * equal to their default ({@code priorListingsIn5Years} 0, {@code termYears} 2, research flags
 * false, empty {@code kinds}).
 */
final class RequestWriter {
  private RequestWriter() {}

  static ObjectNode tree(Request request) {
    ObjectNode root = Nodes.object();
    put(root, "requestId", request.requestId());
    root.put("asOf", request.asOf().toString());
    root.set("subject", subject(request.subject()));
    if (request.areas() != null) {
      ArrayNode areas = root.putArray("areas");
      for (Area area : request.areas()) {
        areas.add(area.name());
      }
    }
    ArrayNode facts = root.putArray("facts");
    for (Fact fact : request.facts()) {
      facts.add(fact(fact));
    }
    return root;
  }

  private static ObjectNode subject(Subject subject) {
    ObjectNode node = Nodes.object();
    node.put("id", subject.id());
    node.put("type", subject.type().name());
    put(node, "name", subject.name());
    put(node, "region", subject.region());
    put(node, "establishedOn", subject.establishedOn());
    return node;
  }

  static ObjectNode fact(Fact fact) {
    ObjectNode n = Nodes.object();
    n.put("id", fact.id());
    n.put("type", fact.type().name());
    if (fact instanceof AdminPenalty f) {
      n.put("sector", f.sector().code());
      n.put("decidedOn", f.decidedOn().toString());
      n.put("severity", f.severity().name());
      if (!f.kinds().isEmpty()) {
        ArrayNode kinds = n.putArray("kinds");
        for (PenaltyKind kind : f.kinds()) {
          kinds.add(kind.name());
        }
      }
      put(n, "fine", f.fine());
      put(n, "fulfilledOn", f.fulfilledOn());
      put(n, "published", f.published());
      put(n, "specialSerious", f.specialSerious());
    } else if (fact instanceof CreditCommitment f) {
      n.put("madeOn", f.madeOn().toString());
      n.put("target", f.target());
      put(n, "breachedOn", f.breachedOn());
    } else if (fact instanceof RepairGranted f) {
      n.put("target", f.target());
      n.put("grantedOn", f.grantedOn().toString());
      put(n, "newGrade", f.newGrade());
      put(n, "revokedOn", f.revokedOn());
    } else if (fact instanceof TaxGrade f) {
      grade(n, f.year(), f.grade(), f.publishedOn().toString());
      put(n, "score", f.score());
      put(n, "directReason", f.directReason());
      put(n, "correctedOn", f.correctedOn());
    } else if (fact instanceof TaxSeriousListing f) {
      n.put("servedOn", f.servedOn().toString());
      n.put("publishedOn", f.publishedOn().toString());
      put(n, "paidInFullOn", f.paidInFullOn());
      if (f.priorListingsIn5Years() != 0) {
        n.put("priorListingsIn5Years", f.priorListingsIn5Years());
      }
    } else if (fact instanceof LaborGrade f) {
      grade(n, f.year(), f.grade(), f.publishedOn().toString());
    } else if (fact instanceof WageArrearsListing f) {
      n.put("decidedOn", f.decidedOn().toString());
      put(n, "paidInFullOn", f.paidInFullOn());
    } else if (fact instanceof WageArrearsCase f) {
      n.put("foundOn", f.foundOn().toString());
      put(n, "amount", f.amount());
      put(n, "workers", f.workers());
    } else if (fact instanceof MajorLaborViolation f) {
      n.put("decidedOn", f.decidedOn().toString());
      n.put("category", f.category());
    } else if (fact instanceof EnvGrade f) {
      grade(n, f.year(), f.grade(), f.publishedOn().toString());
      put(n, "province", f.province());
    } else if (fact instanceof EnvRectification f) {
      n.put("target", f.target());
      n.put("verifiedOn", f.verifiedOn().toString());
    } else if (fact instanceof ResearchMisconduct f) {
      n.put("decidedOn", f.decidedOn().toString());
      n.put("misconduct", f.misconduct());
      n.put("severity", f.severity().name());
      put(n, "banYears", f.banYears());
      if (f.permanent()) {
        n.put("permanent", true);
      }
      if (f.aggravated()) {
        n.put("aggravated", true);
      }
      if (f.awardRevoked()) {
        n.put("awardRevoked", true);
      }
    } else if (fact instanceof JudgmentDefaulter f) {
      n.put("listedOn", f.listedOn().toString());
      if (f.termYears() != 2) {
        n.put("termYears", f.termYears());
      }
      put(n, "fulfilledOn", f.fulfilledOn());
    }
    put(n, "authority", fact.authority());
    put(n, "documentNo", fact.documentNo());
    return n;
  }

  private static void grade(ObjectNode n, int year, String grade, String publishedOn) {
    n.put("year", year);
    n.put("grade", grade);
    n.put("publishedOn", publishedOn);
  }

  /** Sets {@code name} unless {@code value} is null. */
  private static void put(ObjectNode node, String name, Object value) {
    if (value != null) {
      node.set(name, Nodes.node(value));
    }
  }
}
