-- Fills an EMPTY, migrated Heard database (PostgreSQL) with a region's worth of feedback.
--
--   heard migrate                         # the real schema, from the numbered migrations
--   psql "$URL" -v rows=10000000 -f benchmarks/scale/generate.sql
--
-- rows: feedback items (default 10,000,000), spread over 5 years, growing: twice as many a week now as
-- five years ago.
-- Fixed: 6 places, 50 organisations, 500 services. Everything else scales with rows:
-- themes (1-3 per item), replies, actions (about one per 500 items) with updates and links to
-- the feedback they answer, and urgent alerts. The same seed gives the same data.
--
-- Foreign-key triggers are switched off for the load (session_replication_role = replica; the data is
-- consistent by construction) and the secondary indexes are dropped and rebuilt afterwards from their
-- own definitions, so whatever indexes the migrations create are the ones measured.

\set ON_ERROR_STOP on
\if :{?rows}
\else
  \set rows 10000000
\endif
\timing on

-- One transaction: a failure leaves the database as it was (indexes included).
BEGIN;
SELECT setseed(0.42);
SET session_replication_role = replica;
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM feedback_items) OR EXISTS (SELECT 1 FROM places) THEN
    RAISE EXCEPTION 'This database already holds places or feedback: the generator only fills an empty, migrated database.';
  END IF;
END $$;

-- Reference data ----------------------------------------------------------------------------------------
CREATE TEMP TABLE gen_places AS
SELECT i, gen_random_uuid() AS id, name, lower(replace(name, ' ', '-')) AS slug
FROM unnest(ARRAY['Ashford Vale', 'Brinkley', 'Castlemoor', 'Dunmere', 'Eastwick Downs', 'Fernham'])
  WITH ORDINALITY AS p(name, i);

INSERT INTO places (id, name, slug, created_at, updated_at)
SELECT id, name, slug, now(), now() FROM gen_places;

CREATE TEMP TABLE gen_orgs AS
SELECT i, gen_random_uuid() AS id, 1 + (i % 6) AS place_i,
  CASE WHEN i = 1 THEN 'icb' WHEN i <= 9 THEN 'trust' WHEN i <= 15 THEN 'council' WHEN i <= 21 THEN 'healthwatch'
       WHEN i <= 45 THEN 'gp_practice' ELSE 'voluntary' END AS kind
FROM generate_series(1, 50) AS i;

INSERT INTO organisations (id, name, kind, ods_code, created_at, updated_at)
SELECT o.id,
  CASE o.kind WHEN 'icb' THEN 'Six Places Integrated Care Board'
    WHEN 'trust' THEN p.name || ' NHS Trust ' || o.i
    WHEN 'council' THEN p.name || ' Council'
    WHEN 'healthwatch' THEN 'Healthwatch ' || p.name
    WHEN 'gp_practice' THEN p.name || ' Surgery ' || o.i
    ELSE p.name || ' Community Support ' || o.i END,
  o.kind, 'X' || lpad(o.i::text, 4, '0'), now(), now()
FROM gen_orgs o JOIN gen_places p ON p.i = o.place_i;

CREATE TEMP TABLE gen_services AS
SELECT s AS i, gen_random_uuid() AS id, o.id AS organisation_id, p.id AS place_id,
  (ARRAY['Emergency department', 'Outpatients', 'Maternity', 'Children''s ward', 'Physiotherapy',
         'District nursing', 'GP appointments', 'Community mental health', 'Pharmacy', 'Dermatology'])[1 + s % 10]
    || ' ' || s AS name
FROM generate_series(1, 500) AS s
JOIN gen_orgs o ON o.i = 2 + (s % 49)
JOIN gen_places p ON p.i = o.place_i;
CREATE UNIQUE INDEX ON gen_services (i);

INSERT INTO services (id, name, description, organisation_id, place_id, created_at, updated_at)
SELECT id, name, 'A service generated for the scale benchmark.', organisation_id, place_id, now(), now()
FROM gen_services;

-- Secondary indexes: set aside, rebuilt after the load -----------------------------------------------------
CREATE TEMP TABLE gen_saved_indexes AS
SELECT i.indexname, i.indexdef
FROM pg_indexes i
WHERE i.schemaname = current_schema()
  AND i.tablename IN ('feedback_items', 'feedback_themes', 'feedback_replies', 'action_feedback', 'actions',
                      'action_updates', 'urgent_alerts')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);

-- Primary keys and unique constraints too, on the tables no foreign key points at.
CREATE TEMP TABLE gen_saved_constraints AS
SELECT c.conrelid::regclass AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint c
WHERE c.contype IN ('p', 'u')
  AND c.conrelid::regclass::text IN ('feedback_themes', 'feedback_replies', 'action_feedback', 'action_updates',
                                     'urgent_alerts')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid);

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM gen_saved_indexes LOOP
    EXECUTE format('DROP INDEX %I', r.indexname);
  END LOOP;
  FOR r IN SELECT table_name, conname FROM gen_saved_constraints LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.table_name, r.conname);
  END LOOP;
END $$;

-- Feedback items ----------------------------------------------------------------------------------------
-- Layer 1 draws the random numbers once per row; layer 2 derives the fields; layer 3 the dates that
-- depend on them.
INSERT INTO feedback_items (
  id, reference, service_id, place_id, organisation_id, channel, story, what_was_good, could_be_better,
  fft_rating, consent_to_publish, contact_name, contact_email, contact_phone, wants_reply, status,
  moderation_note, moderated_by_id, moderated_at, published_text, published_at, received_at, entered_by_id,
  submitter_hash, import_batch_id, analysed_at, themes, sentiment, relational, is_urgent, urgent_reasons,
  pii_kinds, redacted_text, needs_answer, first_reply_at, action_linked_at, we_did_at, created_at, updated_at,
  legacy_recommend)
SELECT
  gen_random_uuid(), 'HRD-' || lpad(g::text, 8, '0'), s.id, s.place_id, s.organisation_id, channel, story,
  good, better, fft, status = 'published' OR r_contact < 0.6,
  CASE WHEN wants_reply THEN 'Person ' || g END,
  CASE WHEN wants_reply THEN 'person' || g || '@example.invalid' END, NULL, wants_reply, status,
  CASE WHEN status = 'rejected' THEN 'Not about a service we run.' END, NULL,
  CASE WHEN status <> 'awaiting_moderation' THEN moderated_at END,
  CASE WHEN status = 'published' THEN story END,
  CASE WHEN status = 'published' THEN moderated_at END,
  received_at, NULL, NULL, NULL, received_at + interval '2 seconds', themes, sentiment, relational,
  is_urgent, CASE WHEN is_urgent THEN 'self-harm' ELSE '' END, '', story, needs_answer,
  CASE WHEN status = 'published' AND needs_answer AND r_reply < 0.62
        AND moderated_at + reply_delay < now() THEN moderated_at + reply_delay END,
  CASE WHEN status = 'published' AND needs_answer AND r_link < 0.18
        AND moderated_at + link_delay < now() THEN moderated_at + link_delay END,
  CASE WHEN status = 'published' AND needs_answer AND r_link < 0.11
        AND moderated_at + link_delay + did_delay < now() THEN moderated_at + link_delay + did_delay END,
  received_at, received_at, NULL
FROM (
  SELECT *,
    CASE WHEN received_at > now() - interval '10 days' AND r_status < 0.6 THEN 'awaiting_moderation'
         WHEN r_status < 0.74 THEN 'published'
         WHEN r_status < 0.88 THEN 'approved_private'
         WHEN r_status < 0.995 THEN 'rejected'
         ELSE 'escalated' END AS status,
    least(now() - interval '1 minute', received_at + interval '2 hours' + r_mod * interval '6 days') AS moderated_at,
    better <> '' OR coalesce(fft, 0) IN (3, 4, 5) OR sentiment >= 3 AS needs_answer,
    r_contact < 0.25 AS wants_reply,
    CASE WHEN n_themes = 1 THEN theme1 WHEN n_themes = 2 THEN theme1 || ';' || theme2
         ELSE theme1 || ';' || theme2 || ';' || theme3 END AS themes
  FROM (
    SELECT *,
      CASE fft WHEN 1 THEN 1 + (r_sent < 0.3)::int WHEN 2 THEN 2 + (r_sent < 0.15)::int
        WHEN 3 THEN 3 WHEN 4 THEN 4 WHEN 5 THEN 5 ELSE 1 + floor(r_sent * 5)::int END AS sentiment,
      CASE WHEN r_better < 0.3 THEN (ARRAY['Shorter waits on the phone.', 'Clearer letters.',
        'More seats in the waiting room.', 'Tell us when clinics run late.', 'Easier parking.'])[1 + floor(r_better * 16)::int % 5]
        ELSE '' END AS better,
      themes_list[t1] AS theme1, themes_list[1 + (t1 + t2) % 25] AS theme2,
      themes_list[1 + (t1 + t2 + t3) % 25] AS theme3
    FROM (
      SELECT g,
        -- In the order it arrived, oldest first, as rows are written in production (so the table is in
        -- received_at order, which index-only scans on dates rely on): g is a quantile, with jitter.
        now() - interval '1826 days' * (2 - sqrt(4 - 3 * least(1, greatest(0, 1 - (g - random()) / :rows))))
          AS received_at,
        1 + floor(500 * power(random(), 1.5))::int AS svc,
        CASE WHEN r < 0.08 THEN NULL WHEN r < 0.62 THEN 1 WHEN r < 0.80 THEN 2 WHEN r < 0.86 THEN 3
             WHEN r < 0.91 THEN 4 WHEN r < 0.96 THEN 5 ELSE 6 END AS fft,
        random() AS r_sent, random() AS r_better, random() AS r_status, random() AS r_contact, random() AS r_mod,
        random() AS r_reply, random() AS r_link, random() AS r_urgent,
        interval '1 hour' + (-ln(1 - random()) * 4) * interval '1 day' AS reply_delay,
        random() * interval '30 days' AS link_delay,
        interval '10 days' + random() * interval '80 days' AS did_delay,
        1 + floor(25 * power(random(), 1.8))::int AS t1, 1 + floor(random() * 12)::int AS t2,
        1 + floor(random() * 11)::int AS t3,
        CASE WHEN r_n < 0.5 THEN 1 WHEN r_n < 0.85 THEN 2 ELSE 3 END AS n_themes,
        (ARRAY['online', 'online', 'online', 'paper', 'phone', 'event', 'email', 'letter', 'import', 'api'])[1 + floor(random() * 10)::int] AS channel,
        (ARRAY[
          'The nurse explained everything and made me feel at ease.',
          'I waited four hours to be seen and nobody told me why.',
          'Reception staff were kind and found me an earlier appointment.',
          'The ward was clean but very noisy at night.',
          'My mum was treated with dignity and respect throughout.',
          'I could not get through on the phone for three days.',
          'The doctor listened and took my worries seriously.',
          'Parking was impossible and I nearly missed my appointment.',
          'Discharge took all day because the medicines were not ready.',
          'Brilliant care from the midwives, thank you all.',
          'Nobody from the community team came when they said they would.',
          'The physio gave me exercises that really helped my back.',
          'Letters arrived after the appointment date.',
          'Staff were rushed off their feet but still very caring.',
          'The online booking system kept crashing.',
          'Good care, but the food was cold every day.'])[1 + floor(random() * 16)::int] AS story,
        CASE WHEN random() < 0.5 THEN 'Kind staff.' ELSE '' END AS good,
        CASE WHEN r_rel < 0.55 THEN '' WHEN r_rel < 0.75 THEN 'compassion' WHEN r_rel < 0.85 THEN 'listening'
             WHEN r_rel < 0.92 THEN 'dignity' WHEN r_rel < 0.97 THEN 'coordination' ELSE 'compassion;listening' END
          AS relational,
        r_urgent2 < 0.002 AS is_urgent,
        ARRAY['Staff manner & personal attributes', 'Timeliness of care', 'Appointment arrangements',
          'Contacting services', 'Being kept informed, clarity & consistency of information',
          'Staff listening, understanding & involving patients', 'Competence & training',
          'Organisation & efficiency', 'Number & deployment of staff', 'Environment & Facilities',
          'Information provision & guidance', 'Staff responsiveness', 'Cleanliness, tidiness & infection control',
          'Parking', 'Discharge', 'Diagnosis & triage', 'Pain management', 'Care plans', 'Patient records',
          'Referals & continuity of care', 'Appointment method', 'Service location', 'Feeling safe',
          'Equality, Diversity & Inclusion', 'Transport to/ from services'] AS themes_list
      FROM (
        SELECT g, random() AS r, random() AS r_n, random() AS r_rel, random() AS r_urgent2
        FROM generate_series(1, :rows) AS g
      ) base
    ) l1
  ) l2
) l3
JOIN gen_services s ON s.i = l3.svc;

-- Themes: one row per theme, from the item's own list -----------------------------------------------------
INSERT INTO feedback_themes (id, feedback_id, theme)
SELECT gen_random_uuid(), f.id, t.theme
FROM feedback_items f, unnest(string_to_array(f.themes, ';')) AS t(theme);

-- Public replies ------------------------------------------------------------------------------------------
INSERT INTO feedback_replies (id, feedback_id, body, author_id, author_role, signature, created_at)
SELECT gen_random_uuid(), f.id,
  'Thank you for telling us. We have shared this with the team and will look at how we can do better.',
  NULL, 'complaints_handler', 'Complaints handler, ' || o.name, f.first_reply_at
FROM feedback_items f JOIN organisations o ON o.id = f.organisation_id
WHERE f.first_reply_at IS NOT NULL;

-- Actions: per service, about one per 500 items, spread over the 5 years --------------------------------------
CREATE TEMP TABLE gen_actions AS
SELECT s.i AS svc, k, gen_random_uuid() AS id, s.organisation_id, s.place_id, s.id AS service_id,
  now() - interval '1826 days' * (k + random()) / per AS created_at, random() AS r
FROM gen_services s,
  (SELECT greatest(1, ceil(:rows / 500.0 / 500))::int AS per) n,
  generate_series(0, n.per - 1) AS k;
CREATE UNIQUE INDEX ON gen_actions (svc, k);

INSERT INTO actions (id, title, you_said, organisation_id, place_id, service_id, theme, owner_id, due_on, status,
  outcome, closed_at, created_by_id, created_at, updated_at)
SELECT a.id, 'Improve ' || lower(t.theme) || ' (' || s.name || ')',
  'People told us about ' || lower(t.theme) || '.', a.organisation_id, a.place_id, a.service_id, t.theme, NULL,
  a.created_at + interval '90 days',
  CASE WHEN a.created_at > now() - interval '60 days' THEN (CASE WHEN a.r < 0.5 THEN 'planned' ELSE 'in_progress' END)
       WHEN a.r < 0.8 THEN 'done' WHEN a.r < 0.9 THEN 'not_possible' ELSE 'in_progress' END,
  CASE WHEN a.created_at > now() - interval '60 days' OR a.r >= 0.9 THEN ''
       WHEN a.r < 0.8 THEN 'We changed how we book appointments and added evening clinics.'
       ELSE 'We could not fund this; we have asked the board to look again next year.' END,
  CASE WHEN a.created_at <= now() - interval '60 days' AND a.r < 0.9 THEN a.created_at + interval '50 days' END,
  NULL, a.created_at, least(now(), a.created_at + interval '50 days')
FROM gen_actions a JOIN gen_services s ON s.i = a.svc
CROSS JOIN LATERAL (SELECT (ARRAY['Timeliness of care', 'Appointment arrangements', 'Contacting services',
  'Staff manner & personal attributes', 'Environment & Facilities'])[1 + (a.svc + a.k) % 5] AS theme) t;

INSERT INTO action_updates (id, action_id, status, note, author_id, author_label, created_at)
SELECT gen_random_uuid(), a.id, 'in_progress', 'Work has started.', NULL::uuid, 'Engagement officer',
  a.created_at + interval '7 days'
FROM actions a WHERE a.status <> 'planned'
UNION ALL
SELECT gen_random_uuid(), a.id, a.status, a.outcome, NULL, 'Engagement officer', a.closed_at
FROM actions a WHERE a.closed_at IS NOT NULL;

-- Each item linked to an action hangs off an action of its own service.
INSERT INTO action_feedback (id, action_id, feedback_id)
SELECT gen_random_uuid(), a.id, f.id
FROM feedback_items f
JOIN gen_services s ON s.id = f.service_id
JOIN gen_actions a ON a.svc = s.i
  AND a.k = (('x' || substr(md5(f.reference), 1, 8))::bit(32)::int & 2147483647)
    % greatest(1, ceil(:rows / 500.0 / 500))::int
WHERE f.action_linked_at IS NOT NULL;

-- Urgent alerts, acknowledged except the last fortnight's ---------------------------------------------------
INSERT INTO urgent_alerts (id, feedback_id, reasons, acknowledged_by_id, acknowledged_at, acknowledgement_note, created_at)
SELECT gen_random_uuid(), f.id, 'self-harm', NULL,
  CASE WHEN f.received_at < now() - interval '14 days' THEN f.received_at + interval '3 hours' END,
  CASE WHEN f.received_at < now() - interval '14 days' THEN 'Called back the same day.' END, f.received_at
FROM feedback_items f WHERE f.is_urgent;

-- Rebuild the indexes, then VACUUM (visibility map, for index-only scans) and ANALYZE ----------------------------
SET session_replication_role = origin;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT table_name, conname, definition FROM gen_saved_constraints LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.table_name, r.conname, r.definition);
  END LOOP;
  FOR r IN SELECT indexname, indexdef FROM gen_saved_indexes LOOP
    EXECUTE r.indexdef;
  END LOOP;
END $$;
COMMIT;

VACUUM ANALYZE;

SELECT 'feedback_items' AS "table", count(*) AS "rows" FROM feedback_items
UNION ALL SELECT 'feedback_themes', count(*) FROM feedback_themes
UNION ALL SELECT 'feedback_replies', count(*) FROM feedback_replies
UNION ALL SELECT 'actions', count(*) FROM actions
UNION ALL SELECT 'action_updates', count(*) FROM action_updates
UNION ALL SELECT 'action_feedback', count(*) FROM action_feedback
UNION ALL SELECT 'urgent_alerts', count(*) FROM urgent_alerts;
SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;
