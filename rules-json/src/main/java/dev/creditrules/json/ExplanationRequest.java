package dev.creditrules.json;

import dev.creditrules.api.Request;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of an explanation request ({@code POST /v1/explanations}): {@code {"request": <request>,
 * "measure": "GEN-S-05"}} for a measure, or {@code {"request": <request>, "fact": "f1"}} for the
 * repair entry of a record; read by {@link
 * ContractJson#readExplanationRequest(java.io.InputStream)}.
 *
 * @param request the request to explain
 * @param measure the measure id, or null when {@code fact} is given
 * @param fact the id of the fact whose repair entry is asked about, or null when {@code measure} is
 *     given
 */
public record ExplanationRequest(Request request, @Nullable String measure, @Nullable String fact) {
  public ExplanationRequest {
    Objects.requireNonNull(request, "request");
    if ((measure == null) == (fact == null)) {
      throw new IllegalArgumentException("give exactly one of measure and fact");
    }
  }
}
