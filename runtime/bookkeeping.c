/* The version table (one row per current head, as Alembic's
   alembic_version) and the applied table beside it (checksum, time,
   duration and migrator of each applied revision). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "migrator.h"

static const char *quote(struct rt *rt, const char *name)
{
    struct sb b = {0};
    sb_puts(&b, "\"");
    for (const char *c = name; *c; c++)
        sb_puts(&b, *c == '"' ? "\"\"" : (char[2]){*c, 0});
    sb_puts(&b, "\"");
    const char *out = rt_strdup(rt, sb_str(&b));
    sb_free(&b);
    return out;
}

const char *bookkeeping_create_sql(struct rt *rt, const char *vt, int table)
{
    if (table == 0)
        return rt_printf(rt,
                         "CREATE TABLE IF NOT EXISTS %s (version_num VARCHAR(32) NOT NULL, "
                         "CONSTRAINT %s PRIMARY KEY (version_num))",
                         quote(rt, vt), quote(rt, rt_printf(rt, "%s_pkc", vt)));
    return rt_printf(rt,
                     "CREATE TABLE IF NOT EXISTS %s (revision VARCHAR(32) NOT NULL PRIMARY KEY, "
                     "checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL, "
                     "duration_ms INTEGER NOT NULL, migrator VARCHAR(200) NOT NULL)",
                     quote(rt, rt_printf(rt, "%s_applied", vt)));
}

int bookkeeping_ensure(struct rt *rt, struct db *db, struct migc_err *e)
{
    if (db->schema &&
        db->drv->exec(db->conn, rt_printf(rt, "CREATE SCHEMA IF NOT EXISTS %s",
                                          quote(rt, db->schema)), e))
        return -1;
    if (db->drv->exec(db->conn, bookkeeping_create_sql(rt, db->vt, 0), e) ||
        db->drv->exec(db->conn, bookkeeping_create_sql(rt, db->vt, 1), e))
        return -1;
    return 0;
}

struct read_ctx {
    struct rt *rt;
    struct db *db;
    int cap;
};

static int on_version(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct read_ctx *r = ctx;
    struct db *db = r->db;
    if (db->nrows == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        char **rows = rt_alloc(r->rt, sizeof *rows * (size_t)r->cap);
        if (db->nrows)
            memcpy(rows, db->rows, sizeof *rows * (size_t)db->nrows);
        db->rows = rows;
    }
    db->rows[db->nrows++] = rt_strdup(r->rt, v[0] ? v[0] : "");
    return 0;
}

static int on_applied(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct read_ctx *r = ctx;
    struct db *db = r->db;
    if (db->napplied == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        struct applied_row *a = rt_alloc(r->rt, sizeof *a * (size_t)r->cap);
        if (db->napplied)
            memcpy(a, db->applied, sizeof *a * (size_t)db->napplied);
        db->applied = a;
    }
    struct applied_row *a = &db->applied[db->napplied++];
    a->revision = rt_strdup(r->rt, v[0] ? v[0] : "");
    a->checksum = rt_strdup(r->rt, v[1] ? v[1] : "");
    a->applied_at = rt_strdup(r->rt, v[2] ? v[2] : "");
    a->duration_ms = v[3] ? strtol(v[3], NULL, 10) : 0;
    a->migrator = rt_strdup(r->rt, v[4] ? v[4] : "");
    return 0;
}

static int on_failed(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct read_ctx *r = ctx;
    struct db *db = r->db;
    if (db->nfailed == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 4;
        struct failed_row *f = rt_alloc(r->rt, sizeof *f * (size_t)r->cap);
        if (db->nfailed)
            memcpy(f, db->failed, sizeof *f * (size_t)db->nfailed);
        db->failed = f;
    }
    struct failed_row *f = &db->failed[db->nfailed++];
    f->revision = rt_strdup(r->rt, v[0] ? v[0] : "");
    f->direction = rt_strdup(r->rt, v[1] ? v[1] : "upgrade");
    f->state = rt_strdup(r->rt, v[2] ? v[2] : "failed");
    f->ran = v[3] ? (int)strtol(v[3], NULL, 10) : 0;
    f->total = v[4] ? (int)strtol(v[4], NULL, 10) : 0;
    f->error = v[5] ? rt_strdup(r->rt, v[5]) : NULL;
    f->at = rt_strdup(r->rt, v[6] ? v[6] : "");
    return 0;
}

static int cmp_applied(const void *a, const void *b)
{
    return strcmp(((const struct applied_row *)a)->revision,
                  ((const struct applied_row *)b)->revision);
}

/* Reads one of the bookkeeping tables. A table of that name whose columns
   are not the ones migc keeps (another tool's, or one made by hand) is
   named, with what migc expects and the ways on. */
static int read_table(struct rt *rt, struct db *db, const char *table, const char *columns,
                      migc_row_fn fn, struct read_ctx *r, struct migc_err *e)
{
    const char *sql = rt_printf(rt, "SELECT %s FROM %s ORDER BY 1", columns, quote(rt, table));
    if (db->drv->query(db->conn, sql, NULL, 0, fn, r, e) == 0)
        return 0;
    /* SQLite: "no such column"; PostgreSQL: undefined_column. */
    if (!strstr(e->msg, "no such column") && !strstr(e->msg, "42703"))
        return -1;
    char why[sizeof e->msg];
    snprintf(why, sizeof why, "%s", e->msg);
    err_set(e, EXIT_DB, "table \"%s\" is not a migc bookkeeping table: %s", table, why);
    err_detail(e, "migc keeps its bookkeeping in \"%s\" with the %s %s; this table has "
                  "others.", table, strchr(columns, ',') ? "columns" : "column", columns);
    err_hint(e, "If another tool owns \"%s\", build the migrator with another --version-table "
                "(the other tables are named after it); if it is left over and not needed, "
                "drop it and run again.", table);
    return -1;
}

int bookkeeping_read(struct rt *rt, struct db *db, struct migc_err *e)
{
    db->nrows = db->napplied = 0;
    bool exists;
    if (db->drv->table_exists(db->conn, db->vt, &exists, e))
        return -1;
    struct read_ctx r = {rt, db, 0};
    if (exists && read_table(rt, db, db->vt, "version_num", on_version, &r, e))
        return -1;
    if (!db->skip_applied && db->drv->table_exists(db->conn, db->at, &exists, e))
        return -1;
    r.cap = 0;
    if (!db->skip_applied && exists &&
        read_table(rt, db, db->at, "revision, checksum, applied_at, duration_ms, migrator",
                   on_applied, &r, e))
        return -1;
    db->ft = rt_printf(rt, "%s_failed", db->vt);
    db->nfailed = 0;
    if (db->drv->table_exists(db->conn, db->ft, &exists, e))
        return -1;
    r.cap = 0;
    if (exists &&
        read_table(rt, db, db->ft, "revision, direction, state, ran, total, error, failed_at",
                   on_failed, &r, e))
        return -1;
    /* Sorted bytewise here, whatever the database's collation, for
       bookkeeping_applied's binary search. */
    if (db->napplied > 1)
        qsort(db->applied, (size_t)db->napplied, sizeof *db->applied, cmp_applied);
    return 0;
}

int bookkeeping_current(struct rt *rt, const struct db *db, int *out, int *nout,
                        struct migc_err *e)
{
    unsigned char *set = rt_alloc(rt, (size_t)rt->n + 1);
    for (int i = 0; i < db->nrows; i++) {
        int r = revgraph_find(rt, db->rows[i]);
        if (r < 0) {
            err_set(e, EXIT_DB, "Can't locate revision identified by '%s'", db->rows[i]);
            struct sb b = {0};
            for (int j = 0; j < db->nrows; j++)
                sb_printf(&b, "%s'%s'", j ? ", " : "", db->rows[j]);
            err_detail(e, "The version table \"%s\" holds %s.", db->vt, sb_str(&b));
            sb_free(&b);
            err_hint(e, "The migration files for it may be missing from this migrator, or a "
                        "newer migrator was run against this database; use that migrator, or "
                        "'stamp --purge' to reset the recorded revision.");
            return -1;
        }
        set[r] = 1;
    }
    *nout = 0;
    for (int i = 0; i < rt->n; i++)
        if (set[i])
            out[(*nout)++] = i;
    return 0;
}

const struct applied_row *bookkeeping_applied(const struct db *db, const char *id)
{
    int lo = 0, hi = db->napplied - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(db->applied[mid].revision, id);
        if (c == 0)
            return &db->applied[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* s as an SQL string literal. Revision ids, checksums, times and the
   migrator's name never hold a backslash, so standard strings suffice on
   both databases. */
static void put_literal(struct sb *b, const char *s)
{
    sb_puts(b, "'");
    for (const char *c = s; *c; c++)
        sb_puts(b, *c == '\'' ? "''" : (char[2]){*c, 0});
    sb_puts(b, "'");
}

const char *bookkeeping_literal(struct rt *rt, const char *s)
{
    struct sb b = {0};
    put_literal(&b, s);
    const char *out = rt_strdup(rt, sb_str(&b));
    sb_free(&b);
    return out;
}

static void heads_sql(struct rt *rt, struct db *db, struct sb *b, const int *heads, int nheads)
{
    sb_printf(b, "DELETE FROM %s", quote(rt, db->vt));
    if (nheads) {
        sb_printf(b, "; INSERT INTO %s (version_num) VALUES ", quote(rt, db->vt));
        for (int i = 0; i < nheads; i++) {
            sb_puts(b, i ? ", (" : "(");
            put_literal(b, migc_rev_id(rt->p, heads[i]));
            sb_puts(b, ")");
        }
    }
}

static void forget_sql(struct rt *rt, struct db *db, struct sb *b, const char *id)
{
    sb_printf(b, "DELETE FROM %s WHERE revision = ", quote(rt, db->at));
    put_literal(b, id);
}

static void record_sql(struct rt *rt, struct db *db, struct sb *b, int rev, long duration_ms)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    const char *id = migc_string(rt->p, r->id);
    forget_sql(rt, db, b, id);
    char when[40];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sb_printf(b, "; INSERT INTO %s (revision, checksum, applied_at, duration_ms, migrator) "
                 "VALUES (", quote(rt, db->at));
    put_literal(b, id);
    sb_puts(b, ", ");
    put_literal(b, migc_string(rt->p, r->checksum));
    sb_puts(b, ", ");
    put_literal(b, when);
    sb_printf(b, ", %ld, ", duration_ms);
    put_literal(b, rt_migrator_label(rt));
    sb_puts(b, ")");
}

static int run_sql(struct db *db, struct sb *b, struct migc_err *e)
{
    int rc = db->drv->exec(db->conn, sb_str(b), e);
    sb_free(b);
    return rc;
}

int bookkeeping_set_heads(struct rt *rt, struct db *db, const int *heads, int nheads,
                          struct migc_err *e)
{
    struct sb b = {0};
    heads_sql(rt, db, &b, heads, nheads);
    return run_sql(db, &b, e);
}

int bookkeeping_forget(struct rt *rt, struct db *db, const char *id, struct migc_err *e)
{
    struct sb b = {0};
    forget_sql(rt, db, &b, id);
    return run_sql(db, &b, e);
}

int bookkeeping_record(struct rt *rt, struct db *db, int rev, long duration_ms,
                       struct migc_err *e)
{
    struct sb b = {0};
    record_sql(rt, db, &b, rev, duration_ms);
    return run_sql(db, &b, e);
}

int bookkeeping_step(struct rt *rt, struct db *db, const int *heads, int nheads, int rev,
                     bool upgrade, long duration_ms, struct migc_err *e)
{
    struct sb b = {0};
    heads_sql(rt, db, &b, heads, nheads);
    sb_puts(&b, "; ");
    if (upgrade)
        record_sql(rt, db, &b, rev, duration_ms);
    else
        forget_sql(rt, db, &b, migc_rev_id(rt->p, rev));
    return run_sql(db, &b, e);
}

const struct failed_row *bookkeeping_failed(const struct db *db, const char *id)
{
    for (int i = 0; i < db->nfailed; i++)
        if (strcmp(db->failed[i].revision, id) == 0)
            return &db->failed[i];
    return NULL;
}

static void now_text(char *when, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int bookkeeping_mark(struct rt *rt, struct db *db, int rev, bool upgrade, const char *state,
                     int ran, const char *error, struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    const char *id = migc_string(rt->p, r->id);
    const struct migc_script *sc =
        upgrade ? &r->upgrade[db->drv->dialect] : &r->downgrade[db->drv->dialect];
    if (!db->ft)
        db->ft = rt_printf(rt, "%s_failed", db->vt);
    struct sb b = {0};
    sb_printf(&b,
              "CREATE TABLE IF NOT EXISTS %s (revision VARCHAR(32) NOT NULL PRIMARY KEY, "
              "direction VARCHAR(10) NOT NULL, state VARCHAR(10) NOT NULL, "
              "ran INTEGER NOT NULL, total INTEGER NOT NULL, error TEXT, "
              "failed_at VARCHAR(40) NOT NULL); ",
              quote(rt, db->ft));
    sb_printf(&b, "DELETE FROM %s WHERE revision = ", quote(rt, db->ft));
    put_literal(&b, id);
    char when[40];
    now_text(when, sizeof when);
    sb_printf(&b, "; INSERT INTO %s (revision, direction, state, ran, total, error, failed_at) "
                  "VALUES (", quote(rt, db->ft));
    put_literal(&b, id);
    sb_puts(&b, upgrade ? ", 'upgrade', " : ", 'downgrade', ");
    put_literal(&b, state);
    sb_printf(&b, ", %d, %d, ", ran, sc->n);
    if (error)
        put_literal(&b, error);
    else
        sb_puts(&b, "NULL");
    sb_puts(&b, ", ");
    put_literal(&b, when);
    sb_puts(&b, ")");
    if (!bookkeeping_failed(db, id)) {
        /* Known from now on, so that unmark forgets it. */
        struct failed_row *v = rt_alloc(rt, sizeof *v * (size_t)(db->nfailed + 1));
        if (db->nfailed)
            memcpy(v, db->failed, sizeof *v * (size_t)db->nfailed);
        v[db->nfailed] = (struct failed_row){id, upgrade ? "upgrade" : "downgrade", state,
                                             NULL, "", ran, sc->n};
        db->failed = v;
        db->nfailed++;
    }
    return run_sql(db, &b, e);
}

int bookkeeping_unmark(struct rt *rt, struct db *db, const char *id, struct migc_err *e)
{
    int left = 0;
    for (int i = 0; i < db->nfailed; i++)
        if (id && strcmp(db->failed[i].revision, id) != 0)
            db->failed[left++] = db->failed[i];
    bool had = db->nfailed > 0;
    db->nfailed = left;
    if (!had)
        return 0;
    struct sb b = {0};
    /* The table exists only while a failure is recorded, so that a
       database nothing went wrong in holds the two tables Alembic's
       users expect. */
    if (left) {
        sb_printf(&b, "DELETE FROM %s WHERE revision = ", quote(rt, db->ft));
        put_literal(&b, id);
    } else {
        sb_printf(&b, "DROP TABLE IF EXISTS %s", quote(rt, db->ft));
    }
    return run_sql(db, &b, e);
}

int bookkeeping_rechecksum(struct rt *rt, struct db *db, int rev, struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    struct sb b = {0};
    sb_printf(&b, "UPDATE %s SET checksum = ", quote(rt, db->at));
    put_literal(&b, migc_string(rt->p, r->checksum));
    sb_puts(&b, ", migrator = ");
    put_literal(&b, rt_migrator_label(rt));
    sb_puts(&b, " WHERE revision = ");
    put_literal(&b, migc_string(rt->p, r->id));
    return run_sql(db, &b, e);
}
