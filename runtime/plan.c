/* What upgrade, downgrade and stamp do on a branched graph: the revisions
   to apply or revert and the rows stamp leaves, with Alembic 1.8's rules
   (alembic/script/revision.py and runtime/migration.py), followed step by
   step so that a database moves exactly as it would under Alembic. Where
   Alembic stops on an internal error (an assertion, a missing key), the
   plan is refused with a clear message before anything changes.

   Revisions are indexes in topological order; PLAN_NONE stands for
   Alembic's None (below every root), PLAN_BASE for its "base" string.
   Scratch comes from rt's arena: a plan is made once per run. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

enum { PLAN_NONE = -1, PLAN_BASE = -2 };

struct pctx {
    struct rt *rt;
    const char *word;          /* the target as typed, for messages */
    struct migc_err *e;
    void **allocs;             /* scratch, freed by release */
    int nallocs, cap;
    /* A relative walk that runs out of revisions stops where it is
       (Alembic's no_overwalk=False, for history) instead of failing. */
    bool overwalk;
};

/* Scratch memory, zeroed; kept until release(c, mark) with a mark taken
   before, so that loops over thousands of revisions stay in bounds. */
static void *scratch(struct pctx *c, size_t size)
{
    if (c->nallocs == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->allocs = realloc(c->allocs, sizeof *c->allocs * (size_t)c->cap);
        if (!c->allocs)
            abort();
    }
    void *p = calloc(1, size);
    if (!p)
        abort();
    c->allocs[c->nallocs++] = p;
    return p;
}

static void release(struct pctx *c, int mark)
{
    while (c->nallocs > mark)
        free(c->allocs[--c->nallocs]);
}

static int finish(struct pctx *c, int rc)
{
    release(c, 0);
    free(c->allocs);
    c->allocs = NULL;
    c->cap = 0;
    return rc;
}

/* A list of revision indexes. */
struct ilist {
    int *v;
    int n;
};

/* Room for every revision (and the two pseudo ones). */
static struct ilist ilist_new(struct pctx *c)
{
    struct ilist l = {scratch(c, sizeof(int) * (size_t)(c->rt->n + 2)), 0};
    return l;
}

/* Room for cap entries: for the small lists made once per step. */
static struct ilist ilist_cap(struct pctx *c, int cap)
{
    struct ilist l = {scratch(c, sizeof(int) * (size_t)(cap + 1)), 0};
    return l;
}

static bool ilist_has(const struct ilist *l, int x)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i] == x)
            return true;
    return false;
}

static void ilist_add(struct ilist *l, int x)
{
    if (!ilist_has(l, x))
        l->v[l->n++] = x;
}

static unsigned char *set_new(struct pctx *c)
{
    return scratch(c, (size_t)c->rt->n + 1);
}

/* Marks r and what it reaches downward: through parents, and through
   deps too when deps. */
static void mark_down(const struct rt *rt, int r, bool deps, unsigned char *set)
{
    if (r >= 0)
        revgraph_reach(rt, r, deps, set);
}

/* Marks the roots and what reaches them upward: children, and
   dependents too when deps. */
static void mark_up(const struct rt *rt, const int *roots, int n, bool deps, unsigned char *set)
{
    int lo = rt->n;
    for (int i = 0; i < n; i++)
        if (roots[i] >= 0) {
            set[roots[i]] = 1;
            lo = roots[i] < lo ? roots[i] : lo;
        }
    for (int i = lo; i < rt->n; i++) {
        if (set[i])
            continue;
        const struct rt_rev *x = &rt->revs[i];
        for (int j = 0; j < x->nparents && !set[i]; j++)
            set[i] = set[x->parents[j]];
        for (int j = 0; deps && j < x->ndeps && !set[i]; j++)
            set[i] = set[x->deps[j]];
    }
}

static bool reaches(struct pctx *c, int from, int to, bool deps)
{
    if (from == to)
        return true;
    if (to > from)
        return false;
    int mark = c->nallocs;
    unsigned char *set = set_new(c);
    mark_down(c->rt, from, deps, set);
    bool yes = set[to];
    release(c, mark);
    return yes;
}

/* Alembic's _shares_lineage: x is an ancestor or a descendant of (or
   is) one of against. */
static bool shares_lineage(struct pctx *c, int x, const struct ilist *against, bool deps)
{
    if (against->n == 0)
        return true;
    for (int i = 0; i < against->n; i++)
        if (against->v[i] >= 0 &&
            (reaches(c, x, against->v[i], deps) || reaches(c, against->v[i], x, deps)))
            return true;
    return false;
}

static const char *rev_id(const struct rt *rt, int r)
{
    return r == PLAN_BASE ? "base" : r < 0 ? "<base>" : migc_rev_id(rt->p, r);
}

static int fail_resolve(struct pctx *c, const char *what)
{
    err_set(c->e, EXIT_USAGE, "Can't locate revision identified by '%s'", what);
    err_hint(c->e, "No revision, unique prefix of one or branch label matches it; run "
                   "'history' to list the revisions this migrator knows.");
    return -1;
}

/* Alembic crashes here (an internal error); the migrator refuses. */
static int fail_internal(struct pctx *c, const char *why)
{
    err_set(c->e, EXIT_USAGE, "cannot resolve '%s' on this revision graph: %s", c->word, why);
    err_detail(c->e, "Alembic stops with an internal error on this target and graph; the "
                     "database was left as it was.");
    err_hint(c->e, "Name the revision to move to by its id.");
    return -1;
}

static int fail_plain(struct pctx *c, const char *msg)
{
    err_set(c->e, EXIT_USAGE, "%s", msg);
    return -1;
}

/* ---- names ----------------------------------------------------------- */

/* The key map Alembic resolves names in: ids, then labels. Exact. */
static int map_lookup(const struct rt *rt, const char *key)
{
    int r = revgraph_find(rt, key);
    return r >= 0 ? r : revgraph_find_label(rt, key);
}

static int ident(struct pctx *c, const char *word, const char *branch, int *out);

/* _resolve_branch: a label or id, else a unique prefix. */
static int resolve_branch(struct pctx *c, const char *branch, int *out)
{
    int r = map_lookup(c->rt, branch);
    if (r >= 0) {
        *out = r;
        return 0;
    }
    if (ident(c, branch, NULL, out) == 0)
        return 0;
    err_set(c->e, EXIT_USAGE, "No such branch: '%s'", branch);
    err_hint(c->e, "Before the @ goes a branch label or a revision; run 'branches' or "
                   "'history' to list them.");
    return -1;
}

static int filter_lineage(struct pctx *c, const struct ilist *in, const char *check, bool deps,
                          struct ilist *out);

/* _revision_for_ident: an id or label, else a unique prefix of one,
   checked against branch when given. Alembic takes prefixes only of keys
   longer than three characters; here any id's prefix counts, as the
   commands promise (labels keep Alembic's rule). */
static int ident(struct pctx *c, const char *word, const char *branch, int *out)
{
    struct rt *rt = c->rt;
    int br = -1;
    if (branch && resolve_branch(c, branch, &br))
        return -1;
    int r = map_lookup(rt, word);
    if (r < 0) {
        size_t len = strlen(word);
        struct ilist cand = ilist_new(c);
        int nkeys = 0;
        for (int k = 0; k < rt->n && len > 0; k++) {
            const struct migc_revision *x = &rt->p->revisions[rt->by_id[k]];
            if (strncmp(migc_string(rt->p, x->id), word, len) == 0) {
                cand.v[cand.n++] = rt->by_id[k];
                nkeys++;
            }
        }
        for (int i = 0; i < rt->n && len > 0; i++)
            for (int j = 0; j < rt->p->revisions[i].nlabels; j++) {
                const char *l = migc_string(rt->p, migc_list(rt->p, rt->p->revisions[i].labels)[j]);
                if (strlen(l) > 3 && strncmp(l, word, len) == 0) {
                    cand.v[cand.n++] = i;
                    nkeys++;
                }
            }
        if (br >= 0 && cand.n) {
            struct ilist kept = ilist_new(c);
            if (filter_lineage(c, &cand, branch, false, &kept))
                return -1;
            nkeys = kept.n;
            cand = kept;
        }
        if (nkeys == 0)
            return fail_resolve(c, word);
        if (nkeys > 1) {
            struct sb b = {0};
            for (int i = 0; i < cand.n; i++)
                sb_printf(&b, "%s%s", i ? ", " : "", migc_rev_id(rt->p, cand.v[i]));
            err_set(c->e, EXIT_USAGE, "revision prefix '%s' is ambiguous", word);
            err_detail(c->e, "It matches %s.", sb_str(&b));
            err_hint(c->e, "Give more characters of the revision id.");
            sb_free(&b);
            return -1;
        }
        r = cand.v[0];
    }
    if (br >= 0) {
        struct ilist against = {&br, 1};
        if (!shares_lineage(c, r, &against, false)) {
            err_set(c->e, EXIT_USAGE, "Revision %s is not a member of branch '%s'",
                    migc_rev_id(rt->p, r), branch);
            return -1;
        }
    }
    *out = r;
    return 0;
}

/* What _resolve_revision_number gives: a branch label and either
   revisions (heads, head) or one word still to resolve. */
struct resolved {
    const char *branch;
    const char *word;          /* NULL: revs holds the revisions */
    struct ilist revs;
};

static int current_head(struct pctx *c, const char *branch, struct ilist *out)
{
    struct rt *rt = c->rt;
    struct ilist heads = {rt->heads, rt->nheads};
    struct ilist f = ilist_new(c);
    if (branch) {
        if (filter_lineage(c, &heads, branch, false, &f))
            return -1;
    } else {
        f = heads;
    }
    if (f.n > 1) {
        struct sb b = {0};
        for (int i = 0; i < f.n; i++)
            sb_printf(&b, "%s%s", i ? ", " : "", migc_rev_id(rt->p, f.v[i]));
        if (branch)
            err_set(c->e, EXIT_USAGE, "Multiple heads detected for '%s@head': %s", branch,
                    sb_str(&b));
        else
            err_set(c->e, EXIT_USAGE, "Multiple heads detected: %s", sb_str(&b));
        err_hint(c->e, "Merge them (migc merge heads -m \"merge branches\"), or use "
                       "LABEL@head for one branch or 'heads' for all of them.");
        sb_free(&b);
        return -1;
    }
    *out = ilist_new(c);
    if (f.n == 1)
        out->v[out->n++] = f.v[0];
    return 0;
}

static int resolve_number(struct pctx *c, const char *word, struct resolved *res)
{
    struct rt *rt = c->rt;
    memset(res, 0, sizeof *res);
    const char *at = strchr(word, '@');
    if (at) {
        char *b = rt_strdup(rt, word);
        b[at - word] = '\0';
        res->branch = b;
        word = at + 1;
    }
    res->revs = ilist_new(c);
    if (strcmp(word, "heads") == 0) {
        if (res->branch) {
            struct ilist heads = {rt->heads, rt->nheads};
            return filter_lineage(c, &heads, res->branch, false, &res->revs);
        }
        for (int k = 0; k < rt->n; k++) {
            int i = rt->by_id[k];
            if (rt->revs[i].nchildren == 0 && rt->revs[i].ndependents == 0)
                res->revs.v[res->revs.n++] = i;
        }
        return 0;
    }
    if (strcmp(word, "head") == 0)
        return current_head(c, res->branch, &res->revs);
    if (strcmp(word, "base") == 0)
        return 0;
    res->word = word;
    return 0;
}

/* filter_for_lineage: the members of in that share lineage with what
   check names. */
static int filter_lineage(struct pctx *c, const struct ilist *in, const char *check, bool deps,
                          struct ilist *out)
{
    struct resolved res;
    *out = ilist_new(c);
    if (resolve_number(c, check, &res))
        return -1;
    struct ilist shares = ilist_new(c);
    if (in->n == 0)
        return 0;
    if (res.branch) {
        int r;
        if (ident(c, res.branch, NULL, &r))
            return -1;
        shares.v[shares.n++] = r;
    }
    if (res.word) {
        int r;
        if (ident(c, res.word, NULL, &r))
            return -1;
        shares.v[shares.n++] = r;
    } else {
        for (int i = 0; i < res.revs.n; i++)
            shares.v[shares.n++] = res.revs.v[i];
    }
    for (int i = 0; i < in->n; i++)
        if (in->v[i] >= 0 && shares_lineage(c, in->v[i], &shares, deps))
            out->v[out->n++] = in->v[i];
    return 0;
}

/* get_revision: exactly one revision, or PLAN_NONE for base. */
static int get_revision(struct pctx *c, const char *word, int *out)
{
    struct resolved res;
    if (resolve_number(c, word, &res))
        return -1;
    if (res.word)
        return ident(c, res.word, res.branch, out);
    if (res.revs.n > 1) {
        err_set(c->e, EXIT_USAGE, "Multiple heads detected for '%s'", word);
        err_hint(c->e, "Name one head, or use LABEL@head.");
        return -1;
    }
    if (res.revs.n == 0) {
        int ignored;
        if (res.branch && resolve_branch(c, res.branch, &ignored))
            return -1;
        *out = PLAN_NONE;
        return 0;
    }
    if (res.branch)
        return ident(c, migc_rev_id(c->rt->p, res.revs.v[0]), res.branch, out);
    *out = res.revs.v[0];
    return 0;
}

/* ---- branch labels ---------------------------------------------------- */

/* Whether revision r carries label after Alembic spreads labels: to the
   labelled revision's descendants (through revises) and, when those form
   one plain line, down its single-parent ancestors until a revision with
   several children or dependents, or a merge point. */
static bool has_label(struct pctx *c, int r, const char *label)
{
    struct rt *rt = c->rt;
    int l = revgraph_find_label(rt, label);
    if (l < 0)
        return false;
    int mark = c->nallocs;
    unsigned char *desc = set_new(c);
    mark_up(rt, &l, 1, false, desc);
    bool line = true;
    for (int i = l; i < rt->n && line; i++) {
        const struct rt_rev *x = &rt->revs[i];
        line = !desc[i] || (x->nchildren + x->ndependents <= 1 && x->nparents <= 1);
    }
    bool in = desc[r];
    release(c, mark);
    if (in)
        return true;
    if (!line)
        return false;
    for (int p = rt->revs[l].nparents == 1 ? rt->revs[l].parents[0] : -1; p >= 0;
         p = rt->revs[p].nparents == 1 ? rt->revs[p].parents[0] : -1) {
        const struct rt_rev *x = &rt->revs[p];
        if (x->nchildren + x->ndependents > 1 || x->nparents > 1)
            return false;
        if (p == r)
            return true;
    }
    return false;
}

/* ---- walking ---------------------------------------------------------- */

/* Alembic's _walk: steps up (> 0) or down from start, within branch's
   lineage when walking up. *out is PLAN_NONE when it walked too far. */
static int walk(struct pctx *c, int start, long steps, const char *branch, int *out)
{
    struct rt *rt = c->rt;
    int cur = start;
    long n = steps < 0 ? -steps : steps;
    int mark = c->nallocs;
    for (long s = 0; s < n; s++) {
        release(c, mark);
        struct ilist ch = ilist_new(c);
        if (steps > 0) {
            if (cur == PLAN_BASE)
                return fail_internal(c, "a walk up starts from base");
            struct ilist up = ilist_new(c);
            if (cur == PLAN_NONE)
                for (int k = 0; k < rt->nbases; k++)
                    up.v[up.n++] = rt->bases[k];
            else
                for (int k = 0; k < rt->revs[cur].nchildren; k++)
                    up.v[up.n++] = rt->revs[cur].children[k];
            if (branch) {
                if (filter_lineage(c, &up, branch, false, &ch))
                    return -1;
            } else {
                ch = up;
            }
        } else if (cur != PLAN_BASE) {
            if (cur == PLAN_NONE)
                for (int k = 0; k < rt->nheads; k++)
                    ch.v[ch.n++] = rt->heads[k];
            else
                for (int k = 0; k < rt->revs[cur].nparents; k++)
                    ch.v[ch.n++] = rt->revs[cur].parents[k];
            if (ch.n == 0)
                ch.v[ch.n++] = PLAN_BASE;
        }
        if (ch.n == 0) {
            *out = c->overwalk ? cur : PLAN_NONE;
            return 0;
        }
        if (ch.n > 1) {
            struct sb b = {0};
            for (int i = 0; i < ch.n; i++)
                sb_printf(&b, "%s%s", i ? ", " : "", rev_id(rt, ch.v[i]));
            err_set(c->e, EXIT_USAGE, "Relative revision %s is ambiguous", c->word);
            err_detail(c->e, "%s has several %s: %s.",
                       cur == PLAN_NONE ? (steps > 0 ? "The graph" : "The graph") : rev_id(rt, cur),
                       steps > 0 ? (cur == PLAN_NONE ? "roots" : "children")
                                 : (cur == PLAN_NONE ? "heads" : "parents"),
                       sb_str(&b));
            sb_free(&b);
            err_hint(c->e, "Use REV+N or REV-N from the revision you mean.");
            return -1;
        }
        cur = ch.v[0];
    }
    *out = cur;
    return 0;
}

/* The relative form (?:(.+?)@)?(\w+)?([+-]\d+), matched at the start. */
struct relative {
    const char *branch, *symbol;
    long n;
};

static bool word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || (unsigned char)ch >= 0x80;
}

static bool match_rel_at(struct rt *rt, const char *word, size_t from, struct relative *m)
{
    size_t i = from;
    while (word[i] && word_char(word[i]))
        i++;
    if ((word[i] != '+' && word[i] != '-') || !(word[i + 1] >= '0' && word[i + 1] <= '9'))
        return false;
    char *sym = NULL;
    if (i > from) {
        sym = rt_strdup(rt, word + from);
        sym[i - from] = '\0';
    }
    long v = 0;
    size_t k = i + 1;
    for (; word[k] >= '0' && word[k] <= '9'; k++)
        v = v > 100000000 ? v : v * 10 + (word[k] - '0');
    m->symbol = sym;
    m->n = word[i] == '-' ? -v : v;
    return true;
}

static bool match_relative(struct rt *rt, const char *word, struct relative *m)
{
    memset(m, 0, sizeof *m);
    if (match_rel_at(rt, word, 0, m))
        return true;
    for (size_t k = 1; word[0] && word[k]; k++)
        if (word[k] == '@' && match_rel_at(rt, word, k + 1, m)) {
            char *b = rt_strdup(rt, word);
            b[k] = '\0';
            m->branch = b;
            return true;
        }
    return false;
}

static int fail_count(struct pctx *c, long n)
{
    err_set(c->e, EXIT_USAGE, "Relative revision %s didn't produce %ld migrations", c->word,
            n < 0 ? -n : n);
    err_hint(c->e, "Upgrade takes +N and downgrade takes -N, counted from where the "
                   "database is; check 'current' and 'history'.");
    return -1;
}

static int get_revision_in(struct pctx *c, const char *branch, const char *symbol, int *out)
{
    if (!branch)
        return get_revision(c, symbol, out);
    return get_revision(c, rt_printf(c->rt, "%s@%s", branch, symbol), out);
}

static struct ilist down_revs(struct pctx *c, int x);

static int down_revs_max(const struct rt *rt, int x)
{
    return rt->revs[x].nparents + rt->revs[x].ndeps;
}

/* ---- downgrade ---------------------------------------------------------- */

/* _get_all_current: the current revisions and their ancestors, kept
   where no other of them descends (through revises). */
static struct ilist all_current(struct pctx *c, const int *cur, int ncur)
{
    struct rt *rt = c->rt;
    unsigned char *top = set_new(c);
    for (int i = 0; i < ncur; i++)
        mark_down(rt, cur[i], true, top);
    struct ilist out = ilist_new(c);
    unsigned char *d = set_new(c);
    for (int i = 0; i < rt->n; i++) {
        if (!top[i])
            continue;
        memset(d, 0, (size_t)rt->n + 1);
        mark_up(rt, &i, 1, false, d);
        bool other = false;
        for (int j = 0; j < rt->n && !other; j++)
            other = j != i && top[j] && d[j];
        if (!other)
            out.v[out.n++] = i;
    }
    return out;
}

static int parse_downgrade(struct pctx *c, const int *cur, int ncur, const char **branch,
                           int *target)
{
    struct rt *rt = c->rt;
    const char *word = c->word;
    struct relative m;
    *branch = NULL;
    if (match_relative(rt, word, &m)) {
        if (m.n >= 0) {
            if (!m.symbol)
                return fail_count(c, m.n);
            int start;
            if (get_revision(c, m.symbol, &start) || walk(c, start, m.n, m.branch, target))
                return -1;
            if (*target == PLAN_NONE)
                return fail_plain(c, rt_printf(rt, "Relative revision %s walked too far", word));
            *branch = m.branch;
            return 0;
        }
        const char *b = m.branch, *symbol = m.symbol;
        bool from_current = symbol == NULL;
        if (from_current) {
            if (b) {
                struct ilist cr = {(int *)cur, ncur}, sl;
                if (filter_lineage(c, &cr, b, false, &sl))
                    return -1;
                if (sl.n == 0) {
                    struct ilist all = all_current(c, cur, ncur);
                    if (filter_lineage(c, &all, b, false, &sl))
                        return -1;
                }
                if (sl.n != 1)
                    return sl.n == 0 ? fail_count(c, m.n)
                                     : fail_internal(c, "several current revisions are on "
                                                        "that branch");
                symbol = migc_rev_id(rt->p, sl.v[0]);
            } else {
                if (ncur == 0)
                    return fail_count(c, m.n);
                if (ncur > 1) {
                    struct sb s = {0};
                    for (int i = 0; i < ncur; i++)
                        sb_printf(&s, "%s%s", i ? ", " : "", migc_rev_id(rt->p, cur[i]));
                    err_set(c->e, EXIT_USAGE,
                            "Relative revision %s is ambiguous: the database has several heads",
                            word);
                    err_detail(c->e, "The database is at %s.", sb_str(&s));
                    err_hint(c->e, "Use REV%s or LABEL@%s to say which head to move from.", word,
                             word);
                    sb_free(&s);
                    return -1;
                }
                symbol = migc_rev_id(rt->p, cur[0]);
                b = symbol;
            }
        }
        int start;
        if (get_revision_in(c, b, symbol, &start) || walk(c, start, m.n, NULL, target))
            return -1;
        if (*target == PLAN_NONE)
            return from_current ? fail_count(c, m.n)
                                : fail_plain(c, rt_printf(rt, "Relative revision %s walked too "
                                                              "far", word));
        *branch = b;
        return 0;
    }
    const char *at = strrchr(word, '@');
    const char *symbol = word;
    if (at) {
        char *b = rt_strdup(rt, word);
        b[at - word] = '\0';
        *branch = *b ? b : NULL;
        symbol = at + 1;
    }
    return get_revision(c, symbol, target);
}

static int do_downgrade(struct pctx *c, const int *cur, int ncur,
                   unsigned char *set)
{
    struct rt *rt = c->rt;
    const char *word = c->word;
    struct migc_err *e = c->e;
    const char *branch;
    int target;
    memset(set, 0, (size_t)rt->n + 1);
    if (parse_downgrade(c, cur, ncur, &branch, &target))
        return -1;
    struct ilist roots = ilist_new(c);
    if (target < 0) {
        for (int i = 0; i < rt->n; i++)
            if (rt->revs[i].nparents == 0)
                roots.v[roots.n++] = i;
    } else {
        for (int k = 0; k < rt->revs[target].nchildren; k++)
            roots.v[roots.n++] = rt->revs[target].children[k];
    }
    if (branch && roots.n > 1) {
        int br;
        if (resolve_branch(c, branch, &br))
            return -1;
        unsigned char *anc = set_new(c);
        mark_down(rt, br, false, anc);
        struct ilist kept = ilist_new(c);
        for (int i = 0; i < roots.n; i++)
            if (anc[roots.v[i]])
                kept.v[kept.n++] = roots.v[i];
        if (kept.n == 0)
            return fail_plain(c, "Not a valid downgrade target from current heads");
        roots = kept;
    }
    unsigned char *active = set_new(c);
    for (int i = 0; i < ncur; i++)
        mark_down(rt, cur[i], true, active);
    mark_up(rt, roots.v, roots.n, true, set);
    bool any = false;
    for (int i = 0; i < rt->n; i++) {
        set[i] = set[i] && active[i];
        any |= set[i];
    }
    bool is_row = false;
    for (int i = 0; i < ncur; i++)
        is_row |= cur[i] == target;
    if (target >= 0 && !any && !is_row) {
        err_set(e, EXIT_USAGE,
                "Destination %s is not a valid downgrade target from current head(s)", word);
        err_detail(e, "Nothing at or above %s is applied.", migc_rev_id(rt->p, target));
        return -1;
    }
    return 0;
}

int plan_downgrade(struct rt *rt, const char *word, const int *cur, int ncur,
                   unsigned char *set, struct migc_err *e)
{
    struct pctx c = {rt, word, e, NULL, 0, 0, false};
    return finish(&c, do_downgrade(&c, cur, ncur, set));
}

/* ---- upgrade -------------------------------------------------------------- */

static int parse_upgrade(struct pctx *c, const int *cur, int ncur, struct ilist *targets)
{
    struct rt *rt = c->rt;
    struct relative m;
    *targets = ilist_new(c);
    if (!match_relative(rt, c->word, &m)) {
        struct resolved res;
        if (resolve_number(c, c->word, &res))
            return -1;
        if (res.word) {
            int r;
            if (ident(c, res.word, res.branch, &r))
                return -1;
            targets->v[targets->n++] = r;
        } else {
            for (int i = 0; i < res.revs.n; i++) {
                int r = res.revs.v[i];
                if (res.branch && ident(c, migc_rev_id(rt->p, r), res.branch, &r))
                    return -1;
                targets->v[targets->n++] = r;
            }
        }
        return 0;
    }
    int r;
    if (m.n > 0) {
        if (!m.symbol) {
            struct ilist start = ilist_new(c);
            for (int i = 0; i < ncur; i++)
                start.v[start.n++] = cur[i];
            if (m.branch) {
                struct ilist f;
                if (filter_lineage(c, &start, m.branch, false, &f))
                    return -1;
                if (f.n == 0) {
                    unsigned char *act = set_new(c);
                    for (int i = 0; i < ncur; i++)
                        mark_down(rt, cur[i], true, act);
                    struct ilist all = ilist_new(c), on;
                    for (int i = 0; i < rt->n; i++)
                        if (act[i])
                            all.v[all.n++] = i;
                    if (filter_lineage(c, &all, m.branch, false, &on))
                        return -1;
                    unsigned char *below = set_new(c);
                    for (int i = 0; i < on.n; i++) {
                        struct ilist d = down_revs(c, on.v[i]);
                        for (int j = 0; j < d.n; j++)
                            below[d.v[j]] = 1;
                    }
                    for (int i = 0; i < on.n; i++)
                        if (!below[on.v[i]])
                            f.v[f.n++] = on.v[i];
                }
                start = f;
            }
            if (start.n == 0)
                start.v[start.n++] = PLAN_NONE;
            if (start.n > 1)
                return fail_plain(c, "Ambiguous upgrade from multiple current revisions");
            if (walk(c, start.v[0], m.n, m.branch, &r))
                return -1;
            if (r == PLAN_NONE)
                return fail_count(c, m.n);
        } else {
            int start;
            if (get_revision(c, m.symbol, &start) || walk(c, start, m.n, m.branch, &r))
                return -1;
        }
    } else {
        if (!m.symbol)
            return fail_count(c, m.n);
        int start;
        if (get_revision_in(c, m.branch, m.symbol, &start) || walk(c, start, m.n, NULL, &r))
            return -1;
    }
    if (r == PLAN_NONE)
        return fail_count(c, m.n);
    if (r == PLAN_BASE)
        return fail_internal(c, "the walk reaches base, which upgrade cannot move to");
    targets->v[targets->n++] = r;
    return 0;
}

/* The "check" of Alembic's ancestor walk: no member may reach another. */
static int check_overlap(struct pctx *c, const int *v, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (i != j && reaches(c, v[i], v[j], true)) {
                err_set(c->e, EXIT_USAGE,
                        "Requested revision %s overlaps with other requested revisions %s",
                        migc_rev_id(c->rt->p, v[i]), migc_rev_id(c->rt->p, v[j]));
                return -1;
            }
    return 0;
}

static int do_upgrade(struct pctx *c, const int *cur, int ncur, unsigned char *set)
{
    struct rt *rt = c->rt;
    struct ilist targets;
    memset(set, 0, (size_t)rt->n + 1);
    if (parse_upgrade(c, cur, ncur, &targets) || check_overlap(c, targets.v, targets.n) ||
        check_overlap(c, cur, ncur))
        return -1;
    unsigned char *have = set_new(c);
    for (int i = 0; i < ncur; i++)
        mark_down(rt, cur[i], true, have);
    for (int i = 0; i < targets.n; i++)
        mark_down(rt, targets.v[i], true, set);
    for (int i = 0; i < rt->n; i++)
        set[i] = set[i] && !have[i];
    return 0;
}

int plan_upgrade(struct rt *rt, const char *word, const int *cur, int ncur, unsigned char *set,
                 struct migc_err *e)
{
    struct pctx c = {rt, word, e, NULL, 0, 0, false};
    return finish(&c, do_upgrade(&c, cur, ncur, set));
}

/* ---- the version rows, step by step ----------------------------------------- */

/* A revision's "normalized" down revisions: its parents, then the deps
   that no ancestor (through revises) already depends on. */
static struct ilist down_revs(struct pctx *c, int x)
{
    struct rt *rt = c->rt;
    struct ilist out = ilist_cap(c, rt->revs[x].nparents + rt->revs[x].ndeps);
    const struct rt_rev *r = &rt->revs[x];
    for (int j = 0; j < r->nparents; j++)
        ilist_add(&out, r->parents[j]);
    if (r->ndeps == 0)
        return out;
    unsigned char *anc = set_new(c);
    mark_down(rt, x, false, anc);
    unsigned char *covered = set_new(c);
    for (int i = 0; i < x; i++)
        if (anc[i])
            for (int j = 0; j < rt->revs[i].ndeps; j++)
                covered[rt->revs[i].deps[j]] = 1;
    for (int j = 0; j < r->ndeps; j++)
        if (!covered[r->deps[j]])
            ilist_add(&out, r->deps[j]);
    return out;
}

/* Alembic's HeadMaintainer over one row set: each helper fails where
   Alembic's would (a KeyError, an assertion, a row count that is not one). */
static int rows_insert(struct pctx *c, struct ilist *h, int x)
{
    if (ilist_has(h, x))
        return fail_internal(c, "a version row would be inserted twice");
    h->v[h->n++] = x;
    return 0;
}

static int rows_delete(struct pctx *c, struct ilist *h, int x)
{
    for (int i = 0; i < h->n; i++)
        if (h->v[i] == x) {
            h->v[i] = h->v[--h->n];
            return 0;
        }
    return fail_internal(c, "a version row to remove is not there");
}

static int rows_update(struct pctx *c, struct ilist *h, int from, int to)
{
    if (ilist_has(h, to))
        return fail_internal(c, "a version row would be written twice");
    return rows_delete(c, h, from) || rows_insert(c, h, to);
}

static struct ilist minus_ancestors_of_others(struct pctx *c, const struct ilist *h, int self,
                                              const struct ilist *from)
{
    struct rt *rt = c->rt;
    unsigned char *anc = set_new(c);
    for (int i = 0; i < h->n; i++)
        if (h->v[i] != self && !ilist_has(from, h->v[i]))
            mark_down(rt, h->v[i], true, anc);
    struct ilist out = ilist_cap(c, from->n);
    for (int i = 0; i < from->n; i++)
        if (!anc[from->v[i]])
            out.v[out.n++] = from->v[i];
    return out;
}

static int rows_step(struct pctx *c, struct ilist *h, int x, bool upgrade)
{
    struct rt *rt = c->rt;
    struct ilist down = down_revs(c, x);
    int nin = 0, in_one = -1;
    for (int i = 0; i < down.n; i++)
        if (ilist_has(h, down.v[i])) {
            nin++;
            in_one = down.v[i];
        }
    if (upgrade) {
        if (down.n == 0 || nin == 0)
            return rows_insert(c, h, x);
        if (down.n > 1 && nin > 1) {
            struct ilist from = minus_ancestors_of_others(c, h, -1, &down);
            if (from.n == 0)
                return fail_internal(c, "a merge finds no version row to update");
            for (int i = 0; i + 1 < from.n; i++)
                if (rows_delete(c, h, from.v[i]))
                    return -1;
            return rows_update(c, h, from.v[from.n - 1], x);
        }
        if (down.n != 1 && nin != 1)
            return fail_internal(c, "the version row to update is ambiguous");
        return rows_update(c, h, down.n == 1 ? down.v[0] : in_one, x);
    }
    bool is_row = ilist_has(h, x);
    struct ilist to = down;
    if (is_row && down.n && h->n > 1) {
        unsigned char *anc = set_new(c);
        for (int i = 0; i < h->n; i++)
            if (h->v[i] != x)
                mark_down(rt, h->v[i], true, anc);
        to = ilist_cap(c, down.n);
        for (int i = 0; i < down.n; i++)
            if (!anc[down.v[i]])
                to.v[to.n++] = down.v[i];
    }
    if (is_row && (down.n == 0 || to.n == 0))
        return rows_delete(c, h, x);
    if (is_row && down.n > 1) {
        for (int i = 0; i + 1 < to.n; i++)
            if (rows_insert(c, h, to.v[i]))
                return -1;
        return rows_update(c, h, x, to.v[to.n - 1]);
    }
    if (down.n != 1 && nin != 1)
        return fail_internal(c, "the version row to update is ambiguous");
    return rows_update(c, h, x, down.n == 1 ? down.v[0] : in_one);
}

/* Alembic's _topological_sort: the order it runs the revisions of set,
   walking down from heads (ties in id order, as Alembic's revision map
   is when its files are listed by name). Upgrades run it reversed. */
static struct ilist topo_order(struct pctx *c, const unsigned char *set, struct ilist heads)
{
    struct rt *rt = c->rt;
    int n = rt->n;
    unsigned char *todo = set_new(c);
    memcpy(todo, set, (size_t)n);
    int *rank = scratch(c, sizeof(int) * (size_t)(n + 1));
    for (int k = 0; k < n; k++)
        rank[rt->by_id[k]] = k;
    struct ilist cur = ilist_new(c), out = ilist_new(c);
    unsigned char **anc = scratch(c, sizeof *anc * (size_t)(n + 1));
    for (int i = 0; i < heads.n; i++)
        if (todo[heads.v[i]])
            ilist_add(&cur, heads.v[i]);
    for (int i = 1; i < cur.n; i++)          /* insertion sort by rank */
        for (int j = i; j > 0 && rank[cur.v[j]] < rank[cur.v[j - 1]]; j--) {
            int t = cur.v[j];
            cur.v[j] = cur.v[j - 1];
            cur.v[j - 1] = t;
        }
    for (int i = 0; i < cur.n; i++) {
        anc[i] = calloc((size_t)n + 1, 1);
        if (!anc[i])
            abort();
        mark_down(rt, cur.v[i], true, anc[i]);
    }
    int idx = 0;
    while (cur.n) {
        int cand = cur.v[idx], other = -1;
        for (int k = 0; k < cur.n && other < 0; k++)
            if (k != idx && anc[k][cand])
                other = k;
        if (other >= 0) {
            idx = other;
            continue;
        }
        if (todo[cand]) {
            out.v[out.n++] = cand;
            todo[cand] = 0;
        }
        int mark = c->nallocs;
        struct ilist down = down_revs(c, cand), add = ilist_cap(c, down_revs_max(rt, cand));
        for (int k = 0; k < down.n; k++)
            if (todo[down.v[k]] && !ilist_has(&cur, down.v[k]))
                add.v[add.n++] = down.v[k];
        if (add.n == 0) {
            free(anc[idx]);
            for (int k = idx; k + 1 < cur.n; k++) {
                cur.v[k] = cur.v[k + 1];
                anc[k] = anc[k + 1];
            }
            cur.n--;
            idx = idx > 0 ? idx - 1 : 0;
        } else {
            cur.v[idx] = add.v[0];
            if (down.n == 1 && rt->revs[cand].nparents == 1) {
                anc[idx][cand] = 0;
            } else {
                memset(anc[idx], 0, (size_t)n + 1);
                mark_down(rt, add.v[0], true, anc[idx]);
                for (int k = 1; k < add.n; k++) {
                    cur.v[cur.n] = add.v[k];
                    anc[cur.n] = calloc((size_t)n + 1, 1);
                    if (!anc[cur.n])
                        abort();
                    mark_down(rt, add.v[k], true, anc[cur.n]);
                    cur.n++;
                }
            }
        }
        release(c, mark);
    }
    return out;
}

static int do_check_rows(struct pctx *c, const int *cur, int ncur, const unsigned char *set,
                         bool upgrade, int *order, int *norder)
{
    struct rt *rt = c->rt;
    struct ilist h = ilist_new(c), heads = ilist_new(c);
    for (int i = 0; i < ncur; i++)
        h.v[h.n++] = cur[i];
    if (upgrade) {
        /* The targets still to apply: what nothing else in set reaches. */
        unsigned char *below = set_new(c);
        for (int i = 0; i < rt->n; i++)
            if (set[i]) {
                const struct rt_rev *x = &rt->revs[i];
                for (int j = 0; j < x->nparents; j++)
                    below[x->parents[j]] = 1;
                for (int j = 0; j < x->ndeps; j++)
                    below[x->deps[j]] = 1;
            }
        for (int i = 0; i < rt->n; i++)
            if (set[i] && !below[i])
                heads.v[heads.n++] = i;
    } else {
        for (int i = 0; i < ncur; i++)
            if (set[cur[i]])
                heads.v[heads.n++] = cur[i];
    }
    struct ilist seq = topo_order(c, set, heads);
    *norder = seq.n;
    for (int k = 0; k < seq.n; k++)
        order[k] = seq.v[upgrade ? seq.n - 1 - k : k];
    int mark = c->nallocs;
    for (int k = 0; k < seq.n; k++) {
        if (rows_step(c, &h, order[k], upgrade))
            return -1;
        release(c, mark);
    }
    return 0;
}

int plan_check_rows(struct rt *rt, const char *word, const int *cur, int ncur,
                    const unsigned char *set, bool upgrade, int *order, int *norder,
                    struct migc_err *e)
{
    struct pctx c = {rt, word, e, NULL, 0, 0, false};
    return finish(&c, do_check_rows(&c, cur, ncur, set, upgrade, order, norder));
}

/* ---- stamp ------------------------------------------------------------------ */

/* get_revisions (stamp's destinations, history's lower end): LABEL@-N and
   -N walk down from the heads that nothing depends on (those carrying the
   label); else revisions by name. */
static int stamp_dests(struct pctx *c, struct ilist *dests)
{
    struct rt *rt = c->rt;
    struct resolved res;
    *dests = ilist_new(c);
    if (resolve_number(c, c->word, &res))
        return -1;
    if (res.word) {
        const char *w = res.word;
        const char *d = w + (*w == '-' || *w == '+');
        bool num = *d != '\0';
        for (const char *p = d; *p; p++)
            num &= *p >= '0' && *p <= '9';
        if (num && *w == '-' && strspn(d, "0") != strlen(d)) {
            long n = strtol(w, NULL, 10);
            for (int k = 0; k < rt->n; k++) {
                int i = rt->by_id[k];
                if (rt->revs[i].nchildren || rt->revs[i].ndependents)
                    continue;
                if (res.branch && !has_label(c, i, res.branch))
                    continue;
                int r;
                if (walk(c, i, n, NULL, &r))
                    return -1;
                dests->v[dests->n++] = r;
            }
            return 0;
        }
        int r;
        if (ident(c, w, res.branch, &r))
            return -1;
        dests->v[dests->n++] = r;
        return 0;
    }
    for (int i = 0; i < res.revs.n; i++) {
        int r = res.revs.v[i];
        if (res.branch && ident(c, migc_rev_id(rt->p, r), res.branch, &r))
            return -1;
        dests->v[dests->n++] = r;
    }
    return 0;
}

static int do_stamp(struct pctx *c, const int *cur, int ncur, int *rows, int *nrows)
{
    struct rt *rt = c->rt;
    const char *word = c->word;
    struct ilist heads = ilist_new(c);
    for (int i = 0; i < ncur; i++)
        heads.v[heads.n++] = cur[i];
    struct ilist filtered, dests;
    if (filter_lineage(c, &heads, word, true, &filtered) || stamp_dests(c, &dests))
        return -1;
    if (dests.n == 0)
        dests.v[dests.n++] = PLAN_NONE;
    struct ilist h = heads;
    for (int k = 0; k < dests.n; k++) {
        int d = dests.v[k];
        if (d == PLAN_NONE) {
            for (int i = 0; i < filtered.n; i++)
                if (rows_delete(c, &h, filtered.v[i]))
                    return -1;
            continue;
        }
        if (d == PLAN_BASE)
            return fail_internal(c, "the walk reaches base");
        if (ilist_has(&filtered, d))
            continue;
        unsigned char *desc = set_new(c), *anc = set_new(c);
        mark_up(rt, &d, 1, true, desc);
        mark_down(rt, d, true, anc);
        bool above = false, below = false;
        for (int i = 0; i < filtered.n; i++) {
            above |= desc[filtered.v[i]] != 0;
            below |= anc[filtered.v[i]] != 0;
        }
        if ((above && below) || (!above && !below)) {
            if (above)
                return fail_internal(c, "the current revisions lie both above and below it");
            /* A new branch: inserted when not a row already. */
            if (ilist_has(&h, d))
                return fail_internal(c, "the version row to update is ambiguous");
            h.v[h.n++] = d;
            continue;
        }
        if (filtered.n == 0)
            return fail_internal(c, "no version row to update");
        bool missing = false;
        for (int i = 0; i < filtered.n; i++)
            missing |= !ilist_has(&h, filtered.v[i]);
        if (below && missing && !ilist_has(&h, d)) {
            h.v[h.n++] = d;
            continue;
        }
        for (int i = 0; i + 1 < filtered.n; i++)
            if (rows_delete(c, &h, filtered.v[i]))
                return -1;
        if (rows_update(c, &h, filtered.v[filtered.n - 1], d))
            return -1;
    }
    memcpy(rows, h.v, sizeof(int) * (size_t)h.n);
    *nrows = h.n;
    return 0;
}

int plan_stamp(struct rt *rt, const char *word, const int *cur, int ncur, int *rows, int *nrows,
               struct migc_err *e)
{
    struct pctx c = {rt, word, e, NULL, 0, 0, false};
    return finish(&c, do_stamp(&c, cur, ncur, rows, nrows));
}

int plan_revision(struct rt *rt, const char *word, int *rev, struct migc_err *e)
{
    struct pctx c = {rt, word, e, NULL, 0, 0, false};
    int rc = finish(&c, get_revision(&c, word, rev));
    if (rc == 0 && *rev < 0) {
        err_set(e, EXIT_USAGE, "'%s' names no single revision", word);
        return -1;
    }
    return rc;
}

/* ---- offline ranges ----------------------------------------------------------- */

/* Alembic's offline mode: the database is taken to be at FROM, read by
   get_revision, as its one version row; base (or no FROM) is an empty
   table. */
static int offline_from(struct pctx *c, const char *from, int *cur, int *ncur)
{
    *ncur = 0;
    if (!from || strcmp(from, "base") == 0)
        return 0;
    int r;
    if (get_revision(c, from, &r))
        return -1;
    if (r < 0) {
        /* Alembic stops on an internal error (None has no revision). */
        err_set(c->e, EXIT_USAGE, "the start of the range '%s' names no single revision", from);
        err_hint(c->e, "Start an offline range at base or at one revision.");
        return -1;
    }
    cur[(*ncur)++] = r;
    return 0;
}

int plan_offline(struct rt *rt, const char *range, bool upgrade, int *cur, int *ncur, int *order,
                 int *norder, struct migc_err *e)
{
    const char *colon = strchr(range, ':');
    char *from = NULL;
    const char *to = range;
    if (colon) {
        from = rt_strdup(rt, range);
        from[colon - range] = '\0';
        to = colon + 1;
    }
    *norder = 0;
    if (colon && strchr(to, ':')) {
        err_set(e, EXIT_USAGE, "the range '%s' has more than one ':'", range);
        err_hint(e, "Write the range as FROM:TO.");
        return -1;
    }
    struct pctx c = {rt, from ? from : "base", e, NULL, 0, 0, false};
    if (finish(&c, offline_from(&c, from, cur, ncur)))
        return -1;
    unsigned char *set = rt_alloc(rt, (size_t)rt->n + 1);
    return (upgrade ? plan_upgrade(rt, to, cur, *ncur, set, e)
                    : plan_downgrade(rt, to, cur, *ncur, set, e)) ||
                   plan_check_rows(rt, to, cur, *ncur, set, upgrade, order, norder, e)
               ? -1
               : 0;
}

/* ---- history ranges ------------------------------------------------------------ */

/* Alembic's walk_revisions(START, END): _collect_upgrade_revisions with
   upper END, lower START, inclusive and without an implicit base. */
static int do_history(struct pctx *c, const char *start, const char *end, unsigned char *set)
{
    struct rt *rt = c->rt;
    memset(set, 0, (size_t)rt->n + 1);
    struct ilist lower = ilist_new(c), targets;
    if (strcmp(start, "base") != 0) {
        c->word = start;
        if (stamp_dests(c, &lower))
            return -1;
        for (int i = 0; i < lower.n; i++)
            if (lower.v[i] < 0)
                return fail_internal(c, "the start of the range names no revision");
    }
    c->word = end;
    if (parse_upgrade(c, lower.v, lower.n, &targets) || check_overlap(c, targets.v, targets.n))
        return -1;
    const char *at = strchr(start, '@');
    if (at) {
        /* Only the targets on the start's branch, read as a label. */
        char *branch = rt_strdup(rt, start);
        branch[at - start] = '\0';
        int br = revgraph_find(rt, branch);
        if (br >= 0) {
            if (rt->p->revisions[br].nlabels != 1) {
                c->word = start;
                return fail_internal(c, "the start of the range is a revision without one "
                                        "branch label");
            }
            branch = (char *)migc_string(rt->p, migc_list(rt->p, rt->p->revisions[br].labels)[0]);
        }
        struct ilist kept = ilist_new(c);
        for (int i = 0; i < targets.n; i++)
            if (targets.v[i] >= 0 && has_label(c, targets.v[i], branch))
                kept.v[kept.n++] = targets.v[i];
        targets = kept;
    }
    unsigned char *required = set_new(c), *have = set_new(c), *above = set_new(c);
    for (int i = 0; i < targets.n; i++)
        mark_down(rt, targets.v[i], true, required);
    for (int i = 0; i < lower.n; i++)
        if (!required[lower.v[i]]) {
            err_set(c->e, EXIT_USAGE,
                    "Requested range %s:%s does not refer to ancestor/descendant revisions "
                    "along the same branch",
                    start, end);
            return -1;
        }
    for (int i = 0; i < lower.n; i++)
        mark_down(rt, lower.v[i], true, have);
    mark_up(rt, lower.v, lower.n, false, above);
    for (int i = 0; i < rt->n; i++)
        set[i] = (required[i] && !have[i]) || ilist_has(&lower, i);
    int nset = 0;
    for (int i = 0; i < rt->n; i++) {
        set[i] = set[i] && (lower.n == 0 || above[i]);
        nset += set[i];
    }
    /* Alembic lists them in its topological order from the targets, and
       stops (an assertion) when that walk leaves some out. */
    if (topo_order(c, set, targets).n != nset)
        return fail_internal(c, "its order from the end of the range leaves revisions out");
    return 0;
}

int plan_history(struct rt *rt, const char *start, const char *end, unsigned char *set,
                 struct migc_err *e)
{
    struct pctx c = {rt, end, e, NULL, 0, 0, true};
    return finish(&c, do_history(&c, start, end, set));
}
