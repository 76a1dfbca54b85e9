#include "invert.h"

#include <string.h>

#include "dialect.h"
#include "replay.h"
#include "types.h"

static const char HINT[] = "Write the downgrade in a `downgrade { ... }` block, or declare "
                           "`downgrade irreversible;`.";

static struct ident *ident_at(struct arena *a, const char *name, struct loc loc)
{
    return ident_new(a, name, loc);
}

static struct column_def *column_def_from(struct arena *a, const struct column *col,
                                          struct loc loc)
{
    struct column_def *cd = arena_alloc(a, sizeof *cd);
    cd->name = *ident_at(a, col->name, loc);
    cd->type = col->type;
    cd->type_loc = loc;
    cd->not_null = col->not_null;
    cd->identity = col->identity;
    cd->dflt = col->dflt;
    cd->generated = col->generated;
    cd->generated_loc = loc;
    cd->loc = loc;
    return cd;
}

/* The definition that recreates k exactly, its name written out. */
static struct constraint_def *constraint_def_from(struct arena *a, const struct constraint *k,
                                                  struct loc loc)
{
    struct constraint_def *def = arena_alloc(a, sizeof *def);
    def->kind = k->kind;
    def->name = *ident_at(a, k->name, loc);
    for (int i = 0; i < k->ncols; i++)
        vec_push(a, &def->cols, ident_at(a, k->cols[i], loc));
    if (k->kind == CON_FOREIGN_KEY) {
        def->ref_table = *ident_at(a, k->ref_table, loc);
        for (int i = 0; i < k->nref_cols; i++)
            vec_push(a, &def->ref_cols, ident_at(a, k->ref_cols[i], loc));
    }
    def->on_delete = k->on_delete;
    def->on_update = k->on_update;
    def->check = k->check;
    def->loc = loc;
    def->deferrable = k->deferrable ? 1 : 0;
    def->initially = k->initially_deferred ? 1 : 0;
    def->deferrable_loc = loc;
    def->not_valid = k->not_valid;
    def->not_valid_loc = loc;
    def->nulls_not_distinct = k->nulls_not_distinct;
    def->nulls_loc = loc;
    return def;
}

/* Appends to out the create table that recreates t, then the alter
   table that adds its not valid constraints (create table cannot). */
static void create_table_from(struct arena *a, const struct table *t, struct loc loc,
                              struct vec *out)
{
    struct stmt *st = stmt_new(a, STMT_CREATE_TABLE, loc);
    st->table = *ident_at(a, t->name, loc);
    for (int i = 0; i < t->ncols; i++)
        vec_push(a, &st->columns, column_def_from(a, t->cols[i], loc));
    struct stmt *late = stmt_new(a, STMT_ALTER_TABLE, loc);
    late->table = st->table;
    for (int i = 0; i < t->ncons; i++) {
        struct constraint_def *def = constraint_def_from(a, t->cons[i], loc);
        if (!def->not_valid) {
            vec_push(a, &st->constraints, def);
            continue;
        }
        struct alter_action *ac = arena_alloc(a, sizeof *ac);
        ac->kind = ALTER_ADD_CONSTRAINT;
        ac->constraint = def;
        ac->loc = loc;
        vec_push(a, &late->actions, ac);
    }
    vec_push(a, out, st);
    if (late->actions.n)
        vec_push(a, out, late);
}

static struct stmt *create_index_from(struct arena *a, const struct index *ix, struct loc loc)
{
    struct stmt *st = stmt_new(a, STMT_CREATE_INDEX, loc);
    st->name = *ident_at(a, ix->name, loc);
    st->table = *ident_at(a, ix->table, loc);
    st->unique = ix->unique;
    for (int i = 0; i < ix->nelems; i++)
        vec_push(a, &st->elems, (void *)ix->elems[i]);
    st->where = ix->where;
    if (ix->method)
        st->method = *ident_at(a, ix->method, loc);
    for (int i = 0; i < ix->ninclude; i++)
        vec_push(a, &st->include, ident_at(a, ix->include[i], loc));
    return st;
}

static struct stmt *named_stmt(struct arena *a, enum stmt_kind kind, const char *name,
                               struct loc loc)
{
    struct stmt *st = stmt_new(a, kind, loc);
    if (kind == STMT_DROP_TABLE)
        st->table = *ident_at(a, name, loc);
    else
        st->name = *ident_at(a, name, loc);
    return st;
}

static struct alter_action *action(struct arena *a, enum alter_kind kind, const char *name,
                                   struct loc loc)
{
    struct alter_action *ac = arena_alloc(a, sizeof *ac);
    ac->kind = kind;
    if (name)
        ac->name = *ident_at(a, name, loc);
    ac->loc = loc;
    return ac;
}

/* Constraints of t that u does not have (by name), in t's order. */
static void constraints_missing(struct arena *a, const struct table *t, const struct table *u,
                                struct vec *out)
{
    for (int i = 0; i < t->ncons; i++)
        if (!u || !table_find_constraint(u, t->cons[i]->name))
            vec_push(a, out, (void *)t->cons[i]);
}

/* Appends to out the actions undoing ac, which took table before to
   after. Returns false after reporting that it cannot be undone. */
static bool invert_action(struct arena *a, struct diag *d, const struct alter_action *ac,
                          const struct table *before, const struct table *after,
                          struct vec *out)
{
    struct loc loc = ac->loc;
    const char *cname = ac->kind == ALTER_ADD_COLUMN ? ac->column->name.name : ac->name.name;
    const struct column *old = table_find_column(before, cname);
    switch (ac->kind) {
    case ALTER_ADD_COLUMN: {
        /* What came with the column (a check naming another column would
           otherwise block dropping it). */
        struct vec added = {0};
        constraints_missing(a, after, before, &added);
        for (int i = 0; i < added.n; i++)
            vec_push(a, out, action(a, ALTER_DROP_CONSTRAINT,
                                    VEC_AT(added, i, const struct constraint *)->name, loc));
        const struct column *col = table_find_column(after, cname);
        vec_push(a, out, action(a, ALTER_DROP_COLUMN, col ? col->name : cname, loc));
        return true;
    }
    case ALTER_DROP_COLUMN: {
        if (!old)
            return true;
        if (old->not_null && !old->dflt && !old->identity && !types_is_serial(old->type.kind) &&
            !old->generated) {
            diag_error(d, ac->name.loc,
                       "cannot derive the downgrade of dropping column \"%s\" of table \"%s\": "
                       "it is not null and has no default",
                       old->name, before->name);
            diag_detail(d, "A not null column without a default cannot be added back to a "
                           "table that has rows.");
            diag_hint(d, "%s", HINT);
            return false;
        }
        struct alter_action *add = action(a, ALTER_ADD_COLUMN, NULL, loc);
        add->column = column_def_from(a, old, loc);
        vec_push(a, out, add);
        struct vec gone = {0};
        constraints_missing(a, before, after, &gone);
        for (int i = 0; i < gone.n; i++) {
            struct alter_action *ak = action(a, ALTER_ADD_CONSTRAINT, NULL, loc);
            ak->constraint =
                constraint_def_from(a, VEC_AT(gone, i, const struct constraint *), loc);
            vec_push(a, out, ak);
        }
        if (!old->generated)   /* a generated column computes its data again */
            diag_warning(d, loc,
                         "the derived downgrade adds column \"%s\" of table \"%s\" back without "
                         "its data",
                         old->name, before->name);
        return true;
    }
    case ALTER_RENAME_COLUMN: {
        struct alter_action *r = action(a, ALTER_RENAME_COLUMN, ac->new_name.name, loc);
        r->new_name = *ident_at(a, old ? old->name : ac->name.name, loc);
        vec_push(a, out, r);
        return true;
    }
    case ALTER_TYPE: {
        if (!old)
            return true;
        struct alter_action *r = action(a, ALTER_TYPE, old->name, loc);
        r->type = old->type;
        r->type_loc = loc;
        vec_push(a, out, r);
        if (!type_eq(&old->type, &ac->type))
            diag_warning(d, loc,
                         "the derived downgrade changes the type of column \"%s\" of table "
                         "\"%s\" back, which may lose data",
                         old->name, before->name);
        return true;
    }
    case ALTER_SET_NOT_NULL:
    case ALTER_DROP_NOT_NULL: {
        const struct column *now = table_find_column(after, cname);
        if (old && now && old->not_null != now->not_null)
            vec_push(a, out, action(a, old->not_null ? ALTER_SET_NOT_NULL : ALTER_DROP_NOT_NULL,
                                    old->name, loc));
        return true;
    }
    case ALTER_SET_DEFAULT:
    case ALTER_DROP_DEFAULT: {
        const struct column *now = table_find_column(after, cname);
        if (!old || !now || expr_eq(old->dflt, now->dflt))
            return true;
        struct alter_action *r =
            action(a, old->dflt ? ALTER_SET_DEFAULT : ALTER_DROP_DEFAULT, old->name, loc);
        r->expr = old->dflt;
        vec_push(a, out, r);
        return true;
    }
    case ALTER_ADD_CONSTRAINT: {
        struct vec added = {0};
        constraints_missing(a, after, before, &added);
        for (int i = 0; i < added.n; i++) {
            const struct constraint *k = VEC_AT(added, i, const struct constraint *);
            vec_push(a, out, action(a, ALTER_DROP_CONSTRAINT, k->name, loc));
        }
        /* A primary key made its columns not null; dropping it does not. */
        for (int i = 0; i < before->ncols; i++) {
            const struct column *now = table_find_column(after, before->cols[i]->name);
            if (now && now->not_null && !before->cols[i]->not_null)
                vec_push(a, out, action(a, ALTER_DROP_NOT_NULL, now->name, loc));
        }
        return true;
    }
    case ALTER_DROP_CONSTRAINT: {
        const struct constraint *k = table_find_constraint(before, ac->name.name);
        if (!k)
            return true;
        struct alter_action *r = action(a, ALTER_ADD_CONSTRAINT, NULL, loc);
        r->constraint = constraint_def_from(a, k, loc);
        vec_push(a, out, r);
        return true;
    }
    case ALTER_VALIDATE_CONSTRAINT: {
        /* PostgreSQL cannot mark a constraint not valid again; the inverse
           drops it and adds it back not valid, which checks no row. */
        const struct constraint *k = table_find_constraint(before, ac->name.name);
        if (!k || !k->not_valid)
            return true;
        struct alter_action *r = action(a, ALTER_INVALIDATE_CONSTRAINT, k->name, loc);
        r->constraint = constraint_def_from(a, k, loc);
        vec_push(a, out, r);
        return true;
    }
    case ALTER_INVALIDATE_CONSTRAINT:
        return true;
    }
    return true;
}

/* The inverse of an alter table, its actions undone last first, each
   against the table as it stood before that action. */
/* Appends to out the create index of each index on table that the step
   took along (a dropped table or column takes its indexes). */
static void indexes_gone(struct arena *a, const struct step *sp, const char *table,
                         struct loc loc, struct vec *out)
{
    const struct index **ixs;
    int n = schema_indexes_on(sp->before, table, a, &ixs);
    for (int i = 0; i < n; i++)
        if (!schema_find_index(sp->after, ixs[i]->name))
            vec_push(a, out, create_index_from(a, ixs[i], loc));
}

static bool invert_alter(struct arena *a, struct diag *d, const struct step *sp,
                         struct vec *out)
{
    const struct stmt *st = sp->stmt;
    int n = st->actions.n;
    const struct table **states = arena_alloc(a, sizeof *states * (size_t)(n + 1));
    states[0] = schema_find_table(sp->before, st->table.name);
    if (!states[0])
        return true;
    if (n == 1) {
        states[1] = schema_find_table(sp->after, st->table.name);
    } else {
        /* Replaying each action alone gives the states in between; the
           statement was checked already, so nothing is reported twice. */
        struct diag quiet;
        diag_init(&quiet, a);
        struct replay_ctx rc;
        replay_init(&rc, a, &quiet, 0, NULL);
        const struct schema *s = sp->before;
        for (int i = 0; i < n; i++) {
            struct stmt one = *st;
            memset(&one.actions, 0, sizeof one.actions);
            vec_push(a, &one.actions, st->actions.items[i]);
            s = replay_stmt(&rc, s, &one);
            states[i + 1] = schema_find_table(s, st->table.name);
            if (!states[i + 1])
                states[i + 1] = states[i];
        }
    }
    if (!states[n])
        return true;
    struct stmt *inv = stmt_new(a, STMT_ALTER_TABLE, st->loc);
    inv->table = *ident_at(a, states[n]->name, st->loc);
    bool ok = true;
    for (int i = n - 1; i >= 0; i--) {
        const struct alter_action *ac = VEC_AT(st->actions, i, const struct alter_action *);
        if (!invert_action(a, d, ac, states[i], states[i + 1], &inv->actions))
            ok = false;
    }
    if (inv->actions.n > 0)
        vec_push(a, out, inv);
    indexes_gone(a, sp, states[0]->name, st->loc, out);
    return ok;
}

static bool invert_insert(struct arena *a, struct diag *d, const struct step *sp,
                          struct vec *out)
{
    const struct stmt *st = sp->stmt;
    const struct table *t = schema_find_table(sp->before, st->table.name);
    if (!t)
        return true;
    const struct constraint *pk = table_primary_key(t);
    if (!pk) {
        diag_error(d, st->loc,
                   "cannot derive the downgrade of an insert into table \"%s\": it has no "
                   "primary key",
                   t->name);
        diag_detail(d, "Without a primary key the inserted rows cannot be told apart.");
        diag_hint(d, "%s", HINT);
        return false;
    }
    struct stmt *del = stmt_new(a, STMT_DELETE, st->loc);
    del->table = *ident_at(a, t->name, st->loc);
    int *pos = arena_alloc(a, sizeof *pos * (size_t)pk->ncols);
    for (int k = 0; k < pk->ncols; k++) {
        pos[k] = -1;
        if (st->cols.n == 0) {
            pos[k] = table_column_index(t, pk->cols[k]);
        } else {
            for (int i = 0; i < st->cols.n && pos[k] < 0; i++)
                if (name_eq(VEC_AT(st->cols, i, const struct ident *)->name, pk->cols[k]))
                    pos[k] = i;
        }
        if (pos[k] < 0) {
            diag_error(d, st->loc,
                       "cannot derive the downgrade of an insert into table \"%s\": it does not "
                       "give primary key column \"%s\"",
                       t->name, pk->cols[k]);
            diag_detail(d, "The rows to delete are unknown without their primary key values.");
            diag_hint(d, "%s", HINT);
            return false;
        }
        vec_push(a, &del->cols, ident_at(a, pk->cols[k], st->loc));
    }
    for (int r = 0; r < st->rows.n; r++) {
        const struct vec *row = VEC_AT(st->rows, r, const struct vec *);
        struct vec *keys = arena_alloc(a, sizeof *keys);
        for (int k = 0; k < pk->ncols; k++)
            if (pos[k] < row->n)
                vec_push(a, keys, row->items[pos[k]]);
        vec_push(a, &del->rows, keys);
    }
    vec_push(a, out, del);
    return true;
}

static bool invert_step(struct arena *a, struct diag *d, const struct step *sp, struct vec *out)
{
    const struct stmt *st = sp->stmt;
    struct loc loc = st->loc;
    switch (st->kind) {
    case STMT_CREATE_TABLE: {
        const struct table *t = schema_find_table(sp->after, st->table.name);
        if (t && !schema_find_table(sp->before, st->table.name))
            vec_push(a, out, named_stmt(a, STMT_DROP_TABLE, t->name, loc));
        return true;
    }
    case STMT_DROP_TABLE: {
        const struct table *t = schema_find_table(sp->before, st->table.name);
        if (!t || schema_find_table(sp->after, st->table.name))
            return true;
        create_table_from(a, t, loc, out);
        indexes_gone(a, sp, t->name, loc, out);
        diag_warning(d, loc, "the derived downgrade recreates table \"%s\" without its rows",
                     t->name);
        return true;
    }
    case STMT_RENAME_TABLE: {
        const struct table *t = schema_find_table(sp->before, st->table.name);
        if (!t || !schema_find_table(sp->after, st->new_name.name))
            return true;
        struct stmt *r = stmt_new(a, STMT_RENAME_TABLE, loc);
        r->table = *ident_at(a, st->new_name.name, loc);
        r->new_name = *ident_at(a, t->name, loc);
        vec_push(a, out, r);
        return true;
    }
    case STMT_ALTER_TABLE:
        return invert_alter(a, d, sp, out);
    case STMT_CREATE_INDEX: {
        const struct index *ix = schema_find_index(sp->after, st->name.name);
        if (ix && !schema_find_index(sp->before, st->name.name))
            vec_push(a, out, named_stmt(a, STMT_DROP_INDEX, ix->name, loc));
        return true;
    }
    case STMT_DROP_INDEX: {
        const struct index *ix = schema_find_index(sp->before, st->name.name);
        if (ix && !schema_find_index(sp->after, st->name.name))
            vec_push(a, out, create_index_from(a, ix, loc));
        return true;
    }
    case STMT_CREATE_VIEW: {
        const struct view *v = schema_find_view(sp->after, st->name.name);
        const struct view *old = schema_find_view(sp->before, st->name.name);
        if (!v || schema_view_eq(v, old))
            return true;
        struct stmt *r = named_stmt(a, STMT_DROP_VIEW, v->name, loc);
        r->materialized = v->materialized;
        /* Another dialect's version stays. */
        if (old)
            r->sql_dialect = st->sql_dialect;
        vec_push(a, out, r);
        return true;
    }
    case STMT_DROP_VIEW: {
        const struct view *v = schema_find_view(sp->before, st->name.name);
        const struct view *now = schema_find_view(sp->after, st->name.name);
        if (!v || schema_view_eq(v, now))
            return true;
        /* Every version the drop took, from its stored body. */
        for (const struct view *o = v; o; o = o->also) {
            if (schema_view_version_eq(view_on(now, o->only ? o->only : ~0u), o))
                continue;
            struct stmt *r = named_stmt(a, STMT_CREATE_VIEW, o->name, loc);
            r->body = o->body;
            r->body_loc = loc;
            /* Populated, as it most likely was when dropped (a later
               refresh concurrently needs it so). */
            r->materialized = o->materialized;
            const struct dialect *dl = o->only ? dialect_only(o->only) : NULL;
            r->sql_dialect = dl ? dl->name : NULL;
            vec_push(a, out, r);
        }
        if (v->materialized)
            indexes_gone(a, sp, v->name, loc, out);
        return true;
    }
    case STMT_REFRESH_VIEW:
        /* The rows a refresh replaced are not kept: nothing to undo in
           the schema. */
        return true;
    case STMT_INSERT:
        return invert_insert(a, d, sp, out);
    case STMT_SQL:
        diag_error(d, loc, "cannot derive the downgrade of a sql statement");
        diag_detail(d, "The compiler does not know what the SQL does.");
        diag_hint(d, "%s", HINT);
        return false;
    case STMT_DELETE:
    case STMT_DROP_VALUE:
        return true;
    case STMT_COMMENT: {
        /* The comment the object had before, or none. */
        const struct table *t = schema_find_table(sp->before, st->table.name);
        const struct column *col = t && st->name.name ? table_find_column(t, st->name.name)
                                                      : NULL;
        if (!t || (st->name.name && !col))
            return true;
        struct stmt *r = stmt_new(a, STMT_COMMENT, loc);
        r->table = *ident_at(a, t->name, loc);
        if (col)
            r->name = *ident_at(a, col->name, loc);
        r->comment = col ? col->comment : t->comment;
        vec_push(a, out, r);
        return true;
    }
    case STMT_CREATE_EXTENSION: {
        const struct extension *x = schema_find_extension(sp->after, st->name.name);
        if (x && !schema_find_extension(sp->before, st->name.name))
            vec_push(a, out, named_stmt(a, STMT_DROP_EXTENSION, x->name, loc));
        return true;
    }
    case STMT_DROP_EXTENSION: {
        const struct extension *x = schema_find_extension(sp->before, st->name.name);
        if (!x || schema_find_extension(sp->after, st->name.name))
            return true;
        struct stmt *r = named_stmt(a, STMT_CREATE_EXTENSION, x->name, loc);
        if (x->schema)
            r->schema = *ident_at(a, x->schema, loc);
        vec_push(a, out, r);
        return true;
    }
    case STMT_CREATE_TYPE: {
        const struct enum_type *e = schema_find_type(sp->after, st->name.name);
        if (e && !schema_find_type(sp->before, st->name.name))
            vec_push(a, out, named_stmt(a, STMT_DROP_TYPE, e->name, loc));
        return true;
    }
    case STMT_DROP_TYPE: {
        const struct enum_type *e = schema_find_type(sp->before, st->name.name);
        if (!e || schema_find_type(sp->after, st->name.name))
            return true;
        struct stmt *r = named_stmt(a, STMT_CREATE_TYPE, e->name, loc);
        for (int i = 0; i < e->nvalues; i++)
            vec_push(a, &r->values, ident_at(a, e->values[i], loc));
        vec_push(a, out, r);
        return true;
    }
    case STMT_ADD_VALUE: {
        /* PostgreSQL cannot drop an enum value: the downgrade recreates
           the type without it (render_pg.c), which fails while a row
           still holds the value. */
        struct stmt *r = named_stmt(a, STMT_DROP_VALUE, st->name.name, loc);
        r->value = *ident_at(a, st->value.name, loc);
        vec_push(a, out, r);
        return true;
    }
    case STMT_RENAME_VALUE: {
        struct stmt *r = named_stmt(a, STMT_RENAME_VALUE, st->name.name, loc);
        r->value = *ident_at(a, st->new_value.name, loc);
        r->new_value = *ident_at(a, st->value.name, loc);
        vec_push(a, out, r);
        return true;
    }
    case STMT_RENAME_TYPE: {
        const struct enum_type *e = schema_find_type(sp->before, st->name.name);
        struct stmt *r = named_stmt(a, STMT_RENAME_TYPE, st->new_name.name, loc);
        r->new_name = *ident_at(a, e ? e->name : st->name.name, loc);
        vec_push(a, out, r);
        return true;
    }
    }
    return true;
}

bool invert_steps(struct arena *a, struct diag *d, const struct vec *steps, struct vec *out)
{
    bool ok = true;
    for (int i = steps->n - 1; i >= 0; i--)
        if (!invert_step(a, d, VEC_AT(*steps, i, const struct step *), out))
            ok = false;
    return ok;
}
