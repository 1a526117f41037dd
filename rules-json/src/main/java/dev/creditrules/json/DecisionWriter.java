package dev.creditrules.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.Basis;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Unmet;
import java.util.List;

/** Builds the contract's decision and error objects, fields in the contract's order. */
final class DecisionWriter {
  private DecisionWriter() {}

  /** The contract's {@code packs} array: {@code [{"id","version","digest"}, …]}. */
  static ArrayNode packs(List<PackRef> refs) {
    ArrayNode a = Nodes.array();
    for (PackRef pack : refs) {
      a.addObject().put("id", pack.id()).put("version", pack.version()).put("digest", pack.digest());
    }
    return a;
  }

  static ObjectNode tree(Decision decision) {
    ObjectNode root = Nodes.object();
    root.set("requestId", Nodes.text(decision.requestId()));
    root.put("asOf", decision.asOf().toString());
    ObjectNode subject = root.putObject("subject");
    subject.put("id", decision.subject().id());
    subject.put("type", decision.subject().type().name());
    root.set("packs", packs(decision.packs()));
    outcomes(root.putArray("incentives"), decision.incentives());
    outcomes(root.putArray("sanctions"), decision.sanctions());
    outcomes(root.putArray("warnings"), decision.warnings());
    ArrayNode repairs = root.putArray("repairs");
    for (Repair repair : decision.repairs()) {
      repairs.add(repair(repair));
    }
    return root;
  }

  private static void outcomes(ArrayNode array, List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      array.add(outcome(outcome));
    }
  }

  static ObjectNode outcome(Outcome o) {
    ObjectNode n = Nodes.object();
    n.put("measure", o.measure());
    ObjectNode name = n.putObject("name");
    name.put("zh", o.name().zh());
    name.put("en", o.name().en());
    n.put("sector", o.sector());
    n.put("group", o.group().name());
    ArrayNode areas = n.putArray("areas");
    for (Area area : o.areas()) {
      areas.add(area.name());
    }
    n.put("from", o.from().toString());
    n.set("until", Nodes.date(o.until()));
    basis(n.putArray("basis"), o.basis());
    n.put("verified", o.verified());
    n.put("rule", o.rule());
    ArrayNode facts = n.putArray("facts");
    for (String fact : o.facts()) {
      facts.add(fact);
    }
    return n;
  }

  static ObjectNode repair(Repair r) {
    ObjectNode n = Nodes.object();
    n.put("fact", r.fact());
    n.put("sector", r.sector());
    n.put("status", r.status().name());
    n.set("earliest", Nodes.date(r.earliest()));
    ArrayNode unmet = n.putArray("unmet");
    for (Unmet u : r.unmet()) {
      ObjectNode item = unmet.addObject();
      item.put("code", u.code().name());
      item.put("message", u.message());
    }
    n.set("route", Nodes.text(r.route()));
    basis(n.putArray("basis"), r.basis());
    n.put("verified", r.verified());
    n.put("rule", r.rule());
    return n;
  }

  private static void basis(ArrayNode array, List<Basis> basis) {
    for (Basis b : basis) {
      ObjectNode item = array.addObject();
      item.put("title", b.title());
      item.put("number", b.number());
      item.put("article", b.article());
    }
  }

  static ArrayNode errors(List<RequestError> errors) {
    ArrayNode array = Nodes.array();
    for (RequestError e : errors) {
      ObjectNode item = array.addObject();
      item.put("pointer", e.pointer());
      item.set("value", Nodes.node(e.value()));
      item.put("reason", e.reason());
    }
    return array;
  }
}
