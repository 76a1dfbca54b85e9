/* check: whether the database is where the migrations say and its schema
   matches theirs: unknown and pending revisions, checksums, half-run
   migrations and drift. */
#include <string.h>

#include "migrator.h"

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

int verify_check(struct rt *rt, const struct run_opts *o)
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
        int r = revgraph_find(rt, s.db.rows[i]);
        if (r < 0)
            unknown[nunknown++] = s.db.rows[i];
        else
            revgraph_ancestors(rt, r, s.applied);
    }
    s.ncurrent = revgraph_heads_of(rt, s.applied, s.current);
    int *pending = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int npending = nunknown ? 0 : session_pending(rt, &s, pending);
    int *mismatch = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int nmismatch = 0;
    for (int i = 0; i < rt->n; i++) {
        const struct applied_row *a = bookkeeping_applied(&s.db, migc_rev_id(rt->p, i));
        const char *checksum = migc_string(rt->p, rt->p->revisions[i].checksum);
        if (s.applied[i] && a && strcmp(a->checksum, checksum) != 0)
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
            report_pending(rt, pending, npending);
        for (int i = 0; i < nmismatch; i++)
            fprintf(stderr, "checksum mismatch for revision %s: the applied migration differs "
                            "from %s\n",
                    migc_rev_id(rt->p, mismatch[i]),
                    migc_string(rt->p, rt->p->revisions[mismatch[i]].file));
        if (nmismatch)
            fprintf(stderr, "hint: Restore the edited migration, or, if the edit was "
                            "intended, run 'repair' to record its new checksum.\n");
        for (int i = 0; i < s.db.nfailed; i++)
            report_failed(rt, &s.db.failed[i], s.db.drv->dialect, "");
    }
    if (nunknown == 0) {
        int d = s.db.drv->dialect;
        const char **sql;
        const struct drift_exists *exists;
        const unsigned char *objs = expected_schema(rt, d, s.current, s.ncurrent);
        int n = expected_sql(rt, d, objs, &sql);
        int nexists = expected_exists(rt, d, objs, &exists);
        const char *skip[3] = {s.db.vt, s.db.at, rt_printf(rt, "%s_failed", s.db.vt)};
        if (s.db.drv->drift(s.db.conn, sql, n, exists, nexists, skip, 3, on_drift, &drift,
                            &e)) {
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
        report_json_ids(rt, &b, pending, npending);
        sb_puts(&b, ", \"checksum_mismatch\": ");
        report_json_ids(rt, &b, mismatch, nmismatch);
        sb_puts(&b, ", \"unknown\": ");
        report_json_strs(&b, unknown, nunknown);
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
               report_ids(rt, s.current, s.ncurrent, "base"));
    }
    sb_free(&drift_json);
    session_close(&s);
    return ok ? EXIT_OK : EXIT_CHECK;
}
