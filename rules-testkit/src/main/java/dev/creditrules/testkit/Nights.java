package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.model.FactModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A population of generated subjects over simulated nights: each night {@code asOf} moves one day,
 * every request gets a new {@code requestId}, about {@code changedShare} of the subjects get
 * changed facts (a fact added from another generated request, a fact removed, or a date of a fact
 * moved), a few subjects come and go and a few swap places. Some lines are invalid on purpose and
 * stay so. Deterministic for a seed. Not thread-safe. The population the incremental runs of the
 * command line and of Spark are checked on (deciding only what changed must give what deciding
 * everyone gives, night after night).
 */
public final class Nights {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private final RequestGenerator generator;
  private final SplittableRandom random;
  private final double changedShare;

  /** Each subject's request without requestId and asOf, or its raw line when it is invalid. */
  private final List<Object> subjects = new ArrayList<>();

  private final LocalDate first;
  private long nextDonor;
  private int night;
  private int changedTonight;

  /**
   * @param subjects how many subjects on the first night
   * @param first the first night's {@code asOf}
   * @param changedShare the share of subjects whose facts change each night
   */
  public Nights(FactModel model, long seed, int subjects, LocalDate first, double changedShare) {
    this.generator =
        new RequestGenerator(
            model,
            RequestGenerator.Settings.of(seed, 8, 97)
                .withVaryingFacts()
                .withAsOf(first.minusDays(400), 400));
    this.random = new SplittableRandom(seed);
    this.changedShare = changedShare;
    this.first = first;
    for (long n = 1; n <= subjects; n++) {
      this.subjects.add(subject(n));
    }
    this.nextDonor = subjects + 1L;
  }

  private Object subject(long n) {
    String line = generator.line(n);
    if (generator.isInvalid(n)) {
      return line;
    }
    try {
      ObjectNode request = (ObjectNode) MAPPER.readTree(line);
      request.remove("requestId");
      request.remove("asOf");
      return request;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Subjects whose facts changed on the last night made. */
  public int changedTonight() {
    return changedTonight;
  }

  /** The next night's JSON Lines (the first call: the first night, unchanged). */
  public String next() {
    if (night > 0) {
      change();
    }
    LocalDate asOf = first.plusDays(night);
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (Object s : subjects) {
      i++;
      if (s instanceof String raw) {
        out.append(raw).append('\n');
        continue;
      }
      ObjectNode line = MAPPER.createObjectNode();
      line.put("requestId", "night-" + night + "-" + i);
      line.put("asOf", asOf.toString());
      line.setAll((ObjectNode) s);
      out.append(line).append('\n');
      if (i % 500 == 0) {
        out.append('\n'); // a blank line now and then: it counts for line numbers
      }
    }
    night++;
    return out.toString();
  }

  private void change() {
    changedTonight = 0;
    int size = subjects.size();
    for (int i = 0; i < size; i++) {
      if (subjects.get(i) instanceof ObjectNode request && random.nextDouble() < changedShare) {
        changeFacts(request);
        changedTonight++;
      }
    }
    // a few come and go, a few swap places
    for (int k = 0; k < Math.max(1, size / 1000); k++) {
      subjects.remove(random.nextInt(subjects.size()));
      subjects.add(random.nextInt(subjects.size() + 1), subject(nextDonor++));
      int a = random.nextInt(subjects.size());
      int b = random.nextInt(subjects.size());
      Object t = subjects.get(a);
      subjects.set(a, subjects.get(b));
      subjects.set(b, t);
    }
  }

  private void changeFacts(ObjectNode request) {
    ArrayNode facts = (ArrayNode) request.get("facts");
    int kind = facts.isEmpty() ? 0 : random.nextInt(3);
    switch (kind) {
      case 0 -> { // add a fact of another generated subject
        JsonNode donor = donorFact();
        if (donor != null) {
          ObjectNode fact = donor.deepCopy();
          fact.put("id", "n" + night + "-" + random.nextInt(1_000_000));
          facts.add(fact);
        }
      }
      case 1 -> facts.remove(random.nextInt(facts.size()));
      default -> { // move one date of a fact back by 1 to 400 days
        ObjectNode fact = (ObjectNode) facts.get(random.nextInt(facts.size()));
        List<String> dates = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fact.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isTextual() && DATE.matcher(e.getValue().textValue()).matches()) {
            dates.add(e.getKey());
          }
        }
        if (dates.isEmpty()) {
          facts.remove(0);
        } else {
          String field = dates.get(random.nextInt(dates.size()));
          LocalDate day = LocalDate.parse(fact.get(field).textValue());
          fact.put(field, day.minusDays(1 + random.nextInt(400)).toString());
        }
      }
    }
  }

  private @Nullable JsonNode donorFact() {
    for (int tries = 0; tries < 20; tries++) {
      try {
        JsonNode facts = MAPPER.readTree(generator.valid(nextDonor++)).get("facts");
        // a fact that names no other fact: it is valid alone
        for (JsonNode f : facts) {
          boolean names = false;
          for (Iterator<JsonNode> it = f.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            names |= v.isTextual() && v.textValue().matches("f[0-9]+");
          }
          if (!names) {
            return f;
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }
}
