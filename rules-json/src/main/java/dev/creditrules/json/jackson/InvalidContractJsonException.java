package dev.creditrules.json.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import dev.creditrules.json.InvalidDecisionException;
import java.util.List;

/**
 * Thrown by {@link CreditRulesModule}'s deserializers when a value is not what the JSON contract
 * accepts: a Jackson {@link JsonMappingException} (so frameworks treat it as a bad input, as Spring
 * MVC does with a 400), whose {@link #errors()} are the contract's errors, each with its JSON
 * pointer, value and reason, and whose cause is the {@link InvalidRequestException} (requests,
 * timeline and explanation requests) or {@link InvalidDecisionException} (decisions) that {@link
 * dev.creditrules.json.ContractJson} throws for the same text.
 *
 * <p>Pointers are relative to the value that was read (the request), not to the document around it;
 * {@link #getPath()} says where that value is in the document when it is not the root.
 */
public final class InvalidContractJsonException extends JsonMappingException {
  private static final long serialVersionUID = 1L;

  private final transient List<RequestError> errors;

  InvalidContractJsonException(JsonParser p, InvalidRequestException cause) {
    this(p, cause, cause.errors());
  }

  InvalidContractJsonException(JsonParser p, InvalidDecisionException cause) {
    this(p, cause, cause.errors());
  }

  private InvalidContractJsonException(
      JsonParser p, RuntimeException cause, List<RequestError> errors) {
    super(p, cause.getMessage(), cause);
    this.errors = List.copyOf(errors);
  }

  /**
   * Every problem, in the contract's order; {@code ContractJson.writeErrors(errors())} is the
   * contract's error body.
   */
  public List<RequestError> errors() {
    return errors;
  }
}
