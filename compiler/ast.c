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
    if (a->kind != b->kind || a->op != b->op || a->negated != b->negated ||
        a->nargs != b->nargs)
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
