#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmap.h"

/* Every map is persistent (pmap.h), so a changed schema costs O(log n)
   new nodes and shares the rest with the schema it came from. */
struct schema {
    struct pmap tables;        /* name -> const struct table * */
    struct pmap indexes;       /* name -> const struct index * */
    struct pmap views;         /* name -> const struct view * */
    /* Primary-key and unique constraints, which PostgreSQL makes relations
       (their indexes): "constraint\x01table" -> the table's name. Keying
       by both names keeps two tables' same-named constraints apart (a
       merge can produce them) so that dropping one keeps the other. */
    struct pmap keys;
    /* "table\x01index" -> const struct index *, for schema_indexes_on. */
    struct pmap by_table;
    /* "referenced table\x01table" -> const struct table * for every foreign
       key, for schema_referrers: what references a table is found without
       walking every table, which made each such question O(tables). */
    struct pmap referrers;
    int ntables;               /* the maps do not count */
    struct pmap types;         /* name -> const struct enum_type * */
    struct pmap extensions;    /* name -> const struct extension * */
};

#define PAIR_SEP '\x01'

static const struct schema empty_schema;

const struct schema *schema_empty(void)
{
    return &empty_schema;
}

static struct schema *schema_clone(struct arena *a, const struct schema *s)
{
    struct schema *n = arena_alloc(a, sizeof *n);
    *n = *s;
    return n;
}

static const char *pair_key(struct arena *a, const char *first, const char *second)
{
    return arena_printf(a, "%s%c%s", first, PAIR_SEP, second);
}

/* A pair key only looked up (to remove it) need not outlive the call: it
   goes in buf when it fits, so removals do not grow the arena. */
static const char *pair_probe(struct arena *a, char *buf, size_t size, const char *first,
                              const char *second)
{
    int n = snprintf(buf, size, "%s%c%s", first, PAIR_SEP, second);
    return n >= 0 && (size_t)n < size ? buf : pair_key(a, first, second);
}

enum { PROBE_SIZE = 160 };

static bool is_key_constraint(const struct constraint *c)
{
    return c->kind == CON_PRIMARY_KEY || c->kind == CON_UNIQUE;
}

/* ---- lookups --------------------------------------------------------- */

const struct table *schema_find_table(const struct schema *s, const char *name)
{
    return pmap_get(s->tables, name);
}

const struct index *schema_find_index(const struct schema *s, const char *name)
{
    return pmap_get(s->indexes, name);
}

const struct view *schema_find_view(const struct schema *s, const char *name)
{
    return pmap_get(s->views, name);
}

static void first_value(void *ctx, const char *key, const void *value)
{
    (void)key;
    const void **first = ctx;
    if (!*first)
        *first = value;
}

enum rel_kind schema_find_relation(const struct schema *s, const char *name,
                                   const struct table **owner)
{
    if (owner)
        *owner = NULL;
    if (pmap_get(s->tables, name))
        return REL_TABLE;
    if (pmap_get(s->views, name))
        return REL_VIEW;
    if (pmap_get(s->indexes, name))
        return REL_INDEX;
    if (pmap_get(s->types, name))
        return REL_TYPE;
    const void *table_name = NULL;
    pmap_prefix(s->keys, name, PAIR_SEP, first_value, &table_name);
    if (!table_name)
        return REL_NONE;
    if (owner)
        *owner = schema_find_table(s, table_name);
    return REL_CONSTRAINT;
}

int table_column_index(const struct table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (name_eq(t->cols[i]->name, name))
            return i;
    return -1;
}

const struct column *table_find_column(const struct table *t, const char *name)
{
    int i = table_column_index(t, name);
    return i < 0 ? NULL : t->cols[i];
}

static int constraint_index(const struct table *t, const char *name)
{
    for (int i = 0; i < t->ncons; i++)
        if (name_eq(t->cons[i]->name, name))
            return i;
    return -1;
}

const struct constraint *table_find_constraint(const struct table *t, const char *name)
{
    int i = constraint_index(t, name);
    return i < 0 ? NULL : t->cons[i];
}

const struct constraint *table_primary_key(const struct table *t)
{
    for (int i = 0; i < t->ncons; i++)
        if (t->cons[i]->kind == CON_PRIMARY_KEY)
            return t->cons[i];
    return NULL;
}

/* ---- iteration ------------------------------------------------------- */

int schema_table_count(const struct schema *s)
{
    return s->ntables;
}

struct collect {
    const void **items;        /* NULL: only count */
    int n;
};

static void collect_one(void *ctx, const char *key, const void *value)
{
    (void)key;
    struct collect *c = ctx;
    if (c->items)
        c->items[c->n] = value;
    c->n++;
}

/* The values of m (or of m's entries under prefix) in key order, as a
   fresh array of n + 1 pointers (so that an empty result is still a
   valid array). Counted first: under a prefix, the array must not cost
   O(size of m). */
static const void **collect(struct arena *a, struct pmap m, const char *prefix, int *n)
{
    struct collect c = {NULL, 0};
    if (prefix)
        pmap_prefix(m, prefix, PAIR_SEP, collect_one, &c);
    else
        pmap_each(m, collect_one, &c);
    c.items = arena_alloc(a, (size_t)(c.n + 1) * sizeof(void *));
    c.n = 0;
    if (prefix)
        pmap_prefix(m, prefix, PAIR_SEP, collect_one, &c);
    else
        pmap_each(m, collect_one, &c);
    *n = c.n;
    return c.items;
}

int schema_tables(const struct schema *s, struct arena *a, const struct table ***out)
{
    int n;
    const void **v = collect(a, s->tables, NULL, &n);
    const struct table **t = arena_alloc(a, (size_t)(n + 1) * sizeof *t);
    for (int i = 0; i < n; i++)
        t[i] = v[i];
    *out = t;
    return n;
}

int schema_indexes(const struct schema *s, struct arena *a, const struct index ***out)
{
    int n;
    const void **v = collect(a, s->indexes, NULL, &n);
    const struct index **ix = arena_alloc(a, (size_t)(n + 1) * sizeof *ix);
    for (int i = 0; i < n; i++)
        ix[i] = v[i];
    *out = ix;
    return n;
}

int schema_views(const struct schema *s, struct arena *a, const struct view ***out)
{
    int n;
    const void **v = collect(a, s->views, NULL, &n);
    const struct view **w = arena_alloc(a, (size_t)(n + 1) * sizeof *w);
    for (int i = 0; i < n; i++)
        w[i] = v[i];
    *out = w;
    return n;
}

const struct view *view_on(const struct view *v, unsigned targets)
{
    for (; v; v = v->also)
        if (!v->only || (v->only & targets))
            return v;
    return NULL;
}

int schema_views_on(const struct schema *s, unsigned targets, struct arena *a,
                    const struct view ***out)
{
    const struct view **all;
    int n = schema_views(s, a, &all), k = 0;
    for (int i = 0; i < n; i++)
        if ((all[k] = view_on(all[i], targets)))
            k++;
    *out = all;
    return k;
}

int schema_indexes_on(const struct schema *s, const char *table, struct arena *a,
                      const struct index ***out)
{
    int n;
    const void **v = collect(a, s->by_table, table, &n);
    const struct index **ix = arena_alloc(a, (size_t)(n + 1) * sizeof *ix);
    for (int i = 0; i < n; i++)
        ix[i] = v[i];
    *out = ix;
    return n;
}

int schema_referrers(const struct schema *s, const char *table, struct arena *a,
                     const struct table ***out)
{
    int n;
    const void **v = collect(a, s->referrers, table, &n);
    const struct table **t = arena_alloc(a, (size_t)(n + 1) * sizeof *t);
    for (int i = 0; i < n; i++)
        t[i] = v[i];
    *out = t;
    return n;
}

/* ---- changes --------------------------------------------------------- */

static bool has_key_constraint(const struct table *t, const char *name)
{
    if (!t)
        return false;
    const struct constraint *c = table_find_constraint(t, name);
    return c && is_key_constraint(c);
}

/* keys after table old (NULL: absent) became table new (NULL: removed). */
static struct pmap keys_update(struct arena *a, struct pmap keys, const struct table *old,
                               const struct table *new)
{
    if (old == new)
        return keys;
    char buf[PROBE_SIZE];
    for (int i = 0; old && i < old->ncons; i++) {
        const struct constraint *c = old->cons[i];
        if (is_key_constraint(c) && !has_key_constraint(new, c->name))
            keys = pmap_remove(a, keys, pair_probe(a, buf, sizeof buf, c->name, old->name));
    }
    for (int i = 0; new && i < new->ncons; i++) {
        const struct constraint *c = new->cons[i];
        if (is_key_constraint(c) && !has_key_constraint(old, c->name))
            keys = pmap_put(a, keys, pair_key(a, c->name, new->name), new->name);
    }
    return keys;
}

/* referrers after table old (NULL: absent) became table new (NULL:
   removed). */
static struct pmap referrers_update(struct arena *a, struct pmap refs, const struct table *old,
                                    const struct table *new)
{
    if (old == new)
        return refs;
    char buf[PROBE_SIZE];
    for (int i = 0; old && i < old->ncons; i++)
        if (old->cons[i]->kind == CON_FOREIGN_KEY)
            refs = pmap_remove(a, refs,
                               pair_probe(a, buf, sizeof buf, old->cons[i]->ref_table, old->name));
    for (int i = 0; new && i < new->ncons; i++)
        if (new->cons[i]->kind == CON_FOREIGN_KEY)
            refs = pmap_put(a, refs, pair_key(a, new->cons[i]->ref_table, new->name), new);
    return refs;
}

static struct pmap by_table_update(struct arena *a, struct pmap by_table, const struct index *old,
                                   const struct index *new)
{
    char buf[PROBE_SIZE];
    if (old && (!new || !name_eq(old->table, new->table)))
        by_table = pmap_remove(a, by_table, pair_probe(a, buf, sizeof buf, old->table, old->name));
    if (new)
        by_table = pmap_put(a, by_table, pair_key(a, new->table, new->name), new);
    return by_table;
}

const struct schema *schema_put_table(struct arena *a, const struct schema *s, const struct table *t)
{
    const struct table *old = pmap_get(s->tables, t->name);
    if (old == t && pmap_key(s->tables, t->name) == t->name)
        return s;
    struct schema *n = schema_clone(a, s);
    n->tables = pmap_put(a, s->tables, t->name, t);
    n->keys = keys_update(a, s->keys, old, t);
    n->referrers = referrers_update(a, s->referrers, old, t);
    n->ntables += !old;
    return n;
}

const struct schema *schema_remove_table(struct arena *a, const struct schema *s, const char *name)
{
    const struct table *old = pmap_get(s->tables, name);
    if (!old)
        return s;
    struct schema *n = schema_clone(a, s);
    n->tables = pmap_remove(a, s->tables, name);
    n->keys = keys_update(a, s->keys, old, NULL);
    n->referrers = referrers_update(a, s->referrers, old, NULL);
    n->ntables--;
    return n;
}

const struct schema *schema_put_index(struct arena *a, const struct schema *s, const struct index *ix)
{
    const struct index *old = pmap_get(s->indexes, ix->name);
    if (old == ix && pmap_key(s->indexes, ix->name) == ix->name)
        return s;
    struct schema *n = schema_clone(a, s);
    n->indexes = pmap_put(a, s->indexes, ix->name, ix);
    n->by_table = by_table_update(a, s->by_table, old, ix);
    return n;
}

const struct schema *schema_remove_index(struct arena *a, const struct schema *s, const char *name)
{
    const struct index *old = pmap_get(s->indexes, name);
    if (!old)
        return s;
    struct schema *n = schema_clone(a, s);
    n->indexes = pmap_remove(a, s->indexes, name);
    n->by_table = by_table_update(a, s->by_table, old, NULL);
    return n;
}

const struct schema *schema_put_view(struct arena *a, const struct schema *s, const struct view *v)
{
    if (pmap_get(s->views, v->name) == v && pmap_key(s->views, v->name) == v->name)
        return s;
    struct schema *n = schema_clone(a, s);
    n->views = pmap_put(a, s->views, v->name, v);
    return n;
}

const struct schema *schema_remove_view(struct arena *a, const struct schema *s, const char *name)
{
    if (!pmap_get(s->views, name))
        return s;
    struct schema *n = schema_clone(a, s);
    n->views = pmap_remove(a, s->views, name);
    return n;
}

/* ---- enum types ------------------------------------------------------ */

const struct enum_type *schema_find_type(const struct schema *s, const char *name)
{
    return pmap_get(s->types, name);
}

int schema_types(const struct schema *s, struct arena *a, const struct enum_type ***out)
{
    int n;
    const void **v = collect(a, s->types, NULL, &n);
    const struct enum_type **e = arena_alloc(a, (size_t)(n + 1) * sizeof *e);
    for (int i = 0; i < n; i++)
        e[i] = v[i];
    *out = e;
    return n;
}

const struct schema *schema_put_type(struct arena *a, const struct schema *s,
                                     const struct enum_type *e)
{
    if (pmap_get(s->types, e->name) == e && pmap_key(s->types, e->name) == e->name)
        return s;
    struct schema *n = schema_clone(a, s);
    n->types = pmap_put(a, s->types, e->name, e);
    return n;
}

const struct schema *schema_remove_type(struct arena *a, const struct schema *s, const char *name)
{
    if (!pmap_get(s->types, name))
        return s;
    struct schema *n = schema_clone(a, s);
    n->types = pmap_remove(a, s->types, name);
    return n;
}

/* ---- extensions ------------------------------------------------------ */

const struct extension *schema_find_extension(const struct schema *s, const char *name)
{
    return pmap_get(s->extensions, name);
}

int schema_extensions(const struct schema *s, struct arena *a, const struct extension ***out)
{
    int n;
    const void **v = collect(a, s->extensions, NULL, &n);
    const struct extension **x = arena_alloc(a, (size_t)(n + 1) * sizeof *x);
    for (int i = 0; i < n; i++)
        x[i] = v[i];
    *out = x;
    return n;
}

const struct schema *schema_put_extension(struct arena *a, const struct schema *s,
                                          const struct extension *x)
{
    if (pmap_get(s->extensions, x->name) == x && pmap_key(s->extensions, x->name) == x->name)
        return s;
    struct schema *n = schema_clone(a, s);
    n->extensions = pmap_put(a, s->extensions, x->name, x);
    return n;
}

const struct schema *schema_remove_extension(struct arena *a, const struct schema *s,
                                             const char *name)
{
    if (!pmap_get(s->extensions, name))
        return s;
    struct schema *n = schema_clone(a, s);
    n->extensions = pmap_remove(a, s->extensions, name);
    return n;
}

bool schema_extension_eq(const struct extension *x, const struct extension *y)
{
    if (x == y)
        return true;
    return x && y && name_eq(x->name, y->name) && name_eq(x->schema, y->schema);
}

int enum_value_index(const struct enum_type *e, const char *value)
{
    for (int i = 0; i < e->nvalues; i++)
        if (strcmp(e->values[i], value) == 0)
            return i;
    return -1;
}

bool schema_type_eq(const struct enum_type *x, const struct enum_type *y)
{
    if (x == y)
        return true;
    if (!x || !y || !name_eq(x->name, y->name) || x->nvalues != y->nvalues)
        return false;
    for (int i = 0; i < x->nvalues; i++)
        if (strcmp(x->values[i], y->values[i]) != 0)
            return false;
    return true;
}

/* ---- editing a copied table ----------------------------------------- */

struct table *table_copy(struct arena *a, const struct table *t)
{
    struct table *c = arena_alloc(a, sizeof *c);
    *c = *t;
    c->cols = arena_alloc(a, (size_t)(t->ncols + 1) * sizeof *c->cols);
    if (t->ncols)
        memcpy(c->cols, t->cols, (size_t)t->ncols * sizeof *c->cols);
    c->cons = arena_alloc(a, (size_t)(t->ncons + 1) * sizeof *c->cons);
    if (t->ncons)
        memcpy(c->cons, t->cons, (size_t)t->ncons * sizeof *c->cons);
    return c;
}

/* A fresh array each time: the old one may be shared with the table this
   one was copied from. Tables are small, so the copy is cheap. */
void table_add_column(struct arena *a, struct table *t, const struct column *c)
{
    const struct column **cols = arena_alloc(a, (size_t)(t->ncols + 2) * sizeof *cols);
    if (t->ncols)
        memcpy(cols, t->cols, (size_t)t->ncols * sizeof *cols);
    cols[t->ncols++] = c;
    t->cols = cols;
}

void table_replace_column(struct table *t, int i, const struct column *c)
{
    t->cols[i] = c;
}

void table_remove_column(struct table *t, int i)
{
    memmove(t->cols + i, t->cols + i + 1, (size_t)(t->ncols - i - 1) * sizeof *t->cols);
    t->cols[--t->ncols] = NULL;
}

void table_add_constraint(struct arena *a, struct table *t, const struct constraint *c)
{
    const struct constraint **cons = arena_alloc(a, (size_t)(t->ncons + 2) * sizeof *cons);
    if (t->ncons)
        memcpy(cons, t->cons, (size_t)t->ncons * sizeof *cons);
    cons[t->ncons++] = c;
    t->cons = cons;
}

void table_remove_constraint(struct table *t, int i)
{
    memmove(t->cons + i, t->cons + i + 1, (size_t)(t->ncons - i - 1) * sizeof *t->cons);
    t->cons[--t->ncons] = NULL;
}

/* ---- equality -------------------------------------------------------- */

/* Comments compare exactly, as the database keeps them; NULL is none. */
static bool comment_eq(const char *x, const char *y)
{
    return x && y ? strcmp(x, y) == 0 : x == y;
}

bool schema_column_eq(const struct column *x, const struct column *y)
{
    if (x == y)
        return true;
    if (!x || !y)
        return false;
    return name_eq(x->name, y->name) && type_eq(&x->type, &y->type) &&
           x->not_null == y->not_null && x->identity == y->identity && expr_eq(x->dflt, y->dflt) &&
           expr_eq(x->generated, y->generated) && comment_eq(x->comment, y->comment);
}

/* Not writing an action is the database's default, no action. */
static enum fk_action fk_action_norm(enum fk_action x)
{
    return x == FK_NONE ? FK_NO_ACTION : x;
}

bool schema_constraint_eq(const struct constraint *x, const struct constraint *y)
{
    if (x == y)
        return true;
    if (!x || !y)
        return false;
    if (!name_eq(x->name, y->name) || x->kind != y->kind ||
        !names_eq(x->cols, x->ncols, y->cols, y->ncols) || x->deferrable != y->deferrable ||
        x->initially_deferred != y->initially_deferred || x->not_valid != y->not_valid ||
        x->nulls_not_distinct != y->nulls_not_distinct)
        return false;
    switch (x->kind) {
    case CON_FOREIGN_KEY:
        return name_eq(x->ref_table, y->ref_table) &&
               names_eq(x->ref_cols, x->nref_cols, y->ref_cols, y->nref_cols) &&
               fk_action_norm(x->on_delete) == fk_action_norm(y->on_delete) &&
               fk_action_norm(x->on_update) == fk_action_norm(y->on_update);
    case CON_CHECK:
        return expr_eq(x->check, y->check);
    default:
        return true;
    }
}

/* Column order is not part of a table's identity (a column dropped and
   added back comes last). */
bool schema_table_eq(const struct table *x, const struct table *y)
{
    if (x == y)
        return true;
    if (!x || !y || !name_eq(x->name, y->name) || x->ncols != y->ncols || x->ncons != y->ncons ||
        !comment_eq(x->comment, y->comment))
        return false;
    for (int i = 0; i < x->ncols; i++)
        if (x->cols[i] != y->cols[i] && !schema_column_eq(x->cols[i], table_find_column(y, x->cols[i]->name)))
            return false;
    for (int i = 0; i < x->ncons; i++)
        if (x->cons[i] != y->cons[i] &&
            !schema_constraint_eq(x->cons[i], table_find_constraint(y, x->cons[i]->name)))
            return false;
    return true;
}

/* Nulls come last ascending and first descending unless written. */
static bool nulls_first(const struct index_elem *e)
{
    return e->nulls == 1 || (e->nulls == 0 && e->desc);
}

static bool index_elem_eq(const struct index_elem *x, const struct index_elem *y)
{
    return name_eq(x->column.name, y->column.name) && expr_eq(x->expr, y->expr) &&
           x->desc == y->desc && nulls_first(x) == nulls_first(y) &&
           name_eq(x->opclass, y->opclass);
}

bool schema_index_eq(const struct index *x, const struct index *y)
{
    if (x == y)
        return true;
    if (!x || !y)
        return false;
    if (!name_eq(x->name, y->name) || !name_eq(x->table, y->table) || x->unique != y->unique ||
        x->nelems != y->nelems || !expr_eq(x->where, y->where) ||
        !name_eq(x->method, y->method) ||
        !names_eq(x->include, x->ninclude, y->include, y->ninclude))
        return false;
    for (int i = 0; i < x->nelems; i++)
        if (!index_elem_eq(x->elems[i], y->elems[i]))
            return false;
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t schema_view_text(const char *body, const char **start)
{
    if (!body)
        body = "";
    while (is_space(*body))
        body++;
    size_t n = strlen(body);
    while (n && is_space(body[n - 1]))
        n--;
    *start = body;
    return n;
}

bool schema_view_version_eq(const struct view *x, const struct view *y)
{
    if (x == y)
        return true;
    if (!x || !y || !name_eq(x->name, y->name) || x->only != y->only ||
        x->materialized != y->materialized)
        return false;
    const char *bx, *by;
    size_t nx = schema_view_text(x->body, &bx), ny = schema_view_text(y->body, &by);
    return nx == ny && memcmp(bx, by, nx) == 0;
}

bool schema_view_eq(const struct view *x, const struct view *y)
{
    for (; x || y; x = x->also, y = y->also)
        if (x == y)
            return true;
        else if (!schema_view_version_eq(x, y))
            return false;
    return true;
}

/* ---- merging --------------------------------------------------------- */

struct derived_update {
    struct arena *a;
    struct pmap map;
    int count;
};

static void keys_changed(void *ctx, const char *key, const void *old, const void *new)
{
    (void)key;
    struct derived_update *u = ctx;
    u->map = keys_update(u->a, u->map, old, new);
    u->count += !old - !new;
}

static void referrers_changed(void *ctx, const char *key, const void *old, const void *new)
{
    (void)key;
    struct derived_update *u = ctx;
    u->map = referrers_update(u->a, u->map, old, new);
}

static void by_table_changed(void *ctx, const char *key, const void *old, const void *new)
{
    (void)key;
    struct derived_update *u = ctx;
    u->map = by_table_update(u->a, u->map, old, new);
}

/* An extension both sides changed: both created it, so ours stands. */
static const void *merge_take_ours(void *ctx, const char *key, const void *base,
                                   const void *ours, const void *theirs)
{
    (void)ctx, (void)key, (void)base, (void)theirs;
    return ours;
}

const struct schema *schema_merge_maps(struct arena *a, const struct schema *base,
                                       const struct schema *ours, const struct schema *theirs,
                                       const struct schema_resolvers *rs)
{
    struct schema *r = schema_clone(a, ours);
    r->tables = pmap_merge3(a, base->tables, ours->tables, theirs->tables, rs->table, rs->ctx);
    r->indexes = pmap_merge3(a, base->indexes, ours->indexes, theirs->indexes, rs->index, rs->ctx);
    r->views = pmap_merge3(a, base->views, ours->views, theirs->views, rs->view, rs->ctx);
    r->types = pmap_merge3(a, base->types, ours->types, theirs->types, rs->type, rs->ctx);
    r->extensions = pmap_merge3(a, base->extensions, ours->extensions, theirs->extensions,
                                rs->extension ? rs->extension : merge_take_ours, rs->ctx);
    /* The derived maps follow from what the merge changed relative to
       ours, which is O(changes) to find. */
    struct derived_update u = {a, ours->keys, ours->ntables};
    pmap_diff(a, ours->tables, r->tables, keys_changed, &u);
    r->keys = u.map;
    r->ntables = u.count;
    u.map = ours->referrers;
    pmap_diff(a, ours->tables, r->tables, referrers_changed, &u);
    r->referrers = u.map;
    u.map = ours->by_table;
    pmap_diff(a, ours->indexes, r->indexes, by_table_changed, &u);
    r->by_table = u.map;
    return r;
}

/* ---- default constraint names --------------------------------------- */

/* Leaves at most n bytes of s without splitting a UTF-8 character, as
   PostgreSQL's pg_mbcliplen does. */
static size_t clip_utf8(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* PostgreSQL's makeObjectName: name1[_name2]_label, shortening the longer
   of name1 and name2 until the whole fits in 63 bytes. */
static const char *make_object_name(struct arena *a, const char *name1, const char *name2,
                                    const char *label)
{
    enum { NAME_MAX_BYTES = 63 };
    size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
    size_t overhead = strlen(label) + 1 + (name2 ? 1 : 0);
    size_t avail = NAME_MAX_BYTES - overhead;
    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1);
    if (name2) {
        n2 = clip_utf8(name2, n2);
        return arena_printf(a, "%.*s_%.*s_%s", (int)n1, name1, (int)n2, name2, label);
    }
    return arena_printf(a, "%.*s_%s", (int)n1, name1, label);
}

const char *schema_serial_sequence_name(struct arena *a, const char *table, const char *column)
{
    return make_object_name(a, table, column, "seq");
}

const char *schema_default_constraint_name(struct arena *a, const char *table,
                                           enum constraint_kind kind,
                                           const char *const *cols, int ncols)
{
    const char *label = "check";
    switch (kind) {
    case CON_PRIMARY_KEY:
        return make_object_name(a, table, NULL, "pkey");
    case CON_UNIQUE: label = "key"; break;
    case CON_FOREIGN_KEY: label = "fkey"; break;
    case CON_CHECK:
        /* PostgreSQL names a check after its column only when it uses
           exactly one; the caller passes that one, or none. */
        return make_object_name(a, table, ncols > 0 ? cols[0] : NULL, "check");
    }
    struct strbuf b = {0};
    for (int i = 0; i < ncols; i++) {
        if (i)
            strbuf_putc(&b, '_');
        strbuf_puts(&b, cols[i]);
    }
    const char *joined = strbuf_to_arena(&b, a);
    return make_object_name(a, table, ncols ? joined : NULL, label);
}

struct object_diff {
    schema_object_diff_fn *fn;
    void *ctx;
    enum rel_kind kind;
};

static void object_diff_one(void *ctx, const char *key, const void *va, const void *vb)
{
    (void)key;
    const struct object_diff *od = ctx;
    od->fn(od->ctx, od->kind, va, vb);
}

void schema_diff_objects(struct arena *ar, const struct schema *a, const struct schema *b,
                         schema_object_diff_fn *fn, void *ctx)
{
    struct object_diff od = {fn, ctx, REL_TABLE};
    pmap_diff(ar, a->tables, b->tables, object_diff_one, &od);
    od.kind = REL_INDEX;
    pmap_diff(ar, a->indexes, b->indexes, object_diff_one, &od);
    od.kind = REL_VIEW;
    pmap_diff(ar, a->views, b->views, object_diff_one, &od);
    od.kind = REL_TYPE;
    pmap_diff(ar, a->types, b->types, object_diff_one, &od);
    od.kind = REL_EXTENSION;
    pmap_diff(ar, a->extensions, b->extensions, object_diff_one, &od);
}
