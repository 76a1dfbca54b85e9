.bail on

-- Running upgrade <base> -> 001, settings with seed rows; the downgrade is derived
-- tests/golden/inserts_and_derived_downgrade/001_settings.mig
BEGIN;
CREATE TABLE settings (
    key VARCHAR(50) NOT NULL,
    value TEXT,
    enabled BOOLEAN NOT NULL DEFAULT 1,
    CONSTRAINT settings_pkey PRIMARY KEY (key)
);
INSERT INTO settings (key, value) VALUES ('site_name', 'It''s mine');
INSERT INTO settings (key, value, enabled) VALUES
    ('max_users', '100', 0),
    ('motd', NULL, 1);
COMMIT;

-- Running upgrade 001 -> 002, rows of a table with a composite key
-- tests/golden/inserts_and_derived_downgrade/002_pairs.mig
BEGIN;
CREATE TABLE rates (
    currency CHAR(3) NOT NULL,
    day DATE NOT NULL,
    rate NUMERIC(12,6) NOT NULL,
    note TEXT DEFAULT 'n/a',
    CONSTRAINT rates_pkey PRIMARY KEY (currency, day)
);
INSERT INTO rates (currency, day, rate) VALUES
    ('EUR', '2026-01-01', 1.0),
    ('USD', '2026-01-01', -0.5 + 1.6),
    ('GBP', '2026-01-01', 0.86);
INSERT INTO settings (key, value) VALUES ('base_currency', 'EUR');
COMMIT;

