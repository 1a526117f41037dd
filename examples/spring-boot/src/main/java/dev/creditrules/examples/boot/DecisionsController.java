package dev.creditrules.examples.boot;

import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.Request;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /decisions}: a request as the contract's JSON in, its decision as the contract's JSON
 * out (200); a request that breaks the contract gets 422 and the contract's {@code {"errors":[…]}},
 * from the starter's advice.
 */
@RestController
class DecisionsController {
  private final CreditRules rules;

  DecisionsController(CreditRules rules) {
    this.rules = rules;
  }

  @PostMapping(
      path = "/decisions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Decision decide(@RequestBody Request request) {
    return rules.decide(request);
  }
}
