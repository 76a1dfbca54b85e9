#include "autogen.h"

#include <string.h>

#include "compile.h"
#include "parse.h"
#include "dialect.h"
#include "render.h"
#include "replay.h"
#include "types.h"
#include "viewcheck.h"

/* ---- the model -------------------------------------------------------- */

static int stmt_index_of_table(const struct vec *stmts, const char *name)
{
    for (int i = 0; i < stmts->n; i++) {
        const struct stmt *st = VEC_AT(*stmts, i, const struct stmt *);
        if (st->kind == STMT_CREATE_TABLE && name_eq(st->table.name, name))
            return i;
    }
    return -1;
}

static struct alter_action *action(struct arena *a, struct stmt *alter, enum alter_kind kind,
                                   const char *name);

/* Appends create table i after the tables it references (depth first).
   A table-level foreign key that closes a cycle (it references a table
   still being ordered) is taken out of its create table and appended to
   late as an alter table ... add constraint, replayed once every table
   exists, and so is a not valid constraint (create table cannot hold
   one); a cycle through column-level references is left to replay to
   report. */
static void order_table(struct arena *a, const struct vec *stmts, int i, char *state,
                        struct vec *out, struct vec *late)
{
    if (state[i])
        return;
    state[i] = 1;
    const struct stmt *st = VEC_AT(*stmts, i, const struct stmt *);
    struct stmt *copy = NULL;
    for (int c = 0; c < st->constraints.n; c++) {
        const struct constraint_def *k = VEC_AT(st->constraints, c, const struct constraint_def *);
        int j = k->kind == CON_FOREIGN_KEY ? stmt_index_of_table(stmts, k->ref_table.name) : -1;
        if ((j >= 0 && j != i && state[j] == 1) || k->not_valid) {
            if (!copy) {
                copy = arena_alloc(a, sizeof *copy);
                *copy = *st;
                copy->constraints = (struct vec){0};
                for (int x = 0; x < c; x++)
                    vec_push(a, &copy->constraints, st->constraints.items[x]);
            }
            struct stmt *alter = arena_alloc(a, sizeof *alter);
            alter->kind = STMT_ALTER_TABLE;
            alter->table = st->table;
            alter->loc = k->loc;
            action(a, alter, ALTER_ADD_CONSTRAINT, k->name.name)->constraint =
                (struct constraint_def *)k;
            vec_push(a, late, alter);
            continue;
        }
        if (copy)
            vec_push(a, &copy->constraints, (void *)k);
        if (j >= 0)
            order_table(a, stmts, j, state, out, late);
    }
    for (int c = 0; c < st->columns.n; c++) {
        const struct column_def *cd = VEC_AT(st->columns, c, const struct column_def *);
        for (int x = 0; x < cd->constraints.n; x++) {
            const struct constraint_def *k = VEC_AT(cd->constraints, x, const struct constraint_def *);
            int j = k->kind == CON_FOREIGN_KEY ? stmt_index_of_table(stmts, k->ref_table.name) : -1;
            if (j >= 0)
                order_table(a, stmts, j, state, out, late);
        }
    }
    state[i] = 2;
    vec_push(a, out, copy ? copy : (void *)st);
}

const struct schema *autogen_load_model(struct arena *a, struct diag *d, const char *file,
                                        const char *text, size_t len, unsigned targets)
{
    int errors = d->errors;
    struct vec stmts = {0};
    parse_model(a, d, file, text, len, &stmts);
    if (d->errors != errors)
        return NULL;
    /* Extensions and enum types first; tables, each after those it
       references, then the foreign keys of a cycle; then indexes and views
       as written. */
    struct vec ordered = {0}, late = {0};
    for (int i = 0; i < stmts.n; i++)
        if (VEC_AT(stmts, i, const struct stmt *)->kind == STMT_CREATE_EXTENSION)
            vec_push(a, &ordered, stmts.items[i]);
    for (int i = 0; i < stmts.n; i++)
        if (VEC_AT(stmts, i, const struct stmt *)->kind == STMT_CREATE_TYPE)
            vec_push(a, &ordered, stmts.items[i]);
    char *state = arena_alloc(a, (size_t)stmts.n + 1);
    for (int i = 0; i < stmts.n; i++)
        if (VEC_AT(stmts, i, const struct stmt *)->kind == STMT_CREATE_TABLE)
            order_table(a, &stmts, i, state, &ordered, &late);
    for (int i = 0; i < late.n; i++)
        vec_push(a, &ordered, late.items[i]);
    for (int i = 0; i < stmts.n; i++)
        if (VEC_AT(stmts, i, const struct stmt *)->kind != STMT_CREATE_TABLE &&
            VEC_AT(stmts, i, const struct stmt *)->kind != STMT_CREATE_TYPE &&
            VEC_AT(stmts, i, const struct stmt *)->kind != STMT_CREATE_EXTENSION)
            vec_push(a, &ordered, stmts.items[i]);

    struct viewcheck *vc = viewcheck_open(a, d);
    struct replay_ctx rc;
    replay_init(&rc, a, d, targets, vc);
    const struct schema *s = schema_empty();
    for (int i = 0; i < ordered.n; i++)
        s = replay_stmt(&rc, s, VEC_AT(ordered, i, const struct stmt *));
    viewcheck_close(vc);
    return d->errors == errors ? s : NULL;
}

/* ---- comparing objects ------------------------------------------------ */

static bool column_same(const struct column *x, const struct column *y)
{
    return type_eq(&x->type, &y->type) && x->not_null == y->not_null &&
           x->identity == y->identity && expr_eq(x->dflt, y->dflt) &&
           expr_eq(x->generated, y->generated);
}

static bool constraint_same(const struct constraint *x, const struct constraint *y)
{
    return name_eq(x->name, y->name) && x->kind == y->kind &&
           names_eq(x->cols, x->ncols, y->cols, y->ncols) && name_eq(x->ref_table, y->ref_table) &&
           names_eq(x->ref_cols, x->nref_cols, y->ref_cols, y->nref_cols) &&
           x->on_delete == y->on_delete && x->on_update == y->on_update &&
           expr_eq(x->check, y->check) && x->deferrable == y->deferrable &&
           x->initially_deferred == y->initially_deferred && x->not_valid == y->not_valid &&
           x->nulls_not_distinct == y->nulls_not_distinct;
}

static bool index_same(const struct index *x, const struct index *y)
{
    if (x->unique != y->unique || !name_eq(x->table, y->table) || x->nelems != y->nelems ||
        !expr_eq(x->where, y->where) || !name_eq(x->method, y->method) ||
        !names_eq(x->include, x->ninclude, y->include, y->ninclude))
        return false;
    for (int i = 0; i < x->nelems; i++) {
        const struct index_elem *p = x->elems[i], *q = y->elems[i];
        if (!name_eq(p->column.name, q->column.name) || !expr_eq(p->expr, q->expr) ||
            p->desc != q->desc || p->asc != q->asc || p->nulls != q->nulls ||
            !name_eq(p->opclass, q->opclass))
            return false;
    }
    return true;
}

/* Every version of the name the same (a changed one is dropped and
   created again with the others). */
static bool view_same(struct arena *a, const struct view *x, const struct view *y)
{
    for (; x && y; x = x->also, y = y->also)
        if (x->only != y->only || x->materialized != y->materialized ||
            strcmp(render_body(a, x->body), render_body(a, y->body)) != 0)
            return false;
    return !x && !y;
}

static bool view_uses(const struct view *v, const char *name)
{
    for (; v; v = v->also)
        if (render_view_uses(v, name))
            return true;
    return false;
}

/* ---- building statements ------------------------------------------------ */

struct gen {
    struct arena *a;
    struct diag *d;
    const struct schema *from, *to;
    bool warn;
    struct strbuf out;
    int nstmts;
};

static struct ident id_of(const char *name)
{
    return (struct ident){name, {0}};
}

static void idents(struct arena *a, struct vec *v, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        vec_push(a, v, ident_new(a, names[i], (struct loc){0}));
}

static struct column_def *column_def_of(struct arena *a, const struct column *c)
{
    struct column_def *cd = arena_alloc(a, sizeof *cd);
    cd->name = id_of(c->name);
    cd->type = c->type;
    cd->not_null = c->not_null;
    cd->identity = c->identity;
    cd->dflt = c->dflt;
    cd->generated = c->generated;
    return cd;
}

/* The name replay would give c when written without one. */
static const char *default_name(struct arena *a, const struct table *t, const struct constraint *c)
{
    if (c->kind != CON_CHECK)
        return schema_default_constraint_name(a, t->name, c->kind, c->cols, c->ncols);
    struct vec used = {0};
    replay_expr_columns(a, c->check, &used);
    const struct column *col = used.n == 1 ? table_find_column(t, VEC_AT(used, 0, const char *)) : NULL;
    const char *colname = col ? col->name : NULL;
    return schema_default_constraint_name(a, t->name, CON_CHECK, &colname, col ? 1 : 0);
}

static struct constraint_def *constraint_def_of(struct arena *a, const struct table *t,
                                                const struct constraint *c)
{
    struct constraint_def *k = arena_alloc(a, sizeof *k);
    k->kind = c->kind;
    if (!name_eq(c->name, default_name(a, t, c)))
        k->name = id_of(c->name);
    idents(a, &k->cols, c->cols, c->ncols);
    if (c->kind == CON_FOREIGN_KEY) {
        k->ref_table = id_of(c->ref_table);
        idents(a, &k->ref_cols, c->ref_cols, c->nref_cols);
    }
    k->on_delete = c->on_delete;
    k->on_update = c->on_update;
    k->check = c->check;
    k->deferrable = c->deferrable ? 1 : 0;
    k->initially = c->initially_deferred ? 1 : 0;
    k->not_valid = c->not_valid;
    k->nulls_not_distinct = c->nulls_not_distinct;
    return k;
}

static void emit(struct gen *g, const struct stmt *st)
{
    strbuf_puts(&g->out, render_mig_stmt(g->a, st));
    strbuf_putc(&g->out, '\n');
    g->nstmts++;
}

/* A note for the person who reviews the file. Not a "-- migc:" comment:
   those are lint directives, and check would report a note as an
   unrecognized one (an error under -Werror, in a file migc wrote). */
static void comment(struct gen *g, const char *text)
{
    strbuf_printf(&g->out, "-- review: %s\n", text);
}

static struct stmt *alter_of(struct arena *a, const char *table)
{
    struct stmt *st = stmt_new(a, STMT_ALTER_TABLE, (struct loc){0});
    st->table = id_of(table);
    return st;
}

static struct alter_action *action(struct arena *a, struct stmt *alter, enum alter_kind kind,
                                   const char *name)
{
    struct alter_action *ac = arena_alloc(a, sizeof *ac);
    ac->kind = kind;
    ac->name = id_of(name);
    vec_push(a, &alter->actions, ac);
    return ac;
}

/* ---- what changes ------------------------------------------------------- */

/* One table present in both schemas, and how it changes. */
struct tchange {
    const struct table *old, *new_;
    struct vec drop_cols;      /* const struct column * (old): dropped, or re-added */
    struct vec add_cols;       /* const struct column * (new) */
    struct vec alter_cols;     /* const struct column * (new): same name, changed */
    struct vec drop_cons;      /* const struct constraint * (old) */
    struct vec add_cons;       /* const struct constraint * (new) */
    bool changed;
};

static bool in_vec(const struct vec *v, const void *p)
{
    for (int i = 0; i < v->n; i++)
        if (v->items[i] == p)
            return true;
    return false;
}

static bool col_in(const struct vec *cols, const char *name)
{
    for (int i = 0; i < cols->n; i++)
        if (name_eq(VEC_AT(*cols, i, const struct column *)->name, name))
            return true;
    return false;
}

static void diff_table(struct gen *g, struct tchange *tc)
{
    struct arena *a = g->a;
    const struct table *o = tc->old, *n = tc->new_;
    for (int i = 0; i < o->ncols; i++) {
        const struct column *nc = table_find_column(n, o->cols[i]->name);
        if (!nc) {
            vec_push(a, &tc->drop_cols, (void *)o->cols[i]);
        } else if (nc->identity != o->cols[i]->identity ||
                   ((types_is_serial(nc->type.kind) || types_is_serial(o->cols[i]->type.kind)) &&
                    nc->type.kind != o->cols[i]->type.kind) ||
                   !expr_eq(nc->generated, o->cols[i]->generated)) {
            /* No alter action changes identity, serial or a generation
               expression: the column is re-added. */
            vec_push(a, &tc->drop_cols, (void *)o->cols[i]);
            vec_push(a, &tc->add_cols, (void *)nc);
        } else if (!column_same(o->cols[i], nc)) {
            vec_push(a, &tc->alter_cols, (void *)nc);
        }
    }
    for (int i = 0; i < n->ncols; i++)
        if (!table_find_column(o, n->cols[i]->name))
            vec_push(a, &tc->add_cols, (void *)n->cols[i]);
    for (int i = 0; i < o->ncons; i++) {
        const struct constraint *nk = table_find_constraint(n, o->cons[i]->name);
        bool uses_dropped = false;
        for (int c = 0; c < o->cons[i]->ncols; c++)
            uses_dropped = uses_dropped || col_in(&tc->drop_cols, o->cons[i]->cols[c]);
        if (!nk || !constraint_same(o->cons[i], nk) || uses_dropped)
            vec_push(a, &tc->drop_cons, (void *)o->cons[i]);
    }
    for (int i = 0; i < n->ncons; i++) {
        const struct constraint *ok = table_find_constraint(o, n->cons[i]->name);
        if (!ok || in_vec(&tc->drop_cons, ok))
            vec_push(a, &tc->add_cons, (void *)n->cons[i]);
    }
    tc->changed = tc->drop_cols.n || tc->add_cols.n || tc->alter_cols.n || tc->drop_cons.n ||
                  tc->add_cons.n;
}

static struct tchange *find_change(struct tchange *tcs, int n, const char *table)
{
    for (int i = 0; i < n; i++)
        if (name_eq(tcs[i].old->name, table))
            return &tcs[i];
    return NULL;
}

/* Whether the columns of table tc that a foreign key or index reads are
   touched by the change (dropped, re-added or retyped). */
static bool cols_touched(const struct tchange *tc, const char *const *cols, int n)
{
    if (!tc)
        return false;
    for (int i = 0; i < n; i++) {
        if (col_in(&tc->drop_cols, cols[i]))
            return true;
        for (int j = 0; j < tc->alter_cols.n; j++) {
            const struct column *c = VEC_AT(tc->alter_cols, j, const struct column *);
            const struct column *old = table_find_column(tc->old, c->name);
            if (name_eq(c->name, cols[i]) && old && !type_eq(&old->type, &c->type))
                return true;
        }
    }
    return false;
}

/* A foreign key of a kept table that must be dropped and added back
   because what it references (or its own columns) changes under it. */
static bool fk_forced(const struct gen *g, struct tchange *tcs, int ntc, const struct tchange *own,
                      const struct constraint *k)
{
    if (!schema_find_table(g->to, k->ref_table))
        return true;
    if (cols_touched(own, k->cols, k->ncols))
        return true;
    const struct tchange *ref = find_change(tcs, ntc, k->ref_table);
    if (!ref)
        return false;
    if (cols_touched(ref, k->ref_cols, k->nref_cols))
        return true;
    for (int i = 0; i < ref->drop_cons.n; i++) {
        const struct constraint *key = VEC_AT(ref->drop_cons, i, const struct constraint *);
        if ((key->kind == CON_PRIMARY_KEY || key->kind == CON_UNIQUE) &&
            names_eq(key->cols, key->ncols, k->ref_cols, k->nref_cols))
            return true;
    }
    return false;
}

static bool index_uses(struct arena *a, const struct index *ix, const struct vec *cols)
{
    struct vec used = {0};
    for (int i = 0; i < ix->nelems; i++) {
        if (ix->elems[i]->column.name)
            vec_push(a, &used, (void *)ix->elems[i]->column.name);
        else
            replay_expr_columns(a, ix->elems[i]->expr, &used);
    }
    if (ix->where)
        replay_expr_columns(a, ix->where, &used);
    for (int i = 0; i < used.n; i++)
        if (col_in(cols, VEC_AT(used, i, const char *)))
            return true;
    return false;
}

/* ---- the diff ----------------------------------------------------------- */

static void note_drops(struct gen *g, const struct tchange *tc)
{
    for (int i = 0; i < tc->drop_cols.n; i++) {
        const struct column *c = VEC_AT(tc->drop_cols, i, const struct column *);
        if (col_in(&tc->add_cols, c->name))
            continue;   /* re-added for identity or serial: says so below */
        comment(g, arena_printf(g->a, "dropping column \"%s\".\"%s\" deletes its data",
                                tc->old->name, c->name));
        if (g->warn)
            diag_warning(g->d, (struct loc){0}, "dropping column \"%s\".\"%s\" deletes its data",
                         tc->old->name, c->name);
        for (int j = 0; j < tc->add_cols.n; j++) {
            const struct column *n = VEC_AT(tc->add_cols, j, const struct column *);
            if (!type_eq(&n->type, &c->type) || table_find_column(tc->old, n->name))
                continue;
            comment(g, arena_printf(g->a,
                                    "if \"%s\" was renamed to \"%s\", write rename column instead",
                                    c->name, n->name));
            if (g->warn) {
                diag_detail(g->d, "A rename cannot be told from a drop and an add.");
                diag_hint(g->d, "If \"%s\" was renamed to \"%s\", replace the drop and the add "
                                "with: alter table %s rename column %s to %s;",
                          c->name, n->name, render_name(g->a, tc->old->name),
                          render_name(g->a, c->name), render_name(g->a, n->name));
            }
        }
    }
    for (int i = 0; i < tc->drop_cols.n; i++) {
        const struct column *c = VEC_AT(tc->drop_cols, i, const struct column *);
        if (!col_in(&tc->add_cols, c->name))
            continue;
        comment(g, arena_printf(g->a,
                                "column \"%s\".\"%s\" changes identity or serial: it is dropped and added "
                                "back, which deletes its data",
                                tc->old->name, c->name));
        if (g->warn)
            diag_warning(g->d, (struct loc){0},
                         "column \"%s\".\"%s\" changes identity or serial; it is dropped and added back, "
                         "which deletes its data",
                         tc->old->name, c->name);
    }
}

/* The alter table that changes a kept table's columns and its
   constraints other than foreign keys. */
static void alter_table(struct gen *g, const struct tchange *tc)
{
    struct arena *a = g->a;
    struct stmt *st = alter_of(a, tc->new_->name);
    for (int i = 0; i < tc->drop_cons.n; i++) {
        const struct constraint *k = VEC_AT(tc->drop_cons, i, const struct constraint *);
        if (k->kind != CON_FOREIGN_KEY)
            action(a, st, ALTER_DROP_CONSTRAINT, k->name);
    }
    for (int i = 0; i < tc->drop_cols.n; i++)
        action(a, st, ALTER_DROP_COLUMN, VEC_AT(tc->drop_cols, i, const struct column *)->name);
    /* An identity column added to a table can only be its primary key on
       SQLite if the key comes with it: written on the column. */
    const struct constraint *pk = table_primary_key(tc->new_), *inline_pk = NULL;
    for (int i = 0; i < tc->add_cols.n; i++) {
        const struct column *c = VEC_AT(tc->add_cols, i, const struct column *);
        struct column_def *cd = column_def_of(a, c);
        if (c->identity && pk && pk->ncols == 1 && name_eq(pk->cols[0], c->name) &&
            in_vec(&tc->add_cons, pk)) {
            struct constraint_def *k = constraint_def_of(a, tc->new_, pk);
            k->inline_ = true;
            vec_push(a, &cd->constraints, k);
            inline_pk = pk;
        }
        action(a, st, ALTER_ADD_COLUMN, c->name)->column = cd;
    }
    for (int i = 0; i < tc->alter_cols.n; i++) {
        const struct column *n = VEC_AT(tc->alter_cols, i, const struct column *);
        const struct column *o = table_find_column(tc->old, n->name);
        bool dflt_changes = !expr_eq(o->dflt, n->dflt);
        bool type_changes = !type_eq(&o->type, &n->type);
        /* An old default may not convert to the new type: drop it first. */
        if (o->dflt && (!n->dflt || (dflt_changes && type_changes)))
            action(a, st, ALTER_DROP_DEFAULT, n->name);
        if (type_changes) {
            struct alter_action *ac = action(a, st, ALTER_TYPE, n->name);
            ac->type = n->type;
        }
        if (o->not_null && !n->not_null)
            action(a, st, ALTER_DROP_NOT_NULL, n->name);
        if (n->dflt && dflt_changes)
            action(a, st, ALTER_SET_DEFAULT, n->name)->expr = n->dflt;
        if (!o->not_null && n->not_null)
            action(a, st, ALTER_SET_NOT_NULL, n->name);
    }
    for (int i = 0; i < tc->add_cons.n; i++) {
        const struct constraint *k = VEC_AT(tc->add_cons, i, const struct constraint *);
        if (k->kind != CON_FOREIGN_KEY && k != inline_pk)
            action(a, st, ALTER_ADD_CONSTRAINT, k->name)->constraint =
                constraint_def_of(a, tc->new_, k);
    }
    if (st->actions.n) {
        note_drops(g, tc);
        emit(g, st);
    }
}

static void create_index(struct gen *g, const struct index *ix)
{
    struct stmt *st = stmt_new(g->a, STMT_CREATE_INDEX, (struct loc){0});
    st->name = id_of(ix->name);
    st->table = id_of(ix->table);
    st->unique = ix->unique;
    for (int i = 0; i < ix->nelems; i++)
        vec_push(g->a, &st->elems, (void *)ix->elems[i]);
    st->where = ix->where;
    if (ix->method)
        st->method = id_of(ix->method);
    idents(g->a, &st->include, ix->include, ix->ninclude);
    emit(g, st);
}

static void drop_named(struct gen *g, enum stmt_kind kind, const char *name)
{
    struct stmt *st = stmt_new(g->a, kind, (struct loc){0});
    if (kind == STMT_DROP_TABLE)
        st->table = id_of(name);
    else
        st->name = id_of(name);
    emit(g, st);
}

static bool same_comment(const char *x, const char *y)
{
    return x && y ? strcmp(x, y) == 0 : x == y;
}

static void emit_comment(struct gen *g, const char *table, const char *column,
                         const char *comment)
{
    struct stmt *st = stmt_new(g->a, STMT_COMMENT, (struct loc){0});
    st->table = id_of(table);
    if (column)
        st->name = id_of(column);
    st->comment = comment;
    emit(g, st);
}

/* The comments of tables and columns the model sets, changes or removes
   (a new table's or column's start out as none). */
static void diff_comments(struct gen *g)
{
    const struct table **ts;
    int n = schema_tables(g->to, g->a, &ts);
    for (int i = 0; i < n; i++) {
        const struct table *t = ts[i], *o = schema_find_table(g->from, t->name);
        if (!same_comment(t->comment, o ? o->comment : NULL))
            emit_comment(g, t->name, NULL, t->comment);
        for (int j = 0; j < t->ncols; j++) {
            const struct column *c = t->cols[j], *oc = o ? table_find_column(o, c->name) : NULL;
            if (!same_comment(c->comment, oc ? oc->comment : NULL))
                emit_comment(g, t->name, c->name, c->comment);
        }
    }
}

/* The extensions the model adds (add) or no longer has (!add). */
static void diff_extensions(struct gen *g, bool add)
{
    const struct schema *have = add ? g->to : g->from, *other = add ? g->from : g->to;
    const struct extension **xs;
    int n = schema_extensions(have, g->a, &xs);
    for (int i = 0; i < n; i++) {
        if (schema_find_extension(other, xs[i]->name))
            continue;
        if (!add) {
            drop_named(g, STMT_DROP_EXTENSION, xs[i]->name);
            continue;
        }
        struct stmt *st = stmt_new(g->a, STMT_CREATE_EXTENSION, (struct loc){0});
        st->name = id_of(xs[i]->name);
        if (xs[i]->schema)
            st->schema = id_of(xs[i]->schema);
        emit(g, st);
    }
}

/* Enum types the model adds, and values it adds to a type kept: before
   any table uses them. A value the model removes or moves is only
   commented on: PostgreSQL cannot drop or reorder enum values. */
static void diff_types(struct gen *g)
{
    struct arena *a = g->a;
    const struct enum_type **types;
    int n = schema_types(g->to, a, &types);
    for (int i = 0; i < n; i++) {
        const struct enum_type *e = types[i], *o = schema_find_type(g->from, e->name);
        if (!o) {
            struct stmt *st = stmt_new(a, STMT_CREATE_TYPE, (struct loc){0});
            st->name = id_of(e->name);
            for (int v = 0; v < e->nvalues; v++) {
                struct ident *id = arena_alloc(a, sizeof *id);
                *id = id_of(e->values[v]);
                vec_push(a, &st->values, id);
            }
            emit(g, st);
            continue;
        }
        bool kept = true;
        for (int v = 0, last = -1; v < o->nvalues; v++) {
            int at = enum_value_index(e, o->values[v]);
            kept = kept && at > last;
            last = at;
        }
        if (!kept) {
            comment(g, arena_printf(a, "type \"%s\" loses or reorders values: write that "
                                       "migration by hand", e->name));
            continue;
        }
        for (int v = 0; v < e->nvalues; v++) {
            if (enum_value_index(o, e->values[v]) >= 0)
                continue;
            struct stmt *st = stmt_new(a, STMT_ADD_VALUE, (struct loc){0});
            st->name = id_of(e->name);
            st->value = id_of(e->values[v]);
            /* After the value before it, which exists by then. */
            if (v > 0) {
                st->anchor = id_of(e->values[v - 1]);
                st->after = true;
            } else {
                for (int k = 1; k < e->nvalues && !st->anchor.name; k++)
                    if (enum_value_index(o, e->values[k]) >= 0)
                        st->anchor = id_of(e->values[k]);
            }
            emit(g, st);
        }
    }
}

const char *autogen_diff(struct arena *a, struct diag *d, const struct schema *from,
                         const struct schema *to, bool warn)
{
    struct gen g = {.a = a, .d = d, .from = from, .to = to, .warn = warn};

    /* Tables. */
    const struct table **old_tables, **new_tables;
    struct vec old_late = {0}, new_late = {0};
    int nold = render_table_order(a, from, &old_tables, &old_late);
    int nnew = render_table_order(a, to, &new_tables, &new_late);
    struct tchange *tcs = arena_alloc(a, sizeof *tcs * (size_t)(nold + 1));
    int ntc = 0;
    for (int i = 0; i < nold; i++) {
        const struct table *n = schema_find_table(to, old_tables[i]->name);
        if (!n)
            continue;
        tcs[ntc].old = old_tables[i];
        tcs[ntc].new_ = n;
        diff_table(&g, &tcs[ntc]);
        ntc++;
    }

    /* Foreign keys of kept tables dropped now and added at the end. */
    struct vec fk_drop = {0}, fk_add = {0};   /* struct render_late_fk * */
    for (int i = 0; i < ntc; i++) {
        struct tchange *tc = &tcs[i];
        for (int c = 0; c < tc->old->ncons; c++) {
            const struct constraint *k = tc->old->cons[c];
            if (k->kind != CON_FOREIGN_KEY)
                continue;
            bool dropped = in_vec(&tc->drop_cons, k);
            if (!dropped && !fk_forced(&g, tcs, ntc, tc, k))
                continue;
            struct render_late_fk *x = arena_alloc(a, sizeof *x);
            x->table = tc->old;
            x->con = k;
            vec_push(a, &fk_drop, x);
            const struct constraint *nk = table_find_constraint(tc->new_, k->name);
            if (!dropped && nk) {
                struct render_late_fk *y = arena_alloc(a, sizeof *y);
                y->table = tc->new_;
                y->con = nk;
                vec_push(a, &fk_add, y);
            }
        }
        for (int c = 0; c < tc->add_cons.n; c++) {
            const struct constraint *k = VEC_AT(tc->add_cons, c, const struct constraint *);
            if (k->kind != CON_FOREIGN_KEY)
                continue;
            struct render_late_fk *y = arena_alloc(a, sizeof *y);
            y->table = tc->new_;
            y->con = k;
            vec_push(a, &fk_add, y);
        }
    }

    /* Indexes. */
    const struct index **old_ix, **new_ix;
    int noix = schema_indexes(from, a, &old_ix);
    int nnix = schema_indexes(to, a, &new_ix);
    bool *ix_drop = arena_alloc(a, (size_t)noix + 1);
    for (int i = 0; i < noix; i++) {
        const struct index *n = schema_find_index(to, old_ix[i]->name);
        const struct tchange *tc = find_change(tcs, ntc, old_ix[i]->table);
        /* On a materialized view: see below. */
        ix_drop[i] = !n || !index_same(old_ix[i], n) ||
                     (!schema_find_table(to, old_ix[i]->table) &&
                      !schema_find_view(from, old_ix[i]->table)) ||
                     (tc && index_uses(a, old_ix[i], &tc->drop_cols));
    }

    /* Views: dropped when gone, changed, or reading a changed table or a
       dropped view; created again when the model has them. */
    const struct view **old_views, **new_views;
    int nov = render_view_order(a, from, ~0u, &old_views);
    int nnv = render_view_order(a, to, ~0u, &new_views);
    bool *v_drop = arena_alloc(a, (size_t)nov + 1);
    struct vec touched = {0};
    for (int i = 0; i < nold; i++) {
        const struct tchange *tc = find_change(tcs, ntc, old_tables[i]->name);
        if (!tc || tc->changed)
            vec_push(a, &touched, (void *)old_tables[i]->name);
    }
    for (int i = 0; i < nov; i++) {
        const struct view *n = schema_find_view(to, old_views[i]->name);
        v_drop[i] = !n || !view_same(a, old_views[i], n);
        if (v_drop[i])
            vec_push(a, &touched, (void *)old_views[i]->name);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (int i = 0; i < nov; i++) {
            if (v_drop[i])
                continue;
            for (int j = 0; j < touched.n && !v_drop[i]; j++)
                v_drop[i] = view_uses(old_views[i], VEC_AT(touched, j, const char *));
            if (v_drop[i]) {
                vec_push(a, &touched, (void *)old_views[i]->name);
                grew = true;
            }
        }
    }

    /* A dropped materialized view takes its indexes: they are created
       again after it, and not dropped on their own. */
    bool *ix_gone = arena_alloc(a, (size_t)noix + 1);
    for (int i = 0; i < noix; i++)
        for (int j = 0; j < nov; j++)
            if (v_drop[j] && name_eq(old_views[j]->name, old_ix[i]->table))
                ix_gone[i] = ix_drop[i] = true;

    /* 1. Views, users first. */
    for (int i = nov - 1; i >= 0; i--)
        if (v_drop[i]) {
            struct stmt *st = stmt_new(a, STMT_DROP_VIEW, (struct loc){0});
            st->name = id_of(old_views[i]->name);
            st->materialized = old_views[i]->materialized;
            emit(&g, st);
        }
    /* 2. Indexes. */
    for (int i = 0; i < noix; i++)
        if (ix_drop[i] && !ix_gone[i])
            drop_named(&g, STMT_DROP_INDEX, old_ix[i]->name);
    /* 3. Foreign keys of kept tables, one alter per table; then those that
       tie dropped tables in a cycle. */
    for (int i = 0; i < ntc; i++) {
        struct stmt *st = alter_of(a, tcs[i].old->name);
        for (int j = 0; j < fk_drop.n; j++) {
            const struct render_late_fk *x = VEC_AT(fk_drop, j, const struct render_late_fk *);
            if (x->table == tcs[i].old)
                action(a, st, ALTER_DROP_CONSTRAINT, x->con->name);
        }
        if (st->actions.n)
            emit(&g, st);
    }
    for (int j = 0; j < old_late.n; j++) {
        const struct render_late_fk *x = VEC_AT(old_late, j, const struct render_late_fk *);
        if (schema_find_table(to, x->table->name))
            continue;
        struct stmt *st = alter_of(a, x->table->name);
        action(a, st, ALTER_DROP_CONSTRAINT, x->con->name);
        emit(&g, st);
    }
    /* 4. Dropped tables, referencing ones first. */
    for (int i = nold - 1; i >= 0; i--) {
        if (schema_find_table(to, old_tables[i]->name))
            continue;
        comment(&g, arena_printf(a, "dropping table \"%s\" deletes its data", old_tables[i]->name));
        if (warn)
            diag_warning(d, (struct loc){0}, "dropping table \"%s\" deletes its data",
                         old_tables[i]->name);
        drop_named(&g, STMT_DROP_TABLE, old_tables[i]->name);
    }
    /* 5. Extensions the model adds (what tables may use), enum types and
       values; kept tables. */
    diff_extensions(&g, true);
    diff_types(&g);
    for (int i = 0; i < ntc; i++)
        alter_table(&g, &tcs[i]);
    /* 6. New tables, referenced ones first; a foreign key to a table not
       created yet is added afterwards. */
    for (int i = 0; i < nnew; i++) {
        const struct table *t = new_tables[i];
        if (schema_find_table(from, t->name))
            continue;
        struct stmt *st = stmt_new(a, STMT_CREATE_TABLE, (struct loc){0});
        st->table = id_of(t->name);
        for (int c = 0; c < t->ncols; c++)
            vec_push(a, &st->columns, column_def_of(a, t->cols[c]));
        for (int c = 0; c < t->ncons; c++) {
            const struct constraint *k = t->cons[c];
            bool later = false;
            for (int j = 0; j < new_late.n; j++)
                later = later || VEC_AT(new_late, j, const struct render_late_fk *)->con == k;
            if (later) {
                struct render_late_fk *y = arena_alloc(a, sizeof *y);
                y->table = t;
                y->con = k;
                vec_push(a, &fk_add, y);
                continue;
            }
            vec_push(a, &st->constraints, constraint_def_of(a, t, k));
        }
        emit(&g, st);
    }
    /* 7. Foreign keys added to kept tables and those left over. */
    for (int i = 0; i < nnew; i++) {
        struct stmt *st = alter_of(a, new_tables[i]->name);
        for (int j = 0; j < fk_add.n; j++) {
            const struct render_late_fk *y = VEC_AT(fk_add, j, const struct render_late_fk *);
            if (y->table == new_tables[i])
                action(a, st, ALTER_ADD_CONSTRAINT, y->con->name)->constraint =
                    constraint_def_of(a, y->table, y->con);
        }
        if (st->actions.n)
            emit(&g, st);
    }
    /* 8. Indexes on tables; 9. views, what they read first, then the
       indexes on materialized views. */
    bool *ix_new = arena_alloc(a, (size_t)nnix + 1);
    for (int i = 0; i < nnix; i++) {
        const struct index *o = schema_find_index(from, new_ix[i]->name);
        bool was_dropped = false;
        for (int j = 0; j < noix; j++)
            was_dropped = was_dropped || (old_ix[j] == o && ix_drop[j]);
        ix_new[i] = !o || was_dropped;
        if (ix_new[i] && !schema_find_view(to, new_ix[i]->table))
            create_index(&g, new_ix[i]);
    }
    for (int i = 0; i < nnv; i++) {
        const struct view *o = schema_find_view(from, new_views[i]->name);
        bool was_dropped = false;
        for (int j = 0; j < nov; j++)
            was_dropped = was_dropped || (old_views[j] == o && v_drop[j]);
        if (o && !was_dropped)
            continue;
        for (const struct view *v = new_views[i]; v; v = v->also) {
            struct stmt *st = stmt_new(a, STMT_CREATE_VIEW, (struct loc){0});
            st->name = id_of(v->name);
            st->body = v->body;
            st->materialized = v->materialized;
            st->no_data = v->no_data;
            const struct dialect *dl = v->only ? dialect_only(v->only) : NULL;
            st->sql_dialect = dl ? dl->name : NULL;
            emit(&g, st);
        }
    }
    for (int i = 0; i < nnix; i++)
        if (ix_new[i] && schema_find_view(to, new_ix[i]->table))
            create_index(&g, new_ix[i]);
    /* 9b. Comments, once every table and column is in place. */
    diff_comments(&g);
    /* 10. Enum types the model no longer has. */
    const struct enum_type **old_types;
    int not = schema_types(from, a, &old_types);
    for (int i = 0; i < not; i++)
        if (!schema_find_type(to, old_types[i]->name))
            drop_named(&g, STMT_DROP_TYPE, old_types[i]->name);
    /* 11. Extensions the model no longer has, after what used them. */
    diff_extensions(&g, false);
    if (g.nstmts == 0) {
        strbuf_free(&g.out);
        return NULL;
    }
    return strbuf_to_arena(&g.out, a);
}
