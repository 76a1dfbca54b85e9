/* The commands that change a database: upgrade and downgrade (and their
   offline --sql form), stamp and repair. Progress and errors go to
   stderr. Each migration runs in a transaction that also holds its
   bookkeeping; a transaction none migration runs between two
   transactions. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "migrator.h"
#include "sqlscript.h"

/* Refuses when an applied revision's recorded checksum differs from ours. */
static int verify_checksums(struct rt *rt, struct session *s, struct migc_err *e)
{
    for (int i = 0; i < rt->n; i++) {
        if (!s->applied[i])
            continue;
        const struct migc_revision *r = &rt->p->revisions[i];
        const char *id = migc_string(rt->p, r->id);
        const struct applied_row *a = bookkeeping_applied(&s->db, id);
        if (a && strcmp(a->checksum, migc_string(rt->p, r->checksum)) != 0) {
            err_set(e, EXIT_DB, "checksum mismatch for revision %s", id);
            err_detail(e, "The database applied a migration %s whose upgrade differs from %s in "
                          "this migrator (recorded %.12s, expected %.12s).",
                       id, migc_string(rt->p, r->file), a->checksum,
                       migc_string(rt->p, r->checksum));
            err_hint(e, "An applied migration was edited; restore it and write the change as "
                        "a new migration, or, if the edit was intended, run 'repair' to record "
                        "its new checksum.");
            return -1;
        }
    }
    return 0;
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
        const struct migc_stmt *st = &migc_script_stmts(rt->p, sc)[i];
        const char *sql = migc_string(rt->p, st->sql), *file = migc_string(rt->p, st->file);
        if (rt->verbose) {
            sqlscript_comment(stderr, rt_printf(rt, "%s:%d", file, st->line));
            fprintf(stderr, "%s;\n", sql);
        }
        if (s->db.drv->exec(s->db.conn, sql, e)) {
            s->failed_stmt = st;
            s->failed_rev = rev;
            char dbmsg[sizeof e->msg], dbdetail[sizeof e->detail];
            snprintf(dbmsg, sizeof dbmsg, "%s", e->msg);
            snprintf(dbdetail, sizeof dbdetail, "%s", e->detail);
            err_set(e, EXIT_DB, "%s of revision %s failed at %s:%d: %s",
                    upgrade ? "upgrade" : "downgrade", migc_string(rt->p, r->id), file, st->line,
                    dbmsg);
            /* A driver's detail says more than the statement (a check migc
               added, say). */
            if (dbdetail[0])
                err_detail(e, "%s", dbdetail);
            else
                err_detail(e, "The statement was: %.1500s", sql);
            return -1;
        }
        (*ran)++;
        if (track && *ran < sc->n &&
            bookkeeping_mark(rt, &s->db, rev, upgrade, "running", *ran, NULL, e))
            return -1;
    }
    return 0;
}

static void progress(struct rt *rt, bool upgrade, int rev, long ms)
{
    if (rt->quiet)
        return;
    const struct migc_revision *r = &rt->p->revisions[rev];
    const char *id = migc_string(rt->p, r->id);
    if (upgrade)
        fprintf(stderr, "Running upgrade %s -> %s, %s (%ld ms)\n", report_parents(rt, rev), id,
                migc_string(rt->p, r->message), ms);
    else
        fprintf(stderr, "Running downgrade %s -> %s, %s (%ld ms)\n", id,
                report_parents(rt, rev), migc_string(rt->p, r->message), ms);
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
    const char *id = migc_string(rt->p, r->id);
    const struct migc_stmt *st = &migc_script_stmts(rt->p, sc)[*from];
    const char *sql = migc_string(rt->p, st->sql), *file = migc_string(rt->p, st->file);
    struct drift_facts have = {0};
    if (s->db.drv->catalog(s->db.conn, &have, e)) {
        drift_free(&have);
        return -1;
    }
    struct resume_probe pr;
    resume_probe(rt, sql, &have, &pr);
    drift_free(&have);
    bool stopped = strcmp(f->state, "running") == 0;
    const char *dir = upgrade ? "upgrade" : "downgrade";
    const char *where = rt_printf(rt, "statement %d (%s:%d)", *from + 1, file, st->line);
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
            *from + 1, id, stopped ? " before the migrator stopped" : "", file,
            st->line);
    if (pr.partial)
        err_detail(e, "In the database, %s: only part of what the statement does is there. "
                      "The statement was: %.1500s", pr.found, sql);
    else
        err_detail(e, "migc checks the statements that create or drop an index, table, view, "
                      "column or constraint, and this is not one of them: running it again "
                      "could apply it twice. The statement was: %.1500s", sql);
    const char *done_at = upgrade       ? id
                          : r->nparents ? migc_rev_id(rt->p, migc_list(rt->p, r->parents)[0])
                                        : "base";
    err_hint(e, "Look at the database. If the statement took effect, finish the rest of "
                "revision %s by hand and record it with 'stamp %s'. If it did not, or once you "
                "have undone it by hand, run '%s' again: it runs revision %s from this "
                "statement on.", id, done_at, dir, id);
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
    const char *id = migc_string(rt->p, r->id);
    int d = s->db.drv->dialect;
    const struct migc_script *sc = upgrade ? &r->upgrade[d] : &r->downgrade[d];
    long t0 = session_now_ms();
    int ran = 0;
    if (r->transaction_none && !in_all) {
        const struct failed_row *f = bookkeeping_failed(&s->db, id);
        int from = f ? f->ran : 0;
        if (from > sc->n)
            from = sc->n;
        if (f && !rt->quiet)
            fprintf(stderr, "Resuming %s of revision %s at statement %d of %d (the %d before "
                            "it ran in an earlier run that %s)\n",
                    upgrade ? "upgrade" : "downgrade", id, from + 1, sc->n, from,
                    strcmp(f->state, "running") == 0 ? "stopped" : "failed");
        const char *redo = NULL;
        if (f && from < sc->n && recheck(rt, s, rev, sc, upgrade, f, &from, &redo, e))
            return -1;
        if (bookkeeping_mark(rt, &s->db, rev, upgrade, "running", from, NULL, e) ||
            s->db.drv->commit(s->db.conn, e) || locks_set_timeout(s, false, e))
            return -1;
        if (redo && s->db.drv->exec(s->db.conn, redo, e)) {
            char why[sizeof e->msg];
            snprintf(why, sizeof why, "%s", e->msg);
            err_set(e, EXIT_DB, "could not drop the invalid index that statement %d of "
                                "revision %s left: %s", from + 1, id, why);
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
                          "run and stay applied.%s%s", id, ran, sc->n, stmt[0] ? " " : "",
                       stmt);
            err_hint(e, "Fix the cause and run the migrator again: it resumes at statement %d "
                        "and does not run again the statements that ran. Or record by hand "
                        "where the database is with 'stamp'.", ran + 1);
            return -1;
        }
        if (s->db.drv->begin(s->db.conn, e) || bookkeeping_unmark(rt, &s->db, id, e))
            return -1;
    } else if (run_script(rt, s, rev, sc, upgrade, 0, false, &ran, e)) {
        err_hint(e, "Nothing of revision %s was %s; the database is as it was before it.",
                 id, upgrade ? "applied" : "reverted");
        return -1;
    }
    if (upgrade)
        s->applied[rev] = 1;
    else
        s->applied[rev] = 0;
    s->ncurrent = revgraph_heads_of(rt, s->applied, s->current);
    long ms = session_now_ms() - t0;
    if (bookkeeping_step(rt, &s->db, s->current, s->ncurrent, rev, upgrade, ms, e) ||
        (!in_all && s->db.drv->commit(s->db.conn, e))) {
        if (!e->hint[0] && !r->transaction_none)
            err_hint(e, "Nothing of revision %s was %s; the database is as it was "
                        "before it.", id, upgrade ? "applied" : "reverted");
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
    err_set(e, EXIT_DB, "cannot downgrade revision %s: its downgrade is irreversible",
            migc_string(rt->p, r->id));
    err_detail(e, "%s declares downgrade irreversible.", migc_string(rt->p, r->file));
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
        err_set(e, EXIT_USAGE, "this migrator was built without %s support",
                session_dialect_name(*d));
        return -1;
    }
    return 0;
}

static void print_str_list(struct rt *rt, const int *v, int n)
{
    for (int i = 0; i < n; i++)
        printf("%s'%s'", i ? ", " : "", migc_rev_id(rt->p, v[i]));
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
        revgraph_ancestors(rt, s.current[i], s.applied);
    const char *vt = rt_version_table(rt);
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
        const char *id = migc_string(rt->p, r->id), *message = migc_string(rt->p, r->message);
        if (!upgrade && check_reversible(rt, rev, e))
            return -1;
        const struct migc_script *sc = upgrade ? &r->upgrade[d] : &r->downgrade[d];
        /* Messages and file names come from the .mig sources:
           sqlscript_comment keeps each on its one comment line. */
        if (upgrade)
            sqlscript_comment(stdout, rt_printf(rt, "Running upgrade %s -> %s, %s",
                                                report_parents(rt, rev), id, message));
        else
            sqlscript_comment(stdout, rt_printf(rt, "Running downgrade %s -> %s, %s", id,
                                                report_parents(rt, rev), message));
        if (!o->all && !r->transaction_none)
            printf("BEGIN;\n\n");
        const struct migc_stmt *st = migc_script_stmts(rt->p, sc);
        for (int i = 0; i < sc->n; i++) {
            sqlscript_comment(stdout,
                              rt_printf(rt, "%s:%d", migc_string(rt->p, st[i].file), st[i].line));
            printf("%s;\n\n", migc_string(rt->p, st[i].sql));
        }
        int *old = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
        int nold = s.ncurrent;
        memcpy(old, s.current, sizeof(int) * (size_t)nold);
        s.applied[rev] = upgrade;
        s.ncurrent = revgraph_heads_of(rt, s.applied, s.current);
        if (nold) {
            printf("DELETE FROM \"%s\" WHERE version_num IN (", vt);
            print_str_list(rt, old, nold);
            printf(");\n\n");
        }
        for (int i = 0; i < s.ncurrent; i++)
            printf("INSERT INTO \"%s\" (version_num) VALUES ('%s');\n\n", vt,
                   migc_rev_id(rt->p, s.current[i]));
        printf("DELETE FROM \"%s_applied\" WHERE revision = '%s';\n\n", vt, id);
        if (upgrade)
            printf("INSERT INTO \"%s_applied\" (revision, checksum, applied_at, duration_ms, "
                   "migrator) VALUES ('%s', '%s', CURRENT_TIMESTAMP, 0, %s);\n\n",
                   vt, id, migc_string(rt->p, r->checksum),
                   bookkeeping_literal(rt, rt_migrator_label(rt)));
        if (!o->all && !r->transaction_none)
            printf("COMMIT;\n\n");
    }
    if (o->all)
        printf("COMMIT;\n\n");
    return 0;
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
        int r = revgraph_find(rt, f->revision);
        bool same = strcmp(f->direction, upgrade ? "upgrade" : "downgrade") == 0;
        if (!same) {
            report_failed(rt, f, d, "");
            err_set(e, EXIT_DB, "cannot %s while revision %s is half-%s", upgrade ? "upgrade" : "downgrade",
                    f->revision, upgrade ? "reverted" : "applied");
            err_hint(e, "Finish it first as said above, or record where the database is with "
                        "'stamp'.");
            return -1;
        }
        if (r >= 0 && set[r])
            continue;
        if (!rt->quiet)
            report_failed(rt, f, d, "warning: ");
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
    int rc = EXIT_OK, tries = 0;
again:
    for (;;) {
        /* The run's lock holds for the whole session, so the state read
           first stays true: each step keeps it up to date. */
        if (s.db.drv->begin(s.db.conn, &e) || locks_set_timeout(&s, true, &e))
            goto fail;
        if (first) {
            if (bookkeeping_ensure(rt, &s.db, &e) || session_read(rt, &s, &e) ||
                verify_checksums(rt, &s, &e))
                goto fail;
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
            if (o->rehearse)
                return rehearse_run(rt, &s, order, norder, upgrade, o);
            if (o->all) {
                for (int i = 0; i < rt->n; i++) {
                    bool todo = upgrade ? set[i] && !s.applied[i] : set[i] && s.applied[i];
                    if (todo && rt->p->revisions[i].transaction_none) {
                        err_set(&e, EXIT_DB,
                                "cannot run revision %s inside one transaction: it is "
                                "declared transaction none",
                                migc_rev_id(rt->p, i));
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
        tries = 0;
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
    if (locks_timed_out(&e)) {
        const char *holder;
        locks_explain(rt, &s, &e, &holder);
        if (tries < o->retries) {
            /* 1 s, 2 s, 4 s... up to a minute: time for the long
               transaction ahead of it to end. */
            long pause = tries < 6 ? 1000L << tries : 60000L;
            tries++;
            fprintf(stderr, "%s%s waited %s for a lock%s%s%s; trying again in %s (retry %d of "
                            "%d)\n",
                    s.failed_rev >= 0 ? "Revision " : "The migrator",
                    s.failed_rev >= 0 ? migc_rev_id(rt->p, s.failed_rev) : "",
                    s.lock_timeout_ms > 0 ? duration_format(rt, s.lock_timeout_ms) : "too long",
                    holder ? " (" : "", holder ? holder : "", holder ? ")" : "",
                    duration_format(rt, pause), tries, o->retries);
            struct timespec ts = {pause / 1000, (pause % 1000) * 1000000L};
            nanosleep(&ts, NULL);
            memset(&e, 0, sizeof e);
            s.failed_stmt = NULL;
            s.failed_rev = -1;
            first = true;
            goto again;
        }
    }
    if (upgrade && !first && e.code == EXIT_DB) {
        const char *tables = session_unrecorded_tables(rt, &s);
        if (tables) {
            char was[sizeof e.hint];
            snprintf(was, sizeof was, "%s", e.hint);
            err_hint(&e, "%s%s%s", was, was[0] ? " " : "", report_adopt_hint(rt, tables));
        }
    }
    session_close(&s);
    if (o->all && !first)
        err_hint(&e, "The whole range ran in one transaction and was rolled back; the "
                     "database is as it was before it.");
    err_print(&e);
    return e.code ? e.code : EXIT_DB;
}

int apply_upgrade(struct rt *rt, const char *target, const struct run_opts *o)
{
    return migrate(rt, target ? target : "head", true, o);
}

int apply_downgrade(struct rt *rt, const char *target, const struct run_opts *o)
{
    return migrate(rt, target, false, o);
}

/* ---- stamp ---------------------------------------------------------- */

int apply_stamp(struct rt *rt, const char *word, const struct run_opts *o)
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
        revgraph_ancestors(rt, heads[i], set);
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
        int r = revgraph_find(rt, s.db.applied[i].revision);
        if ((r < 0 || !set[r]) && bookkeeping_forget(rt, &s.db, s.db.applied[i].revision, &e))
            goto fail;
    }
    if (s.db.drv->commit(s.db.conn, &e))
        goto fail;
    if (!rt->quiet)
        fprintf(stderr, "Stamped %s -> %s%s\n",
                purged ? purged : report_ids(rt, s.current, s.ncurrent, "<base>"),
                report_ids(rt, heads, nheads, "<base>"),
                purged ? " (purged the version table first)" : "");
    session_close(&s);
    return EXIT_OK;
fail:
    return session_fail(&s, &e);
}

/* ---- repair ----------------------------------------------------------- */

/* Records this migrator's checksums for the applied revisions whose
   recorded one differs (an applied migration edited on purpose), naming
   each. Revisions with no record stay unverified. */
int apply_repair(struct rt *rt, const struct run_opts *o)
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
        const char *id = migc_string(rt->p, r->id);
        const struct applied_row *a = bookkeeping_applied(&s.db, id);
        if (!a || strcmp(a->checksum, migc_string(rt->p, r->checksum)) == 0)
            continue;
        if (bookkeeping_rechecksum(rt, &s.db, i, &e))
            goto fail;
        printf("Repaired the checksum of revision %s (%s): recorded %.12s, now %.12s\n", id,
               migc_string(rt->p, r->file), a->checksum, migc_string(rt->p, r->checksum));
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
