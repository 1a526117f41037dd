package dev.creditrules.json;

import dev.creditrules.api.Request;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The body of a timeline request ({@code POST /v1/timelines}): {@code {"request": <request>,
 * "until": "yyyy-MM-dd"}}, read by {@link ContractJson#readTimelineRequest(String)}.
 *
 * @param request the request, whose {@code asOf} is the timeline's first day
 * @param until the last day of the timeline, not before the request's {@code asOf}
 */
public record TimelineRequest(Request request, LocalDate until) {
  public TimelineRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(until, "until");
    if (until.isBefore(request.asOf())) {
      throw new IllegalArgumentException(
          "until must not be before asOf " + request.asOf() + " but was " + until);
    }
  }
}
