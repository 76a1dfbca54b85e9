/* upgrade --rehearse and downgrade --rehearse: the range runs for real,
   in one transaction that is rolled back at the end, so that a failing
   migration, a slow one or one that locks a busy table shows on a copy of
   production before the real run. Each migration runs under a savepoint:
   one that fails is rolled back to it, and the revisions that build on
   it are not run, while those on other branches still are. Nothing is
   committed and the version tables are not written (nor created, in the
   end). The run's lock is taken as for a real run, and the migrations'
   own locks are held until the rollback: on PostgreSQL every relation a
   migration locked stays locked for the rest of the rehearsal; on SQLite
   the whole file is locked for writing. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"
#include "sqlscript.h"

enum outcome { R_RAN, R_FAILED, R_NOT_RUN, R_SKIPPED };

static const char *const outcome_word[] = {"ran", "failed", "not run", "skipped"};

struct item {
    int rev;
    enum outcome outcome;
    long ms;
    long rows;                 /* -1: not known */
    struct lock_held *locks;   /* those it took that the rehearsal did not hold yet */
    bool *created;             /* per lock: on a relation the rehearsal created */
    int nlocks;
    const struct migc_stmt *stmt;      /* R_FAILED: the failing statement, if any */
    const char *error;         /* R_FAILED: the database's message */
    int needs;                 /* R_NOT_RUN: the failed revision it builds on */
};

/* Rows written, per table, so far in the transaction. */
struct counts {
    struct rt *rt;
    char **rel;
    long *n;
    int len, cap;
};

static int on_count(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct counts *c = ctx;
    if (c->len == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        char **rel = rt_alloc(c->rt, sizeof *rel * (size_t)c->cap);
        long *n = rt_alloc(c->rt, sizeof *n * (size_t)c->cap);
        if (c->len) {
            memcpy(rel, c->rel, sizeof *rel * (size_t)c->len);
            memcpy(n, c->n, sizeof *n * (size_t)c->len);
        }
        c->rel = rel;
        c->n = n;
    }
    c->rel[c->len] = rt_strdup(c->rt, v[0] ? v[0] : "");
    c->n[c->len++] = v[1] ? atol(v[1]) : 0;
    return 0;
}

/* PostgreSQL counts each table's writes of the open transaction
   (pg_stat_xact_user_tables, by table: one dropped since drops out);
   SQLite, the connection's (total_changes()). migc's own tables are left
   out. */
static int count_rows(struct rt *rt, struct session *s, struct counts *c, struct migc_err *e)
{
    memset(c, 0, sizeof *c);
    c->rt = rt;
    const char *vt = s->db.vt;
    if (s->db.drv->dialect == MIGC_POSTGRES)
        return s->db.drv->query(s->db.conn,
                                "SELECT relid::text, (n_tup_ins + n_tup_upd + n_tup_del)::text "
                                "FROM pg_catalog.pg_stat_xact_user_tables "
                                "WHERE left(relname, length(?1)) <> ?1",
                                &vt, 1, on_count, c, e);
    return s->db.drv->query(s->db.conn, "SELECT '', total_changes()", NULL, 0, on_count, c, e);
}

static long rows_between(const struct counts *before, const struct counts *after)
{
    long rows = 0;
    for (int i = 0; i < after->len; i++) {
        long was = 0;
        for (int j = 0; j < before->len; j++)
            if (strcmp(before->rel[j], after->rel[i]) == 0)
                was = before->n[j];
        rows += after->n[i] - was;
    }
    return rows < 0 ? 0 : rows;
}

/* The relations that existed when the rehearsal began: a lock on one
   the rehearsal created blocks no one in the real run. */
struct existing {
    struct lock_held *v;       /* sorted by oid, as bytes */
    int n;
};

static int cmp_oid(const void *a, const void *b)
{
    return strcmp(((const struct lock_held *)a)->oid, ((const struct lock_held *)b)->oid);
}

/* The locks held after that were not held, in that mode, before. */
static void new_locks(struct rt *rt, const struct existing *x, const struct lock_held *before,
                      int nbefore, const struct lock_held *after, int nafter, struct item *it)
{
    it->locks = rt_alloc(rt, sizeof *it->locks * (size_t)(nafter + 1));
    it->created = rt_alloc(rt, sizeof *it->created * (size_t)(nafter + 1));
    for (int i = 0; i < nafter; i++) {
        bool held = false;
        for (int j = 0; j < nbefore && !held; j++)
            held = strcmp(before[j].oid, after[i].oid) == 0 &&
                   strcmp(before[j].mode, after[i].mode) == 0;
        if (held)
            continue;
        struct lock_held key = {.oid = after[i].oid};
        const struct lock_held *was =
            x->n ? bsearch(&key, x->v, (size_t)x->n, sizeof *x->v, cmp_oid) : NULL;
        /* Dropped since: named as it was; one the rehearsal created too,
           or an index, is left out. */
        if (!after[i].relation && !was)
            continue;
        it->created[it->nlocks] = !was;
        it->locks[it->nlocks] = after[i];
        if (!after[i].relation)
            it->locks[it->nlocks].relation = was->relation;
        it->nlocks++;
    }
}

static const char *locks_text(struct rt *rt, const struct item *it)
{
    struct sb b = {0};
    for (int i = 0; i < it->nlocks; i++)
        sb_printf(&b, "%s%s on %s%s", i ? ", " : "", it->locks[i].mode, it->locks[i].relation,
                  it->created[i] ? " (new)" : "");
    const char *out = rt_strdup(rt, it->nlocks ? sb_str(&b) : "");
    sb_free(&b);
    return out;
}

/* Ends the rehearsal when its transaction is gone (a lost connection, or
   a migration that committed or rolled back by itself). */
static int savepoint(struct session *s, const char *verb, struct migc_err *e)
{
    char sql[64];
    snprintf(sql, sizeof sql, "%s migc_rehearsal", verb);
    return s->db.drv->exec(s->db.conn, sql, e);
}

/* Runs one revision's script under a savepoint; fills it. Returns -1 only
   when the rehearsal cannot go on (e says why). */
static int rehearse_one(struct rt *rt, struct session *s, const struct existing *x,
                        struct item *it, bool upgrade, struct migc_err *e)
{
    const struct migc_revision *r = &rt->p->revisions[it->rev];
    int d = s->db.drv->dialect;
    const struct migc_script *sc = upgrade ? &r->upgrade[d] : &r->downgrade[d];
    struct lock_held *lb = NULL, *la = NULL;
    int nlb = 0, nla = 0;
    struct counts cb, ca;
    it->rows = -1;
    if (locks_held(rt, s, &lb, &nlb, e) || count_rows(rt, s, &cb, e) ||
        savepoint(s, "SAVEPOINT", e))
        return -1;
    long t0 = session_now_ms();
    struct migc_err se = {0};
    for (int i = 0; i < sc->n; i++) {
        const struct migc_stmt *st = &migc_script_stmts(rt->p, sc)[i];
        if (rt->verbose) {
            sqlscript_comment(stderr,
                              rt_printf(rt, "%s:%d", migc_string(rt->p, st->file), st->line));
            fprintf(stderr, "%s;\n", migc_string(rt->p, st->sql));
        }
        if (s->db.drv->exec(s->db.conn, migc_string(rt->p, st->sql), &se)) {
            it->outcome = R_FAILED;
            it->stmt = st;
            it->error = se.detail[0] ? rt_printf(rt, "%s (%s)", se.msg, se.detail)
                                     : rt_strdup(rt, se.msg);
            break;
        }
    }
    it->ms = session_now_ms() - t0;
    if (it->outcome == R_FAILED) {
        if (savepoint(s, "ROLLBACK TO SAVEPOINT", e) || savepoint(s, "RELEASE SAVEPOINT", e))
            return -1;
        if (locks_timed_out(&se)) {
            const char *holder;
            s->failed_stmt = it->stmt;
            locks_explain(rt, s, &se, &holder);
            it->error = rt_strdup(rt, se.msg);
        }
        return 0;
    }
    /* A migration that ended the transaction itself took the savepoint
       with it: what ran before the end is committed. */
    if (savepoint(s, "RELEASE SAVEPOINT", e)) {
        char why[sizeof e->msg];
        snprintf(why, sizeof why, "%s", e->msg);
        err_set(e, EXIT_DB, "revision %s ended the rehearsal's transaction: %s",
                migc_string(rt->p, r->id), why);
        err_detail(e, "A statement of its %s commits or rolls back by itself, so what it and "
                      "the revisions before it did may have been committed.",
                   upgrade ? "upgrade" : "downgrade");
        err_hint(e, "Look at the database. Take the COMMIT or ROLLBACK out of %s.",
                 migc_string(rt->p, r->file));
        return -1;
    }
    if (locks_held(rt, s, &la, &nla, e) || count_rows(rt, s, &ca, e))
        return -1;
    new_locks(rt, x, lb, nlb, la, nla, it);
    it->rows = rows_between(&cb, &ca);
    return 0;
}

static void print_item(struct rt *rt, const struct item *it, bool postgres)
{
    const struct migc_revision *r = &rt->p->revisions[it->rev];
    const char *id = migc_string(rt->p, r->id), *message = migc_string(rt->p, r->message);
    switch (it->outcome) {
    case R_RAN:
        printf("  %s %s: ran in %ld ms, %ld row%s written\n", id, message, it->ms,
               it->rows, it->rows == 1 ? "" : "s");
        if (postgres)
            printf("    locks: %s\n", it->nlocks ? locks_text(rt, it) : "none it did not hold already");
        break;
    case R_FAILED:
        if (it->stmt)
            printf("  %s %s: failed after %ld ms at %s:%d: %s\n", id, message, it->ms,
                   migc_string(rt->p, it->stmt->file), it->stmt->line, it->error);
        else
            printf("  %s %s: failed: %s\n", id, message, it->error);
        break;
    case R_NOT_RUN:
        printf("  %s %s: not run: it builds on %s, which failed\n", id, message,
               migc_rev_id(rt->p, it->needs));
        break;
    case R_SKIPPED:
        printf("  %s %s: skipped: it is declared transaction none\n", id, message);
        break;
    }
    fflush(stdout);
}

static void print_json(struct rt *rt, const struct session *s, const struct item *v, int n,
                       bool upgrade, long total_ms, const int *count)
{
    bool postgres = s->db.drv->dialect == MIGC_POSTGRES;
    struct sb b = {0};
    sb_printf(&b, "{\"rehearsal\": true, \"command\": \"%s\", \"dialect\": \"%s\", "
                  "\"ok\": %s, \"duration_ms\": %ld, \"ran\": %d, \"failed\": %d, "
                  "\"not_run\": %d, \"skipped\": %d, \"migrations\": [",
              upgrade ? "upgrade" : "downgrade", session_dialect_name(s->db.drv->dialect),
              count[R_FAILED] ? "false" : "true", total_ms, count[R_RAN], count[R_FAILED],
              count[R_NOT_RUN], count[R_SKIPPED]);
    for (int i = 0; i < n; i++) {
        const struct item *it = &v[i];
        const struct migc_revision *r = &rt->p->revisions[it->rev];
        sb_puts(&b, i ? ", {\"revision\": " : "{\"revision\": ");
        sb_json(&b, migc_string(rt->p, r->id));
        sb_puts(&b, ", \"message\": ");
        sb_json(&b, migc_string(rt->p, r->message));
        sb_puts(&b, ", \"file\": ");
        sb_json(&b, migc_string(rt->p, r->file));
        sb_printf(&b, ", \"status\": \"%s\"", outcome_word[it->outcome]);
        if (it->outcome == R_RAN || it->outcome == R_FAILED)
            sb_printf(&b, ", \"duration_ms\": %ld", it->ms);
        if (it->outcome == R_RAN) {
            sb_printf(&b, ", \"rows_written\": %ld, \"locks\": ", it->rows);
            if (!postgres) {
                sb_puts(&b, "null");
            } else {
                sb_puts(&b, "[");
                for (int k = 0; k < it->nlocks; k++) {
                    sb_puts(&b, k ? ", {\"relation\": " : "{\"relation\": ");
                    sb_json(&b, it->locks[k].relation);
                    sb_puts(&b, ", \"mode\": ");
                    sb_json(&b, it->locks[k].mode);
                    sb_printf(&b, ", \"new\": %s}", it->created[k] ? "true" : "false");
                }
                sb_puts(&b, "]");
            }
        }
        if (it->outcome == R_FAILED) {
            sb_puts(&b, ", \"error\": {\"file\": ");
            sb_json(&b, migc_string(rt->p, it->stmt ? it->stmt->file : r->file));
            if (it->stmt)
                sb_printf(&b, ", \"line\": %d", it->stmt->line);
            sb_puts(&b, ", \"message\": ");
            sb_json(&b, it->error);
            sb_puts(&b, "}");
        }
        if (it->outcome == R_NOT_RUN) {
            sb_puts(&b, ", \"needs\": ");
            sb_json(&b, migc_rev_id(rt->p, it->needs));
        }
        sb_puts(&b, "}");
    }
    sb_puts(&b, "]}\n");
    fputs(sb_str(&b), stdout);
    sb_free(&b);
}

/* Refuses a range holding transaction none migrations, which cannot run
   inside the rehearsal's transaction, naming them. */
static int refuse_nontransactional(struct rt *rt, const struct item *v, int n, bool upgrade,
                                   struct migc_err *e)
{
    struct sb b = {0};
    int k = 0;
    for (int i = 0; i < n; i++)
        if (rt->p->revisions[v[i].rev].transaction_none)
            sb_printf(&b, "%s%s", k++ ? ", " : "", migc_rev_id(rt->p, v[i].rev));
    if (k)
        err_set(e, EXIT_DB, "cannot rehearse the %s: revision%s %s %s declared transaction none",
                upgrade ? "upgrade" : "downgrade", k == 1 ? "" : "s", sb_str(&b),
                k == 1 ? "is" : "are");
    sb_free(&b);
    if (!k)
        return 0;
    err_detail(e, "A transaction none migration runs outside a transaction, so it cannot be "
                  "rolled back at the end of a rehearsal.");
    err_hint(e, "Add --skip-nontransactional to rehearse the rest of the range without %s.",
             k == 1 ? "it" : "them");
    return -1;
}

int rehearse_run(struct rt *rt, struct session *s, const int *order, int norder, bool upgrade,
                 const struct run_opts *o)
{
    struct migc_err e = {0};
    struct item *v = rt_alloc(rt, sizeof *v * (size_t)(norder + 1));
    int n = 0;
    for (int k = 0; k < norder; k++)
        if (upgrade != (s->applied[order[k]] != 0))
            v[n++].rev = order[k];
    if (!o->skip_nontransactional && refuse_nontransactional(rt, v, n, upgrade, &e))
        return session_fail(s, &e);
    bool postgres = s->db.drv->dialect == MIGC_POSTGRES;
    struct existing x;
    if (locks_relations(rt, s, &x.v, &x.n, &e))
        return session_fail(s, &e);
    if (!o->json)
        printf("Rehearsing the %s of %d revision%s from %s, in one transaction rolled back at "
               "the end\n",
               upgrade ? "upgrade" : "downgrade", n, n == 1 ? "" : "s",
               report_ids(rt, s->current, s->ncurrent, "<base>"));
    int count[4] = {0};
    long t0 = session_now_ms();
    for (int i = 0; i < n; i++) {
        struct item *it = &v[i];
        const struct migc_revision *r = &rt->p->revisions[it->rev];
        it->needs = -1;
        for (int j = 0; j < i && it->needs < 0; j++)
            if (v[j].outcome == R_FAILED &&
                (upgrade ? revgraph_is_ancestor(rt, v[j].rev, it->rev)
                         : revgraph_is_ancestor(rt, it->rev, v[j].rev)))
                it->needs = v[j].rev;
        if (it->needs >= 0) {
            it->outcome = R_NOT_RUN;
        } else if (r->transaction_none) {
            it->outcome = R_SKIPPED;
        } else if (!upgrade && r->irreversible) {
            it->outcome = R_FAILED;
            it->error = "its downgrade is irreversible";
        } else if (rehearse_one(rt, s, &x, it, upgrade, &e)) {
            return session_fail(s, &e);
        }
        count[it->outcome]++;
        if (!o->json)
            print_item(rt, it, postgres);
    }
    long total = session_now_ms() - t0;
    s->db.drv->rollback(s->db.conn);
    session_close(s);
    if (o->json) {
        print_json(rt, s, v, n, upgrade, total, count);
    } else {
        printf("\nRehearsal: %d of %d revision%s ran, %d failed, %d not run, %d skipped; "
               "%ld ms; rolled back, nothing was committed\n",
               count[R_RAN], n, n == 1 ? "" : "s", count[R_FAILED], count[R_NOT_RUN],
               count[R_SKIPPED], total);
        for (int i = 0; i < n; i++) {
            const struct item *it = &v[i];
            printf("  %-12s %-8s", migc_rev_id(rt->p, it->rev), outcome_word[it->outcome]);
            if (it->outcome == R_RAN || (it->outcome == R_FAILED && it->stmt))
                printf(" %6ld ms", it->ms);
            if (it->outcome == R_RAN && it->nlocks)
                printf("  %s", locks_text(rt, it));
            if (it->outcome == R_FAILED && it->stmt)
                printf("  %s:%d", migc_string(rt->p, it->stmt->file), it->stmt->line);
            printf("\n");
        }
    }
    fflush(stdout);
    for (int i = 0; i < n; i++)
        if (v[i].outcome == R_FAILED) {
            const struct migc_revision *r = &rt->p->revisions[v[i].rev];
            if (v[i].stmt)
                fprintf(stderr, "%s:%d: error: the rehearsed %s of revision %s failed: %s\n",
                        migc_string(rt->p, v[i].stmt->file), v[i].stmt->line,
                        upgrade ? "upgrade" : "downgrade",
                        migc_string(rt->p, r->id), v[i].error);
            else
                fprintf(stderr, "error: the rehearsed downgrade of revision %s failed: %s\n",
                        migc_string(rt->p, r->id), v[i].error);
        }
    return count[R_FAILED] ? EXIT_DB : EXIT_OK;
}
