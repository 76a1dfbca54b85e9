/* What several commands say about revisions and the database's state:
   lists of ids (as text and as JSON), pending revisions, a half-run
   migration, the hint for a database with tables but no revision. */
#include <string.h>

#include "migrator.h"

const char *report_ids(struct rt *rt, const int *v, int n, const char *empty)
{
    if (n == 0)
        return empty;
    struct sb b = {0};
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", migc_rev_id(rt->p, v[i]));
    const char *out = rt_strdup(rt, sb_str(&b));
    sb_free(&b);
    return out;
}

const char *report_parents(struct rt *rt, int r)
{
    return report_ids(rt, rt->revs[r].parents, rt->revs[r].nparents, "<base>");
}

/* A statement on one line, cut short, for the failed-migration report. */
static const char *stmt_brief(struct rt *rt, const struct migc_stmt *st)
{
    const char *sql = migc_string(rt->p, st->sql);
    char *t = rt_printf(rt, "%s:%d: %.160s%s", migc_string(rt->p, st->file), st->line, sql,
                        strlen(sql) > 160 ? "..." : "");
    for (char *c = t; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    return t;
}

/* Says what a recorded half-run transaction none migration left: which
   statements ran, which one failed (or was running when the migrator
   stopped), and how to go on. prefix: "error: ", "warning: " or "". */
void report_failed(struct rt *rt, const struct failed_row *f, int d, const char *prefix)
{
    int r = revgraph_find(rt, f->revision);
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
    const char *parent = x->nparents ? migc_rev_id(rt->p, rt->revs[r].parents[0]) : "base";
    const struct migc_script *sc =
        strcmp(f->direction, "downgrade") == 0 ? &x->downgrade[d] : &x->upgrade[d];
    for (int i = 0; i < sc->n; i++) {
        const char *mark = i < f->ran                   ? "ran:    "
                           : i == f->ran && interrupted ? "running (may have run): "
                           : i == f->ran                ? "failed: "
                                                        : "not run: ";
        fprintf(stderr, "  %s%s\n", mark, stmt_brief(rt, &migc_script_stmts(rt->p, sc)[i]));
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
            up ? f->revision : parent, up ? parent : f->revision);
}

void report_json_ids(struct rt *rt, struct sb *b, const int *v, int n)
{
    sb_puts(b, "[");
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(b, ", ");
        sb_json(b, migc_rev_id(rt->p, v[i]));
    }
    sb_puts(b, "]");
}

void report_json_strs(struct sb *b, const char *const *v, int n)
{
    sb_puts(b, "[");
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(b, ", ");
        sb_json(b, v[i]);
    }
    sb_puts(b, "]");
}

void report_pending(struct rt *rt, const int *pending, int npending)
{
    fprintf(stderr, "Target database is not up to date: %d revision%s pending: %s\n", npending,
            npending == 1 ? "" : "s", report_ids(rt, pending, npending, ""));
    fprintf(stderr, "hint: Run 'upgrade head' (or 'upgrade heads' on a branched history) to "
                    "apply them.\n");
}

/* The hint for a database that has tables but no revision recorded. */
const char *report_adopt_hint(struct rt *rt, const char *tables)
{
    return rt_printf(rt, "The database has no revision recorded but holds tables (%s): if "
                         "they are this project's schema, made by hand or by another tool, "
                         "adopt them with 'stamp REV' at the revision they match, then run "
                         "'upgrade'.", tables);
}
