-- The QA sign-off of tenants' reports, version 2.
--
-- signer_keys: a user's public signing key (SubjectPublicKeyInfo DER, from 'spacebench report keygen'). Only the
-- public half is ever sent to the facility: the console signs in the signer's browser with the private key file
-- they choose there, and the control node checks the signature against this key before it keeps it.
CREATE TABLE signer_keys (
    user_id        uuid PRIMARY KEY REFERENCES users,
    tenant_id      uuid NOT NULL REFERENCES tenants,
    signer         text NOT NULL,
    public_key     bytea NOT NULL,
    registered_at  timestamptz NOT NULL
);

-- Every step of a report's sign-off, append-only (the audit trail holds the same steps, hash-chained). A report's
-- state is its latest step: none yet = awaiting review.
CREATE TABLE report_reviews (
    id              bigserial PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants,
    report_id       uuid NOT NULL REFERENCES reports,
    revision        integer NOT NULL,
    action          text NOT NULL CHECK (action IN ('reviewed', 'approved', 'rejected', 'amendment-requested')),
    actor           text NOT NULL,
    reason          text,
    signature_file  text,
    at              timestamptz NOT NULL
);
CREATE INDEX report_reviews_by_report ON report_reviews (report_id, id);
CREATE INDEX reports_by_created ON reports (created_at DESC);
CREATE INDEX campaigns_by_submitted ON campaigns (submitted_at DESC);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['signer_keys', 'report_reviews']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I TO spacebench_app USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY facility_operator ON %I TO spacebench_operator USING (true) WITH CHECK (true)', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON signer_keys TO spacebench_app, spacebench_operator;
GRANT SELECT ON report_reviews TO spacebench_app;
GRANT SELECT, INSERT ON report_reviews TO spacebench_operator;
GRANT USAGE ON SEQUENCE report_reviews_id_seq TO spacebench_operator;
