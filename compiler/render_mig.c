/* .mig text in canonical layout: lower-case keywords, 4-space indent, one
   column definition per line, names quoted as in SQL. Whatever comes out
   parses back to the same statements (STMT_DELETE and STMT_DROP_VALUE
   excepted: they have no .mig syntax and print as a readable `delete
   from`, `alter type T drop value 'x'`). */
#include "dialect.h"
#include "render.h"
#include "replay.h"

#include <string.h>

static const struct render_style mig_style = {.mig = true};

static void put_expr(struct strbuf *b, const struct expr *e)
{
    render_put_expr(b, &mig_style, e);
}

/* (expr) without doubling the author's outer parentheses. */
static void put_paren(struct strbuf *b, const struct expr *e)
{
    strbuf_putc(b, '(');
    put_expr(b, expr_strip(e));
    strbuf_putc(b, ')');
}

static void put_idents(struct strbuf *b, const struct vec *v)
{
    strbuf_putc(b, '(');
    for (int i = 0; i < v->n; i++) {
        if (i)
            strbuf_puts(b, ", ");
        render_put_name(b, VEC_AT(*v, i, const struct ident *)->name);
    }
    strbuf_putc(b, ')');
}

static const char *fk_action_text(enum fk_action a)
{
    switch (a) {
    case FK_NO_ACTION: return "no action";
    case FK_RESTRICT: return "restrict";
    case FK_CASCADE: return "cascade";
    case FK_SET_NULL: return "set null";
    case FK_SET_DEFAULT: return "set default";
    default: return NULL;
    }
}

static void put_references(struct strbuf *b, const struct constraint_def *c)
{
    strbuf_puts(b, "references ");
    render_put_name(b, c->ref_table.name);
    if (c->ref_cols.n) {
        strbuf_putc(b, ' ');
        put_idents(b, &c->ref_cols);
    }
    if (fk_action_text(c->on_delete))
        strbuf_printf(b, " on delete %s", fk_action_text(c->on_delete));
    if (fk_action_text(c->on_update))
        strbuf_printf(b, " on update %s", fk_action_text(c->on_update));
}

/* deferrable ..., not valid, as written. */
static void put_con_attrs(struct strbuf *b, const struct constraint_def *c)
{
    if (c->deferrable)
        strbuf_puts(b, c->deferrable > 0 ? " deferrable" : " not deferrable");
    if (c->initially)
        strbuf_puts(b, c->initially > 0 ? " initially deferred" : " initially immediate");
    if (c->not_valid)
        strbuf_puts(b, " not valid");
}

/* A table constraint as written: [constraint n] primary key (a) | ... */
static void put_constraint_def(struct strbuf *b, const struct constraint_def *c)
{
    if (c->name.name) {
        strbuf_puts(b, "constraint ");
        render_put_name(b, c->name.name);
        strbuf_putc(b, ' ');
    }
    switch (c->kind) {
    case CON_PRIMARY_KEY:
        strbuf_puts(b, "primary key ");
        put_idents(b, &c->cols);
        break;
    case CON_UNIQUE:
        strbuf_puts(b, c->nulls_not_distinct ? "unique nulls not distinct " : "unique ");
        put_idents(b, &c->cols);
        break;
    case CON_FOREIGN_KEY:
        strbuf_puts(b, "foreign key ");
        put_idents(b, &c->cols);
        strbuf_putc(b, ' ');
        put_references(b, c);
        break;
    case CON_CHECK:
        strbuf_puts(b, "check ");
        put_paren(b, c->check);
        break;
    }
    put_con_attrs(b, c);
}

static void put_column_def(struct strbuf *b, const struct column_def *c)
{
    bool inline_pk = false;
    for (int i = 0; i < c->constraints.n; i++)
        inline_pk = inline_pk ||
                    VEC_AT(c->constraints, i, const struct constraint_def *)->kind == CON_PRIMARY_KEY;
    render_put_name(b, c->name.name);
    strbuf_putc(b, ' ');
    render_put_type(b, &mig_style, &c->type);
    /* A primary key implies not null; writing it again would be noise. */
    if (c->not_null && !inline_pk)
        strbuf_puts(b, " not null");
    if (c->dflt) {
        strbuf_puts(b, " default ");
        render_put_default(b, &mig_style, c->dflt);
    }
    for (int i = 0; i < c->constraints.n; i++) {
        const struct constraint_def *con = VEC_AT(c->constraints, i, const struct constraint_def *);
        strbuf_putc(b, ' ');
        if (con->name.name) {
            strbuf_puts(b, "constraint ");
            render_put_name(b, con->name.name);
            strbuf_putc(b, ' ');
        }
        switch (con->kind) {
        case CON_PRIMARY_KEY:
            strbuf_puts(b, "primary key");
            break;
        case CON_UNIQUE:
            strbuf_puts(b, con->nulls_not_distinct ? "unique nulls not distinct" : "unique");
            break;
        case CON_FOREIGN_KEY:
            put_references(b, con);
            break;
        case CON_CHECK:
            strbuf_puts(b, "check ");
            put_paren(b, con->check);
            break;
        }
        put_con_attrs(b, con);
    }
    if (c->identity)
        strbuf_puts(b, " identity");
    if (c->generated) {
        strbuf_puts(b, " generated always as ");
        put_paren(b, c->generated);
        strbuf_puts(b, " stored");
    }
}

static void put_action(struct strbuf *b, const struct alter_action *act)
{
    switch (act->kind) {
    case ALTER_ADD_COLUMN:
        strbuf_puts(b, "add column ");
        put_column_def(b, act->column);
        return;
    case ALTER_DROP_COLUMN:
        strbuf_puts(b, "drop column ");
        render_put_name(b, act->name.name);
        return;
    case ALTER_RENAME_COLUMN:
        strbuf_puts(b, "rename column ");
        render_put_name(b, act->name.name);
        strbuf_puts(b, " to ");
        render_put_name(b, act->new_name.name);
        return;
    case ALTER_ADD_CONSTRAINT:
        strbuf_puts(b, "add ");
        put_constraint_def(b, act->constraint);
        return;
    case ALTER_DROP_CONSTRAINT:
        strbuf_puts(b, "drop constraint ");
        render_put_name(b, act->name.name);
        return;
    case ALTER_VALIDATE_CONSTRAINT:
        strbuf_puts(b, "validate constraint ");
        render_put_name(b, act->name.name);
        return;
    case ALTER_INVALIDATE_CONSTRAINT:
        /* No .mig syntax: what it does, as two actions. */
        strbuf_puts(b, "drop constraint ");
        render_put_name(b, act->name.name);
        strbuf_puts(b, ",\n    add ");
        put_constraint_def(b, act->constraint);
        return;
    default:
        break;
    }
    strbuf_puts(b, "alter column ");
    render_put_name(b, act->name.name);
    switch (act->kind) {
    case ALTER_TYPE:
        strbuf_puts(b, " type ");
        render_put_type(b, &mig_style, &act->type);
        if (act->expr) {
            strbuf_puts(b, " using ");
            put_paren(b, act->expr);
        }
        break;
    case ALTER_SET_NOT_NULL:
        strbuf_puts(b, " set not null");
        break;
    case ALTER_DROP_NOT_NULL:
        strbuf_puts(b, " drop not null");
        break;
    case ALTER_SET_DEFAULT:
        strbuf_puts(b, " set default ");
        render_put_default(b, &mig_style, act->expr);
        break;
    default: /* ALTER_DROP_DEFAULT */
        strbuf_puts(b, " drop default");
        break;
    }
}

/* $$body$$, or $migcN$body$migcN$ when the body holds $$ itself. */
static void put_dollar(struct strbuf *b, struct arena *a, const char *body)
{
    const char *text = render_body(a, body);
    const char *tag = "$$";
    for (int i = 0; strstr(text, tag); i++)
        tag = i ? arena_printf(a, "$migc%d$", i) : "$migc$";
    strbuf_printf(b, "%s %s %s", tag, text, tag);
}

/* sql ... creates ITEM, ... / drops ITEM, ...: nothing when v is empty. */
static void put_decls(struct strbuf *b, const char *word, const struct vec *v)
{
    for (int i = 0; i < v->n; i++) {
        const struct sql_decl *d = VEC_AT(*v, i, const struct sql_decl *);
        if (i)
            strbuf_puts(b, ", ");
        else
            strbuf_printf(b, " %s ", word);
        strbuf_printf(b, "%s ", decl_kind_word(d->kind));
        render_put_name(b, d->name.name);
        if (d->table.name) {
            strbuf_puts(b, " on ");
            render_put_name(b, d->table.name);
        }
    }
}

/* create [materialized] view V [dialect] as $$...$$ [with no data] */
static void put_create_view(struct strbuf *b, struct arena *a, const char *name,
                            const char *dialect, bool materialized, bool no_data,
                            const char *body)
{
    strbuf_puts(b, materialized ? "create materialized view " : "create view ");
    render_put_name(b, name);
    if (dialect)
        strbuf_printf(b, " %s", dialect);
    strbuf_puts(b, " as ");
    put_dollar(b, a, body);
    if (materialized && no_data)
        strbuf_puts(b, " with no data");
}

static void put_rows(struct strbuf *b, const struct vec *rows)
{
    for (int i = 0; i < rows->n; i++) {
        const struct vec *row = VEC_AT(*rows, i, const struct vec *);
        strbuf_puts(b, rows->n == 1 ? " " : i ? ",\n    " : "\n    ");
        strbuf_putc(b, '(');
        for (int j = 0; j < row->n; j++) {
            if (j)
                strbuf_puts(b, ", ");
            put_expr(b, VEC_AT(*row, j, const struct expr *));
        }
        strbuf_putc(b, ')');
    }
}

static void put_alter_type(struct strbuf *b, const struct stmt *st, const char *what)
{
    strbuf_puts(b, "alter type ");
    render_put_name(b, st->name.name);
    strbuf_printf(b, " %s ", what);
    strbuf_put_quoted(b, st->value.name, '\'');
}

static const char *const *ident_names(struct arena *a, const struct vec *v)
{
    const char **names = arena_alloc(a, sizeof *names * (size_t)(v->n + 1));
    for (int i = 0; i < v->n; i++)
        names[i] = VEC_AT(*v, i, const struct ident *)->name;
    return names;
}

static void put_comment(struct strbuf *b, const char *table, const char *column,
                        const char *comment)
{
    strbuf_puts(b, column ? "comment on column " : "comment on table ");
    render_put_name(b, table);
    if (column) {
        strbuf_putc(b, '.');
        render_put_name(b, column);
    }
    strbuf_puts(b, " is ");
    if (comment)
        strbuf_put_quoted(b, comment, '\'');
    else
        strbuf_puts(b, "null");
}

static void put_stmt(struct strbuf *b, struct arena *a, const struct stmt *st)
{
    switch (st->kind) {
    case STMT_CREATE_TABLE: {
        strbuf_puts(b, "create table ");
        render_put_name(b, st->table.name);
        strbuf_puts(b, " (");
        const char *sep = "\n    ";
        for (int i = 0; i < st->columns.n; i++) {
            strbuf_puts(b, sep);
            put_column_def(b, VEC_AT(st->columns, i, const struct column_def *));
            sep = ",\n    ";
        }
        for (int i = 0; i < st->constraints.n; i++) {
            strbuf_puts(b, sep);
            put_constraint_def(b, VEC_AT(st->constraints, i, const struct constraint_def *));
            sep = ",\n    ";
        }
        strbuf_puts(b, "\n)");
        break;
    }
    case STMT_DROP_TABLE:
        strbuf_puts(b, "drop table ");
        render_put_name(b, st->table.name);
        break;
    case STMT_RENAME_TABLE:
        strbuf_puts(b, "rename table ");
        render_put_name(b, st->table.name);
        strbuf_puts(b, " to ");
        render_put_name(b, st->new_name.name);
        break;
    case STMT_ALTER_TABLE:
        strbuf_puts(b, "alter table ");
        render_put_name(b, st->table.name);
        for (int i = 0; i < st->actions.n; i++) {
            strbuf_puts(b, st->actions.n == 1 ? " " : i ? ",\n    " : "\n    ");
            put_action(b, VEC_AT(st->actions, i, const struct alter_action *));
        }
        break;
    case STMT_CREATE_INDEX:
        strbuf_puts(b, st->unique ? "create unique index " : "create index ");
        if (st->concurrently)
            strbuf_puts(b, "concurrently ");
        render_put_name(b, st->name.name);
        strbuf_puts(b, " on ");
        render_put_name(b, st->table.name);
        render_put_index_tail(b, &mig_style, NULL,
                              (const struct index_elem *const *)st->elems.items, st->elems.n,
                              st->where, st->method.name, ident_names(a, &st->include),
                              st->include.n, st->nulls_not_distinct);
        break;
    case STMT_DROP_INDEX:
        strbuf_puts(b, "drop index ");
        render_put_name(b, st->name.name);
        break;
    case STMT_CREATE_VIEW:
        put_create_view(b, a, st->name.name, st->sql_dialect, st->materialized, st->no_data,
                        st->body);
        break;
    case STMT_DROP_VIEW:
        strbuf_puts(b, st->materialized ? "drop materialized view " : "drop view ");
        render_put_name(b, st->name.name);
        if (st->sql_dialect)
            strbuf_printf(b, " %s", st->sql_dialect);
        break;
    case STMT_REFRESH_VIEW:
        strbuf_puts(b, st->concurrently ? "refresh materialized view concurrently "
                                        : "refresh materialized view ");
        render_put_name(b, st->name.name);
        break;
    case STMT_INSERT:
        strbuf_puts(b, "insert into ");
        render_put_name(b, st->table.name);
        strbuf_putc(b, ' ');
        put_idents(b, &st->cols);
        strbuf_puts(b, " values");
        put_rows(b, &st->rows);
        break;
    case STMT_SQL:
        strbuf_puts(b, "sql ");
        if (st->sql_dialect)
            strbuf_printf(b, "%s ", st->sql_dialect);
        put_dollar(b, a, st->body);
        put_decls(b, "creates", &st->creates);
        put_decls(b, "drops", &st->drops);
        break;
    case STMT_DELETE:
        strbuf_puts(b, "delete from ");
        render_put_name(b, st->table.name);
        strbuf_puts(b, " where ");
        put_idents(b, &st->cols);
        strbuf_puts(b, " in (");
        for (int i = 0; i < st->rows.n; i++) {
            const struct vec *row = VEC_AT(st->rows, i, const struct vec *);
            if (i)
                strbuf_puts(b, ", ");
            strbuf_putc(b, '(');
            for (int j = 0; j < row->n; j++) {
                if (j)
                    strbuf_puts(b, ", ");
                put_expr(b, VEC_AT(*row, j, const struct expr *));
            }
            strbuf_putc(b, ')');
        }
        strbuf_putc(b, ')');
        break;
    case STMT_CREATE_TYPE: {
        strbuf_puts(b, "create type ");
        render_put_name(b, st->name.name);
        strbuf_puts(b, " as enum ");
        const char **values = arena_alloc(a, sizeof *values * (size_t)(st->values.n + 1));
        for (int i = 0; i < st->values.n; i++)
            values[i] = VEC_AT(st->values, i, const struct ident *)->name;
        render_put_enum_values(b, values, st->values.n);
        break;
    }
    case STMT_DROP_TYPE:
        strbuf_puts(b, "drop type ");
        render_put_name(b, st->name.name);
        break;
    case STMT_CREATE_EXTENSION:
        strbuf_puts(b, st->if_not_exists ? "create extension if not exists "
                                         : "create extension ");
        render_put_name(b, st->name.name);
        if (st->schema.name) {
            strbuf_puts(b, " schema ");
            render_put_name(b, st->schema.name);
        }
        break;
    case STMT_DROP_EXTENSION:
        strbuf_puts(b, "drop extension ");
        render_put_name(b, st->name.name);
        break;
    case STMT_COMMENT:
        put_comment(b, st->table.name, st->name.name, st->comment);
        break;
    case STMT_ADD_VALUE:
        put_alter_type(b, st, "add value");
        if (st->anchor.name) {
            strbuf_puts(b, st->after ? " after " : " before ");
            strbuf_put_quoted(b, st->anchor.name, '\'');
        }
        break;
    case STMT_DROP_VALUE:
        /* No .mig syntax (PostgreSQL has none either): printed readably. */
        put_alter_type(b, st, "drop value");
        break;
    case STMT_RENAME_VALUE:
        put_alter_type(b, st, "rename value");
        strbuf_puts(b, " to ");
        strbuf_put_quoted(b, st->new_value.name, '\'');
        break;
    case STMT_RENAME_TYPE:
        strbuf_puts(b, "alter type ");
        render_put_name(b, st->name.name);
        strbuf_puts(b, " rename to ");
        render_put_name(b, st->new_name.name);
        break;
    }
    strbuf_putc(b, ';');
}

const char *render_mig_stmt(struct arena *a, const struct stmt *st)
{
    struct strbuf b = {0};
    put_stmt(&b, a, st);
    return strbuf_to_arena(&b, a);
}

/* ---- a whole schema ------------------------------------------------- */

static void put_schema_column(struct strbuf *b, const struct table *t, const struct column *c)
{
    struct render_style st = mig_style;
    st.table = t;
    render_put_name(b, c->name);
    strbuf_putc(b, ' ');
    render_put_type(b, &st, &c->type);
    if (c->not_null)
        strbuf_puts(b, " not null");
    if (c->dflt) {
        strbuf_puts(b, " default ");
        render_put_default(b, &st, c->dflt);
    }
    if (c->identity)
        strbuf_puts(b, " identity");
    if (c->generated) {
        strbuf_puts(b, " generated always as ");
        put_paren(b, c->generated);
        strbuf_puts(b, " stored");
    }
}

static void put_schema_constraint(struct strbuf *b, const struct schema *s,
                                  const struct table *t, const struct constraint *c)
{
    strbuf_puts(b, "constraint ");
    render_put_name(b, c->name);
    strbuf_putc(b, ' ');
    render_put_constraint_body(b, &mig_style, s, t, c);
}

/* One index of a schema as a statement, with its semicolon. */
static void put_schema_index(struct strbuf *b, const struct schema *s, const struct index *ix)
{
    const struct table *t = schema_find_table(s, ix->table);
    const struct view *v = t ? NULL : schema_find_view(s, ix->table);
    strbuf_puts(b, ix->unique ? "create unique index " : "create index ");
    render_put_name(b, ix->name);
    strbuf_puts(b, " on ");
    render_put_name(b, t ? t->name : v ? v->name : ix->table);
    render_put_index_tail(b, &mig_style, t, ix->elems, ix->nelems, ix->where, ix->method,
                          ix->include, ix->ninclude, ix->nulls_not_distinct);
    strbuf_puts(b, ";\n");
}

static const char *mig_schema(struct arena *a, const struct schema *s, bool model)
{
    struct strbuf b = {0};
    const struct extension **exts;
    int nexts = schema_extensions(s, a, &exts);
    for (int i = 0; i < nexts; i++) {
        strbuf_puts(&b, "create extension ");
        render_put_name(&b, exts[i]->name);
        if (exts[i]->schema) {
            strbuf_puts(&b, " schema ");
            render_put_name(&b, exts[i]->schema);
        }
        strbuf_puts(&b, ";\n");
    }
    const struct enum_type **types;
    int ntypes = schema_types(s, a, &types);
    for (int i = 0; i < ntypes; i++) {
        strbuf_puts(&b, "create type ");
        render_put_name(&b, types[i]->name);
        strbuf_puts(&b, " as enum ");
        render_put_enum_values(&b, types[i]->values, types[i]->nvalues);
        strbuf_puts(&b, ";\n");
    }
    struct vec late = {0};
    const struct table **tables;
    int n = render_table_order(a, s, &tables, &late);
    if (model)
        late.n = 0;
    for (int i = 0; i < n; i++) {
        const struct table *t = tables[i];
        strbuf_puts(&b, "create table ");
        render_put_name(&b, t->name);
        strbuf_puts(&b, " (");
        const char *sep = "\n    ";
        for (int j = 0; j < t->ncols; j++) {
            strbuf_puts(&b, sep);
            put_schema_column(&b, t, t->cols[j]);
            sep = ",\n    ";
        }
        for (int j = 0; j < t->ncons; j++) {
            bool is_late = false;
            for (int k = 0; k < late.n; k++)
                is_late = is_late || VEC_AT(late, k, struct render_late_fk *)->con == t->cons[j];
            /* A model holds not valid constraints in create table
               (autogen_load_model adds them after); a migration cannot. */
            if (is_late || (t->cons[j]->not_valid && !model))
                continue;
            strbuf_puts(&b, sep);
            put_schema_constraint(&b, s, t, t->cons[j]);
            sep = ",\n    ";
        }
        strbuf_puts(&b, "\n);\n");
    }
    for (int k = 0; k < late.n; k++) {
        const struct render_late_fk *l = VEC_AT(late, k, const struct render_late_fk *);
        strbuf_puts(&b, "alter table ");
        render_put_name(&b, l->table->name);
        strbuf_puts(&b, " add ");
        put_schema_constraint(&b, s, l->table, l->con);
        strbuf_puts(&b, ";\n");
    }
    /* Not valid constraints cannot be written in create table. */
    for (int i = 0; i < n && !model; i++)
        for (int j = 0; j < tables[i]->ncons; j++) {
            bool is_late = false;
            for (int k = 0; k < late.n; k++)
                is_late = is_late ||
                          VEC_AT(late, k, struct render_late_fk *)->con == tables[i]->cons[j];
            if (!tables[i]->cons[j]->not_valid || is_late)
                continue;
            strbuf_puts(&b, "alter table ");
            render_put_name(&b, tables[i]->name);
            strbuf_puts(&b, " add ");
            put_schema_constraint(&b, s, tables[i], tables[i]->cons[j]);
            strbuf_puts(&b, ";\n");
        }
    const struct index **ixs;
    int nix = schema_indexes(s, a, &ixs);
    for (int i = 0; i < nix; i++)
        if (!schema_find_view(s, ixs[i]->table))
            put_schema_index(&b, s, ixs[i]);
    const struct view **views;
    int nv = render_view_order(a, s, 0, &views);
    for (int i = 0; i < nv; i++) {
        const struct view *v = views[i];
        const struct dialect *d = v->only ? dialect_only(v->only) : NULL;
        put_create_view(&b, a, v->name, d ? d->name : NULL, v->materialized, v->no_data,
                        v->body);
        strbuf_puts(&b, ";\n");
        /* A materialized view's indexes follow it. */
        const struct index **mixs;
        int nm = v->materialized ? schema_indexes_on(s, v->name, a, &mixs) : 0;
        for (int j = 0; j < nm; j++)
            put_schema_index(&b, s, mixs[j]);
    }
    for (int i = 0; i < n; i++) {
        const struct table *t = tables[i];
        if (t->comment) {
            put_comment(&b, t->name, NULL, t->comment);
            strbuf_puts(&b, ";\n");
        }
        for (int j = 0; j < t->ncols; j++)
            if (t->cols[j]->comment) {
                put_comment(&b, t->name, t->cols[j]->name, t->cols[j]->comment);
                strbuf_puts(&b, ";\n");
            }
    }
    strbuf_puts(&b, render_declared_comments(a, s, NULL));
    return strbuf_to_arena(&b, a);
}

/* One comment line: text escaped so that no character of it ends the
   line or hides in the output. */
static void put_comment_line(struct strbuf *b, const char *text)
{
    strbuf_puts(b, "-- ");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\\')
            strbuf_puts(b, "\\\\");
        else if (*p < 0x20 || *p == 0x7f)
            strbuf_printf(b, "\\x%02x", *p);
        else
            strbuf_putc(b, (char)*p);
    }
    strbuf_putc(b, '\n');
}

static const char *declared_what(struct arena *a, const struct declared *x)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "%s ", decl_kind_word(x->kind));
    render_put_name(&b, x->name);
    if (x->table) {
        strbuf_puts(&b, " on ");
        render_put_name(&b, x->table);
    }
    return strbuf_to_arena(&b, a);
}

const char *render_declared_comments(struct arena *a, const struct schema *s,
                                     const char *dialect)
{
    if (!schema_has_declared(s))
        return "";
    struct strbuf b = {0};
    const struct declared **xs;
    int n = schema_declared(s, a, &xs);
    /* Keyed by dialect first: the first dialect's run lists each object,
       the others only add theirs. */
    int ndialects = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(xs[i]->dialect, xs[i - 1]->dialect) != 0)
            ndialects++;
    for (int i = 0; i < n; i++) {
        const struct declared *x = xs[i];
        if (dialect && strcmp(x->dialect, dialect) != 0)
            continue;
        struct strbuf on = {0};
        int count = 0;
        bool first = true;
        for (int j = 0; j < n && !dialect; j++) {
            if (xs[j]->kind != x->kind || !name_eq(xs[j]->name, x->name) ||
                !name_eq(xs[j]->table, x->table))
                continue;
            first = first && j >= i;
            strbuf_printf(&on, "%s%s", count ? ", " : "", xs[j]->dialect);
            count++;
        }
        if (!first) {
            strbuf_free(&on);
            continue;
        }
        const char *where = replay_place(a, x->loc);
        put_comment_line(&b, dialect || count == ndialects
                                 ? arena_printf(a, "%s: created by a sql block (%s)",
                                                declared_what(a, x), where)
                                 : arena_printf(a, "%s: created by a sql block (%s), on %s only",
                                                declared_what(a, x), where, strbuf_str(&on)));
        strbuf_free(&on);
    }
    const struct index **ixs;
    int nix = dialect ? schema_indexes(s, a, &ixs) : 0;
    for (int i = 0; i < nix; i++)
        if (schema_find_declared_relation(a, s, ixs[i]->table)) {
            struct strbuf w = {0};
            strbuf_puts(&w, "index ");
            render_put_name(&w, ixs[i]->name);
            strbuf_puts(&w, " on ");
            render_put_name(&w, ixs[i]->table);
            put_comment_line(&b, arena_printf(a, "%s: on a relation a sql block created (%s)",
                                              strbuf_str(&w), replay_place(a, ixs[i]->loc)));
            strbuf_free(&w);
        }
    return strbuf_to_arena(&b, a);
}

const char *render_mig_schema(struct arena *a, const struct schema *s)
{
    return mig_schema(a, s, false);
}

const char *render_mig_model(struct arena *a, const struct schema *s)
{
    return mig_schema(a, s, true);
}
