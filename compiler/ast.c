#include "ast.h"

#include <string.h>
#include <strings.h>

bool name_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcasecmp(a, b) == 0;
}

int name_cmp(const char *a, const char *b)
{
    int c = strcasecmp(a, b);
    return c ? c : strcmp(a, b);
}

bool names_eq(const char *const *x, int nx, const char *const *y, int ny)
{
    if (nx != ny)
        return false;
    for (int i = 0; i < nx; i++)
        if (!name_eq(x[i], y[i]))
            return false;
    return true;
}

bool type_eq(const struct type *a, const struct type *b)
{
    if (a->kind != b->kind || a->p != b->p || a->s != b->s || a->array != b->array)
        return false;
    if (a->kind == TYPE_ENUM)
        return name_eq(a->named, b->named);
    return a->kind != TYPE_NATIVE || (a->native && b->native && strcmp(a->native, b->native) == 0);
}

const struct expr *expr_strip(const struct expr *e)
{
    while (e && e->kind == EXPR_PAREN)
        e = e->args[0];
    return e;
}

bool expr_uses_column(const struct expr *e, const char *col)
{
    if (!e)
        return false;
    if (e->kind == EXPR_COLUMN && name_eq(e->text, col))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (expr_uses_column(e->args[i], col))
            return true;
    return false;
}

bool expr_eq(const struct expr *a, const struct expr *b)
{
    a = expr_strip(a);
    b = expr_strip(b);
    if (!a || !b)
        return a == b;
    /* cast(x as t) and x::t are one cast. */
    bool same_op = a->op == b->op || a->kind == EXPR_CAST;
    if (a->kind != b->kind || !same_op || a->negated != b->negated || a->nargs != b->nargs)
        return false;
    if (a->kind == EXPR_CAST && !type_eq(&a->type, &b->type))
        return false;
    if (a->kind == EXPR_COLUMN || a->kind == EXPR_FUNC) {
        if (!name_eq(a->text, b->text))
            return false;
    } else if ((a->text || b->text) &&
               (!a->text || !b->text || strcmp(a->text, b->text) != 0)) {
        return false;
    }
    for (int i = 0; i < a->nargs; i++)
        if (!expr_eq(a->args[i], b->args[i]))
            return false;
    return true;
}

bool expr_extract_field(const char *field, bool *portable)
{
    static const char *const portable_fields[] = {
        "year", "month", "day", "hour", "minute", "second", "dow", "doy", "epoch",
    };
    static const char *const pg_fields[] = {
        "century", "decade", "isodow", "isoyear", "julian", "microseconds", "millennium",
        "milliseconds", "quarter", "timezone", "timezone_hour", "timezone_minute", "week",
    };
    *portable = false;
    for (size_t i = 0; i < sizeof portable_fields / sizeof portable_fields[0]; i++)
        if (strcmp(field, portable_fields[i]) == 0)
            return *portable = true;
    for (size_t i = 0; i < sizeof pg_fields / sizeof pg_fields[0]; i++)
        if (strcmp(field, pg_fields[i]) == 0)
            return true;
    return false;
}

bool expr_pg_only(const struct expr *e)
{
    bool portable;
    switch (e->kind) {
    case EXPR_INTERVAL: case EXPR_ARRAY: case EXPR_ANY: case EXPR_ALL:
    case EXPR_AT_TIME_ZONE: case EXPR_SUBSCRIPT:
        return true;
    case EXPR_LIKE:
        return e->op == OP_ILIKE || e->op == OP_SIMILAR;
    case EXPR_BINARY:
        return e->op >= OP_REGEX && e->op <= OP_JSON_HAS;
    case EXPR_EXTRACT:
        return expr_extract_field(e->text, &portable) && !portable;
    default:
        return false;
    }
}

bool expr_uses_pg_only(const struct expr *e)
{
    if (!e)
        return false;
    if (expr_pg_only(e))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (expr_uses_pg_only(e->args[i]))
            return true;
    return false;
}

struct expr *expr_new(struct arena *a, enum expr_kind kind, struct loc loc)
{
    struct expr *e = arena_alloc(a, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    return e;
}

struct stmt *stmt_new(struct arena *a, enum stmt_kind kind, struct loc loc)
{
    struct stmt *s = arena_alloc(a, sizeof *s);
    s->kind = kind;
    s->loc = loc;
    return s;
}

struct ident *ident_new(struct arena *a, const char *name, struct loc loc)
{
    struct ident *i = arena_alloc(a, sizeof *i);
    i->name = name;
    i->loc = loc;
    return i;
}

const char *decl_kind_word(enum decl_kind k)
{
    static const char *const words[DECL_KIND_COUNT] = {
        [DECL_TABLE] = "table",       [DECL_VIEW] = "view",         [DECL_MATVIEW] = "materialized view",
        [DECL_INDEX] = "index",       [DECL_FUNCTION] = "function", [DECL_TRIGGER] = "trigger",
        [DECL_SEQUENCE] = "sequence", [DECL_TYPE] = "type",         [DECL_EXTENSION] = "extension",
        [DECL_POLICY] = "policy",
    };
    return (unsigned)k < DECL_KIND_COUNT ? words[k] : "object";
}

bool decl_kind_pg_only(enum decl_kind k)
{
    return k == DECL_FUNCTION || k == DECL_SEQUENCE || k == DECL_TYPE || k == DECL_EXTENSION ||
           k == DECL_POLICY || k == DECL_MATVIEW;
}

bool decl_kind_on_table(enum decl_kind k)
{
    return k == DECL_TRIGGER || k == DECL_POLICY;
}
