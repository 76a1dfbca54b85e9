/* The SQLite driver: SQLite is linked into the migrator, so a migrator
   needs no libsqlite3 on the host. Migrations run with foreign_keys off
   (the pragma cannot change inside a transaction, and a table rebuild
   must not cascade); BEGIN IMMEDIATE and a busy timeout make concurrent
   migrators take turns. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

struct sqlite_conn {
    const struct migc_driver *drv;
    sqlite3 *db;
};

/* what: the attempt that failed, or NULL when SQLite's message says it
   all (a migration's statement: the runner adds the context). */
static int fail(struct migc_err *e, sqlite3 *db, const char *what)
{
    if (what)
        err_set(e, EXIT_DB, "%s: %s", what, sqlite3_errmsg(db));
    else
        err_set(e, EXIT_DB, "%s", sqlite3_errmsg(db));
    return -1;
}

static int sq_open(const char *target, int busy_timeout_ms, void **conn, struct migc_err *e)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(target, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, EXIT_DB, "could not open SQLite database \"%s\": %s", target,
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, busy_timeout_ms);
    if (sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) != SQLITE_OK) {
        fail(e, db, "could not turn foreign keys off");
        sqlite3_close(db);
        return -1;
    }
    struct sqlite_conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->drv = &driver_sqlite;
    c->db = db;
    *conn = c;
    return 0;
}

static void sq_close(void *conn)
{
    struct sqlite_conn *c = conn;
    if (!c)
        return;
    sqlite3_close(c->db);
    free(c);
}

static bool is_fk_check(const char *sql)
{
    while (isspace((unsigned char)*sql))
        sql++;
    const char *w = "pragma";
    for (; *w; w++, sql++)
        if (tolower((unsigned char)*sql) != *w)
            return false;
    while (isspace((unsigned char)*sql))
        sql++;
    return strncmp(sql, "foreign_key_check", 17) == 0;
}

static int sq_exec(void *conn, const char *sql, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    const char *tail = sql;
    while (tail && *tail) {
        sqlite3_stmt *st = NULL;
        const char *start = tail;
        if (sqlite3_prepare_v2(c->db, start, -1, &st, &tail) != SQLITE_OK)
            return fail(e, c->db, NULL);
        if (!st)
            continue;   /* only whitespace or a comment left */
        bool fk = is_fk_check(start);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (fk) {
                const char *t = (const char *)sqlite3_column_text(st, 0);
                const char *parent = (const char *)sqlite3_column_text(st, 2);
                err_set(e, EXIT_DB,
                        "foreign key check failed: a row of table \"%s\" (rowid %lld) "
                        "references a missing row of table \"%s\"",
                        t ? t : "?", (long long)sqlite3_column_int64(st, 1),
                        parent ? parent : "?");
                sqlite3_finalize(st);
                return -1;
            }
        }
        if (rc != SQLITE_DONE) {
            fail(e, c->db, NULL);
            sqlite3_finalize(st);
            return -1;
        }
        sqlite3_finalize(st);
    }
    return 0;
}

static int sq_begin(void *conn, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(e, c->db, "could not lock the database");
    return 0;
}

static int sq_commit(void *conn, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(e, c->db, "could not commit");
    return 0;
}

static void sq_rollback(void *conn)
{
    struct sqlite_conn *c = conn;
    if (!sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

static int query_db(sqlite3 *db, const char *sql, const char *const *params, int nparams,
                    migc_row_fn fn, void *ctx, struct migc_err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(e, db, "query failed");
    for (int i = 0; i < nparams; i++)
        sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
    int rc;
    int ncols = sqlite3_column_count(st);
    const char **vals = calloc((size_t)ncols + 1, sizeof *vals);
    if (!vals)
        abort();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, ncols, vals)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    free(vals);
    if (rc != SQLITE_DONE) {
        fail(e, db, "query failed");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

static int sq_query(void *conn, const char *sql, const char *const *params, int nparams,
                    migc_row_fn fn, void *ctx, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    return query_db(c->db, sql, params, nparams, fn, ctx, e);
}

static int set_true(void *ctx, int ncols, const char *const *vals)
{
    (void)ncols;
    (void)vals;
    *(bool *)ctx = true;
    return 1;
}

static int sq_table_exists(void *conn, const char *table, bool *exists, struct migc_err *e)
{
    *exists = false;
    return sq_query(conn,
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1 "
                    "COLLATE NOCASE",
                    &table, 1, set_true, exists, e);
}

/* ---- drift: the live catalog against the expected one ----------------- */

/* One fact about one object: ("column users.email", "type", "TEXT"). An
   object's existence is the fact with aspect "" and value its kind. */
struct fact {
    char *object, *aspect, *value;
};

struct catalog {
    struct fact *v;
    int n, cap;
    const char *const *skip;
    int nskip;
    sqlite3 *db;
    struct migc_err *e;
    int failed;
};

static char *lower_dup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *d = malloc(n + 1);
    if (!d)
        abort();
    for (size_t i = 0; i < n; i++)
        d[i] = (char)tolower((unsigned char)s[i]);
    d[n] = '\0';
    return d;
}

/* SQL text compared loosely: lower case, runs of blanks as one space. */
static char *normalize_sql(const char *s)
{
    char *d = lower_dup(s);
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; d[i]; i++) {
        if (isspace((unsigned char)d[i])) {
            space = k > 0;
            continue;
        }
        if (space && d[i] != ')' && d[i] != ',' && (k == 0 || d[k - 1] != '('))
            d[k++] = ' ';
        space = false;
        d[k++] = d[i];
    }
    d[k] = '\0';
    return d;
}

static void add_fact(struct catalog *c, const char *object, const char *aspect, char *value)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = realloc(c->v, sizeof *c->v * (size_t)c->cap);
        if (!c->v)
            abort();
    }
    c->v[c->n].object = lower_dup(object);
    c->v[c->n].aspect = lower_dup(aspect);
    c->v[c->n].value = value;
    c->n++;
}

struct table_ctx {
    struct catalog *c;
    const char *table;
};

static int on_column(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct table_ctx *t = ctx;
    char obj[512];
    snprintf(obj, sizeof obj, "column %s.%s", t->table, v[0]);
    add_fact(t->c, obj, "", lower_dup("column"));
    char *type = lower_dup(v[1]);
    add_fact(t->c, obj, "type", type);
    add_fact(t->c, obj, "nullability",
             lower_dup(strcmp(v[2], "0") != 0 || strcmp(v[4], "0") != 0 ? "not null" : "null"));
    add_fact(t->c, obj, "default", v[3] ? normalize_sql(v[3]) : lower_dup("none"));
    return 0;
}

static int on_fk(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct table_ctx *t = ctx;
    char obj[512], val[1024];
    /* id, seq, table, from, to, on_update, on_delete, match */
    snprintf(obj, sizeof obj, "foreign key %s(%s)", t->table, v[3]);
    snprintf(val, sizeof val, "references %s(%s) on update %s on delete %s", v[2],
             v[4] ? v[4] : "", v[5], v[6]);
    add_fact(t->c, obj, "", lower_dup("foreign key"));
    add_fact(t->c, obj, "definition", lower_dup(val));
    return 0;
}

static bool skipped(const struct catalog *c, const char *name)
{
    for (int i = 0; i < c->nskip; i++)
        if (sqlite3_stricmp(c->skip[i], name) == 0)
            return true;
    return strncmp(name, "sqlite_", 7) == 0;
}

static int on_object(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct catalog *c = ctx;
    const char *type = v[0], *name = v[1], *tbl = v[2], *sql = v[3];
    if (skipped(c, name) || skipped(c, tbl))
        return 0;
    char obj[512];
    snprintf(obj, sizeof obj, "%s %s", type, name);
    add_fact(c, obj, "", lower_dup(type));
    if (strcmp(type, "table") == 0) {
        struct table_ctx t = {c, name};
        if (query_db(c->db, "SELECT name, type, \"notnull\", dflt_value, pk "
                            "FROM pragma_table_info(?1)", &name, 1, on_column, &t, c->e) ||
            query_db(c->db, "SELECT * FROM pragma_foreign_key_list(?1)", &name, 1, on_fk, &t,
                     c->e))
            c->failed = 1;
    } else {
        add_fact(c, obj, "definition", normalize_sql(sql));
    }
    return 0;
}

static int read_catalog(sqlite3 *db, struct catalog *c, struct migc_err *e)
{
    c->db = db;
    c->e = e;
    if (query_db(db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                     "WHERE sql IS NOT NULL AND type IN ('table', 'index', 'view') "
                     "ORDER BY name", NULL, 0, on_object, c, e) || c->failed)
        return -1;
    return 0;
}

static int cmp_fact(const void *a, const void *b)
{
    const struct fact *x = a, *y = b;
    int r = strcmp(x->object, y->object);
    return r ? r : strcmp(x->aspect, y->aspect);
}

static void free_catalog(struct catalog *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->v[i].object);
        free(c->v[i].aspect);
        free(c->v[i].value);
    }
    free(c->v);
}

/* True when the fact's object belongs to a table reported missing or
   extra as a whole (its columns need no line of their own). */
static bool inside(const char *object, const char *table)
{
    const char *dot;
    if (strncmp(object, "column ", 7) == 0 && (dot = strchr(object + 7, '.')))
        return strlen(table) == (size_t)(dot - object - 7) &&
               strncmp(object + 7, table, strlen(table)) == 0;
    if (strncmp(object, "foreign key ", 12) == 0 && (dot = strchr(object + 12, '(')))
        return strlen(table) == (size_t)(dot - object - 12) &&
               strncmp(object + 12, table, strlen(table)) == 0;
    return false;
}

static int sq_drift(void *conn, const char *const *expected_sql, int nexpected,
                    const char *const *skip, int nskip, migc_diff_fn fn, void *ctx,
                    struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    sqlite3 *mem = NULL;
    if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
        err_set(e, EXIT_DB, "could not open an in-memory database");
        sqlite3_close(mem);
        return -1;
    }
    for (int i = 0; i < nexpected; i++) {
        char *msg = NULL;
        if (sqlite3_exec(mem, expected_sql[i], NULL, NULL, &msg) != SQLITE_OK) {
            err_set(e, EXIT_DB, "could not build the expected schema: %s", msg ? msg : "?");
            sqlite3_free(msg);
            sqlite3_close(mem);
            return -1;
        }
    }
    struct catalog want = {.skip = skip, .nskip = nskip};
    struct catalog have = {.skip = skip, .nskip = nskip};
    int rc = -1;
    if (read_catalog(mem, &want, e) || read_catalog(c->db, &have, e))
        goto out;
    qsort(want.v, (size_t)want.n, sizeof *want.v, cmp_fact);
    qsort(have.v, (size_t)have.n, sizeof *have.v, cmp_fact);
    /* Two passes: the first finds the tables missing or extra as a
       whole, so that the second does not list their columns too. */
    const char **gone = calloc((size_t)(want.n + have.n) + 1, sizeof *gone);
    if (!gone)
        abort();
    int ngone = 0;
    for (int pass = 0; pass < 2; pass++) {
        int i = 0, j = 0;
        while (i < want.n || j < have.n) {
            int cmp = i >= want.n ? 1 : j >= have.n ? -1 : cmp_fact(&want.v[i], &have.v[j]);
            const struct fact *f = cmp <= 0 ? &want.v[i] : &have.v[j];
            bool whole = f->aspect[0] == '\0';
            if (pass == 0 && cmp != 0 && whole && strncmp(f->object, "table ", 6) == 0)
                gone[ngone++] = f->object + 6;
            bool in_gone = false;
            for (int k = 0; k < ngone; k++)
                in_gone = in_gone || inside(f->object, gone[k]);
            if (pass == 1 && cmp != 0 && whole && !in_gone)
                fn(ctx, f->object, cmp < 0 ? "missing" : "extra",
                   cmp < 0 ? f->value : "missing", cmp < 0 ? "missing" : f->value);
            if (pass == 1 && cmp == 0 && strcmp(want.v[i].value, have.v[j].value) != 0)
                fn(ctx, f->object, f->aspect, want.v[i].value, have.v[j].value);
            if (cmp <= 0)
                i++;
            if (cmp >= 0)
                j++;
        }
    }
    free(gone);
    rc = 0;
out:
    free_catalog(&want);
    free_catalog(&have);
    sqlite3_close(mem);
    return rc;
}

const struct migc_driver driver_sqlite = {
    .version = 1,
    .name = "sqlite",
    .dialect = MIGC_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .query = sq_query,
    .table_exists = sq_table_exists,
    .drift = sq_drift,
};
