package dev.creditrules.benchmarks;

import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.json.ContractJson;
import dev.creditrules.testkit.RequestGenerator;
import dev.creditrules.testkit.RequestGenerator.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests of the benchmarks and of the equivalence test, made by the testkit's generic {@link
 * RequestGenerator} from the fact model (so every request is valid for the declarations; {@code
 * SubjectsTest} checks them). Their facts are of the oracle's types only ({@link Oracle}: tax
 * grades, tax serious listings, judgment defaulters, administrative penalties, commitments and
 * grants), in the proportions below.
 *
 * <p>A <em>benchmark subject</em> of n facts ({@link #benchmark}) is an enterprise, {@code asOf} in
 * 2026, with about 30% tax grades (mostly consecutive years, at most 12), 10% tax serious listings,
 * 10% judgment defaulters, 10% commitments and the rest penalties (half of them of the tax sector),
 * dated up to three years before {@code asOf}; the typical subject is n = 10: three tax grades,
 * four penalties, one serious listing, one judgment defaulter, one commitment. A <em>random
 * subject</em> ({@link #random}) is for the equivalence test: 0 to 16 facts with grants too, an
 * enterprise or (one in five) another subject type, a natural person most often, facts from 2009
 * on, shuffled, and an {@code asOf} drawn mostly from the boundaries of the facts' terms. No
 * request names areas: the oracle decides every outcome.
 */
public final class Subjects {
  private Subjects() {}

  /** The oracle's types in the proportions of the typical subject (penalties take the rest). */
  static final Map<String, Integer> BENCHMARK_WEIGHTS = new LinkedHashMap<>();

  /** The oracle's types in the proportions of the equivalence test's subjects. */
  static final Map<String, Integer> RANDOM_WEIGHTS = new LinkedHashMap<>();

  static {
    BENCHMARK_WEIGHTS.put(Oracle.TAX_GRADE, 3);
    BENCHMARK_WEIGHTS.put(Oracle.ADMIN_PENALTY, 4);
    BENCHMARK_WEIGHTS.put(Oracle.TAX_SERIOUS_LISTING, 1);
    BENCHMARK_WEIGHTS.put(Oracle.JUDGMENT_DEFAULTER, 1);
    BENCHMARK_WEIGHTS.put(Oracle.CREDIT_COMMITMENT, 1);
    RANDOM_WEIGHTS.put(Oracle.TAX_GRADE, 3);
    RANDOM_WEIGHTS.put(Oracle.TAX_SERIOUS_LISTING, 1);
    RANDOM_WEIGHTS.put(Oracle.JUDGMENT_DEFAULTER, 1);
    RANDOM_WEIGHTS.put(Oracle.ADMIN_PENALTY, 3);
    RANDOM_WEIGHTS.put(Oracle.CREDIT_COMMITMENT, 1);
    RANDOM_WEIGHTS.put(Oracle.REPAIR_GRANTED, 1);
  }

  /** The most facts of a random subject. */
  static final int RANDOM_FACTS = 16;

  /** The settings of the benchmark subjects of {@code facts} facts. */
  static Settings benchmarkSettings(long seed, int facts) {
    return Settings.of(seed, facts, 0)
        .withWeights(BENCHMARK_WEIGHTS)
        .withSubjectTypes(EnumSet.of(SubjectType.ENTERPRISE))
        .withAsOf(LocalDate.of(2026, 1, 1), 365)
        .withSpanYears(3)
        .withoutAreas()
        .withRequestIdPrefix("bench-");
  }

  /** The settings of the equivalence test's random subjects. */
  static Settings randomSettings() {
    return Settings.of(0, RANDOM_FACTS, 0)
        .withWeights(RANDOM_WEIGHTS)
        .withVaryingFacts()
        .withBoundaries()
        .withAsOf(LocalDate.of(2014, 1, 1), 15 * 365)
        .withoutAreas()
        .withRequestIdPrefix("eq-");
  }

  /** The system property naming a JSON Lines file of requests to use as the benchmarks' pool. */
  public static final String POOL_FILE = "credit-rules.benchmark.pool";

  /**
   * The benchmarks' pool: {@code count} requests of {@code facts} facts, generated ({@link
   * #benchmarkPool} with seed 42), or, when the system property {@value #POOL_FILE} names a JSON
   * Lines file, the first {@code count} requests of {@code facts} facts in it. With the file, two
   * builds (another branch's pool written as JSON) can be measured on the very same requests; pass
   * it to JMH's forks with {@code -jvmArgsAppend -Dcredit-rules.benchmark.pool=FILE}.
   *
   * @throws IllegalStateException when the file holds fewer such requests
   */
  public static List<Request> pool(FactModel model, int facts, int count) {
    String file = System.getProperty(POOL_FILE);
    if (file == null || file.isEmpty()) {
      return benchmarkPool(model, 42, facts, count);
    }
    ContractJson json = new ContractJson(model);
    List<Request> out = new ArrayList<>(count);
    try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null && out.size() < count; line = in.readLine()) {
        if (!line.isBlank()) {
          Request r = json.readRequest(line);
          if (r.facts().size() == facts) {
            out.add(r);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pool " + file, e);
    }
    if (out.size() < count) {
      throw new IllegalStateException(
          file + " holds " + out.size() + " requests of " + facts + " facts, not " + count);
    }
    return out;
  }

  /** {@code count} benchmark requests of {@code facts} facts each, deterministic by seed. */
  public static List<Request> benchmarkPool(FactModel model, long seed, int facts, int count) {
    RequestGenerator generator = new RequestGenerator(model, benchmarkSettings(seed, facts));
    List<Request> out = new ArrayList<>(count);
    // lines whose commitments are packs-v2 ones are skipped: every subject keeps its facts count
    for (long i = 1, tries = 0; out.size() < count; i++, tries++) {
      Request r = generator.request(i);
      Request v1 = v1(r);
      // a subject of many facts almost always loses one: then the first one is taken as it is
      if (v1.facts().size() == r.facts().size() || tries >= 50L * count) {
        out.add(v1);
        tries = 0;
      }
    }
    return out;
  }

  /**
   * The fields packs-v2 added to the oracle's types (market.md s.1.1, commitments-objections.md
   * A1): the oracle decides packs-v1, so the subjects carry none of them.
   */
  static final Map<String, Set<String>> V2_FIELDS =
      Map.of(
          Oracle.ADMIN_PENALTY,
          Set.of(
              "procedure",
              "publishedOn",
              "lowFine",
              "domain",
              "violationType",
              "rectifiedOn",
              "restrictedUntil"),
          Oracle.CREDIT_COMMITMENT,
          Set.of("kind", "matter", "breach", "serious", "rectifiedOn"));

  /** The penalty kinds packs-v2 added (market.md s.1.1). */
  static final Set<String> V2_KINDS =
      Set.of("QUALIFICATION_DOWNGRADE", "BUSINESS_RESTRICTION", "CLOSURE");

  /**
   * {@code r} in packs-v1 vocabulary: the packs-v2 fields and kinds left out, a commitment that is
   * not a plain repair commitment (another kind, or a breach) left out with what names it.
   */
  static Request v1(Request r) {
    Set<String> dropped = new java.util.HashSet<>();
    List<Fact> kept = new ArrayList<>();
    for (Fact f : r.facts()) {
      Set<String> v2 = V2_FIELDS.get(f.type());
      if (v2 == null) {
        kept.add(f);
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>(f.values());
      values.keySet().removeAll(v2);
      if (f.type().equals(Oracle.CREDIT_COMMITMENT) && values.get("target") == null) {
        // a notification or industry commitment becomes a repair commitment of a penalty made
        // before it; without one it is left out
        String target = null;
        for (Fact p : r.facts()) {
          if (target == null
              && p.type().equals(Oracle.ADMIN_PENALTY)
              && !p.date("decidedOn").isAfter(f.date("madeOn"))) {
            target = p.id();
          }
        }
        if (target == null) {
          dropped.add(f.id());
          continue;
        }
        values.put("target", target);
        if (values.get("breachedOn") instanceof LocalDate b && b.isBefore(f.date("madeOn"))) {
          values.remove("breachedOn");
        }
      }
      if (values.get("kinds") instanceof List<?> kinds) {
        List<Object> v1Kinds = new ArrayList<>(kinds);
        v1Kinds.removeIf(V2_KINDS::contains);
        values.put("kinds", v1Kinds.isEmpty() ? null : v1Kinds);
      }
      kept.add(Fact.of(f.type(), f.id(), values));
    }
    // what names a commitment left out or no longer a breach record (a commitment or a grant of a
    // breach record) is left out too; then whatever names that, and so on
    for (Fact f : r.facts()) {
      if (f.type().equals(Oracle.CREDIT_COMMITMENT) && f.get("breach") != null) {
        dropped.add(f.id());
      }
    }
    boolean more = true;
    while (more) {
      more = false;
      for (java.util.Iterator<Fact> it = kept.iterator(); it.hasNext(); ) {
        Fact f = it.next();
        if (dropped.contains(String.valueOf(f.get("target")))) {
          it.remove();
          more |= dropped.add(f.id());
        }
      }
    }
    return new Request(r.requestId(), r.asOf(), r.subject(), r.areas(), kept);
  }

  /** A benchmark subject: an enterprise with {@code n} facts across tax, general and joint. */
  public static Request benchmark(FactModel model, long seed, int n) {
    return benchmarkPool(model, seed, n, 1).get(0);
  }

  /**
   * A random subject for the equivalence test: up to {@value #RANDOM_FACTS} facts, grants and
   * commitments, any subject type, and a boundary-rich {@code asOf}.
   */
  public static Request random(FactModel model, long seed) {
    return v1(new RequestGenerator(model, randomSettings()).request(seed));
  }
}
