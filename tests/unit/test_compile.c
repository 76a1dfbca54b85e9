/* The compiler's middle on parsed migration text: replay with its checks,
   PostgreSQL's default constraint names, renames carried into foreign
   keys, indexes and expressions, view dependencies, derived downgrades and
   the round-trip check, three-way merges, and a 10,000-revision history
   that must compile quickly and in little memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "compile.h"
#include "render.h"
#include "parse.h"

struct run {
    struct arena arena;
    struct diag diag;
    struct vec migs;
    struct graph graph;
    struct compilation comp;
    bool ok;
    const char *out;           /* every diagnostic, as printed */
};

/* Parses each text as file "NNN.mig", builds the graph and compiles it. */
static void compile_texts(struct run *r, const char *const *texts, int n, unsigned targets)
{
    memset(r, 0, sizeof *r);
    diag_init(&r->diag, &r->arena);
    for (int i = 0; i < n; i++) {
        const char *file = arena_printf(&r->arena, "%03d.mig", i + 1);
        vec_push(&r->arena, &r->migs,
                 parse_migration(&r->arena, &r->diag, file, texts[i], strlen(texts[i])));
    }
    CHECK(graph_build(&r->arena, &r->diag, &r->migs, &r->graph));
    r->ok = compile_project(&r->arena, &r->diag, &r->graph, targets, &r->comp);
    FILE *f = tmpfile();
    CHECK(f);
    diag_flush(&r->diag, f);
    long len = ftell(f);
    rewind(f);
    char *buf = arena_alloc(&r->arena, (size_t)len + 1);
    CHECK(fread(buf, 1, (size_t)len, f) == (size_t)len);
    fclose(f);
    r->out = buf;
}

static void expect_clean(struct run *r, int line)
{
    if (!r->ok || r->out[0]) {
        fprintf(stderr, "test_compile.c:%d: expected no diagnostics, got:\n%s", line, r->out);
        exit(1);
    }
}

static void expect_out(struct run *r, const char *text, int line)
{
    if (!strstr(r->out, text)) {
        fprintf(stderr, "test_compile.c:%d: expected \"%s\" in the diagnostics, got:\n%s", line,
                text, r->out);
        exit(1);
    }
}

static void done(struct run *r)
{
    arena_free(&r->arena);
}

static const struct schema *schema_after(struct run *r, const char *rev)
{
    struct revision *x = graph_find(&r->graph, rev);
    CHECK(x && r->comp.revs[x->topo]);
    return r->comp.revs[x->topo]->after;
}

/* ---- cases ------------------------------------------------------------ */

static void test_default_names_and_not_null(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key identity, email text not null unique,\n"
        "                      age int check (age > 0), a int, b int, check (a < b));\n"
        "  create table posts (id int, user_id bigint references users, primary key (id));\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 1, dialect_all());
    expect_clean(&r, __LINE__);
    const struct table *u = schema_find_table(r.comp.head, "users");
    CHECK(u);
    CHECK(table_find_constraint(u, "users_pkey"));
    CHECK(table_find_constraint(u, "users_email_key"));
    CHECK(table_find_constraint(u, "users_age_check"));
    CHECK(table_find_constraint(u, "users_check"));
    const struct table *p = schema_find_table(r.comp.head, "posts");
    const struct constraint *fk = table_find_constraint(p, "posts_user_id_fkey");
    CHECK(fk && fk->nref_cols == 1);
    CHECK_STR(fk->ref_cols[0], "id");
    /* A table-level primary key makes its column not null. */
    CHECK(table_find_column(p, "id")->not_null);
    CHECK(!table_find_column(p, "user_id")->not_null);
    done(&r);
}

static void test_renames_follow(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key, email text check (email <> ''));\n"
        "  create table posts (id int primary key, user_id bigint references users (id));\n"
        "  create index ix_email on users (email) where (email is not null);\n"
        "}\n",
        "revision 002\nrevises 001\nmessage 'renames'\nupgrade {\n"
        "  alter table users rename column id to user_id, rename column email to mail;\n"
        "  rename table users to people;\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 2, dialect_all());
    expect_clean(&r, __LINE__);
    const struct schema *s = schema_after(&r, "002");
    CHECK(!schema_find_table(s, "users"));
    const struct table *people = schema_find_table(s, "people");
    CHECK(people && table_find_column(people, "mail"));
    const struct constraint *ck = table_find_constraint(people, "users_email_check");
    CHECK(ck && ck->check);
    const struct constraint *pk = table_primary_key(people);
    CHECK_STR(pk->cols[0], "user_id");
    const struct constraint *fk =
        table_find_constraint(schema_find_table(s, "posts"), "posts_user_id_fkey");
    CHECK_STR(fk->ref_table, "people");
    CHECK_STR(fk->ref_cols[0], "user_id");
    const struct index *ix = schema_find_index(s, "ix_email");
    CHECK_STR(ix->table, "people");
    CHECK_STR(ix->elems[0]->column.name, "mail");
    CHECK(ix->where && ix->where != schema_find_index(schema_after(&r, "001"), "ix_email")->where);
    done(&r);
}

static void test_derived_downgrades(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key, email text unique, name text default 'x');\n"
        "  create table tags (id int primary key, label text);\n"
        "}\n",
        "revision 002\nrevises 001\nmessage 'many changes'\nupgrade {\n"
        "  alter table users drop column email, alter column name drop default,\n"
        "                    add column age int not null default 0,\n"
        "                    add constraint users_age_check check (age >= 0);\n"
        "  alter table tags alter column label set not null, add constraint tags_label_key unique (label);\n"
        "  create index ix_age on users (age);\n"
        "  insert into tags (id, label) values (1, 'a'), (2, 'b');\n"
        "  create view v as $$ select id, age from users $$;\n"
        "  drop table tags;\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 2, dialect_all());
    CHECK(r.ok);
    expect_out(&r, "warning: the derived downgrade recreates table \"tags\" without its rows",
               __LINE__);
    expect_out(&r, "warning: the derived downgrade adds column \"email\" of table \"users\" back",
               __LINE__);
    struct revision *x = graph_find(&r.graph, "002");
    const struct compiled_revision *cr = r.comp.revs[x->topo];
    CHECK(cr->derived && !cr->irreversible);
    /* drop view, delete, drop index, two alters and the recreated table. */
    CHECK(cr->down.n == 6);
    const struct step *first = VEC_AT(cr->down, 0, const struct step *);
    CHECK(first->stmt->kind == STMT_CREATE_TABLE);
    const struct step *del = VEC_AT(cr->down, 2, const struct step *);
    CHECK(del->stmt->kind == STMT_DELETE && del->stmt->rows.n == 2 && del->stmt->cols.n == 1);
    /* The view's dependencies came from SQLite. */
    const struct view *v = schema_find_view(cr->after, "v");
    CHECK(v && v->ndeps == 2);
    done(&r);
}

static void test_round_trip_error(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key, email text);\n"
        "}\n",
        "revision 002\nrevises 001\nmessage 'email type'\nupgrade {\n"
        "  alter table users alter column email type varchar(10), add column age int;\n"
        "}\ndowngrade {\n"
        "  alter table users drop column age;\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 2, dialect_all());
    CHECK(!r.ok);
    expect_out(&r, "error: the downgrade of revision \"002\" does not restore the schema: "
                   "column \"users\".\"email\" has type",
               __LINE__);
    done(&r);
}

static void test_merges(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key);\n}\n",
        "revision 002\nrevises 001\nmessage 'a'\nupgrade {\n"
        "  alter table users add column a int;\n}\n",
        "revision 003\nrevises 001\nmessage 'b'\nupgrade {\n"
        "  create table tags (id int primary key);\n}\n",
        "revision 004\nrevises 002, 003\nmessage 'merge'\nupgrade {\n"
        "  alter table users add column b int references tags;\n}\n",
        /* A second head that needs branch b's table without merging it. */
        "revision 005\nrevises 002\ndepends on 003\nmessage 'dep'\nupgrade {\n"
        "  create table notes (id int primary key, tag int references tags);\n}\n",
    };
    struct run r;
    compile_texts(&r, texts, 5, dialect_all());
    expect_clean(&r, __LINE__);
    CHECK(r.graph.nheads == 2);
    /* The database's schema is the merge of both heads. */
    const struct table *u = schema_find_table(r.comp.head, "users");
    CHECK(u && table_find_column(u, "a") && table_find_column(u, "b"));
    CHECK(schema_find_table(r.comp.head, "tags"));
    CHECK(schema_find_table(r.comp.head, "notes"));
    struct revision *heads[] = {graph_find(&r.graph, "005")};
    const struct schema *at5 = compile_schema_at(&r.arena, &r.comp, heads, 1);
    CHECK(schema_find_table(at5, "notes") && !table_find_column(schema_find_table(at5, "users"), "b"));
    done(&r);
}

static void test_errors_do_not_cascade(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table users (id bigint primary key, nme text);\n"
        "  alter table users add column age int, drop column name, add column city text;\n"
        "  create index ix_city on users (city);\n"
        "  create view bad as $$ select nope from users $$;\n"
        "  drop view bad;\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 1, dialect_all());
    CHECK(!r.ok);
    expect_out(&r, "error: column \"name\" does not exist in table \"users\"", __LINE__);
    expect_out(&r, "hint: Did you mean column \"nme\"?", __LINE__);
    expect_out(&r, "does not compile: no such column: nope", __LINE__);
    /* The other actions and statements still applied. */
    CHECK(r.diag.errors == 2);
    done(&r);
}

/* Each view is compiled in a savepoint that is rolled back: a table made
   for one view's check does not linger for the next. */
static void test_views_see_only_their_schema(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table a (x int);\n"
        "  create view v1 as $$ select x from a $$;\n"
        "  drop view v1;\n"
        "  drop table a;\n"
        "  create view v2 as $$ select x from a $$;\n"
        "}\n",
    };
    struct run r;
    compile_texts(&r, texts, 1, dialect_all());
    CHECK(!r.ok);
    expect_out(&r, "001.mig:9:23: error: body of view \"v2\" does not compile: no such table: a",
               __LINE__);
    CHECK(r.diag.errors == 1);
    done(&r);
}

static void test_identity_rules_follow_targets(void)
{
    const char *texts[] = {
        "revision 001\nrevises base\nmessage 'init'\nupgrade {\n"
        "  create table t (id bigint primary key, n bigint identity);\n}\n",
    };
    struct run r;
    compile_texts(&r, texts, 1, render_pg_dialect.target);
    expect_clean(&r, __LINE__);
    done(&r);
    compile_texts(&r, texts, 1, render_sqlite_dialect.target);
    CHECK(!r.ok);
    expect_out(&r, "is not a single integer primary key", __LINE__);
    done(&r);
}

/* A linear history as `migc check` meets it at scale: each revision creates
   a table with a few columns and an index, every fifth adds a column to an
   earlier table; every downgrade is derived. */
static void test_large_history(void)
{
    enum { N = 10000 };
    struct arena texts = {0};
    const char **t = arena_alloc(&texts, sizeof *t * N);
    for (int i = 0; i < N; i++) {
        const char *extra = i % 5 == 4 ? arena_printf(&texts,
                                                      "  alter table t%d add column extra%d text;\n",
                                                      i / 2, i)
                                       : "";
        t[i] = arena_printf(&texts,
                            "revision r%05d\nrevises %s%s\nmessage 'step'\nupgrade {\n"
                            "  create table t%d (id bigint primary key, name text not null,\n"
                            "                    created timestamp default current_timestamp);\n"
                            "  create index ix_t%d_name on t%d (name);\n%s}\n",
                            i, i ? "r" : "base", i ? arena_printf(&texts, "%05d", i - 1) : "", i,
                            i, i, extra);
    }
    clock_t start = clock();
    struct run r;
    compile_texts(&r, t, N, dialect_all());
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK(r.ok);
    CHECK(schema_table_count(r.comp.head) == N);
    if (r.arena.total > (size_t)200 << 20) {
        fprintf(stderr, "test_compile.c: %d revisions took %zu MB\n", N, r.arena.total >> 20);
        exit(1);
    }
    /* Generous: sanitizer and valgrind builds run this too. */
    if (secs > 30) {
        fprintf(stderr, "test_compile.c: %d revisions took %.1f s\n", N, secs);
        exit(1);
    }
    done(&r);
    arena_free(&texts);
}

int main(void)
{
    test_default_names_and_not_null();
    test_renames_follow();
    test_derived_downgrades();
    test_round_trip_error();
    test_merges();
    test_errors_do_not_cascade();
    test_views_see_only_their_schema();
    test_identity_rules_follow_targets();
    test_large_history();
    return 0;
}
