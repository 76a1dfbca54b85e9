\set ON_ERROR_STOP on

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
ALTER TABLE "Order"
    ADD COLUMN "default" TEXT,
    ADD CONSTRAINT "Order_limit_check" CHECK ("Amount" BETWEEN 0 AND 1000);
ALTER TABLE "Order" RENAME TO "limit";
COMMIT;

