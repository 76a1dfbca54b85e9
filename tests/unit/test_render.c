/* SQL and .mig rendering, checked on syntax trees and schemas built by
   hand: quoting, types per dialect, expressions, identity, every ALTER
   action on PostgreSQL, and SQLite's choice between a native ALTER and the
   table rebuild. Exits 1 at the first difference, showing both texts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render.h"

static struct arena A;
static const struct loc L = {"t.mig", 1, 1, 1};

/* All statements of out joined with ";\n". */
static const char *joined(const struct vec *out)
{
    struct strbuf b = {0};
    for (int i = 0; i < out->n; i++) {
        strbuf_puts(&b, VEC_AT(*out, i, const struct sql_stmt *)->sql);
        strbuf_puts(&b, ";\n");
    }
    return strbuf_to_arena(&b, &A);
}

/* ---- builders ------------------------------------------------------- */

static struct expr *ex(enum expr_kind k, const char *text)
{
    struct expr *e = expr_new(&A, k, L);
    e->text = text;
    return e;
}

static struct expr *ex_args(enum expr_kind k, enum expr_op op, int n, const struct expr *a0,
                            const struct expr *a1, const struct expr *a2)
{
    struct expr *e = expr_new(&A, k, L);
    e->op = op;
    e->nargs = n;
    const struct expr **args = arena_alloc(&A, 3 * sizeof *args);
    args[0] = a0;
    args[1] = a1;
    args[2] = a2;
    e->args = args;
    return e;
}

static struct expr *col_(const char *n) { return ex(EXPR_COLUMN, n); }
static struct expr *int_(const char *n) { return ex(EXPR_INT, n); }
static struct expr *bin(enum expr_op op, const struct expr *l, const struct expr *r)
{
    return ex_args(EXPR_BINARY, op, 2, l, r, NULL);
}
static struct expr *paren(const struct expr *x) { return ex_args(EXPR_PAREN, OP_NONE, 1, x, NULL, NULL); }
static struct expr *func0(const char *name)
{
    struct expr *e = ex(EXPR_FUNC, name);
    return e;
}

static struct type ty(enum type_kind k, int p, int s)
{
    struct type t = {.kind = k, .p = p, .s = s};
    return t;
}

static struct column *column(const char *name, struct type t, bool not_null, bool identity,
                             const struct expr *dflt)
{
    struct column *c = arena_alloc(&A, sizeof *c);
    c->name = name;
    c->type = t;
    c->not_null = not_null;
    c->identity = identity;
    c->dflt = dflt;
    return c;
}

static const char **names(const char *a, const char *b)
{
    const char **v = arena_alloc(&A, 2 * sizeof *v);
    v[0] = a;
    v[1] = b;
    return v;
}

static struct constraint *con(const char *name, enum constraint_kind k, const char *c1,
                              const char *c2)
{
    struct constraint *c = arena_alloc(&A, sizeof *c);
    c->name = name;
    c->kind = k;
    c->cols = names(c1, c2);
    c->ncols = c1 ? (c2 ? 2 : 1) : 0;
    return c;
}

static struct constraint *fk(const char *name, const char *col, const char *ref_table,
                             const char *ref_col, enum fk_action on_delete)
{
    struct constraint *c = con(name, CON_FOREIGN_KEY, col, NULL);
    c->ref_table = ref_table;
    c->ref_cols = names(ref_col, NULL);
    c->nref_cols = 1;
    c->on_delete = on_delete;
    return c;
}

static struct constraint *check(const char *name, const struct expr *e)
{
    struct constraint *c = con(name, CON_CHECK, NULL, NULL);
    c->check = e;
    return c;
}

static struct table *table(const char *name)
{
    struct table t0 = {.name = name};
    return table_copy(&A, &t0);
}

static struct index *index_on(const char *name, const char *table, const char *col,
                              const struct expr *e, bool desc)
{
    struct index *ix = arena_alloc(&A, sizeof *ix);
    struct index_elem *el = arena_alloc(&A, sizeof *el);
    el->column.name = col;
    el->expr = e;
    el->desc = desc;
    const struct index_elem **elems = arena_alloc(&A, sizeof *elems);
    elems[0] = el;
    ix->name = name;
    ix->table = table;
    ix->elems = elems;
    ix->nelems = 1;
    return ix;
}

static struct view *view(const char *name, const char *body, const char *dep_table)
{
    struct view *v = arena_alloc(&A, sizeof *v);
    struct view_dep *d = arena_alloc(&A, sizeof *d);
    d->table = dep_table;
    v->name = name;
    v->body = body;
    v->deps = d;
    v->ndeps = 1;
    return v;
}

static struct alter_action *action(enum alter_kind k, const char *name)
{
    struct alter_action *a = arena_alloc(&A, sizeof *a);
    a->kind = k;
    a->name.name = name;
    return a;
}

static struct stmt *alter(const char *table, struct alter_action *a1, struct alter_action *a2)
{
    struct stmt *st = stmt_new(&A, STMT_ALTER_TABLE, L);
    st->table.name = table;
    vec_push(&A, &st->actions, a1);
    if (a2)
        vec_push(&A, &st->actions, a2);
    return st;
}

static struct column_def *column_def(const char *name, struct type t)
{
    struct column_def *c = arena_alloc(&A, sizeof *c);
    c->name.name = name;
    c->type = t;
    return c;
}

static const char *render(const struct dialect *d, const struct schema *before,
                          const struct schema *after, const struct stmt *st)
{
    struct vec out = {0};
    render_stmt(&A, d, before, after, st, &out);
    return joined(&out);
}

/* users as in LANGUAGE.md's example. */
static struct table *users_table(void)
{
    struct table *t = table("users");
    table_add_column(&A, t, column("id", ty(TYPE_BIGINT, -1, -1), true, true, NULL));
    table_add_column(&A, t, column("username", ty(TYPE_VARCHAR, 50, -1), true, false, NULL));
    table_add_column(&A, t, column("email", ty(TYPE_VARCHAR, 100, -1), true, false, NULL));
    table_add_column(&A, t, column("created_at", ty(TYPE_TIMESTAMP, -1, -1), true, false,
                                   ex(EXPR_CURRENT_TIMESTAMP, NULL)));
    table_add_constraint(&A, t, con("users_pkey", CON_PRIMARY_KEY, "id", NULL));
    table_add_constraint(&A, t, con("users_username_key", CON_UNIQUE, "username", NULL));
    table_add_constraint(&A, t, con("users_email_key", CON_UNIQUE, "email", NULL));
    return t;
}

/* ---- tests ---------------------------------------------------------- */

static void test_names(void)
{
    CHECK_STR(render_name(&A, "users"), "users");
    CHECK_STR(render_name(&A, "user"), "\"user\"");          /* PostgreSQL */
    CHECK_STR(render_name(&A, "order"), "\"order\"");
    CHECK_STR(render_name(&A, "index"), "\"index\"");        /* SQLite */
    CHECK_STR(render_name(&A, "values"), "\"values\"");      /* SQLite */
    CHECK_STR(render_name(&A, "key"), "key");                /* neither */
    CHECK_STR(render_name(&A, "type"), "type");
    CHECK_STR(render_name(&A, "Users"), "\"Users\"");
    CHECK_STR(render_name(&A, "weird name"), "\"weird name\"");
    CHECK_STR(render_name(&A, "say\"hi"), "\"say\"\"hi\"");
    CHECK_STR(render_name(&A, "1st"), "\"1st\"");
    CHECK_STR(render_name(&A, "_x1"), "_x1");
    CHECK_STR(render_string(&A, "it's"), "'it''s'");
    CHECK_STR(render_string(&A, ""), "''");
}

/* The table the rest of the compiler iterates: indexed by ABI index,
   reserved words sorted, names and aliases found, masks answered. */
static void test_dialect_table(void)
{
    CHECK(dialect_count == 2);
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        CHECK(d->abi == i);
        CHECK(d->target == 1u << i);
        CHECK(d->alter && d->identity);
        CHECK(dialect_find(d->name) == d);
        CHECK(dialect_only(d->target) == d);
        for (int k = 1; k < d->nreserved; k++)
            CHECK(strcmp(d->reserved[k - 1], d->reserved[k]) < 0);
    }
    CHECK(dialect_find("postgresql") == &render_pg_dialect);
    CHECK(dialect_find("mysql") == NULL);
    CHECK(dialect_find("Postgres") == NULL);
    CHECK(dialect_all() == 3u);
    CHECK(dialect_only(dialect_all()) == NULL);
    CHECK(dialect_rules(render_sqlite_dialect.target) ==
          (DIALECT_IDENTITY_ROWID | DIALECT_POSTGRES_ONLY_REFUSED));
    CHECK(dialect_rules(dialect_all()) ==
          (DIALECT_IDENTITY_ROWID | DIALECT_IDENTITY_INTEGER | DIALECT_LOCKS |
           DIALECT_POSTGRES_ONLY_REFUSED | DIALECT_ENUM_RETYPE));
    struct strbuf b = {0};
    dialect_put_choices(&b, "--dialect ");
    CHECK_STR(strbuf_to_arena(&b, &A), "--dialect sqlite or --dialect postgres");
}

static void test_types(void)
{
    struct type t;
    t = ty(TYPE_BIGINT, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "INTEGER");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "BIGINT");
    CHECK_STR(render_mig_type(&A, &t), "bigint");
    t = ty(TYPE_DOUBLE, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "REAL");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "DOUBLE PRECISION");
    t = ty(TYPE_NUMERIC, 10, 2);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "NUMERIC(10,2)");
    CHECK_STR(render_mig_type(&A, &t), "numeric(10,2)");
    t = ty(TYPE_NUMERIC, 8, -1);
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "NUMERIC(8)");
    t = ty(TYPE_VARCHAR, 50, -1);
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "VARCHAR(50)");
    t = ty(TYPE_TIMESTAMPTZ, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "TIMESTAMP");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "TIMESTAMPTZ");
    t = ty(TYPE_UUID, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "CHAR(36)");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "UUID");
    t = ty(TYPE_JSONB, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "TEXT");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "JSONB");
    t = ty(TYPE_BLOB, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "BLOB");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "BYTEA");
    t = ty(TYPE_BOOLEAN, -1, -1);
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "BOOLEAN");
}

static void test_expressions(void)
{
    struct expr *a = col_("a"), *b = col_("b"), *c = col_("c");
    /* Precedence from the tree: only the parentheses it needs. */
    CHECK_STR(render_expr(&A, &render_pg_dialect, bin(OP_ADD, a, bin(OP_MUL, b, c))), "a + b * c");
    CHECK_STR(render_expr(&A, &render_pg_dialect, bin(OP_MUL, bin(OP_ADD, a, b), c)), "(a + b) * c");
    CHECK_STR(render_expr(&A, &render_pg_dialect, bin(OP_SUB, a, bin(OP_SUB, b, c))), "a - (b - c)");
    CHECK_STR(render_expr(&A, &render_pg_dialect, bin(OP_SUB, bin(OP_SUB, a, b), c)), "a - b - c");
    /* || binds differently in the two dialects: always parenthesized. */
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, bin(OP_CONCAT, a, bin(OP_ADD, b, c))), "a || (b + c)");
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, bin(OP_CONCAT, bin(OP_CONCAT, a, b), c)), "a || b || c");
    /* The author's parentheses are kept. */
    CHECK_STR(render_expr(&A, &render_pg_dialect, bin(OP_ADD, a, paren(bin(OP_MUL, b, c)))), "a + (b * c)");
    CHECK_STR(render_expr(&A, &render_pg_dialect,
                          bin(OP_AND, bin(OP_OR, a, b), c)), "(a OR b) AND c");
    CHECK_STR(render_expr(&A, &render_pg_dialect,
                          bin(OP_OR, bin(OP_AND, a, b), c)), "a AND b OR c");
    CHECK_STR(render_expr(&A, &render_pg_dialect,
                          ex_args(EXPR_UNARY, OP_NOT, 1, bin(OP_AND, a, b), NULL, NULL)),
              "NOT (a AND b)");
    CHECK_STR(render_expr(&A, &render_pg_dialect,
                          ex_args(EXPR_UNARY, OP_NEG, 1,
                                  ex_args(EXPR_UNARY, OP_NEG, 1, a, NULL, NULL), NULL, NULL)),
              "-(-a)");
    struct expr *isnull = ex_args(EXPR_IS_NULL, OP_NONE, 1, bin(OP_EQ, a, b), NULL, NULL);
    isnull->negated = true;
    CHECK_STR(render_expr(&A, &render_pg_dialect, isnull), "(a = b) IS NOT NULL");
    struct expr *in = ex_args(EXPR_IN, OP_NONE, 3, a, int_("1"), ex(EXPR_STRING, "x'y"));
    in->negated = true;
    CHECK_STR(render_expr(&A, &render_pg_dialect, in), "a NOT IN (1, 'x''y')");
    CHECK_STR(render_expr(&A, &render_pg_dialect,
                          ex_args(EXPR_BETWEEN, OP_NONE, 3, a, int_("1"), bin(OP_ADD, b, int_("2")))),
              "a BETWEEN 1 AND b + 2");
    CHECK_STR(render_expr(&A, &render_sqlite_dialect,
                          ex_args(EXPR_LIKE, OP_NONE, 2, col_("name"), ex(EXPR_STRING, "a%"), NULL)),
              "name LIKE 'a%'");
    /* Reserved names are quoted in expressions too. */
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, bin(OP_GT, col_("order"), int_("0"))),
              "\"order\" > 0");
    /* now(), booleans and other calls per dialect. */
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, func0("now")), "CURRENT_TIMESTAMP");
    CHECK_STR(render_expr(&A, &render_pg_dialect, func0("now")), "now()");
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, ex(EXPR_TRUE, NULL)), "1");
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, ex(EXPR_FALSE, NULL)), "0");
    CHECK_STR(render_expr(&A, &render_pg_dialect, ex(EXPR_TRUE, NULL)), "TRUE");
    struct expr *lower = ex_args(EXPR_FUNC, OP_NONE, 1, col_("email"), NULL, NULL);
    lower->text = "lower";
    CHECK_STR(render_expr(&A, &render_sqlite_dialect, lower), "lower(email)");
    CHECK_STR(render_mig_expr(&A, bin(OP_AND, isnull, ex(EXPR_TRUE, NULL))),
              "(a = b) is not null and true");
}

static void test_create_table(void)
{
    struct table *t = users_table();
    const struct schema *s = schema_put_table(&A, schema_empty(), t);
    struct stmt *st = stmt_new(&A, STMT_CREATE_TABLE, L);
    st->table.name = "users";
    CHECK_STR(render(&render_pg_dialect, schema_empty(), s, st),
              "CREATE TABLE users (\n"
              "    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"
              "    username VARCHAR(50) NOT NULL,\n"
              "    email VARCHAR(100) NOT NULL,\n"
              "    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
              "    CONSTRAINT users_pkey PRIMARY KEY (id),\n"
              "    CONSTRAINT users_username_key UNIQUE (username),\n"
              "    CONSTRAINT users_email_key UNIQUE (email)\n"
              ");\n");
    /* SQLite: the identity key is the rowid alias, inline but named. */
    CHECK_STR(render(&render_sqlite_dialect, schema_empty(), s, st),
              "CREATE TABLE users (\n"
              "    id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY,\n"
              "    username VARCHAR(50) NOT NULL,\n"
              "    email VARCHAR(100) NOT NULL,\n"
              "    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
              "    CONSTRAINT users_username_key UNIQUE (username),\n"
              "    CONSTRAINT users_email_key UNIQUE (email)\n"
              ");\n");

    /* Reserved names, foreign keys, checks, defaults per dialect. */
    struct table *o = table("order");
    table_add_column(&A, o, column("user", ty(TYPE_BIGINT, -1, -1), false, false, NULL));
    table_add_column(&A, o, column("paid", ty(TYPE_BOOLEAN, -1, -1), true, false,
                                   ex(EXPR_FALSE, NULL)));
    table_add_column(&A, o, column("at", ty(TYPE_TIMESTAMPTZ, -1, -1), false, false, func0("now")));
    table_add_column(&A, o, column("qty", ty(TYPE_INTEGER, -1, -1), false, false,
                                   bin(OP_ADD, int_("1"), int_("2"))));
    table_add_column(&A, o, column("n", ty(TYPE_INTEGER, -1, -1), false, false,
                                   ex_args(EXPR_UNARY, OP_NEG, 1, int_("1"), NULL, NULL)));
    table_add_constraint(&A, o, fk("order_user_fkey", "user", "users", "id", FK_CASCADE));
    table_add_constraint(&A, o, check("order_qty_check", paren(bin(OP_GT, col_("qty"), int_("0")))));
    s = schema_put_table(&A, s, o);
    st->table.name = "order";
    CHECK_STR(render(&render_sqlite_dialect, schema_empty(), s, st),
              "CREATE TABLE \"order\" (\n"
              "    \"user\" INTEGER,\n"
              "    paid BOOLEAN NOT NULL DEFAULT 0,\n"
              "    at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
              "    qty INTEGER DEFAULT (1 + 2),\n"
              "    n INTEGER DEFAULT -1,\n"
              "    CONSTRAINT order_user_fkey FOREIGN KEY (\"user\") REFERENCES users (id) ON DELETE CASCADE,\n"
              "    CONSTRAINT order_qty_check CHECK (qty > 0)\n"
              ");\n");
    CHECK_STR(render(&render_pg_dialect, schema_empty(), s, st),
              "CREATE TABLE \"order\" (\n"
              "    \"user\" BIGINT,\n"
              "    paid BOOLEAN NOT NULL DEFAULT FALSE,\n"
              "    at TIMESTAMPTZ DEFAULT now(),\n"
              "    qty INTEGER DEFAULT (1 + 2),\n"
              "    n INTEGER DEFAULT -1,\n"
              "    CONSTRAINT order_user_fkey FOREIGN KEY (\"user\") REFERENCES users (id) ON DELETE CASCADE,\n"
              "    CONSTRAINT order_qty_check CHECK (qty > 0)\n"
              ");\n");
}

/* users(id, email, name) with one row source: before and after schemas
   for each alter action. */
static const struct schema *base_schema(void)
{
    struct table *t = table("people");
    table_add_column(&A, t, column("id", ty(TYPE_INTEGER, -1, -1), true, false, NULL));
    table_add_column(&A, t, column("Email", ty(TYPE_TEXT, -1, -1), false, false, NULL));
    table_add_column(&A, t, column("age", ty(TYPE_TEXT, -1, -1), false, false, NULL));
    table_add_constraint(&A, t, con("people_pkey", CON_PRIMARY_KEY, "id", NULL));
    return schema_put_table(&A, schema_empty(), t);
}

static const struct schema *with_table(const struct schema *s, struct table *t)
{
    return schema_put_table(&A, s, t);
}

static struct table *people(const struct schema *s)
{
    return table_copy(&A, schema_find_table(s, "people"));
}

static void test_pg_alter(void)
{
    const struct schema *before = base_schema();

    /* add column with an inline unique: the name comes from the schema. */
    struct alter_action *add = action(ALTER_ADD_COLUMN, NULL);
    add->column = column_def("nick", ty(TYPE_VARCHAR, 20, -1));
    struct constraint_def *uq = arena_alloc(&A, sizeof *uq);
    uq->kind = CON_UNIQUE;
    vec_push(&A, &uq->cols, ident_new(&A, "nick", L));
    vec_push(&A, &add->column->constraints, uq);
    struct table *t = people(before);
    table_add_column(&A, t, column("nick", ty(TYPE_VARCHAR, 20, -1), false, false, NULL));
    table_add_constraint(&A, t, con("people_nick_key", CON_UNIQUE, "nick", NULL));
    struct alter_action *drop = action(ALTER_DROP_COLUMN, "age");
    table_remove_column(t, table_column_index(t, "age"));
    const struct schema *after = with_table(before, t);
    CHECK_STR(render(&render_pg_dialect, before, after, alter("people", add, drop)),
              "ALTER TABLE people\n"
              "    ADD COLUMN nick VARCHAR(20),\n"
              "    ADD CONSTRAINT people_nick_key UNIQUE (nick),\n"
              "    DROP COLUMN age;\n");

    /* Column names keep the spelling they were created with ("Email"). */
    struct alter_action *ren = action(ALTER_RENAME_COLUMN, "email");
    ren->new_name.name = "mail";
    struct alter_action *nn = action(ALTER_SET_NOT_NULL, "mail");
    t = people(before);
    table_replace_column(t, 1, column("mail", ty(TYPE_TEXT, -1, -1), true, false, NULL));
    after = with_table(before, t);
    CHECK_STR(render(&render_pg_dialect, before, after, alter("people", ren, nn)),
              "ALTER TABLE people RENAME COLUMN \"Email\" TO mail;\n"
              "ALTER TABLE people ALTER COLUMN mail SET NOT NULL;\n");

    /* type with and without using; defaults; not null. */
    struct alter_action *ty1 = action(ALTER_TYPE, "age");
    ty1->type = ty(TYPE_INTEGER, -1, -1);
    ty1->expr = paren(ex_args(EXPR_FUNC, OP_NONE, 1, col_("age"), NULL, NULL));
    ((struct expr *)ty1->expr->args[0])->text = "length";
    struct alter_action *ty2 = action(ALTER_TYPE, "email");
    ty2->type = ty(TYPE_VARCHAR, 200, -1);
    t = people(before);
    table_replace_column(t, 2, column("age", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_replace_column(t, 1, column("Email", ty(TYPE_VARCHAR, 200, -1), false, false, NULL));
    after = with_table(before, t);
    CHECK_STR(render(&render_pg_dialect, before, after, alter("people", ty1, ty2)),
              "ALTER TABLE people\n"
              "    ALTER COLUMN age TYPE INTEGER USING (length(age)),\n"
              "    ALTER COLUMN \"Email\" TYPE VARCHAR(200);\n");

    struct alter_action *sd = action(ALTER_SET_DEFAULT, "age");
    sd->expr = ex(EXPR_STRING, "n/a");
    struct alter_action *dd = action(ALTER_DROP_DEFAULT, "age");
    CHECK_STR(render(&render_pg_dialect, before, before, alter("people", sd, dd)),
              "ALTER TABLE people\n"
              "    ALTER COLUMN age SET DEFAULT 'n/a',\n"
              "    ALTER COLUMN age DROP DEFAULT;\n");
    struct alter_action *dnn = action(ALTER_DROP_NOT_NULL, "id");
    CHECK_STR(render(&render_pg_dialect, before, before, alter("people", dnn, NULL)),
              "ALTER TABLE people ALTER COLUMN id DROP NOT NULL;\n");

    /* add / drop constraint */
    struct alter_action *ac = action(ALTER_ADD_CONSTRAINT, NULL);
    struct constraint_def *cd = arena_alloc(&A, sizeof *cd);
    cd->kind = CON_CHECK;
    cd->check = bin(OP_NE, col_("age"), ex(EXPR_STRING, ""));
    ac->constraint = cd;
    t = people(before);
    table_add_constraint(&A, t, check("people_check", cd->check));
    after = with_table(before, t);
    struct alter_action *dc = action(ALTER_DROP_CONSTRAINT, "people_pkey");
    struct table *t2 = table_copy(&A, t);
    table_remove_constraint(t2, 0);
    const struct schema *after2 = with_table(before, t2);
    CHECK_STR(render(&render_pg_dialect, before, after2, alter("people", ac, dc)),
              "ALTER TABLE people\n"
              "    ADD CONSTRAINT people_check CHECK (age <> ''),\n"
              "    DROP CONSTRAINT people_pkey;\n");
}

static void test_sqlite_native(void)
{
    const struct schema *before = base_schema();
    /* nullable column, constant default: native */
    struct alter_action *add = action(ALTER_ADD_COLUMN, NULL);
    add->column = column_def("score", ty(TYPE_INTEGER, -1, -1));
    add->column->not_null = true;
    add->column->dflt = int_("0");
    struct table *t = people(before);
    table_add_column(&A, t, column("score", ty(TYPE_INTEGER, -1, -1), true, false, int_("0")));
    struct alter_action *ren = action(ALTER_RENAME_COLUMN, "age");
    ren->new_name.name = "years";
    table_replace_column(t, 2, column("years", ty(TYPE_TEXT, -1, -1), false, false, NULL));
    const struct schema *after = with_table(before, t);
    CHECK_STR(render(&render_sqlite_dialect, before, after, alter("people", add, ren)),
              "ALTER TABLE people ADD COLUMN score INTEGER NOT NULL DEFAULT 0;\n"
              "ALTER TABLE people RENAME COLUMN age TO years;\n");

    /* dropping a column nothing uses: native */
    struct alter_action *drop = action(ALTER_DROP_COLUMN, "age");
    t = people(before);
    table_remove_column(t, 2);
    after = with_table(before, t);
    CHECK_STR(render(&render_sqlite_dialect, before, after, alter("people", drop, NULL)),
              "ALTER TABLE people DROP COLUMN age;\n");

    /* ... and an indexed one too, once its index, which goes with it, is
       dropped (SQLite refuses to drop an indexed column) */
    const struct schema *indexed = schema_put_index(&A, before,
                                                    index_on("ix_age", "people", "age", NULL, false));
    CHECK_STR(render(&render_sqlite_dialect, indexed, after, alter("people", drop, NULL)),
              "DROP INDEX ix_age;\n"
              "ALTER TABLE people DROP COLUMN age;\n");
}

static void expect_rebuild(int line, const char *sql, bool want)
{
    bool got = strstr(sql, "CREATE TABLE _migc_new_people (") != NULL;
    if (got != want)
        check_fail_diff(__FILE__, line, "SQLite's choice of rebuild", want ? "a rebuild" : "a native ALTER", sql);
}

/* Each case: one action alone, rebuilt or not. */
static void test_sqlite_decisions(void)
{
    const struct schema *before = base_schema();
    struct table *t;

    /* add column ... unique: SQLite's ADD COLUMN cannot */
    struct alter_action *add = action(ALTER_ADD_COLUMN, NULL);
    add->column = column_def("code", ty(TYPE_TEXT, -1, -1));
    struct constraint_def *uq = arena_alloc(&A, sizeof *uq);
    uq->kind = CON_UNIQUE;
    vec_push(&A, &uq->cols, ident_new(&A, "code", L));
    vec_push(&A, &add->column->constraints, uq);
    t = people(before);
    table_add_column(&A, t, column("code", ty(TYPE_TEXT, -1, -1), false, false, NULL));
    table_add_constraint(&A, t, con("people_code_key", CON_UNIQUE, "code", NULL));
    const char *sql = render(&render_sqlite_dialect, before, with_table(before, t), alter("people", add, NULL));
    expect_rebuild(__LINE__, sql, true);
    if (!strstr(sql, "CONSTRAINT people_code_key UNIQUE (code)"))
        check_fail_diff(__FILE__, __LINE__, "constraint name", "people_code_key", sql);
    /* No foreign key involves people: no foreign key check. */
    if (strstr(sql, "foreign_key_check"))
        check_fail_diff(__FILE__, __LINE__, "foreign key check", "none", sql);

    /* add column with a non-constant default */
    add = action(ALTER_ADD_COLUMN, NULL);
    add->column = column_def("at", ty(TYPE_TIMESTAMP, -1, -1));
    add->column->dflt = func0("now");
    t = people(before);
    table_add_column(&A, t, column("at", ty(TYPE_TIMESTAMP, -1, -1), false, false, func0("now")));
    sql = render(&render_sqlite_dialect, before, with_table(before, t), alter("people", add, NULL));
    expect_rebuild(__LINE__, sql, true);
    if (!strstr(sql, "    at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"))
        check_fail_diff(__FILE__, __LINE__, "now() default", "DEFAULT CURRENT_TIMESTAMP", sql);

    /* set default, drop not null: always a rebuild */
    struct alter_action *sd = action(ALTER_SET_DEFAULT, "age");
    sd->expr = ex(EXPR_STRING, "0");
    t = people(before);
    table_replace_column(t, 2, column("age", ty(TYPE_TEXT, -1, -1), false, false, sd->expr));
    sql = render(&render_sqlite_dialect, before, with_table(before, t), alter("people", sd, NULL));
    expect_rebuild(__LINE__, sql, true);
    expect_rebuild(__LINE__, render(&render_sqlite_dialect, before, before,
                                    alter("people", action(ALTER_DROP_NOT_NULL, "id"), NULL)),
                   true);

    /* drop a column a check reads, or a view reads: rebuild */
    t = people(before);
    table_add_constraint(&A, t, check("people_age_check", bin(OP_NE, col_("age"), ex(EXPR_STRING, ""))));
    const struct schema *checked = with_table(before, t);
    struct table *t2 = people(before);
    table_remove_column(t2, 2);
    struct alter_action *drop = action(ALTER_DROP_COLUMN, "age");
    expect_rebuild(__LINE__, render(&render_sqlite_dialect, checked, with_table(before, t2),
                                    alter("people", drop, NULL)), true);
    struct view *v = view("ages", "select age from people", "people");
    ((struct view_dep *)v->deps)->column = "age";
    const struct schema *viewed = schema_put_view(&A, before, v);
    expect_rebuild(__LINE__, render(&render_sqlite_dialect, viewed, with_table(viewed, t2),
                                    alter("people", drop, NULL)), true);
    /* ... a view reading other columns does not stop a native drop */
    ((struct view_dep *)v->deps)->column = "id";
    expect_rebuild(__LINE__, render(&render_sqlite_dialect, viewed, with_table(viewed, t2),
                                    alter("people", drop, NULL)), false);
}

static void test_sqlite_identity_rebuild(void)
{
    /* The rowid alias survives a rebuild, name included. */
    const struct schema *before = schema_put_table(&A, schema_empty(), users_table());
    struct table *t = table_copy(&A, schema_find_table(before, "users"));
    table_remove_constraint(t, 2);
    struct alter_action *dc = action(ALTER_DROP_CONSTRAINT, "users_email_key");
    const char *sql = render(&render_sqlite_dialect, before, with_table(before, t), alter("users", dc, NULL));
    if (!strstr(sql, "CREATE TABLE _migc_new_users (\n    id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY,\n"))
        check_fail_diff(__FILE__, __LINE__, "rowid alias after a rebuild", "id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY", sql);
}

static void test_sqlite_rebuild(void)
{
    /* people with an index and a view on it, referenced by pets. */
    const struct schema *before = base_schema();
    before = schema_put_index(&A, before, index_on("ix_people_email", "people", "Email",
                                                   NULL, true));
    struct expr *lower = ex_args(EXPR_FUNC, OP_NONE, 1, col_("email"), NULL, NULL);
    lower->text = "lower";
    before = schema_put_index(&A, before, index_on("ix_people_lower", "people", NULL, lower, false));
    before = schema_put_view(&A, before, view("adults", "\n  select * from people;\n", "people"));
    before = schema_put_view(&A, before, view("adult_names", "select age from adults", "adults"));
    struct table *pets = table("pets");
    table_add_column(&A, pets, column("owner", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_add_constraint(&A, pets, fk("pets_owner_fkey", "owner", "people", "id", FK_NONE));
    before = with_table(before, pets);

    /* alter type (using), rename, add column with a non-constant default
       and set not null: one rebuild. */
    struct alter_action *ren = action(ALTER_RENAME_COLUMN, "age");
    ren->new_name.name = "years";
    struct alter_action *ty1 = action(ALTER_TYPE, "years");
    ty1->type = ty(TYPE_INTEGER, -1, -1);
    ty1->expr = bin(OP_ADD, ex_args(EXPR_FUNC, OP_NONE, 1, col_("years"), NULL, NULL), int_("1"));
    ((struct expr *)ty1->expr->args[0])->text = "length";
    struct alter_action *ty2 = action(ALTER_TYPE, "email");
    ty2->type = ty(TYPE_VARCHAR, 100, -1);
    struct alter_action *add = action(ALTER_ADD_COLUMN, NULL);
    add->column = column_def("seen", ty(TYPE_TIMESTAMP, -1, -1));
    add->column->dflt = ex(EXPR_CURRENT_TIMESTAMP, NULL);
    struct stmt *st = alter("people", ren, ty1);
    vec_push(&A, &st->actions, ty2);
    vec_push(&A, &st->actions, add);

    struct table *t = people(before);
    table_replace_column(t, 1, column("Email", ty(TYPE_VARCHAR, 100, -1), false, false, NULL));
    table_replace_column(t, 2, column("years", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_add_column(&A, t, column("seen", ty(TYPE_TIMESTAMP, -1, -1), false, false,
                                   ex(EXPR_CURRENT_TIMESTAMP, NULL)));
    const struct schema *after = with_table(before, t);
    CHECK_STR(render(&render_sqlite_dialect, before, after, st),
              "DROP VIEW adult_names;\n"
              "DROP VIEW adults;\n"
              "CREATE TABLE _migc_new_people (\n"
              "    id INTEGER NOT NULL,\n"
              "    \"Email\" VARCHAR(100),\n"
              "    years INTEGER,\n"
              "    seen TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
              "    CONSTRAINT people_pkey PRIMARY KEY (id)\n"
              ");\n"
              "INSERT INTO _migc_new_people (id, \"Email\", years)\n"
              "SELECT id, CAST(\"Email\" AS VARCHAR(100)), length(age) + 1\n"
              "FROM people;\n"
              "DROP TABLE people;\n"
              "ALTER TABLE _migc_new_people RENAME TO people;\n"
              "CREATE INDEX ix_people_email ON people (\"Email\" DESC);\n"
              "CREATE INDEX ix_people_lower ON people ((lower(\"Email\")));\n"
              "CREATE VIEW adults AS\nselect * from people;\n"
              "CREATE VIEW adult_names AS\nselect age from adults;\n"
              "CREATE TEMP TABLE _migc_fk_check (n INTEGER CONSTRAINT foreign_key_violation CHECK (n = 0));\n"
              "INSERT INTO _migc_fk_check SELECT count(*) FROM pragma_foreign_key_check;\n"
              "DROP TABLE _migc_fk_check;\n");

    /* PostgreSQL does the same natively, in order. */
    CHECK_STR(render(&render_pg_dialect, before, after, st),
              "ALTER TABLE people RENAME COLUMN age TO years;\n"
              "ALTER TABLE people\n"
              "    ALTER COLUMN years TYPE INTEGER USING (length(years) + 1),\n"
              "    ALTER COLUMN \"Email\" TYPE VARCHAR(100),\n"
              "    ADD COLUMN seen TIMESTAMP DEFAULT CURRENT_TIMESTAMP;\n");
}

static void test_schema_order(void)
{
    /* a -> b -> a is a cycle; c references a. */
    struct table *a = table("a"), *b = table("b"), *c = table("c");
    table_add_column(&A, a, column("id", ty(TYPE_INTEGER, -1, -1), true, false, NULL));
    table_add_column(&A, a, column("b_id", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_add_constraint(&A, a, con("a_pkey", CON_PRIMARY_KEY, "id", NULL));
    table_add_constraint(&A, a, fk("a_b_id_fkey", "b_id", "b", "id", FK_NONE));
    table_add_column(&A, b, column("id", ty(TYPE_INTEGER, -1, -1), true, false, NULL));
    table_add_column(&A, b, column("a_id", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_add_constraint(&A, b, con("b_pkey", CON_PRIMARY_KEY, "id", NULL));
    table_add_constraint(&A, b, fk("b_a_id_fkey", "a_id", "a", "id", FK_SET_NULL));
    table_add_column(&A, c, column("a_id", ty(TYPE_INTEGER, -1, -1), false, false, NULL));
    table_add_constraint(&A, c, fk("c_a_id_fkey", "a_id", "a", "id", FK_NONE));
    const struct schema *s = with_table(with_table(with_table(schema_empty(), c), b), a);
    s = schema_put_view(&A, s, view("v2", "select * from v1", "v1"));
    s = schema_put_view(&A, s, view("v1", "select * from c", "c"));
    struct vec out = {0};
    render_schema(&A, &render_pg_dialect, s, &out);
    CHECK_STR(joined(&out),
              "CREATE TABLE a (\n    id INTEGER NOT NULL,\n    b_id INTEGER,\n"
              "    CONSTRAINT a_pkey PRIMARY KEY (id)\n);\n"
              "CREATE TABLE b (\n    id INTEGER NOT NULL,\n    a_id INTEGER,\n"
              "    CONSTRAINT b_pkey PRIMARY KEY (id),\n"
              "    CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE SET NULL\n);\n"
              "CREATE TABLE c (\n    a_id INTEGER,\n"
              "    CONSTRAINT c_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id)\n);\n"
              "ALTER TABLE a ADD CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES b (id);\n"
              "CREATE VIEW v1 AS\nselect * from c;\n"
              "CREATE VIEW v2 AS\nselect * from v1;\n");
    CHECK_STR(render_mig_schema(&A, s),
              "create table a (\n    id integer not null,\n    b_id integer,\n"
              "    constraint a_pkey primary key (id)\n);\n"
              "create table b (\n    id integer not null,\n    a_id integer,\n"
              "    constraint b_pkey primary key (id),\n"
              "    constraint b_a_id_fkey foreign key (a_id) references a (id) on delete set null\n);\n"
              "create table c (\n    a_id integer,\n"
              "    constraint c_a_id_fkey foreign key (a_id) references a (id)\n);\n"
              "alter table a add constraint a_b_id_fkey foreign key (b_id) references b (id);\n"
              "create view v1 as $$ select * from c $$;\n"
              "create view v2 as $$ select * from v1 $$;\n");
}

static void test_statements(void)
{
    const struct schema *s = base_schema();
    struct stmt *ins = stmt_new(&A, STMT_INSERT, L);
    ins->table.name = "people";
    vec_push(&A, &ins->cols, ident_new(&A, "id", L));
    vec_push(&A, &ins->cols, ident_new(&A, "email", L));
    for (int i = 0; i < 2; i++) {
        struct vec *row = arena_alloc(&A, sizeof *row);
        vec_push(&A, row, int_(i ? "2" : "1"));
        vec_push(&A, row, i ? (struct expr *)ex(EXPR_NULL, NULL) : ex(EXPR_STRING, "o'neil"));
        vec_push(&A, &ins->rows, row);
    }
    CHECK_STR(render(&render_sqlite_dialect, s, s, ins),
              "INSERT INTO people (id, \"Email\") VALUES\n    (1, 'o''neil'),\n    (2, NULL);\n");
    CHECK_STR(render_mig_stmt(&A, ins),
              "insert into people (id, email) values\n    (1, 'o''neil'),\n    (2, null);");
    struct stmt *del = stmt_new(&A, STMT_DELETE, L);
    del->table.name = "people";
    del->cols = ins->cols;
    del->cols.n = 1;
    del->rows = ins->rows;
    CHECK_STR(render(&render_pg_dialect, s, s, del), "DELETE FROM people WHERE id IN (1, 2);\n");
    del->cols = ins->cols;
    CHECK_STR(render(&render_pg_dialect, s, s, del),
              "DELETE FROM people WHERE (id = 1 AND \"Email\" = 'o''neil')\n"
              "    OR (id = 2 AND \"Email\" = NULL);\n");

    struct stmt *sql = stmt_new(&A, STMT_SQL, L);
    sql->sql_dialect = "sqlite";
    sql->body = "  update people set age = '1';  ";
    CHECK_STR(render(&render_pg_dialect, s, s, sql), "");
    CHECK_STR(render(&render_sqlite_dialect, s, s, sql), "update people set age = '1';\n");
    CHECK_STR(render_mig_stmt(&A, sql), "sql sqlite $$ update people set age = '1' $$;");
    sql->body = "\n  update people set age = '2' -- every row\n";
    CHECK_STR(render(&render_sqlite_dialect, s, s, sql), "update people set age = '2' -- every row\n;\n");
    sql->body = "select '$$'";
    sql->sql_dialect = NULL;
    CHECK_STR(render_mig_stmt(&A, sql), "sql $migc$ select '$$' $migc$;");

    /* partial, unique, concurrent index */
    struct stmt *ci = stmt_new(&A, STMT_CREATE_INDEX, L);
    ci->name.name = "ix_live";
    ci->table.name = "people";
    ci->unique = true;
    ci->concurrently = true;
    struct index_elem *el = arena_alloc(&A, sizeof *el);
    el->column.name = "email";
    el->desc = true;
    vec_push(&A, &ci->elems, el);
    ci->where = paren(ex_args(EXPR_IS_NULL, OP_NONE, 1, col_("age"), NULL, NULL));
    struct index *ix = index_on("ix_live", "people", "email", NULL, true);
    ix->unique = true;
    ix->where = ci->where;
    const struct schema *s2 = schema_put_index(&A, s, ix);
    CHECK_STR(render(&render_pg_dialect, s, s2, ci),
              "CREATE UNIQUE INDEX CONCURRENTLY ix_live ON people (\"Email\" DESC) WHERE age IS NULL;\n");
    CHECK_STR(render(&render_sqlite_dialect, s, s2, ci),
              "CREATE UNIQUE INDEX ix_live ON people (\"Email\" DESC) WHERE age IS NULL;\n");
    CHECK_STR(render_mig_stmt(&A, ci),
              "create unique index concurrently ix_live on people (email desc) where (age is null);");

    struct stmt *rn = stmt_new(&A, STMT_RENAME_TABLE, L);
    rn->table.name = "people";
    rn->new_name.name = "user";
    CHECK_STR(render(&render_sqlite_dialect, s, s, rn), "ALTER TABLE people RENAME TO \"user\";\n");
    CHECK_STR(render_mig_stmt(&A, rn), "rename table people to \"user\";");
}

static void test_mig_stmt(void)
{
    struct stmt *st = stmt_new(&A, STMT_CREATE_TABLE, L);
    st->table.name = "users";
    struct column_def *id = column_def("id", ty(TYPE_BIGINT, -1, -1));
    id->not_null = true;
    id->identity = true;
    struct constraint_def *pk = arena_alloc(&A, sizeof *pk);
    pk->kind = CON_PRIMARY_KEY;
    pk->inline_ = true;
    vec_push(&A, &id->constraints, pk);
    vec_push(&A, &st->columns, id);
    struct column_def *at = column_def("created_at", ty(TYPE_TIMESTAMP, -1, -1));
    at->not_null = true;
    at->dflt = ex(EXPR_CURRENT_TIMESTAMP, NULL);
    vec_push(&A, &st->columns, at);
    struct column_def *ch = column_def("check", ty(TYPE_NUMERIC, 10, 2));
    vec_push(&A, &st->columns, ch);
    struct constraint_def *uq = arena_alloc(&A, sizeof *uq);
    uq->kind = CON_UNIQUE;
    uq->name.name = "users_at_key";
    vec_push(&A, &uq->cols, ident_new(&A, "created_at", L));
    vec_push(&A, &st->constraints, uq);
    CHECK_STR(render_mig_stmt(&A, st),
              "create table users (\n"
              "    id bigint primary key identity,\n"
              "    created_at timestamp not null default current_timestamp,\n"
              "    \"check\" numeric(10,2),\n"
              "    constraint users_at_key unique (created_at)\n"
              ");");
    struct alter_action *ty1 = action(ALTER_TYPE, "age");
    ty1->type = ty(TYPE_INTEGER, -1, -1);
    ty1->expr = paren(bin(OP_MUL, col_("age"), int_("2")));
    CHECK_STR(render_mig_stmt(&A, alter("people", ty1, NULL)),
              "alter table people alter column age type integer using (age * 2);");
    struct alter_action *sd = action(ALTER_SET_DEFAULT, "age");
    sd->expr = bin(OP_ADD, int_("1"), int_("1"));
    struct alter_action *dc = action(ALTER_DROP_CONSTRAINT, "people_pkey");
    CHECK_STR(render_mig_stmt(&A, alter("people", sd, dc)),
              "alter table people\n"
              "    alter column age set default (1 + 1),\n"
              "    drop constraint people_pkey;");
}

/* Enum type statements as .mig text (which checksums hash): values as
   strings, names as names. */
static void test_enum_stmts(void)
{
    struct stmt *ct = stmt_new(&A, STMT_CREATE_TYPE, L);
    ct->name.name = "Mood";
    vec_push(&A, &ct->values, ident_new(&A, "happy", L));
    vec_push(&A, &ct->values, ident_new(&A, "it's ok", L));
    CHECK_STR(render_mig_stmt(&A, ct), "create type \"Mood\" as enum ('happy', 'it''s ok');");
    struct stmt *av = stmt_new(&A, STMT_ADD_VALUE, L);
    av->name.name = "mood";
    av->value.name = "sad";
    CHECK_STR(render_mig_stmt(&A, av), "alter type mood add value 'sad';");
    av->anchor.name = "happy";
    av->after = true;
    CHECK_STR(render_mig_stmt(&A, av), "alter type mood add value 'sad' after 'happy';");
    av->after = false;
    CHECK_STR(render_mig_stmt(&A, av), "alter type mood add value 'sad' before 'happy';");
    struct stmt *rv = stmt_new(&A, STMT_RENAME_VALUE, L);
    rv->name.name = "mood";
    rv->value.name = "sad";
    rv->new_value.name = "blue";
    CHECK_STR(render_mig_stmt(&A, rv), "alter type mood rename value 'sad' to 'blue';");
    struct stmt *rt = stmt_new(&A, STMT_RENAME_TYPE, L);
    rt->name.name = "mood";
    rt->new_name.name = "order";
    CHECK_STR(render_mig_stmt(&A, rt), "alter type mood rename to \"order\";");
    struct stmt *dt = stmt_new(&A, STMT_DROP_TYPE, L);
    dt->name.name = "mood";
    CHECK_STR(render_mig_stmt(&A, dt), "drop type mood;");
    struct type t = {.kind = TYPE_ENUM, .p = -1, .s = -1, .named = "Mood"};
    CHECK_STR(render_mig_type(&A, &t), "\"Mood\"");
    CHECK_STR(render_type(&A, &render_pg_dialect, &t), "\"Mood\"");
    CHECK_STR(render_type(&A, &render_sqlite_dialect, &t), "TEXT");
}

int main(void)
{
    test_enum_stmts();
    test_names();
    test_dialect_table();
    test_types();
    test_expressions();
    test_create_table();
    test_pg_alter();
    test_sqlite_native();
    test_sqlite_decisions();
    test_sqlite_identity_rebuild();
    test_sqlite_rebuild();
    test_schema_order();
    test_statements();
    test_mig_stmt();
    arena_free(&A);
    puts("test_render: ok");
    return 0;
}
