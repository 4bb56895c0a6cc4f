-- Version 4: station hosts connect as their own role, and a campaign cut by its station host's death can be
-- resumed from its run folder.

-- spacebench_station: what a station host does and nothing more (least privilege). It registers its stations
-- and their instruments, beats for and releases the leases it was given, records its runs, their events and
-- reports, and health checks, and appends to the audit trail. It cannot grant itself a lease (no INSERT on
-- leases), move a fencing number (no UPDATE of stations.fencing), read tokens, users, tenants, reservations,
-- signing keys or reviews, read what a campaign asks (features, samples: it is told by the scheduler), nor
-- delete anything. Row-level security binds it like the other roles, through policies that admit it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spacebench_station') THEN
        CREATE ROLE spacebench_station LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['leases', 'runs', 'campaigns', 'reports', 'campaign_events', 'audit']
    LOOP
        EXECUTE format('CREATE POLICY station_host ON %I TO spacebench_station USING (true) WITH CHECK (true)', t);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO spacebench_station;
GRANT SELECT, INSERT ON stations, instruments TO spacebench_station;
GRANT UPDATE (name, bench_file, station_type, roles, state, health, host_silo, host_seen_at, last_health_check_at) ON stations TO spacebench_station;
GRANT UPDATE (roles, model, serial, calibration_due) ON instruments TO spacebench_station;
GRANT SELECT ON calibration_records TO spacebench_station;
GRANT SELECT ON leases TO spacebench_station;
GRANT UPDATE (expires_at, ended_at, end_reason) ON leases TO spacebench_station;
GRANT SELECT, INSERT ON runs TO spacebench_station;
GRANT UPDATE (state, verdict, exit_code, archive, ended_at) ON runs TO spacebench_station;
GRANT SELECT (id, state) ON campaigns TO spacebench_station;
GRANT UPDATE (state, ended_at) ON campaigns TO spacebench_station;
GRANT INSERT ON reports, campaign_events TO spacebench_station;
GRANT USAGE ON SEQUENCE campaign_events_id_seq TO spacebench_station;
GRANT SELECT, INSERT ON audit TO spacebench_station;

-- A resumed campaign queues again naming the aborted run it continues: the scheduler places it only on that
-- run's station (the bench its record names), and the station host runs spacebench run --resume on its folder.
ALTER TABLE campaigns ADD COLUMN resume_of uuid REFERENCES runs;
