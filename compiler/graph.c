#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"

/* graph_build works on plain index arrays (one node per distinct revision
   id, sorted by id) and only turns the good nodes into struct revision at
   the end, so that every pass is O(n log n) or O(n + edges) on 10,000
   revisions. Scratch arrays come from the arena: a build happens once. */

struct node {
    const struct migration *mig;
    const char *id;
    int *parents, nparents;     /* node indexes, -1 for an id that does not exist */
    int *deps, ndeps;
    bool bad;                   /* left out of the graph */
    int indeg;
    int color;                  /* cycle search: 0 unseen, 1 on the path, 2 done */
    struct revision *rev;
};

struct builder {
    struct arena *a;
    struct diag *d;
    struct node *nodes;         /* sorted by id */
    int n;
    int *rev_off, *rev_edges;   /* who names each node in revises / depends on */
};

static int node_find(const struct builder *b, const char *id)
{
    int lo = 0, hi = b->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(b->nodes[mid].id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The existing id a mistyped one most likely meant: one that the typed id
   is a prefix of (or that is a prefix of it), else the nearest by edit
   distance when it is close enough. NULL when nothing is close. */
static const char *nearest_id(const struct builder *b, const char *id)
{
    int lo = 0, hi = b->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(b->nodes[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t len = strlen(id);
    if (lo < b->n && strncmp(b->nodes[lo].id, id, len) == 0)
        return b->nodes[lo].id;
    for (int i = 0; i < b->n; i++) {
        const char *cand = b->nodes[i].id;
        size_t clen = strlen(cand);
        if (clen < len && strncmp(cand, id, clen) == 0 && clen * 2 >= len)
            return cand;
    }
    /* Ids are case-sensitive, so a difference in case counts as an edit. */
    struct suggest sg;
    suggest_init(&sg, id, (int)len / 3 > 2 ? (int)len / 3 : 2, false);
    for (int i = 0; i < b->n; i++)
        suggest_offer(&sg, b->nodes[i].id);
    return sg.best;
}

struct id_entry {
    const char *key;
    int order;                  /* path order: the first one wins */
    const struct migration *mig;
    const struct ident *ident;  /* the label, for label entries */
};

static int cmp_id_entry(const void *pa, const void *pb)
{
    const struct id_entry *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

static void report_missing_headers(struct builder *b, struct node *nd)
{
    const struct migration *m = nd->mig;
    if (!m->has_revises) {
        diag_error(b->d, m->revision.loc, "missing \"revises\" in the header of revision \"%s\"",
                   nd->id);
        diag_hint(b->d, "Write \"revises base\" for a first migration, or \"revises ID\" "
                        "naming the revision it follows.");
        nd->bad = true;
    }
    if (!m->message) {
        diag_error(b->d, m->revision.loc, "missing \"message\" in the header of revision \"%s\"",
                   nd->id);
        diag_hint(b->d, "Write message 'what this migration does' in the header.");
        nd->bad = true;
    }
}

/* Resolves the ids of a revises or depends on list into node indexes,
   reporting self references, repeats and ids that do not exist. */
static int *resolve_refs(struct builder *b, struct node *nd, const struct vec *refs,
                         const char *clause, int *count)
{
    int *out = arena_alloc(b->a, sizeof(int) * (size_t)(refs->n ? refs->n : 1));
    for (int i = 0; i < refs->n; i++) {
        const struct ident *ref = VEC_AT(*refs, i, const struct ident *);
        out[i] = -1;
        if (!ref->name)
            continue;
        if (strcmp(ref->name, nd->id) == 0) {
            diag_error(b->d, ref->loc, "revision \"%s\" names itself in \"%s\"", nd->id, clause);
            nd->bad = true;
            continue;
        }
        bool repeated = false;
        for (int j = 0; j < i; j++) {
            const struct ident *prev = VEC_AT(*refs, j, const struct ident *);
            if (prev->name && strcmp(prev->name, ref->name) == 0)
                repeated = true;
        }
        if (repeated) {
            diag_error(b->d, ref->loc, "revision \"%s\" is named twice in \"%s\"", ref->name,
                       clause);
            nd->bad = true;
            continue;
        }
        out[i] = node_find(b, ref->name);
        if (out[i] < 0) {
            diag_error(b->d, ref->loc, "revision \"%s\" named in \"%s\" does not exist",
                       ref->name, clause);
            const char *near = nearest_id(b, ref->name);
            if (near)
                diag_hint(b->d, "Did you mean \"%s\"?", near);
            nd->bad = true;
        }
    }
    *count = refs->n;
    return out;
}

static void check_labels(struct builder *b)
{
    int total = 0;
    for (int i = 0; i < b->n; i++)
        total += b->nodes[i].mig->branches.n;
    if (!total)
        return;
    struct id_entry *ls = arena_alloc(b->a, sizeof *ls * (size_t)total);
    int k = 0;
    for (int i = 0; i < b->n; i++) {
        const struct vec *br = &b->nodes[i].mig->branches;
        for (int j = 0; j < br->n; j++) {
            const struct ident *l = VEC_AT(*br, j, const struct ident *);
            if (!l->name)
                continue;
            /* order: path order of the file, then position in the list */
            ls[k++] = (struct id_entry){l->name, 0, b->nodes[i].mig, l};
        }
    }
    for (int i = 0; i < k; i++) {
        const char *name = ls[i].key;
        if (strcmp(name, "head") == 0 || strcmp(name, "heads") == 0 || strcmp(name, "base") == 0) {
            diag_error(b->d, ls[i].ident->loc, "branch label \"%s\" is reserved", name);
            diag_hint(b->d, "\"head\", \"heads\" and \"base\" are revision targets; choose "
                            "another label.");
        }
    }
    /* Sort by label, then by where the label is written, so the second
       use in path order is the one reported. */
    for (int i = 0; i < k; i++)
        ls[i].order = i;
    qsort(ls, (size_t)k, sizeof *ls, cmp_id_entry);
    for (int i = 0; i < k; i++) {
        const char *name = ls[i].key;
        bool reserved = strcmp(name, "head") == 0 || strcmp(name, "heads") == 0 ||
                        strcmp(name, "base") == 0;
        const struct id_entry *first = NULL;
        for (int j = i - 1; j >= 0 && strcmp(ls[j].key, name) == 0; j--)
            first = &ls[j];
        if (reserved || first) {
            int idx = node_find(b, ls[i].mig->revision.name);
            b->nodes[idx].bad = true;
        }
        if (!first)
            continue;
        if (first->mig == ls[i].mig) {
            diag_error(b->d, ls[i].ident->loc, "branch label \"%s\" is written twice", name);
        } else {
            diag_error(b->d, ls[i].ident->loc,
                       "branch label \"%s\" is already used by revision \"%s\"", name,
                       first->mig->revision.name);
            diag_detail(b->d, "Revision \"%s\" in %s carries it at line %d.",
                        first->mig->revision.name, first->mig->file, first->ident->loc.line);
            diag_hint(b->d, "A branch label names one branch; choose another label.");
        }
    }
}

/* Reverse edges in CSR form: for node v, the nodes that name it in
   revises or depends on, once per mention, in id order. */
static void build_reverse(struct builder *b)
{
    b->rev_off = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    for (int i = 0; i < b->n; i++) {
        const struct node *nd = &b->nodes[i];
        for (int j = 0; j < nd->nparents; j++)
            if (nd->parents[j] >= 0)
                b->rev_off[nd->parents[j] + 1]++;
        for (int j = 0; j < nd->ndeps; j++)
            if (nd->deps[j] >= 0)
                b->rev_off[nd->deps[j] + 1]++;
    }
    for (int i = 0; i < b->n; i++)
        b->rev_off[i + 1] += b->rev_off[i];
    int *fill = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    memcpy(fill, b->rev_off, sizeof(int) * (size_t)(b->n + 1));
    b->rev_edges = arena_alloc(b->a, sizeof(int) * (size_t)(b->rev_off[b->n] + 1));
    for (int i = 0; i < b->n; i++) {
        const struct node *nd = &b->nodes[i];
        for (int j = 0; j < nd->nparents; j++)
            if (nd->parents[j] >= 0)
                b->rev_edges[fill[nd->parents[j]]++] = i;
        for (int j = 0; j < nd->ndeps; j++)
            if (nd->deps[j] >= 0)
                b->rev_edges[fill[nd->deps[j]]++] = i;
    }
}

/* A revision built on one that is left out is left out too, silently:
   its own error was reported where it is. */
static void propagate_bad(struct builder *b)
{
    int *stack = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    int top = 0;
    for (int i = 0; i < b->n; i++)
        if (b->nodes[i].bad)
            stack[top++] = i;
    while (top) {
        int v = stack[--top];
        for (int e = b->rev_off[v]; e < b->rev_off[v + 1]; e++) {
            int c = b->rev_edges[e];
            if (!b->nodes[c].bad) {
                b->nodes[c].bad = true;
                stack[top++] = c;
            }
        }
    }
}

static const char *created_key(const struct node *nd)
{
    return nd->mig->created ? nd->mig->created : "";
}

static bool ready_before(const struct builder *b, int x, int y)
{
    const struct node *nx = &b->nodes[x], *ny = &b->nodes[y];
    int c = strcmp(created_key(nx), created_key(ny));
    if (c)
        return c < 0;
    return x < y;   /* nodes are sorted by id */
}

static void heap_push(const struct builder *b, int *heap, int *n, int v)
{
    int i = (*n)++;
    heap[i] = v;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!ready_before(b, heap[i], heap[p]))
            break;
        int t = heap[i];
        heap[i] = heap[p];
        heap[p] = t;
        i = p;
    }
}

static int heap_pop(const struct builder *b, int *heap, int *n)
{
    int top = heap[0];
    heap[0] = heap[--(*n)];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && ready_before(b, heap[l], heap[m]))
            m = l;
        if (r < *n && ready_before(b, heap[r], heap[m]))
            m = r;
        if (m == i)
            break;
        int t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
    }
    return top;
}

/* Kahn's algorithm with a ready set ordered by (created, id). Returns the
   number of nodes ordered into order[]. */
static int topo_sort(struct builder *b, int *order)
{
    int *heap = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    int nheap = 0, norder = 0;
    for (int i = 0; i < b->n; i++) {
        struct node *nd = &b->nodes[i];
        if (nd->bad)
            continue;
        nd->indeg = nd->nparents + nd->ndeps;
        if (nd->indeg == 0)
            heap_push(b, heap, &nheap, i);
    }
    while (nheap) {
        int v = heap_pop(b, heap, &nheap);
        order[norder++] = v;
        for (int e = b->rev_off[v]; e < b->rev_off[v + 1]; e++) {
            int c = b->rev_edges[e];
            if (!b->nodes[c].bad && --b->nodes[c].indeg == 0)
                heap_push(b, heap, &nheap, c);
        }
    }
    return norder;
}

/* The ident through which node v names node p (in revises or depends on). */
static struct loc ref_loc(const struct builder *b, int v, int p)
{
    const struct node *nd = &b->nodes[v];
    for (int j = 0; j < nd->nparents; j++)
        if (nd->parents[j] == p)
            return VEC_AT(nd->mig->revises, j, const struct ident *)->loc;
    for (int j = 0; j < nd->ndeps; j++)
        if (nd->deps[j] == p)
            return VEC_AT(nd->mig->depends_on, j, const struct ident *)->loc;
    return nd->mig->revision.loc;
}

static void report_cycle(struct builder *b, const int *path, int from, int to)
{
    /* path[from..to]: each entry's successor is one of its parents, and
       path[from] is a parent of path[to]. Listed parent first:
       path[from] -> path[to] -> path[to-1] -> ... -> path[from]. */
    int len = to - from + 1;
    int *cyc = arena_alloc(b->a, sizeof(int) * (size_t)len);
    cyc[0] = path[from];
    for (int i = 1; i < len; i++)
        cyc[i] = path[to - i + 1];
    int start = 0;
    for (int i = 1; i < len; i++)
        if (strcmp(b->nodes[cyc[i]].id, b->nodes[cyc[start]].id) < 0)
            start = i;
    struct strbuf sb = {0};
    for (int i = 0; i <= len; i++)
        strbuf_printf(&sb, "%s%s", i ? " -> " : "", b->nodes[cyc[(start + i) % len]].id);
    int member = cyc[start];
    int pred = cyc[(start + len - 1) % len];
    diag_error(b->d, ref_loc(b, member, pred), "cycle in the revision graph: %s",
               strbuf_str(&sb));
    diag_hint(b->d, "A revision cannot revise or depend on one of its own descendants.");
    strbuf_free(&sb);
}

/* Every node Kahn's algorithm could not order waits on a cycle or on a
   node downstream of one; following unordered parents from any of them
   must close a loop. Iterative DFS so 10,000 revisions do not recurse. */
static void report_cycles(struct builder *b, const bool *ordered)
{
    int *path = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    int *next = arena_alloc(b->a, sizeof(int) * (size_t)(b->n + 1));
    for (int s = 0; s < b->n; s++) {
        if (b->nodes[s].bad || ordered[s] || b->nodes[s].color)
            continue;
        int top = 0;
        path[top] = s;
        next[top] = 0;
        b->nodes[s].color = 1;
        while (top >= 0) {
            int v = path[top];
            struct node *nd = &b->nodes[v];
            int k = next[top]++;
            if (k >= nd->nparents + nd->ndeps) {
                nd->color = 2;
                top--;
                continue;
            }
            int p = k < nd->nparents ? nd->parents[k] : nd->deps[k - nd->nparents];
            if (p < 0 || b->nodes[p].bad || ordered[p])
                continue;
            if (b->nodes[p].color == 1) {
                int from = top;
                while (path[from] != p)
                    from--;
                report_cycle(b, path, from, top);
            } else if (b->nodes[p].color == 0) {
                b->nodes[p].color = 1;
                path[++top] = p;
                next[top] = 0;
            }
        }
    }
}

static int cmp_rev_id(const void *pa, const void *pb)
{
    const struct revision *a = *(const struct revision *const *)pa;
    const struct revision *b = *(const struct revision *const *)pb;
    return strcmp(a->id, b->id);
}

static void build_revisions(struct builder *b, struct graph *g, const int *order, int norder)
{
    struct arena *a = b->a;
    g->nrevs = norder;
    g->revs = arena_alloc(a, sizeof *g->revs * (size_t)(norder + 1));
    g->by_id = arena_alloc(a, sizeof *g->by_id * (size_t)(norder + 1));
    for (int i = 0; i < norder; i++) {
        struct node *nd = &b->nodes[order[i]];
        struct revision *r = arena_alloc(a, sizeof *r);
        r->mig = nd->mig;
        r->id = nd->id;
        r->topo = i;
        nd->rev = r;
        g->revs[i] = r;
    }
    int nby = 0;
    for (int v = 0; v < b->n; v++)
        if (b->nodes[v].rev)
            g->by_id[nby++] = b->nodes[v].rev;
    for (int i = 0; i < norder; i++) {
        struct node *nd = &b->nodes[order[i]];
        struct revision *r = nd->rev;
        r->nparents = nd->nparents;
        r->parents = arena_alloc(a, sizeof *r->parents * (size_t)(nd->nparents + 1));
        for (int j = 0; j < nd->nparents; j++)
            r->parents[j] = b->nodes[nd->parents[j]].rev;
        r->ndeps = nd->ndeps;
        r->deps = arena_alloc(a, sizeof *r->deps * (size_t)(nd->ndeps + 1));
        for (int j = 0; j < nd->ndeps; j++)
            r->deps[j] = b->nodes[nd->deps[j]].rev;
        int nc = 0, nd_ = 0;
        int v = order[i];
        for (int e = b->rev_off[v]; e < b->rev_off[v + 1]; e++) {
            const struct node *c = &b->nodes[b->rev_edges[e]];
            for (int j = 0; j < c->nparents; j++)
                nc += c->parents[j] == v;
            for (int j = 0; j < c->ndeps; j++)
                nd_ += c->deps[j] == v;
        }
        r->children = arena_alloc(a, sizeof *r->children * (size_t)(nc + 1));
        r->dependents = arena_alloc(a, sizeof *r->dependents * (size_t)(nd_ + 1));
        /* rev_edges lists referrers in id order, so these come out sorted. */
        for (int e = b->rev_off[v]; e < b->rev_off[v + 1]; e++) {
            int ci = b->rev_edges[e];
            const struct node *c = &b->nodes[ci];
            bool as_parent = false, as_dep = false;
            for (int j = 0; j < c->nparents; j++)
                as_parent |= c->parents[j] == v;
            for (int j = 0; j < c->ndeps; j++)
                as_dep |= c->deps[j] == v;
            /* a node naming v in both lists appears twice in rev_edges */
            if (as_parent && (r->nchildren == 0 || r->children[r->nchildren - 1] != c->rev))
                r->children[r->nchildren++] = c->rev;
            if (as_dep && (r->ndependents == 0 || r->dependents[r->ndependents - 1] != c->rev))
                r->dependents[r->ndependents++] = c->rev;
        }
        const struct vec *br = &nd->mig->branches;
        r->labels = arena_alloc(a, sizeof *r->labels * (size_t)(br->n + 1));
        for (int j = 0; j < br->n; j++)
            r->labels[r->nlabels++] = VEC_AT(*br, j, const struct ident *)->name;
    }
    g->heads = arena_alloc(a, sizeof *g->heads * (size_t)(norder + 1));
    g->bases = arena_alloc(a, sizeof *g->bases * (size_t)(norder + 1));
    for (int i = 0; i < nby; i++) {
        struct revision *r = g->by_id[i];
        if (r->nchildren == 0)
            g->heads[g->nheads++] = r;
        if (r->mig->revises_base)
            g->bases[g->nbases++] = r;
    }
}

bool graph_build(struct arena *a, struct diag *d, const struct vec *migrations,
                 struct graph *g)
{
    memset(g, 0, sizeof *g);
    int errors_before = d->errors;
    struct builder b = {.a = a, .d = d};

    int n = migrations->n;
    struct id_entry *ids = arena_alloc(a, sizeof *ids * (size_t)(n + 1));
    int nids = 0;
    for (int i = 0; i < n; i++) {
        const struct migration *m = VEC_AT(*migrations, i, const struct migration *);
        if (!m->revision.name) {
            struct loc at = m->loc;
            if (at.line < 1) {
                at.line = at.col = at.len = 1;
                at.file = m->file;
            }
            diag_error(d, at, "missing \"revision\" in the migration header");
            diag_hint(d, "Begin the file with \"revision ID\", then \"revises\" and "
                         "\"message\".");
            continue;
        }
        ids[nids] = (struct id_entry){m->revision.name, i, m, NULL};
        nids++;
    }
    qsort(ids, (size_t)nids, sizeof *ids, cmp_id_entry);

    b.nodes = arena_alloc(a, sizeof *b.nodes * (size_t)(nids + 1));
    for (int i = 0; i < nids; i++) {
        if (b.n > 0 && strcmp(b.nodes[b.n - 1].id, ids[i].key) == 0) {
            const struct migration *first = b.nodes[b.n - 1].mig;
            diag_error(d, ids[i].mig->revision.loc, "duplicate revision id \"%s\"", ids[i].key);
            diag_detail(d, "Revision \"%s\" is already defined in %s at line %d.", ids[i].key,
                        first->file, first->revision.loc.line);
            diag_hint(d, "Give each migration its own revision id.");
            continue;
        }
        b.nodes[b.n].mig = ids[i].mig;
        b.nodes[b.n].id = ids[i].key;
        b.n++;
    }

    for (int i = 0; i < b.n; i++) {
        struct node *nd = &b.nodes[i];
        report_missing_headers(&b, nd);
        nd->parents = resolve_refs(&b, nd, &nd->mig->revises, "revises", &nd->nparents);
        nd->deps = resolve_refs(&b, nd, &nd->mig->depends_on, "depends on", &nd->ndeps);
    }
    check_labels(&b);
    build_reverse(&b);
    propagate_bad(&b);

    int *order = arena_alloc(a, sizeof(int) * (size_t)(b.n + 1));
    int norder = topo_sort(&b, order);
    int ngood = 0;
    for (int i = 0; i < b.n; i++)
        ngood += !b.nodes[i].bad;
    if (norder < ngood) {
        bool *ordered = arena_alloc(a, sizeof(bool) * (size_t)(b.n + 1));
        for (int i = 0; i < norder; i++)
            ordered[order[i]] = true;
        report_cycles(&b, ordered);
    }
    build_revisions(&b, g, order, norder);
    return d->errors == errors_before;
}

struct revision *graph_find(const struct graph *g, const char *id)
{
    int lo = 0, hi = g->nrevs;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(g->by_id[mid]->id, id);
        if (c == 0)
            return g->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

struct revision *graph_find_label(const struct graph *g, const char *label)
{
    for (int i = 0; i < g->nrevs; i++)
        for (int j = 0; j < g->revs[i]->nlabels; j++)
            if (strcmp(g->revs[i]->labels[j], label) == 0)
                return g->revs[i];
    return NULL;
}

int graph_heads_from(struct arena *a, const struct graph *g, const struct revision *rev,
                     struct revision ***heads)
{
    bool *seen = calloc((size_t)g->nrevs + 1, 1);
    const struct revision **stack = malloc(sizeof *stack * ((size_t)g->nrevs + 1));
    struct vec found = {0};
    if (!seen || !stack) {
        free(seen);
        free(stack);
        *heads = NULL;
        return 0;
    }
    int top = 0;
    stack[top++] = rev;
    seen[rev->topo] = true;
    while (top) {
        const struct revision *r = stack[--top];
        if (r->nchildren == 0)
            vec_push(a, &found, (void *)r);
        for (int i = 0; i < r->nchildren; i++)
            if (!seen[r->children[i]->topo]) {
                seen[r->children[i]->topo] = true;
                stack[top++] = r->children[i];
            }
    }
    free(seen);
    free(stack);
    if (found.n > 1)
        qsort(found.items, (size_t)found.n, sizeof *found.items, cmp_rev_id);
    *heads = (struct revision **)found.items;
    return found.n;
}

static const char *list_ids(struct arena *a, struct revision *const *revs, int n)
{
    struct strbuf sb = {0};
    for (int i = 0; i < n; i++)
        strbuf_printf(&sb, "%s%s", i ? ", " : "", revs[i]->id);
    return strbuf_to_arena(&sb, a);
}

static enum graph_resolved unique_head(struct arena *a, const struct graph *g,
                                      const struct revision *from, const char *target,
                                      struct revision **rev, const char **msg)
{
    struct revision **heads;
    int n = graph_heads_from(a, g, from, &heads);
    if (n == 1) {
        *rev = heads[0];
        return GRAPH_RESOLVED;
    }
    *msg = arena_printf(a, "Multiple heads detected for '%s': %s", target,
                        list_ids(a, heads, n));
    return GRAPH_MULTIPLE_HEADS;
}

static enum graph_resolved unknown(struct arena *a, const char *target, const char **msg)
{
    *msg = arena_printf(a, "Can't locate revision identified by '%s'", target);
    return GRAPH_UNKNOWN;
}

/* An id or a unique prefix of one. */
static enum graph_resolved resolve_id(struct arena *a, const struct graph *g, const char *target,
                                      struct revision **rev, const char **msg)
{
    if ((*rev = graph_find(g, target)))
        return GRAPH_RESOLVED;
    int lo = 0, hi = g->nrevs;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(g->by_id[mid]->id, target) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t len = strlen(target);
    int end = lo;
    while (end < g->nrevs && strncmp(g->by_id[end]->id, target, len) == 0)
        end++;
    if (end - lo == 1) {
        *rev = g->by_id[lo];
        return GRAPH_RESOLVED;
    }
    if (end - lo == 0)
        return unknown(a, target, msg);
    *msg = arena_printf(a, "Multiple revisions start with '%s': %s", target,
                        list_ids(a, g->by_id + lo, end - lo));
    return GRAPH_AMBIGUOUS;
}

/* BRANCH@REV, as Alembic reads it: REV (an id, label or prefix; a prefix
   counts only the revisions on the branch) that is an ancestor or a
   descendant, through revises, of BRANCH (a label or a revision). */
static enum graph_resolved resolve_in_branch(struct arena *a, const struct graph *g,
                                             const char *branch, const char *word,
                                             struct revision **rev, const char **msg)
{
    struct revision *br = graph_find_label(g, branch);
    if (!br && resolve_id(a, g, branch, &br, msg) != GRAPH_RESOLVED) {
        *msg = arena_printf(a, "No such branch: '%s'", branch);
        return GRAPH_NO_BRANCH;
    }
    struct revision *r = graph_find(g, word);
    if (!r)
        r = graph_find_label(g, word);
    if (!r) {
        size_t len = strlen(word);
        struct revision **cand = arena_alloc(a, sizeof *cand * ((size_t)g->nrevs + 1));
        int n = 0;
        for (int i = 0; i < g->nrevs; i++) {
            struct revision *c = g->by_id[i];
            if (strncmp(c->id, word, len) == 0 &&
                (graph_descends(g, br, c) || graph_descends(g, c, br)))
                cand[n++] = c;
        }
        if (n == 0)
            return unknown(a, word, msg);
        if (n > 1) {
            *msg = arena_printf(a, "Multiple revisions start with '%s': %s", word,
                                list_ids(a, cand, n));
            return GRAPH_AMBIGUOUS;
        }
        r = cand[0];
    }
    if (!graph_descends(g, br, r) && !graph_descends(g, r, br)) {
        *msg = arena_printf(a, "Revision %s is not a member of branch '%s'", r->id, branch);
        return GRAPH_OFF_BRANCH;
    }
    *rev = r;
    return GRAPH_RESOLVED;
}

enum graph_resolved graph_resolve(struct arena *a, const struct graph *g, const char *target,
                                  struct revision **rev, const char **msg)
{
    *rev = NULL;
    *msg = NULL;
    if (!target || !*target)
        return unknown(a, "", msg);
    if (strcmp(target, "head") == 0 || strcmp(target, "heads") == 0) {
        if (g->nheads == 1) {
            *rev = g->heads[0];
            return GRAPH_RESOLVED;
        }
        if (g->nheads == 0) {
            *msg = "Can't locate revision identified by 'head': there are no revisions";
            return GRAPH_UNKNOWN;
        }
        *msg = arena_printf(a, "Multiple heads detected: %s", list_ids(a, g->heads, g->nheads));
        return GRAPH_MULTIPLE_HEADS;
    }
    const char *at = strrchr(target, '@');
    if (at) {
        char *left = arena_strndup(a, target, (size_t)(at - target));
        if (strcmp(at + 1, "base") == 0 || !at[1])
            return unknown(a, target, msg);
        if (strcmp(at + 1, "head") != 0 && strcmp(at + 1, "heads") != 0)
            return resolve_in_branch(a, g, left, at + 1, rev, msg);
        struct revision *from = graph_find_label(g, left);
        if (!from) {
            enum graph_resolved res = resolve_id(a, g, left, &from, msg);
            if (res == GRAPH_UNKNOWN)
                return unknown(a, target, msg);
            if (res != GRAPH_RESOLVED)
                return res;
        }
        return unique_head(a, g, from, target, rev, msg);
    }
    if ((*rev = graph_find(g, target)))
        return GRAPH_RESOLVED;
    /* As in Alembic, a bare label names the revision that carries it;
       LABEL@head names its branch's head. */
    if ((*rev = graph_find_label(g, target)))
        return GRAPH_RESOLVED;
    return resolve_id(a, g, target, rev, msg);
}

/* Marks rev and its ancestors (through parents, and deps when deps is
   set) whose topological index is at least floor: no ancestor of anything
   sits below its own index, so the walk can stop there. A marked revision
   is not walked through again: its ancestors are marked already. stack
   holds room for every revision. */
static void mark_reached(const struct revision *rev, int floor, bool deps, bool *mark,
                         const struct revision **stack)
{
    int top = 0;
    if (rev->topo < floor || mark[rev->topo])
        return;
    mark[rev->topo] = true;
    stack[top++] = rev;
    while (top) {
        const struct revision *r = stack[--top];
        for (int k = 0; k < r->nparents + (deps ? r->ndeps : 0); k++) {
            const struct revision *p = k < r->nparents ? r->parents[k] : r->deps[k - r->nparents];
            if (p->topo < floor || mark[p->topo])
                continue;
            mark[p->topo] = true;
            stack[top++] = p;
        }
    }
}

void graph_mark_ancestors(struct arena *a, const struct graph *g, struct revision *const *revs,
                          int n, bool *marks)
{
    const struct revision **stack = arena_alloc(a, sizeof *stack * ((size_t)g->nrevs + 1));
    for (int i = 0; i < n; i++)
        mark_reached(revs[i], 0, true, marks, stack);
}

/* Whether rev reaches anc (see mark_reached). */
static bool reaches(const struct graph *g, const struct revision *anc,
                    const struct revision *rev, bool deps)
{
    if (anc == rev)
        return true;
    if (anc->topo > rev->topo)
        return false;
    bool *mark = calloc((size_t)g->nrevs + 1, sizeof *mark);
    const struct revision **stack = malloc(sizeof *stack * ((size_t)g->nrevs + 1));
    bool found = false;
    if (mark && stack) {
        mark_reached(rev, anc->topo, deps, mark, stack);
        found = mark[anc->topo];
    }
    free(mark);
    free(stack);
    return found;
}

bool graph_is_ancestor(const struct graph *g, const struct revision *anc,
                       const struct revision *rev)
{
    return reaches(g, anc, rev, true);
}

bool graph_descends(const struct graph *g, const struct revision *anc,
                    const struct revision *rev)
{
    return reaches(g, anc, rev, false);
}

struct revision *graph_common_ancestor(struct arena *a, const struct graph *g,
                                       const struct revision *x, const struct revision *y)
{
    (void)a;   /* scratch is freed at once: merges may call this many times */
    bool *mx = calloc((size_t)g->nrevs + 1, sizeof *mx);
    bool *my = calloc((size_t)g->nrevs + 1, sizeof *my);
    const struct revision **stack = malloc(sizeof *stack * ((size_t)g->nrevs + 1));
    struct revision *best = NULL;
    if (mx && my && stack) {
        mark_reached(x, 0, true, mx, stack);
        mark_reached(y, 0, true, my, stack);
        for (int i = g->nrevs - 1; i >= 0; i--)
            if (mx[i] && my[i]) {
                best = g->revs[i];
                break;
            }
    }
    free(mx);
    free(my);
    free(stack);
    return best;
}
