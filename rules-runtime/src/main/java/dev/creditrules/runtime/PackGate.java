package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether changed pack folders of a {@link LivePacks} directory may go live. The live
 * directory first compiles and lints every changed folder; only a candidate engine built from
 * folders that passed reaches the gate, which can then check more (for example, run each changed
 * pack's own regression cases: {@code dev.creditrules.testkit.CaseGate}).
 *
 * <p>The live directory calls a gate from one thread at a time, never while the candidate is
 * served; an implementation need not be thread-safe unless it is shared between live directories.
 */
@FunctionalInterface
public interface PackGate {

  /** Accepts every candidate that compiles and passes the lint. */
  PackGate NONE = (candidate, changed) -> List.of();

  /**
   * Checks a candidate.
   *
   * @param candidate the engine that would be served if accepted: the changed folders in their new
   *     state, every other pack as currently served. It is complete and immutable.
   * @param changed the changed pack folders ({@code <dir>/<id>/<version>}) that compiled, in path
   *     order; a folder that was removed is not listed. When the fact declarations changed, every
   *     folder is compiled against them and listed: the candidate is all or nothing then, and any
   *     problem rejects the declarations with every folder
   * @return every problem found, empty to accept. A problem whose {@link PackProblem#pack()} names
   *     a changed folder ({@code id@version}) rejects that folder only; any other problem rejects
   *     every changed folder of this round. A gate that throws rejects them all as well.
   */
  List<PackProblem> check(CreditRulesEngine candidate, List<Path> changed);
}
