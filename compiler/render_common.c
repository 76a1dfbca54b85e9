/* What the SQL dialects and the .mig printer share: names and quoting,
   string literals, types, expressions, table/index/view definitions,
   object ordering, and the statements every dialect writes alike. Where
   dialects differ it asks the dialect (dialect.h) and never names one. */
#include "render.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr_print.h"
#include "types.h"

static int cmp_word(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* A word some dialect cannot take as a bare name. Every dialect quotes
   the same names, so that SQL and .mig spell an object alike. */
static bool is_reserved(const char *name)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (bsearch(name, d->reserved, (size_t)d->nreserved, sizeof d->reserved[0], cmp_word))
            return true;
    }
    return false;
}

static bool is_plain_name(const char *name)
{
    if (!name[0] || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

/* A name that every dialect reads as itself without quotes. */
static bool is_bare_name(const char *name)
{
    return is_plain_name(name) && !is_reserved(name);
}

void render_put_name(struct strbuf *b, const char *name)
{
    if (is_bare_name(name))
        strbuf_puts(b, name);
    else
        strbuf_put_quoted(b, name, '"');
}

const char *render_name(struct arena *a, const char *name)
{
    if (is_bare_name(name))
        return name;
    struct strbuf b = {0};
    strbuf_put_quoted(&b, name, '"');
    return strbuf_to_arena(&b, a);
}

const char *render_string(struct arena *a, const char *s)
{
    struct strbuf b = {0};
    strbuf_put_quoted(&b, s, '\'');
    return strbuf_to_arena(&b, a);
}

/* ---- types ---------------------------------------------------------- */

static bool type_has_params(enum type_kind k)
{
    return k == TYPE_NUMERIC || k == TYPE_VARCHAR || k == TYPE_CHAR || k == TYPE_TIME ||
           k == TYPE_TIMETZ || k == TYPE_TIMESTAMP || k == TYPE_TIMESTAMPTZ ||
           k == TYPE_INTERVAL;
}

/* t in dialect d, or in .mig when d is NULL. A native type goes to the
   database as written. */
static void put_type(struct strbuf *b, const struct dialect *d, const struct type *t)
{
    if (t->kind == TYPE_ENUM && (!d || !d->types[t->kind])) {
        render_put_name(b, t->named);
    } else if (t->kind == TYPE_NATIVE && t->native) {
        if (d) {
            strbuf_puts(b, t->native);
        } else {
            strbuf_puts(b, "native ");
            strbuf_put_quoted(b, t->native, '\'');
        }
    } else if (d && d->types[t->kind])
        strbuf_puts(b, d->types[t->kind]);
    else if (d)
        for (const char *p = types_name(t->kind); *p; p++)
            strbuf_putc(b, (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
    else
        strbuf_puts(b, types_name(t->kind));
    if (type_has_params(t->kind) && t->p >= 0) {
        if (t->kind == TYPE_NUMERIC && t->s >= 0)
            strbuf_printf(b, "(%d,%d)", t->p, t->s);
        else
            strbuf_printf(b, "(%d)", t->p);
    }
    if (t->array)
        strbuf_puts(b, "[]");
}

void render_put_type(struct strbuf *b, const struct render_style *st, const struct type *t)
{
    put_type(b, st->mig ? NULL : st->d, t);
}

const char *render_type(struct arena *a, const struct dialect *d, const struct type *t)
{
    struct strbuf b = {0};
    put_type(&b, d, t);
    return strbuf_to_arena(&b, a);
}

const char *render_mig_type(struct arena *a, const struct type *t)
{
    struct strbuf b = {0};
    put_type(&b, NULL, t);
    return strbuf_to_arena(&b, a);
}

/* ---- expressions ---------------------------------------------------- */

void render_put_kw(struct strbuf *b, const struct render_style *st, const char *kw)
{
    struct expr_style es = {.upper = !st->mig};
    expr_print_kw(b, &es, kw);
}

static void put_column_ref(struct strbuf *b, const struct expr_style *es, const char *name)
{
    const struct render_style *st = es->ctx;
    for (int i = 0; i < st->nmap; i++) {
        if (name_eq(st->map_from[i], name)) {
            strbuf_puts(b, st->map_to[i]);
            return;
        }
    }
    const char *canon = name;
    if (st->table && table_find_column(st->table, name))
        canon = table_find_column(st->table, name)->name;
    else if (st->table2 && table_find_column(st->table2, name))
        canon = table_find_column(st->table2, name)->name;
    render_put_name(b, canon);
}

/* Function names are not quoted for being keywords: left(), coalesce()
   and replace() are called bare in both dialects. */
static void put_func_name(struct strbuf *b, const char *name)
{
    if (is_plain_name(name))
        strbuf_puts(b, name);
    else
        render_put_name(b, name);
}

static void put_cast_type(struct strbuf *b, const struct expr_style *es, const struct type *t)
{
    render_put_type(b, es->ctx, t);
}

static struct expr_style expr_style_of(const struct render_style *st)
{
    return (struct expr_style){
        .upper = !st->mig,
        .parens = true,
        .ctx = st,
        .put_column = put_column_ref,
        .put_func_name = put_func_name,
        .put_special = st->mig ? NULL : st->d->put_special,
        .put_type = put_cast_type,
    };
}

void render_put_expr(struct strbuf *b, const struct render_style *st, const struct expr *e)
{
    struct expr_style es = expr_style_of(st);
    expr_print(b, &es, e);
}

const char *render_expr(struct arena *a, const struct dialect *d, const struct expr *e)
{
    struct render_style st = {.d = d};
    struct strbuf b = {0};
    render_put_expr(&b, &st, e);
    return strbuf_to_arena(&b, a);
}

const char *render_mig_expr(struct arena *a, const struct expr *e)
{
    struct render_style st = {.mig = true};
    struct strbuf b = {0};
    render_put_expr(&b, &st, e);
    return strbuf_to_arena(&b, a);
}

/* (expr) without doubling the author's outer parentheses. */
static void put_paren_expr(struct strbuf *b, const struct render_style *st, const struct expr *e)
{
    strbuf_putc(b, '(');
    render_put_expr(b, st, expr_strip(e));
    strbuf_putc(b, ')');
}

/* A literal SQLite accepts bare after DEFAULT; anything else needs
   parentheses there (and PostgreSQL's DEFAULT takes no AND, IS, IN, ...). */
static bool is_bare_default(const struct expr *e)
{
    switch (e->kind) {
    case EXPR_NULL: case EXPR_TRUE: case EXPR_FALSE: case EXPR_INT: case EXPR_NUMBER:
    case EXPR_STRING: case EXPR_CURRENT_TIMESTAMP: case EXPR_CURRENT_DATE:
    case EXPR_CURRENT_TIME:
        return true;
    case EXPR_FUNC:
        return name_eq(e->text, "now") && e->nargs == 0;
    case EXPR_UNARY:
        return e->op != OP_NOT &&
               (e->args[0]->kind == EXPR_INT || e->args[0]->kind == EXPR_NUMBER);
    default:
        return false;
    }
}

void render_put_default(struct strbuf *b, const struct render_style *st, const struct expr *e)
{
    const struct expr *x = expr_strip(e);
    if (is_bare_default(x))
        render_put_expr(b, st, x);
    else
        put_paren_expr(b, st, x);
}

/* ---- names from the schema ------------------------------------------ */

const char *render_table_name(const struct schema *s, const char *name)
{
    const struct table *t = s ? schema_find_table(s, name) : NULL;
    if (t)
        return t->name;
    const struct view *v = s ? schema_find_view(s, name) : NULL;
    return v ? v->name : name;
}

const char *render_type_name(const struct schema *s, const char *name)
{
    const struct enum_type *e = s ? schema_find_type(s, name) : NULL;
    return e ? e->name : name;
}

const char *render_column_name(const struct table *t, const char *name)
{
    const struct column *c = t ? table_find_column(t, name) : NULL;
    return c ? c->name : name;
}

/* ---- definitions ---------------------------------------------------- */

static const char *fk_action_text(enum fk_action a)
{
    switch (a) {
    case FK_NO_ACTION: return "NO ACTION";
    case FK_RESTRICT: return "RESTRICT";
    case FK_CASCADE: return "CASCADE";
    case FK_SET_NULL: return "SET NULL";
    case FK_SET_DEFAULT: return "SET DEFAULT";
    default: return NULL;
    }
}

static void put_name_list(struct strbuf *b, const struct table *t, const char **names, int n)
{
    strbuf_putc(b, '(');
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_puts(b, ", ");
        render_put_name(b, render_column_name(t, names[i]));
    }
    strbuf_putc(b, ')');
}

void render_put_constraint_body(struct strbuf *b, const struct render_style *st,
                                const struct schema *s, const struct table *t,
                                const struct constraint *c)
{
    switch (c->kind) {
    case CON_PRIMARY_KEY:
        render_put_kw(b, st, "PRIMARY KEY ");
        put_name_list(b, t, c->cols, c->ncols);
        break;
    case CON_UNIQUE:
        render_put_kw(b, st, "UNIQUE ");
        if (c->nulls_not_distinct)
            render_put_kw(b, st, "NULLS NOT DISTINCT ");
        put_name_list(b, t, c->cols, c->ncols);
        break;
    case CON_FOREIGN_KEY: {
        render_put_kw(b, st, "FOREIGN KEY ");
        put_name_list(b, t, c->cols, c->ncols);
        render_put_kw(b, st, " REFERENCES ");
        const struct table *rt = s ? schema_find_table(s, c->ref_table) : NULL;
        if (!rt && t && name_eq(t->name, c->ref_table))
            rt = t;
        render_put_name(b, rt ? rt->name : c->ref_table);
        if (c->nref_cols > 0) {
            strbuf_putc(b, ' ');
            put_name_list(b, rt, c->ref_cols, c->nref_cols);
        }
        if (fk_action_text(c->on_delete)) {
            render_put_kw(b, st, " ON DELETE ");
            render_put_kw(b, st, fk_action_text(c->on_delete));
        }
        if (fk_action_text(c->on_update)) {
            render_put_kw(b, st, " ON UPDATE ");
            render_put_kw(b, st, fk_action_text(c->on_update));
        }
        break;
    }
    case CON_CHECK: {
        struct render_style cst = *st;
        cst.table = t;
        render_put_kw(b, st, "CHECK ");
        put_paren_expr(b, &cst, c->check);
        break;
    }
    }
    if (c->deferrable)
        render_put_kw(b, st, c->initially_deferred ? " DEFERRABLE INITIALLY DEFERRED"
                                                   : " DEFERRABLE");
    if (render_not_valid(st, c))
        render_put_kw(b, st, " NOT VALID");
}

bool render_not_valid(const struct render_style *st, const struct constraint *c)
{
    return c->not_valid && (st->mig || (st->d && st->d->not_valid));
}

const char *render_add_not_valid(struct arena *a, const struct dialect *d,
                                 const struct schema *s, const struct table *t,
                                 const struct constraint *c)
{
    return arena_printf(a, "ALTER TABLE %s ADD %s", render_name(a, t->name),
                        render_constraint(a, d, s, t, c));
}

static void put_constraint(struct strbuf *b, const struct render_style *st,
                           const struct schema *s, const struct table *t,
                           const struct constraint *c)
{
    render_put_kw(b, st, "CONSTRAINT ");
    render_put_name(b, c->name);
    strbuf_putc(b, ' ');
    render_put_constraint_body(b, st, s, t, c);
}

const char *render_constraint(struct arena *a, const struct dialect *d, const struct schema *s,
                              const struct table *t, const struct constraint *c)
{
    struct render_style st = {.d = d};
    struct strbuf b = {0};
    put_constraint(&b, &st, s, t, c);
    return strbuf_to_arena(&b, a);
}

static void put_column(struct strbuf *b, const struct dialect *d, const struct table *t,
                       const struct column *c)
{
    struct render_style st = {.d = d, .table = t};
    render_put_name(b, c->name);
    strbuf_putc(b, ' ');
    const struct constraint *key = d->column_key ? d->column_key(t) : NULL;
    if (key && name_eq(key->cols[0], c->name)) {
        put_type(b, d, &c->type);
        strbuf_puts(b, " NOT NULL CONSTRAINT ");
        render_put_name(b, key->name);
        strbuf_puts(b, " PRIMARY KEY");
        return;
    }
    put_type(b, d, &c->type);
    if (c->identity)
        strbuf_puts(b, d->identity);
    if (c->not_null)
        strbuf_puts(b, " NOT NULL");
    if (c->dflt) {
        strbuf_puts(b, " DEFAULT ");
        render_put_default(b, &st, c->dflt);
    }
    if (c->generated) {
        strbuf_puts(b, " GENERATED ALWAYS AS ");
        put_paren_expr(b, &st, c->generated);
        strbuf_puts(b, " STORED");
    }
}

const char *render_column(struct arena *a, const struct dialect *d, const struct table *t,
                          const struct column *c)
{
    struct strbuf b = {0};
    put_column(&b, d, t, c);
    return strbuf_to_arena(&b, a);
}

const char *render_create_table(struct arena *a, const struct dialect *d, const struct schema *s,
                                const struct table *t, const char *as_name,
                                const struct constraint *const *omit, int nomit)
{
    struct render_style st = {.d = d};
    struct strbuf b = {0};
    strbuf_puts(&b, "CREATE TABLE ");
    render_put_name(&b, as_name ? as_name : t->name);
    strbuf_puts(&b, " (");
    const struct constraint *key = d->column_key ? d->column_key(t) : NULL;
    const char *sep = "\n    ";
    for (int i = 0; i < t->ncols; i++) {
        strbuf_puts(&b, sep);
        put_column(&b, d, t, t->cols[i]);
        sep = ",\n    ";
    }
    for (int i = 0; i < t->ncons; i++) {
        const struct constraint *c = t->cons[i];
        /* CREATE TABLE would validate it: added after (render_schema). */
        if (c == key || render_not_valid(&st, c))
            continue;
        bool skip = false;
        for (int j = 0; j < nomit; j++)
            skip = skip || omit[j] == c;
        if (skip)
            continue;
        strbuf_puts(&b, sep);
        put_constraint(&b, &st, s, t, c);
        sep = ",\n    ";
    }
    for (int i = 0; d->enum_as_check && i < t->ncols; i++) {
        const struct column *c = t->cols[i];
        const struct enum_type *e =
            c->type.kind == TYPE_ENUM && s ? schema_find_type(s, c->type.named) : NULL;
        if (!e)
            continue;
        strbuf_puts(&b, sep);
        strbuf_puts(&b, "CONSTRAINT ");
        render_put_name(&b, arena_printf(a, "%s_%s_enum", t->name, c->name));
        strbuf_puts(&b, " CHECK (");
        render_put_name(&b, c->name);
        strbuf_puts(&b, " IN ");
        render_put_enum_values(&b, e->values, e->nvalues);
        strbuf_putc(&b, ')');
    }
    strbuf_puts(&b, "\n)");
    return strbuf_to_arena(&b, a);
}

void render_put_enum_values(struct strbuf *b, const char *const *values, int n)
{
    strbuf_putc(b, '(');
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_puts(b, ", ");
        strbuf_put_quoted(b, values[i], '\'');
    }
    strbuf_putc(b, ')');
}

const char *render_create_type(struct arena *a, const struct enum_type *e)
{
    struct strbuf b = {0};
    strbuf_puts(&b, "CREATE TYPE ");
    render_put_name(&b, e->name);
    strbuf_puts(&b, " AS ENUM ");
    render_put_enum_values(&b, e->values, e->nvalues);
    return strbuf_to_arena(&b, a);
}

void render_put_index_tail(struct strbuf *b, const struct render_style *st,
                           const struct table *t, const struct index_elem *const *elems,
                           int n, const struct expr *where, const char *method,
                           const char *const *include, int ninclude)
{
    bool options = st->mig || (st->d && st->d->index_options);
    if (method && options) {
        render_put_kw(b, st, " USING ");
        render_put_name(b, method);
    }
    strbuf_puts(b, " (");
    for (int i = 0; i < n; i++) {
        const struct index_elem *e = elems[i];
        if (i)
            strbuf_puts(b, ", ");
        if (e->expr)
            put_paren_expr(b, st, e->expr);
        else
            render_put_name(b, render_column_name(t, e->column.name));
        if (e->opclass && options) {
            strbuf_putc(b, ' ');
            render_put_name(b, e->opclass);
        }
        if (e->desc)
            render_put_kw(b, st, " DESC");
        else if (e->asc)
            render_put_kw(b, st, " ASC");
        /* SQLite's indexes take no NULLS: its nulls sort first ascending. */
        if (e->nulls && options)
            render_put_kw(b, st, e->nulls == 1 ? " NULLS FIRST" : " NULLS LAST");
    }
    strbuf_putc(b, ')');
    if (ninclude && options) {
        render_put_kw(b, st, " INCLUDE ");
        put_name_list(b, t, (const char **)include, ninclude);
    }
    if (where) {
        render_put_kw(b, st, " WHERE ");
        if (st->mig)
            put_paren_expr(b, st, where);
        else
            render_put_expr(b, st, expr_strip(where));
    }
}

const char *render_create_index(struct arena *a, const struct dialect *d, const struct schema *s,
                                const struct index *ix, bool concurrently)
{
    const struct table *t = schema_find_table(s, ix->table);
    struct render_style st = {.d = d, .table = t};
    struct strbuf b = {0};
    strbuf_puts(&b, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    if (concurrently && d->concurrent_index)
        strbuf_puts(&b, "CONCURRENTLY ");
    render_put_name(&b, ix->name);
    strbuf_puts(&b, " ON ");
    render_put_name(&b, t ? t->name : ix->table);
    render_put_index_tail(&b, &st, t, ix->elems, ix->nelems, ix->where, ix->method,
                          ix->include, ix->ninclude);
    return strbuf_to_arena(&b, a);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *render_body(struct arena *a, const char *body)
{
    size_t start = 0, end = strlen(body);
    while (start < end && is_blank(body[start]))
        start++;
    while (end > start && (is_blank(body[end - 1]) || body[end - 1] == ';'))
        end--;
    /* A last line ending in a -- comment keeps its newline, so that a
       semicolon written after the statement is not commented out. */
    size_t line = end;
    while (line > start && body[line - 1] != '\n')
        line--;
    for (size_t i = line; i + 1 < end; i++)
        if (body[i] == '-' && body[i + 1] == '-')
            return arena_printf(a, "%.*s\n", (int)(end - start), body + start);
    return arena_strndup(a, body + start, end - start);
}

const char *render_create_view(struct arena *a, const struct view *v, bool no_data)
{
    struct strbuf b = {0};
    strbuf_puts(&b, v->materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ");
    render_put_name(&b, v->name);
    strbuf_puts(&b, " AS\n");
    const char *body = render_body(a, v->body);
    strbuf_puts(&b, body);
    if (v->materialized && (no_data || v->no_data)) {
        /* After a body ending in a comment, on a line of its own. */
        size_t n = strlen(body);
        strbuf_puts(&b, n && body[n - 1] == '\n' ? "WITH NO DATA" : "\nWITH NO DATA");
    }
    return strbuf_to_arena(&b, a);
}

void render_push(struct arena *a, struct vec *out, const char *sql, struct loc loc)
{
    struct sql_stmt *s = arena_alloc(a, sizeof *s);
    s->sql = sql;
    s->loc = loc;
    vec_push(a, out, s);
}

void render_drop_indexes_gone(struct arena *a, const struct schema *before,
                              const struct schema *after, const char *table, struct loc loc,
                              struct vec *out)
{
    const struct index **ixs;
    int n = schema_indexes_on(before, table, a, &ixs);
    for (int i = 0; i < n; i++)
        if (!schema_find_index(after, ixs[i]->name))
            render_push(a, out, arena_printf(a, "DROP INDEX %s", render_name(a, ixs[i]->name)),
                        loc);
}

/* ---- ordering ------------------------------------------------------- */

struct table_at {
    const struct table *t;
    int i;
};

static int cmp_table_at(const void *x, const void *y)
{
    const struct table *p = ((const struct table_at *)x)->t, *q = ((const struct table_at *)y)->t;
    return p < q ? -1 : p > q;
}

/* A min-heap of table positions: the ready table first in name order. */
static void heap_push(int *h, int *n, int v)
{
    int i = (*n)++;
    for (; i > 0 && h[(i - 1) / 2] > v; i = (i - 1) / 2)
        h[i] = h[(i - 1) / 2];
    h[i] = v;
}

static int heap_pop(int *h, int *n)
{
    int top = h[0], v = h[--*n], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && h[c + 1] < h[c])
            c++;
        if (h[c] >= v)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
    return top;
}

/* Kahn's algorithm, taking the first ready table in name order at each
   step: O((tables + foreign keys) log tables), so that a schema of
   thousands of tables orders at once. */
int render_table_order(struct arena *a, const struct schema *s, const struct table ***out,
                       struct vec *late)
{
    const struct table **all;
    int n = schema_tables(s, a, &all);
    size_t m = (size_t)(n ? n : 1);
    const struct table **order = arena_alloc(a, m * sizeof *order);
    bool *done = arena_alloc(a, m * sizeof *done);
    int *waits = arena_alloc(a, m * sizeof *waits);      /* foreign keys to tables not done */
    struct table_at *at = arena_alloc(a, m * sizeof *at);
    for (int i = 0; i < n; i++)
        at[i] = (struct table_at){all[i], i};
    qsort(at, (size_t)n, sizeof *at, cmp_table_at);
    /* ref[i]: for each foreign key of table i, the position of the table
       it references (-1: itself or none); users[j]: the tables whose
       foreign keys reference j, once per key. */
    int **ref = arena_alloc(a, m * sizeof *ref);
    struct vec *users = arena_alloc(a, m * sizeof *users);
    for (int i = 0; i < n; i++) {
        ref[i] = arena_alloc(a, (size_t)(all[i]->ncons + 1) * sizeof **ref);
        for (int c = 0; c < all[i]->ncons; c++) {
            const struct constraint *con = all[i]->cons[c];
            ref[i][c] = -1;
            if (con->kind != CON_FOREIGN_KEY || name_eq(con->ref_table, all[i]->name))
                continue;
            struct table_at key = {schema_find_table(s, con->ref_table), 0};
            const struct table_at *hit =
                key.t ? bsearch(&key, at, (size_t)n, sizeof *at, cmp_table_at) : NULL;
            if (!hit)
                continue;
            ref[i][c] = hit->i;
            waits[i]++;
            vec_push(a, &users[hit->i], (void *)(intptr_t)i);
        }
    }
    int *heap = arena_alloc(a, m * sizeof *heap), nheap = 0;
    for (int i = 0; i < n; i++)
        if (waits[i] == 0)
            heap_push(heap, &nheap, i);
    int next_left = 0;                 /* no table before it is left */
    for (int k = 0; k < n; k++) {
        int pick;
        if (nheap) {
            pick = heap_pop(heap, &nheap);
        } else {
            /* A cycle: take the first remaining table; its foreign keys to
               tables still to come are added afterwards. */
            while (done[next_left])
                next_left++;
            pick = next_left;
            for (int c = 0; c < all[pick]->ncons; c++) {
                int j = ref[pick][c];
                if (j >= 0 && !done[j] && j != pick) {
                    struct render_late_fk *l = arena_alloc(a, sizeof *l);
                    l->table = all[pick];
                    l->con = all[pick]->cons[c];
                    vec_push(a, late, l);
                }
            }
        }
        done[pick] = true;
        order[k] = all[pick];
        for (int u = 0; u < users[pick].n; u++) {
            int i = (int)(intptr_t)users[pick].items[u];
            if (!done[i] && --waits[i] == 0)
                heap_push(heap, &nheap, i);
        }
    }
    *out = order;
    return n;
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

static char lower_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool prefix_ieq(const char *p, const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!p[i] || lower_ascii(p[i]) != lower_ascii(word[i]))
            return false;
    return true;
}

static bool mentions_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    if (!n)
        return false;
    for (const char *p = text; *p; p++) {
        if ((p == text || !is_word_char(p[-1])) && prefix_ieq(p, word, n) &&
            !is_word_char(p[n]))
            return true;
    }
    return false;
}

bool render_view_uses(const struct view *v, const char *name)
{
    if (v->ndeps == 0)
        return mentions_word(v->body, name);
    for (int i = 0; i < v->ndeps; i++)
        if (name_eq(v->deps[i].table, name))
            return true;
    return false;
}

int render_view_order(struct arena *a, const struct schema *s, unsigned on,
                      const struct view ***out)
{
    const struct view **all;
    int n = on ? schema_views_on(s, on, a, &all) : schema_views(s, a, &all);
    if (!on) {
        int versions = 0;
        for (int i = 0; i < n; i++)
            for (const struct view *v = all[i]; v; v = v->also)
                versions++;
        const struct view **every = arena_alloc(a, (size_t)(versions + 1) * sizeof *every);
        versions = 0;
        for (int i = 0; i < n; i++)
            for (const struct view *v = all[i]; v; v = v->also)
                every[versions++] = v;
        all = every;
        n = versions;
    }
    const struct view **order = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *order);
    bool *done = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *done);
    for (int k = 0; k < n; k++) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++) {
            if (done[i])
                continue;
            bool ready = true;
            for (int j = 0; j < n && ready; j++)
                if (!done[j] && j != i && render_view_uses(all[i], all[j]->name))
                    ready = false;
            if (ready)
                pick = i;
        }
        for (int i = 0; i < n && pick < 0; i++)
            if (!done[i])
                pick = i;
        done[pick] = true;
        order[k] = all[pick];
    }
    *out = order;
    return n;
}

static bool ident_list_eq(const struct vec *idents, const char **names, int n)
{
    if (idents->n != n)
        return false;
    for (int i = 0; i < n; i++)
        if (!name_eq(VEC_AT(*idents, i, const struct ident *)->name, names[i]))
            return false;
    return true;
}

static bool constraint_matches(const struct constraint *c, const struct constraint_def *def)
{
    if (c->kind != def->kind)
        return false;
    switch (def->kind) {
    case CON_CHECK:
        return expr_eq(c->check, def->check);
    case CON_FOREIGN_KEY:
        return name_eq(c->ref_table, def->ref_table.name) &&
               ident_list_eq(&def->cols, c->cols, c->ncols);
    default:
        return ident_list_eq(&def->cols, c->cols, c->ncols);
    }
}

const struct constraint *render_find_added_constraint(const struct table *t,
                                                      const struct table *old,
                                                      const struct constraint_def *def)
{
    if (!t)
        return NULL;
    if (def->name.name)
        return table_find_constraint(t, def->name.name);
    const struct constraint *any = NULL;
    for (int i = t->ncons - 1; i >= 0; i--) {
        const struct constraint *c = t->cons[i];
        if (!constraint_matches(c, def))
            continue;
        const struct constraint *was = old ? table_find_constraint(old, c->name) : NULL;
        if (!was || !constraint_matches(was, def))
            return c;
        if (!any)
            any = c;
    }
    return any;
}

/* ---- statements ----------------------------------------------------- */

static void put_row(struct strbuf *b, const struct render_style *st, const struct vec *row)
{
    strbuf_putc(b, '(');
    for (int j = 0; j < row->n; j++) {
        if (j)
            strbuf_puts(b, ", ");
        render_put_expr(b, st, VEC_AT(*row, j, const struct expr *));
    }
    strbuf_putc(b, ')');
}

static const char *render_insert(struct arena *a, const struct dialect *d, const struct schema *after,
                                 const struct stmt *st)
{
    const struct table *t = schema_find_table(after, st->table.name);
    struct render_style style = {.d = d, .table = t};
    struct strbuf b = {0};
    strbuf_puts(&b, "INSERT INTO ");
    render_put_name(&b, t ? t->name : st->table.name);
    strbuf_puts(&b, " (");
    for (int i = 0; i < st->cols.n; i++) {
        if (i)
            strbuf_puts(&b, ", ");
        render_put_name(&b, render_column_name(t, VEC_AT(st->cols, i, struct ident *)->name));
    }
    strbuf_puts(&b, ") VALUES");
    for (int i = 0; i < st->rows.n; i++) {
        strbuf_puts(&b, st->rows.n == 1 ? " " : i ? ",\n    " : "\n    ");
        put_row(&b, &style, VEC_AT(st->rows, i, const struct vec *));
    }
    return strbuf_to_arena(&b, a);
}

/* A single key deletes with IN; a composite key with one AND group per
   row, which every SQLite and PostgreSQL version accepts. */
static const char *render_delete(struct arena *a, const struct dialect *d, const struct schema *before,
                                 const struct stmt *st)
{
    const struct table *t = schema_find_table(before, st->table.name);
    struct render_style style = {.d = d, .table = t};
    struct strbuf b = {0};
    strbuf_puts(&b, "DELETE FROM ");
    render_put_name(&b, t ? t->name : st->table.name);
    strbuf_puts(&b, " WHERE ");
    if (st->cols.n == 1) {
        render_put_name(&b, render_column_name(t, VEC_AT(st->cols, 0, struct ident *)->name));
        strbuf_puts(&b, " IN (");
        for (int i = 0; i < st->rows.n; i++) {
            if (i)
                strbuf_puts(&b, ", ");
            render_put_expr(&b, &style, VEC_AT(*VEC_AT(st->rows, i, const struct vec *), 0,
                                               const struct expr *));
        }
        strbuf_putc(&b, ')');
        return strbuf_to_arena(&b, a);
    }
    for (int i = 0; i < st->rows.n; i++) {
        const struct vec *row = VEC_AT(st->rows, i, const struct vec *);
        if (i)
            strbuf_puts(&b, "\n    OR ");
        strbuf_putc(&b, '(');
        for (int j = 0; j < st->cols.n && j < row->n; j++) {
            if (j)
                strbuf_puts(&b, " AND ");
            render_put_name(&b, render_column_name(t, VEC_AT(st->cols, j, struct ident *)->name));
            strbuf_puts(&b, " = ");
            struct expr_style es = expr_style_of(&style);
            expr_print_cmp_operand(&b, &es, VEC_AT(*row, j, const struct expr *));
        }
        strbuf_putc(&b, ')');
    }
    return strbuf_to_arena(&b, a);
}

void render_rename_sequence(struct arena *a, const struct dialect *d, const struct table *old,
                            const char *old_col, const struct table *t, const char *new_col,
                            struct loc loc, struct vec *out)
{
    const struct column *c = table_find_column(old, old_col);
    if (!d->serial_sequence || !c || !types_is_serial(c->type.kind))
        return;
    const char *from = schema_serial_sequence_name(a, old->name, c->name);
    const char *to = schema_serial_sequence_name(a, t->name, render_column_name(t, new_col));
    if (strcmp(from, to) == 0)
        return;
    struct strbuf b = {0};
    strbuf_puts(&b, "ALTER SEQUENCE ");
    render_put_name(&b, from);
    strbuf_puts(&b, " RENAME TO ");
    render_put_name(&b, to);
    render_push(a, out, strbuf_to_arena(&b, a), loc);
}

/* An alter table of t with the given actions and none written: how a
   dialect with enum_as_check is asked to rebuild t (from before to after)
   when its enum checks change. */
static void rebuild_table(struct arena *a, const struct dialect *d, const struct schema *before,
                          const struct schema *after, const char *table, struct vec *actions,
                          struct loc loc, struct vec *out)
{
    struct stmt *st = stmt_new(a, STMT_ALTER_TABLE, loc);
    st->table.name = table;
    st->table.loc = loc;
    if (actions)
        st->actions = *actions;
    d->alter(a, before, after, st, out);
}

static bool has_enum_column(const struct table *t, const char *type)
{
    for (int i = 0; t && i < t->ncols; i++)
        if (t->cols[i]->type.kind == TYPE_ENUM && (!type || name_eq(t->cols[i]->type.named, type)))
            return true;
    return false;
}

/* Where a dialect has no enum types, a change of the values rebuilds the
   tables that use the type; a renamed value is renamed in their rows. */
static void rebuild_enum_users(struct arena *a, const struct dialect *d, const struct schema *before,
                               const struct schema *after, const struct stmt *st, struct vec *out)
{
    const struct table **ts;
    int n = schema_tables(after, a, &ts);
    for (int i = 0; i < n; i++) {
        if (!has_enum_column(ts[i], st->name.name))
            continue;
        struct vec *actions = NULL;
        for (int j = 0; st->kind == STMT_RENAME_VALUE && j < ts[i]->ncols; j++) {
            const struct column *c = ts[i]->cols[j];
            if (c->type.kind != TYPE_ENUM || !name_eq(c->type.named, st->name.name))
                continue;
            /* iif(c = 'old', 'new', c): a NULL stays NULL. */
            struct expr *col = expr_new(a, EXPR_COLUMN, st->loc);
            col->text = c->name;
            struct expr *from = expr_new(a, EXPR_STRING, st->loc);
            from->text = st->value.name;
            struct expr *to = expr_new(a, EXPR_STRING, st->loc);
            to->text = st->new_value.name;
            struct expr *eq = expr_new(a, EXPR_BINARY, st->loc);
            eq->op = OP_EQ;
            const struct expr **eqargs = arena_alloc(a, 2 * sizeof *eqargs);
            eqargs[0] = col;
            eqargs[1] = from;
            eq->args = eqargs;
            eq->nargs = 2;
            struct expr *iif = expr_new(a, EXPR_FUNC, st->loc);
            iif->text = "iif";
            const struct expr **args = arena_alloc(a, 3 * sizeof *args);
            args[0] = eq;
            args[1] = to;
            args[2] = col;
            iif->args = args;
            iif->nargs = 3;
            struct alter_action *act = arena_alloc(a, sizeof *act);
            act->kind = ALTER_TYPE;
            act->name.name = c->name;
            act->type = c->type;
            act->expr = iif;
            act->loc = st->loc;
            if (!actions)
                actions = arena_alloc(a, sizeof *actions);
            vec_push(a, actions, act);
        }
        rebuild_table(a, d, before, after, ts[i]->name, actions, st->loc, out);
    }
}

/* Whether e uses a column of t of enum type type. */
static bool uses_enum_column(const struct table *t, const char *type, const struct expr *e)
{
    for (int i = 0; e && i < t->ncols; i++)
        if (t->cols[i]->type.kind == TYPE_ENUM && name_eq(t->cols[i]->type.named, type) &&
            expr_uses_column(e, t->cols[i]->name))
            return true;
    return false;
}

static bool index_uses_enum_column(const struct table *t, const char *type, const struct index *ix)
{
    bool hit = uses_enum_column(t, type, ix->where);
    for (int i = 0; i < ix->nelems && !hit; i++)
        hit = uses_enum_column(t, type, ix->elems[i]->expr);
    return hit;
}

/* Moves the columns of t of enum type type to the type named to (with a
   cast through text). PostgreSQL casts along neither their defaults nor
   the literals of checks and index expressions that use them: those are
   dropped first and made again after. */
static void retype_enum_columns(struct arena *a, const struct dialect *d, const struct schema *s,
                                const struct table *t, const char *type, const char *to,
                                struct loc loc, struct vec *out)
{
    const struct index **ixs;
    int nix = schema_indexes_on(s, t->name, a, &ixs);
    for (int i = 0; i < nix; i++)
        if (index_uses_enum_column(t, type, ixs[i]))
            render_push(a, out, arena_printf(a, "DROP INDEX %s", render_name(a, ixs[i]->name)),
                        loc);
    struct vec acts = {0};
    for (int i = 0; i < t->ncons; i++)
        if (t->cons[i]->kind == CON_CHECK && uses_enum_column(t, type, t->cons[i]->check))
            vec_push(a, &acts, (void *)arena_printf(a, "DROP CONSTRAINT %s",
                                                    render_name(a, t->cons[i]->name)));
    struct render_style style = {.d = d, .table = t};
    for (int j = 0; j < t->ncols; j++) {
        const struct column *c = t->cols[j];
        if (c->type.kind != TYPE_ENUM || !name_eq(c->type.named, type))
            continue;
        const char *col = render_name(a, c->name);
        if (c->dflt)
            vec_push(a, &acts, (void *)arena_printf(a, "ALTER COLUMN %s DROP DEFAULT", col));
        vec_push(a, &acts, (void *)arena_printf(a, "ALTER COLUMN %s TYPE %s USING %s::text::%s",
                                                col, render_name(a, to), col,
                                                render_name(a, to)));
        if (c->dflt) {
            struct strbuf b = {0};
            strbuf_printf(&b, "ALTER COLUMN %s SET DEFAULT ", col);
            render_put_default(&b, &style, c->dflt);
            vec_push(a, &acts, (void *)strbuf_to_arena(&b, a));
        }
    }
    for (int i = 0; i < t->ncons; i++)
        if (t->cons[i]->kind == CON_CHECK && uses_enum_column(t, type, t->cons[i]->check))
            vec_push(a, &acts, (void *)arena_printf(a, "ADD %s",
                                                    render_constraint(a, d, s, t, t->cons[i])));
    /* One action on the ALTER TABLE line, several one per line. */
    struct strbuf b = {0};
    strbuf_puts(&b, "ALTER TABLE ");
    render_put_name(&b, t->name);
    for (int i = 0; i < acts.n; i++)
        strbuf_printf(&b, "%s%s%s", i ? "," : "", acts.n > 1 ? "\n    " : " ",
                      VEC_AT(acts, i, const char *));
    render_push(a, out, strbuf_to_arena(&b, a), loc);
    for (int i = 0; i < nix; i++)
        if (index_uses_enum_column(t, type, ixs[i]))
            render_push(a, out, render_create_index(a, d, s, ixs[i], false), loc);
}

const char *render_create_extension(struct arena *a, const struct extension *x,
                                    bool if_not_exists)
{
    struct strbuf b = {0};
    strbuf_puts(&b, if_not_exists ? "CREATE EXTENSION IF NOT EXISTS " : "CREATE EXTENSION ");
    render_put_name(&b, x->name);
    if (x->schema) {
        strbuf_puts(&b, " SCHEMA ");
        render_put_name(&b, x->schema);
    }
    return strbuf_to_arena(&b, a);
}

const char *render_comment(struct arena *a, const char *table, const char *column,
                           const char *comment)
{
    struct strbuf b = {0};
    strbuf_puts(&b, column ? "COMMENT ON COLUMN " : "COMMENT ON TABLE ");
    render_put_name(&b, table);
    if (column) {
        strbuf_putc(&b, '.');
        render_put_name(&b, column);
    }
    strbuf_puts(&b, " IS ");
    if (comment)
        strbuf_put_quoted(&b, comment, '\'');
    else
        strbuf_puts(&b, "NULL");
    return strbuf_to_arena(&b, a);
}

void render_table_comments(struct arena *a, const struct dialect *d, const struct table *t,
                           struct vec *out)
{
    struct loc nowhere = {0};
    if (!d->comments)
        return;
    if (t->comment)
        render_push(a, out, render_comment(a, t->name, NULL, t->comment), nowhere);
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i]->comment)
            render_push(a, out, render_comment(a, t->name, t->cols[i]->name, t->cols[i]->comment),
                        nowhere);
}

/* comment on: the names as the model spells them after it. */
static void render_comment_stmt(struct arena *a, const struct dialect *d,
                                const struct schema *after, const struct stmt *st,
                                struct vec *out)
{
    if (!d->comments)
        return;
    const struct table *t = schema_find_table(after, st->table.name);
    const struct column *col = t && st->name.name ? table_find_column(t, st->name.name) : NULL;
    render_push(a, out,
                render_comment(a, t ? t->name : st->table.name,
                               col ? col->name : st->name.name, st->comment),
                st->loc);
}

/* Extension statements: nothing where the dialect has none. */
static void render_extension_stmt(struct arena *a, const struct dialect *d,
                                  const struct schema *before, const struct schema *after,
                                  const struct stmt *st, struct vec *out)
{
    if (!d->extensions)
        return;
    if (st->kind == STMT_CREATE_EXTENSION) {
        const struct extension *x = schema_find_extension(after, st->name.name);
        if (x)
            render_push(a, out, render_create_extension(a, x, st->if_not_exists), st->loc);
        return;
    }
    const struct extension *old = schema_find_extension(before, st->name.name);
    struct strbuf b = {0};
    strbuf_puts(&b, "DROP EXTENSION ");
    render_put_name(&b, old ? old->name : st->name.name);
    render_push(a, out, strbuf_to_arena(&b, a), st->loc);
}

/* Enum type statements: native where the dialect has enum types. */
static void render_enum_stmt(struct arena *a, const struct dialect *d, const struct schema *before,
                             const struct schema *after, const struct stmt *st, struct vec *out)
{
    if (d->enum_as_check) {
        if (st->kind == STMT_ADD_VALUE || st->kind == STMT_DROP_VALUE ||
            st->kind == STMT_RENAME_VALUE)
            rebuild_enum_users(a, d, before, after, st, out);
        return;
    }
    const struct enum_type *old = schema_find_type(before, st->name.name);
    const char *name = old ? old->name : st->name.name;
    struct strbuf b = {0};
    switch (st->kind) {
    case STMT_CREATE_TYPE: {
        const struct enum_type *e = schema_find_type(after, st->name.name);
        if (e)
            render_push(a, out, render_create_type(a, e), st->loc);
        return;
    }
    case STMT_DROP_TYPE:
        strbuf_puts(&b, "DROP TYPE ");
        render_put_name(&b, name);
        break;
    case STMT_ADD_VALUE:
        strbuf_puts(&b, "ALTER TYPE ");
        render_put_name(&b, name);
        strbuf_puts(&b, " ADD VALUE ");
        strbuf_put_quoted(&b, st->value.name, '\'');
        if (st->anchor.name) {
            strbuf_puts(&b, st->after ? " AFTER " : " BEFORE ");
            strbuf_put_quoted(&b, st->anchor.name, '\'');
        }
        break;
    case STMT_RENAME_VALUE:
        strbuf_puts(&b, "ALTER TYPE ");
        render_put_name(&b, name);
        strbuf_puts(&b, " RENAME VALUE ");
        strbuf_put_quoted(&b, st->value.name, '\'');
        strbuf_puts(&b, " TO ");
        strbuf_put_quoted(&b, st->new_value.name, '\'');
        break;
    case STMT_RENAME_TYPE:
        strbuf_puts(&b, "ALTER TYPE ");
        render_put_name(&b, name);
        strbuf_puts(&b, " RENAME TO ");
        render_put_name(&b, render_type_name(after, st->new_name.name));
        break;
    case STMT_DROP_VALUE: {
        /* No database drops an enum value: a new type without it takes
           the old one's place in every column, which fails while a row
           still holds the value. */
        const struct enum_type *e = schema_find_type(after, name);
        if (!e)
            return;
        struct enum_type tmp = *e;
        tmp.name = arena_printf(a, "_migc_new_%s", e->name);
        render_push(a, out, render_create_type(a, &tmp), st->loc);
        const struct table **ts;
        int n = schema_tables(after, a, &ts);
        for (int i = 0; i < n; i++)
            if (has_enum_column(ts[i], e->name))
                retype_enum_columns(a, d, after, ts[i], e->name, tmp.name, st->loc, out);
        strbuf_puts(&b, "DROP TYPE ");
        render_put_name(&b, name);
        render_push(a, out, strbuf_to_arena(&b, a), st->loc);
        strbuf_puts(&b, "ALTER TYPE ");
        render_put_name(&b, tmp.name);
        strbuf_puts(&b, " RENAME TO ");
        render_put_name(&b, e->name);
        break;
    }
    default:
        return;
    }
    render_push(a, out, strbuf_to_arena(&b, a), st->loc);
}

void render_stmt(struct arena *a, const struct dialect *d, const struct schema *before,
                 const struct schema *after, const struct stmt *st, struct vec *out)
{
    struct strbuf b = {0};
    switch (st->kind) {
    case STMT_CREATE_TABLE: {
        const struct table *t = schema_find_table(after, st->table.name);
        if (t)
            render_push(a, out, render_create_table(a, d, after, t, NULL, NULL, 0), st->loc);
        return;
    }
    case STMT_DROP_TABLE:
        if (d->drop_indexes_first)
            render_drop_indexes_gone(a, before, after, st->table.name, st->loc, out);
        strbuf_puts(&b, "DROP TABLE ");
        render_put_name(&b, render_table_name(before, st->table.name));
        break;
    case STMT_RENAME_TABLE: {
        strbuf_puts(&b, "ALTER TABLE ");
        render_put_name(&b, render_table_name(before, st->table.name));
        strbuf_puts(&b, " RENAME TO ");
        render_put_name(&b, render_table_name(after, st->new_name.name));
        render_push(a, out, strbuf_to_arena(&b, a), st->loc);
        const struct table *old = schema_find_table(before, st->table.name);
        const struct table *t = schema_find_table(after, st->new_name.name);
        for (int i = 0; old && t && i < old->ncols; i++)
            render_rename_sequence(a, d, old, old->cols[i]->name, t, old->cols[i]->name,
                                   st->loc, out);
        /* The checks of enum columns are named after the table. */
        if (d->enum_as_check && has_enum_column(t, NULL))
            rebuild_table(a, d, after, after, t->name, NULL, st->loc, out);
        return;
    }
    case STMT_ALTER_TABLE:
        d->alter(a, before, after, st, out);
        return;
    case STMT_CREATE_INDEX: {
        const struct index *ix = schema_find_index(after, st->name.name);
        if (ix)
            render_push(a, out, render_create_index(a, d, after, ix, st->concurrently), st->loc);
        return;
    }
    case STMT_DROP_INDEX: {
        const struct index *ix = schema_find_index(before, st->name.name);
        strbuf_puts(&b, "DROP INDEX ");
        render_put_name(&b, ix ? ix->name : st->name.name);
        break;
    }
    case STMT_CREATE_VIEW: {
        if (st->sql_dialect && strcmp(st->sql_dialect, d->name) != 0)
            return;
        struct view tmp = {.name = st->name.name, .body = st->body,
                           .materialized = st->materialized, .no_data = st->no_data};
        const struct view *v = schema_find_view(after, st->name.name);
        if (v)
            tmp.name = v->name;
        render_push(a, out, render_create_view(a, &tmp, false), st->loc);
        return;
    }
    case STMT_DROP_VIEW: {
        /* On the dialects it exists on; a materialized view takes its
           indexes. */
        const struct view *v = schema_find_view(before, st->name.name);
        const struct view *here = view_on(v, d->target);
        if (v && (!here || (st->sql_dialect && strcmp(st->sql_dialect, d->name) != 0)))
            return;
        strbuf_puts(&b, st->materialized ? "DROP MATERIALIZED VIEW " : "DROP VIEW ");
        render_put_name(&b, v ? v->name : st->name.name);
        break;
    }
    case STMT_REFRESH_VIEW: {
        const struct view *v = schema_find_view(before, st->name.name);
        strbuf_puts(&b, st->concurrently ? "REFRESH MATERIALIZED VIEW CONCURRENTLY "
                                         : "REFRESH MATERIALIZED VIEW ");
        render_put_name(&b, v ? v->name : st->name.name);
        break;
    }
    case STMT_INSERT:
        render_push(a, out, render_insert(a, d, after, st), st->loc);
        return;
    case STMT_DELETE:
        render_push(a, out, render_delete(a, d, before, st), st->loc);
        return;
    case STMT_SQL:
        if (!st->sql_dialect || strcmp(st->sql_dialect, d->name) == 0)
            render_push(a, out, render_body(a, st->body), st->body_loc);
        return;
    case STMT_CREATE_TYPE:
    case STMT_DROP_TYPE:
    case STMT_ADD_VALUE:
    case STMT_DROP_VALUE:
    case STMT_RENAME_VALUE:
    case STMT_RENAME_TYPE:
        render_enum_stmt(a, d, before, after, st, out);
        return;
    case STMT_CREATE_EXTENSION:
    case STMT_DROP_EXTENSION:
        render_extension_stmt(a, d, before, after, st, out);
        return;
    case STMT_COMMENT:
        render_comment_stmt(a, d, after, st, out);
        return;
    }
    render_push(a, out, strbuf_to_arena(&b, a), st->loc);
}

void render_schema(struct arena *a, const struct dialect *d, const struct schema *s, struct vec *out)
{
    struct loc nowhere = {0};
    const struct extension **exts;
    int nexts = d->extensions ? schema_extensions(s, a, &exts) : 0;
    for (int i = 0; i < nexts; i++)
        render_push(a, out, render_create_extension(a, exts[i], true), nowhere);
    const struct enum_type **types;
    int ntypes = d->enum_as_check ? 0 : schema_types(s, a, &types);
    for (int i = 0; i < ntypes; i++)
        render_push(a, out, render_create_type(a, types[i]), nowhere);
    struct vec late = {0};
    const struct table **tables;
    int n = render_table_order(a, s, &tables, &late);
    for (int i = 0; i < n; i++) {
        /* A dialect that checks no reference at CREATE time needs no
           split for a cycle. */
        const struct constraint **omit = NULL;
        int nomit = 0;
        if (d->late_foreign_keys) {
            omit = arena_alloc(a, (size_t)(late.n ? late.n : 1) * sizeof *omit);
            for (int j = 0; j < late.n; j++) {
                const struct render_late_fk *l = VEC_AT(late, j, const struct render_late_fk *);
                if (l->table == tables[i])
                    omit[nomit++] = l->con;
            }
        }
        render_push(a, out, render_create_table(a, d, s, tables[i], NULL, omit, nomit), nowhere);
    }
    for (int j = 0; d->late_foreign_keys && j < late.n; j++) {
        const struct render_late_fk *l = VEC_AT(late, j, const struct render_late_fk *);
        render_push(a, out, render_add_late_fk(a, d, s, l), nowhere);
    }
    /* Not valid constraints, which CREATE TABLE would validate (late
       foreign keys were added so already). */
    struct render_style nvst = {.d = d};
    for (int i = 0; i < n; i++)
        for (int j = 0; j < tables[i]->ncons; j++) {
            const struct constraint *c = tables[i]->cons[j];
            bool was_late = false;
            for (int k = 0; d->late_foreign_keys && k < late.n; k++)
                was_late |= VEC_AT(late, k, const struct render_late_fk *)->con == c;
            if (render_not_valid(&nvst, c) && !was_late)
                render_push(a, out, render_add_not_valid(a, d, s, tables[i], c), nowhere);
        }
    /* Indexes on tables, views, then the indexes on materialized views. */
    const struct index **ixs;
    int nix = schema_indexes(s, a, &ixs);
    for (int i = 0; i < nix; i++)
        if (!schema_find_view(s, ixs[i]->table))
            render_push(a, out, render_create_index(a, d, s, ixs[i], false), nowhere);
    const struct view **views;
    int nv = render_view_order(a, s, d->target, &views);
    for (int i = 0; i < nv; i++)
        render_push(a, out, render_create_view(a, views[i], false), nowhere);
    for (int i = 0; i < nix; i++)
        if (view_on(schema_find_view(s, ixs[i]->table), d->target))
            render_push(a, out, render_create_index(a, d, s, ixs[i], false), nowhere);
    for (int i = 0; i < n; i++)
        render_table_comments(a, d, tables[i], out);
}

const char *render_add_late_fk(struct arena *a, const struct dialect *d, const struct schema *s,
                               const struct render_late_fk *l)
{
    struct strbuf b = {0};
    strbuf_puts(&b, "ALTER TABLE ");
    render_put_name(&b, l->table->name);
    strbuf_puts(&b, " ADD ");
    strbuf_puts(&b, render_constraint(a, d, s, l->table, l->con));
    return strbuf_to_arena(&b, a);
}
