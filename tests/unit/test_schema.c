/* The schema model on hand-built tables: the persistent map under it
   (against a plain sorted array), puts, removes, lookups and name order,
   old versions staying intact, the relation namespace, table edits, every
   kind of difference schema_compare reports, three-way merges with and
   without conflicts, PostgreSQL's default constraint names, and a
   10,000-table history compared snapshot by snapshot. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmap.h"
#include "schema.h"
#include "schema_compare.h"
#include "schema_describe.h"
#include "schema_merge.h"

static struct loc at(int line)
{
    return (struct loc){"t.mig", line, 1, 1};
}

/* ---- builders --------------------------------------------------------- */

static struct type ty(enum type_kind k, int p)
{
    return (struct type){.kind = k, .p = p, .s = -1};
}

static const struct expr *lit(struct arena *a, const char *digits)
{
    struct expr *e = expr_new(a, EXPR_INT, at(1));
    e->text = digits;
    return e;
}

static const struct expr *col_ref(struct arena *a, const char *name)
{
    struct expr *e = expr_new(a, EXPR_COLUMN, at(1));
    e->text = name;
    return e;
}

static const struct expr *binary(struct arena *a, enum expr_op op, const struct expr *l,
                                 const struct expr *r)
{
    struct expr *e = expr_new(a, EXPR_BINARY, at(1));
    const struct expr **args = arena_alloc(a, 2 * sizeof *args);
    args[0] = l;
    args[1] = r;
    e->op = op;
    e->args = args;
    e->nargs = 2;
    return e;
}

static const struct column *column(struct arena *a, const char *name, struct type t,
                                   bool not_null, const struct expr *dflt, int line)
{
    struct column *c = arena_alloc(a, sizeof *c);
    c->name = name;
    c->type = t;
    c->not_null = not_null;
    c->dflt = dflt;
    c->loc = at(line);
    return c;
}

static const char **names(struct arena *a, const char *n1, const char *n2)
{
    const char **v = arena_alloc(a, 2 * sizeof *v);
    v[0] = n1;
    v[1] = n2;
    return v;
}

static const struct constraint *key(struct arena *a, const char *name, enum constraint_kind kind,
                                    const char *col, int line)
{
    struct constraint *c = arena_alloc(a, sizeof *c);
    c->name = name;
    c->kind = kind;
    c->cols = names(a, col, NULL);
    c->ncols = 1;
    c->loc = at(line);
    return c;
}

static const struct constraint *fkey(struct arena *a, const char *name, const char *col,
                                     const char *ref, enum fk_action on_delete, int line)
{
    struct constraint *c = (struct constraint *)key(a, name, CON_FOREIGN_KEY, col, line);
    c->ref_table = ref;
    c->ref_cols = names(a, "id", NULL);
    c->nref_cols = 1;
    c->on_delete = on_delete;
    return c;
}

static const struct constraint *check(struct arena *a, const char *name, const struct expr *e,
                                      int line)
{
    struct constraint *c = arena_alloc(a, sizeof *c);
    c->name = name;
    c->kind = CON_CHECK;
    c->check = e;
    c->loc = at(line);
    return c;
}

/* A table "name" with a bigint primary key "id" named name_pkey. */
static struct table *table(struct arena *a, const char *name, int line)
{
    struct table *t = arena_alloc(a, sizeof *t);
    t->name = name;
    t->loc = at(line);
    table_add_column(a, t, column(a, "id", ty(TYPE_BIGINT, -1), true, NULL, line));
    table_add_constraint(a, t, key(a, arena_printf(a, "%s_pkey", name), CON_PRIMARY_KEY, "id",
                                   line));
    return t;
}

static const struct table *with_column(struct arena *a, const struct table *t,
                                       const struct column *c)
{
    struct table *n = table_copy(a, t);
    int i = table_column_index(n, c->name);
    if (i < 0)
        table_add_column(a, n, c);
    else
        table_replace_column(n, i, c);
    return n;
}

static const struct table *without_column(struct arena *a, const struct table *t, const char *col)
{
    struct table *n = table_copy(a, t);
    table_remove_column(n, table_column_index(n, col));
    return n;
}

static const struct index *index_on(struct arena *a, const char *name, const char *table,
                                    const char *col, bool unique, int line)
{
    struct index *ix = arena_alloc(a, sizeof *ix);
    struct index_elem *e = arena_alloc(a, sizeof *e);
    const struct index_elem **elems = arena_alloc(a, sizeof *elems);
    e->column.name = col;
    elems[0] = e;
    ix->name = name;
    ix->table = table;
    ix->unique = unique;
    ix->elems = elems;
    ix->nelems = 1;
    ix->loc = at(line);
    return ix;
}

static const struct view *view(struct arena *a, const char *name, const char *body, int line)
{
    struct view *v = arena_alloc(a, sizeof *v);
    v->name = name;
    v->body = body;
    v->loc = at(line);
    return v;
}

static const struct schema_diff *diff_at(struct vec *v, int i)
{
    CHECK(i < v->n);
    return VEC_AT(*v, i, const struct schema_diff *);
}

static void check_diff(struct vec *v, int i, const char *object, const char *kind,
                       const char *expected, const char *actual)
{
    const struct schema_diff *d = diff_at(v, i);
    CHECK_STR(d->object, object);
    CHECK_STR(d->kind, kind);
    CHECK_STR(d->expected, expected);
    CHECK_STR(d->actual, actual);
}

static const struct schema_conflict *conflict_at(struct vec *v, int i)
{
    CHECK(i < v->n);
    return VEC_AT(*v, i, const struct schema_conflict *);
}

/* ---- the persistent map ----------------------------------------------- */

/* A tiny deterministic generator, so failures reproduce. */
static unsigned next_rand(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

enum { KEYS = 200 };

struct reference {
    const void *value[KEYS];   /* by key number; NULL = absent */
};

static const char *key_name(struct arena *a, int k)
{
    /* Mixed case on purpose: "K7" and "k7" are the same key. */
    return arena_printf(a, k % 3 ? "k%03d" : "K%03d", k);
}

struct walk {
    struct arena *a;
    const struct reference *ref;
    int next;                  /* the next key number expected */
    int calls;
};

static int key_number(const char *key)
{
    return atoi(key + 1);
}

static void walk_entry(void *ctx, const char *key, const void *value)
{
    struct walk *w = ctx;
    int k = key_number(key);
    CHECK(k >= w->next);
    for (int i = w->next; i < k; i++)
        CHECK(w->ref->value[i] == NULL);
    CHECK(w->ref->value[k] == value);
    w->next = k + 1;
    w->calls++;
}

static void check_against(struct pmap m, const struct reference *ref)
{
    int count = 0;
    for (int k = 0; k < KEYS; k++) {
        char buf[16];
        snprintf(buf, sizeof buf, "K%03d", k);
        CHECK(pmap_get(m, buf) == ref->value[k]);
        count += ref->value[k] != NULL;
    }
    CHECK_INT(pmap_count(m), count);
    struct walk w = {NULL, ref, 0, 0};
    pmap_each(m, walk_entry, &w);
    CHECK_INT(w.calls, count);
}

struct diff_log {
    const struct reference *a, *b;
    int calls, last;
};

static void diff_entry(void *ctx, const char *key, const void *va, const void *vb)
{
    struct diff_log *d = ctx;
    int k = key_number(key);
    CHECK(k > d->last);
    d->last = k;
    CHECK(va == d->a->value[k]);
    CHECK(vb == d->b->value[k]);
    CHECK(va != vb);
    d->calls++;
}

static void check_diff_maps(struct arena *a, struct pmap ma, const struct reference *ra,
                            struct pmap mb, const struct reference *rb)
{
    struct diff_log d = {ra, rb, 0, -1};
    pmap_diff(a, ma, mb, diff_entry, &d);
    int want = 0;
    for (int k = 0; k < KEYS; k++)
        want += ra->value[k] != rb->value[k];
    CHECK_INT(d.calls, want);
}

/* Conflicting keys resolve to this marker, so the test can see them. */
static const char conflict_marker[] = "conflict";

static const void *resolve_marker(void *ctx, const char *key, const void *vb, const void *vo,
                                  const void *vt)
{
    (void)key;
    int *calls = ctx;
    CHECK(vb != vo && vb != vt && vo != vt);
    (*calls)++;
    return conflict_marker;
}

static void count_diff(void *ctx, const char *key, const void *va, const void *vb)
{
    (void)key;
    CHECK(va != vb);
    ++*(int *)ctx;
}

static struct pmap random_edits(struct arena *a, struct pmap m, struct reference *ref,
                                const char *values, unsigned *seed, int edits)
{
    for (int i = 0; i < edits; i++) {
        int k = (int)(next_rand(seed) % KEYS);
        if (next_rand(seed) % 3 == 0) {
            m = pmap_remove(a, m, key_name(a, k));
            ref->value[k] = NULL;
        } else {
            const void *v = values + next_rand(seed) % 64;
            m = pmap_put(a, m, key_name(a, k), v);
            ref->value[k] = v;
        }
    }
    return m;
}

static void test_pmap(void)
{
    struct arena a = {0};
    static const char values[64];
    unsigned seed = 42;
    for (int round = 0; round < 20; round++) {
        struct reference rb = {{0}};
        struct pmap base = random_edits(&a, (struct pmap){NULL}, &rb, values, &seed, 150);
        check_against(base, &rb);
        struct reference ro = rb, rt = rb;
        struct pmap ours = random_edits(&a, base, &ro, values, &seed, 20);
        struct pmap theirs = random_edits(&a, base, &rt, values, &seed, 20);
        check_against(base, &rb);   /* untouched by the edits */
        check_against(ours, &ro);
        check_against(theirs, &rt);
        check_diff_maps(&a, base, &rb, ours, &ro);
        check_diff_maps(&a, ours, &ro, theirs, &rt);

        int calls = 0, conflicts = 0;
        struct pmap merged = pmap_merge3(&a, base, ours, theirs, resolve_marker, &calls);
        struct reference rm;
        for (int k = 0; k < KEYS; k++) {
            const void *b = rb.value[k], *o = ro.value[k], *t = rt.value[k];
            if (o == t || b == t)
                rm.value[k] = o;
            else if (b == o)
                rm.value[k] = t;
            else {
                rm.value[k] = conflict_marker;
                conflicts++;
            }
        }
        CHECK_INT(calls, conflicts);
        check_against(merged, &rm);
    }

    /* The shape depends on the keys alone: adding and removing a key gives
       a map that differs from the original in no entry, and diffing them
       walks only the copied path (no split, so no allocation). */
    struct pmap m = {NULL};
    for (int k = 0; k < KEYS; k++)
        m = pmap_put(&a, m, key_name(&a, k), values + k % 64);
    struct pmap m2 = pmap_remove(&a, pmap_put(&a, m, "extra", values), "EXTRA");
    CHECK(m2.root != m.root);
    size_t before = a.total;
    int calls = 0;
    pmap_diff(&a, m, m2, count_diff, &calls);
    CHECK_INT(calls, 0);
    CHECK_INT(a.total, before);
    pmap_diff(&a, m, pmap_put(&a, m2, "extra", values), count_diff, &calls);
    CHECK_INT(calls, 1);
    /* Putting what is already there changes nothing. */
    CHECK(pmap_put(&a, m, pmap_key(m, "k001"), pmap_get(m, "k001")).root == m.root);
    CHECK(pmap_remove(&a, m, "absent").root == m.root);
    CHECK_STR(pmap_key(pmap_put(&a, m, "k001", values), "K001"), "k001");
    arena_free(&a);
}

/* ---- puts, removes, lookups, order ------------------------------------ */

static void test_puts_and_lookups(void)
{
    struct arena a = {0};
    const struct schema *e = schema_empty();
    CHECK(e == schema_empty());
    CHECK_INT(schema_table_count(e), 0);
    CHECK(schema_find_table(e, "users") == NULL);
    CHECK(schema_find_relation(e, "users", NULL) == REL_NONE);
    const struct table **tabs;
    CHECK_INT(schema_tables(e, &a, &tabs), 0);

    const struct table *users = table(&a, "users", 1), *Accounts = table(&a, "Accounts", 2),
                       *zebra = table(&a, "zebra", 3);
    const struct schema *s1 = schema_put_table(&a, e, users);
    const struct schema *s2 = schema_put_table(&a, s1, zebra);
    const struct schema *s3 = schema_put_table(&a, s2, Accounts);
    CHECK_INT(schema_table_count(s3), 3);
    CHECK(schema_find_table(s3, "USERS") == users);
    CHECK(schema_find_table(s3, "accounts") == Accounts);
    CHECK_INT(schema_tables(s3, &a, &tabs), 3);
    CHECK_STR(tabs[0]->name, "Accounts");
    CHECK_STR(tabs[1]->name, "users");
    CHECK_STR(tabs[2]->name, "zebra");

    /* Old versions are values: nothing later changes them. */
    CHECK_INT(schema_table_count(e), 0);
    CHECK_INT(schema_table_count(s1), 1);
    CHECK(schema_find_table(s1, "zebra") == NULL);

    /* put replaces, whatever the case it is written in. */
    const struct table *users2 = with_column(&a, users, column(&a, "email", ty(TYPE_TEXT, -1),
                                                               false, NULL, 4));
    ((struct table *)users2)->name = "USERS";
    const struct schema *s4 = schema_put_table(&a, s3, users2);
    CHECK_INT(schema_table_count(s4), 3);
    CHECK(schema_find_table(s4, "users") == users2);
    CHECK(schema_find_table(s3, "users") == users);
    CHECK(schema_put_table(&a, s4, users2) == s4);

    const struct schema *s5 = schema_remove_table(&a, s4, "Zebra");
    CHECK_INT(schema_table_count(s5), 2);
    CHECK(schema_find_table(s5, "zebra") == NULL);
    CHECK(schema_find_table(s4, "zebra") == zebra);
    CHECK(schema_remove_table(&a, s5, "zebra") == s5);

    /* Indexes and views: order, indexes per table, moves between tables. */
    const struct schema *s6 = schema_put_index(&a, s5, index_on(&a, "ix_b", "users", "email", false, 5));
    s6 = schema_put_index(&a, s6, index_on(&a, "ix_a", "users", "id", false, 6));
    s6 = schema_put_index(&a, s6, index_on(&a, "ix_c", "accounts", "id", true, 7));
    s6 = schema_put_view(&a, s6, view(&a, "v2", "select 1", 8));
    s6 = schema_put_view(&a, s6, view(&a, "V1", "select 2", 9));
    const struct index **ixs;
    CHECK_INT(schema_indexes(s6, &a, &ixs), 3);
    CHECK_STR(ixs[0]->name, "ix_a");
    CHECK_STR(ixs[2]->name, "ix_c");
    CHECK_INT(schema_indexes_on(s6, "Users", &a, &ixs), 2);
    CHECK_STR(ixs[0]->name, "ix_a");
    CHECK_STR(ixs[1]->name, "ix_b");
    CHECK_INT(schema_indexes_on(s6, "accounts", &a, &ixs), 1);
    CHECK_INT(schema_indexes_on(s6, "user", &a, &ixs), 0);
    CHECK_INT(schema_indexes_on(s6, "nothing", &a, &ixs), 0);
    const struct schema *s7 = schema_put_index(&a, s6, index_on(&a, "IX_B", "accounts", "id", false, 10));
    CHECK_INT(schema_indexes_on(s7, "users", &a, &ixs), 1);
    CHECK_INT(schema_indexes_on(s7, "accounts", &a, &ixs), 2);
    CHECK_INT(schema_indexes_on(s6, "users", &a, &ixs), 2);
    s7 = schema_remove_index(&a, s7, "ix_a");
    CHECK_INT(schema_indexes_on(s7, "users", &a, &ixs), 0);
    CHECK(schema_find_index(s7, "ix_a") == NULL);
    CHECK(schema_find_index(s6, "IX_A") != NULL);
    const struct view **vs;
    CHECK_INT(schema_views(s6, &a, &vs), 2);
    CHECK_STR(vs[0]->name, "V1");
    CHECK(schema_find_view(schema_remove_view(&a, s6, "v1"), "V1") == NULL);
    CHECK(schema_find_view(s6, "v1") == vs[0]);
    /* A name's versions for each dialect: view_on picks one, equality
       compares them all, materialized or not. */
    struct view *lite = (struct view *)view(&a, "per", "select 1", 20);
    struct view *pg = (struct view *)view(&a, "per", "select 1::int", 21);
    lite->only = 1u << 0;
    pg->only = 1u << 1;
    lite->also = pg;
    CHECK(view_on(lite, 1u << 1) == pg);
    CHECK(view_on(lite, 1u << 0) == lite);
    CHECK(view_on(pg, 1u << 0) == NULL);
    CHECK(view_on(vs[0], 1u << 0) == vs[0]);
    struct view *lite2 = (struct view *)view(&a, "PER", "  select 1 ", 30);
    *lite2 = *lite;
    lite2->also = NULL;
    CHECK(!schema_view_eq(lite, lite2));
    CHECK(schema_view_version_eq(lite, lite2));
    lite2->also = view(&a, "per", "select 1::int", 31);
    CHECK(!schema_view_eq(lite, lite2));
    ((struct view *)lite2->also)->only = 1u << 1;
    CHECK(schema_view_eq(lite, lite2));
    ((struct view *)lite2->also)->materialized = true;
    CHECK(!schema_view_eq(lite, lite2));
    const struct schema *per = schema_put_view(&a, s6, lite);
    CHECK_INT(schema_views_on(per, 1u << 1, &a, &vs), 3);
    CHECK(vs[0] == pg);
    CHECK_INT(schema_views_on(per, 1u << 0, &a, &vs), 3);
    CHECK(vs[0] == lite);

    /* One namespace for tables, views, indexes, primary keys and unique
       constraints; foreign keys and checks are not relations. */
    struct table *acc = table_copy(&a, Accounts);
    table_add_column(&a, acc, column(&a, "owner", ty(TYPE_BIGINT, -1), false, NULL, 11));
    table_add_constraint(&a, acc, key(&a, "acc_owner_key", CON_UNIQUE, "owner", 11));
    table_add_constraint(&a, acc, fkey(&a, "acc_owner_fkey", "owner", "users", FK_CASCADE, 11));
    table_add_constraint(&a, acc, check(&a, "acc_check", binary(&a, OP_GT, col_ref(&a, "id"), lit(&a, "0")), 11));
    const struct schema *s8 = schema_put_table(&a, s6, acc);
    const struct table *owner = NULL;
    CHECK(schema_find_relation(s8, "users", &owner) == REL_TABLE);
    CHECK(owner == NULL);
    CHECK(schema_find_relation(s8, "v2", NULL) == REL_VIEW);
    CHECK(schema_find_relation(s8, "IX_C", NULL) == REL_INDEX);
    CHECK(schema_find_relation(s8, "users_pkey", &owner) == REL_CONSTRAINT);
    CHECK(owner == users2);
    CHECK(schema_find_relation(s8, "ACC_OWNER_KEY", &owner) == REL_CONSTRAINT);
    CHECK(owner == acc);
    CHECK(schema_find_relation(s8, "acc_owner_fkey", NULL) == REL_NONE);
    CHECK(schema_find_relation(s8, "acc_check", NULL) == REL_NONE);
    CHECK(schema_find_relation(s6, "acc_owner_key", NULL) == REL_NONE);
    CHECK(schema_find_relation(s8, "acc", NULL) == REL_NONE);

    /* Dropping the constraint, then the table, frees the names. */
    struct table *acc2 = table_copy(&a, acc);
    table_remove_constraint(acc2, 1);   /* acc_owner_key */
    CHECK(table_find_constraint(acc, "acc_owner_key") != NULL);
    CHECK(table_find_constraint(acc2, "acc_owner_key") == NULL);
    const struct schema *s9 = schema_put_table(&a, s8, acc2);
    CHECK(schema_find_relation(s9, "acc_owner_key", NULL) == REL_NONE);
    CHECK(schema_find_relation(s9, "accounts_pkey", NULL) == REL_CONSTRAINT);
    s9 = schema_remove_table(&a, s9, "accounts");
    CHECK(schema_find_relation(s9, "accounts_pkey", NULL) == REL_NONE);
    CHECK(schema_find_relation(s8, "accounts_pkey", NULL) == REL_CONSTRAINT);

    /* Two tables holding a same-named key (a merge can make that): one
       going keeps the other's. */
    struct table *t1 = table(&a, "t1", 20), *t2 = table(&a, "t2", 21);
    table_add_constraint(&a, t1, key(&a, "shared", CON_UNIQUE, "id", 20));
    table_add_constraint(&a, t2, key(&a, "shared", CON_UNIQUE, "id", 21));
    const struct schema *s10 = schema_put_table(&a, schema_put_table(&a, e, t1), t2);
    CHECK(schema_find_relation(s10, "shared", NULL) == REL_CONSTRAINT);
    CHECK(schema_find_relation(schema_remove_table(&a, s10, "t2"), "shared", &owner) == REL_CONSTRAINT);
    CHECK(owner == t1);
    arena_free(&a);
}

/* ---- who references a table ----------------------------------------- */

static void test_referrers(void)
{
    struct arena a = {0};
    const struct schema *e = schema_empty();
    const struct table **r;
    struct table *users = table(&a, "users", 1);
    struct table *posts = table(&a, "posts", 2);
    table_add_constraint(&a, posts, fkey(&a, "posts_user_fkey", "id", "users", FK_CASCADE, 2));
    /* Two keys to the same table, and one to itself. */
    struct table *tree = table(&a, "Tree", 3);
    table_add_constraint(&a, tree, fkey(&a, "tree_owner_fkey", "id", "USERS", FK_CASCADE, 3));
    table_add_constraint(&a, tree, fkey(&a, "tree_editor_fkey", "id", "users", FK_CASCADE, 3));
    table_add_constraint(&a, tree, fkey(&a, "tree_parent_fkey", "id", "tree", FK_CASCADE, 3));
    const struct schema *s = schema_put_table(&a, e, users);
    CHECK_INT(schema_referrers(s, "users", &a, &r), 0);
    s = schema_put_table(&a, schema_put_table(&a, s, posts), tree);
    CHECK_INT(schema_referrers(s, "Users", &a, &r), 2);
    CHECK(r[0] == posts && r[1] == tree);
    CHECK_INT(schema_referrers(s, "tree", &a, &r), 1);
    CHECK(r[0] == tree);
    CHECK_INT(schema_referrers(s, "posts", &a, &r), 0);

    /* Replacing a table replaces what it references. */
    struct table *posts2 = table(&a, "posts", 4);
    const struct schema *s2 = schema_put_table(&a, s, posts2);
    CHECK_INT(schema_referrers(s2, "users", &a, &r), 1);
    CHECK(r[0] == tree);
    struct table *tree2 = table_copy(&a, tree);
    table_remove_constraint(tree2, 1);   /* tree_owner_fkey: one of the two keys to users */
    s2 = schema_put_table(&a, s2, tree2);
    CHECK_INT(schema_referrers(s2, "users", &a, &r), 1);
    CHECK(r[0] == tree2);
    CHECK_INT(schema_referrers(schema_remove_table(&a, s2, "TREE"), "users", &a, &r), 0);
    /* The earlier snapshot is untouched. */
    CHECK_INT(schema_referrers(s, "users", &a, &r), 2);

    /* A merge keeps both sides' references. */
    struct table *likes = table(&a, "likes", 5);
    table_add_constraint(&a, likes, fkey(&a, "likes_user_fkey", "id", "users", FK_CASCADE, 5));
    const struct schema *base = schema_put_table(&a, e, users);
    struct vec conflicts = {0};
    const struct schema *m = schema_merge3(&a, base, schema_put_table(&a, base, posts),
                                           schema_put_table(&a, base, likes), &conflicts);
    CHECK_INT(conflicts.n, 0);
    CHECK_INT(schema_referrers(m, "users", &a, &r), 2);
    CHECK(r[0] == likes && r[1] == posts);
    arena_free(&a);
}

/* ---- table edits ------------------------------------------------------ */

static void test_table_edits(void)
{
    struct arena a = {0};
    struct table *t = table(&a, "users", 1);
    table_add_column(&a, t, column(&a, "Email", ty(TYPE_VARCHAR, 50), true, NULL, 2));
    table_add_column(&a, t, column(&a, "name", ty(TYPE_TEXT, -1), false, NULL, 3));
    const struct table *orig = t;

    struct table *c = table_copy(&a, orig);
    CHECK(c->cols != orig->cols && c->cons != orig->cons);
    const struct column *replaced = column(&a, "email", ty(TYPE_TEXT, -1), false, NULL, 4);
    table_replace_column(c, 1, replaced);
    table_remove_column(c, 0);
    table_add_column(&a, c, column(&a, "age", ty(TYPE_INTEGER, -1), false, NULL, 5));
    table_remove_constraint(c, 0);

    CHECK_INT(orig->ncols, 3);
    CHECK_STR(orig->cols[0]->name, "id");
    CHECK_STR(orig->cols[1]->name, "Email");
    CHECK_INT(orig->ncons, 1);
    CHECK(table_primary_key(orig) != NULL);
    CHECK_STR(table_primary_key(orig)->name, "users_pkey");
    CHECK(table_find_constraint(orig, "USERS_PKEY") == orig->cons[0]);

    CHECK_INT(c->ncols, 3);
    CHECK_STR(c->cols[0]->name, "email");
    CHECK_STR(c->cols[1]->name, "name");
    CHECK_STR(c->cols[2]->name, "age");
    CHECK(table_find_column(c, "EMAIL") == replaced);
    CHECK_INT(table_column_index(c, "Age"), 2);
    CHECK_INT(table_column_index(c, "id"), -1);
    CHECK(table_find_column(c, "id") == NULL);
    CHECK(table_primary_key(c) == NULL);
    CHECK(table_find_constraint(c, "users_pkey") == NULL);
    arena_free(&a);
}

/* ---- compare ---------------------------------------------------------- */

static void test_compare(void)
{
    struct arena a = {0};
    struct vec out = {0};
    const struct schema *e = schema_empty();

    struct table *users = table(&a, "users", 1);
    table_add_column(&a, users, column(&a, "email", ty(TYPE_VARCHAR, 50), true, NULL, 2));
    table_add_column(&a, users, column(&a, "age", ty(TYPE_INTEGER, -1), false, lit(&a, "0"), 3));
    table_add_column(&a, users, column(&a, "gone", ty(TYPE_TEXT, -1), false, NULL, 4));
    table_add_constraint(&a, users, key(&a, "users_email_key", CON_UNIQUE, "email", 5));
    table_add_constraint(&a, users, check(&a, "users_age_check", binary(&a, OP_GE, col_ref(&a, "age"), lit(&a, "0")), 6));
    table_add_constraint(&a, users, fkey(&a, "users_id_fkey", "id", "people", FK_NONE, 7));
    const struct schema *exp = schema_put_table(&a, e, users);
    exp = schema_put_table(&a, exp, table(&a, "only_expected", 8));
    exp = schema_put_index(&a, exp, index_on(&a, "ix_age", "users", "age", false, 9));
    exp = schema_put_index(&a, exp, index_on(&a, "ix_email", "users", "email", false, 10));
    exp = schema_put_view(&a, exp, view(&a, "v_same", "  select 1\n", 11));
    exp = schema_put_view(&a, exp, view(&a, "v_diff", "select 1", 12));
    exp = schema_put_view(&a, exp, view(&a, "v_missing", "select 1", 13));

    CHECK_INT(schema_compare(&a, exp, exp, &out), 0);
    CHECK_INT(out.n, 0);

    /* The actual schema: built separately, so nothing is shared. */
    struct table *u2 = table(&a, "Users", 21);
    table_add_column(&a, u2, column(&a, "extra", ty(TYPE_BOOLEAN, -1), false, NULL, 22));
    struct column *age = (struct column *)column(&a, "age", ty(TYPE_BIGINT, -1), true, lit(&a, "1"), 23);
    age->identity = true;
    table_add_column(&a, u2, age);
    table_add_column(&a, u2, column(&a, "EMAIL", ty(TYPE_VARCHAR, 50), true, NULL, 24));
    table_add_constraint(&a, u2, check(&a, "users_age_check", binary(&a, OP_GT, col_ref(&a, "age"), lit(&a, "0")), 25));
    table_add_constraint(&a, u2, key(&a, "users_extra_key", CON_UNIQUE, "extra", 26));
    /* FK_NONE is the database's no action: not a difference. */
    table_add_constraint(&a, u2, fkey(&a, "users_id_fkey", "id", "people", FK_NO_ACTION, 27));
    const struct schema *act = schema_put_table(&a, e, u2);
    act = schema_put_table(&a, act, table(&a, "only_actual", 28));
    act = schema_put_index(&a, act, index_on(&a, "ix_age", "users", "age", true, 29));
    act = schema_put_index(&a, act, index_on(&a, "ix_extra", "users", "extra", false, 30));
    act = schema_put_view(&a, act, view(&a, "v_same", "select 1", 31));
    act = schema_put_view(&a, act, view(&a, "v_diff", "select 2", 32));
    act = schema_put_view(&a, act, view(&a, "v_extra", "select\n   3", 33));

    int n = schema_compare(&a, exp, act, &out);
    int i = 0;
    check_diff(&out, i++, "table \"only_actual\"", "extra", "absent", "present");
    check_diff(&out, i++, "table \"only_expected\"", "missing", "present", "absent");
    check_diff(&out, i++, "column \"users\".\"age\"", "type", "integer", "bigint");
    CHECK_INT(diff_at(&out, i - 1)->loc.line, 3);
    check_diff(&out, i++, "column \"users\".\"age\"", "nullability", "null", "not null");
    check_diff(&out, i++, "column \"users\".\"age\"", "default", "default 0", "default 1");
    check_diff(&out, i++, "column \"users\".\"age\"", "identity", "no identity", "identity");
    check_diff(&out, i++, "column \"users\".\"extra\"", "extra", "absent", "boolean");
    check_diff(&out, i++, "column \"users\".\"gone\"", "missing", "text", "absent");
    check_diff(&out, i++, "constraint \"users_age_check\" on table \"users\"", "definition",
               "check (age >= 0)", "check (age > 0)");
    check_diff(&out, i++, "constraint \"users_email_key\" on table \"users\"", "missing",
               "unique (email)", "absent");
    check_diff(&out, i++, "constraint \"users_extra_key\" on table \"users\"", "extra", "absent",
               "unique (extra)");
    check_diff(&out, i++, "index \"ix_age\"", "definition", "on users (age)",
               "unique on users (age)");
    check_diff(&out, i++, "index \"ix_email\"", "missing", "on users (email)", "absent");
    check_diff(&out, i++, "index \"ix_extra\"", "extra", "absent", "on users (extra)");
    check_diff(&out, i++, "view \"v_diff\"", "definition", "as select 1", "as select 2");
    check_diff(&out, i++, "view \"v_extra\"", "extra", "absent", "as select 3");
    check_diff(&out, i++, "view \"v_missing\"", "missing", "as select 1", "absent");
    CHECK_INT(n, i);
    CHECK_INT(out.n, i);

    /* Defaults and types as users write them. */
    struct vec out2 = {0};
    struct table *p = table(&a, "p", 40), *q = table(&a, "p", 41);
    table_add_column(&a, p, column(&a, "price", (struct type){.kind = TYPE_NUMERIC, .p = 10, .s = 2}, false,
                                   binary(&a, OP_MUL, lit(&a, "2"), lit(&a, "3")), 42));
    struct expr *str = expr_new(&a, EXPR_STRING, at(43));
    str->text = "it's";
    table_add_column(&a, q, column(&a, "price", (struct type){.kind = TYPE_NUMERIC, .p = 12, .s = -1}, false, str, 43));
    schema_compare(&a, schema_put_table(&a, e, p), schema_put_table(&a, e, q), &out2);
    check_diff(&out2, 0, "column \"p\".\"price\"", "type", "numeric(10,2)", "numeric(12)");
    check_diff(&out2, 1, "column \"p\".\"price\"", "default", "default 2 * 3", "default 'it''s'");
    CHECK_INT(out2.n, 2);
    CHECK_STR(schema_describe_type(&a, &(struct type){.kind = TYPE_TIMESTAMPTZ, .p = -1, .s = -1}), "timestamptz");

    /* Column order is not a difference. */
    struct table *r1 = table(&a, "r", 50);
    table_add_column(&a, r1, column(&a, "x", ty(TYPE_TEXT, -1), false, NULL, 51));
    struct table *r2 = table_copy(&a, r1);
    table_remove_column(r2, 0);
    table_add_column(&a, r2, r1->cols[0]);
    struct vec out3 = {0};
    CHECK_INT(schema_compare(&a, schema_put_table(&a, e, r1), schema_put_table(&a, e, r2), &out3), 0);
    arena_free(&a);
}

/* ---- three-way merge -------------------------------------------------- */

static void test_merge(void)
{
    struct arena a = {0};
    struct vec conflicts = {0};
    const struct schema *e = schema_empty();
    struct table *users = table(&a, "users", 1);
    table_add_column(&a, users, column(&a, "name", ty(TYPE_TEXT, -1), false, NULL, 2));
    table_add_column(&a, users, column(&a, "email", ty(TYPE_VARCHAR, 50), false, NULL, 3));
    const struct schema *base = schema_put_table(&a, e, users);
    base = schema_put_table(&a, base, table(&a, "kept", 4));
    base = schema_put_index(&a, base, index_on(&a, "ix_name", "users", "name", false, 5));
    base = schema_put_view(&a, base, view(&a, "v", "select 1", 6));

    /* Fast paths. */
    const struct schema *one = schema_put_table(&a, base, table(&a, "one", 7));
    CHECK(schema_merge3(&a, base, base, one, &conflicts) == one);
    CHECK(schema_merge3(&a, base, one, base, &conflicts) == one);
    CHECK(schema_merge3(&a, base, one, one, &conflicts) == one);

    /* Branches adding different columns and different tables. */
    const struct schema *ours = schema_put_table(&a, base, with_column(&a, users,
        column(&a, "age", ty(TYPE_INTEGER, -1), false, NULL, 10)));
    ours = schema_put_table(&a, ours, table(&a, "orders", 11));
    ours = schema_put_index(&a, ours, index_on(&a, "ix_age", "users", "age", false, 12));
    struct table *tu = (struct table *)with_column(&a, users,
        column(&a, "phone", ty(TYPE_TEXT, -1), false, NULL, 20));
    table_add_constraint(&a, tu, key(&a, "users_phone_key", CON_UNIQUE, "phone", 20));
    const struct schema *theirs = schema_put_table(&a, base, tu);
    theirs = schema_put_table(&a, theirs, table(&a, "payments", 21));
    theirs = schema_remove_index(&a, theirs, "ix_name");
    theirs = schema_remove_table(&a, theirs, "kept");
    /* Both make the same change: no conflict. */
    ours = schema_put_view(&a, ours, view(&a, "v", "select 2", 13));
    theirs = schema_put_view(&a, theirs, view(&a, "v", " select 2 ", 22));

    const struct schema *m = schema_merge3(&a, base, ours, theirs, &conflicts);
    CHECK_INT(conflicts.n, 0);
    const struct table *mu = schema_find_table(m, "users");
    CHECK_INT(mu->ncols, 5);
    CHECK_STR(mu->cols[3]->name, "age");
    CHECK_STR(mu->cols[4]->name, "phone");
    CHECK(table_find_constraint(mu, "users_phone_key") != NULL);
    CHECK(schema_find_table(m, "orders") && schema_find_table(m, "payments"));
    CHECK(schema_find_table(m, "kept") == NULL);
    CHECK(schema_find_index(m, "ix_name") == NULL);
    CHECK(schema_find_index(m, "ix_age") != NULL);
    CHECK_STR(schema_find_view(m, "v")->body, "select 2");
    CHECK_INT(schema_table_count(m), 3);
    /* The derived lookups follow the merge. */
    const struct table *owner;
    CHECK(schema_find_relation(m, "users_phone_key", &owner) == REL_CONSTRAINT);
    CHECK(owner == mu);
    CHECK(schema_find_relation(m, "kept_pkey", NULL) == REL_NONE);
    CHECK(schema_find_relation(m, "payments_pkey", NULL) == REL_CONSTRAINT);
    const struct index **ixs;
    CHECK_INT(schema_indexes_on(m, "users", &a, &ixs), 1);
    CHECK_STR(ixs[0]->name, "ix_age");
    /* The inputs are untouched. */
    CHECK_INT(schema_find_table(ours, "users")->ncols, 4);
    CHECK(schema_find_table(base, "kept") != NULL);
    /* The merge of the merge with either side is the merge. */
    struct vec none = {0};
    CHECK_INT(schema_compare(&a, m, schema_merge3(&a, base, m, theirs, &none), &none), 0);
    CHECK_INT(none.n, 0);

    /* Conflicts: one per element, in name order; the result keeps ours. */
    struct table *cu = (struct table *)with_column(&a, users,
        column(&a, "email", ty(TYPE_VARCHAR, 100), false, NULL, 30));
    cu = (struct table *)without_column(&a, cu, "name");
    table_add_constraint(&a, cu, check(&a, "users_check", col_ref(&a, "email"), 30));
    ours = schema_put_table(&a, base, cu);
    ours = schema_put_index(&a, ours, index_on(&a, "ix_name", "users", "email", false, 31));
    ours = schema_remove_view(&a, ours, "v");
    ours = schema_put_table(&a, ours, table(&a, "both", 32));
    ours = schema_remove_table(&a, ours, "kept");

    struct table *tu2 = (struct table *)with_column(&a, users,
        column(&a, "email", ty(TYPE_TEXT, -1), false, NULL, 40));
    tu2 = (struct table *)with_column(&a, tu2, column(&a, "name", ty(TYPE_TEXT, -1), true, NULL, 41));
    table_add_constraint(&a, tu2, check(&a, "users_check", lit(&a, "1"), 42));
    theirs = schema_put_table(&a, base, tu2);
    theirs = schema_put_index(&a, theirs, index_on(&a, "ix_name", "users", "name", true, 43));
    theirs = schema_put_view(&a, theirs, view(&a, "v", "select 3", 44));
    struct table *both = table(&a, "both", 45);
    table_add_column(&a, both, column(&a, "x", ty(TYPE_TEXT, -1), false, NULL, 45));
    theirs = schema_put_table(&a, theirs, both);
    theirs = schema_put_table(&a, theirs, with_column(&a, schema_find_table(base, "kept"),
        column(&a, "y", ty(TYPE_TEXT, -1), false, NULL, 46)));

    struct vec cs = {0};
    m = schema_merge3(&a, base, ours, theirs, &cs);
    int i = 0;
    const struct schema_conflict *c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "table \"both\"");
    CHECK_STR(c->ours, "created (id bigint not null)");
    CHECK_STR(c->theirs, "created (id bigint not null, x text)");
    CHECK_INT(c->ours_loc.line, 32);
    CHECK_INT(c->theirs_loc.line, 45);
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "table \"kept\"");
    CHECK_STR(c->ours, "dropped");
    CHECK_STR(c->theirs, "altered (column \"kept\".\"y\" added)");
    CHECK(c->ours_loc.file == NULL);
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "column \"users\".\"email\"");
    CHECK_STR(c->ours, "varchar(100)");
    CHECK_STR(c->theirs, "text");
    CHECK_INT(c->ours_loc.line, 30);
    CHECK_INT(c->theirs_loc.line, 40);
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "column \"users\".\"name\"");
    CHECK_STR(c->ours, "dropped");
    CHECK_STR(c->theirs, "text not null");
    CHECK_INT(c->ours_loc.line, 1);   /* the table's loc stands in for the drop */
    CHECK_INT(c->theirs_loc.line, 41);
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "constraint \"users_check\" on table \"users\"");
    CHECK_STR(c->ours, "check (email)");
    CHECK_STR(c->theirs, "check (1)");
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "index \"ix_name\"");
    CHECK_STR(c->ours, "on users (email)");
    CHECK_STR(c->theirs, "unique on users (name)");
    c = conflict_at(&cs, i++);
    CHECK_STR(c->object, "view \"v\"");
    CHECK_STR(c->ours, "dropped");
    CHECK_STR(c->theirs, "as select 3");
    CHECK_INT(c->theirs_loc.line, 44);
    CHECK_INT(cs.n, i);
    /* Ours wins every conflict. */
    struct vec d = {0};
    CHECK_INT(schema_compare(&a, ours, m, &d), 0);
    arena_free(&a);
}

/* ---- default constraint names ---------------------------------------- */

static void test_default_names(void)
{
    struct arena a = {0};
    const char *two[] = {"a", "b"};
    const char *email[] = {"email"};
    CHECK_STR(schema_default_constraint_name(&a, "users", CON_PRIMARY_KEY, email, 1), "users_pkey");
    CHECK_STR(schema_default_constraint_name(&a, "users", CON_UNIQUE, email, 1), "users_email_key");
    CHECK_STR(schema_default_constraint_name(&a, "t", CON_UNIQUE, two, 2), "t_a_b_key");
    CHECK_STR(schema_default_constraint_name(&a, "t", CON_FOREIGN_KEY, two, 2), "t_a_b_fkey");
    CHECK_STR(schema_default_constraint_name(&a, "t", CON_CHECK, email, 1), "t_email_check");
    CHECK_STR(schema_default_constraint_name(&a, "t", CON_CHECK, NULL, 0), "t_check");

    /* Too long: PostgreSQL shortens the longer part until the name fits in
       63 bytes (CREATE TABLE aaa...(40) (bbb...(40) int UNIQUE) gives
       aaa...(29)_bbb...(29)_key). */
    char t40[41], c40[41], want[64];
    memset(t40, 'a', 40);
    t40[40] = '\0';
    memset(c40, 'b', 40);
    c40[40] = '\0';
    snprintf(want, sizeof want, "%.29s_%.29s_key", t40, c40);
    const char *cols[] = {c40};
    const char *got = schema_default_constraint_name(&a, t40, CON_UNIQUE, cols, 1);
    CHECK_STR(got, want);
    CHECK_INT(strlen(got), 63);
    char t70[71];
    memset(t70, 'c', 70);
    t70[70] = '\0';
    got = schema_default_constraint_name(&a, t70, CON_PRIMARY_KEY, NULL, 0);
    CHECK_INT(strlen(got), 63);
    CHECK(strcmp(got + 58, "_pkey") == 0);
    /* A multibyte character is never cut in half: with 40 "a" and "x"
       then 40 "é" (81 bytes), 57 bytes are left for both parts: 29 + 28,
       and byte 28 of the column part falls inside an "é", so it keeps 27. */
    char accents[82] = "x";
    for (int i = 0; i < 40; i++)
        memcpy(accents + 1 + 2 * i, "\xc3\xa9", 2);
    accents[81] = '\0';
    const char *acc[] = {accents};
    got = schema_default_constraint_name(&a, t40, CON_FOREIGN_KEY, acc, 1);
    CHECK_INT(strlen(got), 29 + 1 + 27 + 5);
    CHECK(strncmp(got + 30, accents, 27) == 0);
    CHECK_STR(got + 57, "_fkey");
    arena_free(&a);
}

/* ---- scale: a 10,000-revision history --------------------------------- */

static void test_scale(void)
{
    enum { REVISIONS = 10000 };
    struct arena a = {0};
    const struct schema **snap = malloc((REVISIONS + 1) * sizeof *snap);
    CHECK(snap != NULL);
    snap[0] = schema_empty();
    for (int i = 1; i <= REVISIONS; i++) {
        const char *name = arena_printf(&a, "t%05d", i);
        const struct schema *s = schema_put_table(&a, snap[i - 1], table(&a, name, i));
        snap[i] = schema_put_index(&a, s, index_on(&a, arena_printf(&a, "ix_%s", name), name,
                                                   "id", false, i));
    }
    CHECK_INT(schema_table_count(snap[REVISIONS]), REVISIONS);
    CHECK_INT(schema_table_count(snap[REVISIONS / 2]), REVISIONS / 2);

    /* What the round-trip check does per revision: upgrade, downgrade,
       compare with the parent. Shared subtrees make this O(log n). */
    size_t compare_bytes = 0;
    struct vec out = {0};
    for (int i = 0; i <= REVISIONS; i++) {
        const char *name = arena_printf(&a, "new%05d", i);
        const struct schema *up = schema_put_table(&a, snap[i], table(&a, name, i));
        up = schema_put_index(&a, up, index_on(&a, "ix_new", name, "id", false, i));
        const struct schema *down = schema_remove_table(&a, schema_remove_index(&a, up, "ix_new"),
                                                        name);
        CHECK(down != snap[i] || i == 0);
        size_t before = a.total;
        CHECK_INT(schema_compare(&a, snap[i], down, &out), 0);
        compare_bytes += a.total - before;
    }
    CHECK_INT(out.n, 0);
    CHECK_INT(compare_bytes, 0);

    /* Neighbouring snapshots differ by one table and one index. */
    struct vec diffs = {0};
    CHECK_INT(schema_compare(&a, snap[REVISIONS], snap[REVISIONS - 1], &diffs), 2);
    check_diff(&diffs, 0, "table \"t10000\"", "missing", "present", "absent");

    /* Two branches of 100 revisions each from the middle merge cleanly. */
    const struct schema *ours = snap[REVISIONS / 2], *theirs = ours;
    for (int i = 0; i < 100; i++) {
        ours = schema_put_table(&a, ours, table(&a, arena_printf(&a, "ours%03d", i), i));
        theirs = schema_put_table(&a, theirs, table(&a, arena_printf(&a, "theirs%03d", i), i));
    }
    struct vec conflicts = {0};
    const struct schema *m = schema_merge3(&a, snap[REVISIONS / 2], ours, theirs, &conflicts);
    CHECK_INT(conflicts.n, 0);
    CHECK_INT(schema_table_count(m), REVISIONS / 2 + 200);
    free(snap);
    arena_free(&a);
}

static const struct enum_type *enum_of(struct arena *a, const char *name, int line, int n, ...)
{
    struct enum_type *e = arena_alloc(a, sizeof *e);
    e->name = name;
    e->loc = at(line);
    e->values = arena_alloc(a, sizeof *e->values * (size_t)(n + 1));
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        e->values[i] = va_arg(ap, const char *);
    va_end(ap);
    e->nvalues = n;
    return e;
}

/* Enum types: in the relation namespace, compared value by value in
   order (exactly: labels are case-sensitive), described, merged. */
static void test_enum_types(void)
{
    struct arena a = {0};
    const struct schema *e = schema_empty();
    const struct schema *s = schema_put_type(&a, e, enum_of(&a, "mood", 1, 2, "happy", "sad"));
    s = schema_put_table(&a, s, table(&a, "person", 2));
    CHECK(schema_find_type(s, "MOOD") != NULL);
    CHECK(schema_find_type(e, "mood") == NULL);
    CHECK(schema_find_relation(s, "mood", NULL) == REL_TYPE);
    CHECK(schema_find_relation(s, "person", NULL) == REL_TABLE);
    const struct enum_type *m = schema_find_type(s, "mood");
    CHECK_INT(enum_value_index(m, "sad"), 1);
    CHECK_INT(enum_value_index(m, "Sad"), -1);
    CHECK(schema_type_eq(m, enum_of(&a, "Mood", 5, 2, "happy", "sad")));
    CHECK(!schema_type_eq(m, enum_of(&a, "mood", 5, 2, "sad", "happy")));
    CHECK(!schema_type_eq(m, enum_of(&a, "mood", 5, 3, "happy", "sad", "ok")));
    CHECK_STR(schema_describe_enum(&a, m), "enum ('happy', 'sad')");
    struct type t = {.kind = TYPE_ENUM, .p = -1, .s = -1, .named = "mood"};
    CHECK_STR(schema_describe_type(&a, &t), "mood");

    /* A value added: the difference is the type's definition. */
    const struct schema *more = schema_put_type(&a, s, enum_of(&a, "mood", 3, 3, "happy", "ok", "sad"));
    struct vec diffs = {0};
    CHECK_INT(schema_compare(&a, s, more, &diffs), 1);
    check_diff(&diffs, 0, "type \"mood\"", "definition", "enum ('happy', 'sad')",
               "enum ('happy', 'ok', 'sad')");
    const struct enum_type **all;
    CHECK_INT(schema_types(more, &a, &all), 1);
    CHECK(schema_find_type(schema_remove_type(&a, more, "mood"), "mood") == NULL);

    /* Two branches adding different values conflict; one side's change
       merges. */
    struct vec conflicts = {0};
    const struct schema *other = schema_put_type(&a, s, enum_of(&a, "mood", 4, 3, "happy", "sad", "meh"));
    CHECK(schema_find_type(schema_merge3(&a, s, more, s, &conflicts), "mood") ==
          schema_find_type(more, "mood"));
    CHECK_INT(conflicts.n, 0);
    schema_merge3(&a, s, more, other, &conflicts);
    CHECK_INT(conflicts.n, 1);
    CHECK_STR(conflict_at(&conflicts, 0)->object, "type \"mood\"");
    arena_free(&a);
}

int main(void)
{
    test_enum_types();
    test_pmap();
    test_puts_and_lookups();
    test_table_edits();
    test_referrers();
    test_compare();
    test_merge();
    test_default_names();
    test_scale();
    return 0;
}
