package dev.creditrules.spring.boot;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.PackProblem;
import dev.creditrules.api.PackRef;
import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.LiveStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The health of the rule packs, as {@code creditRules} in {@code /actuator/health}.
 *
 * <ul>
 *   <li>UP with {@code packs} (each {@code id@version}) and {@code generation}: for the shipped
 *       packs, and for a live directory whose every folder's last state was accepted (what is on
 *       disk is what is served), with its {@code directory} and {@code lastReload}.
 *   <li>DOWN for a live directory whose last change of some folder (or of the fact declarations)
 *       was rejected, with the same details and {@code rejected}: each such folder's {@code pack},
 *       {@code digest} (of what was rejected), {@code at} and {@code problems} (file, line and
 *       reason).
 * </ul>
 *
 * <p>Why DOWN, not OUT_OF_SERVICE: OUT_OF_SERVICE says an instance was taken out on purpose; a
 * rejected change is a failure someone must act on (what analysts put on disk is not served). The
 * instance still decides with the last good version of every pack, so this indicator belongs to the
 * overall health that monitoring watches, not to Kubernetes' liveness or readiness groups (Spring
 * Boot's probe groups leave it out unless it is added): restarting would not help, since a live
 * directory with a rejected folder does not open at all.
 */
final class CreditRulesHealthIndicator extends AbstractHealthIndicator {
  private final CreditRules rules;

  CreditRulesHealthIndicator(CreditRules rules) {
    super("credit-rules health check failed");
    this.rules = MeteredCreditRules.unwrap(rules);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (!(rules instanceof LivePacks live)) {
      builder.up().withDetail("packs", names(rules.packs())).withDetail("generation", 1);
      return;
    }
    LiveStatus status = live.status();
    builder
        .withDetail("packs", names(status.packs()))
        .withDetail("generation", status.generation())
        .withDetail("directory", status.directory().toString())
        .withDetail("lastReload", status.lastReload().toString());
    List<Map<String, Object>> rejected =
        status.folders().stream()
            .filter(f -> f.verdict() == LiveStatus.Verdict.REJECTED)
            .map(CreditRulesHealthIndicator::rejected)
            .toList();
    if (rejected.isEmpty()) {
      builder.up();
    } else {
      builder.down().withDetail("rejected", rejected);
    }
  }

  private static List<String> names(List<PackRef> packs) {
    return packs.stream().map(PackRef::toString).toList();
  }

  private static Map<String, Object> rejected(LiveStatus.FolderOutcome f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pack", f.pack());
    m.put("digest", f.digest());
    m.put("at", f.at().toString());
    m.put("problems", f.problems().stream().map(PackProblem::toString).toList());
    return m;
  }
}
