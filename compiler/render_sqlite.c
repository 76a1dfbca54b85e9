/* SQLite as a dialect: its type names, its spellings and its ALTER
   TABLE. SQLite alters natively only ADD COLUMN (of a column without
   constraints and with a constant default), RENAME COLUMN and DROP
   COLUMN (of a column nothing else uses, once the indexes that go with
   it are dropped first). Any other action turns
   the whole statement into one run of SQLite's documented twelve-step
   rebuild, from the table before the statement to the table after it:
   drop the views that read the table, create the new table under a
   temporary name, copy every row, drop the old table, rename the new one,
   recreate indexes and views, then check foreign keys. An ALTER TABLE
   with no action at all is render_common's request for that rebuild
   alone: an enum column's check (enum_as_check) changed with its type's
   values or its table's name. */
#include "render.h"
#include "types.h"

#include <string.h>

#include "expr_print.h"
#include "migc_migrator.h"

/* This dialect, for the renderers shared with the others. */
static const struct dialect *const sqlite = &render_sqlite_dialect;

/* Key words SQLite's parser does not accept where a table or column name
   goes. Sorted for bsearch. */
static const char *const sqlite_reserved[] = {
    "add", "all", "alter", "and", "as", "autoincrement", "between", "case", "check", "collate",
    "commit", "constraint", "create", "default", "deferrable", "delete", "distinct", "drop",
    "else", "escape", "except", "exists", "foreign", "from", "group", "having", "if", "in",
    "index", "insert", "intersect", "into", "is", "isnull", "limit", "not", "nothing",
    "notnull", "null", "on", "or", "order", "primary", "raise", "references", "returning",
    "select", "set", "table", "then", "to", "transaction", "union", "unique", "update", "using",
    "values", "when", "where",
};

/* Where SQLite's names differ from the .mig ones: its affinities keep
   these. */
static const char *const sqlite_types[TYPE_NKINDS] = {
    [TYPE_SMALLINT] = "INTEGER",
    [TYPE_BIGINT] = "INTEGER",
    [TYPE_DOUBLE] = "REAL",
    [TYPE_TIMESTAMPTZ] = "TIMESTAMP",
    [TYPE_UUID] = "CHAR(36)",
    [TYPE_JSON] = "TEXT",
    [TYPE_JSONB] = "TEXT",
    [TYPE_TIMETZ] = "TIME",
    [TYPE_SERIAL] = "INTEGER",
    [TYPE_SMALLSERIAL] = "INTEGER",
    [TYPE_BIGSERIAL] = "INTEGER",
    /* PostgreSQL only: an error where SQLite is a target. */
    [TYPE_INTERVAL] = "TEXT",
    [TYPE_INET] = "TEXT",
    [TYPE_CIDR] = "TEXT",
    [TYPE_MACADDR] = "TEXT",
    [TYPE_TSVECTOR] = "TEXT",
    [TYPE_TSQUERY] = "TEXT",
    [TYPE_MONEY] = "TEXT",
    [TYPE_XML] = "TEXT",
    [TYPE_ENUM] = "TEXT",
};

/* SQLite keeps dates and times as text, and CAST to a type named DATE
   or TIMESTAMP would make a number of it (numeric affinity): its date
   functions give what PostgreSQL's casts give. */
static bool put_cast(struct strbuf *b, const struct expr_style *es, const struct expr *e)
{
    const char *fn = NULL;
    switch (e->type.kind) {
    case TYPE_DATE: fn = "date"; break;
    case TYPE_TIME: case TYPE_TIMETZ: fn = "time"; break;
    case TYPE_TIMESTAMP: case TYPE_TIMESTAMPTZ: case TYPE_DATETIME: fn = "datetime"; break;
    default: return false;
    }
    strbuf_printf(b, "%s(", fn);
    expr_print(b, es, e->args[0]);
    strbuf_putc(b, ')');
    return true;
}

/* The fields of extract() that strftime() has, as its format and the
   type of the number; the others are PostgreSQL only (expr_extract_field). */
static const struct {
    const char *field, *format, *type;
} sqlite_extract[] = {
    {"year", "%Y", "INTEGER"}, {"month", "%m", "INTEGER"}, {"day", "%d", "INTEGER"},
    {"hour", "%H", "INTEGER"}, {"minute", "%M", "INTEGER"}, {"second", "%f", "REAL"},
    {"dow", "%w", "INTEGER"}, {"doy", "%j", "INTEGER"}, {"epoch", "%s", "INTEGER"},
};

static bool put_extract(struct strbuf *b, const struct expr_style *es, const struct expr *e)
{
    for (size_t i = 0; i < sizeof sqlite_extract / sizeof sqlite_extract[0]; i++) {
        if (!name_eq(sqlite_extract[i].field, e->text))
            continue;
        strbuf_printf(b, "CAST(strftime('%s', ", sqlite_extract[i].format);
        expr_print(b, es, e->args[0]);
        strbuf_printf(b, ") AS %s)", sqlite_extract[i].type);
        return true;
    }
    return false;
}

/* greatest() and least() are SQLite's max() and min() of two or more
   arguments (one argument would make them aggregates). They differ on
   a null argument: SQLite's result is null, PostgreSQL's ignores it. */
static bool put_greatest_least(struct strbuf *b, const struct expr_style *es, const struct expr *e)
{
    bool greatest = name_eq(e->text, "greatest");
    if (!greatest && !name_eq(e->text, "least"))
        return false;
    if (e->nargs == 1) {
        strbuf_putc(b, '(');
        expr_print(b, es, e->args[0]);
        strbuf_putc(b, ')');
        return true;
    }
    strbuf_puts(b, greatest ? "max(" : "min(");
    for (int i = 0; i < e->nargs; i++) {
        if (i)
            strbuf_puts(b, ", ");
        expr_print(b, es, e->args[i]);
    }
    strbuf_putc(b, ')');
    return true;
}

/* SQLite before 3.23 has no TRUE or FALSE; 1 and 0 are what it stores
   anyway. It has no now() either. */
static bool put_special(struct strbuf *b, const struct expr_style *es, const struct expr *e)
{
    switch (e->kind) {
    case EXPR_CURRENT_TIMESTAMP:
        /* SQLite's has whole seconds whatever the precision asked. */
        strbuf_puts(b, "CURRENT_TIMESTAMP");
        return true;
    case EXPR_CAST:
        return put_cast(b, es, e);
    case EXPR_EXTRACT:
        return put_extract(b, es, e);
    case EXPR_TRUE:
        strbuf_putc(b, '1');
        return true;
    case EXPR_FALSE:
        strbuf_putc(b, '0');
        return true;
    case EXPR_FUNC:
        if (e->nargs == 0 && name_eq(e->text, "now")) {
            strbuf_puts(b, "CURRENT_TIMESTAMP");
            return true;
        }
        return put_greatest_least(b, es, e);
    default:
        return false;
    }
}

/* The rowid alias: an identity single-column integer primary key, which
   SQLite takes as one only when declared exactly INTEGER (as every
   integer type is here) with the key a column constraint. */
static const struct constraint *rowid_key(const struct table *t)
{
    const struct constraint *c = table_primary_key(t);
    if (!c || c->ncols != 1)
        return NULL;
    const struct column *col = table_find_column(t, c->cols[0]);
    if (col && types_is_serial(col->type.kind))
        return c;
    return col && col->identity &&
                   (col->type.kind == TYPE_SMALLINT || col->type.kind == TYPE_INTEGER ||
                    col->type.kind == TYPE_BIGINT)
               ? c
               : NULL;
}

/* A constant default, which is all SQLite's ADD COLUMN takes. */
static bool is_constant(const struct expr *e)
{
    e = expr_strip(e);
    switch (e->kind) {
    case EXPR_NULL: case EXPR_TRUE: case EXPR_FALSE: case EXPR_INT: case EXPR_NUMBER:
    case EXPR_STRING:
        return true;
    case EXPR_UNARY:
        return e->op != OP_NOT && is_constant(e->args[0]);
    default:
        return false;
    }
}

static bool can_add_natively(const struct table *t, const struct alter_action *act)
{
    const struct column *c = t ? table_find_column(t, act->column->name.name) : NULL;
    /* An enum column comes with its table's check (enum_as_check); SQLite
       adds only virtual generated columns natively. */
    if (!c || act->column->constraints.n > 0 || c->identity || c->type.kind == TYPE_ENUM ||
        c->generated)
        return false;
    if (c->dflt)
        return is_constant(c->dflt);
    return !c->not_null;
}

static bool can_drop_natively(struct arena *a, const struct schema *before,
                              const struct schema *after, const struct table *old,
                              const char *col)
{
    const struct column *dropped = old ? table_find_column(old, col) : NULL;
    if (!dropped || dropped->type.kind == TYPE_ENUM)
        return false;
    for (int i = 0; i < old->ncons; i++) {
        const struct constraint *c = old->cons[i];
        for (int j = 0; j < c->ncols; j++)
            if (name_eq(c->cols[j], col))
                return false;
        if (c->kind == CON_CHECK && expr_uses_column(c->check, col))
            return false;
    }
    const struct index **ixs;
    int nix = schema_indexes_on(before, old->name, a, &ixs);
    for (int i = 0; i < nix; i++) {
        if (!schema_find_index(after, ixs[i]->name))
            continue;   /* dropped first (render_drop_indexes_gone) */
        if (expr_uses_column(ixs[i]->where, col))
            return false;
        for (int j = 0; j < ixs[i]->nelems; j++)
            if (name_eq(ixs[i]->elems[j]->column.name, col) ||
                expr_uses_column(ixs[i]->elems[j]->expr, col))
                return false;
    }
    /* Foreign keys of other tables that point at the column. */
    const struct table **tables;
    int nt = schema_referrers(before, old->name, a, &tables);
    for (int i = 0; i < nt; i++) {
        for (int j = 0; j < tables[i]->ncons; j++) {
            const struct constraint *c = tables[i]->cons[j];
            if (c->kind != CON_FOREIGN_KEY || !name_eq(c->ref_table, old->name))
                continue;
            for (int k = 0; k < c->nref_cols; k++)
                if (name_eq(c->ref_cols[k], col))
                    return false;
        }
    }
    const struct view **views;
    int nv = schema_views_on(before, sqlite->target, a, &views);
    for (int i = 0; i < nv; i++) {
        const struct view *v = views[i];
        for (int j = 0; j < v->ndeps; j++)
            if (name_eq(v->deps[j].table, old->name) &&
                (!v->deps[j].column || name_eq(v->deps[j].column, col)))
                return false;
        if (v->ndeps == 0 && render_view_uses(v, old->name))
            return false;
    }
    return true;
}

static bool needs_rebuild(struct arena *a, const struct schema *before,
                          const struct schema *after, const struct table *old,
                          const struct table *t, const struct stmt *st)
{
    /* No action at all: the rebuild render_common asks for when an enum
       type's values or the table's name change its checks. */
    if (st->actions.n == 0)
        return true;
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *act = VEC_AT(st->actions, i, const struct alter_action *);
        switch (act->kind) {
        case ALTER_ADD_COLUMN:
            if (!can_add_natively(t, act))
                return true;
            break;
        case ALTER_DROP_COLUMN:
            if (!can_drop_natively(a, before, after, old, act->name.name))
                return true;
            break;
        case ALTER_RENAME_COLUMN: {
            /* The check of an enum column is named after it. */
            const struct column *c = t ? table_find_column(t, act->new_name.name) : NULL;
            if (c && c->type.kind == TYPE_ENUM)
                return true;
            break;
        }
        case ALTER_VALIDATE_CONSTRAINT:   /* not valid is ignored here */
        case ALTER_INVALIDATE_CONSTRAINT:
            break;
        default:
            return true;
        }
    }
    return false;
}

static void render_native(struct arena *a, const struct table *old, const struct table *t,
                          const struct stmt *st, struct vec *out)
{
    const char *table = old ? old->name : st->table.name;
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *act = VEC_AT(st->actions, i, const struct alter_action *);
        if (act->kind == ALTER_VALIDATE_CONSTRAINT || act->kind == ALTER_INVALIDATE_CONSTRAINT)
            continue;
        struct strbuf b = {0};
        strbuf_puts(&b, "ALTER TABLE ");
        render_put_name(&b, table);
        switch (act->kind) {
        case ALTER_ADD_COLUMN:
            strbuf_puts(&b, " ADD COLUMN ");
            strbuf_puts(&b, render_column(a, sqlite, t,
                                          table_find_column(t, act->column->name.name)));
            break;
        case ALTER_DROP_COLUMN:
            strbuf_puts(&b, " DROP COLUMN ");
            render_put_name(&b, render_column_name(old, act->name.name));
            break;
        default: /* ALTER_RENAME_COLUMN */
            strbuf_puts(&b, " RENAME COLUMN ");
            render_put_name(&b, render_column_name(old, act->name.name));
            strbuf_puts(&b, " TO ");
            render_put_name(&b, render_column_name(t, act->new_name.name));
            break;
        }
        render_push(a, out, strbuf_to_arena(&b, a), st->loc);
    }
}

/* Where each column of the new table takes its rows from, as the actions
   leave it: SQL over the old table's columns, or NULL for a new column
   (left out of the copy, so it takes its default). */
struct source {
    const char *name;          /* the column's name at this point of the statement */
    const char *sql;
    bool compound;             /* sql needs parentheses as an operand */
    struct type type;
};

static int find_source(struct source *src, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (src[i].name && name_eq(src[i].name, name))
            return i;
    return -1;
}

/* Whether e's SQL needs parentheses to be an operand (a name, a call or
   a CAST does not). */
static bool is_compound(const struct expr *e)
{
    switch (expr_strip(e)->kind) {
    case EXPR_BINARY: case EXPR_UNARY: case EXPR_IS_NULL: case EXPR_IN: case EXPR_LIKE:
    case EXPR_BETWEEN:
        return true;
    default:
        return false;
    }
}

static void retype(struct arena *a, const struct table *old, struct source *src, int n, int k,
                   const struct alter_action *act)
{
    if (act->expr) {
        /* using (expr) reads the columns as they are at this action. */
        const char **from = arena_alloc(a, (size_t)n * sizeof *from);
        const char **to = arena_alloc(a, (size_t)n * sizeof *to);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (src[i].name && src[i].sql) {
                from[m] = src[i].name;
                to[m++] = src[i].compound ? arena_printf(a, "(%s)", src[i].sql) : src[i].sql;
            }
        }
        struct render_style st = {.d = sqlite, .table = old,
                                  .map_from = from, .map_to = to, .nmap = m};
        struct strbuf b = {0};
        render_put_expr(&b, &st, expr_strip(act->expr));
        src[k].sql = strbuf_to_arena(&b, a);
        src[k].compound = is_compound(act->expr);
    } else if (src[k].sql && strcmp(render_type(a, sqlite, &src[k].type),
                                    render_type(a, sqlite, &act->type)) != 0) {
        src[k].sql = arena_printf(a, "CAST(%s AS %s)", src[k].sql,
                                  render_type(a, sqlite, &act->type));
        src[k].compound = false;
    }
    src[k].type = act->type;
}

/* The views a rebuild must drop first (SQLite cannot rename a table
   under a view): those reading the table, directly or through another
   view. views is render_view_order of the schema before; they are dropped
   last first and recreated from the schema after, first first. */
static bool *affected_views(struct arena *a, const struct view **views, int nv,
                            const char *table)
{
    bool *hit = arena_alloc(a, (size_t)(nv ? nv : 1) * sizeof *hit);
    bool grew = true;
    for (int i = 0; i < nv; i++)
        hit[i] = render_view_uses(views[i], table);
    while (grew) {
        grew = false;
        for (int i = 0; i < nv; i++)
            for (int j = 0; j < nv && !hit[i]; j++)
                if (hit[j] && render_view_uses(views[i], views[j]->name))
                    hit[i] = grew = true;
    }
    return hit;
}

static void drop_views(struct arena *a, const struct view **views, int nv, const bool *hit,
                       struct loc loc, struct vec *out)
{
    for (int i = nv - 1; i >= 0; i--)
        if (hit[i])
            render_push(a, out, arena_printf(a, "DROP VIEW %s", render_name(a, views[i]->name)),
                        loc);
}

static void recreate_views(struct arena *a, const struct schema *after, const struct view **views,
                           int nv, const bool *hit, struct loc loc, struct vec *out)
{
    const struct view **now;
    int nnow = render_view_order(a, after, sqlite->target, &now);
    for (int i = 0; i < nnow; i++) {
        for (int j = 0; j < nv; j++) {
            if (hit[j] && name_eq(views[j]->name, now[i]->name)) {
                render_push(a, out, render_create_view(a, now[i], false), loc);
                break;
            }
        }
    }
}

/* Whether t has a foreign key or another table has one pointing at t:
   only then can the copy break a reference. */
static bool has_foreign_keys(struct arena *a, const struct schema *s, const struct table *t)
{
    for (int j = 0; j < t->ncons; j++)
        if (t->cons[j]->kind == CON_FOREIGN_KEY)
            return true;
    const struct table **referrers;
    return schema_referrers(s, t->name, a, &referrers) > 0;
}

static void push_sql(struct arena *a, struct vec *out, struct loc loc, const char *fmt,
                     const char *name)
{
    render_push(a, out, arena_printf(a, fmt, render_name(a, name)), loc);
}

static void rebuild(struct arena *a, const struct schema *before, const struct schema *after,
                    const struct table *old, const struct table *t, const struct stmt *st,
                    struct vec *out)
{
    struct loc loc = st->loc;
    const struct view **views;
    int nv = render_view_order(a, before, sqlite->target, &views);
    bool *hit = affected_views(a, views, nv, old->name);
    drop_views(a, views, nv, hit, loc, out);

    const char *tmp = arena_printf(a, "_migc_new_%s", t->name);
    render_push(a, out, render_create_table(a, sqlite, after, t, tmp, NULL, 0), loc);

    int n = old->ncols + st->actions.n;
    struct source *src = arena_alloc(a, (size_t)n * sizeof *src);
    int nsrc = 0;
    for (int i = 0; i < old->ncols; i++) {
        src[nsrc].name = old->cols[i]->name;
        src[nsrc].sql = render_name(a, old->cols[i]->name);
        src[nsrc++].type = old->cols[i]->type;
    }
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *act = VEC_AT(st->actions, i, const struct alter_action *);
        int k = find_source(src, nsrc, act->kind == ALTER_ADD_COLUMN ? act->column->name.name
                                                                     : act->name.name);
        switch (act->kind) {
        case ALTER_ADD_COLUMN:
            src[nsrc].name = act->column->name.name;
            src[nsrc].sql = NULL;
            src[nsrc++].type = act->column->type;
            break;
        case ALTER_DROP_COLUMN:
            if (k >= 0)
                src[k].name = NULL;
            break;
        case ALTER_RENAME_COLUMN:
            if (k >= 0)
                src[k].name = act->new_name.name;
            break;
        case ALTER_TYPE:
            if (k >= 0)
                retype(a, old, src, nsrc, k, act);
            break;
        default:
            break;
        }
    }

    struct strbuf cols = {0}, exprs = {0};
    for (int i = 0; i < t->ncols; i++) {
        int k = find_source(src, nsrc, t->cols[i]->name);
        /* A generated column computes its own value. */
        if (k < 0 || !src[k].sql || t->cols[i]->generated)
            continue;
        if (cols.len) {
            strbuf_puts(&cols, ", ");
            strbuf_puts(&exprs, ", ");
        }
        render_put_name(&cols, t->cols[i]->name);
        strbuf_puts(&exprs, src[k].sql);
    }
    if (!cols.len) {
        /* Every column is new: still one row per old row. */
        strbuf_puts(&cols, "rowid");
        strbuf_puts(&exprs, "rowid");
    }
    render_push(a, out,
                arena_printf(a, "INSERT INTO %s (%s)\nSELECT %s\nFROM %s", render_name(a, tmp),
                             strbuf_str(&cols), strbuf_str(&exprs), render_name(a, old->name)),
                loc);
    strbuf_free(&cols);
    strbuf_free(&exprs);

    push_sql(a, out, loc, "DROP TABLE %s", old->name);
    render_push(a, out,
                arena_printf(a, "ALTER TABLE %s RENAME TO %s", render_name(a, tmp),
                             render_name(a, t->name)),
                loc);

    const struct index **ixs;
    int nix = schema_indexes_on(after, t->name, a, &ixs);
    for (int i = 0; i < nix; i++)
        render_push(a, out, render_create_index(a, sqlite, after, ixs[i], false), loc);

    recreate_views(a, after, views, nv, hit, loc, out);

    if (!has_foreign_keys(a, after, t))
        return;
    /* PRAGMA foreign_key_check only reports; a CHECK on the count of what
       it reports makes the migration itself fail, in the migrator and in
       the sqlite3 shell alike. */
    render_push(a, out,
                "CREATE TEMP TABLE _migc_fk_check (n INTEGER "
                "CONSTRAINT foreign_key_violation CHECK (n = 0))",
                loc);
    render_push(a, out,
                "INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check", loc);
    render_push(a, out, "DROP TABLE _migc_fk_check", loc);
}

static void alter(struct arena *a, const struct schema *before, const struct schema *after,
                  const struct stmt *st, struct vec *out)
{
    const struct table *old = schema_find_table(before, st->table.name);
    const struct table *t = schema_find_table(after, st->table.name);
    if (!old || !t)
        return;
    render_drop_indexes_gone(a, before, after, old->name, st->loc, out);
    if (needs_rebuild(a, before, after, old, t, st))
        rebuild(a, before, after, old, t, st, out);
    else
        render_native(a, old, t, st, out);
}

const struct dialect render_sqlite_dialect = {
    .name = "sqlite",
    .target = 1u << MIGC_SQLITE,
    .abi = MIGC_SQLITE,
    .abi_name = "MIGC_SQLITE",
    .reserved = sqlite_reserved,
    .nreserved = sizeof sqlite_reserved / sizeof sqlite_reserved[0],
    .types = sqlite_types,
    .identity = "",
    .rules = DIALECT_IDENTITY_ROWID | DIALECT_POSTGRES_ONLY_REFUSED,
    .alter = alter,
    .put_special = put_special,
    .column_key = rowid_key,
    .enum_as_check = true,
    .title = "SQLite",
    .drop_indexes_first = true,
};
