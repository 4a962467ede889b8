-- The outcome tables of docs/tables.md, counted by the rules of docs/journeys.md a second time, in
-- plain SQL over the raw events, written apart from the Java journey code so that the two can check
-- each other (IndependentCheckTest).
-- Input: table raw_events (one row per record on the log, duplicates and versions included, with
-- its offset in its partition). Output: tables sql_<name> with the columns of unsuppressed_<name>.

CREATE TABLE params AS SELECT max(occurred_on) AS as_of FROM raw_events;

-- A record (one event id) of a case counts as its latest version in the log says, unless the last
-- word on it in the log is a void: a case's records are in one partition, so its offsets order
-- them. A void removes its record whatever its date; nothing after as_of counts.
CREATE TABLE last_word AS
SELECT * FROM (
    SELECT case_pseudonym, event_id AS record_id, log_offset, type <> 'EVENT_VOIDED' AS counts FROM raw_events
    UNION ALL
    SELECT case_pseudonym, voided_event_id, log_offset, false FROM raw_events WHERE type = 'EVENT_VOIDED')
QUALIFY row_number() OVER (PARTITION BY case_pseudonym, record_id ORDER BY log_offset DESC, counts) = 1;
CREATE TABLE dedup AS
SELECT r.* FROM raw_events r JOIN last_word w
    ON w.case_pseudonym = r.case_pseudonym AND w.record_id = r.event_id AND w.log_offset = r.log_offset
WHERE w.counts;
CREATE TABLE ev AS
SELECT d.*, row_number() OVER (PARTITION BY case_pseudonym ORDER BY occurred_on, recorded_at NULLS FIRST, event_id) AS seq
FROM dedup d, params
WHERE d.type NOT IN ('EVENT_VOIDED', 'UNKNOWN')
  AND d.occurred_on <= params.as_of;

CREATE TABLE ident AS
SELECT case_pseudonym, occurred_on AS identified_on, centre, referral_source, exploitation_type,
       coalesce(age_band, 'UNKNOWN') AS age_band, minor
FROM ev WHERE type = 'CASE_IDENTIFIED' QUALIFY row_number() OVER (PARTITION BY case_pseudonym ORDER BY seq) = 1;

CREATE TABLE consent AS
SELECT case_pseudonym, research_use, story_use FROM ev WHERE type IN ('CONSENT_RECORDED', 'CONSENT_WITHDRAWN')
QUALIFY row_number() OVER (PARTITION BY case_pseudonym ORDER BY seq DESC) = 1;

CREATE TABLE women AS
SELECT i.* FROM ident i LEFT JOIN consent c USING (case_pseudonym) WHERE c.research_use IS NULL OR c.research_use;

CREATE TABLE e AS SELECT ev.* FROM ev JOIN women USING (case_pseudonym);

-- Shelter stays: an admission opens a stay unless one is open; an exit closes the open one.
CREATE TABLE moves AS
SELECT case_pseudonym, seq, type, occurred_on, shelter_centre,
       lag(type) OVER (PARTITION BY case_pseudonym ORDER BY seq) AS previous
FROM e WHERE type IN ('SHELTER_ADMITTED', 'SHELTER_EXITED');
CREATE TABLE starts AS
SELECT case_pseudonym, seq, occurred_on AS admitted, shelter_centre AS centre,
       lead(seq) OVER (PARTITION BY case_pseudonym ORDER BY seq) AS next_start
FROM moves WHERE type = 'SHELTER_ADMITTED' AND (previous IS NULL OR previous = 'SHELTER_EXITED');
CREATE TABLE stays AS
SELECT s.case_pseudonym, s.centre, s.admitted, min(m.occurred_on) AS exited
FROM starts s LEFT JOIN moves m ON m.case_pseudonym = s.case_pseudonym AND m.type = 'SHELTER_EXITED'
     AND m.seq > s.seq AND (s.next_start IS NULL OR m.seq < s.next_start)
GROUP BY s.case_pseudonym, s.centre, s.admitted, s.seq;

CREATE TABLE reint AS SELECT case_pseudonym, min(occurred_on) AS r FROM e WHERE type = 'REINTEGRATED' GROUP BY ALL;

CREATE TABLE windows AS SELECT * FROM (VALUES (3, 60, 120), (6, 150, 240), (12, 270, 450), (24, 630, 810)) w(months, first_day, last_day);
CREATE TABLE latest_in_window AS
SELECT r.case_pseudonym, w.months, f.status, f.livelihood, f.income_band
FROM reint r JOIN e f ON f.case_pseudonym = r.case_pseudonym AND f.type = 'FOLLOW_UP' CROSS JOIN windows w
WHERE f.occurred_on - r.r BETWEEN w.first_day AND w.last_day
QUALIFY row_number() OVER (PARTITION BY r.case_pseudonym, w.months ORDER BY f.seq DESC) = 1;
CREATE TABLE checkpoints AS
SELECT r.case_pseudonym, r.r, w.months,
       CASE WHEN r.r + w.last_day > (SELECT as_of FROM params) THEN 'PENDING'
            WHEN f.status IS NULL THEN 'NO_FOLLOW_UP'
            WHEN f.status = 'UNKNOWN' THEN 'LOST_CONTACT'
            ELSE f.status END AS status,
       r.r + w.last_day <= (SELECT as_of FROM params) AND f.livelihood IN ('EMPLOYED', 'SELF_EMPLOYED')
            AND f.income_band = 'AT_OR_ABOVE_MINIMUM_WAGE' AS independent
FROM reint r CROSS JOIN windows w
LEFT JOIN latest_in_window f ON f.case_pseudonym = r.case_pseudonym AND f.months = w.months;

CREATE TABLE enrolments AS
SELECT n.case_pseudonym, n.seq, n.occurred_on AS enrolled, n.course,
       min(c.occurred_on) FILTER (WHERE c.type = 'TRAINING_COMPLETED') AS completed,
       count(c.seq) FILTER (WHERE c.type = 'TRAINING_DROPPED') > 0 AS any_drop
FROM e n LEFT JOIN e c ON c.case_pseudonym = n.case_pseudonym AND c.course = n.course
     AND c.type IN ('TRAINING_COMPLETED', 'TRAINING_DROPPED') AND c.occurred_on >= n.occurred_on
WHERE n.type = 'TRAINING_ENROLLED'
GROUP BY n.case_pseudonym, n.seq, n.occurred_on, n.course;
CREATE TABLE enrolments2 AS
SELECT en.case_pseudonym, en.seq, en.enrolled, en.course, en.completed, en.any_drop,
       en.completed IS NOT NULL AND count(w.seq) > 0 AS working
FROM enrolments en LEFT JOIN e w ON w.case_pseudonym = en.case_pseudonym
     AND w.type IN ('EMPLOYMENT_STARTED', 'BUSINESS_STARTED') AND w.occurred_on - en.completed BETWEEN 0 AND 183
GROUP BY en.case_pseudonym, en.seq, en.enrolled, en.course, en.completed, en.any_drop;

CREATE TABLE shelter_facts AS
SELECT case_pseudonym, sum(exited - admitted) FILTER (WHERE exited IS NOT NULL) AS shelter_days FROM stays GROUP BY ALL;
CREATE TABLE training_facts AS
SELECT case_pseudonym, bool_or(completed IS NOT NULL) AS any_completed FROM enrolments GROUP BY ALL;
CREATE TABLE retrafficked AS
SELECT DISTINCT r.case_pseudonym FROM reint r JOIN e f ON f.case_pseudonym = r.case_pseudonym
WHERE f.type = 'FOLLOW_UP' AND f.status = 'RE_TRAFFICKED' AND f.occurred_on - r.r BETWEEN 0 AND 730;

CREATE TABLE sql_referral_sources AS
SELECT year(identified_on) AS identification_year, referral_source, exploitation_type,
       CASE WHEN minor THEN 'MINOR' WHEN NOT minor THEN 'ADULT' ELSE 'UNKNOWN' END AS minor, count(*) AS cases
FROM women GROUP BY ALL;

CREATE TABLE sql_cohort_outcomes AS
SELECT year(w.identified_on) AS identification_year, w.centre, w.age_band, w.exploitation_type,
       count(*) AS cases,
       count(sf.case_pseudonym) AS sheltered,
       quantile_cont(sf.shelter_days, 0.5) AS median_shelter_days,
       count(tf.case_pseudonym) AS training_enrolled,
       count(*) FILTER (WHERE tf.any_completed) AS training_completed,
       count(r.r) AS reintegrated,
       quantile_cont(r.r - w.identified_on, 0.5) AS median_days_to_reintegration,
       count(*) FILTER (WHERE c.status IN ('STABLE', 'AT_RISK', 'RE_TRAFFICKED')) AS followed_up_12m,
       count(*) FILTER (WHERE c.independent) AS independent_12m,
       count(*) FILTER (WHERE c.status IN ('LOST_CONTACT', 'NO_FOLLOW_UP')) AS lost_contact_12m,
       count(*) FILTER (WHERE c.status = 'PENDING') AS pending_12m,
       count(rt.case_pseudonym) AS retrafficked_24m
FROM women w
LEFT JOIN reint r ON r.case_pseudonym = w.case_pseudonym
LEFT JOIN checkpoints c ON c.case_pseudonym = w.case_pseudonym AND c.months = 12
LEFT JOIN shelter_facts sf ON sf.case_pseudonym = w.case_pseudonym
LEFT JOIN training_facts tf ON tf.case_pseudonym = w.case_pseudonym
LEFT JOIN retrafficked rt ON rt.case_pseudonym = w.case_pseudonym
GROUP BY ALL;

CREATE TABLE training_cells AS
SELECT case_pseudonym, year(enrolled) AS enrolment_year, course,
       bool_or(completed IS NOT NULL) AS done,
       bool_or(completed IS NULL AND any_drop) AS dropped_one,
       arg_min(completed - enrolled, seq) FILTER (WHERE completed IS NOT NULL) AS course_days,
       bool_or(working) AS working
FROM enrolments2 GROUP BY ALL;
CREATE TABLE sql_training_outcomes AS
SELECT enrolment_year, course, count(*) AS cases, count(*) FILTER (WHERE done) AS completed,
       count(*) FILTER (WHERE NOT done AND dropped_one) AS dropped,
       count(*) FILTER (WHERE done) / count(*) AS completion_rate,
       quantile_cont(course_days, 0.5) AS median_course_days,
       count(*) FILTER (WHERE done AND working) AS working_6m
FROM training_cells GROUP BY ALL;

CREATE TABLE sql_followup_status AS
SELECT year(r) AS reintegration_year, months AS checkpoint_months, status, count(*) AS cases FROM checkpoints GROUP BY ALL;

CREATE TABLE stay_months AS
SELECT s.case_pseudonym, s.centre, s.admitted, s.exited, m::DATE AS month_start
FROM stays s, params,
     unnest(range(date_trunc('month', s.admitted), date_trunc('month', coalesce(s.exited, params.as_of)) + INTERVAL 1 MONTH, INTERVAL 1 MONTH)) t(m);
CREATE TABLE sql_shelter_occupancy AS
SELECT strftime(month_start, '%Y-%m') AS month, centre,
       count(DISTINCT case_pseudonym) AS cases,
       count(*) FILTER (WHERE date_trunc('month', admitted) = month_start) AS admissions,
       count(*) FILTER (WHERE exited IS NOT NULL AND date_trunc('month', exited) = month_start) AS exits,
       count(DISTINCT case_pseudonym) FILTER (WHERE admitted <= least(last_day(month_start), (SELECT as_of FROM params))
             AND (exited IS NULL OR exited > least(last_day(month_start), (SELECT as_of FROM params)))) AS residents_at_month_end
FROM stay_months GROUP BY ALL;

CREATE TABLE legal AS
SELECT case_pseudonym, legal_ref,
       min(occurred_on) AS filed,
       coalesce(arg_min(charge, seq) FILTER (WHERE charge IS NOT NULL), 'OTHER') AS charge,
       arg_max(outcome, seq) FILTER (WHERE type = 'LEGAL_CASE_OUTCOME') AS verdict,
       arg_max(occurred_on, seq) FILTER (WHERE type = 'LEGAL_CASE_OUTCOME') AS verdict_on,
       arg_max(coalesce(compensation, false), seq) FILTER (WHERE type = 'LEGAL_CASE_OUTCOME') AS compensation
FROM e WHERE type IN ('LEGAL_CASE_FILED', 'LEGAL_CASE_OUTCOME') GROUP BY ALL;
CREATE TABLE sql_legal_outcomes AS
SELECT year(filed) AS filed_year, charge, count(DISTINCT case_pseudonym) AS cases, count(*) AS legal_cases,
       count(*) FILTER (WHERE verdict = 'CONVICTION') AS convictions, count(*) FILTER (WHERE verdict = 'ACQUITTAL') AS acquittals,
       count(*) FILTER (WHERE verdict = 'DISMISSED') AS dismissed, count(*) FILTER (WHERE verdict = 'WITHDRAWN') AS withdrawn,
       count(*) FILTER (WHERE verdict = 'SETTLED') AS settled, count(*) FILTER (WHERE verdict IS NULL) AS pending,
       quantile_cont(verdict_on - filed, 0.5) AS median_days_to_verdict,
       count(*) FILTER (WHERE verdict IS NOT NULL AND compensation) AS compensation_awarded
FROM legal GROUP BY ALL;
