/* The commands that touch a database: upgrade, downgrade, stamp, current,
   history, check, schema; and the graph commands that mark the database's
   state when one is reachable. Data goes to stdout, progress and errors to
   stderr. A command that writes first takes the run's lock (PostgreSQL: a
   session advisory lock; SQLite: an flock on the file), polling for it up
   to --lock-timeout, and holds it to the end; the state it then reads
   stays true, so concurrent migrators apply each migration exactly once.
   Each migration runs in a transaction that also holds its bookkeeping;
   a transaction none migration runs between two transactions. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "migrator.h"
#include "sqlscript.h"

struct session {
    struct dburl url;
    struct db db;
    int *current;              /* current heads, topological order */
    int ncurrent;
    unsigned char *applied;    /* ancestors of current */
};

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *dialect_name(int d)
{
    return d == MIGC_POSTGRES ? "postgres" : "sqlite";
}

/* Takes the run's lock, polling without waiting inside the database (a
   waiter blocked in a lock call can hold a snapshot that the holder's
   CREATE INDEX CONCURRENTLY then waits for), for up to timeout_s
   seconds, saying once that it waits. */
static int take_lock(struct rt *rt, struct session *s, int timeout_s, struct migc_err *e)
{
    long start = now_ms(), pause = 20;
    bool told = false;
    for (;;) {
        bool got = false;
        if (s->db.drv->try_lock(s->db.conn, s->db.vt, &got, e))
            return -1;
        if (got) {
            if (told && !rt->quiet)
                fprintf(stderr, "Got the lock after %.1f s\n", (now_ms() - start) / 1000.0);
            return 0;
        }
        long left = timeout_s * 1000L - (now_ms() - start);
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

static int session_open(struct rt *rt, const struct run_opts *o, struct session *s,
                        struct migc_err *e)
{
    memset(s, 0, sizeof *s);
    if (dburl_resolve(rt, o->url_option, &s->url, e))
        return -1;
    if (!(rt->p->dialects & (1u << s->url.dialect))) {
        err_set(e, EXIT_USAGE, "this migrator was built without %s support",
                dialect_name(s->url.dialect));
        err_hint(e, "Build it with migc build --dialect %s.", dialect_name(s->url.dialect));
        return -1;
    }
    s->db.drv = s->url.dialect == MIGC_POSTGRES ? &driver_pg : &driver_sqlite;
    s->db.vt = rt->p->version_table && *rt->p->version_table ? rt->p->version_table
                                                              : "migc_version";
    s->db.at = rt_printf(rt, "%s_applied", s->db.vt);
    s->db.schema = o->schema;
    int timeout_s = o->lock_timeout_s >= 0 ? o->lock_timeout_s : 60;
    struct driver_opts dopts = {.busy_timeout_ms = timeout_s * 1000,
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

static void session_close(struct session *s)
{
    if (s->db.conn)
        s->db.drv->close(s->db.conn);
    s->db.conn = NULL;
}

/* The shared end of a command that failed inside its session: undo the
   open transaction, close, report, and give the exit status. */
static int session_fail(struct session *s, struct migc_err *e)
{
    s->db.drv->rollback(s->db.conn);
    session_close(s);
    err_print(e);
    return e->code ? e->code : EXIT_DB;
}

/* Reads the version table and computes current and applied. */
static int session_read(struct rt *rt, struct session *s, struct migc_err *e)
{
    if (bookkeeping_read(rt, &s->db, e) ||
        bookkeeping_current(rt, &s->db, s->current, &s->ncurrent, e))
        return -1;
    memset(s->applied, 0, (size_t)rt->n + 1);
    for (int i = 0; i < s->ncurrent; i++)
        targets_ancestors(rt, s->current[i], s->applied);
    return 0;
}

/* Refuses when an applied revision's recorded checksum differs from ours. */
static int verify_checksums(struct rt *rt, struct session *s, struct migc_err *e)
{
    for (int i = 0; i < rt->n; i++) {
        if (!s->applied[i])
            continue;
        const struct migc_revision *r = &rt->p->revisions[i];
        const struct applied_row *a = bookkeeping_applied(&s->db, r->id);
        if (a && strcmp(a->checksum, r->checksum) != 0) {
            err_set(e, EXIT_DB, "checksum mismatch for revision %s", r->id);
            err_detail(e, "The database applied a migration %s whose upgrade differs from %s in "
                          "this migrator (recorded %.12s, expected %.12s).",
                       r->id, r->file, a->checksum, r->checksum);
            err_hint(e, "An applied migration was edited; restore it and write the change as "
                        "a new migration, or, if the edit was intended, run 'repair' to record "
                        "its new checksum.");
            return -1;
        }
    }
    return 0;
}

static const char *ids_text(struct rt *rt, const int *v, int n, const char *empty)
{
    if (n == 0)
        return empty;
    struct sb b = {0};
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", rt->p->revisions[v[i]].id);
    const char *out = rt_strdup(rt, sb_str(&b));
    sb_free(&b);
    return out;
}

static const char *parents_text(struct rt *rt, int r)
{
    return ids_text(rt, rt->revs[r].parents, rt->revs[r].nparents, "<base>");
}

/* Runs one script from statement from on; on failure fills e with the
   revision, place and the database's message. ran counts the statements
   that succeeded, those before from included. With track (a transaction
   none migration), the failed table follows each statement, so that a
   migrator killed half-way leaves word of how far it got. */
static int run_script(struct rt *rt, struct session *s, int rev, const struct migc_script *sc,
                      bool upgrade, int from, bool track, int *ran, struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    *ran = from;
    for (int i = from; i < sc->n; i++) {
        const struct migc_stmt *st = &sc->stmts[i];
        if (rt->verbose) {
            sqlscript_comment(stderr, rt_printf(rt, "%s:%d", st->file, st->line));
            fprintf(stderr, "%s;\n", st->sql);
        }
        if (s->db.drv->exec(s->db.conn, st->sql, e)) {
            char dbmsg[sizeof e->msg], dbdetail[sizeof e->detail];
            snprintf(dbmsg, sizeof dbmsg, "%s", e->msg);
            snprintf(dbdetail, sizeof dbdetail, "%s", e->detail);
            err_set(e, EXIT_DB, "%s of revision %s failed at %s:%d: %s",
                    upgrade ? "upgrade" : "downgrade", r->id, st->file, st->line, dbmsg);
            /* A driver's detail says more than the statement (a check migc
               added, say). */
            if (dbdetail[0])
                err_detail(e, "%s", dbdetail);
            else
                err_detail(e, "The statement was: %.1500s", st->sql);
            return -1;
        }
        (*ran)++;
        if (track && *ran < sc->n &&
            bookkeeping_mark(rt, &s->db, rev, upgrade, "running", *ran, NULL, e))
            return -1;
    }
    return 0;
}

/* A statement on one line, cut short, for the failed-migration report. */
static const char *stmt_brief(struct rt *rt, const struct migc_stmt *st)
{
    char *t = rt_printf(rt, "%s:%d: %.160s%s", st->file, st->line, st->sql,
                        strlen(st->sql) > 160 ? "..." : "");
    for (char *c = t; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    return t;
}

/* Says what a recorded half-run transaction none migration left: which
   statements ran, which one failed (or was running when the migrator
   stopped), and how to go on. prefix: "error: ", "warning: " or "". */
static void describe_failed(struct rt *rt, const struct failed_row *f, int d, const char *prefix)
{
    int r = targets_find(rt, f->revision);
    bool interrupted = strcmp(f->state, "running") == 0;
    fprintf(stderr, "%srevision %s is half-%s: its %s runs outside a transaction "
                    "(transaction none) and %s after %d of its %d statements%s%s\n",
            prefix, f->revision, strcmp(f->direction, "downgrade") == 0 ? "reverted" : "applied",
            f->direction, interrupted ? "the migrator stopped" : "failed", f->ran, f->total,
            f->error ? ": " : "", f->error ? f->error : "");
    if (r < 0) {
        fprintf(stderr, "hint: This migrator does not know revision %s; use the migrator "
                        "that ran it.\n", f->revision);
        return;
    }
    const struct migc_revision *x = &rt->p->revisions[r];
    const struct migc_script *sc =
        strcmp(f->direction, "downgrade") == 0 ? &x->downgrade[d] : &x->upgrade[d];
    for (int i = 0; i < sc->n; i++) {
        const char *mark = i < f->ran                   ? "ran:    "
                           : i == f->ran && interrupted ? "running (may have run): "
                           : i == f->ran                ? "failed: "
                                                        : "not run: ";
        fprintf(stderr, "  %s%s\n", mark, stmt_brief(rt, &sc->stmts[i]));
    }
    bool up = strcmp(f->direction, "upgrade") == 0;
    fprintf(stderr,
            "hint: Fix the cause and run '%s' again: revision %s resumes at statement %d%s, "
            "without running again the %d that ran. Or, if you finished or undid it by hand, "
            "record where the database is with 'stamp %s' (finished) or 'stamp %s' "
            "(undone).\n",
            up ? "upgrade" : "downgrade", f->revision, f->ran + 1,
            interrupted ? " (first looking in the database for whether it took effect)" : "",
            f->ran,
            up ? f->revision : (x->nparents ? rt->p->revisions[x->parents[0]].id : "base"),
            up ? (x->nparents ? rt->p->revisions[x->parents[0]].id : "base") : f->revision);
}

static void progress(struct rt *rt, bool upgrade, int rev, long ms)
{
    if (rt->quiet)
        return;
    const struct migc_revision *r = &rt->p->revisions[rev];
    if (upgrade)
        fprintf(stderr, "Running upgrade %s -> %s, %s (%ld ms)\n", parents_text(rt, rev), r->id,
                r->message, ms);
    else
        fprintf(stderr, "Running downgrade %s -> %s, %s (%ld ms)\n", r->id,
                parents_text(rt, rev), r->message, ms);
}

/* Before a half-run transaction none migration resumes at statement
   *from (the one that was running when the migrator stopped, or that
   failed), looks in the live catalog for what it does: there already, it
   is not run again (*from moves past it); an invalid index it left is
   dropped first (*redo); missing, it runs. One migc cannot check is run
   again only when it failed (a failed statement left nothing, save the
   invalid index of a concurrent build, which is checked); when the
   migrator stopped during it, it is not guessed at: the run stops,
   recording it as failed so that the next 'upgrade', once the user has
   looked, runs it. Called in the step's open transaction. */
static int recheck(struct rt *rt, struct session *s, int rev, const struct migc_script *sc,
                   bool upgrade, const struct failed_row *f, int *from, const char **redo,
                   struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    const struct migc_stmt *st = &sc->stmts[*from];
    struct drift_facts have = {0};
    if (s->db.drv->catalog(s->db.conn, &have, e)) {
        drift_free(&have);
        return -1;
    }
    struct resume_probe pr;
    resume_probe(rt, st->sql, &have, &pr);
    drift_free(&have);
    bool stopped = strcmp(f->state, "running") == 0;
    const char *dir = upgrade ? "upgrade" : "downgrade";
    const char *where = rt_printf(rt, "statement %d (%s:%d)", *from + 1, st->file, st->line);
    switch (pr.verdict) {
    case RESUME_DONE:
        if (!rt->quiet)
            fprintf(stderr, "  %s took effect: %s; not running it again\n", where, pr.found);
        (*from)++;
        return 0;
    case RESUME_REDO:
        if (!rt->quiet)
            fprintf(stderr, "  %s did not finish: %s; dropping it and running the statement "
                            "again\n", where, pr.found);
        *redo = pr.redo_sql;
        return 0;
    case RESUME_RUN:
        if (!rt->quiet)
            fprintf(stderr, "  %s did not take effect: %s; running it\n", where, pr.found);
        return 0;
    case RESUME_UNKNOWN:
        break;
    }
    if (!stopped && !pr.partial)
        return 0;
    err_set(e, EXIT_DB, "cannot tell whether statement %d of revision %s took effect%s (%s:%d)",
            *from + 1, r->id, stopped ? " before the migrator stopped" : "", st->file,
            st->line);
    if (pr.partial)
        err_detail(e, "In the database, %s: only part of what the statement does is there. "
                      "The statement was: %.1500s", pr.found, st->sql);
    else
        err_detail(e, "migc checks the statements that create or drop an index, table, view, "
                      "column or constraint, and this is not one of them: running it again "
                      "could apply it twice. The statement was: %.1500s", st->sql);
    const char *done_at = upgrade ? r->id
                          : r->nparents ? rt->p->revisions[r->parents[0]].id : "base";
    err_hint(e, "Look at the database. If the statement took effect, finish the rest of "
                "revision %s by hand and record it with 'stamp %s'. If it did not, or once you "
                "have undone it by hand, run '%s' again: it runs revision %s from this "
                "statement on.", r->id, done_at, dir, r->id);
    struct migc_err ignored;
    if (bookkeeping_mark(rt, &s->db, rev, upgrade, "failed", *from, e->msg, &ignored) == 0)
        s->db.drv->commit(s->db.conn, &ignored);
    return -1;
}

/* Applies or reverts one revision inside the current transaction (or, for
   transaction none, around it) and updates the bookkeeping. A transaction
   none migration is recorded in the failed table before it starts and
   after each statement, and forgotten in the transaction that records
   it done; one recorded half-run resumes at its first statement not run. */
static int step(struct rt *rt, struct session *s, int rev, bool upgrade, bool in_all,
                struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    int d = s->db.drv->dialect;
    const struct migc_script *sc = upgrade ? &r->upgrade[d] : &r->downgrade[d];
    long t0 = now_ms();
    int ran = 0;
    if (r->transaction_none && !in_all) {
        const struct failed_row *f = bookkeeping_failed(&s->db, r->id);
        int from = f ? f->ran : 0;
        if (from > sc->n)
            from = sc->n;
        if (f && !rt->quiet)
            fprintf(stderr, "Resuming %s of revision %s at statement %d of %d (the %d before "
                            "it ran in an earlier run that %s)\n",
                    upgrade ? "upgrade" : "downgrade", r->id, from + 1, sc->n, from,
                    strcmp(f->state, "running") == 0 ? "stopped" : "failed");
        const char *redo = NULL;
        if (f && from < sc->n && recheck(rt, s, rev, sc, upgrade, f, &from, &redo, e))
            return -1;
        if (bookkeeping_mark(rt, &s->db, rev, upgrade, "running", from, NULL, e) ||
            s->db.drv->commit(s->db.conn, e))
            return -1;
        if (redo && s->db.drv->exec(s->db.conn, redo, e)) {
            char why[sizeof e->msg];
            snprintf(why, sizeof why, "%s", e->msg);
            err_set(e, EXIT_DB, "could not drop the invalid index that statement %d of "
                                "revision %s left: %s", from + 1, r->id, why);
            err_detail(e, "The statement was: %s", redo);
            err_hint(e, "Drop the index by hand and run '%s' again.",
                     upgrade ? "upgrade" : "downgrade");
            return -1;
        }
        if (run_script(rt, s, rev, sc, upgrade, from, true, &ran, e)) {
            struct migc_err ignored;
            bookkeeping_mark(rt, &s->db, rev, upgrade, "failed", ran, e->msg, &ignored);
            /* What stays applied first, as a sentence of its own: the
               statement, which ends without a period, last. */
            char stmt[sizeof e->detail];
            snprintf(stmt, sizeof stmt, "%s", e->detail);
            err_detail(e, "Revision %s runs outside a transaction: %d of its %d statements had "
                          "run and stay applied.%s%s", r->id, ran, sc->n, stmt[0] ? " " : "",
                       stmt);
            err_hint(e, "Fix the cause and run the migrator again: it resumes at statement %d "
                        "and does not run again the statements that ran. Or record by hand "
                        "where the database is with 'stamp'.", ran + 1);
            return -1;
        }
        if (s->db.drv->begin(s->db.conn, e) || bookkeeping_unmark(rt, &s->db, r->id, e))
            return -1;
    } else if (run_script(rt, s, rev, sc, upgrade, 0, false, &ran, e)) {
        err_hint(e, "Nothing of revision %s was %s; the database is as it was before it.",
                 r->id, upgrade ? "applied" : "reverted");
        return -1;
    }
    if (upgrade)
        s->applied[rev] = 1;
    else
        s->applied[rev] = 0;
    s->ncurrent = targets_heads_of(rt, s->applied, s->current);
    long ms = now_ms() - t0;
    if (bookkeeping_step(rt, &s->db, s->current, s->ncurrent, rev, upgrade, ms, e) ||
        (!in_all && s->db.drv->commit(s->db.conn, e))) {
        if (!e->hint[0] && !r->transaction_none)
            err_hint(e, "Nothing of revision %s was %s; the database is as it was "
                        "before it.", r->id, upgrade ? "applied" : "reverted");
        return -1;
    }
    progress(rt, upgrade, rev, ms);
    return 0;
}

/* The next revision of order (the plan's) still to apply, or still to
   revert; -1 when done. */
static int next_step(const struct session *s, const int *order, int norder, bool upgrade)
{
    for (int k = 0; k < norder; k++)
        if (upgrade != (s->applied[order[k]] != 0))
            return order[k];
    return -1;
}

static int check_reversible(struct rt *rt, int rev, struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[rev];
    if (!r->irreversible)
        return 0;
    err_set(e, EXIT_DB, "cannot downgrade revision %s: its downgrade is irreversible", r->id);
    err_detail(e, "%s declares downgrade irreversible.", r->file);
    err_hint(e, "Restore the database from a backup, or stamp it if you reverted by hand.");
    return -1;
}

/* ---- offline (--sql) ------------------------------------------------ */

static int offline_dialect(struct rt *rt, const struct run_opts *o, int *d, struct migc_err *e)
{
    if (o->dialect) {
        if (strcmp(o->dialect, "sqlite") == 0)
            *d = MIGC_SQLITE;
        else if (strcmp(o->dialect, "postgres") == 0 || strcmp(o->dialect, "postgresql") == 0)
            *d = MIGC_POSTGRES;
        else {
            err_set(e, EXIT_USAGE, "unrecognized dialect \"%s\"", o->dialect);
            err_hint(e, "Use --dialect sqlite or --dialect postgres.");
            return -1;
        }
    } else {
        struct dburl u;
        if (dburl_find(rt, o->url_option, &u, e))
            return -1;
        *d = u.url ? u.dialect : MIGC_SQLITE;
    }
    if (!(rt->p->dialects & (1u << *d))) {
        err_set(e, EXIT_USAGE, "this migrator was built without %s support", dialect_name(*d));
        return -1;
    }
    return 0;
}

static void print_str_list(struct rt *rt, const int *v, int n)
{
    for (int i = 0; i < n; i++)
        printf("%s'%s'", i ? ", " : "", rt->p->revisions[v[i]].id);
}

static int offline(struct rt *rt, const char *range, bool upgrade, const struct run_opts *o,
                   struct migc_err *e)
{
    int d;
    if (offline_dialect(rt, o, &d, e))
        return -1;
    if (!upgrade && !strchr(range, ':')) {
        err_set(e, EXIT_USAGE, "an offline downgrade needs a range FROM:TO");
        err_hint(e, "The database is not read with --sql; write e.g. downgrade --sql head:base.");
        return -1;
    }
    struct session s = {0};
    s.current = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    s.applied = rt_alloc(rt, (size_t)rt->n + 1);
    int *order = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1)), norder;
    if (plan_offline(rt, range, upgrade, s.current, &s.ncurrent, order, &norder, e))
        return -1;
    for (int i = 0; i < s.ncurrent; i++)
        targets_ancestors(rt, s.current[i], s.applied);
    const char *vt = rt->p->version_table && *rt->p->version_table ? rt->p->version_table
                                                                   : "migc_version";
    /* psql and the sqlite3 shell go on after a failing statement unless
       told to stop: the next migration's BEGIN would apply on top of a
       failed one, and a rebuild whose foreign-key check failed would
       commit. */
    if (!o->no_client_settings)
        fputs(sqlscript_client_settings(d == MIGC_POSTGRES), stdout);
    if (d == MIGC_SQLITE)
        printf("PRAGMA foreign_keys = OFF;\n\n");
    printf("%s;\n\n%s;\n\n", bookkeeping_create_sql(rt, vt, 0), bookkeeping_create_sql(rt, vt, 1));
    if (o->all)
        printf("BEGIN;\n\n");
    int rev;
    while ((rev = next_step(&s, order, norder, upgrade)) >= 0) {
        const struct migc_revision *r = &rt->p->revisions[rev];
        if (!upgrade && check_reversible(rt, rev, e))
            return -1;
        const struct migc_script *sc = upgrade ? &r->upgrade[d] : &r->downgrade[d];
        /* Messages and file names come from the .mig sources:
           sqlscript_comment keeps each on its one comment line. */
        if (upgrade)
            sqlscript_comment(stdout, rt_printf(rt, "Running upgrade %s -> %s, %s",
                                                parents_text(rt, rev), r->id, r->message));
        else
            sqlscript_comment(stdout, rt_printf(rt, "Running downgrade %s -> %s, %s", r->id,
                                                parents_text(rt, rev), r->message));
        if (!o->all && !r->transaction_none)
            printf("BEGIN;\n\n");
        for (int i = 0; i < sc->n; i++) {
            sqlscript_comment(stdout, rt_printf(rt, "%s:%d", sc->stmts[i].file, sc->stmts[i].line));
            printf("%s;\n\n", sc->stmts[i].sql);
        }
        int *old = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
        int nold = s.ncurrent;
        memcpy(old, s.current, sizeof(int) * (size_t)nold);
        s.applied[rev] = upgrade;
        s.ncurrent = targets_heads_of(rt, s.applied, s.current);
        if (nold) {
            printf("DELETE FROM \"%s\" WHERE version_num IN (", vt);
            print_str_list(rt, old, nold);
            printf(");\n\n");
        }
        for (int i = 0; i < s.ncurrent; i++)
            printf("INSERT INTO \"%s\" (version_num) VALUES ('%s');\n\n", vt,
                   rt->p->revisions[s.current[i]].id);
        printf("DELETE FROM \"%s_applied\" WHERE revision = '%s';\n\n", vt, r->id);
        if (upgrade)
            printf("INSERT INTO \"%s_applied\" (revision, checksum, applied_at, duration_ms, "
                   "migrator) VALUES ('%s', '%s', CURRENT_TIMESTAMP, 0, %s);\n\n",
                   vt, r->id, r->checksum,
                   bookkeeping_literal(rt, rt_printf(rt, "%s (migc %s)", rt->p->name,
                                                     rt->p->migc_version)));
        if (!o->all && !r->transaction_none)
            printf("COMMIT;\n\n");
    }
    if (o->all)
        printf("COMMIT;\n\n");
    return 0;
}

/* For a database with no revision recorded: the names of its tables
   other than migc's own (the first three, then how many more), or NULL
   when it has none or they cannot be read. Such a schema was made by hand
   or by another tool, and is adopted with stamp rather than built again. */
static const char *unrecorded_tables(struct rt *rt, struct session *s)
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

/* The hint for a database that has tables but no revision recorded. */
static const char *adopt_hint(struct rt *rt, const char *tables)
{
    return rt_printf(rt, "The database has no revision recorded but holds tables (%s): if "
                         "they are this project's schema, made by hand or by another tool, "
                         "adopt them with 'stamp REV' at the revision they match, then run "
                         "'upgrade'.", tables);
}

/* ---- upgrade / downgrade -------------------------------------------- */

/* A half-run transaction none migration: one that this run reaches in
   the same direction resumes (step says so); any other is named. A run
   in the other direction is refused, since it would build on, or undo
   under, statements that half ran. */
static int check_failed(struct rt *rt, struct session *s, const unsigned char *set,
                        bool upgrade, struct migc_err *e)
{
    int d = s->db.drv->dialect;
    for (int i = 0; i < s->db.nfailed; i++) {
        const struct failed_row *f = &s->db.failed[i];
        int r = targets_find(rt, f->revision);
        bool same = strcmp(f->direction, upgrade ? "upgrade" : "downgrade") == 0;
        if (!same) {
            describe_failed(rt, f, d, "");
            err_set(e, EXIT_DB, "cannot %s while revision %s is half-%s", upgrade ? "upgrade" : "downgrade",
                    f->revision, upgrade ? "reverted" : "applied");
            err_hint(e, "Finish it first as said above, or record where the database is with "
                        "'stamp'.");
            return -1;
        }
        if (r >= 0 && set[r])
            continue;
        if (!rt->quiet)
            describe_failed(rt, f, d, "warning: ");
    }
    return 0;
}

static int migrate(struct rt *rt, const char *word, bool upgrade, const struct run_opts *o)
{
    struct migc_err e = {0};
    if (o->sql) {
        if (offline(rt, word, upgrade, o, &e)) {
            err_print(&e);
            return e.code;
        }
        return EXIT_OK;
    }
    struct session s;
    if (session_open(rt, o, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    const unsigned char *set = NULL;
    int *order = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1)), norder = 0;
    bool first = true;
    int rc = EXIT_OK;
    for (;;) {
        /* Under a session lock the state read first stays true (each step
           keeps it up to date); under a per-transaction lock another
           migrator may have moved on between two transactions. */
        if (s.db.drv->begin(s.db.conn, &e))
            goto fail;
        if ((first || !s.db.drv->session_lock) &&
            (bookkeeping_ensure(rt, &s.db, &e) || session_read(rt, &s, &e) ||
             verify_checksums(rt, &s, &e)))
            goto fail;
        if (first) {
            unsigned char *plan = rt_alloc(rt, (size_t)rt->n + 1);
            if ((upgrade ? plan_upgrade(rt, word, s.current, s.ncurrent, plan, &e)
                         : plan_downgrade(rt, word, s.current, s.ncurrent, plan, &e)) ||
                plan_check_rows(rt, word, s.current, s.ncurrent, plan, upgrade, order, &norder,
                                &e))
                goto fail;
            set = plan;
            if (upgrade && next_step(&s, order, norder, true) < 0 && !rt->quiet)
                fprintf(stderr, "Nothing to upgrade: the database is already at or above %s\n",
                        word);
            if (check_failed(rt, &s, set, upgrade, &e))
                goto fail;
            if (o->all) {
                for (int i = 0; i < rt->n; i++) {
                    bool todo = upgrade ? set[i] && !s.applied[i] : set[i] && s.applied[i];
                    if (todo && rt->p->revisions[i].transaction_none) {
                        err_set(&e, EXIT_DB,
                                "cannot run revision %s inside one transaction: it is "
                                "declared transaction none",
                                rt->p->revisions[i].id);
                        err_hint(&e, "Use --transaction per-migration for this range.");
                        goto fail;
                    }
                }
            }
            first = false;
        }
        int rev = next_step(&s, order, norder, upgrade);
        if (rev < 0) {
            if (s.db.drv->commit(s.db.conn, &e))
                goto fail;
            break;
        }
        if (!upgrade && check_reversible(rt, rev, &e))
            goto fail;
        if (step(rt, &s, rev, upgrade, o->all, &e))
            goto fail;
        if (o->all) {
            /* Keep the transaction open: apply everything, then commit. */
            int r2;
            while ((r2 = next_step(&s, order, norder, upgrade)) >= 0) {
                if (!upgrade && check_reversible(rt, r2, &e))
                    goto fail;
                if (step(rt, &s, r2, upgrade, true, &e))
                    goto fail;
            }
            if (s.db.drv->commit(s.db.conn, &e))
                goto fail;
            break;
        }
    }
    session_close(&s);
    return rc;
fail:
    s.db.drv->rollback(s.db.conn);
    if (upgrade && !first && e.code == EXIT_DB) {
        const char *tables = unrecorded_tables(rt, &s);
        if (tables) {
            char was[sizeof e.hint];
            snprintf(was, sizeof was, "%s", e.hint);
            err_hint(&e, "%s%s%s", was, was[0] ? " " : "", adopt_hint(rt, tables));
        }
    }
    session_close(&s);
    if (o->all && !first)
        err_hint(&e, "The whole range ran in one transaction and was rolled back; the "
                     "database is as it was before it.");
    err_print(&e);
    return e.code ? e.code : EXIT_DB;
}

int runner_upgrade(struct rt *rt, const char *target, const struct run_opts *o)
{
    return migrate(rt, target ? target : "head", true, o);
}

int runner_downgrade(struct rt *rt, const char *target, const struct run_opts *o)
{
    return migrate(rt, target, false, o);
}

/* ---- stamp ---------------------------------------------------------- */

int runner_stamp(struct rt *rt, const char *word, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    if (session_open(rt, o, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    if (s.db.drv->begin(s.db.conn, &e) || bookkeeping_ensure(rt, &s.db, &e))
        goto fail;
    /* What --purge removes, as stored (it may name revisions this
       migrator does not know), so that the report can name it. */
    const char *purged = NULL;
    if (o->purge) {
        if (bookkeeping_read(rt, &s.db, &e))
            goto fail;
        struct sb b = {0};
        for (int i = 0; i < s.db.nrows; i++)
            sb_printf(&b, "%s%s", i ? ", " : "", s.db.rows[i]);
        purged = rt_strdup(rt, s.db.nrows ? sb_str(&b) : "<base>");
        sb_free(&b);
        if (bookkeeping_set_heads(rt, &s.db, NULL, 0, &e))
            goto fail;
    }
    if (session_read(rt, &s, &e))
        goto fail;
    /* Replace the rows on the target's lineage, as Alembic's stamp does. */
    int *heads = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int nheads;
    if (plan_stamp(rt, word, s.current, s.ncurrent, heads, &nheads, &e))
        goto fail;
    unsigned char *set = rt_alloc(rt, (size_t)rt->n + 1);
    for (int i = 0; i < nheads; i++)
        targets_ancestors(rt, heads[i], set);
    if (bookkeeping_set_heads(rt, &s.db, heads, nheads, &e))
        goto fail;
    /* Stamping says where the database is, half-run migrations included. */
    for (int i = 0; i < s.db.nfailed && !rt->quiet; i++)
        fprintf(stderr, "Forgot that revision %s was half-%s\n", s.db.failed[i].revision,
                strcmp(s.db.failed[i].direction, "downgrade") == 0 ? "reverted" : "applied");
    if (bookkeeping_unmark(rt, &s.db, NULL, &e))
        goto fail;
    /* Applied rows of revisions no longer applied would be stale. */
    for (int i = 0; i < s.db.napplied; i++) {
        int r = targets_find(rt, s.db.applied[i].revision);
        if ((r < 0 || !set[r]) && bookkeeping_forget(rt, &s.db, s.db.applied[i].revision, &e))
            goto fail;
    }
    if (s.db.drv->commit(s.db.conn, &e))
        goto fail;
    if (!rt->quiet)
        fprintf(stderr, "Stamped %s -> %s%s\n",
                purged ? purged : ids_text(rt, s.current, s.ncurrent, "<base>"),
                ids_text(rt, heads, nheads, "<base>"),
                purged ? " (purged the version table first)" : "");
    session_close(&s);
    return EXIT_OK;
fail:
    return session_fail(&s, &e);
}

/* ---- reading commands ----------------------------------------------- */

static bool is_current(const struct session *s, int r)
{
    for (int i = 0; i < s->ncurrent; i++)
        if (s->current[i] == r)
            return true;
    return false;
}

static bool is_head(const struct rt *rt, int r)
{
    return rt->revs[r].nchildren == 0;
}

static void print_flags(struct rt *rt, const struct session *s, int r)
{
    const struct migc_revision *x = &rt->p->revisions[r];
    for (int i = 0; i < x->nlabels; i++)
        printf(" (%s)", x->labels[i]);
    if (is_head(rt, r))
        printf(" (head)");
    if (s && is_current(s, r))
        printf(" (current)");
    if (rt->revs[r].nchildren > 1)
        printf(" (branchpoint)");
    if (x->nparents > 1)
        printf(" (mergepoint)");
}

/* " (depends on X, Y)" for the one-line forms that do not show parents:
   why a revision another depends on stays applied and is no head. */
static void print_deps(struct rt *rt, int r)
{
    if (rt->revs[r].ndeps)
        printf(" (depends on %s)", ids_text(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
}

static void print_verbose(struct rt *rt, const struct session *s, int r)
{
    const struct migc_revision *x = &rt->p->revisions[r];
    printf("Rev: %s", x->id);
    print_flags(rt, s, r);
    printf("\n");
    printf(x->nparents > 1 ? "Merges: %s\n" : "Parent: %s\n", parents_text(rt, r));
    if (rt->revs[r].nchildren > 1)
        printf("Branches into: %s\n",
               ids_text(rt, rt->revs[r].children, rt->revs[r].nchildren, ""));
    if (x->ndeps)
        printf("Depends on: %s\n", ids_text(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
    if (x->nlabels) {
        printf("Branch names:");
        for (int i = 0; i < x->nlabels; i++)
            printf(" %s", x->labels[i]);
        printf("\n");
    }
    printf("Path: %s\n", x->file);
    if (s) {
        const struct applied_row *a = bookkeeping_applied(&s->db, x->id);
        if (!s->applied[r])
            printf("State: pending\n");
        else if (a)
            printf("State: applied %s (%ld ms)%s\n", a->applied_at, a->duration_ms,
                   strcmp(a->checksum, x->checksum) ? ", checksum mismatch" : "");
        else
            printf("State: applied (unverified: no record of it being applied)\n");
    }
    if (x->created)
        printf("Created: %s\n", x->created);
    printf("\n    %s\n\n", x->message);
}

static void json_ids(struct rt *rt, struct sb *b, const int *v, int n)
{
    sb_puts(b, "[");
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(b, ", ");
        sb_json(b, rt->p->revisions[v[i]].id);
    }
    sb_puts(b, "]");
}

static void json_strs(struct sb *b, const char *const *v, int n)
{
    sb_puts(b, "[");
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(b, ", ");
        sb_json(b, v[i]);
    }
    sb_puts(b, "]");
}

/* Pending: revisions not applied that some head needs, topological order. */
static int pending_of(struct rt *rt, const struct session *s, int *out)
{
    int k = 0;
    for (int i = 0; i < rt->n; i++)
        if (!s->applied[i])
            out[k++] = i;
    return k;
}

static void warn_pending(struct rt *rt, const int *pending, int npending)
{
    fprintf(stderr, "Target database is not up to date: %d revision%s pending: %s\n", npending,
            npending == 1 ? "" : "s", ids_text(rt, pending, npending, ""));
    fprintf(stderr, "hint: Run 'upgrade head' (or 'upgrade heads' on a branched history) to "
                    "apply them.\n");
}

/* Opens a session and reads the bookkeeping; the applied table only when
   applied_rows. */
static int open_and_read(struct rt *rt, const struct run_opts *o, bool applied_rows,
                         struct session *s, struct migc_err *e)
{
    if (session_open(rt, o, s, e))
        return -1;
    s->db.skip_applied = !applied_rows;
    if (session_read(rt, s, e)) {
        session_close(s);
        return -1;
    }
    return 0;
}

int runner_current(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    /* Only --verbose shows when each revision was applied. */
    if (open_and_read(rt, o, rt->verbose, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    int *pending = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int npending = pending_of(rt, &s, pending);
    if (o->json) {
        struct sb b = {0};
        sb_puts(&b, "{\"current\": ");
        json_ids(rt, &b, s.current, s.ncurrent);
        sb_puts(&b, ", \"heads\": ");
        json_ids(rt, &b, rt->heads, rt->nheads);
        sb_puts(&b, ", \"pending\": ");
        json_ids(rt, &b, pending, npending);
        sb_puts(&b, "}\n");
        fputs(sb_str(&b), stdout);
        sb_free(&b);
    } else if (rt->verbose) {
        printf("Current revision(s) for %s:\n", dburl_display(rt, s.url.url));
        for (int i = 0; i < s.ncurrent; i++)
            print_verbose(rt, &s, s.current[i]);
        if (npending)
            warn_pending(rt, pending, npending);
    } else {
        for (int i = 0; i < s.ncurrent; i++) {
            printf("%s%s", rt->p->revisions[s.current[i]].id,
                   is_head(rt, s.current[i]) ? " (head)" : "");
            print_deps(rt, s.current[i]);
            printf("\n");
        }
    }
    for (int i = 0; i < s.db.nfailed; i++)
        describe_failed(rt, &s.db.failed[i], s.db.drv->dialect, "warning: ");
    const char *tables = rt->quiet || s.db.nfailed ? NULL : unrecorded_tables(rt, &s);
    if (tables)
        fprintf(stderr, "hint: %s\n", adopt_hint(rt, tables));
    session_close(&s);
    return EXIT_OK;
}

/* Newest first: reverse topological order (the data's order already
   breaks ties by created, then id). */
int runner_history(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    struct session *sp = NULL;
    struct dburl probe;
    /* History is the graph; the database only adds its marks, so a
       migrator with no URL at all still prints it. */
    if (dburl_find(rt, o->url_option, &probe, &e)) {
        err_print(&e);
        return e.code;
    }
    if (probe.url) {
        if (open_and_read(rt, o, true, &s, &e)) {
            err_print(&e);
            return e.code;
        }
        sp = &s;
    }
    unsigned char *show = rt_alloc(rt, (size_t)rt->n + 1);
    memset(show, 1, (size_t)rt->n);
    if (o->range) {
        const char *colon = strchr(o->range, ':');
        char *start = rt_strdup(rt, o->range);
        const char *end = "heads";
        if (colon) {
            start[colon - o->range] = '\0';
            if (colon[1])
                end = colon + 1;
        }
        if (plan_history(rt, *start ? start : "base", end, show, &e)) {
            if (sp)
                session_close(sp);
            err_print(&e);
            return e.code;
        }
    }
    struct sb b = {0};
    if (o->json)
        sb_puts(&b, "{\"revisions\": [");
    bool firstj = true;
    for (int r = rt->n - 1; r >= 0; r--) {
        if (!show[r])
            continue;
        const struct migc_revision *x = &rt->p->revisions[r];
        if (o->json) {
            const struct applied_row *a = sp ? bookkeeping_applied(&sp->db, x->id) : NULL;
            const char *state = !sp ? "pending"
                                : is_current(sp, r) ? "current"
                                : sp->applied[r]    ? "applied"
                                                    : "pending";
            sb_puts(&b, firstj ? "\n  " : ",\n  ");
            firstj = false;
            sb_puts(&b, "{\"revision\": ");
            sb_json(&b, x->id);
            sb_puts(&b, ", \"parents\": ");
            json_ids(rt, &b, x->parents, x->nparents);
            sb_puts(&b, ", \"depends_on\": ");
            json_ids(rt, &b, x->deps, x->ndeps);
            sb_puts(&b, ", \"branches\": ");
            json_strs(&b, x->labels, x->nlabels);
            sb_puts(&b, ", \"message\": ");
            sb_json(&b, x->message);
            sb_puts(&b, ", \"created\": ");
            sb_json(&b, x->created);
            sb_puts(&b, ", \"file\": ");
            sb_json(&b, x->file);
            sb_puts(&b, ", \"state\": ");
            sb_json(&b, state);
            sb_puts(&b, ", \"applied_at\": ");
            sb_json(&b, a && sp->applied[r] ? a->applied_at : NULL);
            if (a && sp->applied[r])
                sb_printf(&b, ", \"duration_ms\": %ld}", a->duration_ms);
            else
                sb_puts(&b, ", \"duration_ms\": null}");
        } else if (rt->verbose) {
            print_verbose(rt, sp, r);
        } else {
            /* As Alembic prints it: dependencies in parentheses after the
               parents. */
            printf("%s", parents_text(rt, r));
            if (x->ndeps)
                printf(" (%s)", ids_text(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
            printf(" -> %s", x->id);
            print_flags(rt, sp, r);
            printf(", %s\n", x->message);
        }
    }
    if (o->json) {
        sb_puts(&b, firstj ? "]}\n" : "\n]}\n");
        fputs(sb_str(&b), stdout);
        sb_free(&b);
    }
    if (sp)
        session_close(sp);
    return EXIT_OK;
}

int runner_heads(struct rt *rt, const struct run_opts *o)
{
    if (o->json) {
        struct sb b = {0};
        sb_puts(&b, "{\"heads\": ");
        json_ids(rt, &b, rt->heads, rt->nheads);
        sb_puts(&b, "}\n");
        fputs(sb_str(&b), stdout);
        sb_free(&b);
        return EXIT_OK;
    }
    for (int i = 0; i < rt->nheads; i++) {
        if (rt->verbose) {
            print_verbose(rt, NULL, rt->heads[i]);
            continue;
        }
        printf("%s", rt->p->revisions[rt->heads[i]].id);
        print_flags(rt, NULL, rt->heads[i]);
        print_deps(rt, rt->heads[i]);
        printf("\n");
    }
    return EXIT_OK;
}

int runner_branches(struct rt *rt, const struct run_opts *o)
{
    (void)o;
    for (int r = 0; r < rt->n; r++) {
        if (rt->revs[r].nchildren < 2)
            continue;
        const struct migc_revision *x = &rt->p->revisions[r];
        printf("%s (branchpoint), %s\n", x->id, x->message);
        for (int i = 0; i < rt->revs[r].nchildren; i++) {
            int c = rt->revs[r].children[i];
            printf("    -> %s", rt->p->revisions[c].id);
            print_flags(rt, NULL, c);
            print_deps(rt, c);
            printf(", %s\n", rt->p->revisions[c].message);
        }
    }
    return EXIT_OK;
}

int runner_show(struct rt *rt, const char *word, const struct run_opts *o)
{
    (void)o;
    struct migc_err e = {0};
    int r;
    if (plan_revision(rt, word, &r, &e)) {
        err_print(&e);
        return e.code;
    }
    print_verbose(rt, NULL, r);
    return EXIT_OK;
}

/* ---- the expected schema --------------------------------------------- */

/* The objects (indexes into objects[d]) of one revision's schema: its
   first-parent line's deltas applied from the root. */
static void schema_of(struct rt *rt, int d, int r, unsigned char *objs)
{
    int *chain = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int n = 0;
    for (int x = r; x >= 0; x = rt->revs[x].nparents ? rt->revs[x].parents[0] : -1)
        chain[n++] = x;
    while (n-- > 0) {
        const struct migc_schema_delta *dl = &rt->p->revisions[chain[n]].schema[d];
        for (int i = 0; i < dl->ndrop; i++)
            objs[dl->drop[i]] = 0;
        for (int i = 0; i < dl->nadd; i++)
            objs[dl->add[i]] = 1;
    }
}

static bool same_object(const struct migc_object *a, const struct migc_object *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->name, b->name) == 0;
}

/* The schema of a database at several heads: a three-way merge, object by
   object, against their latest common ancestor (the compiler has checked
   that no two heads changed one object differently). */
static unsigned char *expected_schema(struct rt *rt, int d, const int *heads, int nheads)
{
    int nobj = rt->p->nobjects[d];
    const struct migc_object *obj = rt->p->objects[d];
    unsigned char *out = rt_alloc(rt, (size_t)nobj + 1);
    if (nheads == 0)
        return out;
    if (nheads == 1) {
        schema_of(rt, d, heads[0], out);
        return out;
    }
    unsigned char *common = rt_alloc(rt, (size_t)rt->n + 1);
    memset(common, 1, (size_t)rt->n);
    for (int h = 0; h < nheads; h++) {
        unsigned char *anc = rt_alloc(rt, (size_t)rt->n + 1);
        targets_ancestors(rt, heads[h], anc);
        for (int i = 0; i < rt->n; i++)
            common[i] &= anc[i];
    }
    int ca = -1;
    for (int i = rt->n - 1; i >= 0 && ca < 0; i--)
        if (common[i])
            ca = i;
    unsigned char *base = rt_alloc(rt, (size_t)nobj + 1);
    if (ca >= 0)
        schema_of(rt, d, ca, base);
    memcpy(out, base, (size_t)nobj);
    for (int h = 0; h < nheads; h++) {
        unsigned char *mine = rt_alloc(rt, (size_t)nobj + 1);
        schema_of(rt, d, heads[h], mine);
        for (int i = 0; i < nobj; i++) {
            if (mine[i] == base[i])
                continue;
            /* This head changed object i's name: take its version. */
            for (int j = 0; j < nobj; j++)
                if (same_object(&obj[i], &obj[j]))
                    out[j] = mine[j];
        }
    }
    return out;
}

/* The tables of v that table self references: the name after each
   REFERENCES in its SQL (as rendered: upper-case keyword, then the name as
   written, quoted or not). Returns a malloc'd array of indexes into v. */
static int *table_deps(const struct migc_object *const *v, int n, int self, int *nd)
{
    int cap = 0;
    for (const char *p = v[self]->sql; (p = strstr(p, "REFERENCES ")); p += 11)
        cap++;
    int *deps = malloc(sizeof(int) * (size_t)(cap + 1));
    if (!deps)
        abort();
    *nd = 0;
    for (const char *p = v[self]->sql; (p = strstr(p, "REFERENCES "));) {
        p += 11;
        for (int j = 0; j < n; j++) {
            size_t len = strlen(v[j]->name);
            if (j != self && strncmp(p, v[j]->name, len) == 0 &&
                (p[len] == ' ' || p[len] == '(' || p[len] == ',' || p[len] == ')' ||
                 p[len] == '\0')) {
                deps[(*nd)++] = j;
                break;
            }
        }
    }
    return deps;
}

/* Depth first: a table after the tables it references (PostgreSQL checks
   a foreign key's table when the referencing one is created). A cycle
   keeps the given order. */
static void visit_table(const struct migc_object *const *v, int n, int t, unsigned char *state,
                        const char **out, int *nout)
{
    if (state[t])
        return;
    state[t] = 1;
    int nd;
    int *deps = table_deps(v, n, t, &nd);
    for (int i = 0; i < nd; i++)
        visit_table(v, n, deps[i], state, out, nout);
    free(deps);
    out[(*nout)++] = v[t]->sql;
}

/* The expected SQL in an order that applies: tables (each after those it
   references), then indexes, then views, each in the order they first
   appeared. */
static int expected_sql(struct rt *rt, int d, const unsigned char *objs, const char ***out)
{
    int nobj = rt->p->nobjects[d];
    const char **v = rt_alloc(rt, sizeof *v * (size_t)(nobj + 1));
    int n = 0;
    const struct migc_object **tables = rt_alloc(rt, sizeof *tables * (size_t)(nobj + 1));
    int ntables = 0;
    for (int i = 0; i < nobj; i++)
        if (objs[i] && strcmp(rt->p->objects[d][i].kind, "table") == 0)
            tables[ntables++] = &rt->p->objects[d][i];
    unsigned char *state = rt_alloc(rt, (size_t)ntables + 1);
    for (int t = 0; t < ntables; t++)
        visit_table(tables, ntables, t, state, v, &n);
    static const char *const kinds[] = {"index", "view"};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < nobj; i++) {
            const struct migc_object *o = &rt->p->objects[d][i];
            bool known = strcmp(o->kind, "table") == 0 || strcmp(o->kind, "index") == 0 ||
                         strcmp(o->kind, "view") == 0;
            if (objs[i] && (strcmp(o->kind, kinds[k]) == 0 || (k == 1 && !known)))
                v[n++] = o->sql;
        }
    *out = v;
    return n;
}

int runner_schema(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    if (open_and_read(rt, o, false, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    int d = s.db.drv->dialect;
    const char **sql;
    int n = expected_sql(rt, d, expected_schema(rt, d, s.current, s.ncurrent), &sql);
    for (int i = 0; i < n; i++)
        printf("%s;\n\n", sql[i]);
    session_close(&s);
    return EXIT_OK;
}

/* ---- check ------------------------------------------------------------ */

struct drift_list {
    struct rt *rt;
    struct sb *json;
    int n;
};

static void on_drift(void *ctx, const struct drift_diff *d)
{
    struct drift_list *l = ctx;
    if (l->json) {
        sb_puts(l->json, l->n ? ", " : "");
        sb_puts(l->json, "{\"object\": ");
        sb_json(l->json, d->object);
        sb_puts(l->json, ", \"kind\": ");
        sb_json(l->json, d->kind);
        sb_puts(l->json, ", \"expected\": ");
        sb_json(l->json, d->expected);
        sb_puts(l->json, ", \"actual\": ");
        sb_json(l->json, d->actual);
        sb_puts(l->json, "}");
    } else {
        fprintf(stderr, "schema drift: %s\n", d->line);
    }
    l->n++;
}

int runner_check(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    if (session_open(rt, o, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    if (bookkeeping_read(rt, &s.db, &e)) {
        session_close(&s);
        err_print(&e);
        return e.code;
    }
    /* Unknown rows are findings here, not a reason to stop. */
    const char **unknown = rt_alloc(rt, sizeof *unknown * (size_t)(s.db.nrows + 1));
    int nunknown = 0;
    for (int i = 0; i < s.db.nrows; i++) {
        int r = targets_find(rt, s.db.rows[i]);
        if (r < 0)
            unknown[nunknown++] = s.db.rows[i];
        else
            targets_ancestors(rt, r, s.applied);
    }
    s.ncurrent = targets_heads_of(rt, s.applied, s.current);
    int *pending = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int npending = nunknown ? 0 : pending_of(rt, &s, pending);
    int *mismatch = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int nmismatch = 0;
    for (int i = 0; i < rt->n; i++) {
        const struct applied_row *a = bookkeeping_applied(&s.db, rt->p->revisions[i].id);
        if (s.applied[i] && a && strcmp(a->checksum, rt->p->revisions[i].checksum) != 0)
            mismatch[nmismatch++] = i;
    }
    struct sb drift_json = {0};
    struct drift_list drift = {rt, o->json ? &drift_json : NULL, 0};
    if (!o->json) {
        for (int i = 0; i < nunknown; i++) {
            fprintf(stderr, "Can't locate revision identified by '%s'\n", unknown[i]);
            fprintf(stderr, "hint: The migration files for it may be missing from this "
                            "migrator, or a newer migrator was run against this database.\n");
        }
        if (npending)
            warn_pending(rt, pending, npending);
        for (int i = 0; i < nmismatch; i++)
            fprintf(stderr, "checksum mismatch for revision %s: the applied migration differs "
                            "from %s\n",
                    rt->p->revisions[mismatch[i]].id, rt->p->revisions[mismatch[i]].file);
        if (nmismatch)
            fprintf(stderr, "hint: Restore the edited migration, or, if the edit was "
                            "intended, run 'repair' to record its new checksum.\n");
        for (int i = 0; i < s.db.nfailed; i++)
            describe_failed(rt, &s.db.failed[i], s.db.drv->dialect, "");
    }
    if (nunknown == 0) {
        int d = s.db.drv->dialect;
        const char **sql;
        int n = expected_sql(rt, d, expected_schema(rt, d, s.current, s.ncurrent), &sql);
        const char *skip[3] = {s.db.vt, s.db.at, rt_printf(rt, "%s_failed", s.db.vt)};
        if (s.db.drv->drift(s.db.conn, sql, n, skip, 3, on_drift, &drift, &e)) {
            sb_free(&drift_json);
            session_close(&s);
            err_print(&e);
            return e.code;
        }
    }
    bool ok = nunknown == 0 && npending == 0 && nmismatch == 0 && drift.n == 0 &&
              s.db.nfailed == 0;
    if (o->json) {
        struct sb b = {0};
        sb_printf(&b, "{\"ok\": %s, \"pending\": ", ok ? "true" : "false");
        json_ids(rt, &b, pending, npending);
        sb_puts(&b, ", \"checksum_mismatch\": ");
        json_ids(rt, &b, mismatch, nmismatch);
        sb_puts(&b, ", \"unknown\": ");
        json_strs(&b, unknown, nunknown);
        sb_printf(&b, ", \"drift\": [%s]", sb_str(&drift_json));
        /* Only when there is one, so that the common shape stays the
           documented one. */
        if (s.db.nfailed) {
            sb_puts(&b, ", \"failed\": [");
            for (int i = 0; i < s.db.nfailed; i++) {
                const struct failed_row *f = &s.db.failed[i];
                sb_puts(&b, i ? ", {\"revision\": " : "{\"revision\": ");
                sb_json(&b, f->revision);
                sb_puts(&b, ", \"direction\": ");
                sb_json(&b, f->direction);
                sb_puts(&b, ", \"state\": ");
                sb_json(&b, f->state);
                sb_printf(&b, ", \"statements_run\": %d, \"statements\": %d, \"error\": ",
                          f->ran, f->total);
                sb_json(&b, f->error);
                sb_puts(&b, "}");
            }
            sb_puts(&b, "]");
        }
        sb_puts(&b, "}\n");
        fputs(sb_str(&b), stdout);
        sb_free(&b);
    } else if (ok && !rt->quiet) {
        printf("OK: the database is at %s and its schema matches\n",
               ids_text(rt, s.current, s.ncurrent, "base"));
    }
    sb_free(&drift_json);
    session_close(&s);
    return ok ? EXIT_OK : EXIT_CHECK;
}

/* ---- repair ----------------------------------------------------------- */

/* Records this migrator's checksums for the applied revisions whose
   recorded one differs (an applied migration edited on purpose), naming
   each. Revisions with no record stay unverified. */
int runner_repair(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    if (session_open(rt, o, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    if (s.db.drv->begin(s.db.conn, &e) || session_read(rt, &s, &e))
        goto fail;
    int napplied = 0, nrepaired = 0;
    for (int i = 0; i < rt->n; i++) {
        if (!s.applied[i])
            continue;
        napplied++;
        const struct migc_revision *r = &rt->p->revisions[i];
        const struct applied_row *a = bookkeeping_applied(&s.db, r->id);
        if (!a || strcmp(a->checksum, r->checksum) == 0)
            continue;
        if (bookkeeping_rechecksum(rt, &s.db, i, &e))
            goto fail;
        printf("Repaired the checksum of revision %s (%s): recorded %.12s, now %.12s\n", r->id,
               r->file, a->checksum, r->checksum);
        nrepaired++;
    }
    if (s.db.drv->commit(s.db.conn, &e))
        goto fail;
    if (!rt->quiet) {
        if (nrepaired)
            fprintf(stderr, "Repaired %d checksum%s\n", nrepaired, nrepaired == 1 ? "" : "s");
        else
            fprintf(stderr, "Nothing to repair: the checksums of the %d applied revision%s match "
                            "this migrator\n", napplied, napplied == 1 ? "" : "s");
    }
    session_close(&s);
    return EXIT_OK;
fail:
    return session_fail(&s, &e);
}
