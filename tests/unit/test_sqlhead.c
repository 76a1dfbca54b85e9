/* The statement heads migc convert reads from op.execute() SQL to declare
   what a sql block creates and drops (sqlhead): each kind with and
   without OR REPLACE, IF [NOT] EXISTS, quoting and schemas, lists of
   names, triggers and policies on their tables, bodies and strings that
   hold statement-like text, and what no declaration can say. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sqlhead.h"

/* The heads as one line: "+kind name [on t]" per created object, "-..."
   per dropped one, then "! head" for what cannot be declared. */
static const char *heads(const char *sql)
{
    static struct arena a;
    arena_free(&a);
    struct sql_heads h;
    sql_read_heads(&a, sql, &h);
    struct strbuf b = {0};
    for (int i = 0; i < h.objects.n; i++) {
        const struct sql_object *o = VEC_AT(h.objects, i, const struct sql_object *);
        strbuf_printf(&b, "%s%c%s %s", i ? "; " : "", o->drop ? '-' : '+', o->kind, o->name);
        if (o->table)
            strbuf_printf(&b, " on %s", o->table);
    }
    if (h.undeclarable)
        strbuf_printf(&b, "%s! %s", h.objects.n ? "; " : "", h.undeclarable);
    return strbuf_to_arena(&b, &a);
}

#define HEADS(sql, want) CHECK_STR(heads(sql), want)

static void test_kinds(void)
{
    HEADS("CREATE TABLE t (a int)", "+table t");
    HEADS("create unlogged table if not exists T2 (a int)", "+table t2");
    HEADS("CREATE VIEW v AS SELECT 1", "+view v");
    HEADS("CREATE OR REPLACE VIEW v AS SELECT 1", "+view v");
    HEADS("CREATE MATERIALIZED VIEW mv AS SELECT 1 WITH NO DATA", "+materialized view mv");
    HEADS("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (a)", "+index ix");
    HEADS("CREATE OR REPLACE FUNCTION public.f(a int) RETURNS int AS 'select 1' LANGUAGE sql",
          "+function f");
    HEADS("CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON public.t FOR EACH ROW EXECUTE "
          "FUNCTION f()",
          "+trigger tr on t");
    HEADS("CREATE TRIGGER IF NOT EXISTS tr AFTER UPDATE OF (a) ON t BEGIN SELECT 1; END",
          "+trigger tr on t");
    HEADS("CREATE SEQUENCE s START 10", "+sequence s");
    HEADS("CREATE TYPE mood AS ENUM ('sad', 'ok')", "+type mood");
    HEADS("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public", "+extension pg_trgm");
    HEADS("CREATE POLICY own_rows ON docs USING (owner = current_user)",
          "+policy own_rows on docs");
    HEADS("DROP TABLE IF EXISTS a, public.b CASCADE", "-table a; -table b");
    HEADS("DROP MATERIALIZED VIEW mv", "-materialized view mv");
    HEADS("DROP INDEX CONCURRENTLY IF EXISTS ix", "-index ix");
    HEADS("DROP FUNCTION IF EXISTS f(int, text), g()", "-function f; -function g");
    HEADS("DROP TRIGGER IF EXISTS tr ON t", "-trigger tr on t");
    HEADS("DROP POLICY p ON docs", "-policy p on docs");
    HEADS("DROP TYPE mood; DROP SEQUENCE s; DROP EXTENSION pg_trgm; DROP VIEW v",
          "-type mood; -sequence s; -extension pg_trgm; -view v");
}

static void test_names(void)
{
    HEADS("CREATE TABLE \"Order\" (a int)", "+table Order");
    HEADS("CREATE TABLE \"public\".\"We\"\"ird\" (a int)", "+table We\"ird");
    HEADS("CREATE TABLE MixedCase (a int)", "+table mixedcase");
    /* another schema's objects are not the model's */
    HEADS("CREATE FUNCTION audit.f() RETURNS int AS 'select 1' LANGUAGE sql", "");
    HEADS("CREATE TABLE audit.log (a int)", "! create table audit");
    HEADS("CREATE INDEX ON t (a)", "! create index on t");
}

static void test_bodies(void)
{
    /* statements inside a function's body are its own, not the block's */
    HEADS("CREATE FUNCTION f() RETURNS trigger AS $$\n"
          "BEGIN\n  CREATE TABLE inner_t (a int);\n  DROP INDEX x;\n  RETURN NEW;\nEND;\n"
          "$$ LANGUAGE plpgsql;\n"
          "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
          "+function f; +trigger tr on t");
    HEADS("CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
          "+function g");
    HEADS("INSERT INTO t VALUES ('x; DROP TABLE t'); -- DROP TABLE u;\n/* DROP TABLE v; */"
          "UPDATE t SET a = E'\\'; DROP TABLE w'",
          "");
    HEADS("SELECT $1; CREATE TABLE after_param (a int)", "+table after_param");
}

static void test_undeclarable(void)
{
    HEADS("ALTER TABLE t ADD COLUMN b int", "! alter table t add");
    HEADS("ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE ONLY t OWNER TO app", "");
    HEADS("ALTER TABLE t NO FORCE ROW LEVEL SECURITY", "");
    HEADS("ALTER FUNCTION f() OWNER TO app; GRANT SELECT ON t TO app", "");
    HEADS("ALTER INDEX ix RENAME TO ix2", "! alter index ix rename");
    HEADS("ALTER TYPE taskstatus ADD VALUE 'pending'", "! alter type taskstatus add");
    HEADS("ALTER SEQUENCE s RESTART WITH 1; ALTER FUNCTION f() SET search_path = public", "");
}

static void test_netting(void)
{
    /* made and removed by the same SQL: nothing remains to declare */
    HEADS("CREATE TEMP TABLE scratch AS SELECT 1; UPDATE t SET a = 1; DROP TABLE scratch", "");
    HEADS("CREATE TABLE tmp (a int); DROP TABLE tmp; CREATE INDEX i ON t (a)", "+index i");
    /* replaced: the model sees the same trigger before and after */
    HEADS("DROP TRIGGER tr ON t; CREATE TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f()", "");
    /* perhaps new: declared, so that check reports it if it was not */
    HEADS("DROP TRIGGER IF EXISTS tr ON t; "
          "CREATE TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f()",
          "+trigger tr on t");
    HEADS("DROP TRIGGER tr ON t; CREATE TRIGGER tr AFTER INSERT ON u EXECUTE FUNCTION f()",
          "-trigger tr on t; +trigger tr on u");
}

int main(void)
{
    test_kinds();
    test_names();
    test_bodies();
    test_undeclarable();
    test_netting();
    puts("ok: sqlhead");
    return 0;
}
