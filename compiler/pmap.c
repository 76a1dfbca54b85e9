#include "pmap.h"

#include <stdint.h>

/* Four pointers and nothing else: a schema history keeps every path copy
   of every revision, so node size is most of its memory. The priority is
   recomputed from the key where it is needed, which is only along the
   path an edit walks. */
struct pmap_node {
    const char *key;
    const void *value;
    const struct pmap_node *left, *right;
};

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Not strcasecmp: the order must agree byte for byte with key_prio's
   folding whatever the locale, or the heap order would break. */
int pmap_key_cmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (;; p++, q++) {
        unsigned char x = fold(*p), y = fold(*q);
        if (x != y || !x)
            return (x > y) - (x < y);
    }
}

/* FNV-1a over the folded key, then a finalizer because FNV's high bits,
   which decide the heap order, mix poorly for short keys. */
static uint32_t key_prio(const char *key)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= fold(*p);
        h *= 16777619u;
    }
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

/* Heap order. Ties on the hash are broken by the key, so the order is
   total and the shape still depends on the key set alone. */
static bool above(uint32_t pa, const char *ka, uint32_t pb, const char *kb)
{
    if (pa != pb)
        return pa > pb;
    return pmap_key_cmp(ka, kb) < 0;
}

static bool node_above(const struct pmap_node *x, const struct pmap_node *y)
{
    return above(key_prio(x->key), x->key, key_prio(y->key), y->key);
}

static const struct pmap_node *mk(struct arena *a, const char *key, const void *value,
                                  const struct pmap_node *l, const struct pmap_node *r)
{
    struct pmap_node *n = arena_alloc(a, sizeof *n);
    n->key = key;
    n->value = value;
    n->left = l;
    n->right = r;
    return n;
}

/* n with new children; n itself when they did not change, which is what
   keeps untouched subtrees (and whole maps) pointer-equal. */
static const struct pmap_node *with(struct arena *a, const struct pmap_node *n,
                                    const struct pmap_node *l, const struct pmap_node *r)
{
    if (l == n->left && r == n->right)
        return n;
    return mk(a, n->key, n->value, l, r);
}

/* Splits n into the keys below and above key; *mid gets the node holding
   key itself, or NULL. */
static void split(struct arena *a, const struct pmap_node *n, const char *key,
                  const struct pmap_node **l, const struct pmap_node **r,
                  const struct pmap_node **mid)
{
    if (!n) {
        *l = *r = *mid = NULL;
        return;
    }
    int c = pmap_key_cmp(key, n->key);
    const struct pmap_node *t;
    if (c == 0) {
        *l = n->left;
        *r = n->right;
        *mid = n;
    } else if (c < 0) {
        split(a, n->left, key, l, &t, mid);
        *r = with(a, n, t, n->right);
    } else {
        split(a, n->right, key, &t, r, mid);
        *l = with(a, n, n->left, t);
    }
}

/* Joins two treaps whose keys are all below (l) and above (r). */
static const struct pmap_node *join(struct arena *a, const struct pmap_node *l,
                                    const struct pmap_node *r)
{
    if (!l)
        return r;
    if (!r)
        return l;
    if (node_above(l, r))
        return with(a, l, l->left, join(a, l->right, r));
    return with(a, r, join(a, l, r->left), r->right);
}

static const struct pmap_node *find(struct pmap m, const char *key)
{
    for (const struct pmap_node *n = m.root; n;) {
        int c = pmap_key_cmp(key, n->key);
        if (c == 0)
            return n;
        n = c < 0 ? n->left : n->right;
    }
    return NULL;
}

const void *pmap_get(struct pmap m, const char *key)
{
    const struct pmap_node *n = find(m, key);
    return n ? n->value : NULL;
}

const char *pmap_key(struct pmap m, const char *key)
{
    const struct pmap_node *n = find(m, key);
    return n ? n->key : NULL;
}

static int count(const struct pmap_node *n)
{
    int c = 0;
    for (; n; n = n->right)
        c += 1 + count(n->left);
    return c;
}

int pmap_count(struct pmap m)
{
    return count(m.root);
}

static const struct pmap_node *put(struct arena *a, const struct pmap_node *n, const char *key,
                                   const void *value, uint32_t prio)
{
    if (!n)
        return mk(a, key, value, NULL, NULL);
    int c = pmap_key_cmp(key, n->key);
    if (c == 0) {
        if (n->key == key && n->value == value)
            return n;
        return mk(a, key, value, n->left, n->right);
    }
    if (above(prio, key, key_prio(n->key), n->key)) {
        /* key cannot be below n: it would outrank n there. */
        const struct pmap_node *l, *r, *mid;
        split(a, n, key, &l, &r, &mid);
        return mk(a, key, value, l, r);
    }
    if (c < 0)
        return with(a, n, put(a, n->left, key, value, prio), n->right);
    return with(a, n, n->left, put(a, n->right, key, value, prio));
}

struct pmap pmap_put(struct arena *a, struct pmap m, const char *key, const void *value)
{
    return (struct pmap){put(a, m.root, key, value, key_prio(key))};
}

static const struct pmap_node *del(struct arena *a, const struct pmap_node *n, const char *key)
{
    if (!n)
        return NULL;
    int c = pmap_key_cmp(key, n->key);
    if (c == 0)
        return join(a, n->left, n->right);
    if (c < 0)
        return with(a, n, del(a, n->left, key), n->right);
    return with(a, n, n->left, del(a, n->right, key));
}

struct pmap pmap_remove(struct arena *a, struct pmap m, const char *key)
{
    return (struct pmap){del(a, m.root, key)};
}

static void each(const struct pmap_node *n, pmap_visit_fn *fn, void *ctx)
{
    while (n) {
        each(n->left, fn, ctx);
        fn(ctx, n->key, n->value);
        n = n->right;
    }
}

void pmap_each(struct pmap m, pmap_visit_fn *fn, void *ctx)
{
    each(m.root, fn, ctx);
}

/* <0, 0, >0 as key sorts before, among or after the keys that start with
   prefix then sep; those are contiguous in key order. */
static int prefix_cmp(const char *key, const char *prefix, char sep)
{
    const unsigned char *p = (const unsigned char *)key, *q = (const unsigned char *)prefix;
    for (; *q; p++, q++) {
        unsigned char x = fold(*p), y = fold(*q);
        if (x != y)
            return (x > y) - (x < y);
    }
    unsigned char x = fold(*p), y = fold((unsigned char)sep);
    return (x > y) - (x < y);
}

static void prefix(const struct pmap_node *n, const char *pre, char sep, pmap_visit_fn *fn,
                   void *ctx)
{
    while (n) {
        int c = prefix_cmp(n->key, pre, sep);
        if (c >= 0)
            prefix(n->left, pre, sep, fn, ctx);
        if (c == 0)
            fn(ctx, n->key, n->value);
        if (c > 0)
            return;
        n = n->right;
    }
}

void pmap_prefix(struct pmap m, const char *pre, char sep, pmap_visit_fn *fn, void *ctx)
{
    prefix(m.root, pre, sep, fn, ctx);
}

/* Reports every entry of n as present on one side only. */
static void one_side(const struct pmap_node *n, bool in_b, pmap_diff_fn *fn, void *ctx)
{
    while (n) {
        one_side(n->left, in_b, fn, ctx);
        if (in_b)
            fn(ctx, n->key, NULL, n->value);
        else
            fn(ctx, n->key, n->value, NULL);
        n = n->right;
    }
}

static void diff(struct arena *ar, const struct pmap_node *a, const struct pmap_node *b,
                 pmap_diff_fn *fn, void *ctx)
{
    if (a == b)
        return;
    if (!a || !b) {
        one_side(a ? a : b, b != NULL, fn, ctx);
        return;
    }
    if (pmap_key_cmp(a->key, b->key) == 0) {
        diff(ar, a->left, b->left, fn, ctx);
        if (a->value != b->value)
            fn(ctx, b->key, a->value, b->value);
        diff(ar, a->right, b->right, fn, ctx);
        return;
    }
    /* The higher root's key is absent from the other tree (it would be
       that tree's root); split the other tree around it. */
    const struct pmap_node *l, *r, *mid;
    if (node_above(a, b)) {
        split(ar, b, a->key, &l, &r, &mid);
        diff(ar, a->left, l, fn, ctx);
        const void *vb = mid ? mid->value : NULL;
        if (a->value != vb)
            fn(ctx, mid ? mid->key : a->key, a->value, vb);
        diff(ar, a->right, r, fn, ctx);
    } else {
        split(ar, a, b->key, &l, &r, &mid);
        diff(ar, l, b->left, fn, ctx);
        const void *va = mid ? mid->value : NULL;
        if (va != b->value)
            fn(ctx, b->key, va, b->value);
        diff(ar, r, b->right, fn, ctx);
    }
}

void pmap_diff(struct arena *ar, struct pmap a, struct pmap b, pmap_diff_fn *fn, void *ctx)
{
    diff(ar, a.root, b.root, fn, ctx);
}

static const struct pmap_node *merge3(struct arena *ar, const struct pmap_node *b,
                                      const struct pmap_node *o, const struct pmap_node *t,
                                      pmap_resolve_fn *resolve, void *ctx)
{
    if (o == t || b == t)
        return o;
    if (b == o)
        return t;
    /* The highest root is the root of the result (its key outranks every
       key of the three trees); the others are split around it. */
    const struct pmap_node *top = NULL;
    const struct pmap_node *trees[3] = {b, o, t};
    for (int i = 0; i < 3; i++)
        if (trees[i] && (!top || node_above(trees[i], top)))
            top = trees[i];
    const char *k = top->key;
    const struct pmap_node *bl, *br, *bm, *ol, *or_, *om, *tl, *tr, *tm;
    split(ar, b, k, &bl, &br, &bm);
    split(ar, o, k, &ol, &or_, &om);
    split(ar, t, k, &tl, &tr, &tm);
    const struct pmap_node *l = merge3(ar, bl, ol, tl, resolve, ctx);

    const void *vb = bm ? bm->value : NULL;
    const void *vo = om ? om->value : NULL;
    const void *vt = tm ? tm->value : NULL;
    const void *v;
    if (vo == vt || vb == vt)
        v = vo;
    else if (vb == vo)
        v = vt;
    else
        v = resolve(ctx, om ? om->key : tm ? tm->key : bm->key, vb, vo, vt);
    /* The right side after resolving k, so that resolve runs in key order. */
    const struct pmap_node *r = merge3(ar, br, or_, tr, resolve, ctx);
    if (!v)
        return join(ar, l, r);
    if (om == o && vo == v && o->left == l && o->right == r)
        return o;
    if (tm == t && vt == v && t->left == l && t->right == r)
        return t;
    /* Keep the spelling of the side whose value won. */
    const char *key = om && vo == v ? om->key : tm && vt == v ? tm->key : k;
    return mk(ar, key, v, l, r);
}

struct pmap pmap_merge3(struct arena *ar, struct pmap base, struct pmap ours,
                        struct pmap theirs, pmap_resolve_fn *resolve, void *ctx)
{
    return (struct pmap){merge3(ar, base.root, ours.root, theirs.root, resolve, ctx)};
}
