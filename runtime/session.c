/* A database command's session: the URL resolved, the connection opened,
   the run's lock taken when the command writes, and the bookkeeping read
   into the current revisions. A command that writes first takes the run's
   lock (PostgreSQL: a session advisory lock; SQLite: an flock on the
   file), polling for it up to --lock-timeout, and holds it to the end; the
   state it then reads stays true, so concurrent migrators apply each
   migration exactly once. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>

#include "migrator.h"

long session_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *session_dialect_name(int d)
{
    return d == MIGC_POSTGRES ? "postgres" : "sqlite";
}

/* Takes the run's lock, polling without waiting inside the database (a
   waiter blocked in a lock call can hold a snapshot that the holder's
   CREATE INDEX CONCURRENTLY then waits for), for up to timeout_s
   seconds, saying once that it waits. */
static int take_lock(struct rt *rt, struct session *s, int timeout_s, struct migc_err *e)
{
    long start = session_now_ms(), pause = 20;
    bool told = false;
    for (;;) {
        bool got = false;
        if (s->db.drv->try_lock(s->db.conn, s->db.vt, &got, e))
            return -1;
        if (got) {
            if (told && !rt->quiet)
                fprintf(stderr, "Got the lock after %.1f s\n", (session_now_ms() - start) / 1000.0);
            return 0;
        }
        long left = timeout_s * 1000L - (session_now_ms() - start);
        if (left <= 0) {
            err_set(e, EXIT_DB,
                    "could not get the migration lock on \"%s\" within %d seconds: another "
                    "migrator is running on this database",
                    s->db.vt, timeout_s);
            err_hint(e, "Wait for it to finish and run again, or raise --lock-timeout.");
            return -1;
        }
        if (!told && !rt->quiet)
            fprintf(stderr,
                    "Waiting for another migrator to finish (it holds the lock on \"%s\"; "
                    "waiting up to %d s)\n",
                    s->db.vt, timeout_s);
        told = true;
        long ms = pause < left ? pause : left;
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        pause = pause * 2 > 500 ? 500 : pause * 2;
    }
}

int session_open(struct rt *rt, const struct run_opts *o, struct session *s, struct migc_err *e)
{
    memset(s, 0, sizeof *s);
    if (dburl_resolve(rt, o->url_option, &s->url, e))
        return -1;
    if (!(rt->p->dialects & (1u << s->url.dialect))) {
        err_set(e, EXIT_USAGE, "this migrator was built without %s support",
                session_dialect_name(s->url.dialect));
        err_hint(e, "Build it with migc build --dialect %s.", session_dialect_name(s->url.dialect));
        return -1;
    }
    s->db.drv = s->url.dialect == MIGC_POSTGRES ? &driver_pg : &driver_sqlite;
    s->db.vt = rt_version_table(rt);
    s->db.at = rt_printf(rt, "%s_applied", s->db.vt);
    s->db.schema = o->schema;
    int timeout_s = o->lock_timeout_s >= 0 ? o->lock_timeout_s : 60;
    s->lock_timeout_ms = o->statement_lock_timeout_ms;
    s->failed_rev = -1;
    /* SQLite's busy timeout is its statement lock timeout: how long BEGIN
       IMMEDIATE and COMMIT wait for another connection's lock. */
    struct driver_opts dopts = {.busy_timeout_ms = s->lock_timeout_ms > 0
                                                       ? (int)s->lock_timeout_ms
                                                       : timeout_s * 1000,
                                .schema = o->schema,
                                .app_name = rt->prog,
                                .create = o->create,
                                .url = &s->url};
    if (rt->verbose)
        fprintf(stderr, "Using %s (from %s)\n", dburl_display(rt, s->url.url), s->url.source);
    if (s->db.drv->open(s->url.target, &dopts, &s->db.conn, e))
        return -1;
    if (o->lock && take_lock(rt, s, timeout_s, e)) {
        s->db.drv->close(s->db.conn);
        s->db.conn = NULL;
        return -1;
    }
    s->current = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    s->applied = rt_alloc(rt, (size_t)rt->n + 1);
    return 0;
}

void session_close(struct session *s)
{
    if (s->db.conn)
        s->db.drv->close(s->db.conn);
    s->db.conn = NULL;
}

/* The shared end of a command that failed inside its session: undo the
   open transaction, close, report, and give the exit status. */
int session_fail(struct session *s, struct migc_err *e)
{
    s->db.drv->rollback(s->db.conn);
    session_close(s);
    err_print(e);
    return e->code ? e->code : EXIT_DB;
}

/* Reads the version table and computes current and applied. */
int session_read(struct rt *rt, struct session *s, struct migc_err *e)
{
    if (bookkeeping_read(rt, &s->db, e) ||
        bookkeeping_current(rt, &s->db, s->current, &s->ncurrent, e))
        return -1;
    memset(s->applied, 0, (size_t)rt->n + 1);
    for (int i = 0; i < s->ncurrent; i++)
        revgraph_ancestors(rt, s->current[i], s->applied);
    return 0;
}

/* Pending: revisions not applied that some head needs, topological order. */
int session_pending(struct rt *rt, const struct session *s, int *out)
{
    int k = 0;
    for (int i = 0; i < rt->n; i++)
        if (!s->applied[i])
            out[k++] = i;
    return k;
}

/* For a database with no revision recorded: the names of its tables
   other than migc's own (the first three, then how many more), or NULL
   when it has none or they cannot be read. Such a schema was made by hand
   or by another tool, and is adopted with stamp rather than built again. */
const char *session_unrecorded_tables(struct rt *rt, struct session *s)
{
    struct drift_facts have = {0};
    struct migc_err ignored;
    const char *out = NULL;
    if (s->ncurrent == 0 && s->db.drv->catalog(s->db.conn, &have, &ignored) == 0) {
        struct sb b = {0};
        int n = 0;
        for (int i = 0; i < have.n; i++) {
            const struct drift_fact *f = &have.v[i];
            if (strcmp(f->kind, "table") || f->aspect[0] ||
                strncmp(f->name, s->db.vt, strlen(s->db.vt)) == 0)
                continue;
            if (n < 3) {
                sb_puts(&b, n ? ", " : "");
                sb_json(&b, f->name);
            }
            n++;
        }
        if (n > 3)
            sb_printf(&b, " and %d more", n - 3);
        if (n)
            out = rt_strdup(rt, sb_str(&b));
        sb_free(&b);
    }
    drift_free(&have);
    return out;
}
