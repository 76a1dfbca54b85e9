#include "schema_merge.h"

#include <stdlib.h>
#include <string.h>

#include "pmap.h"
#include "schema_compare.h"
#include "schema_describe.h"

struct merge {
    struct arena *a;
    struct vec *conflicts;
};

static void add_conflict(struct merge *m, const char *object, const char *ours,
                         const char *theirs, struct loc ours_loc, struct loc theirs_loc)
{
    struct schema_conflict *c = arena_alloc(m->a, sizeof *c);
    c->object = object;
    c->ours = ours;
    c->theirs = theirs;
    c->ours_loc = ours_loc;
    c->theirs_loc = theirs_loc;
    vec_push(m->a, m->conflicts, c);
}

/* Where a side last touched an element, or its table when the side
   dropped the element (the drop itself is not recorded). */
static struct loc side_loc(const struct loc *elem, const struct table *t)
{
    if (elem)
        return *elem;
    if (t)
        return t->loc;
    return (struct loc){0};
}

/* One column of a table changed on both sides: the merged column (NULL:
   dropped). */
static const struct column *merge_column(struct merge *m, const struct table *o,
                                         const struct table *t, const struct column *cb,
                                         const struct column *co, const struct column *ct)
{
    if (schema_column_eq(co, ct) || schema_column_eq(cb, ct))
        return co;
    if (schema_column_eq(cb, co))
        return ct;
    struct arena *a = m->a;
    const char *name = co ? co->name : ct->name;
    add_conflict(m, schema_describe_object_column(a, o->name, name), co ? schema_describe_column(a, co) : "dropped",
                 ct ? schema_describe_column(a, ct) : "dropped", side_loc(co ? &co->loc : NULL, o),
                 side_loc(ct ? &ct->loc : NULL, t));
    return co;
}

static const struct constraint *merge_constraint(struct merge *m, const struct table *o,
                                                 const struct table *t,
                                                 const struct constraint *kb,
                                                 const struct constraint *ko,
                                                 const struct constraint *kt)
{
    if (schema_constraint_eq(ko, kt) || schema_constraint_eq(kb, kt))
        return ko;
    if (schema_constraint_eq(kb, ko))
        return kt;
    struct arena *a = m->a;
    const char *name = ko ? ko->name : kt->name;
    add_conflict(m, schema_describe_object_constraint(a, o->name, name),
                 ko ? schema_describe_constraint(a, ko) : "dropped",
                 kt ? schema_describe_constraint(a, kt) : "dropped", side_loc(ko ? &ko->loc : NULL, o),
                 side_loc(kt ? &kt->loc : NULL, t));
    return ko;
}

static int conflict_order(const void *x, const void *y)
{
    const struct schema_conflict *const *p = x, *const *q = y;
    return pmap_key_cmp((*p)->object, (*q)->object);
}

/* Conflicts from first on come out in name order, as diffs do, not in
   the order the columns happen to be defined in. */
static void sort_conflicts(struct merge *m, int first)
{
    int n = m->conflicts->n - first;
    if (n > 1)
        qsort(m->conflicts->items + first, (size_t)n, sizeof *m->conflicts->items, conflict_order);
}

/* A table both sides kept but changed differently: merged column by
   column and constraint by constraint. Ours' order first, then what only
   theirs has, in theirs' order. */
static const struct table *merge_table(struct merge *m, const struct table *b,
                                       const struct table *o, const struct table *t)
{
    struct arena *a = m->a;
    struct table *r = arena_alloc(a, sizeof *r);
    *r = *o;
    r->cols = arena_alloc(a, (size_t)(o->ncols + t->ncols + 1) * sizeof *r->cols);
    r->cons = arena_alloc(a, (size_t)(o->ncons + t->ncons + 1) * sizeof *r->cons);
    r->ncols = r->ncons = 0;
    bool changed = false;
    int first = m->conflicts->n;
    for (int i = 0; i < o->ncols; i++) {
        const struct column *co = o->cols[i];
        const struct column *c = merge_column(m, o, t, table_find_column(b, co->name), co,
                                              table_find_column(t, co->name));
        changed |= c != co;
        if (c)
            r->cols[r->ncols++] = c;
    }
    for (int i = 0; i < t->ncols; i++) {
        const struct column *ct = t->cols[i];
        if (table_find_column(o, ct->name))
            continue;
        const struct column *c = merge_column(m, o, t, table_find_column(b, ct->name), NULL, ct);
        changed |= c != NULL;
        if (c)
            r->cols[r->ncols++] = c;
    }
    sort_conflicts(m, first);
    first = m->conflicts->n;
    for (int i = 0; i < o->ncons; i++) {
        const struct constraint *ko = o->cons[i];
        const struct constraint *k = merge_constraint(
            m, o, t, table_find_constraint(b, ko->name), ko, table_find_constraint(t, ko->name));
        changed |= k != ko;
        if (k)
            r->cons[r->ncons++] = k;
    }
    for (int i = 0; i < t->ncons; i++) {
        const struct constraint *kt = t->cons[i];
        if (table_find_constraint(o, kt->name))
            continue;
        const struct constraint *k =
            merge_constraint(m, o, t, table_find_constraint(b, kt->name), NULL, kt);
        changed |= k != NULL;
        if (k)
            r->cons[r->ncons++] = k;
    }
    sort_conflicts(m, first);
    return changed ? r : o;
}

/* What one side did to a table, for a conflict with a drop: the first
   difference from base. */
static const char *describe_change(struct arena *a, const struct table *b, const struct table *t)
{
    struct vec diffs = {0};
    if (!schema_compare_tables(a, b, t, &diffs))
        return "altered";
    const struct schema_diff *d = VEC_AT(diffs, 0, const struct schema_diff *);
    const char *what = !strcmp(d->kind, "extra") ? "added"
                     : !strcmp(d->kind, "missing") ? "dropped" : "changed";
    return arena_printf(a, "altered (%s %s)", d->object, what);
}

static const void *resolve_table(void *ctx, const char *key, const void *vb, const void *vo,
                                 const void *vt)
{
    (void)key;
    struct merge *m = ctx;
    struct arena *a = m->a;
    const struct table *b = vb, *o = vo, *t = vt;
    if (schema_table_eq(o, t) || schema_table_eq(b, t))
        return o;
    if (schema_table_eq(b, o))
        return t;
    if (!b) {
        add_conflict(m, schema_describe_object_table(a, o->name), arena_printf(a, "created %s", schema_describe_table(a, o)),
                     arena_printf(a, "created %s", schema_describe_table(a, t)), o->loc, t->loc);
        return o;
    }
    if (!o || !t) {
        add_conflict(m, schema_describe_object_table(a, b->name), o ? describe_change(a, b, o) : "dropped",
                     t ? describe_change(a, b, t) : "dropped", side_loc(NULL, o),
                     side_loc(NULL, t));
        return o;
    }
    return merge_table(m, b, o, t);
}

static const void *resolve_index(void *ctx, const char *key, const void *vb, const void *vo,
                                 const void *vt)
{
    (void)key;
    struct merge *m = ctx;
    const struct index *b = vb, *o = vo, *t = vt;
    if (schema_index_eq(o, t) || schema_index_eq(b, t))
        return o;
    if (schema_index_eq(b, o))
        return t;
    add_conflict(m, schema_describe_object_index(m->a, o ? o->name : t->name),
                 o ? schema_describe_index(m->a, o) : "dropped", t ? schema_describe_index(m->a, t) : "dropped",
                 o ? o->loc : (struct loc){0}, t ? t->loc : (struct loc){0});
    return o;
}

static const void *resolve_view(void *ctx, const char *key, const void *vb, const void *vo,
                                const void *vt)
{
    (void)key;
    struct merge *m = ctx;
    const struct view *b = vb, *o = vo, *t = vt;
    if (schema_view_eq(o, t) || schema_view_eq(b, t))
        return o;
    if (schema_view_eq(b, o))
        return t;
    add_conflict(m, schema_describe_object_view(m->a, o ? o->name : t->name),
                 o ? schema_describe_view(m->a, o) : "dropped", t ? schema_describe_view(m->a, t) : "dropped",
                 o ? o->loc : (struct loc){0}, t ? t->loc : (struct loc){0});
    return o;
}

static const void *resolve_type(void *ctx, const char *key, const void *vb, const void *vo,
                                const void *vt)
{
    (void)key;
    struct merge *m = ctx;
    const struct enum_type *b = vb, *o = vo, *t = vt;
    if (schema_type_eq(o, t) || schema_type_eq(b, t))
        return o;
    if (schema_type_eq(b, o))
        return t;
    add_conflict(m, schema_describe_object_type(m->a, o ? o->name : t->name),
                 o ? schema_describe_enum(m->a, o) : "dropped", t ? schema_describe_enum(m->a, t) : "dropped",
                 o ? o->loc : (struct loc){0}, t ? t->loc : (struct loc){0});
    return o;
}

const struct schema *schema_merge3(struct arena *a, const struct schema *base,
                                   const struct schema *ours, const struct schema *theirs,
                                   struct vec *conflicts)
{
    if (ours == theirs || base == theirs)
        return ours;
    if (base == ours)
        return theirs;
    struct merge m = {a, conflicts};
    struct schema_resolvers rs = {resolve_table, resolve_index, resolve_view, &m, resolve_type, NULL};
    return schema_merge_maps(a, base, ours, theirs, &rs);
}
