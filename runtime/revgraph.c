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
        int c = strcmp(rt->p->revisions[rt->by_id[mid]].id, id);
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
                    rt->p->revisions[r].id, what, v[j]);
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
            (k > 0 && strcmp(p->revisions[p->by_id[k - 1]].id, p->revisions[x].id) >= 0)) {
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
        x->parents = r->parents;
        x->nparents = r->nparents;
        x->deps = r->deps;
        x->ndeps = r->ndeps;
        if (check_links(rt, i, r->parents, r->nparents, "revises", e) ||
            check_links(rt, i, r->deps, r->ndeps, "depends on", e))
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

void revgraph_unknown(struct migc_err *e, const char *word)
{
    err_set(e, EXIT_USAGE, "Can't locate revision identified by '%s'", word);
    err_hint(e, "No revision, unique prefix of one or branch label matches it; "
                "run 'history' to list the revisions this migrator knows.");
}

static void list_ids(const struct rt *rt, const int *v, int n, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t len = 0;
    for (int i = 0; i < n && len + 2 < size; i++) {
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         rt->p->revisions[v[i]].id);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

int revgraph_find_label(const struct rt *rt, const char *label)
{
    for (int i = 0; i < rt->n; i++)
        for (int j = 0; j < rt->p->revisions[i].nlabels; j++)
            if (strcmp(rt->p->revisions[i].labels[j], label) == 0)
                return i;
    return -1;
}

/* An id, a unique prefix or a label. -1 with e filled when none. */
static int find_rev(struct rt *rt, const char *word, struct migc_err *e)
{
    int r = revgraph_find(rt, word);
    if (r >= 0)
        return r;
    r = revgraph_find_label(rt, word);
    if (r >= 0)
        return r;
    size_t len = strlen(word);
    int *cand = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int nc = 0;
    for (int k = 0; k < rt->n && len > 0; k++) {
        int i = rt->by_id[k];
        if (strncmp(rt->p->revisions[i].id, word, len) == 0)
            cand[nc++] = i;
    }
    if (nc == 1)
        return cand[0];
    if (nc == 0) {
        revgraph_unknown(e, word);
        return -1;
    }
    char buf[1024];
    list_ids(rt, cand, nc, buf, sizeof buf);
    err_set(e, EXIT_USAGE, "revision prefix '%s' is ambiguous", word);
    err_detail(e, "It matches %s.", buf);
    err_hint(e, "Give more characters of the revision id.");
    return -1;
}

static bool in_branch(const struct rt *rt, int root, int r)
{
    return root < 0 || revgraph_is_ancestor(rt, root, r);
}

/* The head of the branch that starts at root (root and its descendants
   through revises: as in Alembic, a head that only depends on the branch
   is not one of its heads). */
static int branch_head(struct rt *rt, int root, const char *word, struct migc_err *e)
{
    int *found = rt_alloc(rt, sizeof(int) * (size_t)(rt->nheads + 1));
    int nf = 0;
    unsigned char *desc = rt_alloc(rt, (size_t)rt->n + 1);
    desc[root] = 1;
    for (int i = root + 1; i < rt->n; i++)
        for (int j = 0; j < rt->revs[i].nparents && !desc[i]; j++)
            desc[i] = desc[rt->revs[i].parents[j]];
    for (int i = 0; i < rt->nheads; i++)
        if (desc[rt->heads[i]])
            found[nf++] = rt->heads[i];
    if (nf == 1)
        return found[0];
    char buf[1024];
    list_ids(rt, found, nf, buf, sizeof buf);
    err_set(e, EXIT_USAGE, "Multiple heads detected for '%s'", word);
    err_detail(e, "The heads are %s.", buf);
    err_hint(e, "Merge them (migc merge heads -m \"merge branches\") or name one head.");
    return -1;
}

/* Walks steps revisions from start (-1: base, -2: just before root)
   upward (delta > 0) or downward, staying in root's branch when root >= 0.
   Returns the revision reached, -1 for base, -4 for "below root" (the
   branch's base), or -3 with e filled. */
static int walk(struct rt *rt, const char *word, int start, int root, long delta,
                struct migc_err *e)
{
    long steps = delta < 0 ? -delta : delta;
    int cur = start;
    int *cand = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    for (long s = 0; s < steps; s++) {
        int nc = 0;
        if (delta > 0) {
            if (cur == -2) {
                cand[nc++] = root;
            } else {
                const int *from = cur < 0 ? rt->bases : rt->revs[cur].children;
                int nfrom = cur < 0 ? rt->nbases : rt->revs[cur].nchildren;
                for (int i = 0; i < nfrom; i++)
                    if (in_branch(rt, root, from[i]))
                        cand[nc++] = from[i];
            }
        } else {
            if (root >= 0 && cur == root) {
                if (s + 1 == steps)
                    return -4;
                nc = 0;
            } else if (cur == -1)
                nc = 0;
            else if (rt->revs[cur].nparents == 0)
                cand[nc++] = -1;
            else
                for (int i = 0; i < rt->revs[cur].nparents; i++)
                    cand[nc++] = rt->revs[cur].parents[i];
        }
        if (nc == 0) {
            err_set(e, EXIT_USAGE, "Relative revision %s didn't produce %ld migrations", word,
                    steps);
            err_detail(e, "Only %ld revision%s lie%s in that direction.", s, s == 1 ? "" : "s",
                       s == 1 ? "s" : "");
            return -3;
        }
        if (nc > 1) {
            char buf[1024];
            list_ids(rt, cand, nc, buf, sizeof buf);
            err_set(e, EXIT_USAGE, "Relative revision %s is ambiguous", word);
            err_detail(e, "Revision %s %s %s.", cur < 0 ? "base" : rt->p->revisions[cur].id,
                       delta > 0 ? "has several children:" : "has several parents:", buf);
            err_hint(e, "Use REV+N or REV-N from the revision you mean, or LABEL@+N.");
            return -3;
        }
        cur = cand[0];
    }
    return cur;
}

static bool parse_count(const char *s, long *out)
{
    if (!*s)
        return false;
    long v = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9' || v > 100000000)
            return false;
        v = v * 10 + (*c - '0');
    }
    *out = v;
    return true;
}

static int set_result(struct rt *rt, struct target *t, int r)
{
    if (r == -1) {
        t->kind = TARGET_BASE;
        t->nrevs = 0;
    } else {
        t->kind = TARGET_REVS;
        t->revs = rt_alloc(rt, sizeof(int));
        t->revs[0] = r;
        t->nrevs = 1;
    }
    return 0;
}

static int ambiguous_current(struct rt *rt, const char *word, const int *current, int ncurrent,
                             struct migc_err *e)
{
    char buf[1024];
    list_ids(rt, current, ncurrent, buf, sizeof buf);
    err_set(e, EXIT_USAGE, "Relative revision %s is ambiguous: the database has several heads",
            word);
    err_detail(e, "The database is at %s.", buf);
    err_hint(e, "Use REV%c%s or LABEL@%s to say which head to move from.", word[0], word + 1,
             word);
    return -1;
}

int revgraph_resolve(struct rt *rt, const char *word, const int *current, int ncurrent,
                    bool upgrade, struct target *t, struct migc_err *e)
{
    (void)upgrade;
    memset(t, 0, sizeof *t);
    if (strcmp(word, "base") == 0) {
        t->kind = TARGET_BASE;
        return 0;
    }
    if (strcmp(word, "heads") == 0) {
        t->kind = TARGET_REVS;
        t->revs = rt->heads;
        t->nrevs = rt->nheads;
        return 0;
    }
    if (strcmp(word, "head") == 0) {
        if (rt->nheads == 1)
            return set_result(rt, t, rt->heads[0]);
        if (rt->nheads == 0)
            return set_result(rt, t, -1);
        char buf[1024];
        list_ids(rt, rt->heads, rt->nheads, buf, sizeof buf);
        err_set(e, EXIT_USAGE, "Multiple heads detected: %s", buf);
        err_hint(e, "Merge them (migc merge heads -m \"merge branches\"), or use LABEL@head "
                    "for one branch or 'heads' for all of them.");
        return -1;
    }
    long count;
    if ((word[0] == '+' || word[0] == '-') && parse_count(word + 1, &count)) {
        if (ncurrent > 1)
            return ambiguous_current(rt, word, current, ncurrent, e);
        int r = walk(rt, word, ncurrent ? current[0] : -1, -1, word[0] == '+' ? count : -count, e);
        return r == -3 ? -1 : set_result(rt, t, r);
    }
    const char *at = strchr(word, '@');
    if (at) {
        char *name = rt_strdup(rt, word);
        name[at - word] = '\0';
        const char *what = at + 1;
        int root = revgraph_find_label(rt, name);
        if (root < 0) {
            root = find_rev(rt, name, e);
            if (root < 0)
                return -1;
        }
        if (strcmp(what, "head") == 0) {
            int h = branch_head(rt, root, word, e);
            return h < 0 ? -1 : set_result(rt, t, h);
        }
        if (strcmp(what, "base") == 0) {
            /* The branch's first revision: walk down from the label while
               the revision has a single parent that is in the branch. */
            t->kind = TARGET_BRANCH_BASE;
            t->revs = rt_alloc(rt, sizeof(int));
            t->revs[0] = root;
            t->nrevs = 1;
            return 0;
        }
        if ((what[0] == '+' || what[0] == '-') && parse_count(what + 1, &count)) {
            int *in = rt_alloc(rt, sizeof(int) * (size_t)(ncurrent + 1));
            int nin = 0;
            for (int i = 0; i < ncurrent; i++)
                if (revgraph_is_ancestor(rt, root, current[i]))
                    in[nin++] = current[i];
            if (nin > 1)
                return ambiguous_current(rt, word, in, nin, e);
            int start = nin ? in[0] : -2;
            if (start == -2 && what[0] == '-') {
                err_set(e, EXIT_USAGE, "Relative revision %s didn't produce %ld migrations", word,
                        count);
                err_detail(e, "No revision of branch \"%s\" is applied.", name);
                return -1;
            }
            int r = walk(rt, word, start, root, what[0] == '+' ? count : -count, e);
            if (r == -4) {
                t->kind = TARGET_BRANCH_BASE;
                t->revs = rt_alloc(rt, sizeof(int));
                t->revs[0] = root;
                t->nrevs = 1;
                return 0;
            }
            return r == -3 ? -1 : set_result(rt, t, r);
        }
        revgraph_unknown(e, word);
        return -1;
    }
    const char *rel = NULL;
    for (const char *c = word; *c; c++)
        if (*c == '+' || *c == '-')
            rel = c;
    if (rel && rel > word && parse_count(rel + 1, &count)) {
        char *name = rt_strdup(rt, word);
        name[rel - word] = '\0';
        int r = find_rev(rt, name, e);
        if (r < 0)
            return -1;
        r = walk(rt, word, r, -1, *rel == '+' ? count : -count, e);
        return r == -3 ? -1 : set_result(rt, t, r);
    }
    int r = find_rev(rt, word, e);
    if (r < 0)
        return -1;
    return set_result(rt, t, r);
}

/* The set of revisions a target needs applied (upgrade) or the set it
   reverts (downgrade), over the static graph. */
unsigned char *revgraph_target_set(struct rt *rt, const struct target *t, bool upgrade)
{
    unsigned char *set = rt_alloc(rt, (size_t)rt->n + 1);
    if (upgrade) {
        if (t->kind == TARGET_REVS)
            for (int i = 0; i < t->nrevs; i++)
                revgraph_ancestors(rt, t->revs[i], set);
        return set;
    }
    if (t->kind == TARGET_BASE) {
        memset(set, 1, (size_t)rt->n);
        return set;
    }
    /* Descendants of the targets (strict ones for TARGET_REVS), minus what
       the targets themselves need. */
    unsigned char *keep = rt_alloc(rt, (size_t)rt->n + 1);
    if (t->kind == TARGET_REVS)
        for (int i = 0; i < t->nrevs; i++)
            revgraph_ancestors(rt, t->revs[i], keep);
    for (int i = 0; i < t->nrevs; i++)
        set[t->revs[i]] = 1;
    for (int i = 0; i < rt->n; i++) {
        const struct rt_rev *x = &rt->revs[i];
        for (int j = 0; j < x->nparents && !set[i]; j++)
            set[i] = set[x->parents[j]];
        for (int j = 0; j < x->ndeps && !set[i]; j++)
            set[i] = set[x->deps[j]];
    }
    for (int i = 0; i < rt->n; i++)
        if (keep[i])
            set[i] = 0;
    return set;
}
