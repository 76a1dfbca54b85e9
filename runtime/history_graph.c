/* history --graph: the migrator's revision graph as a picture, with the
   database's applied and current revisions marked (graphpic.c draws it,
   as it does for migc history --graph). */
#include "migrator.h"

void history_graph_print(struct rt *rt, const unsigned char *show, const int *current,
                         int ncurrent, const unsigned char *applied, enum graphpic_format f)
{
    int *pos = rt_alloc(rt, sizeof *pos * ((size_t)rt->n + 1));
    struct graphpic_node *nodes = rt_alloc(rt, sizeof *nodes * ((size_t)rt->n + 1));
    int nnodes = 0, maxedges = 0;
    /* Newest first, as history lists them. */
    for (int r = rt->n - 1; r >= 0; r--) {
        pos[r] = -1;
        if (!show[r])
            continue;
        const struct migc_revision *x = &rt->p->revisions[r];
        enum graphpic_state state = GRAPHPIC_NONE;
        if (applied) {
            state = applied[r] ? GRAPHPIC_APPLIED : GRAPHPIC_PENDING;
            for (int i = 0; i < ncurrent; i++)
                if (current[i] == r)
                    state = GRAPHPIC_CURRENT;
        }
        nodes[nnodes] = (struct graphpic_node){.id = migc_string(rt->p, x->id),
                                               .message = migc_string(rt->p, x->message),
                                               .labels = revgraph_labels(rt, r),
                                               .nlabels = x->nlabels,
                                               .head = rt->revs[r].nchildren == 0,
                                               .state = state};
        pos[r] = nnodes++;
        maxedges += x->nparents + x->ndeps;
    }
    /* Only arrows between revisions shown (history -r cuts the graph). */
    struct graphpic_edge *edges = rt_alloc(rt, sizeof *edges * ((size_t)maxedges + 1));
    int nedges = 0;
    for (int r = rt->n - 1; r >= 0; r--) {
        if (pos[r] < 0)
            continue;
        const struct rt_rev *x = &rt->revs[r];
        for (int i = 0; i < x->nparents; i++)
            if (pos[x->parents[i]] >= 0)
                edges[nedges++] = (struct graphpic_edge){pos[x->parents[i]], pos[r], false};
        for (int i = 0; i < x->ndeps; i++)
            if (pos[x->deps[i]] >= 0)
                edges[nedges++] = (struct graphpic_edge){pos[x->deps[i]], pos[r], true};
    }
    struct graphpic g = {nodes, nnodes, edges, nedges};
    graphpic_write(stdout, &g, f);
}
