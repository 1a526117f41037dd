package dev.creditrules.audit;

import dev.creditrules.runtime.CreditRulesEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Shared requests, the shipped engine (compiled once), deterministic ids and clock. */
final class Fixtures {
  static final String PERSON_ID = "110108198001150018";

  /** A natural person with a serious research-misconduct finding (res-ex-01). */
  static final String PERSON =
      """
      {"requestId":"res-ex-01","asOf":"2026-05-15",
       "subject":{"id":"110108198001150018","type":"NATURAL_PERSON","name":"研究人员R1"},
       "facts":[{"id":"m1","type":"RESEARCH_MISCONDUCT","decidedOn":"2026-05-15","misconduct":"RM-02",
                 "severity":"SERIOUS","banYears":4,"authority":"科学技术部"}]}""";

  /** An enterprise on the serious tax list (tax-ex-07). */
  static final String ENTERPRISE =
      """
      {"requestId":"tax-ex-07","asOf":"2025-10-11",
       "subject":{"id":"91110108MA01TAX03C","type":"ENTERPRISE","name":"北京某科技有限公司",
                  "region":"110108","establishedOn":"2019-03-01"},
       "facts":[{"id":"l1","type":"TAX_SERIOUS_LISTING","servedOn":"2025-03-10",
                 "publishedOn":"2025-04-10","paidInFullOn":"2025-05-01"}]}""";

  /** The shipped packs' source folders. */
  static final Path PACKS = Path.of("../rules-drl/src/main/packs");

  static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

  private static CreditRulesEngine shipped;

  private Fixtures() {}

  static synchronized CreditRulesEngine shipped() {
    if (shipped == null) {
      shipped = CreditRulesEngine.fromClasspath();
    }
    return shipped;
  }

  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** 00000000-0000-0000-0000-000000000001, …02, … */
  static Supplier<UUID> ids() {
    AtomicLong n = new AtomicLong();
    return () -> new UUID(0, n.incrementAndGet());
  }

  /** Copies a pack tree (with cases) to {@code target}. */
  static Path copy(Path from, Path target) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }
}
