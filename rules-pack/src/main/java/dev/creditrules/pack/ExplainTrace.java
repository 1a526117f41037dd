package dev.creditrules.pack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one call of a pack function did, as the explainer records it. The explainer compiles an
 * instrumented copy of the function that a repair rule calls (a repair procedure's {@code
 * penaltyRepair(...)}): every condition, every local variable and every call of a pack function
 * records its value here, so that an explanation shows the values the pack's own code computed.
 * Rules never use it; it is public because the copies are compiled in the pack's package.
 */
public final class ExplainTrace {
  /**
   * One recorded value.
   *
   * @param id which condition, variable or call of the function (the explainer's numbering)
   * @param value the value: a {@link Boolean} for a condition
   */
  public record Event(int id, Object value) {}

  private final List<Event> events = new ArrayList<>();
  private @Nullable Object result;

  /** Records the value of condition {@code id} and returns it. */
  public static boolean test(ExplainTrace t, int id, boolean value) {
    t.events.add(new Event(id, value));
    return value;
  }

  /** Records the value of call {@code id} and returns it. */
  public static <T> T value(ExplainTrace t, int id, T value) {
    t.events.add(new Event(id, value));
    return value;
  }

  /** Records the value a variable ({@code id}) holds. */
  public static void set(ExplainTrace t, int id, Object value) {
    t.events.add(new Event(id, value));
  }

  /** Records what the rule concluded (what it would have inserted). */
  public void result(Object conclusion) {
    this.result = conclusion;
  }

  /** The values in the order they were recorded. */
  public List<Event> events() {
    return Collections.unmodifiableList(events);
  }

  /** What the rule concluded, or {@code null}. */
  public @Nullable Object result() {
    return result;
  }
}
