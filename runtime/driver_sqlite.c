/* The SQLite driver: SQLite is linked into the migrator, so a migrator
   needs no libsqlite3 on the host. Migrations run with foreign_keys off
   (the pragma cannot change inside a transaction, and a table rebuild
   must not cascade); BEGIN IMMEDIATE and a busy timeout make concurrent
   migrators take turns, transaction by transaction. A run that writes
   also holds an flock on the database file for the whole run (try_lock),
   so that a transaction none migration, which runs between two
   transactions, is not run again by a migrator that got in between. SQLite
   locks with fcntl, which flock does not touch. */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

struct sqlite_conn {
    const struct migc_driver *drv;
    sqlite3 *db;
    char *path;                /* NULL for :memory: */
    int lock_fd;               /* -1: the run's lock is not held */
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

static int sq_open(const char *target, const struct driver_opts *o, void **conn,
                   struct migc_err *e)
{
    if (o->schema) {
        err_set(e, EXIT_USAGE, "--schema is for PostgreSQL; a SQLite database has no schemas");
        return -1;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(target, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, EXIT_DB, "could not open SQLite database \"%s\": %s", target,
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, o->busy_timeout_ms);
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
    c->lock_fd = -1;
    if (strcmp(target, ":memory:") != 0) {
        c->path = strdup(target);
        if (!c->path)
            abort();
    }
    *conn = c;
    return 0;
}

static void sq_close(void *conn)
{
    struct sqlite_conn *c = conn;
    if (!c)
        return;
    sqlite3_close(c->db);
    if (c->lock_fd >= 0)
        close(c->lock_fd);
    free(c->path);
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

struct catalog {
    struct drift_facts f;
    const char *const *skip;
    int nskip;
    sqlite3 *db;
    struct migc_err *e;
    int failed;
};

/* value: normalized SQL, released here. */
static void add_sql_fact(struct catalog *c, const char *object, const char *aspect, char *value)
{
    drift_add(&c->f, object, aspect, value);
    free(value);
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
    drift_add(&t->c->f, obj, "", "column");
    drift_add(&t->c->f, obj, "type", v[1]);
    drift_add(&t->c->f, obj, "nullability",
              strcmp(v[2], "0") != 0 || strcmp(v[4], "0") != 0 ? "not null" : "null");
    if (v[3])
        add_sql_fact(t->c, obj, "default", drift_normalize(v[3]));
    else
        drift_add(&t->c->f, obj, "default", "none");
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
    drift_add(&t->c->f, obj, "", "foreign key");
    drift_add(&t->c->f, obj, "definition", val);
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
    drift_add(&c->f, obj, "", type);
    if (strcmp(type, "table") == 0) {
        struct table_ctx t = {c, name};
        if (query_db(c->db, "SELECT name, type, \"notnull\", dflt_value, pk "
                            "FROM pragma_table_info(?1)", &name, 1, on_column, &t, c->e) ||
            query_db(c->db, "SELECT * FROM pragma_foreign_key_list(?1)", &name, 1, on_fk, &t,
                     c->e))
            c->failed = 1;
    } else {
        add_sql_fact(c, obj, "definition", drift_normalize(sql));
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
    drift_compare(&want.f, &have.f, fn, ctx);
    rc = 0;
out:
    drift_free(&want.f);
    drift_free(&have.f);
    sqlite3_close(mem);
    return rc;
}

static int sq_try_lock(void *conn, const char *name, bool *got, struct migc_err *e)
{
    (void)name;
    struct sqlite_conn *c = conn;
    *got = true;
    if (!c->path || c->lock_fd >= 0)
        return 0;
    int fd = open(c->path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, EXIT_DB, "could not open \"%s\" to lock it: %s", c->path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        close(fd);
        if (err == EWOULDBLOCK) {
            *got = false;
            return 0;
        }
        err_set(e, EXIT_DB, "could not lock \"%s\": %s", c->path, strerror(err));
        return -1;
    }
    c->lock_fd = fd;
    return 0;
}

const struct migc_driver driver_sqlite = {
    .version = 2,
    .name = "sqlite",
    .dialect = MIGC_SQLITE,
    /* Every writer holds the flock of try_lock for its whole run. */
    .session_lock = true,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .query = sq_query,
    .table_exists = sq_table_exists,
    .drift = sq_drift,
    .try_lock = sq_try_lock,
};
