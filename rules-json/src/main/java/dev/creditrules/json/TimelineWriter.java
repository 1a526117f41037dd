package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.creditrules.api.ChangePoint;
import dev.creditrules.api.ChangePoint.DisputeChange;
import dev.creditrules.api.ChangePoint.OutcomeChange;
import dev.creditrules.api.ChangePoint.RepairChange;
import dev.creditrules.api.Outcome;
import dev.creditrules.api.Timeline;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a timeline ({@code timeline.schema.json}), fields in a fixed order; every decision,
 * outcome, repair entry and dispute in it is written by {@link DecisionWriter}, exactly as in a
 * decision.
 */
final class TimelineWriter {
  private TimelineWriter() {}

  static void write(JsonGenerator g, Timeline t) throws IOException {
    g.writeStartObject();
    if (t.requestId() == null) {
      g.writeNullField("requestId");
    } else {
      g.writeStringField("requestId", t.requestId());
    }
    g.writeStringField("asOf", t.asOf().toString());
    g.writeStringField("until", t.until().toString());
    g.writeObjectFieldStart("subject");
    g.writeStringField("id", t.subject().id());
    g.writeStringField("type", t.subject().type().name());
    g.writeEndObject();
    g.writeFieldName("start");
    DecisionWriter.write(g, t.start());
    g.writeArrayFieldStart("changes");
    for (ChangePoint p : t.changes()) {
      point(g, p);
    }
    g.writeEndArray();
    date(g, "nextChangeOn", t.nextChangeOn());
    g.writeBooleanField("truncated", t.truncated());
    g.writeEndObject();
  }

  private static void point(JsonGenerator g, ChangePoint p) throws IOException {
    g.writeStartObject();
    g.writeStringField("on", p.on().toString());
    outcomes(g, "started", p.started());
    outcomes(g, "ended", p.ended());
    g.writeArrayFieldStart("changed");
    for (OutcomeChange c : p.changed()) {
      g.writeStartObject();
      g.writeFieldName("before");
      DecisionWriter.outcome(g, c.before());
      g.writeFieldName("after");
      DecisionWriter.outcome(g, c.after());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("repairs");
    for (RepairChange c : p.repairs()) {
      g.writeStartObject();
      g.writeStringField("fact", c.fact());
      g.writeFieldName("before");
      if (c.before() == null) {
        g.writeNull();
      } else {
        DecisionWriter.repair(g, c.before());
      }
      g.writeFieldName("after");
      if (c.after() == null) {
        g.writeNull();
      } else {
        DecisionWriter.repair(g, c.after());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("disputes");
    for (DisputeChange c : p.disputes()) {
      g.writeStartObject();
      g.writeStringField("fact", c.fact());
      g.writeStringField("change", c.kind().name());
      g.writeFieldName("before");
      if (c.before() == null) {
        g.writeNull();
      } else {
        DecisionWriter.dispute(g, c.before());
      }
      g.writeFieldName("after");
      if (c.after() == null) {
        g.writeNull();
      } else {
        DecisionWriter.dispute(g, c.after());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("decision");
    DecisionWriter.write(g, p.decision());
    g.writeEndObject();
  }

  private static void outcomes(JsonGenerator g, String field, List<Outcome> outcomes)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Outcome o : outcomes) {
      DecisionWriter.outcome(g, o);
    }
    g.writeEndArray();
  }

  private static void date(JsonGenerator g, String field, @Nullable LocalDate day)
      throws IOException {
    if (day == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, day.toString());
    }
  }
}
