package dev.creditrules.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@code W(d, n)} of commitments-objections.md s.0: Monday to Friday, d itself never counts. */
class PeriodsTest {

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void workingDaysSkipWeekendsAndNeverCountTheStart() {
    // OBJ-EX-02: Friday 2026-09-25 + 3 = Wednesday 2026-09-30; + 6 = Monday 2026-10-05
    assertThat(Periods.workingDaysAfter(d("2026-09-25"), 3)).isEqualTo(d("2026-09-30"));
    assertThat(Periods.workingDaysAfter(d("2026-09-25"), 6)).isEqualTo(d("2026-10-05"));
    // OBJ-EX-06: Monday 2026-07-20 + 25 = Monday 2026-08-24
    assertThat(Periods.workingDaysAfter(d("2026-07-20"), 25)).isEqualTo(d("2026-08-24"));
    assertThat(Periods.workingDaysAfter(d("2026-07-03"), 1)).isEqualTo(d("2026-07-06"));
  }

  @Test
  void fromAWeekendDayTheFirstWorkingDayIsMonday() {
    assertThat(Periods.workingDaysAfter(d("2026-09-26"), 1)).isEqualTo(d("2026-09-28"));
    assertThat(Periods.workingDaysAfter(d("2026-09-27"), 5)).isEqualTo(d("2026-10-02"));
    assertThat(Periods.workingDaysAfter(d("2026-09-26"), 0)).isEqualTo(d("2026-09-26"));
    assertThatThrownBy(() -> Periods.workingDaysAfter(d("2026-09-26"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithCountingDayByDay() {
    LocalDate start = d("2024-02-20");
    for (int offset = 0; offset < 21; offset++) {
      LocalDate from = start.plusDays(offset);
      for (int n = 0; n < 40; n++) {
        LocalDate day = from;
        int left = n;
        while (left > 0) {
          day = day.plusDays(1);
          if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
            left--;
          }
        }
        assertThat(Periods.workingDaysAfter(from, n)).as("W(%s, %d)", from, n).isEqualTo(day);
      }
    }
  }
}
