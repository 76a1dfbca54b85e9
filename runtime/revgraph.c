/* The revision graph: the static graph of revises and depends on, and
   target resolution against it with Alembic's rules: head, heads, base,
   an id or unique prefix, +N/-N from the current revision, REV+N/REV-N,
   LABEL@head, LABEL@base, LABEL@+N/LABEL@-N. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"


int revgraph_find(const struct rt *rt, const char *id)
{
    int lo = 0, hi = rt->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(migc_rev_id(rt->p, rt->by_id[mid]), id);
        if (c == 0)
            return rt->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Checks one list of indexes against revision r: each must name a
   revision before r (topological order). */
static int check_links(const struct rt *rt, int r, const int *v, int n, const char *what,
                       struct migc_err *e)
{
    for (int j = 0; j < n; j++)
        if (v[j] < 0 || v[j] >= r) {
            err_set(e, EXIT_DB,
                    "revision \"%s\" %s revision index %d, which is not before it in this "
                    "migrator's data",
                    migc_rev_id(rt->p, r), what, v[j]);
            return -1;
        }
    return 0;
}

/* Points each revision's children (or dependents) into one shared array:
   count[i] entries for revision i, filled from the links of later ones.
   One allocation instead of one per revision keeps start-up linear and
   cheap for projects of thousands of revisions. */
static void link_back(struct rt *rt, const int *count, bool deps)
{
    int n = rt->n, total = 0;
    for (int i = 0; i < n; i++)
        total += count[i];
    int *all = rt_alloc(rt, sizeof(int) * (size_t)(total + 1));
    int at = 0;
    for (int i = 0; i < n; i++) {
        if (deps)
            rt->revs[i].dependents = all + at;
        else
            rt->revs[i].children = all + at;
        at += count[i];
    }
    for (int i = 0; i < n; i++) {
        const struct rt_rev *x = &rt->revs[i];
        const int *v = deps ? x->deps : x->parents;
        int m = deps ? x->ndeps : x->nparents;
        for (int j = 0; j < m; j++) {
            struct rt_rev *to = &rt->revs[v[j]];
            if (deps)
                to->dependents[to->ndependents++] = i;
            else
                to->children[to->nchildren++] = i;
        }
    }
}

int revgraph_init(struct rt *rt, struct migc_err *e)
{
    const struct migc_project *p = rt->p;
    int n = rt->n = p->nrevisions;
    rt->revs = rt_alloc(rt, sizeof *rt->revs * (size_t)(n + 1));
    rt->by_id = p->by_id;
    /* migc generates sound data; a hand-edited or mismatched one must stop
       with a message rather than read out of bounds. */
    if (n > 0 && !p->by_id) {
        err_set(e, EXIT_DB, "this migrator's data has no index of revisions by id");
        return -1;
    }
    int *count = rt_alloc(rt, sizeof(int) * (size_t)(2 * n + 1));
    int *nch = count, *ndep = count + n;
    for (int k = 0; k < n; k++) {
        int x = p->by_id[k];
        if (x < 0 || x >= n || nch[x] ||
            (k > 0 && strcmp(migc_rev_id(p, p->by_id[k - 1]), migc_rev_id(p, x)) >= 0)) {
            err_set(e, EXIT_DB, "this migrator's index of revisions by id is out of order at %d",
                    k);
            return -1;
        }
        nch[x] = 1;
    }
    memset(nch, 0, sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) {
        const struct migc_revision *r = &p->revisions[i];
        struct rt_rev *x = &rt->revs[i];
        x->parents = migc_list(p, r->parents);
        x->nparents = r->nparents;
        x->deps = migc_list(p, r->deps);
        x->ndeps = r->ndeps;
        if (check_links(rt, i, x->parents, r->nparents, "revises", e) ||
            check_links(rt, i, x->deps, r->ndeps, "depends on", e))
            return -1;
        for (int j = 0; j < x->nparents; j++)
            nch[x->parents[j]]++;
        for (int j = 0; j < x->ndeps; j++)
            ndep[x->deps[j]]++;
    }
    link_back(rt, nch, false);
    link_back(rt, ndep, true);
    rt->heads = rt_alloc(rt, sizeof(int) * (size_t)(n + 1));
    rt->bases = rt_alloc(rt, sizeof(int) * (size_t)(n + 1));
    for (int k = 0; k < n; k++) {
        int i = rt->by_id[k];
        if (rt->revs[i].nchildren == 0)
            rt->heads[rt->nheads++] = i;
        if (rt->revs[i].nparents == 0)
            rt->bases[rt->nbases++] = i;
    }
    return 0;
}

void revgraph_reach(const struct rt *rt, int r, bool deps, unsigned char *set)
{
    /* Parents come before children in topological order, so one
       backward sweep from r marks everything r reaches. */
    set[r] = 1;
    for (int i = r; i >= 0; i--) {
        if (!set[i])
            continue;
        const struct rt_rev *x = &rt->revs[i];
        for (int j = 0; j < x->nparents; j++)
            set[x->parents[j]] = 1;
        for (int j = 0; deps && j < x->ndeps; j++)
            set[x->deps[j]] = 1;
    }
}

void revgraph_ancestors(const struct rt *rt, int r, unsigned char *set)
{
    revgraph_reach(rt, r, true, set);
}

bool revgraph_is_ancestor(const struct rt *rt, int anc, int r)
{
    if (anc == r)
        return true;
    if (anc > r)
        return false;
    unsigned char *set = calloc((size_t)rt->n, 1);
    if (!set)
        abort();
    revgraph_ancestors(rt, r, set);
    bool yes = set[anc];
    free(set);
    return yes;
}

int revgraph_heads_of(const struct rt *rt, const unsigned char *set, int *out)
{
    unsigned char *reached = calloc((size_t)rt->n + 1, 1);
    if (!reached)
        abort();
    for (int i = 0; i < rt->n; i++) {
        if (!set[i])
            continue;
        const struct rt_rev *x = &rt->revs[i];
        for (int j = 0; j < x->nparents; j++)
            reached[x->parents[j]] = 1;
        for (int j = 0; j < x->ndeps; j++)
            reached[x->deps[j]] = 1;
    }
    int k = 0;
    for (int i = 0; i < rt->n; i++)
        if (set[i] && !reached[i])
            out[k++] = i;
    free(reached);
    return k;
}

int revgraph_find_label(const struct rt *rt, const char *label)
{
    for (int i = 0; i < rt->n; i++) {
        const struct migc_revision *x = &rt->p->revisions[i];
        for (int j = 0; j < x->nlabels; j++)
            if (strcmp(migc_string(rt->p, migc_list(rt->p, x->labels)[j]), label) == 0)
                return i;
    }
    return -1;
}

const char *const *revgraph_labels(struct rt *rt, int r)
{
    const struct migc_revision *x = &rt->p->revisions[r];
    const char **v = rt_alloc(rt, sizeof *v * (size_t)(x->nlabels + 1));
    for (int j = 0; j < x->nlabels; j++)
        v[j] = migc_string(rt->p, migc_list(rt->p, x->labels)[j]);
    return v;
}
