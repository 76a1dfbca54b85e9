/* The commands that read: current, history, heads, branches, show and
   schema. Data goes to stdout, warnings to stderr; the graph commands
   mark the database's state when one is reachable. */
#include <string.h>

#include "migrator.h"
#include "sqlscript.h"

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
        printf(" (%s)", migc_string(rt->p, migc_list(rt->p, x->labels)[i]));
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
        printf(" (depends on %s)", report_ids(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
}

static void print_verbose(struct rt *rt, const struct session *s, int r)
{
    const struct migc_revision *x = &rt->p->revisions[r];
    const char *id = migc_string(rt->p, x->id);
    printf("Rev: %s", id);
    print_flags(rt, s, r);
    printf("\n");
    printf(x->nparents > 1 ? "Merges: %s\n" : "Parent: %s\n", report_parents(rt, r));
    if (rt->revs[r].nchildren > 1)
        printf("Branches into: %s\n",
               report_ids(rt, rt->revs[r].children, rt->revs[r].nchildren, ""));
    if (x->ndeps)
        printf("Depends on: %s\n", report_ids(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
    if (x->nlabels) {
        printf("Branch names:");
        for (int i = 0; i < x->nlabels; i++)
            printf(" %s", migc_string(rt->p, migc_list(rt->p, x->labels)[i]));
        printf("\n");
    }
    printf("Path: %s\n", migc_string(rt->p, x->file));
    if (s) {
        const struct applied_row *a = bookkeeping_applied(&s->db, id);
        if (!s->applied[r])
            printf("State: pending\n");
        else if (a)
            printf("State: applied %s (%ld ms)%s\n", a->applied_at, a->duration_ms,
                   strcmp(a->checksum, migc_string(rt->p, x->checksum)) ? ", checksum mismatch"
                                                                        : "");
        else
            printf("State: applied (unverified: no record of it being applied)\n");
    }
    const char *created = migc_string_or_null(rt->p, x->created);
    if (created)
        printf("Created: %s\n", created);
    printf("\n    %s\n\n", migc_string(rt->p, x->message));
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

int inspect_current(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    /* Only --verbose shows when each revision was applied. */
    if (open_and_read(rt, o, rt->verbose, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    int *pending = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int npending = session_pending(rt, &s, pending);
    if (o->json) {
        struct sb b = {0};
        sb_puts(&b, "{\"current\": ");
        report_json_ids(rt, &b, s.current, s.ncurrent);
        sb_puts(&b, ", \"heads\": ");
        report_json_ids(rt, &b, rt->heads, rt->nheads);
        sb_puts(&b, ", \"pending\": ");
        report_json_ids(rt, &b, pending, npending);
        sb_puts(&b, "}\n");
        fputs(sb_str(&b), stdout);
        sb_free(&b);
    } else if (rt->verbose) {
        printf("Current revision(s) for %s:\n", dburl_display(rt, s.url.url));
        for (int i = 0; i < s.ncurrent; i++)
            print_verbose(rt, &s, s.current[i]);
        if (npending)
            report_pending(rt, pending, npending);
    } else {
        for (int i = 0; i < s.ncurrent; i++) {
            printf("%s%s", migc_rev_id(rt->p, s.current[i]),
                   is_head(rt, s.current[i]) ? " (head)" : "");
            print_deps(rt, s.current[i]);
            printf("\n");
        }
    }
    for (int i = 0; i < s.db.nfailed; i++)
        report_failed(rt, &s.db.failed[i], s.db.drv->dialect, "warning: ");
    const char *tables = rt->quiet || s.db.nfailed ? NULL : session_unrecorded_tables(rt, &s);
    if (tables)
        fprintf(stderr, "hint: %s\n", report_adopt_hint(rt, tables));
    session_close(&s);
    return EXIT_OK;
}

/* Newest first: reverse topological order (the data's order already
   breaks ties by created, then id). */
int inspect_history(struct rt *rt, const struct run_opts *o)
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
    if (o->graph) {
        history_graph_print(rt, show, sp ? sp->current : NULL, sp ? sp->ncurrent : 0,
                            sp ? sp->applied : NULL, o->graph_format);
        if (sp)
            session_close(sp);
        return EXIT_OK;
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
            const struct applied_row *a =
                sp ? bookkeeping_applied(&sp->db, migc_string(rt->p, x->id)) : NULL;
            const char *state = !sp ? "pending"
                                : is_current(sp, r) ? "current"
                                : sp->applied[r]    ? "applied"
                                                    : "pending";
            sb_puts(&b, firstj ? "\n  " : ",\n  ");
            firstj = false;
            sb_puts(&b, "{\"revision\": ");
            sb_json(&b, migc_string(rt->p, x->id));
            sb_puts(&b, ", \"parents\": ");
            report_json_ids(rt, &b, rt->revs[r].parents, x->nparents);
            sb_puts(&b, ", \"depends_on\": ");
            report_json_ids(rt, &b, rt->revs[r].deps, x->ndeps);
            sb_puts(&b, ", \"branches\": ");
            report_json_strs(&b, revgraph_labels(rt, r), x->nlabels);
            sb_puts(&b, ", \"message\": ");
            sb_json(&b, migc_string(rt->p, x->message));
            sb_puts(&b, ", \"created\": ");
            sb_json(&b, migc_string_or_null(rt->p, x->created));
            sb_puts(&b, ", \"file\": ");
            sb_json(&b, migc_string(rt->p, x->file));
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
            printf("%s", report_parents(rt, r));
            if (x->ndeps)
                printf(" (%s)", report_ids(rt, rt->revs[r].deps, rt->revs[r].ndeps, ""));
            printf(" -> %s", migc_string(rt->p, x->id));
            print_flags(rt, sp, r);
            printf(", %s\n", migc_string(rt->p, x->message));
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

int inspect_heads(struct rt *rt, const struct run_opts *o)
{
    if (o->json) {
        struct sb b = {0};
        sb_puts(&b, "{\"heads\": ");
        report_json_ids(rt, &b, rt->heads, rt->nheads);
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
        printf("%s", migc_rev_id(rt->p, rt->heads[i]));
        print_flags(rt, NULL, rt->heads[i]);
        print_deps(rt, rt->heads[i]);
        printf("\n");
    }
    return EXIT_OK;
}

int inspect_branches(struct rt *rt, const struct run_opts *o)
{
    (void)o;
    for (int r = 0; r < rt->n; r++) {
        if (rt->revs[r].nchildren < 2)
            continue;
        const struct migc_revision *x = &rt->p->revisions[r];
        printf("%s (branchpoint), %s\n", migc_string(rt->p, x->id), migc_string(rt->p, x->message));
        for (int i = 0; i < rt->revs[r].nchildren; i++) {
            int c = rt->revs[r].children[i];
            printf("    -> %s", migc_rev_id(rt->p, c));
            print_flags(rt, NULL, c);
            print_deps(rt, c);
            printf(", %s\n", migc_string(rt->p, rt->p->revisions[c].message));
        }
    }
    return EXIT_OK;
}

int inspect_show(struct rt *rt, const char *word, const struct run_opts *o)
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

int inspect_schema(struct rt *rt, const struct run_opts *o)
{
    struct migc_err e = {0};
    struct session s;
    if (open_and_read(rt, o, false, &s, &e)) {
        err_print(&e);
        return e.code;
    }
    int d = s.db.drv->dialect;
    const char **sql;
    const unsigned char *objs = expected_schema(rt, d, s.current, s.ncurrent);
    int n = expected_sql(rt, d, objs, &sql);
    for (int i = 0; i < n; i++)
        printf("%s;\n\n", sql[i]);
    /* What sql blocks created: known by name only. */
    const struct drift_exists *x;
    int nx = expected_exists(rt, d, objs, &x);
    for (int i = 0; i < nx; i++)
        sqlscript_comment(stdout, rt_printf(rt, "%s %s%s%s: compared by existence only", x[i].kind,
                                            x[i].name, x[i].table ? " on " : "",
                                            x[i].table ? x[i].table : ""));
    session_close(&s);
    return EXIT_OK;
}
