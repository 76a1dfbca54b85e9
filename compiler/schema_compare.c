#include "schema_compare.h"

#include <stdlib.h>
#include <string.h>

#include "pmap.h"
#include "schema_describe.h"

struct compare {
    struct arena *a;
    struct vec *out;
    int n;
};

static void add_diff(struct compare *c, const char *object, const char *kind,
                     const char *expected, const char *actual, struct loc loc)
{
    struct schema_diff *d = arena_alloc(c->a, sizeof *d);
    d->object = object;
    d->kind = kind;
    d->expected = expected;
    d->actual = actual;
    d->loc = loc;
    vec_push(c->a, c->out, d);
    c->n++;
}

static int column_order(const void *x, const void *y)
{
    const struct column *const *p = x, *const *q = y;
    return pmap_key_cmp((*p)->name, (*q)->name);
}

static int constraint_order(const void *x, const void *y)
{
    const struct constraint *const *p = x, *const *q = y;
    return pmap_key_cmp((*p)->name, (*q)->name);
}

static void *sorted_copy(struct arena *a, const void *items, int n, size_t size,
                         int (*order)(const void *, const void *))
{
    void *copy = arena_alloc(a, (size_t)(n + 1) * size);
    if (n) {
        memcpy(copy, items, (size_t)n * size);
        qsort(copy, (size_t)n, size, order);
    }
    return copy;
}

static const char *null_text(bool not_null)
{
    return not_null ? "not null" : "null";
}

static const char *default_text(struct arena *a, const struct expr *e)
{
    return e ? schema_describe_expr(a, "default ", e) : "no default";
}

static const char *identity_text(bool identity)
{
    return identity ? "identity" : "no identity";
}

static const char *comment_text(struct arena *a, const char *comment)
{
    return comment ? arena_printf(a, "'%s'", comment) : "none";
}

static void compare_comments(struct compare *c, const char *object, const char *e,
                             const char *t, struct loc loc)
{
    if (e && t ? strcmp(e, t) != 0 : e != t)
        add_diff(c, object, "comment", comment_text(c->a, e), comment_text(c->a, t), loc);
}

static void compare_columns(struct compare *c, const char *table, const struct column *e,
                            const struct column *t)
{
    if (e == t)
        return;
    struct arena *a = c->a;
    const char *object = schema_describe_object_column(a, table, e->name);
    if (!type_eq(&e->type, &t->type))
        add_diff(c, object, "type", schema_describe_type(a, &e->type),
                 schema_describe_type(a, &t->type), e->loc);
    if (e->not_null != t->not_null)
        add_diff(c, object, "nullability", null_text(e->not_null), null_text(t->not_null), e->loc);
    if (!expr_eq(e->dflt, t->dflt))
        add_diff(c, object, "default", default_text(a, e->dflt), default_text(a, t->dflt), e->loc);
    if (e->identity != t->identity)
        add_diff(c, object, "identity", identity_text(e->identity), identity_text(t->identity),
                 e->loc);
    compare_comments(c, object, e->comment, t->comment, e->loc);
}

static void compare_tables(struct compare *c, const struct table *e, const struct table *t)
{
    struct arena *a = c->a;
    compare_comments(c, schema_describe_object_table(a, e->name), e->comment, t->comment,
                     e->loc);
    const struct column **ec = sorted_copy(
        a, e->cols, e->ncols, sizeof *e->cols, column_order);
    const struct column **tc = sorted_copy(
        a, t->cols, t->ncols, sizeof *t->cols, column_order);
    for (int i = 0, j = 0; i < e->ncols || j < t->ncols;) {
        int order = i == e->ncols ? 1 : j == t->ncols ? -1 : pmap_key_cmp(ec[i]->name, tc[j]->name);
        if (order < 0) {
            add_diff(c, schema_describe_object_column(a, e->name, ec[i]->name), "missing",
                     schema_describe_column(a, ec[i]), "absent", ec[i]->loc);
            i++;
        } else if (order > 0) {
            add_diff(c, schema_describe_object_column(a, e->name, tc[j]->name), "extra", "absent",
                     schema_describe_column(a, tc[j]), tc[j]->loc);
            j++;
        } else {
            compare_columns(c, e->name, ec[i++], tc[j++]);
        }
    }
    const struct constraint **ek = sorted_copy(
        a, e->cons, e->ncons, sizeof *e->cons, constraint_order);
    const struct constraint **tk = sorted_copy(
        a, t->cons, t->ncons, sizeof *t->cons, constraint_order);
    for (int i = 0, j = 0; i < e->ncons || j < t->ncons;) {
        int order = i == e->ncons ? 1 : j == t->ncons ? -1 : pmap_key_cmp(ek[i]->name, tk[j]->name);
        if (order < 0) {
            add_diff(c, schema_describe_object_constraint(a, e->name, ek[i]->name), "missing",
                     schema_describe_constraint(a, ek[i]), "absent", ek[i]->loc);
            i++;
        } else if (order > 0) {
            add_diff(c, schema_describe_object_constraint(a, e->name, tk[j]->name), "extra", "absent",
                     schema_describe_constraint(a, tk[j]), tk[j]->loc);
            j++;
        } else {
            if (!schema_constraint_eq(ek[i], tk[j]))
                add_diff(c, schema_describe_object_constraint(a, e->name, ek[i]->name), "definition",
                         schema_describe_constraint(a, ek[i]), schema_describe_constraint(a, tk[j]), ek[i]->loc);
            i++;
            j++;
        }
    }
}

static void table_differs(struct compare *c, const void *ve, const void *va)
{
    const struct table *e = ve, *t = va;
    if (!t)
        add_diff(c, schema_describe_object_table(c->a, e->name), "missing", "present", "absent", e->loc);
    else if (!e)
        add_diff(c, schema_describe_object_table(c->a, t->name), "extra", "absent", "present", t->loc);
    else
        compare_tables(c, e, t);
}

static void index_differs(struct compare *c, const void *ve, const void *va)
{
    const struct index *e = ve, *t = va;
    if (!t)
        add_diff(c, schema_describe_object_index(c->a, e->name), "missing", schema_describe_index(c->a, e), "absent",
                 e->loc);
    else if (!e)
        add_diff(c, schema_describe_object_index(c->a, t->name), "extra", "absent", schema_describe_index(c->a, t),
                 t->loc);
    else if (!schema_index_eq(e, t))
        add_diff(c, schema_describe_object_index(c->a, e->name), "definition", schema_describe_index(c->a, e),
                 schema_describe_index(c->a, t), e->loc);
}

static void view_differs(struct compare *c, const void *ve, const void *va)
{
    const struct view *e = ve, *t = va;
    if (!t)
        add_diff(c, schema_describe_object_view(c->a, e->name), "missing", schema_describe_view(c->a, e), "absent",
                 e->loc);
    else if (!e)
        add_diff(c, schema_describe_object_view(c->a, t->name), "extra", "absent", schema_describe_view(c->a, t),
                 t->loc);
    else if (!schema_view_eq(e, t))
        add_diff(c, schema_describe_object_view(c->a, e->name), "definition", schema_describe_view(c->a, e),
                 schema_describe_view(c->a, t), e->loc);
}

static void type_differs(struct compare *c, const void *ve, const void *va)
{
    const struct enum_type *e = ve, *t = va;
    if (!t)
        add_diff(c, schema_describe_object_type(c->a, e->name), "missing",
                 schema_describe_enum(c->a, e), "absent", e->loc);
    else if (!e)
        add_diff(c, schema_describe_object_type(c->a, t->name), "extra", "absent",
                 schema_describe_enum(c->a, t), t->loc);
    else if (!schema_type_eq(e, t))
        add_diff(c, schema_describe_object_type(c->a, e->name), "definition",
                 schema_describe_enum(c->a, e), schema_describe_enum(c->a, t), e->loc);
}

static void extension_differs(struct compare *c, const void *ve, const void *va)
{
    const struct extension *e = ve, *t = va;
    const char *what = arena_printf(c->a, "extension \"%s\"", e ? e->name : t->name);
    if (!t)
        add_diff(c, what, "missing", "present", "absent", e->loc);
    else if (!e)
        add_diff(c, what, "extra", "absent", "present", t->loc);
    else if (!schema_extension_eq(e, t))
        add_diff(c, what, "schema", e->schema ? e->schema : "the default",
                 t->schema ? t->schema : "the default", e->loc);
}

static void object_differs(void *ctx, enum rel_kind kind, const void *ve, const void *va)
{
    struct compare *c = ctx;
    /* What sql blocks declare is not the model's to restore: a written
       downgrade that leaves some is a lint warning (lint.c). */
    if (kind == REL_DECLARED)
        return;
    if (kind == REL_EXTENSION)
        extension_differs(c, ve, va);
    else if (kind == REL_TYPE)
        type_differs(c, ve, va);
    else if (kind == REL_TABLE)
        table_differs(c, ve, va);
    else if (kind == REL_INDEX)
        index_differs(c, ve, va);
    else
        view_differs(c, ve, va);
}

int schema_compare(struct arena *a, const struct schema *expected, const struct schema *actual,
                   struct vec *out)
{
    struct compare c = {a, out, 0};
    if (expected == actual)
        return 0;
    schema_diff_objects(a, expected, actual, object_differs, &c);
    return c.n;
}

int schema_compare_tables(struct arena *a, const struct table *expected,
                          const struct table *actual, struct vec *out)
{
    struct compare c = {a, out, 0};
    compare_tables(&c, expected, actual);
    return c.n;
}
