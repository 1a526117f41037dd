package dev.creditrules.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A duration option: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds
 * ({@code --grace 5}), or ISO-8601 ({@code PT10S}); never negative.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      Duration d = Duration.parse(value.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw new CommandLine.TypeConversionException(
        "must be a duration such as 500ms, 10s, 2m or PT10S but was '" + value + "'");
  }

  /** {@code d} as the shortest of the forms above, for messages ({@code 10s}, {@code 500ms}). */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
