package dev.creditrules.spring.boot;

import dev.creditrules.runtime.LivePacks;
import dev.creditrules.runtime.PackGate;
import dev.creditrules.testkit.CaseGate;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Opens the live pack directory of {@code credit-rules.packs.directory}. A class of its own, loaded
 * only when a directory is set, so that the shipped packs need neither rules-testkit (the case
 * gate) nor rules-compiler on the class path.
 */
final class LiveDirectory {
  static final String CASE_GATE = "dev.creditrules.testkit.CaseGate";

  private LiveDirectory() {}

  /**
   * Opens and watches {@code directory}, the one {@code packs} names, with its gate and timings.
   *
   * @throws IllegalStateException if the case gate is asked for and rules-testkit is missing
   */
  static LivePacks open(
      Path directory, CreditRulesProperties.Packs packs, @Nullable ClassLoader loader) {
    PackGate gate;
    if (packs.getGate() == CreditRulesProperties.Gate.CASES) {
      if (!ClassUtils.isPresent(CASE_GATE, loader)) {
        throw new IllegalStateException(
            "credit-rules.packs.directory="
                + directory
                + " with credit-rules.packs.gate=cases needs the case gate "
                + CASE_GATE
                + ": add the dependency dev.creditrules:rules-testkit (it brings rules-compiler,"
                + " which compiles the directory's DRL)");
      }
      gate = new CaseGate();
    } else {
      gate = PackGate.NONE;
    }
    return LivePacks.builder(directory)
        .gate(gate)
        .pollInterval(packs.getPollInterval())
        .quietPeriod(packs.getQuietPeriod())
        .watch();
  }
}
