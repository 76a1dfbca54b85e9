/* The project's graph handed to the migrator's planner: the graph
   description a migrator is generated with (struct migc_project's ids,
   parents, dependencies, labels and index by id), built here from struct
   graph, and the same plan_offline a migrator's --sql calls. */
#include <string.h>

#include "migrator.h"
#include "range_plan.h"

/* The revisions' ids and labels in one string table and their parents,
   dependencies and labels in one list, as migc emit-c lays them out. */
struct layout {
    char *strings;
    int nstrings;
    int *lists;
    int nlists;
};

static int put_string(struct layout *l, const char *s)
{
    int at = l->nstrings;
    size_t n = strlen(s) + 1;
    memcpy(l->strings + at, s, n);
    l->nstrings += (int)n;
    return at;
}

static int put_revs(struct layout *l, struct revision *const *v, int n)
{
    int at = l->nlists;
    for (int i = 0; i < n; i++)
        l->lists[l->nlists++] = v[i]->topo;
    return at;
}

/* One direction; 0, or -1 with e filled. */
static int plan_one(struct rt *rt, const char *range, bool upgrade, int *order, int *norder,
                    struct migc_err *e)
{
    int *cur = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1)), ncur;
    memset(e, 0, sizeof *e);
    return plan_offline(rt, range, upgrade, cur, &ncur, order, norder, e);
}

/* A relative TO that counts down (-N, LABEL@-N, REV-N): the downgrade's
   refusal is the one that speaks to it. */
static bool counts_down(const char *to)
{
    const char *minus = strrchr(to, '-');
    return minus && minus[1] && strspn(minus + 1, "0123456789") == strlen(minus + 1);
}

bool range_plan_make(struct arena *a, const struct graph *g, const char *range,
                     struct range_plan *p)
{
    int n = g->nrevs;
    size_t nbytes = 1;
    int nints = n;
    for (int i = 0; i < n; i++) {
        const struct revision *r = g->revs[i];
        nbytes += strlen(r->id) + 1;
        for (int j = 0; j < r->nlabels; j++)
            nbytes += strlen(r->labels[j]) + 1;
        nints += r->nparents + r->ndeps + r->nlabels;
    }
    /* Offset 0 is the table's "none". */
    struct layout l = {arena_alloc(a, nbytes), 1, arena_alloc(a, sizeof(int) * (size_t)(nints + 1)),
                       0};
    struct migc_revision *revs = arena_alloc(a, sizeof *revs * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        const struct revision *r = g->revs[i];
        revs[i].id = put_string(&l, r->id);
        revs[i].parents = put_revs(&l, r->parents, r->nparents);
        revs[i].nparents = r->nparents;
        revs[i].deps = put_revs(&l, r->deps, r->ndeps);
        revs[i].ndeps = r->ndeps;
        revs[i].labels = l.nlists;
        for (int j = 0; j < r->nlabels; j++)
            l.lists[l.nlists++] = put_string(&l, r->labels[j]);
        revs[i].nlabels = r->nlabels;
    }
    int by_id = put_revs(&l, g->by_id, n);
    struct migc_project proj = {.strings = l.strings, .lists = l.lists, .revisions = revs,
                                .nrevisions = n, .by_id = l.lists + by_id};
    struct rt rt = {.p = &proj};
    struct migc_err up = {0}, down = {0};
    memset(p, 0, sizeof *p);
    p->order = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    int *other = arena_alloc(a, sizeof(int) * (size_t)(n + 1)), nother = 0;
    const struct migc_err *failed = NULL;
    if (revgraph_init(&rt, &up)) {
        failed = &up;
    } else {
        const char *colon = strchr(range, ':');
        int uprc = plan_one(&rt, range, true, p->order, &p->norder, &up);
        p->upgrade = true;
        if (colon && (uprc || p->norder == 0)) {
            int downrc = plan_one(&rt, range, false, other, &nother, &down);
            if (downrc == 0 && nother > 0) {
                memcpy(p->order, other, sizeof(int) * (size_t)nother);
                p->norder = nother;
                p->upgrade = false;
                uprc = 0;
            } else if (uprc) {
                failed = downrc && counts_down(colon + 1) ? &down : &up;
            }
        } else if (uprc) {
            failed = &up;
        }
    }
    if (failed) {
        p->error = arena_strdup(a, failed->msg);
        p->detail = arena_strdup(a, failed->detail);
        p->hint = arena_strdup(a, failed->hint);
    }
    rt_free(&rt);
    return failed == NULL;
}
