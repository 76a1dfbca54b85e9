#include "schema_describe.h"

#include <ctype.h>

#include "dialect.h"
#include "expr_print.h"
#include "render.h"

static void put_type(struct strbuf *b, const struct type *t)
{
    struct render_style st = {.mig = true};
    render_put_type(b, &st, t);
}

const char *schema_describe_type(struct arena *a, const struct type *t)
{
    struct strbuf b = {0};
    put_type(&b, t);
    return strbuf_to_arena(&b, a);
}

const char *schema_describe_expr(struct arena *a, const char *prefix, const struct expr *e)
{
    struct strbuf b = {0};
    strbuf_puts(&b, prefix);
    expr_print(&b, &expr_style_message, e);
    return strbuf_to_arena(&b, a);
}

static void put_column(struct strbuf *b, const struct column *c)
{
    put_type(b, &c->type);
    if (c->not_null)
        strbuf_puts(b, " not null");
    if (c->identity)
        strbuf_puts(b, " identity");
    if (c->dflt) {
        strbuf_puts(b, " default ");
        expr_print(b, &expr_style_message, c->dflt);
    }
    if (c->generated) {
        strbuf_puts(b, " generated always as (");
        expr_print(b, &expr_style_message, expr_strip(c->generated));
        strbuf_puts(b, ") stored");
    }
}

const char *schema_describe_column(struct arena *a, const struct column *c)
{
    struct strbuf b = {0};
    put_column(&b, c);
    return strbuf_to_arena(&b, a);
}

static void put_names(struct strbuf *b, const char *const *names, int n)
{
    strbuf_putc(b, '(');
    for (int i = 0; i < n; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", names[i]);
    strbuf_putc(b, ')');
}

static const char *fk_action_text(enum fk_action x)
{
    switch (x) {
    case FK_RESTRICT: return "restrict";
    case FK_CASCADE: return "cascade";
    case FK_SET_NULL: return "set null";
    case FK_SET_DEFAULT: return "set default";
    case FK_NO_ACTION:
    case FK_NONE: break;
    }
    return NULL;
}

const char *schema_describe_constraint(struct arena *a, const struct constraint *c)
{
    struct strbuf b = {0};
    switch (c->kind) {
    case CON_PRIMARY_KEY:
        strbuf_puts(&b, "primary key ");
        put_names(&b, c->cols, c->ncols);
        break;
    case CON_UNIQUE:
        strbuf_puts(&b, c->nulls_not_distinct ? "unique nulls not distinct " : "unique ");
        put_names(&b, c->cols, c->ncols);
        break;
    case CON_FOREIGN_KEY:
        strbuf_puts(&b, "foreign key ");
        put_names(&b, c->cols, c->ncols);
        strbuf_printf(&b, " references %s ", c->ref_table ? c->ref_table : "?");
        put_names(&b, c->ref_cols, c->nref_cols);
        if (fk_action_text(c->on_delete))
            strbuf_printf(&b, " on delete %s", fk_action_text(c->on_delete));
        if (fk_action_text(c->on_update))
            strbuf_printf(&b, " on update %s", fk_action_text(c->on_update));
        break;
    case CON_CHECK:
        strbuf_puts(&b, "check (");
        expr_print(&b, &expr_style_message, expr_strip(c->check));
        strbuf_putc(&b, ')');
        break;
    }
    if (c->deferrable)
        strbuf_puts(&b, c->initially_deferred ? " deferrable initially deferred" : " deferrable");
    if (c->not_valid)
        strbuf_puts(&b, " not valid");
    return strbuf_to_arena(&b, a);
}

const char *schema_describe_index(struct arena *a, const struct index *ix)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "%son %s ", ix->unique ? "unique " : "", ix->table);
    if (ix->method)
        strbuf_printf(&b, "using %s ", ix->method);
    strbuf_putc(&b, '(');
    for (int i = 0; i < ix->nelems; i++) {
        const struct index_elem *e = ix->elems[i];
        if (i)
            strbuf_puts(&b, ", ");
        if (e->expr) {
            strbuf_putc(&b, '(');
            expr_print(&b, &expr_style_message, expr_strip(e->expr));
            strbuf_putc(&b, ')');
        } else {
            strbuf_puts(&b, e->column.name ? e->column.name : "?");
        }
        if (e->opclass)
            strbuf_printf(&b, " %s", e->opclass);
        if (e->desc)
            strbuf_puts(&b, " desc");
        if (e->nulls)
            strbuf_puts(&b, e->nulls == 1 ? " nulls first" : " nulls last");
    }
    strbuf_putc(&b, ')');
    if (ix->ninclude) {
        strbuf_puts(&b, " include ");
        put_names(&b, ix->include, ix->ninclude);
    }
    if (ix->where) {
        strbuf_puts(&b, " where (");
        expr_print(&b, &expr_style_message, expr_strip(ix->where));
        strbuf_putc(&b, ')');
    }
    return strbuf_to_arena(&b, a);
}

/* The body on one line, shortened: a whole view body does not fit a
   message. */
const char *schema_describe_view(struct arena *a, const struct view *v)
{
    enum { VIEW_TEXT_MAX = 60 };
    const char *p;
    size_t n = schema_view_text(v->body, &p);
    struct strbuf b = {0};
    if (v->materialized)
        strbuf_puts(&b, "materialized ");
    const struct dialect *d = v->only ? dialect_only(v->only) : NULL;
    if (d)
        strbuf_printf(&b, "%s ", d->name);
    strbuf_puts(&b, "as ");
    bool space = false;
    for (size_t i = 0; i < n && b.len < VIEW_TEXT_MAX; i++) {
        if (isspace((unsigned char)p[i])) {
            space = true;
            continue;
        }
        if (space)
            strbuf_putc(&b, ' ');
        space = false;
        strbuf_putc(&b, p[i]);
    }
    if (b.len >= VIEW_TEXT_MAX)
        strbuf_puts(&b, "...");
    if (v->also)
        strbuf_printf(&b, "; %s", schema_describe_view(a, v->also));
    return strbuf_to_arena(&b, a);
}

const char *schema_describe_table(struct arena *a, const struct table *t)
{
    struct strbuf b = {0};
    strbuf_putc(&b, '(');
    for (int i = 0; i < t->ncols; i++) {
        strbuf_printf(&b, "%s%s ", i ? ", " : "", t->cols[i]->name);
        put_column(&b, t->cols[i]);
    }
    strbuf_putc(&b, ')');
    return strbuf_to_arena(&b, a);
}

const char *schema_describe_object_table(struct arena *a, const char *table)
{
    return arena_printf(a, "table \"%s\"", table);
}

const char *schema_describe_object_column(struct arena *a, const char *table, const char *column)
{
    return arena_printf(a, "column \"%s\".\"%s\"", table, column);
}

const char *schema_describe_object_constraint(struct arena *a, const char *table, const char *con)
{
    return arena_printf(a, "constraint \"%s\" on table \"%s\"", con, table);
}

const char *schema_describe_object_index(struct arena *a, const char *ix)
{
    return arena_printf(a, "index \"%s\"", ix);
}

const char *schema_describe_object_view(struct arena *a, const char *v)
{
    return arena_printf(a, "view \"%s\"", v);
}


const char *schema_describe_enum(struct arena *a, const struct enum_type *e)
{
    struct strbuf b = {0};
    strbuf_puts(&b, "enum (");
    for (int i = 0; i < e->nvalues; i++) {
        if (i)
            strbuf_puts(&b, ", ");
        strbuf_put_quoted(&b, e->values[i], '\'');
    }
    strbuf_putc(&b, ')');
    return strbuf_to_arena(&b, a);
}

const char *schema_describe_object_type(struct arena *a, const char *name)
{
    return arena_printf(a, "type \"%s\"", name);
}
