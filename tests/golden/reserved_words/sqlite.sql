.bail on

-- Running upgrade <base> -> 001, reserved words as names
-- tests/golden/reserved_words/001_reserved.mig
BEGIN;
CREATE TABLE "user" (
    id INTEGER NOT NULL,
    "group" TEXT NOT NULL,
    "check" INTEGER DEFAULT 0,
    type TEXT,
    key TEXT,
    "values" TEXT,
    time TIMESTAMP,
    position INTEGER,
    CONSTRAINT user_pkey PRIMARY KEY (id),
    CONSTRAINT user_check_check CHECK ("check" >= 0),
    CONSTRAINT user_key_key UNIQUE (key)
);
CREATE TABLE "Order" (
    "select" INTEGER NOT NULL,
    "user" INTEGER,
    "from" DATE,
    "Amount" NUMERIC(8,2),
    CONSTRAINT "Order_pkey" PRIMARY KEY ("select"),
    CONSTRAINT "Order_user_fkey" FOREIGN KEY ("user") REFERENCES "user" (id) ON DELETE SET NULL
);
CREATE INDEX "index" ON "Order" ("user", "from" DESC);
CREATE VIEW "table" AS
select "group", "check" from "user";
COMMIT;

-- Running upgrade 001 -> 002, alter reserved names
-- tests/golden/reserved_words/002_alter_reserved.mig
BEGIN;
ALTER TABLE "user" RENAME COLUMN type TO "where";
CREATE TABLE "_migc_new_Order" (
    "select" INTEGER NOT NULL,
    "user" INTEGER,
    "from" DATE,
    "Amount" NUMERIC(8,2),
    "default" TEXT,
    CONSTRAINT "Order_pkey" PRIMARY KEY ("select"),
    CONSTRAINT "Order_user_fkey" FOREIGN KEY ("user") REFERENCES "user" (id) ON DELETE SET NULL,
    CONSTRAINT "Order_limit_check" CHECK ("Amount" BETWEEN 0 AND 1000)
);
INSERT INTO "_migc_new_Order" ("select", "user", "from", "Amount")
SELECT "select", "user", "from", "Amount"
FROM "Order";
DROP TABLE "Order";
ALTER TABLE "_migc_new_Order" RENAME TO "Order";
CREATE INDEX "index" ON "Order" ("user", "from" DESC);
CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));
INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _migc_fk_check;
ALTER TABLE "Order" RENAME TO "limit";
COMMIT;

