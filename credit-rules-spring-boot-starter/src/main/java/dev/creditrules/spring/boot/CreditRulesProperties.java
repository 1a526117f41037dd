package dev.creditrules.spring.boot;

import dev.creditrules.json.Limits;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code credit-rules.*} properties of {@link CreditRulesAutoConfiguration}.
 *
 * <pre>
 * credit-rules.packs.directory=/srv/packs      # a live pack directory; absent: the shipped packs
 * credit-rules.packs.gate=cases                # cases (default) or none
 * credit-rules.packs.poll-interval=500ms
 * credit-rules.packs.quiet-period=1s
 * credit-rules.limits.max-request-bytes=1048576
 * </pre>
 */
@ConfigurationProperties("credit-rules")
public class CreditRulesProperties {

  /** Where the rule packs come from. */
  private final Packs packs = new Packs();

  /** Bounds on what a request may hold (bytes, facts, string length, nesting, digits). */
  private final RequestLimits limits = new RequestLimits();

  public Packs getPacks() {
    return packs;
  }

  public RequestLimits getLimits() {
    return limits;
  }

  /** The gate a changed pack folder of a live directory must pass before it goes live. */
  public enum Gate {
    /** The changed folder's own regression cases ({@code cases/*.yaml}) must all pass. */
    CASES,
    /** Compile and lint only. */
    NONE
  }

  /** Where the rule packs come from. */
  public static class Packs {
    /**
     * A live pack directory ({@code <dir>/<id>/<version>/}), watched: changes go live once they
     * compile, lint and pass the gate. Absent: the packs shipped in rules-drl, precompiled.
     */
    private @Nullable Path directory;

    /** The gate of a live directory: the changed folder's cases (default) or none. */
    private Gate gate = Gate.CASES;

    /** How often the live directory is read for changes. */
    private Duration pollInterval = Duration.ofMillis(500);

    /** How long the live directory must stay unchanged before a change is loaded. */
    private Duration quietPeriod = Duration.ofSeconds(1);

    public @Nullable Path getDirectory() {
      return directory;
    }

    public void setDirectory(@Nullable Path directory) {
      this.directory = directory;
    }

    public Gate getGate() {
      return gate;
    }

    public void setGate(Gate gate) {
      this.gate = gate;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getQuietPeriod() {
      return quietPeriod;
    }

    public void setQuietPeriod(Duration quietPeriod) {
      this.quietPeriod = quietPeriod;
    }
  }

  /** Bounds on what a request may hold; the defaults are {@link Limits#DEFAULT}'s. */
  public static class RequestLimits {
    /** The largest request accepted, in bytes of its UTF-8 encoding. */
    private int maxRequestBytes = Limits.DEFAULT_MAX_REQUEST_BYTES;

    /** The most facts a request may hold. */
    private int maxFacts = Limits.DEFAULT_MAX_FACTS;

    /** The longest string value or field name, in characters. */
    private int maxStringLength = Limits.DEFAULT_MAX_STRING_LENGTH;

    /** The deepest nesting of objects and arrays (the request itself is level 1). */
    private int maxDepth = Limits.DEFAULT_MAX_DEPTH;

    /** The most characters of a number written out in plain decimal notation. */
    private int maxNumberLength = Limits.DEFAULT_MAX_NUMBER_LENGTH;

    /** These bounds as the JSON reader's {@link Limits}, checked there. */
    public Limits toLimits() {
      return new Limits(maxRequestBytes, maxFacts, maxStringLength, maxDepth, maxNumberLength);
    }

    public int getMaxRequestBytes() {
      return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
    }

    public int getMaxFacts() {
      return maxFacts;
    }

    public void setMaxFacts(int maxFacts) {
      this.maxFacts = maxFacts;
    }

    public int getMaxStringLength() {
      return maxStringLength;
    }

    public void setMaxStringLength(int maxStringLength) {
      this.maxStringLength = maxStringLength;
    }

    public int getMaxDepth() {
      return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
      this.maxDepth = maxDepth;
    }

    public int getMaxNumberLength() {
      return maxNumberLength;
    }

    public void setMaxNumberLength(int maxNumberLength) {
      this.maxNumberLength = maxNumberLength;
    }
  }
}
