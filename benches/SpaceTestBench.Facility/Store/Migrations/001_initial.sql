-- The facility's schema, version 1. Applied by the schema owner (the role of the connection string given
-- to the control node); the application connects as spacebench_app (one tenant per transaction) and
-- spacebench_operator (the facility's own work: scheduling, inventory, audit verification). Neither is
-- superuser, has BYPASSRLS or owns a table, so row-level security binds both (PostgreSQL docs, CREATE POLICY).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spacebench_app') THEN
        CREATE ROLE spacebench_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spacebench_operator') THEN
        CREATE ROLE spacebench_operator LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;

-- The tenant of the current transaction, or NULL when none is set (then tenant policies match no row).
CREATE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    share       integer NOT NULL DEFAULT 1 CHECK (share > 0),
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants,
    name        text NOT NULL UNIQUE,
    role        text NOT NULL CHECK (role IN ('vendor-engineer', 'facility-operator', 'metrologist', 'qa-reviewer', 'admin')),
    created_at  timestamptz NOT NULL
);

-- Only the SHA-256 of a token is stored: a copy of this table grants no access.
CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants,
    user_id       uuid NOT NULL REFERENCES users,
    token_sha256  bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz
);

CREATE TABLE stations (
    id                    text PRIMARY KEY,
    name                  text NOT NULL,
    bench_file            text NOT NULL,
    station_type          text NOT NULL,
    roles                 text[] NOT NULL,
    state                 text NOT NULL CHECK (state IN ('available', 'leased', 'running', 'draining', 'bad', 'offline')),
    -- A station whose run was aborted, or that has never been checked, waits for a passing health check.
    health                text NOT NULL CHECK (health IN ('good', 'unknown', 'bad')),
    fencing               bigint NOT NULL DEFAULT 0,
    host_silo             text,
    host_seen_at          timestamptz,
    last_health_check_at  timestamptz,
    registered_at         timestamptz NOT NULL
);

CREATE TABLE instruments (
    id               text PRIMARY KEY,
    station_id       text NOT NULL REFERENCES stations,
    bench_id         text NOT NULL,
    roles            text[] NOT NULL,
    model            text NOT NULL,
    serial           text,
    status           text NOT NULL CHECK (status IN ('in-service', 'out-of-service')),
    calibration_due  date
);

CREATE TABLE calibration_records (
    id             uuid PRIMARY KEY,
    instrument_id  text NOT NULL REFERENCES instruments,
    calibrated_on  date NOT NULL,
    due            date NOT NULL,
    passed         boolean NOT NULL,
    certificate    text NOT NULL,
    recorded_by    text NOT NULL,
    recorded_at    timestamptz NOT NULL
);

CREATE TABLE reservations (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants,
    requested_by  text NOT NULL,
    station_id    text REFERENCES stations,
    roles         text[] NOT NULL,
    duration_s    integer NOT NULL CHECK (duration_s > 0),
    ttl_s         integer NOT NULL CHECK (ttl_s > 0),
    state         text NOT NULL CHECK (state IN ('queued', 'granted', 'cancelled')),
    lease_id      uuid,
    created_at    timestamptz NOT NULL
);

-- Every lease carries the station's fencing number at the time it was granted; a station refuses any
-- command whose number is not its current lease's (Kleppmann's fencing token).
CREATE TABLE leases (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants,
    station_id      text NOT NULL REFERENCES stations,
    reservation_id  uuid REFERENCES reservations,
    campaign_id     uuid,
    purpose         text NOT NULL CHECK (purpose IN ('reservation', 'campaign', 'health-check')),
    fencing         bigint NOT NULL,
    holder          text NOT NULL,
    ttl_s           integer NOT NULL CHECK (ttl_s > 0),
    granted_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- A reservation for a duration: heartbeats never carry the lease past this.
    hold_until      timestamptz,
    ended_at        timestamptz,
    end_reason      text CHECK (end_reason IN ('released', 'expired', 'revoked')),
    UNIQUE (station_id, fencing)
);
CREATE UNIQUE INDEX leases_one_active_per_station ON leases (station_id) WHERE ended_at IS NULL;

CREATE TABLE campaigns (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants,
    submitted_by       text NOT NULL,
    features           text[] NOT NULL,
    tags               text,
    dut_file           text,
    samples            text[] NOT NULL,
    required_roles     text[] NOT NULL,
    priority           integer NOT NULL,
    planned_duration_s integer NOT NULL CHECK (planned_duration_s > 0),
    state              text NOT NULL CHECK (state IN ('queued', 'placed', 'running', 'passed', 'failed', 'aborted', 'cancelled')),
    station_id         text REFERENCES stations,
    submitted_at       timestamptz NOT NULL,
    placed_at          timestamptz,
    ended_at           timestamptz
);
CREATE INDEX campaigns_queued ON campaigns (priority DESC, submitted_at) WHERE state = 'queued';

-- A run of a campaign, or of a station's health check (no campaign; the facility's tenant).
CREATE TABLE runs (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants,
    campaign_id  uuid REFERENCES campaigns,
    station_id   text NOT NULL REFERENCES stations,
    fencing      bigint NOT NULL,
    folder       text NOT NULL,
    instruments  text[] NOT NULL,
    state        text NOT NULL CHECK (state IN ('running', 'finished', 'aborted')),
    verdict      text,
    archive      bytea,
    exit_code    integer,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz
);

CREATE TABLE reports (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants,
    run_id      uuid NOT NULL REFERENCES runs,
    path        text NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Step-level progress of a campaign, numbered for server-sent events (Last-Event-ID resumes after it).
CREATE TABLE campaign_events (
    id           bigserial PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants,
    campaign_id  uuid NOT NULL REFERENCES campaigns,
    at           timestamptz NOT NULL,
    kind         text NOT NULL,
    text         text NOT NULL
);
CREATE INDEX campaign_events_by_campaign ON campaign_events (campaign_id, id);

-- Append-only and hash-chained (21 CFR 11.10(e): an audit trail never obscures an earlier record). One
-- chain per tenant, and one ('facility') for the facility's own changes, so a tenant's transaction can
-- extend its own chain under row-level security.
CREATE TABLE audit (
    chain      text NOT NULL,
    seq        bigint NOT NULL,
    tenant_id  uuid REFERENCES tenants,
    at         timestamptz NOT NULL,
    actor      text NOT NULL,
    action     text NOT NULL,
    object     text NOT NULL,
    detail     text NOT NULL,
    prev_hash  bytea NOT NULL,
    hash       bytea NOT NULL,
    PRIMARY KEY (chain, seq)
);

CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP; END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

-- Row-level security on everything a tenant owns, forced so that not even the owner reads around it.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'api_tokens', 'reservations', 'leases', 'campaigns', 'runs', 'reports', 'campaign_events', 'audit']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I TO spacebench_app USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY facility_operator ON %I TO spacebench_operator USING (true) WITH CHECK (true)', t);
    END LOOP;
END
$$;
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants TO spacebench_app USING (id = current_tenant());
CREATE POLICY facility_operator ON tenants TO spacebench_operator USING (true) WITH CHECK (true);

GRANT USAGE ON SCHEMA public TO spacebench_app, spacebench_operator;
GRANT EXECUTE ON FUNCTION current_tenant() TO spacebench_app, spacebench_operator;
GRANT SELECT ON tenants, users, stations, instruments, calibration_records TO spacebench_app;
GRANT SELECT, INSERT, UPDATE ON reservations, leases, campaigns, runs, reports TO spacebench_app;
GRANT SELECT, INSERT ON campaign_events, audit TO spacebench_app;
GRANT SELECT, INSERT, UPDATE ON tenants, users, api_tokens, stations, instruments, reservations, leases, campaigns, runs, reports TO spacebench_operator;
GRANT SELECT, INSERT ON calibration_records, campaign_events, audit TO spacebench_operator;
GRANT USAGE ON SEQUENCE campaign_events_id_seq TO spacebench_app, spacebench_operator;
