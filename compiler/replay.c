#include "replay.h"

#include <string.h>

#include "dialect.h"
#include "expr_print.h"
#include "render.h"
#include "suggest.h"
#include "types.h"
#include "viewcheck.h"

/* ---- name sets -------------------------------------------------------- */

static unsigned name_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch - 'A' + 'a');
        h = (h ^ ch) * 16777619u;
    }
    return h;
}

static bool names_has(const struct replay_names *set, const char *name)
{
    if (!set->cap || !name)
        return false;
    unsigned mask = (unsigned)set->cap - 1;
    for (unsigned i = name_hash(name) & mask;; i = (i + 1) & mask) {
        if (!set->slots[i])
            return false;
        if (name_eq(set->slots[i], name))
            return true;
    }
}

static void names_insert(struct replay_names *set, const char *name)
{
    unsigned mask = (unsigned)set->cap - 1;
    unsigned i = name_hash(name) & mask;
    while (set->slots[i])
        i = (i + 1) & mask;
    set->slots[i] = name;
    set->n++;
}

static void names_add(struct arena *a, struct replay_names *set, const char *name)
{
    if (!name || names_has(set, name))
        return;
    if ((set->n + 1) * 2 > set->cap) {
        struct replay_names grown = {0};
        grown.cap = set->cap ? set->cap * 2 : 16;
        grown.slots = arena_alloc(a, sizeof *grown.slots * (size_t)grown.cap);
        for (int i = 0; i < set->cap; i++)
            if (set->slots[i])
                names_insert(&grown, set->slots[i]);
        *set = grown;
    }
    names_insert(set, name);
}

/* ---- small helpers ---------------------------------------------------- */

void replay_init(struct replay_ctx *c, struct arena *a, struct diag *d, unsigned targets,
                 struct viewcheck *vc)
{
    memset(c, 0, sizeof *c);
    c->arena = a;
    c->diag = d;
    c->rules = dialect_rules(targets);
    c->targets = targets;
    c->views = vc;
}

/* The dialect rule of LANGUAGE.md's "Real-world PostgreSQL": what (such
   as "index method \"gin\"") is an error when a target dialect takes
   only the core language. Returns false after reporting it. */
static bool postgres_only_on(struct replay_ctx *c, unsigned targets, struct loc loc,
                             const char *what)
{
    const struct dialect *d = dialect_with_rule(targets, DIALECT_POSTGRES_ONLY_REFUSED);
    if (!d)
        return true;
    diag_error(c->diag, loc, "%s is not supported on %s", what, d->title);
    diag_detail(c->diag, "It is PostgreSQL only, and the project targets %s (every dialect "
                         "unless --dialect says otherwise).", d->title);
    diag_hint(c->diag, "Target only PostgreSQL with --dialect postgres.");
    return false;
}

static bool postgres_only(struct replay_ctx *c, struct loc loc, const char *what)
{
    return postgres_only_on(c, c->targets, loc, what);
}

const char *replay_place(struct arena *a, struct loc loc)
{
    if (!loc.file)
        return "the start";
    return arena_printf(a, "%s:%d", loc.file, loc.line);
}

static bool is_integer_type(enum type_kind k)
{
    return k == TYPE_SMALLINT || k == TYPE_INTEGER || k == TYPE_BIGINT;
}

static const char *rel_word(enum rel_kind k)
{
    switch (k) {
    case REL_TABLE: return "table";
    case REL_VIEW: return "view";
    case REL_INDEX: return "index";
    case REL_CONSTRAINT: return "constraint";
    case REL_TYPE: return "type";
    case REL_EXTENSION: return "extension";
    case REL_DECLARED: return "object";
    case REL_NONE: break;
    }
    return "relation";
}

/* Hints the candidate nearest to name, when one is close enough to be a
   likely typo. */
static void hint_nearest(struct replay_ctx *c, const char *kind, const char *name,
                         const char *const *cands, int n)
{
    int len = (int)strlen(name);
    struct suggest sg;
    suggest_init(&sg, name, len <= 3 ? 1 : len <= 8 ? 2 : 3, true);
    for (int i = 0; i < n; i++)
        suggest_offer(&sg, cands[i]);
    if (sg.best)
        diag_hint(c->diag, "Did you mean %s \"%s\"?", kind, sg.best);
}

/* The names of s's objects of one kind, in name order (for hints). The
   object structs differ, so each list reads its own; *n gets the count. */
#define NAMES_OF(fn, list_fn, type)                                                         \
    static const char **fn(struct replay_ctx *c, const struct schema *s, int *n)          \
    {                                                                                      \
        const type **xs;                                                                   \
        *n = list_fn(s, c->arena, &xs);                                                    \
        const char **names = arena_alloc(c->arena, sizeof *names * (size_t)(*n + 1));     \
        for (int i = 0; i < *n; i++)                                                       \
            names[i] = xs[i]->name;                                                        \
        return names;                                                                      \
    }
NAMES_OF(table_names, schema_tables, struct table)
NAMES_OF(index_names, schema_indexes, struct index)
NAMES_OF(view_names, schema_views, struct view)
NAMES_OF(type_names, schema_types, struct enum_type)
NAMES_OF(extension_names, schema_extensions, struct extension)
#undef NAMES_OF

static void hint_table(struct replay_ctx *c, const struct schema *s, const char *name)
{
    int n;
    const char **names = table_names(c, s, &n);
    hint_nearest(c, "table", name, names, n);
}

static void hint_column(struct replay_ctx *c, const struct table *t, const char *name)
{
    const char **names = arena_alloc(c->arena, sizeof *names * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++)
        names[i] = t->cols[i]->name;
    hint_nearest(c, "column", name, names, t->ncols);
}

/* ---- declared objects (what sql blocks create) ------------------------ */

/* The declared object holding name in kind's namespace on the first
   dialect of targets that has one, or NULL. */
static const struct declared *declared_any(const struct replay_ctx *c, const struct schema *s,
                                           enum decl_kind kind, const char *table,
                                           const char *name)
{
    if (!schema_has_declared(s) || !name)
        return NULL;
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        const struct declared *x = (c->targets & d->target)
                                       ? schema_find_declared(s, d->name, kind, table, name)
                                       : NULL;
        if (x)
            return x;
    }
    return NULL;
}

/* The declared object of kind (exactly) named name on every target
   dialect, as a statement that runs everywhere needs it; NULL after
   reporting where it is missing when it is declared on some only; NULL
   without a word when declared nowhere. */
static const struct declared *declared_everywhere(struct replay_ctx *c, const struct schema *s,
                                                  enum decl_kind kind, const char *table,
                                                  const struct ident *id)
{
    const struct declared *x = declared_any(c, s, kind, table, id->name);
    if (!x || x->kind != kind)
        return NULL;
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(c->targets & d->target))
            continue;
        const struct declared *y = schema_find_declared(s, d->name, kind, table, id->name);
        if (!y || y->kind != kind) {
            diag_error(c->diag, id->loc, "%s \"%s\" does not exist on %s", decl_kind_word(kind),
                       id->name, d->title);
            diag_detail(c->diag, "A sql %s block created it at %s, and this statement runs on "
                                 "every dialect the project targets.",
                        x->dialect, replay_place(c->arena, x->loc));
            return NULL;
        }
    }
    return x;
}

static const struct view *view_using(struct replay_ctx *c, const struct schema *s,
                                     const char *table, const char *column);

/* A native view still reading the declared relation name: reported. */
static bool declared_in_use(struct replay_ctx *c, const struct schema *s, const char *what,
                            const char *name, struct loc loc)
{
    const struct view *v = view_using(c, s, name, NULL);
    if (!v)
        return false;
    diag_error(c->diag, loc, "cannot drop %s \"%s\": view \"%s\" uses it", what, name, v->name);
    diag_hint(c->diag, "Drop view \"%s\" first.", v->name);
    return true;
}

/* Whether x is declared on every target dialect. */
static bool declared_on_all(const struct replay_ctx *c, const struct schema *s,
                            const struct declared *x)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        const struct declared *y = (c->targets & d->target)
                                       ? schema_find_declared(s, d->name, x->kind, x->table, x->name)
                                       : x;
        if (!y || y->kind != x->kind)
            return false;
    }
    return true;
}

/* Removes the declared object of kind named name from every target
   dialect, with what goes with it: a table takes its triggers, policies
   and (native) indexes. */
static const struct schema *declared_remove_everywhere(struct replay_ctx *c,
                                                       const struct schema *s,
                                                       enum decl_kind kind, const char *table,
                                                       const char *name);

/* A table's declared triggers and policies on dialect (NULL: every
   dialect) go with it. */
static const struct schema *drop_declared_dependents(struct replay_ctx *c, const struct schema *s,
                                                     const char *dialect, const char *table)
{
    if (!schema_has_declared(s))
        return s;
    const struct declared **xs;
    int n = schema_declared(s, c->arena, &xs);
    for (int i = 0; i < n; i++)
        if (xs[i]->table && name_eq(xs[i]->table, table) &&
            (!dialect || strcmp(xs[i]->dialect, dialect) == 0))
            s = schema_remove_declared(c->arena, s, xs[i]);
    return s;
}

static const struct schema *declared_remove_everywhere(struct replay_ctx *c,
                                                       const struct schema *s,
                                                       enum decl_kind kind, const char *table,
                                                       const char *name)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        const struct declared *x = (c->targets & d->target)
                                       ? schema_find_declared(s, d->name, kind, table, name)
                                       : NULL;
        if (x)
            s = schema_remove_declared(c->arena, s, x);
    }
    if (kind == DECL_TABLE || kind == DECL_VIEW || kind == DECL_MATVIEW) {
        s = drop_declared_dependents(c, s, NULL, name);
        const struct index **ixs;
        int n = schema_indexes_on(s, name, c->arena, &ixs);
        for (int i = 0; i < n; i++)
            s = schema_remove_index(c->arena, s, ixs[i]->name);
    }
    return s;
}

/* When name is a table or view a sql block declared: reports that the
   model does not know its columns and returns true. */
static bool declared_opaque(struct replay_ctx *c, const struct schema *s, const struct ident *id)
{
    const struct declared *x = declared_any(c, s, DECL_TABLE, NULL, id->name);
    if (!x || (x->kind != DECL_TABLE && x->kind != DECL_VIEW && x->kind != DECL_MATVIEW))
        return false;
    diag_error(c->diag, id->loc, "%s \"%s\" was created by a sql block: its columns are unknown",
               decl_kind_word(x->kind), id->name);
    diag_detail(c->diag, "The sql block at %s declares it (creates %s %s); the model knows it by "
                         "name only.",
                replay_place(c->arena, x->loc), decl_kind_word(x->kind), x->name);
    diag_hint(c->diag, "Change it in a sql block too, or create it with create table so that "
                       "the model knows its columns.");
    return true;
}

/* The table named by id, or NULL after reporting that it does not exist. */
static const struct table *need_table(struct replay_ctx *c, const struct schema *s,
                                      const struct ident *id)
{
    const struct table *t = schema_find_table(s, id->name);
    if (t)
        return t;
    if (schema_find_view(s, id->name)) {
        diag_error(c->diag, id->loc, "\"%s\" is a view, not a table", id->name);
        return NULL;
    }
    if (declared_opaque(c, s, id))
        return NULL;
    diag_error(c->diag, id->loc, "table \"%s\" does not exist", id->name);
    hint_table(c, s, id->name);
    return NULL;
}

static const struct column *need_column(struct replay_ctx *c, const struct table *t,
                                        const char *name, struct loc loc)
{
    const struct column *col = table_find_column(t, name);
    if (!col) {
        diag_error(c->diag, loc, "column \"%s\" does not exist in table \"%s\"", name, t->name);
        hint_column(c, t, name);
    }
    return col;
}

/* Reports when name is already taken in the relation namespace (tables,
   views, indexes, primary key and unique constraints), saying what holds
   it. what is the kind being created. */
static bool relation_taken(struct replay_ctx *c, const struct schema *s, const char *name,
                           struct loc loc, const char *what)
{
    const struct table *owner = NULL;
    enum rel_kind k = schema_find_relation(s, name, &owner);
    if (k == REL_NONE) {
        const struct declared *x = declared_any(c, s, DECL_TABLE, NULL, name);
        if (!x)
            return false;
        if (strcmp(decl_kind_word(x->kind), what) == 0)
            diag_error(c->diag, loc, "%s \"%s\" already exists", what, name);
        else
            diag_error(c->diag, loc, "relation \"%s\" already exists", name);
        diag_detail(c->diag, "A sql block created %s \"%s\" at %s.", decl_kind_word(x->kind),
                    x->name, replay_place(c->arena, x->loc));
        return true;
    }
    const char *holder = rel_word(k);
    if (k == REL_VIEW && schema_find_view(s, name)->materialized)
        holder = "materialized view";
    if (strcmp(holder, what) == 0)
        diag_error(c->diag, loc, "%s \"%s\" already exists", what, name);
    else
        diag_error(c->diag, loc, "relation \"%s\" already exists", name);
    struct loc where = {0};
    const char *kind = holder;
    switch (k) {
    case REL_TABLE: where = schema_find_table(s, name)->loc; kind = "Table"; break;
    case REL_VIEW:
        where = schema_find_view(s, name)->loc;
        kind = schema_find_view(s, name)->materialized ? "Materialized view" : "View";
        break;
    case REL_INDEX: where = schema_find_index(s, name)->loc; kind = "Index"; break;
    case REL_TYPE: where = schema_find_type(s, name)->loc; kind = "Type"; break;
    case REL_EXTENSION: case REL_DECLARED: break; /* never found here */
    case REL_CONSTRAINT:
        if (owner) {
            const struct constraint *k2 = table_find_constraint(owner, name);
            diag_detail(c->diag, "Constraint \"%s\" of table \"%s\" has that name; it was added at %s.",
                        name, owner->name, replay_place(c->arena, k2 ? k2->loc : owner->loc));
        }
        return true;
    case REL_NONE: break;
    }
    diag_detail(c->diag, "%s \"%s\" was created at %s.", kind, name, replay_place(c->arena, where));
    return true;
}

/* ---- expressions ------------------------------------------------------ */

void replay_expr_columns(struct arena *a, const struct expr *e, struct vec *out)
{
    if (!e)
        return;
    if (e->kind == EXPR_COLUMN) {
        for (int i = 0; i < out->n; i++)
            if (name_eq(VEC_AT(*out, i, const char *), e->text))
                return;
        vec_push(a, out, (void *)e->text);
    }
    for (int i = 0; i < e->nargs; i++)
        replay_expr_columns(a, e->args[i], out);
}

/* A construct LANGUAGE.md marks PostgreSQL only, in a project that
   targets SQLite too. */
static void check_type_targets(struct replay_ctx *c, const struct type *t, struct loc loc);
static bool resolve_type(struct replay_ctx *c, const struct schema *s, struct type *t,
                         struct loc loc);

/* A collation every target dialect has (struct dialect's collation). */
static bool check_collation(struct replay_ctx *c, const struct expr *e)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(c->targets & d->target) || d->has_collation(e->text))
            continue;
        diag_error(c->diag, e->loc, "collation \"%s\" is not available on %s", e->text,
                   d->title);
        diag_detail(c->diag, "The project targets %s (every dialect unless --dialect says "
                             "otherwise).", d->title);
        diag_hint(c->diag, "\"C\" and \"POSIX\" (byte order) are on every dialect; binary, "
                           "nocase and rtrim are SQLite's only, any other PostgreSQL's only "
                           "(--dialect names the dialects a project targets).");
        return false;
    }
    return true;
}

/* The checks of one expression node (not its operands) that concern no
   column: extract's field, and what only PostgreSQL has. */
static bool check_expr_node(struct replay_ctx *c, const struct expr *e)
{
    bool portable;
    if (e->kind == EXPR_EXTRACT && !expr_extract_field(e->text, &portable)) {
        diag_error(c->diag, e->loc, "unrecognized extract field \"%s\"", e->text);
        diag_hint(c->diag, "The fields are year, month, day, hour, minute, second, dow, doy, "
                           "epoch, and on PostgreSQL also century, decade, isodow, isoyear, "
                           "julian, microseconds, millennium, milliseconds, quarter, timezone, "
                           "timezone_hour, timezone_minute and week.");
        return false;
    }
    if (e->kind == EXPR_CAST) {
        if (types_is_serial(e->type.kind)) {
            diag_error(c->diag, e->loc, "cannot cast to type \"%s\"", types_name(e->type.kind));
            diag_hint(c->diag, "Serial, smallserial and bigserial are column types only; cast "
                               "to integer or bigint.");
            return false;
        }
        check_type_targets(c, &e->type, e->loc);
        struct type t = e->type;
        if (c->cur_schema && !resolve_type(c, c->cur_schema, &t, e->type_loc))
            return false;
    }
    if (e->kind == EXPR_COLLATE && !check_collation(c, e))
        return false;
    if (!expr_pg_only(e))
        return true;
    const char *what;
    switch (e->kind) {
    case EXPR_EXTRACT:
        what = arena_printf(c->arena, "extract field \"%s\"", e->text);
        break;
    case EXPR_INTERVAL:
        what = "an interval literal";
        break;
    case EXPR_ARRAY:
        what = "an array constructor";
        break;
    case EXPR_ANY:
        what = "a comparison with any (...)";
        break;
    case EXPR_ALL:
        what = "a comparison with all (...)";
        break;
    case EXPR_LIKE:
        what = e->op == OP_SIMILAR ? "similar to" : "ilike";
        break;
    case EXPR_AT_TIME_ZONE:
        what = "at time zone";
        break;
    case EXPR_SUBSCRIPT:
        what = e->nargs == 3 ? "an array slice" : "an array subscript";
        break;
    default:
        what = arena_printf(c->arena, "operator \"%s\"", expr_op_text(e->op));
        break;
    }
    return postgres_only(c, e->loc, what);
}

/* Reports every column e names that t does not have (t NULL: a relation
   whose columns are not known, a materialized view). */
static bool check_expr_columns(struct replay_ctx *c, const struct table *t, const struct expr *e)
{
    if (!e)
        return true;
    bool ok = check_expr_node(c, e);
    if (t && e->kind == EXPR_COLUMN && !need_column(c, t, e->text, e->loc))
        ok = false;
    for (int i = 0; i < e->nargs; i++)
        if (!check_expr_columns(c, t, e->args[i]))
            ok = false;
    return ok;
}

/* The checks of check_expr_columns but the columns: for a relation whose
   columns the model does not know. */
static bool check_expr_nodes(struct replay_ctx *c, const struct expr *e)
{
    if (!e)
        return true;
    bool ok = check_expr_node(c, e);
    for (int i = 0; i < e->nargs; i++)
        if (!check_expr_nodes(c, e->args[i]))
            ok = false;
    return ok;
}

/* Defaults and inserted values may name no column at all. */
static bool check_expr_no_columns(struct replay_ctx *c, const struct expr *e, const char *what)
{
    if (!e)
        return true;
    if (e->kind == EXPR_COLUMN) {
        diag_error(c->diag, e->loc, "%s cannot refer to column \"%s\"", what, e->text);
        return false;
    }
    bool ok = check_expr_node(c, e);
    for (int i = 0; i < e->nargs; i++)
        if (!check_expr_no_columns(c, e->args[i], what))
            ok = false;
    return ok;
}

/* e with column from renamed to to; unchanged subtrees are shared. */
static const struct expr *expr_rename(struct arena *a, const struct expr *e, const char *from,
                                      const char *to)
{
    if (!e)
        return NULL;
    if (e->kind == EXPR_COLUMN) {
        if (!name_eq(e->text, from))
            return e;
        struct expr *n = arena_alloc(a, sizeof *n);
        *n = *e;
        n->text = to;
        return n;
    }
    const struct expr **args = NULL;
    for (int i = 0; i < e->nargs; i++) {
        const struct expr *r = expr_rename(a, e->args[i], from, to);
        if (r != e->args[i] && !args) {
            args = arena_alloc(a, sizeof *args * (size_t)e->nargs);
            memcpy(args, e->args, sizeof *args * (size_t)e->nargs);
        }
        if (args)
            args[i] = r;
    }
    if (!args)
        return e;
    struct expr *n = arena_alloc(a, sizeof *n);
    *n = *e;
    n->args = args;
    return n;
}

/* ---- what uses what --------------------------------------------------- */

/* The columns of table tname that constraint k uses: its own, the ones it
   references in its own table, those its check names. */
static void constraint_columns(struct arena *a, const char *tname, const struct constraint *k,
                               struct vec *out)
{
    for (int i = 0; i < k->ncols; i++)
        vec_push(a, out, (void *)k->cols[i]);
    if (k->kind == CON_FOREIGN_KEY && name_eq(k->ref_table, tname))
        for (int i = 0; i < k->nref_cols; i++)
            vec_push(a, out, (void *)k->ref_cols[i]);
    if (k->kind == CON_CHECK)
        replay_expr_columns(a, k->check, out);
}

static bool index_uses(const struct index *ix, const char *col)
{
    for (int i = 0; i < ix->nelems; i++) {
        const struct index_elem *e = ix->elems[i];
        if (e->column.name && name_eq(e->column.name, col))
            return true;
        if (expr_uses_column(e->expr, col))
            return true;
    }
    for (int i = 0; i < ix->ninclude; i++)
        if (name_eq(ix->include[i], col))
            return true;
    return expr_uses_column(ix->where, col);
}

/* How messages name v. */
static const char *view_word(const struct view *v)
{
    return v->materialized ? "materialized view" : "view";
}

/* The first view of s that reads table (and column, when not NULL). */
static const struct view *view_using(struct replay_ctx *c, const struct schema *s,
                                     const char *table, const char *column)
{
    if (!names_has(&c->view_reads, table))
        return NULL;
    const struct view **vs;
    int n = schema_views(s, c->arena, &vs);
    for (int i = 0; i < n; i++)
        for (const struct view *v = vs[i]; v; v = v->also)
            for (int j = 0; j < v->ndeps; j++) {
                const struct view_dep *d = &v->deps[j];
                if (name_eq(d->table, table) &&
                    (!column || (d->column && name_eq(d->column, column))))
                    return v;
            }
    return NULL;
}

/* The first foreign key, in a table other than except, that references
   table (and column, when not NULL); its table goes to *owner. */
static const struct constraint *fk_using(struct replay_ctx *c, const struct schema *s,
                                         const char *table, const char *column,
                                         const char *except, const struct table **owner)
{
    const struct table **ts;
    int n = schema_referrers(s, table, c->arena, &ts);
    for (int i = 0; i < n; i++) {
        if (except && name_eq(ts[i]->name, except))
            continue;
        for (int j = 0; j < ts[i]->ncons; j++) {
            const struct constraint *k = ts[i]->cons[j];
            if (k->kind != CON_FOREIGN_KEY || !name_eq(k->ref_table, table))
                continue;
            bool hit = !column;
            for (int r = 0; r < k->nref_cols && !hit; r++)
                hit = name_eq(k->ref_cols[r], column);
            if (hit) {
                *owner = ts[i];
                return k;
            }
        }
    }
    return NULL;
}

/* ---- enum types used by columns --------------------------------------- */

/* The names of s's enum types, for suggestions; their count in *n. */

/* Resolves a column type naming an enum type against s: its spelling
   becomes the type's. Reports a type s does not have (suggesting among
   the known types and s's enum types) and leaves text in its place so
   that later checks go on. */
static bool resolve_type(struct replay_ctx *c, const struct schema *s, struct type *t,
                         struct loc loc)
{
    if (t->kind != TYPE_ENUM)
        return true;
    const struct enum_type *e = schema_find_type(s, t->named);
    if (e) {
        t->named = e->name;
        return true;
    }
    int n;
    const char **names = type_names(c, s, &n);
    types_report_unknown(c->diag, t->named, loc, names, n);
    *t = (struct type){.kind = TYPE_TEXT, .p = -1, .s = -1};
    return false;
}

/* Whether st is a statement of the upgrade of the migration being
   replayed. */
static bool in_upgrade(const struct replay_ctx *c, const struct stmt *st)
{
    for (int i = 0; c->mig && i < c->mig->upgrade.n; i++)
        if (VEC_AT(c->mig->upgrade, i, const struct stmt *) == st)
            return true;
    return false;
}

/* The add value statement of this migration's upgrade that added value
   to enum type (any type when type is NULL, then *type_out says which),
   or NULL. Such a value cannot be used before the transaction that
   added it commits, so a later statement of the same migration cannot
   use it (unless the migration runs outside a transaction). */
static const struct stmt *new_value(struct replay_ctx *c, const char *type,
                                    const char *value, const char **type_out)
{
    if (!c->mig || c->mig->transaction_none || !c->cur)
        return NULL;
    /* Most migrations add no value: one look per migration says so. */
    if (c->adds_for != c->mig) {
        c->adds_for = c->mig;
        c->adds_values = false;
        for (int i = 0; i < c->mig->upgrade.n && !c->adds_values; i++)
            c->adds_values = VEC_AT(c->mig->upgrade, i, const struct stmt *)->kind == STMT_ADD_VALUE;
    }
    if (!c->adds_values || !in_upgrade(c, c->cur))
        return NULL;
    for (int i = 0; i < c->mig->upgrade.n; i++) {
        const struct stmt *st = VEC_AT(c->mig->upgrade, i, const struct stmt *);
        if (st == c->cur)
            return NULL;
        if (st->kind == STMT_ADD_VALUE && (!type || name_eq(st->name.name, type)) &&
            strcmp(st->value.name, value) == 0) {
            if (type_out)
                *type_out = st->name.name;
            return st;
        }
    }
    return NULL;
}

static void report_new_value(struct replay_ctx *c, struct loc loc, const char *value,
                             const char *type, const struct stmt *added)
{
    diag_error(c->diag, loc, "cannot use value \"%s\" of type \"%s\" in the migration that adds it",
               value, type);
    diag_detail(c->diag, "It is added at %s; PostgreSQL refuses a new enum value until the "
                         "transaction that added it commits.",
                replay_place(c->arena, added->loc));
    diag_hint(c->diag, "Use the value in a later migration, or add `transaction none` to this "
                       "migration's header.");
}

/* Reports every string in e that is a value added earlier in this
   migration: to type when it is set, else to any enum type a column of
   t (may be NULL) uses. */
static bool check_new_values(struct replay_ctx *c, const struct table *t, const char *type,
                             const struct expr *e)
{
    if (!e || !c->mig || !c->cur)
        return true;
    bool ok = true;
    if (e->kind == EXPR_STRING) {
        const char *which = NULL;
        const struct stmt *added = new_value(c, type, e->text, &which);
        bool used = added && type;
        for (int i = 0; added && !used && t && i < t->ncols; i++)
            used = t->cols[i]->type.kind == TYPE_ENUM && name_eq(t->cols[i]->type.named, which);
        if (used) {
            report_new_value(c, e->loc, e->text, which, added);
            ok = false;
        }
    }
    for (int i = 0; i < e->nargs; i++)
        if (!check_new_values(c, t, type, e->args[i]))
            ok = false;
    return ok;
}

/* The enum type a column has, or NULL. */
static const char *enum_of(const struct column *col)
{
    return col && col->type.kind == TYPE_ENUM ? col->type.named : NULL;
}

/* ---- building columns and constraints ---------------------------------- */

/* The PostgreSQL-only rule for a type no SQLite type stands for. */
static void check_type_targets(struct replay_ctx *c, const struct type *t, struct loc loc)
{
    if (types_postgres_only(t))
        postgres_only(c, loc, arena_printf(c->arena, "type \"%s\"", render_mig_type(c->arena, t)));
}

static struct column *build_column(struct replay_ctx *c, const struct schema *s,
                                   const char *table, const struct column_def *cd)
{
    struct column *col = arena_alloc(c->arena, sizeof *col);
    col->name = cd->name.name;
    col->type = cd->type;
    resolve_type(c, s, &col->type, cd->type_loc.file ? cd->type_loc : cd->loc);
    col->not_null = cd->not_null;
    col->identity = cd->identity;
    col->dflt = cd->dflt;
    col->generated = cd->generated;
    col->loc = cd->loc;
    if (col->dflt &&
        !check_expr_no_columns(c, col->dflt,
                               arena_printf(c->arena, "the default of column \"%s\"", col->name)))
        col->dflt = NULL;
    check_type_targets(c, &cd->type, cd->type_loc.file ? cd->type_loc : cd->loc);
    if (types_is_serial(col->type.kind)) {
        /* PostgreSQL makes a serial column not null, with its sequence's
           nextval as its default. */
        col->not_null = true;
        if (col->dflt || col->identity) {
            diag_error(c->diag, cd->loc, "%s specified for serial column \"%s\" of table \"%s\"",
                       col->identity ? "both default and identity"
                                     : "multiple default values",
                       col->name, table);
            diag_detail(c->diag, "A serial column's default is its sequence's next value.");
            col->dflt = NULL;
            col->identity = false;
        }
    }
    if (col->dflt && enum_of(col) && !check_new_values(c, NULL, enum_of(col), col->dflt))
        col->dflt = NULL;
    if (col->identity) {
        /* PostgreSQL makes identity columns not null. */
        col->not_null = true;
        /* Both a default and identity is the parser's error; the model
           keeps identity. */
        col->dflt = NULL;
        if ((c->rules & DIALECT_IDENTITY_INTEGER) && !is_integer_type(col->type.kind)) {
            diag_error(c->diag, cd->type_loc.file ? cd->type_loc : cd->loc,
                       "identity column \"%s\" of table \"%s\" must be smallint, integer or bigint",
                       col->name, table);
            col->identity = false;
        }
    }
    return col;
}

/* A part of e whose value changes from call to call (now(), random(),
   current_*), or NULL. */
static const struct expr *expr_volatile(const struct expr *e)
{
    static const char *const volatile_funcs[] = {
        "clock_timestamp", "currval", "gen_random_uuid", "lastval", "localtime",
        "localtimestamp", "nextval", "now", "random", "statement_timestamp", "timeofday",
        "transaction_timestamp", "uuid_generate_v1", "uuid_generate_v4",
    };
    if (!e)
        return NULL;
    if (e->kind == EXPR_CURRENT_TIMESTAMP || e->kind == EXPR_CURRENT_DATE ||
        e->kind == EXPR_CURRENT_TIME)
        return e;
    if (e->kind == EXPR_FUNC)
        for (size_t i = 0; i < sizeof volatile_funcs / sizeof volatile_funcs[0]; i++)
            if (name_eq(e->text, volatile_funcs[i]))
                return e;
    for (int i = 0; i < e->nargs; i++) {
        const struct expr *v = expr_volatile(e->args[i]);
        if (v)
            return v;
    }
    return NULL;
}

/* A generated column of t that e names, or NULL. */
static const struct expr *expr_uses_generated(const struct table *t, const struct expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == EXPR_COLUMN) {
        const struct column *col = table_find_column(t, e->text);
        return col && col->generated ? e : NULL;
    }
    for (int i = 0; i < e->nargs; i++) {
        const struct expr *g = expr_uses_generated(t, e->args[i]);
        if (g)
            return g;
    }
    return NULL;
}

/* PostgreSQL's rules for a generation expression, once t has all its
   columns: it reads only the row's other, ordinary columns, and nothing
   that changes from call to call. A broken one is taken off the column. */
static void check_generated(struct replay_ctx *c, struct table *t, const char *name)
{
    const struct column *col = table_find_column(t, name);
    if (!col || !col->generated)
        return;
    bool ok = check_expr_columns(c, t, col->generated);
    const struct expr *g = ok ? expr_uses_generated(t, col->generated) : NULL;
    if (g) {
        diag_error(c->diag, g->loc, "cannot use generated column \"%s\" in column generation "
                                    "expression", g->text);
        diag_detail(c->diag, "A generated column cannot reference another generated column "
                             "or itself.");
        ok = false;
    }
    const struct expr *v = expr_volatile(col->generated);
    if (v) {
        diag_error(c->diag, v->loc, "generation expression is not immutable");
        diag_detail(c->diag, "A generated column is computed from the row's other columns "
                             "alone; this part of the expression changes from call to call.");
        ok = false;
    }
    if (!ok) {
        struct column *fixed = arena_alloc(c->arena, sizeof *fixed);
        *fixed = *col;
        fixed->generated = NULL;
        table_replace_column(t, table_column_index(t, name), fixed);
    }
}

/* The first generated column of t other than except whose expression
   uses column col, or NULL. */
static const struct column *generated_using(const struct table *t, const char *col,
                                            const char *except)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i]->generated && !name_eq(t->cols[i]->name, except) &&
            expr_uses_column(t->cols[i]->generated, col))
            return t->cols[i];
    return NULL;
}

/* The rowid rule (SQLite): identity only on a single integer primary key
   column. */
static void check_identity_rowid(struct replay_ctx *c, const struct table *t,
                                  const struct column *col, struct loc loc)
{
    bool serial = types_is_serial(col->type.kind);
    if (!(c->rules & DIALECT_IDENTITY_ROWID) || !(col->identity || serial))
        return;
    const struct constraint *pk = table_primary_key(t);
    if (pk && pk->ncols == 1 && name_eq(pk->cols[0], col->name) &&
        (serial || is_integer_type(col->type.kind)))
        return;
    if (serial) {
        diag_error(c->diag, loc,
                   "serial column \"%s\" of table \"%s\" is not a single integer primary key",
                   col->name, t->name);
        diag_detail(c->diag, "On SQLite, a serial column is only allowed as a table's "
                             "single-column primary key, which becomes the rowid alias.");
        diag_hint(c->diag, "Make the column the table's primary key, use an integer type, or "
                           "target only PostgreSQL with --dialect postgres.");
        return;
    }
    diag_error(c->diag, loc,
               "identity column \"%s\" of table \"%s\" is not a single integer primary key",
               col->name, t->name);
    diag_detail(c->diag, "On SQLite, identity is only allowed on a table's single-column "
                         "integer primary key, which becomes the rowid alias.");
    diag_hint(c->diag, "Make the column the table's integer primary key, drop identity, or "
                       "target only PostgreSQL with --dialect postgres.");
}

static bool same_column_set(const char *const *a, int na, const char *const *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++) {
        bool found = false;
        for (int j = 0; j < nb && !found; j++)
            found = name_eq(a[i], b[j]);
        if (!found)
            return false;
    }
    return true;
}

static const char *join_names(struct arena *a, const char *const *names, int n)
{
    struct strbuf b = {0};
    for (int i = 0; i < n; i++)
        strbuf_printf(&b, "%s\"%s\"", i ? ", " : "", names[i]);
    return strbuf_to_arena(&b, a);
}

/* The model's constraint for def on table t (under construction or a
   working copy) in schema s, or NULL after reporting an error. The name
   is checked when the constraint is added (add_constraint). */
static struct constraint *build_constraint(struct replay_ctx *c, const struct schema *s,
                                           const struct table *t,
                                           const struct constraint_def *def)
{
    struct arena *a = c->arena;
    struct constraint *k = arena_alloc(a, sizeof *k);
    k->kind = def->kind;
    k->on_delete = def->on_delete;
    k->on_update = def->on_update;
    k->loc = def->loc;
    k->deferrable = def->deferrable > 0 || def->initially > 0;
    k->initially_deferred = def->initially > 0;
    k->not_valid = def->not_valid;
    k->nulls_not_distinct = def->nulls_not_distinct;
    bool ok = true;
    static const char *const kind_words[] = {
        [CON_PRIMARY_KEY] = "primary key", [CON_UNIQUE] = "unique",
        [CON_FOREIGN_KEY] = "foreign key", [CON_CHECK] = "check",
    };
    if (def->deferrable < 0 && def->initially > 0) {
        diag_error(c->diag, def->deferrable_loc,
                   "constraint declared initially deferred must be deferrable");
        ok = false;
    }
    if (def->kind == CON_CHECK && (def->deferrable || def->initially)) {
        diag_error(c->diag, def->deferrable_loc, "check constraints cannot be marked deferrable");
        diag_detail(c->diag, "Only foreign keys, primary keys and unique constraints can be "
                             "deferred.");
        ok = false;
    }
    if (def->not_valid && def->kind != CON_CHECK && def->kind != CON_FOREIGN_KEY) {
        diag_error(c->diag, def->not_valid_loc, "%s constraints cannot be marked not valid",
                   kind_words[def->kind]);
        diag_detail(c->diag, "Only checks and foreign keys can be added without checking the "
                             "rows a table already holds.");
        ok = false;
    }
    if (k->deferrable && (def->kind == CON_PRIMARY_KEY || def->kind == CON_UNIQUE) &&
        !postgres_only(c, def->deferrable_loc,
                       def->kind == CON_UNIQUE ? "a deferrable unique constraint"
                                               : "a deferrable primary key"))
        ok = false;
    if (def->nulls_not_distinct &&
        !postgres_only(c, def->nulls_loc, "unique nulls not distinct"))
        ok = false;
    if (def->kind != CON_CHECK) {
        const char **cols = arena_alloc(a, sizeof *cols * (size_t)(def->cols.n + 1));
        int n = 0;
        for (int i = 0; i < def->cols.n; i++) {
            const struct ident *id = VEC_AT(def->cols, i, const struct ident *);
            const struct column *col = need_column(c, t, id->name, id->loc);
            if (!col) {
                ok = false;
                continue;
            }
            bool dup = false;
            for (int j = 0; j < n && !dup; j++)
                dup = name_eq(cols[j], col->name);
            if (dup) {
                diag_error(c->diag, id->loc, "column \"%s\" appears twice in the constraint",
                           id->name);
                ok = false;
                continue;
            }
            cols[n++] = col->name;
        }
        k->cols = cols;
        k->ncols = n;
    } else {
        k->check = def->check;
        if (!check_expr_columns(c, t, def->check))
            ok = false;
        else if (!check_new_values(c, t, NULL, def->check))
            ok = false;
    }
    if (ok && def->kind == CON_FOREIGN_KEY) {
        const struct table *rt = name_eq(def->ref_table.name, t->name)
                                     ? t
                                     : schema_find_table(s, def->ref_table.name);
        if (!rt && declared_opaque(c, s, &def->ref_table))
            return NULL;
        if (!rt) {
            diag_error(c->diag, def->ref_table.loc, "referenced table \"%s\" does not exist",
                       def->ref_table.name);
            hint_table(c, s, def->ref_table.name);
            return NULL;
        }
        k->ref_table = rt->name;
        if (def->ref_cols.n == 0) {
            const struct constraint *pk = table_primary_key(rt);
            if (!pk) {
                diag_error(c->diag, def->ref_table.loc,
                           "referenced table \"%s\" has no primary key", rt->name);
                diag_hint(c->diag, "Name the referenced columns, which must be a unique "
                                   "constraint of that table.");
                return NULL;
            }
            k->ref_cols = pk->cols;
            k->nref_cols = pk->ncols;
        } else {
            const char **rc = arena_alloc(a, sizeof *rc * (size_t)def->ref_cols.n);
            for (int i = 0; i < def->ref_cols.n; i++) {
                const struct ident *id = VEC_AT(def->ref_cols, i, const struct ident *);
                const struct column *col = need_column(c, rt, id->name, id->loc);
                if (!col)
                    return NULL;
                rc[i] = col->name;
            }
            k->ref_cols = rc;
            k->nref_cols = def->ref_cols.n;
        }
        if (k->nref_cols != k->ncols) {
            diag_error(c->diag, def->loc,
                       "foreign key has %d column%s but references %d", k->ncols,
                       k->ncols == 1 ? "" : "s", k->nref_cols);
            return NULL;
        }
        bool keyed = false;
        for (int i = 0; i < rt->ncons && !keyed; i++) {
            const struct constraint *rk = rt->cons[i];
            keyed = (rk->kind == CON_PRIMARY_KEY || rk->kind == CON_UNIQUE) &&
                    same_column_set(rk->cols, rk->ncols, k->ref_cols, k->nref_cols);
        }
        if (!keyed) {
            diag_error(c->diag, def->ref_table.loc,
                       "referenced columns (%s) of table \"%s\" are not a primary key or unique",
                       join_names(a, k->ref_cols, k->nref_cols), rt->name);
            diag_hint(c->diag, "Reference the table's primary key, or add a unique "
                               "constraint on those columns first.");
            return NULL;
        }
    }
    if (!ok)
        return NULL;
    if (def->name.name) {
        k->name = def->name.name;
    } else if (def->kind == CON_CHECK) {
        /* PostgreSQL names a check after its column when it names exactly one. */
        struct vec used = {0};
        replay_expr_columns(a, def->check, &used);
        const char *one = used.n == 1 ? VEC_AT(used, 0, const char *) : NULL;
        const struct column *col = one ? table_find_column(t, one) : NULL;
        const char *colname = col ? col->name : NULL;
        k->name = schema_default_constraint_name(a, t->name, CON_CHECK, &colname, col ? 1 : 0);
    } else {
        k->name = schema_default_constraint_name(a, t->name, def->kind, k->cols, k->ncols);
    }
    return k;
}

/* Adds k (built from def) to the working table t after checking its name
   is free, and applies what it implies: primary key columns become not
   null. Returns false after reporting an error. */
static bool add_constraint(struct replay_ctx *c, const struct schema *s, struct table *t,
                           const struct constraint *k, const struct constraint_def *def)
{
    if (k->kind == CON_PRIMARY_KEY && table_primary_key(t)) {
        diag_error(c->diag, def->loc, "multiple primary keys for table \"%s\" are not allowed",
                   t->name);
        return false;
    }
    struct loc loc = def->name.name ? def->name.loc : def->loc;
    const struct constraint *old = table_find_constraint(t, k->name);
    if (old) {
        diag_error(c->diag, loc, "constraint \"%s\" already exists on table \"%s\"", k->name,
                   t->name);
        diag_detail(c->diag, "It was added at %s.", replay_place(c->arena, old->loc));
        if (!def->name.name)
            diag_hint(c->diag, "That is the default name for this constraint; give it "
                               "another with CONSTRAINT NAME.");
        return false;
    }
    if (k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE) {
        const struct table *owner = NULL;
        enum rel_kind rk = schema_find_relation(s, k->name, &owner);
        bool own = (rk == REL_CONSTRAINT && owner && name_eq(owner->name, t->name));
        if (name_eq(k->name, t->name)) {
            diag_error(c->diag, loc, "relation \"%s\" already exists", k->name);
            diag_detail(c->diag, "Table \"%s\" has that name.", t->name);
            return false;
        }
        if (rk != REL_NONE && !own && relation_taken(c, s, k->name, loc, "constraint"))
            return false;
    }
    table_add_constraint(c->arena, t, k);
    if (k->kind == CON_PRIMARY_KEY) {
        for (int i = 0; i < k->ncols; i++) {
            int ci = table_column_index(t, k->cols[i]);
            if (ci < 0 || t->cols[ci]->not_null)
                continue;
            struct column *col = arena_alloc(c->arena, sizeof *col);
            *col = *t->cols[ci];
            col->not_null = true;
            col->loc = def->loc;
            table_replace_column(t, ci, col);
        }
    }
    return true;
}

/* ---- statements ------------------------------------------------------- */

static const struct schema *create_table(struct replay_ctx *c, const struct schema *s,
                                         const struct stmt *st)
{
    struct arena *a = c->arena;
    if (relation_taken(c, s, st->table.name, st->table.loc, "table"))
        return s;
    struct table proto = {.name = st->table.name, .loc = st->loc};
    struct table *t = table_copy(a, &proto);
    /* Constraints in definition order: each column's own, then the
       table's. A skipped (duplicate) column takes its constraints along. */
    struct vec defs = {0};
    for (int i = 0; i < st->columns.n; i++) {
        const struct column_def *cd = VEC_AT(st->columns, i, const struct column_def *);
        if (table_find_column(t, cd->name.name)) {
            diag_error(c->diag, cd->name.loc, "column \"%s\" specified more than once",
                       cd->name.name);
            continue;
        }
        table_add_column(a, t, build_column(c, s, t->name, cd));
        for (int j = 0; j < cd->constraints.n; j++)
            vec_push(a, &defs, cd->constraints.items[j]);
    }
    for (int i = 0; i < st->constraints.n; i++)
        vec_push(a, &defs, st->constraints.items[i]);
    /* A foreign key may reference a key of this very table written after
       it: keys and checks go in first, foreign keys once they are known. */
    const struct constraint **built = arena_alloc(a, sizeof *built * (size_t)(defs.n + 1));
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < defs.n; i++) {
            const struct constraint_def *def = VEC_AT(defs, i, const struct constraint_def *);
            if ((def->kind == CON_FOREIGN_KEY) != (pass == 1))
                continue;
            struct constraint *k = build_constraint(c, s, t, def);
            if (k && add_constraint(c, s, t, k, def))
                built[i] = k;
        }
    /* Back in definition order. */
    while (t->ncons > 0)
        table_remove_constraint(t, t->ncons - 1);
    for (int i = 0; i < defs.n; i++)
        if (built[i])
            table_add_constraint(a, t, built[i]);
    for (int i = 0; i < st->columns.n; i++) {
        const struct column_def *cd = VEC_AT(st->columns, i, const struct column_def *);
        bool dup = false;
        for (int j = 0; j < i && !dup; j++)
            dup = name_eq(VEC_AT(st->columns, j, const struct column_def *)->name.name,
                          cd->name.name);
        const struct column *col = table_find_column(t, cd->name.name);
        if (col && !dup)
            check_identity_rowid(c, t, col, cd->loc);
        if (col && !dup)
            check_generated(c, t, col->name);
    }
    for (int i = 0; i < defs.n; i++) {
        const struct constraint_def *def = VEC_AT(defs, i, const struct constraint_def *);
        if (def->not_valid) {
            diag_error(c->diag, def->not_valid_loc,
                       "not valid is only for a constraint added to an existing table");
            diag_detail(c->diag, "A new table has no rows to leave unchecked.");
            diag_hint(c->diag, "Leave out not valid.");
        }
    }
    return schema_put_table(a, s, t);
}

static const struct schema *drop_table(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st)
{
    const struct declared *x = schema_find_table(s, st->table.name)
                                   ? NULL
                                   : declared_any(c, s, DECL_TABLE, NULL, st->table.name);
    if (x && x->kind == DECL_TABLE) {
        x = declared_everywhere(c, s, DECL_TABLE, NULL, &st->table);
        if (!x || declared_in_use(c, s, "table", x->name, (&st->table)->loc))
            return s;
        return declared_remove_everywhere(c, s, DECL_TABLE, NULL, x->name);
    }
    const struct table *t = need_table(c, s, &st->table);
    if (!t)
        return s;
    const struct table *owner = NULL;
    const struct constraint *fk = fk_using(c, s, t->name, NULL, t->name, &owner);
    if (fk) {
        diag_error(c->diag, st->table.loc,
                   "cannot drop table \"%s\": foreign key \"%s\" of table \"%s\" references it",
                   t->name, fk->name, owner->name);
        diag_hint(c->diag, "Drop constraint \"%s\" of table \"%s\" first.", fk->name, owner->name);
        return s;
    }
    const struct view *v = view_using(c, s, t->name, NULL);
    if (v) {
        diag_error(c->diag, st->table.loc, "cannot drop table \"%s\": %s \"%s\" uses it",
                   t->name, view_word(v), v->name);
        diag_hint(c->diag, "Drop %s \"%s\" first.", view_word(v), v->name);
        return s;
    }
    /* Its indexes go with it, as in both databases. */
    const struct index **ixs;
    int n = schema_indexes_on(s, t->name, c->arena, &ixs);
    for (int i = 0; i < n; i++)
        s = schema_remove_index(c->arena, s, ixs[i]->name);
    /* And so do the triggers and policies sql blocks put on it. */
    s = drop_declared_dependents(c, s, NULL, t->name);
    return schema_remove_table(c->arena, s, t->name);
}

static const char **rename_in_list(struct arena *a, const char *const *names, int n,
                                   const char *from, const char *to)
{
    const char **out = NULL;
    for (int i = 0; i < n; i++)
        if (name_eq(names[i], from)) {
            if (!out) {
                out = arena_alloc(a, sizeof *out * (size_t)n);
                memcpy(out, names, sizeof *out * (size_t)n);
            }
            out[i] = to;
        }
    return out;
}

/* Other tables' foreign keys follow a rename of the table they reference,
   as in PostgreSQL: every foreign key of a table other than skip that
   references table ref gets ref_table new_ref (when set) and, when
   col_from is set, its referenced column col_from renamed to col_to (keys
   not referencing col_from are left alone then). Only tables that change
   are copied. */
static const struct schema *follow_rename_in_fks(struct arena *a, const struct schema *s,
                                                 const char *skip, const char *ref,
                                                 const char *new_ref, const char *col_from,
                                                 const char *col_to, struct loc loc)
{
    const struct table **ts;
    int n = schema_referrers(s, ref, a, &ts);
    for (int i = 0; i < n; i++) {
        if (name_eq(ts[i]->name, skip))
            continue;
        struct table *ot = NULL;
        for (int j = 0; j < ts[i]->ncons; j++) {
            const struct constraint *k = ts[i]->cons[j];
            if (k->kind != CON_FOREIGN_KEY || !name_eq(k->ref_table, ref))
                continue;
            const char **refs = NULL;
            if (col_from && !(refs = rename_in_list(a, k->ref_cols, k->nref_cols, col_from,
                                                    col_to)))
                continue;
            if (!ot)
                ot = table_copy(a, ts[i]);
            struct constraint *nk = arena_alloc(a, sizeof *nk);
            *nk = *k;
            if (new_ref)
                nk->ref_table = new_ref;
            if (refs)
                nk->ref_cols = refs;
            nk->loc = loc;
            ot->cons[j] = nk;
        }
        if (ot)
            s = schema_put_table(a, s, ot);
    }
    return s;
}

static const struct schema *rename_table(struct replay_ctx *c, const struct schema *s,
                                         const struct stmt *st)
{
    struct arena *a = c->arena;
    const struct table *t = need_table(c, s, &st->table);
    if (!t)
        return s;
    if (name_eq(t->name, st->new_name.name)) {
        /* A change of spelling only ("Users" to "users") is still a rename. */
        if (strcmp(t->name, st->new_name.name) == 0)
            return s;
    } else if (relation_taken(c, s, st->new_name.name, st->new_name.loc, "table")) {
        return s;
    }
    const struct view *v = view_using(c, s, t->name, NULL);
    if (v) {
        diag_error(c->diag, st->table.loc, "cannot rename table \"%s\": %s \"%s\" uses it",
                   t->name, view_word(v), v->name);
        diag_hint(c->diag, "Drop %s \"%s\" first and create it again after the rename.",
                  view_word(v), v->name);
        return s;
    }
    const char *from = t->name, *to = st->new_name.name;
    struct table *nt = table_copy(a, t);
    nt->name = to;
    nt->loc = st->loc;
    for (int i = 0; i < nt->ncons; i++) {
        const struct constraint *k = nt->cons[i];
        if (k->kind == CON_FOREIGN_KEY && name_eq(k->ref_table, from)) {
            struct constraint *nk = arena_alloc(a, sizeof *nk);
            *nk = *k;
            nk->ref_table = to;
            nk->loc = st->loc;
            nt->cons[i] = nk;
        }
    }
    s = schema_remove_table(a, s, from);
    s = schema_put_table(a, s, nt);
    /* Foreign keys of other tables follow the rename, as in PostgreSQL. */
    s = follow_rename_in_fks(a, s, to, from, to, NULL, NULL, st->loc);
    const struct index **ixs;
    int n = schema_indexes_on(s, from, a, &ixs);
    for (int i = 0; i < n; i++) {
        struct index *ix = arena_alloc(a, sizeof *ix);
        *ix = *ixs[i];
        ix->table = to;
        ix->loc = st->loc;
        s = schema_put_index(a, s, ix);
    }
    /* So do the triggers and policies sql blocks declared on it. */
    const struct declared **xs;
    int nx = schema_has_declared(s) ? schema_declared(s, a, &xs) : 0;
    for (int i = 0; i < nx; i++) {
        if (!xs[i]->table || !name_eq(xs[i]->table, from))
            continue;
        struct declared *x = arena_alloc(a, sizeof *x);
        *x = *xs[i];
        x->table = to;
        s = schema_remove_declared(a, s, xs[i]);
        s = schema_put_declared(a, s, x);
    }
    return s;
}

/* ---- alter table ------------------------------------------------------ */

/* One alter table being applied: the working copy of the table and the
   schema around it (other tables and indexes change with some actions). */
struct alter {
    struct replay_ctx *c;
    const struct schema *s;    /* t's old version still in it until the end */
    struct table *t;
};

static struct column *column_edit(struct arena *a, const struct column *col, struct loc loc)
{
    struct column *n = arena_alloc(a, sizeof *n);
    *n = *col;
    n->loc = loc;
    return n;
}

static void alter_add_column(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    const struct column_def *cd = ac->column;
    const struct column *old = table_find_column(al->t, cd->name.name);
    if (old) {
        diag_error(c->diag, cd->name.loc, "column \"%s\" already exists in table \"%s\"",
                   cd->name.name, al->t->name);
        diag_detail(c->diag, "It was added at %s.", replay_place(c->arena, old->loc));
        return;
    }
    struct column *col = build_column(c, al->s, al->t->name, cd);
    col->loc = ac->loc;
    if (col->not_null && !col->dflt && !col->identity && !types_is_serial(col->type.kind) &&
        !col->generated) {
        diag_error(c->diag, cd->name.loc,
                   "cannot add not null column \"%s\" without a default to existing table \"%s\"",
                   col->name, al->t->name);
        diag_hint(c->diag, "Give the column a default, or add it nullable, fill it, then set "
                           "not null.");
        return;
    }
    table_add_column(c->arena, al->t, col);
    for (int i = 0; i < cd->constraints.n; i++) {
        const struct constraint_def *def = VEC_AT(cd->constraints, i, const struct constraint_def *);
        struct constraint *k = build_constraint(c, al->s, al->t, def);
        if (k)
            add_constraint(c, al->s, al->t, k, def);
    }
    check_identity_rowid(c, al->t, col, cd->loc);
    check_generated(c, al->t, col->name);
}

static void alter_drop_column(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    struct arena *a = c->arena;
    struct table *t = al->t;
    const struct column *col = need_column(c, t, ac->name.name, ac->name.loc);
    if (!col)
        return;
    const char *cname = col->name;
    /* The table's constraints and indexes that use the column go with it,
       multi-column ones too, as in PostgreSQL; a generated column, a
       foreign key of another table or a view that uses it blocks the drop. */
    bool *goes = arena_alloc(a, sizeof *goes * (size_t)(t->ncons + 1));
    for (int i = 0; i < t->ncons; i++) {
        struct vec used = {0};
        constraint_columns(a, t->name, t->cons[i], &used);
        goes[i] = false;
        for (int j = 0; j < used.n && !goes[i]; j++)
            goes[i] = name_eq(VEC_AT(used, j, const char *), cname);
    }
    const struct column *gen = generated_using(t, cname, cname);
    if (gen) {
        diag_error(c->diag, ac->name.loc,
                   "cannot drop column \"%s\" of table \"%s\": generated column \"%s\" uses it",
                   cname, t->name, gen->name);
        diag_hint(c->diag, "Drop column \"%s\" first.", gen->name);
        return;
    }
    const struct table *owner = NULL;
    const struct constraint *fk = fk_using(c, al->s, t->name, cname, t->name, &owner);
    if (fk) {
        diag_error(c->diag, ac->name.loc,
                   "cannot drop column \"%s\" of table \"%s\": foreign key \"%s\" of table "
                   "\"%s\" references it",
                   cname, t->name, fk->name, owner->name);
        diag_hint(c->diag, "Drop constraint \"%s\" of table \"%s\" first.", fk->name,
                  owner->name);
        return;
    }
    const struct view *v = view_using(c, al->s, t->name, cname);
    if (v) {
        diag_error(c->diag, ac->name.loc,
                   "cannot drop column \"%s\" of table \"%s\": %s \"%s\" uses it", cname,
                   t->name, view_word(v), v->name);
        diag_hint(c->diag, "Drop %s \"%s\" first.", view_word(v), v->name);
        return;
    }
    bool key_gone = false;
    for (int i = t->ncons - 1; i >= 0; i--)
        if (goes[i]) {
            key_gone = key_gone || t->cons[i]->kind == CON_PRIMARY_KEY;
            table_remove_constraint(t, i);
        }
    const struct index **ixs;
    int n = schema_indexes_on(al->s, t->name, a, &ixs);
    for (int i = 0; i < n; i++)
        if (index_uses(ixs[i], cname))
            al->s = schema_remove_index(a, al->s, ixs[i]->name);
    table_remove_column(t, table_column_index(t, cname));
    if (key_gone)
        for (int i = 0; i < t->ncols; i++)
            check_identity_rowid(c, t, t->cols[i], ac->loc);
}

/* k with column from of table tname renamed to to; k itself when it does
   not use it. */
static const struct constraint *constraint_rename(struct arena *a, const char *tname,
                                                  const struct constraint *k, const char *from,
                                                  const char *to, struct loc loc)
{
    const char **cols = rename_in_list(a, k->cols, k->ncols, from, to);
    const char **refs = NULL;
    if (k->kind == CON_FOREIGN_KEY && name_eq(k->ref_table, tname))
        refs = rename_in_list(a, k->ref_cols, k->nref_cols, from, to);
    const struct expr *check = expr_rename(a, k->check, from, to);
    if (!cols && !refs && check == k->check)
        return k;
    struct constraint *n = arena_alloc(a, sizeof *n);
    *n = *k;
    if (cols)
        n->cols = cols;
    if (refs)
        n->ref_cols = refs;
    n->check = check;
    n->loc = loc;
    return n;
}

static void alter_rename_column(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    struct arena *a = c->arena;
    struct table *t = al->t;
    const struct column *col = need_column(c, t, ac->name.name, ac->name.loc);
    if (!col)
        return;
    const char *from = col->name, *to = ac->new_name.name;
    const struct column *other = table_find_column(t, to);
    if (other && other != col) {
        diag_error(c->diag, ac->new_name.loc, "column \"%s\" already exists in table \"%s\"", to,
                   t->name);
        diag_detail(c->diag, "It was added at %s.", replay_place(a, other->loc));
        return;
    }
    const struct view *v = view_using(c, al->s, t->name, from);
    if (v) {
        diag_error(c->diag, ac->name.loc,
                   "cannot rename column \"%s\" of table \"%s\": %s \"%s\" uses it", from,
                   t->name, view_word(v), v->name);
        diag_hint(c->diag, "Drop %s \"%s\" first and create it again after the rename.",
                  view_word(v), v->name);
        return;
    }
    struct column *nc = column_edit(a, col, ac->loc);
    nc->name = to;
    table_replace_column(t, table_column_index(t, from), nc);
    for (int i = 0; i < t->ncons; i++)
        t->cons[i] = constraint_rename(a, t->name, t->cons[i], from, to, ac->loc);
    for (int i = 0; i < t->ncols; i++) {
        const struct expr *g = expr_rename(a, t->cols[i]->generated, from, to);
        if (g != t->cols[i]->generated) {
            struct column *gc = column_edit(a, t->cols[i], ac->loc);
            gc->generated = g;
            table_replace_column(t, i, gc);
        }
    }
    /* Indexes and other tables' foreign keys follow, as in PostgreSQL. */
    const struct index **ixs;
    int n = schema_indexes_on(al->s, t->name, a, &ixs);
    for (int i = 0; i < n; i++) {
        if (!index_uses(ixs[i], from))
            continue;
        struct index *ix = arena_alloc(a, sizeof *ix);
        *ix = *ixs[i];
        const struct index_elem **elems = arena_alloc(a, sizeof *elems * (size_t)ix->nelems);
        for (int j = 0; j < ix->nelems; j++) {
            const struct index_elem *e = ixs[i]->elems[j];
            struct index_elem *ne = arena_alloc(a, sizeof *ne);
            *ne = *e;
            if (e->column.name && name_eq(e->column.name, from))
                ne->column.name = to;
            ne->expr = expr_rename(a, e->expr, from, to);
            elems[j] = ne;
        }
        ix->elems = elems;
        const char **inc = rename_in_list(a, ix->include, ix->ninclude, from, to);
        if (inc)
            ix->include = inc;
        ix->where = expr_rename(a, ix->where, from, to);
        ix->loc = ac->loc;
        al->s = schema_put_index(a, al->s, ix);
    }
    al->s = follow_rename_in_fks(a, al->s, t->name, t->name, NULL, from, to, ac->loc);
}

static void alter_column(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    struct arena *a = c->arena;
    struct table *t = al->t;
    const struct column *col = need_column(c, t, ac->name.name, ac->name.loc);
    if (!col)
        return;
    struct column *nc = column_edit(a, col, ac->loc);
    struct type type = ac->type;
    if (types_is_serial(col->type.kind) &&
        (ac->kind == ALTER_TYPE || ac->kind == ALTER_DROP_NOT_NULL ||
         ac->kind == ALTER_SET_DEFAULT || ac->kind == ALTER_DROP_DEFAULT)) {
        diag_error(c->diag, ac->loc, "cannot alter serial column \"%s\" of table \"%s\"",
                   col->name, t->name);
        diag_detail(c->diag, "A serial column is not null, and its default is its own sequence's "
                             "next value, of the column's type.");
        diag_hint(c->diag, "Add a new column and drop this one instead.");
        return;
    }
    switch (ac->kind) {
    case ALTER_TYPE:
        if (!resolve_type(c, al->s, &type, ac->type_loc.file ? ac->type_loc : ac->loc))
            return;
        if (ac->expr && !check_expr_columns(c, t, ac->expr))
            return;
        if (types_is_serial(ac->type.kind)) {
            diag_error(c->diag, ac->type_loc.file ? ac->type_loc : ac->loc,
                       "cannot change the type of column \"%s\" of table \"%s\" to %s",
                       col->name, t->name, types_name(ac->type.kind));
            diag_detail(c->diag, "A serial column makes its sequence when it is created.");
            diag_hint(c->diag, "Add a new %s column instead.", types_name(ac->type.kind));
            return;
        }
        check_type_targets(c, &ac->type, ac->type_loc.file ? ac->type_loc : ac->loc);
        if (ac->expr && !check_new_values(c, t, NULL, ac->expr))
            return;
        if (col->identity && !is_integer_type(ac->type.kind) &&
            (c->rules & DIALECT_IDENTITY_INTEGER)) {
            diag_error(c->diag, ac->type_loc.file ? ac->type_loc : ac->loc,
                       "identity column \"%s\" of table \"%s\" must be smallint, integer or bigint",
                       col->name, t->name);
            return;
        }
        if (!type_eq(&col->type, &type)) {
            const struct column *gen = generated_using(t, col->name, col->name);
            if (gen) {
                diag_error(c->diag, ac->name.loc,
                           "cannot alter type of a column used by a generated column");
                diag_detail(c->diag, "Column \"%s\" is used by generated column \"%s\" of "
                                     "table \"%s\".", col->name, gen->name, t->name);
                return;
            }
            const struct view *v = view_using(c, al->s, t->name, col->name);
            if (v) {
                diag_error(c->diag, ac->name.loc,
                           "cannot change the type of column \"%s\" of table \"%s\": %s \"%s\" "
                           "uses it",
                           col->name, t->name, view_word(v), v->name);
                diag_hint(c->diag, "Drop %s \"%s\" first and create it again after the change.",
                          view_word(v), v->name);
                return;
            }
        }
        nc->type = type;
        break;
    case ALTER_SET_NOT_NULL:
        nc->not_null = true;
        break;
    case ALTER_DROP_NOT_NULL: {
        const struct constraint *pk = table_primary_key(t);
        for (int i = 0; pk && i < pk->ncols; i++)
            if (name_eq(pk->cols[i], col->name)) {
                diag_error(c->diag, ac->name.loc,
                           "column \"%s\" of table \"%s\" is in a primary key", col->name,
                           t->name);
                diag_detail(c->diag, "A primary key column is always not null.");
                return;
            }
        if (col->identity) {
            diag_error(c->diag, ac->name.loc,
                       "column \"%s\" of table \"%s\" is an identity column", col->name, t->name);
            diag_detail(c->diag, "An identity column is always not null.");
            return;
        }
        nc->not_null = false;
        break;
    }
    case ALTER_SET_DEFAULT:
        if (col->identity) {
            diag_error(c->diag, ac->name.loc,
                       "column \"%s\" of table \"%s\" is an identity column", col->name, t->name);
            diag_detail(c->diag, "The database assigns its values; it cannot have a default.");
            return;
        }
        if (col->generated) {
            diag_error(c->diag, ac->name.loc,
                       "column \"%s\" of table \"%s\" is a generated column", col->name, t->name);
            diag_detail(c->diag, "Its value is computed; it cannot have a default.");
            return;
        }
        if (!check_expr_no_columns(c, ac->expr,
                                   arena_printf(a, "the default of column \"%s\"", col->name)))
            return;
        if (enum_of(col) && !check_new_values(c, NULL, enum_of(col), ac->expr))
            return;
        nc->dflt = ac->expr;
        break;
    case ALTER_DROP_DEFAULT:
        nc->dflt = NULL;
        break;
    default:
        return;
    }
    table_replace_column(t, table_column_index(t, col->name), nc);
}

static void alter_add_constraint(struct alter *al, const struct alter_action *ac)
{
    struct constraint *k = build_constraint(al->c, al->s, al->t, ac->constraint);
    if (!k)
        return;
    k->loc = ac->loc;
    add_constraint(al->c, al->s, al->t, k, ac->constraint);
}

/* The index of t's constraint called name, or -1 after reporting that
   there is none (with the nearest name as a hint). */
static int find_constraint(struct replay_ctx *c, const struct table *t, const struct ident *name)
{
    for (int i = 0; i < t->ncons; i++)
        if (name_eq(t->cons[i]->name, name->name))
            return i;
    diag_error(c->diag, name->loc, "constraint \"%s\" of table \"%s\" does not exist",
               name->name, t->name);
    const char **names = arena_alloc(c->arena, sizeof *names * (size_t)(t->ncons + 1));
    for (int i = 0; i < t->ncons; i++)
        names[i] = t->cons[i]->name;
    hint_nearest(c, "constraint", name->name, names, t->ncons);
    return -1;
}

static void alter_drop_constraint(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    struct table *t = al->t;
    int at = find_constraint(c, t, &ac->name);
    if (at < 0)
        return;
    const struct constraint *k = t->cons[at];
    if (k->kind == CON_PRIMARY_KEY || k->kind == CON_UNIQUE) {
        /* A foreign key (here or elsewhere) that references this key. */
        const struct constraint *fk = NULL;
        const char *fk_table = t->name;
        for (int i = 0; i < t->ncons && !fk; i++) {
            const struct constraint *o = t->cons[i];
            if (o->kind == CON_FOREIGN_KEY && name_eq(o->ref_table, t->name) &&
                same_column_set(o->ref_cols, o->nref_cols, k->cols, k->ncols))
                fk = o;
        }
        if (!fk) {
            const struct table **ts;
            int n = schema_referrers(al->s, t->name, c->arena, &ts);
            for (int i = 0; i < n && !fk; i++) {
                if (name_eq(ts[i]->name, t->name))
                    continue;
                for (int j = 0; j < ts[i]->ncons && !fk; j++) {
                    const struct constraint *o = ts[i]->cons[j];
                    if (o->kind == CON_FOREIGN_KEY && name_eq(o->ref_table, t->name) &&
                        same_column_set(o->ref_cols, o->nref_cols, k->cols, k->ncols)) {
                        fk = o;
                        fk_table = ts[i]->name;
                    }
                }
            }
        }
        if (fk) {
            diag_error(c->diag, ac->name.loc,
                       "cannot drop constraint \"%s\" of table \"%s\": foreign key \"%s\" of "
                       "table \"%s\" references it",
                       k->name, t->name, fk->name, fk_table);
            diag_hint(c->diag, "Drop constraint \"%s\" of table \"%s\" first.", fk->name,
                      fk_table);
            return;
        }
    }
    table_remove_constraint(t, at);
    if (k->kind == CON_PRIMARY_KEY)
        for (int i = 0; i < t->ncols; i++)
            check_identity_rowid(c, t, t->cols[i], ac->loc);
}

/* validate constraint, and its derived inverse, which makes the
   constraint not valid again. */
static void alter_validate_constraint(struct alter *al, const struct alter_action *ac)
{
    struct replay_ctx *c = al->c;
    struct table *t = al->t;
    int at = find_constraint(c, t, &ac->name);
    if (at < 0)
        return;
    const struct constraint *k = t->cons[at];
    if (k->kind != CON_CHECK && k->kind != CON_FOREIGN_KEY) {
        diag_error(c->diag, ac->name.loc,
                   "constraint \"%s\" of table \"%s\" is not a foreign key or check constraint",
                   k->name, t->name);
        return;
    }
    bool invalidate = ac->kind == ALTER_INVALIDATE_CONSTRAINT;
    if (!invalidate && !k->not_valid) {
        diag_error(c->diag, ac->name.loc, "constraint \"%s\" of table \"%s\" is already valid",
                   k->name, t->name);
        diag_detail(c->diag, "It was last added or changed at %s without not valid.",
                    replay_place(c->arena, k->loc));
        return;
    }
    struct constraint *n = arena_alloc(c->arena, sizeof *n);
    *n = *k;
    n->not_valid = invalidate;
    n->loc = ac->loc;
    t->cons[at] = n;
}

static const struct schema *alter_table(struct replay_ctx *c, const struct schema *s,
                                        const struct stmt *st)
{
    const struct table *old = need_table(c, s, &st->table);
    if (!old)
        return s;
    struct alter al = {.c = c, .s = s, .t = table_copy(c->arena, old)};
    al.t->loc = st->loc;
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *ac = VEC_AT(st->actions, i, const struct alter_action *);
        switch (ac->kind) {
        case ALTER_ADD_COLUMN: alter_add_column(&al, ac); break;
        case ALTER_DROP_COLUMN: alter_drop_column(&al, ac); break;
        case ALTER_RENAME_COLUMN: alter_rename_column(&al, ac); break;
        case ALTER_TYPE:
        case ALTER_SET_NOT_NULL:
        case ALTER_DROP_NOT_NULL:
        case ALTER_SET_DEFAULT:
        case ALTER_DROP_DEFAULT: alter_column(&al, ac); break;
        case ALTER_ADD_CONSTRAINT: alter_add_constraint(&al, ac); break;
        case ALTER_DROP_CONSTRAINT: alter_drop_constraint(&al, ac); break;
        case ALTER_VALIDATE_CONSTRAINT:
        case ALTER_INVALIDATE_CONSTRAINT: alter_validate_constraint(&al, ac); break;
        }
    }
    return schema_put_table(c->arena, al.s, al.t);
}

/* ---- indexes, views, data --------------------------------------------- */

/* The index methods, as PostgreSQL names them, and what each can do. */
struct index_method {
    const char *name;
    bool unique, order, include;   /* unique indexes, asc/desc/nulls, include (cols) */
};

static const struct index_method index_methods[] = {
    {"btree", true, true, true},
    {"hash", false, false, false},
    {"gin", false, false, false},
    {"gist", false, false, true},
    {"brin", false, false, false},
    {"spgist", false, false, true},
};

/* The index method written (NULL: btree), the options of its elements and
   its include columns, by PostgreSQL's rules and the dialect rule. Sets
   *method to the model's spelling (NULL for btree). */
static bool check_index_options(struct replay_ctx *c, const struct table *t,
                                const struct stmt *st, const char **method,
                                const char ***include)
{
    struct arena *a = c->arena;
    const struct index_method *m = &index_methods[0];
    bool ok = true;
    *method = NULL;
    if (st->method.name) {
        m = NULL;
        for (size_t i = 0; i < sizeof index_methods / sizeof index_methods[0] && !m; i++)
            if (name_eq(st->method.name, index_methods[i].name))
                m = &index_methods[i];
        if (!m) {
            diag_error(c->diag, st->method.loc, "access method \"%s\" does not exist",
                       st->method.name);
            const char *names[sizeof index_methods / sizeof index_methods[0]];
            for (size_t i = 0; i < sizeof index_methods / sizeof index_methods[0]; i++)
                names[i] = index_methods[i].name;
            hint_nearest(c, "index method", st->method.name, names,
                         (int)(sizeof names / sizeof names[0]));
            return false;
        }
        if (m != &index_methods[0]) {
            if (!postgres_only(c, st->method.loc,
                               arena_printf(a, "index method \"%s\"", m->name)))
                ok = false;
            *method = m->name;
        }
    }
    if (st->unique && !m->unique) {
        diag_error(c->diag, st->method.loc, "access method \"%s\" does not support unique indexes",
                   m->name);
        ok = false;
    }
    for (int i = 0; i < st->elems.n; i++) {
        const struct index_elem *e = VEC_AT(st->elems, i, const struct index_elem *);
        if (e->opclass && !postgres_only(c, e->opclass_loc,
                                         arena_printf(a, "operator class \"%s\"", e->opclass)))
            ok = false;
        if ((e->asc || e->desc) && !m->order) {
            diag_error(c->diag, e->loc, "access method \"%s\" does not support ASC/DESC options",
                       m->name);
            ok = false;
        }
        if (e->nulls && !m->order) {
            diag_error(c->diag, e->nulls_loc,
                       "access method \"%s\" does not support NULLS FIRST/LAST options", m->name);
            ok = false;
        }
    }
    const char **inc = arena_alloc(a, sizeof *inc * (size_t)(st->include.n + 1));
    for (int i = 0; i < st->include.n; i++) {
        const struct ident *id = VEC_AT(st->include, i, const struct ident *);
        if (i == 0 && !postgres_only(c, id->loc, "include (columns) on an index"))
            ok = false;
        if (i == 0 && !m->include) {
            diag_error(c->diag, id->loc, "access method \"%s\" does not support included columns",
                       m->name);
            ok = false;
        }
        const struct column *col = t ? need_column(c, t, id->name, id->loc) : NULL;
        if (t && !col) {
            ok = false;
            continue;
        }
        inc[i] = col ? col->name : id->name;
        for (int j = 0; j < i; j++)
            if (name_eq(inc[j], inc[i])) {
                diag_error(c->diag, id->loc, "column \"%s\" appears twice in the include list",
                           id->name);
                ok = false;
            }
    }
    *include = inc;
    return ok;
}

static const struct schema *create_index(struct replay_ctx *c, const struct schema *s,
                                         const struct stmt *st)
{
    struct arena *a = c->arena;
    if (st->concurrently && !(c->mig && c->mig->transaction_none)) {
        diag_error(c->diag, st->loc, "create index concurrently cannot run inside a transaction");
        diag_hint(c->diag, "Add `transaction none` to the migration's header.");
    }
    if (relation_taken(c, s, st->name.name, st->name.loc, "index"))
        return s;
    /* A materialized view's columns are not known: the database checks
       what an index on one names. So for a table or materialized view a
       sql block created. */
    const struct view *mv = schema_find_view(s, st->table.name);
    if (mv && !mv->materialized)
        mv = NULL;
    const struct declared *opaque = NULL;
    if (!mv && !schema_find_table(s, st->table.name)) {
        const struct declared *x = declared_any(c, s, DECL_TABLE, NULL, st->table.name);
        if (x && (x->kind == DECL_TABLE || x->kind == DECL_MATVIEW) &&
            !(opaque = declared_everywhere(c, s, x->kind, NULL, &st->table)))
            return s;
    }
    const struct table *t = mv || opaque ? NULL : need_table(c, s, &st->table);
    if (!t && !mv && !opaque)
        return s;
    bool ok = true;
    const struct index_elem **elems = arena_alloc(a, sizeof *elems * (size_t)(st->elems.n + 1));
    for (int i = 0; i < st->elems.n; i++) {
        const struct index_elem *e = VEC_AT(st->elems, i, const struct index_elem *);
        elems[i] = e;
        if (t && e->column.name && !need_column(c, t, e->column.name, e->column.loc))
            ok = false;
        if (e->expr && !(t ? check_expr_columns(c, t, e->expr) : check_expr_nodes(c, e->expr)))
            ok = false;
    }
    if (st->where && !(t ? check_expr_columns(c, t, st->where) : check_expr_nodes(c, st->where)))
        ok = false;
    else if (t && st->where && !check_new_values(c, t, NULL, st->where))
        ok = false;
    const char *method;
    const char **include;
    if (!check_index_options(c, t, st, &method, &include))
        ok = false;
    if (st->nulls_not_distinct && !st->unique) {
        diag_error(c->diag, st->nulls_loc, "nulls not distinct needs a unique index");
        diag_hint(c->diag, "Write create unique index, or leave nulls not distinct out.");
        ok = false;
    } else if (st->nulls_not_distinct &&
               !postgres_only(c, st->nulls_loc, "a unique index with nulls not distinct")) {
        ok = false;
    }
    if (!ok)
        return s;
    struct index *ix = arena_alloc(a, sizeof *ix);
    ix->method = method;
    ix->include = include;
    ix->ninclude = st->include.n;
    ix->name = st->name.name;
    ix->table = t ? t->name : mv ? mv->name : opaque->name;
    ix->unique = st->unique;
    ix->nulls_not_distinct = st->nulls_not_distinct;
    ix->elems = elems;
    ix->nelems = st->elems.n;
    ix->where = st->where;
    ix->loc = st->loc;
    return schema_put_index(a, s, ix);
}

static const struct schema *drop_index(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st)
{
    const struct index *ix = schema_find_index(s, st->name.name);
    if (ix)
        return schema_remove_index(c->arena, s, ix->name);
    const struct declared *x = declared_any(c, s, DECL_INDEX, NULL, st->name.name);
    if (x && x->kind == DECL_INDEX) {
        x = declared_everywhere(c, s, DECL_INDEX, NULL, &st->name);
        return x ? declared_remove_everywhere(c, s, DECL_INDEX, NULL, x->name) : s;
    }
    const struct table *owner = NULL;
    enum rel_kind k = schema_find_relation(s, st->name.name, &owner);
    if (k == REL_CONSTRAINT && owner) {
        diag_error(c->diag, st->name.loc, "\"%s\" is a constraint of table \"%s\", not an index",
                   st->name.name, owner->name);
        diag_hint(c->diag, "Use alter table \"%s\" drop constraint \"%s\".", owner->name,
                  st->name.name);
        return s;
    }
    diag_error(c->diag, st->name.loc, "index \"%s\" does not exist", st->name.name);
    int n;
    const char **names = index_names(c, s, &n);
    hint_nearest(c, "index", st->name.name, names, n);
    return s;
}

/* The dialect a view is written for (create view V sqlite as ...), or
   NULL for every dialect. */
static const struct dialect *view_dialect(const struct stmt *st)
{
    return st->sql_dialect ? dialect_find(st->sql_dialect) : NULL;
}

/* What a view's body is compiled as in the in-memory SQLite: *postgres
   when it is PostgreSQL's SQL (rewritten first), *on the dialects whose
   versions of the views it names are created. False when the body is not
   compiled: a PostgreSQL view in a project that targets SQLite too, whose
   SQL SQLite would wrongly refuse. */
static bool view_compiled_as(const struct replay_ctx *c, const struct stmt *st, bool *postgres,
                             unsigned *on)
{
    const struct dialect *d = view_dialect(st);
    const struct dialect *lite = dialect_with_rule(c->targets, DIALECT_POSTGRES_ONLY_REFUSED);
    if (d && (d->rules & DIALECT_POSTGRES_ONLY_REFUSED)) {
        *postgres = false;
        *on = d->target;
        return true;
    }
    *postgres = true;
    *on = d ? d->target : c->targets;
    if (!lite)
        return true;
    if (d || st->materialized)
        return false;
    *postgres = false;
    *on = lite->target;
    return true;
}

/* Reports when a view of st's name cannot be created (only: its
   dialect's bit, 0 for every dialect): the name is taken, or already has
   a view on that dialect or on every dialect. *join is the view of the
   name for another dialect that the new one goes beside, or NULL. */
static bool view_name_taken(struct replay_ctx *c, const struct schema *s, const struct stmt *st,
                            unsigned only, const struct view **join)
{
    *join = NULL;
    const struct view *old = schema_find_view(s, st->name.name);
    const char *what = st->materialized ? "materialized view" : "view";
    if (!old || old->materialized || st->materialized)
        return relation_taken(c, s, st->name.name, st->name.loc, what);
    const struct view *same = view_on(old, only ? only : ~0u);
    if (!same) {
        *join = old;
        return false;
    }
    if (only && !same->only)
        diag_error(c->diag, st->name.loc, "view \"%s\" already exists for every dialect",
                   st->name.name);
    else if (!only && same->only)
        diag_error(c->diag, st->name.loc, "view \"%s\" already exists for %s", st->name.name,
                   dialect_only(same->only) ? dialect_only(same->only)->name : "one dialect");
    else
        diag_error(c->diag, st->name.loc, "view \"%s\" already exists", st->name.name);
    diag_detail(c->diag, "View \"%s\" was created at %s.", same->name,
                replay_place(c->arena, same->loc));
    if (!only != !same->only)
        diag_hint(c->diag, "A name has one view for every dialect, or one view per dialect "
                           "(create view V postgres as ..., create view V sqlite as ...).");
    return true;
}

/* s with v among the views of its name: with join's versions for other
   dialects (NULL: none), ordered by their dialects. */
static const struct schema *put_view_version(struct arena *a, const struct schema *s,
                                             const struct view *v, const struct view *join)
{
    const struct view *all[8];  /* one per dialect, far more than there are */
    int n = 0;
    for (const struct view *o = join; o && n < 7; o = o->also)
        all[n++] = o;
    int at = 0;
    while (at < n && all[at]->only < v->only)
        at++;
    memmove(all + at + 1, all + at, sizeof all[0] * (size_t)(n - at));
    all[at] = v;
    n++;
    const struct view *next = NULL;
    for (int i = n - 1; i >= 0; i--) {
        struct view *copy = arena_alloc(a, sizeof *copy);
        *copy = *all[i];
        copy->also = next;
        next = copy;
    }
    return schema_put_view(a, s, next);
}

static const struct schema *create_view(struct replay_ctx *c, const struct schema *s,
                                        const struct stmt *st)
{
    /* Reported, then modelled anyway so that later statements naming it
       do not fail too. */
    if (st->materialized)
        postgres_only(c, st->loc, "create materialized view");
    const struct dialect *d = view_dialect(st);
    const struct view *join;
    if (view_name_taken(c, s, st, d ? d->target : 0, &join))
        return s;
    struct view *v = arena_alloc(c->arena, sizeof *v);
    v->name = st->name.name;
    v->body = st->body;
    v->loc = st->loc;
    v->only = d ? d->target : 0;
    v->materialized = st->materialized;
    v->no_data = st->no_data;
    /* A body that does not compile is reported; the view is still created
       (with no deps) so later statements naming it do not fail too. A
       body written for PostgreSQL alone may use what SQLite cannot read
       even rewritten: only the names it reads are checked then. */
    bool lenient = st->materialized || (d && !(d->rules & DIALECT_POSTGRES_ONLY_REFUSED));
    bool postgres;
    unsigned on;
    /* The tables and views sql blocks created everywhere: a body reading
       one cannot be compiled without their columns. */
    struct vec opaque = {0};
    if (c->views && schema_has_declared(s)) {
        const struct declared **xs;
        int n = schema_declared(s, c->arena, &xs);
        for (int i = 0; i < n; i++)
            if ((xs[i]->kind == DECL_TABLE || xs[i]->kind == DECL_VIEW ||
                 xs[i]->kind == DECL_MATVIEW) &&
                declared_on_all(c, s, xs[i]))
                vec_push(c->arena, &opaque, (void *)xs[i]->name);
    }
    if (c->views && view_compiled_as(c, st, &postgres, &on) &&
        viewcheck_view_opaque(c->views, s, st, postgres, lenient, on,
                              (const char *const *)opaque.items, opaque.n, &v->deps, &v->ndeps))
        for (int i = 0; i < v->ndeps; i++)
            names_add(c->arena, &c->view_reads, v->deps[i].table);
    return join ? put_view_version(c->arena, s, v, join) : schema_put_view(c->arena, s, v);
}

static void hint_view(struct replay_ctx *c, const struct schema *s, const char *name,
                      bool materialized)
{
    const struct view **vs;
    int n = schema_views(s, c->arena, &vs);
    const char **names = arena_alloc(c->arena, sizeof *names * (size_t)(n + 1));
    int k = 0;
    for (int i = 0; i < n; i++)
        if (vs[i]->materialized == materialized)
            names[k++] = vs[i]->name;
    hint_nearest(c, materialized ? "materialized view" : "view", name, names, k);
}

/* The view (materialized or not) that id names, or NULL after reporting
   why there is none; drop: hint the statement that drops what it is. */
static const struct view *need_view(struct replay_ctx *c, const struct schema *s,
                                    const struct ident *id, bool materialized, bool drop)
{
    const char *what = materialized ? "materialized view" : "view";
    const struct view *v = schema_find_view(s, id->name);
    if (v && v->materialized == materialized)
        return v;
    if (v) {
        diag_error(c->diag, id->loc, "\"%s\" is a %s, not a %s", id->name, view_word(v), what);
        if (drop)
            diag_hint(c->diag, "Use %s.", v->materialized ? "drop materialized view" : "drop view");
        return NULL;
    }
    if (schema_find_table(s, id->name)) {
        diag_error(c->diag, id->loc, "\"%s\" is a table, not a %s", id->name, what);
        if (drop)
            diag_hint(c->diag, "Use drop table.");
        return NULL;
    }
    diag_error(c->diag, id->loc, "%s \"%s\" does not exist", what, id->name);
    hint_view(c, s, id->name, materialized);
    return NULL;
}

static const struct schema *drop_view(struct replay_ctx *c, const struct schema *s,
                                      const struct stmt *st)
{
    if (st->materialized)
        postgres_only(c, st->loc, "drop materialized view");
    /* One a sql block created. */
    enum decl_kind dk = st->materialized ? DECL_MATVIEW : DECL_VIEW;
    const struct declared *x = schema_find_view(s, st->name.name)
                                   ? NULL
                                   : declared_any(c, s, dk, NULL, st->name.name);
    if (x && x->kind == dk && !view_dialect(st)) {
        x = declared_everywhere(c, s, dk, NULL, &st->name);
        if (!x || declared_in_use(c, s, decl_kind_word(dk), x->name, st->name.loc))
            return s;
        return declared_remove_everywhere(c, s, dk, NULL, x->name);
    }
    const struct view *v = need_view(c, s, &st->name, st->materialized, true);
    if (!v)
        return s;
    /* drop view V sqlite: that dialect's version only. */
    const struct dialect *d = view_dialect(st);
    const struct view *gone = d ? view_on(v, d->target) : NULL;
    if (d && (!gone || !gone->only)) {
        diag_error(c->diag, st->name.loc, "view \"%s\" has no %s version", v->name, d->name);
        diag_hint(c->diag, "drop view \"%s\" drops every version of it.", v->name);
        return s;
    }
    /* What reads it; dropping one dialect's version, what reads it there. */
    const struct view **vs;
    int nv = names_has(&c->view_reads, v->name) ? schema_views(s, c->arena, &vs) : 0;
    for (int i = 0; i < nv; i++)
        for (const struct view *u = vs[i]; u; u = u->also) {
            if (name_eq(u->name, v->name) || (d && u->only && !(u->only & d->target)))
                continue;
            bool reads = false;
            for (int j = 0; j < u->ndeps && !reads; j++)
                reads = name_eq(u->deps[j].table, v->name);
            if (!reads)
                continue;
            diag_error(c->diag, st->name.loc, "cannot drop %s \"%s\": %s \"%s\" uses it",
                       view_word(v), v->name, view_word(u), u->name);
            diag_hint(c->diag, "Drop %s \"%s\" first.", view_word(u), u->name);
            return s;
        }
    if (gone && (v != gone || v->also)) {
        /* The other dialects' versions stay. */
        const struct schema *r = schema_remove_view(c->arena, s, v->name);
        const struct view *rest = NULL;
        for (const struct view *o = v; o; o = o->also)
            if (o != gone) {
                struct view *copy = arena_alloc(c->arena, sizeof *copy);
                *copy = *o;
                copy->also = NULL;
                r = put_view_version(c->arena, r, copy, rest);
                rest = schema_find_view(r, v->name);
            }
        return r;
    }
    /* A materialized view takes its indexes with it. */
    const struct index **ixs;
    int n = v->materialized ? schema_indexes_on(s, v->name, c->arena, &ixs) : 0;
    for (int i = 0; i < n; i++)
        s = schema_remove_index(c->arena, s, ixs[i]->name);
    return schema_remove_view(c->arena, s, v->name);
}

static const struct schema *refresh_view(struct replay_ctx *c, const struct schema *s,
                                         const struct stmt *st)
{
    if (postgres_only(c, st->loc, "refresh materialized view"))
        need_view(c, s, &st->name, true, false);
    return s;
}

static void insert(struct replay_ctx *c, const struct schema *s, const struct stmt *st)
{
    struct arena *a = c->arena;
    const struct table *t = need_table(c, s, &st->table);
    if (!t)
        return;
    int ncols = st->cols.n;
    const char **cols = arena_alloc(a, sizeof *cols * (size_t)(ncols + t->ncols + 1));
    if (ncols == 0) {
        ncols = t->ncols;
        for (int i = 0; i < ncols; i++)
            cols[i] = t->cols[i]->name;
    }
    bool ok = true;
    for (int i = 0; i < st->cols.n; i++) {
        const struct ident *id = VEC_AT(st->cols, i, const struct ident *);
        cols[i] = id->name;
        for (int j = 0; j < i; j++)
            if (name_eq(cols[j], id->name)) {
                diag_error(c->diag, id->loc, "column \"%s\" specified more than once", id->name);
                ok = false;
            }
        const struct column *col = need_column(c, t, id->name, id->loc);
        if (!col) {
            ok = false;
        } else if (col->generated) {
            diag_error(c->diag, id->loc, "cannot insert a value into column \"%s\"", col->name);
            diag_detail(c->diag, "Column \"%s\" of table \"%s\" is a generated column.",
                        col->name, t->name);
            diag_hint(c->diag, "Leave the column out of the insert; its value is computed.");
            ok = false;
        }
    }
    for (int r = 0; r < st->rows.n; r++) {
        const struct vec *row = VEC_AT(st->rows, r, const struct vec *);
        /* A row of the wrong length is the parser's error. */
        for (int i = 0; i < row->n; i++) {
            const struct expr *v = VEC_AT(*row, i, const struct expr *);
            check_expr_no_columns(c, v, "an inserted value");
            const struct column *col = i < ncols ? table_find_column(t, cols[i]) : NULL;
            if (ok && enum_of(col))
                check_new_values(c, NULL, enum_of(col), v);
        }
    }
    if (!ok)
        return;
    for (int i = 0; i < t->ncols; i++) {
        const struct column *col = t->cols[i];
        if (!col->not_null || col->dflt || col->identity || col->generated ||
            types_is_serial(col->type.kind))
            continue;
        bool given = false;
        for (int j = 0; j < ncols && !given; j++)
            given = name_eq(cols[j], col->name);
        if (!given) {
            diag_error(c->diag, st->table.loc,
                       "insert into table \"%s\" gives no value for not null column \"%s\"",
                       t->name, col->name);
            diag_detail(c->diag, "The column has no default.");
        }
    }
}

/* ---- enum types --------------------------------------------------------- */

/* PostgreSQL's limit on an enum label (NAMEDATALEN - 1). */
#define MAX_ENUM_LABEL 63

static bool check_label(struct replay_ctx *c, const struct ident *v)
{
    size_t len = strlen(v->name);
    if (len <= MAX_ENUM_LABEL)
        return true;
    diag_error(c->diag, v->loc, "enum value \"%.20s...\" is too long", v->name);
    diag_detail(c->diag, "An enum value has at most %d bytes; this one has %zu.", MAX_ENUM_LABEL,
                len);
    return false;
}

/* The enum type named by id, or NULL after reporting that it does not
   exist. */
static const struct enum_type *need_type(struct replay_ctx *c, const struct schema *s,
                                         const struct ident *id)
{
    const struct enum_type *e = schema_find_type(s, id->name);
    if (e)
        return e;
    diag_error(c->diag, id->loc, "type \"%s\" does not exist", id->name);
    int n;
    const char **names = type_names(c, s, &n);
    hint_nearest(c, "type", id->name, names, n);
    return NULL;
}

static int need_value(struct replay_ctx *c, const struct enum_type *e, const struct ident *v)
{
    int i = enum_value_index(e, v->name);
    if (i < 0) {
        diag_error(c->diag, v->loc, "enum value \"%s\" does not exist in type \"%s\"", v->name,
                   e->name);
        hint_nearest(c, "value", v->name, e->values, e->nvalues);
    }
    return i;
}

static bool value_free(struct replay_ctx *c, const struct enum_type *e, const struct ident *v)
{
    if (enum_value_index(e, v->name) < 0)
        return true;
    diag_error(c->diag, v->loc, "enum value \"%s\" already exists in type \"%s\"", v->name,
               e->name);
    return false;
}

/* Every table with a column of enum type name is copied, with the
   column's type renamed to new_name (when set), so that the objects
   that render differently once the type changes are new objects. */
static const struct schema *touch_enum_users(struct replay_ctx *c, const struct schema *s,
                                             const char *name, const char *new_name,
                                             struct loc loc)
{
    const struct table **ts;
    int n = schema_tables(s, c->arena, &ts);
    for (int i = 0; i < n; i++) {
        struct table *t = NULL;
        for (int j = 0; j < ts[i]->ncols; j++) {
            const struct column *col = ts[i]->cols[j];
            if (!enum_of(col) || !name_eq(col->type.named, name))
                continue;
            if (!t) {
                t = table_copy(c->arena, ts[i]);
                t->loc = loc;
            }
            if (new_name) {
                struct column *nc = arena_alloc(c->arena, sizeof *nc);
                *nc = *col;
                nc->type.named = new_name;
                table_replace_column(t, j, nc);
            }
        }
        if (t)
            s = schema_put_table(c->arena, s, t);
    }
    return s;
}

static const struct schema *put_values(struct replay_ctx *c, const struct schema *s,
                                       const struct enum_type *old, const char **values, int n,
                                       struct loc loc)
{
    struct enum_type *e = arena_alloc(c->arena, sizeof *e);
    *e = *old;
    e->values = values;
    e->nvalues = n;
    e->loc = loc;
    s = schema_put_type(c->arena, s, e);
    return touch_enum_users(c, s, e->name, NULL, loc);
}

static const struct schema *create_type(struct replay_ctx *c, const struct schema *s,
                                        const struct stmt *st)
{
    if (relation_taken(c, s, st->name.name, st->name.loc, "type"))
        return s;
    struct enum_type *e = arena_alloc(c->arena, sizeof *e);
    e->name = st->name.name;
    e->loc = st->loc;
    e->values = arena_alloc(c->arena, sizeof *e->values * (size_t)(st->values.n + 1));
    for (int i = 0; i < st->values.n; i++) {
        const struct ident *v = VEC_AT(st->values, i, const struct ident *);
        if (!check_label(c, v))
            continue;
        if (enum_value_index(e, v->name) >= 0) {
            diag_error(c->diag, v->loc, "enum value \"%s\" appears twice", v->name);
            continue;
        }
        e->values[e->nvalues++] = v->name;
    }
    return schema_put_type(c->arena, s, e);
}

static const struct schema *drop_type(struct replay_ctx *c, const struct schema *s,
                                      const struct stmt *st)
{
    const struct enum_type *e = need_type(c, s, &st->name);
    if (!e)
        return s;
    const struct table **ts;
    int n = schema_tables(s, c->arena, &ts);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < ts[i]->ncols; j++)
            if (enum_of(ts[i]->cols[j]) && name_eq(ts[i]->cols[j]->type.named, e->name)) {
                diag_error(c->diag, st->name.loc,
                           "cannot drop type \"%s\": column \"%s\" of table \"%s\" uses it",
                           e->name, ts[i]->cols[j]->name, ts[i]->name);
                diag_hint(c->diag, "Drop the column or change its type first.");
                return s;
            }
    return schema_remove_type(c->arena, s, e->name);
}

static const struct schema *add_value(struct replay_ctx *c, const struct schema *s,
                                      const struct stmt *st)
{
    const struct enum_type *e = need_type(c, s, &st->name);
    if (!e || !check_label(c, &st->value) || !value_free(c, e, &st->value))
        return s;
    int at = e->nvalues;
    if (st->anchor.name) {
        int k = need_value(c, e, &st->anchor);
        if (k < 0)
            return s;
        at = st->after ? k + 1 : k;
    }
    const char **values = arena_alloc(c->arena, sizeof *values * (size_t)(e->nvalues + 2));
    for (int i = 0, j = 0; i <= e->nvalues; i++) {
        if (i == at)
            values[j++] = st->value.name;
        if (i < e->nvalues)
            values[j++] = e->values[i];
    }
    return put_values(c, s, e, values, e->nvalues + 1, st->loc);
}

static const struct schema *drop_value(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st)
{
    const struct enum_type *e = need_type(c, s, &st->name);
    int k = e ? need_value(c, e, &st->value) : -1;
    if (k < 0)
        return s;
    const struct table **ts;
    int nt = (c->rules & DIALECT_ENUM_RETYPE) ? schema_tables(s, c->arena, &ts) : 0;
    for (int i = 0; i < nt; i++)
        for (int j = 0; j < ts[i]->ncols; j++) {
            const struct column *col = ts[i]->cols[j];
            const struct view *v = enum_of(col) && name_eq(enum_of(col), e->name)
                                       ? view_using(c, s, ts[i]->name, col->name)
                                       : NULL;
            if (!v)
                continue;
            diag_error(c->diag, st->loc,
                       "cannot derive the downgrade of adding value \"%s\" to type \"%s\": "
                       "view \"%s\" uses column \"%s\" of table \"%s\"",
                       st->value.name, e->name, v->name, col->name, ts[i]->name);
            diag_detail(c->diag, "PostgreSQL cannot drop an enum value: the downgrade moves "
                                 "every column of the type to a new type without it, and "
                                 "cannot change the type of a column a view uses.");
            diag_hint(c->diag, "Drop the view before adding the value and create it again "
                               "after (the derived downgrade then does the same), or declare "
                               "the downgrade irreversible.");
            return s;
        }
    const char **values = arena_alloc(c->arena, sizeof *values * (size_t)(e->nvalues + 1));
    for (int i = 0, j = 0; i < e->nvalues; i++)
        if (i != k)
            values[j++] = e->values[i];
    return put_values(c, s, e, values, e->nvalues - 1, st->loc);
}

static const struct schema *rename_value(struct replay_ctx *c, const struct schema *s,
                                         const struct stmt *st)
{
    const struct enum_type *e = need_type(c, s, &st->name);
    int k = e ? need_value(c, e, &st->value) : -1;
    if (k < 0 || !check_label(c, &st->new_value) || !value_free(c, e, &st->new_value))
        return s;
    const char **values = arena_alloc(c->arena, sizeof *values * (size_t)(e->nvalues + 1));
    for (int i = 0; i < e->nvalues; i++)
        values[i] = i == k ? st->new_value.name : e->values[i];
    return put_values(c, s, e, values, e->nvalues, st->loc);
}

static const struct schema *rename_type(struct replay_ctx *c, const struct schema *s,
                                        const struct stmt *st)
{
    const struct enum_type *e = need_type(c, s, &st->name);
    if (!e)
        return s;
    if (!name_eq(e->name, st->new_name.name) &&
        relation_taken(c, s, st->new_name.name, st->new_name.loc, "type"))
        return s;
    struct enum_type *n = arena_alloc(c->arena, sizeof *n);
    *n = *e;
    n->name = st->new_name.name;
    n->loc = st->loc;
    s = schema_remove_type(c->arena, s, e->name);
    s = schema_put_type(c->arena, s, n);
    return touch_enum_users(c, s, e->name, n->name, st->loc);
}

static const struct schema *replay_one(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st);

const struct schema *replay_stmt(struct replay_ctx *c, const struct schema *s,
                                 const struct stmt *st)
{
    const struct stmt *outer = c->cur;
    const struct schema *outer_schema = c->cur_schema;
    c->cur = st;
    c->cur_schema = s;
    s = replay_one(c, s, st);
    c->cur = outer;
    c->cur_schema = outer_schema;
    return s;
}

/* ---- extensions ------------------------------------------------------ */

/* Extensions live in a namespace of their own. `if not exists` changes
   only the SQL (the database may have it from elsewhere): the model knows
   every extension the history created, so creating one twice is an error
   either way. */
static const struct schema *create_extension(struct replay_ctx *c, const struct schema *s,
                                             const struct stmt *st)
{
    if (!postgres_only(c, st->loc, "create extension"))
        return s;
    const struct declared *dx = declared_any(c, s, DECL_EXTENSION, NULL, st->name.name);
    if (dx) {
        diag_error(c->diag, st->name.loc, "extension \"%s\" already exists", st->name.name);
        diag_detail(c->diag, "A sql block created it at %s.", replay_place(c->arena, dx->loc));
        return s;
    }
    const struct extension *old = schema_find_extension(s, st->name.name);
    if (old) {
        diag_error(c->diag, st->name.loc, "extension \"%s\" already exists", st->name.name);
        diag_detail(c->diag, "It was created at %s.", replay_place(c->arena, old->loc));
        return s;
    }
    struct extension *x = arena_alloc(c->arena, sizeof *x);
    x->name = st->name.name;
    x->schema = st->schema.name;
    x->loc = st->loc;
    return schema_put_extension(c->arena, s, x);
}

static const struct schema *drop_extension(struct replay_ctx *c, const struct schema *s,
                                           const struct stmt *st)
{
    if (!postgres_only(c, st->loc, "drop extension"))
        return s;
    if (!schema_find_extension(s, st->name.name)) {
        diag_error(c->diag, st->name.loc, "extension \"%s\" does not exist", st->name.name);
        int n;
        const char **names = extension_names(c, s, &n);
        hint_nearest(c, "extension", st->name.name, names, n);
        return s;
    }
    return schema_remove_extension(c->arena, s, st->name.name);
}

/* ---- comments -------------------------------------------------------- */

/* comment on table|column: kept in the model on every dialect (SQLite
   has nowhere to put it, so nothing is rendered there). */
static const struct schema *comment_on(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st)
{
    const struct table *t = need_table(c, s, &st->table);
    if (!t)
        return s;
    struct table *nt = table_copy(c->arena, t);
    if (!st->name.name) {
        nt->comment = st->comment;
        nt->loc = st->loc;
        return schema_put_table(c->arena, s, nt);
    }
    const struct column *col = need_column(c, t, st->name.name, st->name.loc);
    if (!col)
        return s;
    struct column *nc = arena_alloc(c->arena, sizeof *nc);
    *nc = *col;
    nc->comment = st->comment;
    nc->loc = st->loc;
    table_replace_column(nt, table_column_index(nt, col->name), nc);
    return schema_put_table(c->arena, s, nt);
}

/* ---- what sql blocks declare ------------------------------------------ */

/* The target dialects a sql block runs on. */
static unsigned block_targets(const struct replay_ctx *c, const struct stmt *st)
{
    if (!st->sql_dialect)
        return c->targets;
    const struct dialect *d = dialect_find(st->sql_dialect);
    return d ? d->target & c->targets : 0;
}

/* The checks of one item that need no schema: `on T` where the kind takes
   one and only there, and the kinds only PostgreSQL has. */
static bool check_decl_item(struct replay_ctx *c, unsigned bt, const char *verb,
                            const struct sql_decl *it)
{
    const char *word = decl_kind_word(it->kind);
    if (decl_kind_on_table(it->kind) && !it->table.name) {
        diag_error(c->diag, it->loc, "%s \"%s\" needs the table it is on", word, it->name.name);
        diag_hint(c->diag, "Write `%s %s on TABLE`.", word, it->name.name);
        return false;
    }
    if (!decl_kind_on_table(it->kind) && it->table.name) {
        diag_error(c->diag, it->table.loc, "\"on %s\" is only for a trigger or a policy",
                   it->table.name);
        diag_hint(c->diag, "Leave it out: only a trigger or a policy is on a table (not a %s).", word);
        return false;
    }
    if (decl_kind_pg_only(it->kind) &&
        !postgres_only_on(c, bt, it->loc, arena_printf(c->arena, "`%s %s`", verb, word)))
        return false;
    return true;
}

/* Whether a trigger or policy's table exists on dialect d: a table or view
   of the model, or one a sql block created there. */
static bool decl_table_exists(const struct schema *s, const struct dialect *d, const char *name)
{
    if (schema_find_table(s, name) || schema_find_view(s, name))
        return true;
    const struct declared *x = schema_find_declared(s, d->name, DECL_TABLE, NULL, name);
    return x && (x->kind == DECL_TABLE || x->kind == DECL_VIEW || x->kind == DECL_MATVIEW);
}

/* A name already taken where it.kind would go, on dialect d: reported. */
static bool decl_taken(struct replay_ctx *c, const struct schema *s, const struct dialect *d,
                       const struct sql_decl *it)
{
    const char *word = decl_kind_word(it->kind);
    const struct declared *x =
        schema_find_declared(s, d->name, it->kind, it->table.name, it->name.name);
    if (x) {
        if (x->kind == it->kind)
            diag_error(c->diag, it->name.loc, "%s \"%s\" already exists", word, it->name.name);
        else
            diag_error(c->diag, it->name.loc, "relation \"%s\" already exists", it->name.name);
        diag_detail(c->diag, "A sql block created %s \"%s\" at %s.", decl_kind_word(x->kind),
                    x->name, replay_place(c->arena, x->loc));
        return true;
    }
    switch (it->kind) {
    case DECL_TABLE: case DECL_VIEW: case DECL_MATVIEW: case DECL_INDEX: case DECL_SEQUENCE:
    case DECL_TYPE:
        /* The model's own relations (declared ones are per dialect, above). */
        return schema_find_relation(s, it->name.name, NULL) != REL_NONE &&
               relation_taken(c, s, it->name.name, it->name.loc, word);
    case DECL_EXTENSION: {
        const struct extension *e = schema_find_extension(s, it->name.name);
        if (!e)
            return false;
        diag_error(c->diag, it->name.loc, "extension \"%s\" already exists", it->name.name);
        diag_detail(c->diag, "It was created at %s.", replay_place(c->arena, e->loc));
        return true;
    }
    case DECL_FUNCTION: case DECL_TRIGGER: case DECL_POLICY:
        break;
    }
    return false;
}

static const struct schema *decl_create(struct replay_ctx *c, const struct schema *s,
                                        unsigned bt, const struct sql_decl *it)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(bt & d->target))
            continue;
        if (decl_taken(c, s, d, it))
            return s;
        if (it->table.name && !decl_table_exists(s, d, it->table.name)) {
            diag_error(c->diag, it->table.loc, "table \"%s\" does not exist", it->table.name);
            if (bt != c->targets)
                diag_detail(c->diag, "The block runs on %s only.", d->title);
            hint_table(c, s, it->table.name);
            return s;
        }
    }
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(bt & d->target))
            continue;
        struct declared *x = arena_alloc(c->arena, sizeof *x);
        x->kind = it->kind;
        x->name = it->name.name;
        x->table = it->table.name;
        x->dialect = d->name;
        x->loc = it->loc;
        s = schema_put_declared(c->arena, s, x);
    }
    return s;
}

/* Offers every name of kind that could have been meant: declared ones on
   dialect d and the model's own. */
static void hint_decl(struct replay_ctx *c, const struct schema *s, const struct dialect *d,
                      const struct sql_decl *it)
{
    struct vec names = {0};
    const struct declared **xs;
    int n = schema_declared(s, c->arena, &xs);
    for (int i = 0; i < n; i++)
        if (xs[i]->kind == it->kind && strcmp(xs[i]->dialect, d->name) == 0 &&
            !name_eq(xs[i]->name, it->name.name))
            vec_push(c->arena, &names, (void *)xs[i]->name);
    int m = 0;
    const char **own = it->kind == DECL_TABLE       ? table_names(c, s, &m)
                       : it->kind == DECL_INDEX     ? index_names(c, s, &m)
                       : it->kind == DECL_VIEW      ? view_names(c, s, &m)
                       : it->kind == DECL_TYPE      ? type_names(c, s, &m)
                       : it->kind == DECL_EXTENSION ? extension_names(c, s, &m)
                                                    : NULL;
    for (int i = 0; i < m; i++)
        vec_push(c->arena, &names, (void *)own[i]);
    hint_nearest(c, decl_kind_word(it->kind), it->name.name, (const char *const *)names.items,
                 names.n);
}

/* `drops` of an object of the model itself: only from a block that runs
   on every target (the model has one copy for all of them), through the
   statement that drops it natively, so its rules apply. NULL when the
   model has no such object. */
static const struct schema *decl_drop_native(struct replay_ctx *c, const struct schema *s,
                                             unsigned bt, const struct sql_decl *it, bool *found)
{
    enum stmt_kind k;
    *found = true;
    switch (it->kind) {
    case DECL_TABLE: *found = schema_find_table(s, it->name.name) != NULL; k = STMT_DROP_TABLE; break;
    case DECL_VIEW:
    case DECL_MATVIEW: {
        const struct view *v = schema_find_view(s, it->name.name);
        *found = v && v->materialized == (it->kind == DECL_MATVIEW);
        k = STMT_DROP_VIEW;
        break;
    }
    case DECL_INDEX: *found = schema_find_index(s, it->name.name) != NULL; k = STMT_DROP_INDEX; break;
    case DECL_TYPE: *found = schema_find_type(s, it->name.name) != NULL; k = STMT_DROP_TYPE; break;
    case DECL_EXTENSION:
        *found = schema_find_extension(s, it->name.name) != NULL;
        k = STMT_DROP_EXTENSION;
        break;
    default: *found = false; return s;
    }
    if (!*found)
        return s;
    if (bt != c->targets) {
        diag_error(c->diag, it->name.loc, "a sql %s block cannot drop %s \"%s\"",
                   dialect_only(bt) ? dialect_only(bt)->name : "", decl_kind_word(it->kind),
                   it->name.name);
        diag_detail(c->diag, "The %s exists on every dialect the project targets, and the block "
                             "runs on one of them only.",
                    decl_kind_word(it->kind));
        diag_hint(c->diag, "Drop it with a drop statement, or in a block that runs everywhere.");
        return s;
    }
    struct stmt *st = stmt_new(c->arena, k, it->loc);
    st->table = it->name;
    st->name = it->name;
    st->materialized = it->kind == DECL_MATVIEW;
    return replay_one(c, s, st);
}

static const struct schema *decl_drop(struct replay_ctx *c, const struct schema *s, unsigned bt,
                                      const struct sql_decl *it)
{
    bool found;
    const struct schema *after = decl_drop_native(c, s, bt, it, &found);
    if (found)
        return after;
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(bt & d->target))
            continue;
        const struct declared *x =
            schema_find_declared(s, d->name, it->kind, it->table.name, it->name.name);
        if (!x || x->kind != it->kind) {
            if (it->table.name)
                diag_error(c->diag, it->name.loc, "%s \"%s\" on table \"%s\" does not exist",
                           decl_kind_word(it->kind), it->name.name, it->table.name);
            else
                diag_error(c->diag, it->name.loc, "%s \"%s\" does not exist",
                           decl_kind_word(it->kind), it->name.name);
            if (bt != c->targets)
                diag_detail(c->diag, "The block runs on %s only.", d->title);
            hint_decl(c, s, d, it);
            return s;
        }
    }
    if ((it->kind == DECL_TABLE || it->kind == DECL_VIEW || it->kind == DECL_MATVIEW) &&
        bt == c->targets &&
        declared_in_use(c, s, decl_kind_word(it->kind), it->name.name, it->name.loc))
        return s;
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (!(bt & d->target))
            continue;
        const struct declared *x =
            schema_find_declared(s, d->name, it->kind, it->table.name, it->name.name);
        s = schema_remove_declared(c->arena, s, x);
        if (it->kind == DECL_TABLE || it->kind == DECL_VIEW || it->kind == DECL_MATVIEW)
            s = drop_declared_dependents(c, s, d->name, x->name);
    }
    /* A native index on it goes once the table is gone everywhere. */
    if ((it->kind == DECL_TABLE || it->kind == DECL_MATVIEW) &&
        !declared_any(c, s, DECL_TABLE, NULL, it->name.name)) {
        const struct index **ixs;
        int n = schema_indexes_on(s, it->name.name, c->arena, &ixs);
        for (int i = 0; i < n; i++)
            s = schema_remove_index(c->arena, s, ixs[i]->name);
    }
    return s;
}

/* sql ... creates ... drops ...: the model learns the objects by kind and
   name. The SQL itself stays opaque. A block for a dialect the project
   does not target declares nothing. */
static const struct schema *sql_block(struct replay_ctx *c, const struct schema *s,
                                      const struct stmt *st)
{
    unsigned bt = block_targets(c, st);
    if (!bt)
        return s;
    for (int i = 0; i < st->creates.n; i++) {
        const struct sql_decl *it = VEC_AT(st->creates, i, const struct sql_decl *);
        if (check_decl_item(c, bt, "creates", it))
            s = decl_create(c, s, bt, it);
    }
    for (int i = 0; i < st->drops.n; i++) {
        const struct sql_decl *it = VEC_AT(st->drops, i, const struct sql_decl *);
        if (check_decl_item(c, bt, "drops", it))
            s = decl_drop(c, s, bt, it);
    }
    return s;
}

static const struct schema *replay_one(struct replay_ctx *c, const struct schema *s,
                                       const struct stmt *st)
{
    switch (st->kind) {
    case STMT_CREATE_TYPE: return create_type(c, s, st);
    case STMT_DROP_TYPE: return drop_type(c, s, st);
    case STMT_ADD_VALUE: return add_value(c, s, st);
    case STMT_DROP_VALUE: return drop_value(c, s, st);
    case STMT_RENAME_VALUE: return rename_value(c, s, st);
    case STMT_RENAME_TYPE: return rename_type(c, s, st);
    case STMT_CREATE_TABLE: return create_table(c, s, st);
    case STMT_DROP_TABLE: return drop_table(c, s, st);
    case STMT_RENAME_TABLE: return rename_table(c, s, st);
    case STMT_ALTER_TABLE: return alter_table(c, s, st);
    case STMT_CREATE_INDEX: return create_index(c, s, st);
    case STMT_DROP_INDEX: return drop_index(c, s, st);
    case STMT_CREATE_VIEW: return create_view(c, s, st);
    case STMT_DROP_VIEW: return drop_view(c, s, st);
    case STMT_INSERT: insert(c, s, st); return s;
    case STMT_DELETE: need_table(c, s, &st->table); return s;
    case STMT_SQL: return sql_block(c, s, st);
    case STMT_CREATE_EXTENSION: return create_extension(c, s, st);
    case STMT_DROP_EXTENSION: return drop_extension(c, s, st);
    case STMT_COMMENT: return comment_on(c, s, st);
    case STMT_REFRESH_VIEW: return refresh_view(c, s, st);
    }
    return s;
}
