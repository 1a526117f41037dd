-- credit-rules decision log (record format 1), PostgreSQL 12 or later.
-- One row per decision or rejected request. Natural persons' ids are masked in subject_id_masked;
-- the full input (with the real id) is only in "request", as the sink's RequestStorage allows.
CREATE TABLE IF NOT EXISTS credit_decisions (
  decision_id       uuid        PRIMARY KEY,
  recorded_at       timestamptz NOT NULL,
  result            text        NOT NULL CHECK (result IN ('DECIDED', 'REJECTED')),
  request_id        text,
  subject_id_masked text,
  subject_type      text,
  as_of             date,
  input_digest      text        NOT NULL,
  result_digest     text        NOT NULL,
  packs             jsonb       NOT NULL,  -- [{"id","version","digest"}]: every pack version loaded
  decision_packs    jsonb,                 -- the decision's own "packs": the versions behind it
  outcomes          jsonb,                 -- {"incentives":[…],"sanctions":[…],"warnings":[…]}
  repairs           jsonb,                 -- [Repair]
  errors            jsonb,                 -- [{"pointer","value","reason"}], values masked
  request           jsonb       NOT NULL,  -- {"storage":"PLAIN","text":…} | ENCRYPTED | NONE
  record            json        NOT NULL   -- the whole record, byte for byte the line a JSON Lines sink writes
);
CREATE INDEX IF NOT EXISTS credit_decisions_subject ON credit_decisions (subject_id_masked, as_of);
CREATE INDEX IF NOT EXISTS credit_decisions_recorded ON credit_decisions (recorded_at);
CREATE INDEX IF NOT EXISTS credit_decisions_request ON credit_decisions (request_id);
