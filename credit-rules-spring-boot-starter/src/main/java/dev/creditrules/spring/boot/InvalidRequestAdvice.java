package dev.creditrules.spring.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.ContractJson;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Answers a request that breaks the contract with HTTP 422 and the contract's error body, {@code
 * {"errors":[{"pointer","value","reason"}]}} ({@link ContractJson#writeErrors}), instead of
 * Spring's default error JSON. 422, as the library's own service ({@code credit-rules serve})
 * answers: the contract treats "cannot be read" and "breaks a rule" alike, and one status spares
 * callers from telling two shapes of failure apart, whichever of the two services they call.
 *
 * <ul>
 *   <li>a {@code @RequestBody Request} the Jackson module could not read (the {@link
 *       InvalidRequestException} it raised, which Spring wraps in an {@link
 *       HttpMessageNotReadableException});
 *   <li>a body that is not JSON at all, or missing, for a {@code @RequestBody Request} (Jackson
 *       fails before the module is called): one error with the empty pointer;
 *   <li>an {@link InvalidRequestException} thrown by a handler (for example from {@code decide}).
 * </ul>
 *
 * <p>Any other unreadable body (of another type) is left to Spring, as if this advice did not
 * exist. An application's own advice for these exceptions, being ordered before this one, wins.
 */
@RestControllerAdvice
final class InvalidRequestAdvice {
  private final ContractJson json;
  private final ObjectProvider<CreditRulesMetrics> metrics;

  InvalidRequestAdvice(ContractJson json, ObjectProvider<CreditRulesMetrics> metrics) {
    this.json = json;
    this.metrics = metrics;
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<String> invalid(InvalidRequestException e) {
    // counted by the metered CreditRules when it was thrown by decide
    return answer(e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HandlerMethod handler)
      throws HttpMessageNotReadableException {
    List<RequestError> errors = null;
    for (Throwable t = e; t != null && errors == null; t = t.getCause()) {
      if (t instanceof InvalidRequestException invalid) {
        errors = invalid.errors();
      }
    }
    if (errors == null) {
      if (!readsRequest(handler)) {
        throw e;
      }
      errors = notRead(e);
    }
    metrics.ifAvailable(CreditRulesMetrics::invalidRequest);
    return answer(errors);
  }

  private ResponseEntity<String> answer(List<RequestError> errors) {
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeErrors(errors));
  }

  /** True when {@code handler} takes a {@code @RequestBody Request}. */
  private static boolean readsRequest(HandlerMethod handler) {
    for (MethodParameter p : handler.getMethodParameters()) {
      if (p.hasParameterAnnotation(RequestBody.class) && p.getParameterType() == Request.class) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a body never reached the module: not JSON (reported as the contract reports it, {@link
   * dev.creditrules.json.jackson.ContractTrees#syntaxError}), or no body.
   */
  private List<RequestError> notRead(HttpMessageNotReadableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException j) {
        return json.trees().syntaxError(j).errors();
      }
    }
    return List.of(new RequestError("", null, "the request body is missing"));
  }
}
