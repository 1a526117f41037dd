package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.Area;
import dev.creditrules.api.Basis;
import dev.creditrules.api.Decision;
import dev.creditrules.api.OpenDispute;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Repair;
import dev.creditrules.api.RequestError;
import dev.creditrules.api.Unmet;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds the contract's decision and error objects, fields in the contract's order. */
final class DecisionWriter {
  private DecisionWriter() {}

  /** The contract's {@code packs} array: {@code [{"id","version","digest"}, …]}. */
  static void packs(JsonGenerator g, List<PackRef> refs) throws IOException {
    g.writeStartArray();
    for (PackRef pack : refs) {
      g.writeStartObject();
      g.writeStringField("id", pack.id());
      g.writeStringField("version", pack.version());
      g.writeStringField("digest", pack.digest());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * Writes the decision to {@code g}, fields in the contract's order. This is the one writer of a
   * decision: the tree form ({@link ContractJson#decisionTree}) is read back from its tokens.
   */
  static void write(JsonGenerator g, Decision decision) throws IOException {
    g.writeStartObject();
    stringOrNull(g, "requestId", decision.requestId());
    date(g, "asOf", decision.asOf());
    g.writeObjectFieldStart("subject");
    g.writeStringField("id", decision.subject().id());
    g.writeStringField("type", decision.subject().type().name());
    g.writeEndObject();
    g.writeFieldName("packs");
    packs(g, decision.packs());
    outcomes(g, "incentives", decision.incentives());
    outcomes(g, "sanctions", decision.sanctions());
    outcomes(g, "warnings", decision.warnings());
    g.writeArrayFieldStart("repairs");
    for (Repair repair : decision.repairs()) {
      repair(g, repair);
    }
    g.writeEndArray();
    // on every decision, null included (issue 13): a reader of any line knows whether it was
    // written before the key existed (absent) or says that no later day changes anything (null)
    date(g, "nextChangeOn", decision.nextChangeOn());
    if (decision.disputes() != null) {
      g.writeArrayFieldStart("disputes");
      for (OpenDispute d : decision.disputes()) {
        dispute(g, d);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  static void dispute(JsonGenerator g, OpenDispute d) throws IOException {
    g.writeStartObject();
    g.writeStringField("fact", d.fact());
    g.writeStringField("target", d.target());
    g.writeStringField("channel", d.channel());
    date(g, "raisedOn", d.raisedOn());
    date(g, "answerDue", d.answerDue());
    g.writeBooleanField("overdue", d.overdue());
    basis(g, d.basis());
    g.writeBooleanField("verified", d.verified());
    g.writeStringField("rule", d.rule());
    g.writeEndObject();
  }

  private static void outcomes(JsonGenerator g, String field, List<Outcome> outcomes)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Outcome o : outcomes) {
      outcome(g, o);
    }
    g.writeEndArray();
  }

  static void outcome(JsonGenerator g, Outcome o) throws IOException {
    g.writeStartObject();
    g.writeStringField("measure", o.measure());
    g.writeObjectFieldStart("name");
    g.writeStringField("zh", o.name().zh());
    g.writeStringField("en", o.name().en());
    g.writeEndObject();
    g.writeStringField("sector", o.sector());
    g.writeStringField("group", o.group().name());
    g.writeArrayFieldStart("areas");
    for (Area area : o.areas()) {
      g.writeString(area.name());
    }
    g.writeEndArray();
    date(g, "from", o.from());
    date(g, "until", o.until());
    basis(g, o.basis());
    g.writeBooleanField("verified", o.verified());
    g.writeStringField("rule", o.rule());
    g.writeArrayFieldStart("facts");
    for (String fact : o.facts()) {
      g.writeString(fact);
    }
    g.writeEndArray();
    if (o.disputed() != null) {
      g.writeBooleanField("disputed", o.disputed());
    }
    g.writeEndObject();
  }

  static void repair(JsonGenerator g, Repair r) throws IOException {
    g.writeStartObject();
    g.writeStringField("fact", r.fact());
    g.writeStringField("sector", r.sector());
    g.writeStringField("status", r.status().name());
    date(g, "earliest", r.earliest());
    g.writeArrayFieldStart("unmet");
    for (Unmet u : r.unmet()) {
      g.writeStartObject();
      g.writeStringField("code", u.code().name());
      g.writeStringField("message", u.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    stringOrNull(g, "route", r.route());
    basis(g, r.basis());
    g.writeBooleanField("verified", r.verified());
    g.writeStringField("rule", r.rule());
    if (r.disputed() != null) {
      g.writeBooleanField("disputed", r.disputed());
    }
    if (r.withdrawnBy() != null) {
      g.writeStringField("withdrawnBy", r.withdrawnBy());
    }
    g.writeEndObject();
  }

  private static void basis(JsonGenerator g, List<Basis> basis) throws IOException {
    g.writeArrayFieldStart("basis");
    for (Basis b : basis) {
      g.writeStartObject();
      g.writeStringField("title", b.title());
      g.writeStringField("number", b.number());
      g.writeStringField("article", b.article());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** The characters of a date, reused by the thread's writes. */
  private static final ThreadLocal<char[]> DAY = ThreadLocal.withInitial(() -> new char[10]);

  /**
   * A date field, {@code yyyy-MM-dd} as {@link LocalDate#toString()} writes it (or JSON null),
   * without making a string of it.
   */
  static void date(JsonGenerator g, String field, @Nullable LocalDate day) throws IOException {
    g.writeFieldName(field);
    if (day == null) {
      g.writeNull();
      return;
    }
    int year = day.getYear();
    if (year < 0 || year > 9999) {
      g.writeString(day.toString()); // a sign, or more than four digits
      return;
    }
    char[] c = DAY.get();
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, day.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, day.getDayOfMonth(), 2);
    g.writeString(c, 0, 10);
  }

  /** {@code value} as {@code count} decimal digits, zero-padded, at {@code c[at]}. */
  private static void digits(char[] c, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static void stringOrNull(JsonGenerator g, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
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
