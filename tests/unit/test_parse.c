/* The parser on representative text: every header item, every statement,
   alter action, column and table constraint and expression form, names
   and keywords used as names, revision ids, types and their aliases,
   locations, and the messages of the errors it reports itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "checksum.h"
#include "parse.h"
#include "render.h"
#include "types.h"

struct run {
    struct arena arena;
    struct diag diag;
    struct migration *m;
    const char *out;           /* every diagnostic, as printed */
};

static void parse(struct run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    diag_init(&r->diag, &r->arena);
    r->m = parse_migration(&r->arena, &r->diag, "t.mig", text, strlen(text));
    int errors = r->diag.errors;
    FILE *f = tmpfile();
    CHECK(f);
    diag_flush(&r->diag, f);
    long n = ftell(f);
    rewind(f);
    char *buf = arena_alloc(&r->arena, (size_t)n + 1);
    CHECK(fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    r->out = buf;
    r->diag.errors = errors;
}

static void parse_ok(struct run *r, const char *text)
{
    parse(r, text);
    if (r->diag.errors) {
        fprintf(stderr, "unexpected errors:\n%s", r->out);
        exit(1);
    }
}

static const char *HEADER = "revision 001\nrevises base\nmessage 'm'\n";

/* A header plus an upgrade block around body. */
static void parse_body(struct run *r, const char *body)
{
    char *text = malloc(strlen(HEADER) + strlen(body) + 32);
    sprintf(text, "%supgrade {\n%s\n}\n", HEADER, body);
    parse_ok(r, text);
    free(text);
}

static struct stmt *up(struct run *r, int i)
{
    CHECK(i < r->m->upgrade.n);
    return VEC_AT(r->m->upgrade, i, struct stmt *);
}

static struct column_def *col(struct stmt *s, int i)
{
    CHECK(i < s->columns.n);
    return VEC_AT(s->columns, i, struct column_def *);
}

static const char *ident_at(struct vec v, int i)
{
    CHECK(i < v.n);
    return VEC_AT(v, i, struct ident *)->name;
}

static void free_run(struct run *r)
{
    arena_free(&r->arena);
}

static void test_header(void)
{
    struct run r;
    parse_ok(&r, "-- leading comment\n"
                 "revision 3f2a9b0c11de\n"
                 "revises 001, 20260111_users\n"
                 "message 'it''s here'\n"
                 "created '2026-01-11T09:30:00.5+02:00'\n"
                 "branch main, Feature_X\n"
                 "depends on 0002_init\n"
                 "transaction none\n"
                 "upgrade {\n}\n"
                 "downgrade {\n}\n");
    struct migration *m = r.m;
    CHECK_STR(m->revision.name, "3f2a9b0c11de");
    CHECK(m->revision.loc.line == 2 && m->revision.loc.col == 10 && m->revision.loc.len == 12);
    CHECK(m->has_revises && !m->revises_base);
    CHECK(m->revises.n == 2);
    CHECK_STR(ident_at(m->revises, 0), "001");
    CHECK_STR(ident_at(m->revises, 1), "20260111_users");
    CHECK_STR(m->message, "it's here");
    CHECK(m->message_loc.line == 4 && m->message_loc.col == 9);
    CHECK_STR(m->created, "2026-01-11T09:30:00.5+02:00");
    CHECK(m->branches.n == 2);
    CHECK_STR(ident_at(m->branches, 1), "Feature_X");
    CHECK(m->depends_on.n == 1);
    CHECK_STR(ident_at(m->depends_on, 0), "0002_init");
    CHECK(m->transaction_none);
    CHECK(m->has_upgrade && m->upgrade.n == 0);
    CHECK(m->downgrade_kind == DOWNGRADE_EXPLICIT && m->downgrade.n == 0);
    free_run(&r);

    parse_ok(&r, "revision 001 revises base message 'm' upgrade { } downgrade irreversible;");
    CHECK(r.m->revises_base && r.m->revises.n == 0);
    CHECK(r.m->downgrade_kind == DOWNGRADE_IRREVERSIBLE);
    free_run(&r);

    /* Missing items are the graph's to report; the parser leaves them unset. */
    parse_ok(&r, "revision 1e5 upgrade { }");
    CHECK_STR(r.m->revision.name, "1e5");
    CHECK(!r.m->has_revises && !r.m->message && !r.m->created);
    CHECK(r.m->downgrade_kind == DOWNGRADE_DERIVED);
    free_run(&r);
}

static void test_create_table(void)
{
    struct run r;
    parse_body(&r,
               "create table Users (\n"
               "  id bigint primary key identity,\n"
               "  \"Email\" varchar(100) not null unique,\n"
               "  type text, key int, index int, user int, table int,\n"
               "  \"check\" boolean default true,\n"
               "  n int default 0 not null,\n"
               "  price decimal(10, 2) default -1.5 check (price > 0),\n"
               "  r double precision null,\n"
               "  parent bigint constraint fk_parent references users (id) on delete set null "
               "on update cascade,\n"
               "  owner int references people,\n"
               "  constraint users_email_key unique (\"Email\"),\n"
               "  primary key (id, n),\n"
               "  foreign key (parent, n) references other (a, b) on update no action,\n"
               "  constraint positive check (n >= 0)\n"
               ");");
    struct stmt *s = up(&r, 0);
    CHECK(s->kind == STMT_CREATE_TABLE);
    CHECK_STR(s->table.name, "users");
    CHECK(s->loc.line == 5 && s->loc.col == 1 && s->loc.len == 6);
    CHECK(s->columns.n == 13);

    struct column_def *c = col(s, 0);
    CHECK_STR(c->name.name, "id");
    CHECK(c->type.kind == TYPE_BIGINT && c->not_null && c->identity && !c->dflt);
    CHECK(c->loc.line == 6 && c->loc.col == 3);
    CHECK(c->type_loc.col == 6 && c->type_loc.len == 6);
    CHECK(c->constraints.n == 1);
    struct constraint_def *k = VEC_AT(c->constraints, 0, struct constraint_def *);
    CHECK(k->kind == CON_PRIMARY_KEY && k->inline_ && !k->name.name);
    CHECK(k->cols.n == 1);
    CHECK_STR(ident_at(k->cols, 0), "id");

    c = col(s, 1);
    CHECK_STR(c->name.name, "Email");
    CHECK(c->type.kind == TYPE_VARCHAR && c->type.p == 100 && c->type.s == -1 && c->not_null);
    k = VEC_AT(c->constraints, 0, struct constraint_def *);
    CHECK(k->kind == CON_UNIQUE && k->inline_);
    CHECK_STR(ident_at(k->cols, 0), "Email");

    const char *keyword_names[] = {"type", "key", "index", "user", "table", "check"};
    for (int i = 0; i < 6; i++)
        CHECK_STR(col(s, 2 + i)->name.name, keyword_names[i]);
    CHECK(col(s, 7)->dflt->kind == EXPR_TRUE);

    c = col(s, 8);
    CHECK(c->dflt->kind == EXPR_INT && c->not_null);
    CHECK_STR(c->dflt->text, "0");

    c = col(s, 9);
    CHECK(c->type.kind == TYPE_NUMERIC && c->type.p == 10 && c->type.s == 2);
    CHECK(c->dflt->kind == EXPR_UNARY && c->dflt->op == OP_NEG);
    CHECK(c->dflt->args[0]->kind == EXPR_NUMBER);
    CHECK_STR(c->dflt->args[0]->text, "1.5");
    k = VEC_AT(c->constraints, 0, struct constraint_def *);
    CHECK(k->kind == CON_CHECK && k->inline_ && k->check->kind == EXPR_BINARY && k->check->op == OP_GT);
    CHECK_STR(ident_at(k->cols, 0), "price");

    c = col(s, 10);
    CHECK(c->type.kind == TYPE_DOUBLE && !c->not_null);

    c = col(s, 11);
    k = VEC_AT(c->constraints, 0, struct constraint_def *);
    CHECK(k->kind == CON_FOREIGN_KEY && k->inline_);
    CHECK_STR(k->name.name, "fk_parent");
    CHECK_STR(k->ref_table.name, "users");
    CHECK_STR(ident_at(k->ref_cols, 0), "id");
    CHECK_STR(ident_at(k->cols, 0), "parent");
    CHECK(k->on_delete == FK_SET_NULL && k->on_update == FK_CASCADE);

    k = VEC_AT(col(s, 12)->constraints, 0, struct constraint_def *);
    CHECK(k->ref_cols.n == 0 && k->on_delete == FK_NONE && k->on_update == FK_NONE);

    CHECK(s->constraints.n == 4);
    k = VEC_AT(s->constraints, 0, struct constraint_def *);
    CHECK(k->kind == CON_UNIQUE && !k->inline_);
    CHECK_STR(k->name.name, "users_email_key");
    CHECK_STR(ident_at(k->cols, 0), "Email");
    k = VEC_AT(s->constraints, 1, struct constraint_def *);
    CHECK(k->kind == CON_PRIMARY_KEY && k->cols.n == 2);
    k = VEC_AT(s->constraints, 2, struct constraint_def *);
    CHECK(k->kind == CON_FOREIGN_KEY && k->cols.n == 2 && k->ref_cols.n == 2);
    CHECK(k->on_update == FK_NO_ACTION && k->on_delete == FK_NONE);
    k = VEC_AT(s->constraints, 3, struct constraint_def *);
    CHECK(k->kind == CON_CHECK && k->cols.n == 0 && k->check->op == OP_GE);
    CHECK_STR(k->name.name, "positive");
    CHECK(k->loc.line == 18 && k->loc.col == 3);
    free_run(&r);
}

static void test_other_statements(void)
{
    struct run r;
    parse_body(&r,
               "drop table t;\n"
               "rename table t to u;\n"
               "create unique index concurrently ix on t (a desc, (lower(b)) asc, c) where (a is "
               "not null);\n"
               "create index on on \"On\" (on);\n"
               "drop index ix;\n"
               "create view v as $$ select 1 $$;\n"
               "drop view v;\n"
               "insert into t (a, b) values (1, 'x'), (2, null);\n"
               "sql $body$ select $$x$$; $body$;\n"
               "sql postgres $$ select 2 $$;\n"
               "sql sqlite $$select 3$$;");
    CHECK(up(&r, 0)->kind == STMT_DROP_TABLE);
    CHECK_STR(up(&r, 0)->table.name, "t");
    CHECK(up(&r, 1)->kind == STMT_RENAME_TABLE);
    CHECK_STR(up(&r, 1)->new_name.name, "u");

    struct stmt *s = up(&r, 2);
    CHECK(s->kind == STMT_CREATE_INDEX && s->unique && s->concurrently);
    CHECK_STR(s->name.name, "ix");
    CHECK_STR(s->table.name, "t");
    CHECK(s->elems.n == 3);
    struct index_elem *e = VEC_AT(s->elems, 0, struct index_elem *);
    CHECK_STR(e->column.name, "a");
    CHECK(e->desc && !e->asc && !e->expr);
    e = VEC_AT(s->elems, 1, struct index_elem *);
    CHECK(!e->column.name && e->expr->kind == EXPR_FUNC && e->asc);
    CHECK_STR(e->expr->text, "lower");
    e = VEC_AT(s->elems, 2, struct index_elem *);
    CHECK(!e->asc && !e->desc);
    CHECK(s->where->kind == EXPR_IS_NULL && s->where->negated);

    s = up(&r, 3);
    CHECK(!s->unique && !s->concurrently);
    CHECK_STR(s->name.name, "on");
    CHECK_STR(s->table.name, "On");

    CHECK(up(&r, 4)->kind == STMT_DROP_INDEX);
    s = up(&r, 5);
    CHECK(s->kind == STMT_CREATE_VIEW);
    CHECK_STR(s->body, " select 1 ");
    CHECK(s->body_loc.line == 10 && s->body_loc.col == 20);
    CHECK(up(&r, 6)->kind == STMT_DROP_VIEW);

    s = up(&r, 7);
    CHECK(s->kind == STMT_INSERT && s->cols.n == 2 && s->rows.n == 2);
    struct vec *row = VEC_AT(s->rows, 1, struct vec *);
    CHECK(row->n == 2 && VEC_AT(*row, 1, struct expr *)->kind == EXPR_NULL);

    s = up(&r, 8);
    CHECK(s->kind == STMT_SQL && !s->sql_dialect);
    CHECK_STR(s->body, " select $$x$$; ");
    CHECK_STR(up(&r, 9)->sql_dialect, "postgres");
    CHECK_STR(up(&r, 10)->sql_dialect, "sqlite");
    CHECK_STR(up(&r, 10)->body, "select 3");
    free_run(&r);
}

static void test_alter(void)
{
    struct run r;
    parse_body(&r, "alter table t\n"
                   "  add column age int default 0 not null unique,\n"
                   "  drop column type,\n"
                   "  rename column key to k,\n"
                   "  alter column age type bigint using (age * 2),\n"
                   "  alter column age set not null,\n"
                   "  alter column age drop not null,\n"
                   "  alter column age set default 1 + 2,\n"
                   "  alter column age drop default,\n"
                   "  add constraint age_positive check (age > 0),\n"
                   "  drop constraint age_positive,\n"
                   "  alter column age type varchar(10);");
    struct stmt *s = up(&r, 0);
    CHECK(s->kind == STMT_ALTER_TABLE && s->actions.n == 11);
    enum alter_kind kinds[] = {ALTER_ADD_COLUMN, ALTER_DROP_COLUMN, ALTER_RENAME_COLUMN,
                               ALTER_TYPE, ALTER_SET_NOT_NULL, ALTER_DROP_NOT_NULL,
                               ALTER_SET_DEFAULT, ALTER_DROP_DEFAULT, ALTER_ADD_CONSTRAINT,
                               ALTER_DROP_CONSTRAINT, ALTER_TYPE};
    for (int i = 0; i < 11; i++)
        CHECK(VEC_AT(s->actions, i, struct alter_action *)->kind == kinds[i]);
    struct alter_action *a = VEC_AT(s->actions, 0, struct alter_action *);
    CHECK_STR(a->column->name.name, "age");
    CHECK(a->column->not_null && a->column->dflt && a->column->constraints.n == 1);
    CHECK(a->column->loc.line == 6 && a->column->loc.col == 14);
    CHECK(a->loc.col == 3);
    a = VEC_AT(s->actions, 2, struct alter_action *);
    CHECK_STR(a->name.name, "key");
    CHECK_STR(a->new_name.name, "k");
    a = VEC_AT(s->actions, 3, struct alter_action *);
    CHECK(a->type.kind == TYPE_BIGINT && a->expr && a->expr->op == OP_MUL);
    a = VEC_AT(s->actions, 6, struct alter_action *);
    CHECK(a->expr->kind == EXPR_BINARY && a->expr->op == OP_ADD);
    a = VEC_AT(s->actions, 8, struct alter_action *);
    CHECK(a->constraint->kind == CON_CHECK && !a->constraint->inline_);
    CHECK_STR(a->constraint->name.name, "age_positive");
    a = VEC_AT(s->actions, 9, struct alter_action *);
    CHECK_STR(a->name.name, "age_positive");
    a = VEC_AT(s->actions, 10, struct alter_action *);
    CHECK(a->type.kind == TYPE_VARCHAR && a->type.p == 10 && !a->expr);
    free_run(&r);
}

/* The check expression of "create table t (x int check (EXPR));". */
static const struct expr *check_expr(struct run *r, const char *expr)
{
    char body[512];
    snprintf(body, sizeof body, "create table t (x int check (%s));", expr);
    parse_body(r, body);
    struct constraint_def *k = VEC_AT(col(up(r, 0), 0)->constraints, 0, struct constraint_def *);
    return k->check;
}

static void test_expressions(void)
{
    struct run r;
    const struct expr *e = check_expr(&r, "a + b * c");
    CHECK(e->op == OP_ADD && e->args[1]->op == OP_MUL);
    CHECK(e->loc.col == 30 && e->loc.len == 9);
    free_run(&r);

    e = check_expr(&r, "a or b and not c");
    CHECK(e->op == OP_OR && e->args[1]->op == OP_AND && e->args[1]->args[1]->op == OP_NOT);
    free_run(&r);

    e = check_expr(&r, "not a = b");
    CHECK(e->kind == EXPR_UNARY && e->op == OP_NOT && e->args[0]->op == OP_EQ);
    free_run(&r);

    e = check_expr(&r, "a || b = c");
    CHECK(e->op == OP_EQ && e->args[0]->op == OP_CONCAT);
    free_run(&r);

    e = check_expr(&r, "a not in (1, 2, 3) and b in ('x')");
    CHECK(e->op == OP_AND);
    CHECK(e->args[0]->kind == EXPR_IN && e->args[0]->negated && e->args[0]->nargs == 4);
    CHECK(e->args[1]->kind == EXPR_IN && !e->args[1]->negated && e->args[1]->nargs == 2);
    free_run(&r);

    e = check_expr(&r, "a between 1 and 2 and b not between -1 and +1");
    CHECK(e->op == OP_AND && e->args[0]->kind == EXPR_BETWEEN && !e->args[0]->negated);
    CHECK(e->args[1]->kind == EXPR_BETWEEN && e->args[1]->negated);
    CHECK(e->args[1]->args[1]->op == OP_NEG && e->args[1]->args[2]->op == OP_PLUS);
    free_run(&r);

    e = check_expr(&r, "a like 'x%' or a not like '%y' or a is null or a <> b or a != b");
    CHECK(e->op == OP_OR);
    free_run(&r);

    e = check_expr(&r, "(a - 1) % 2 / 3 <= now() and b >= current_date and c < current_time "
                       "and d > current_timestamp and f(1, g()) is not null and \"Q\" = 1e3");
    const struct expr *t = e;
    while (t->kind == EXPR_BINARY && t->op == OP_AND)
        t = t->args[0];
    CHECK(t->op == OP_LE && t->args[0]->op == OP_DIV);
    CHECK(t->args[0]->args[0]->op == OP_MOD);
    CHECK(t->args[0]->args[0]->args[0]->kind == EXPR_PAREN);
    CHECK(t->args[1]->kind == EXPR_FUNC && t->args[1]->nargs == 0);
    CHECK_STR(t->args[1]->text, "now");
    CHECK(e->args[1]->args[1]->kind == EXPR_NUMBER);
    CHECK_STR(e->args[1]->args[0]->text, "Q");
    free_run(&r);

    /* Keywords that are not expression syntax are column names. */
    e = check_expr(&r, "type = key and check(index) = 1");
    CHECK(e->args[0]->args[0]->kind == EXPR_COLUMN);
    CHECK_STR(e->args[0]->args[0]->text, "type");
    CHECK(e->args[1]->args[0]->kind == EXPR_FUNC);
    free_run(&r);

    /* A default takes no comparison unless parenthesized. */
    parse_body(&r, "create table t (a boolean default (1 > 0) not null, b text default 'a' || 'b');");
    CHECK(col(up(&r, 0), 0)->dflt->kind == EXPR_PAREN && col(up(&r, 0), 0)->not_null);
    CHECK(col(up(&r, 0), 1)->dflt->op == OP_CONCAT);
    free_run(&r);
}

/* Casts, case, extract and PostgreSQL's operators: where each binds (as
   in PostgreSQL), and that the .mig text of each parses back to the same
   tree. */
static void test_more_expressions(void)
{
    struct run r;
    const struct expr *e = check_expr(&r, "a::text || 'x' = b");
    CHECK(e->op == OP_EQ && e->args[0]->op == OP_CONCAT);
    CHECK(e->args[0]->args[0]->kind == EXPR_CAST && e->args[0]->args[0]->op == OP_TYPECAST);
    CHECK(e->args[0]->args[0]->type.kind == TYPE_TEXT);
    free_run(&r);

    e = check_expr(&r, "-1::numeric(10,2)");
    CHECK(e->kind == EXPR_UNARY && e->args[0]->kind == EXPR_CAST);
    CHECK(e->args[0]->type.kind == TYPE_NUMERIC && e->args[0]->type.p == 10 && e->args[0]->type.s == 2);
    free_run(&r);

    e = check_expr(&r, "j ->> 'k' = 'v' and a + b -> 'c' is null");
    CHECK(e->op == OP_AND && e->args[0]->op == OP_EQ && e->args[0]->args[0]->op == OP_JSON_GET_TEXT);
    CHECK(e->args[1]->kind == EXPR_IS_NULL && e->args[1]->args[0]->op == OP_JSON_GET);
    CHECK(e->args[1]->args[0]->args[0]->op == OP_ADD);
    free_run(&r);

    e = check_expr(&r, "x = any (array[1, 2]) and y not ilike 'a%' and z <= all ('{1}')");
    CHECK(e->args[0]->args[0]->kind == EXPR_ANY && e->args[0]->args[0]->op == OP_EQ);
    CHECK(e->args[0]->args[0]->args[1]->kind == EXPR_ARRAY && e->args[0]->args[0]->args[1]->nargs == 2);
    CHECK(e->args[0]->args[1]->kind == EXPR_LIKE && e->args[0]->args[1]->op == OP_ILIKE &&
          e->args[0]->args[1]->negated);
    CHECK(e->args[1]->kind == EXPR_ALL && e->args[1]->op == OP_LE);
    free_run(&r);

    e = check_expr(&r, "case when a then 1 when b then 2 end = case c when 1 then 'x' else 'y' end");
    CHECK(e->op == OP_EQ && e->args[0]->kind == EXPR_CASE && e->args[0]->nargs == 5);
    CHECK(e->args[0]->args[0] == NULL && e->args[1]->nargs == 4 && e->args[1]->args[0]);
    free_run(&r);

    e = check_expr(&r, "extract(YEAR from d) > 2000 and cast(a as varchar(3)) <> current_timestamp(3)");
    CHECK(e->args[0]->args[0]->kind == EXPR_EXTRACT);
    CHECK_STR(e->args[0]->args[0]->text, "year");
    CHECK(e->args[1]->args[0]->kind == EXPR_CAST && e->args[1]->args[0]->op == OP_NONE);
    CHECK_STR(e->args[1]->args[1]->text, "3");
    free_run(&r);

    /* extract stays a column name, as in PostgreSQL. */
    e = check_expr(&r, "extract > extract(day from d)");
    CHECK(e->args[0]->kind == EXPR_COLUMN && e->args[1]->kind == EXPR_EXTRACT);
    CHECK_STR(e->args[0]->text, "extract");
    free_run(&r);

    /* The two spellings of a cast are one cast (autogenerate compares
       with expr_eq); another type is another cast. */
    struct run r2, r3;
    e = check_expr(&r, "a::varchar(5) = 'x'");
    CHECK(expr_eq(e, check_expr(&r2, "cast(a as varchar(5)) = 'x'")));
    CHECK(!expr_eq(e, check_expr(&r3, "a::varchar(6) = 'x'")));
    free_run(&r3);
    free_run(&r2);
    free_run(&r);

    /* Where PostgreSQL 15 binds them (its views print the grouping):
       is [not] distinct from below comparisons, similar to beside like,
       at time zone and collate above * and below unary minus. */
    e = check_expr(&r, "a is distinct from b = c and d is not distinct from e");
    CHECK(e->op == OP_AND && e->args[0]->kind == EXPR_DISTINCT && !e->args[0]->negated);
    CHECK(e->args[0]->args[1]->op == OP_EQ && e->args[1]->negated);
    free_run(&r);
    e = check_expr(&r, "a || b collate \"C\" = x not similar to y || z");
    CHECK(e->op == OP_EQ && e->args[0]->op == OP_CONCAT);
    CHECK(e->args[0]->args[1]->kind == EXPR_COLLATE);
    CHECK_STR(e->args[0]->args[1]->text, "C");
    free_run(&r);
    e = check_expr(&r, "x not similar to y || z = true");
    CHECK(e->op == OP_EQ && e->args[0]->kind == EXPR_LIKE && e->args[0]->op == OP_SIMILAR);
    CHECK(e->args[0]->negated && e->args[0]->args[1]->op == OP_CONCAT);
    free_run(&r);
    e = check_expr(&r, "t + i at time zone 'UTC' at time zone z > -c collate nocase");
    CHECK(e->op == OP_GT && e->args[0]->op == OP_ADD);
    CHECK(e->args[0]->args[1]->kind == EXPR_AT_TIME_ZONE);
    CHECK(e->args[0]->args[1]->args[0]->kind == EXPR_AT_TIME_ZONE);
    CHECK(e->args[1]->kind == EXPR_COLLATE && e->args[1]->args[0]->kind == EXPR_UNARY);
    free_run(&r);
    e = check_expr(&r, "-a[1] + (b)[2:][:3] = c[:]");
    CHECK(e->args[0]->args[0]->kind == EXPR_UNARY);
    CHECK(e->args[0]->args[0]->args[0]->kind == EXPR_SUBSCRIPT);
    CHECK(e->args[0]->args[1]->kind == EXPR_SUBSCRIPT && e->args[0]->args[1]->nargs == 3);
    CHECK(e->args[0]->args[1]->args[0]->kind == EXPR_SUBSCRIPT);
    CHECK(e->args[0]->args[1]->args[0]->args[2] == NULL);
    CHECK(e->args[1]->args[1] == NULL && e->args[1]->args[2] == NULL);
    free_run(&r);

    static const char *const round_trip[] = {
        "a is distinct from b = c", "(a is not distinct from b) = c",
        "-a collate \"C\"", "-(a collate \"C\")", "(-a) collate nocase || b",
        "a collate \"en_US\"::text", "t at time zone 'UTC' at time zone z",
        "t at time zone (z || 'x')", "-t at time zone z", "a[1][2:3] + (a || b)[i:]",
        "(a::int[])[1]", "a not similar to b and c similar to d || e",
        "(a + b)::text", "-a::integer", "cast(-a as bigint) + 1", "a::text::varchar(5)",
        "a ~ 'x' and b !~ 'y' or c ~* 'z' and d !~* 'w'",
        "j -> 'a' ->> 'b' = 'c'", "j #> '{a}' #>> '{b}' is not null",
        "j @> '{}' and '{}' <@ j and j ? 'k'", "a || b ~ c", "(a ~ b) = true",
        "a + b -> c", "(a -> b) + 1 = 2", "a not ilike b and c ilike d",
        "a = any (array[1, 2 + 3]) or a <> all (array[]) or a > any ('{1}')",
        "case when a > 1 then 'x' when a < 0 then null else 'z' end",
        "case a + 1 when 2 then true end", "extract(epoch from t) < 5",
        "current_timestamp(6) > t - interval '1 day'", "greatest(a, b) = least(a, b, 1)",
        "coalesce(nullif(a, ''), 'x') = 'y'",
    };
    for (size_t i = 0; i < sizeof round_trip / sizeof round_trip[0]; i++) {
        struct run r2;
        e = check_expr(&r, round_trip[i]);
        const char *text = render_mig_expr(&r.arena, e);
        const struct expr *again = check_expr(&r2, text);
        if (!expr_eq(e, again)) {
            fprintf(stderr, "%s printed as %s, which parses to another tree\n", round_trip[i], text);
            exit(1);
        }
        free_run(&r2);
        free_run(&r);
    }
}

static void test_types(void)
{
    struct { const char *name; enum type_kind kind; } cases[] = {
        {"smallint", TYPE_SMALLINT}, {"INT", TYPE_INTEGER}, {"integer", TYPE_INTEGER},
        {"bigint", TYPE_BIGINT}, {"bool", TYPE_BOOLEAN}, {"boolean", TYPE_BOOLEAN},
        {"real", TYPE_REAL}, {"double", TYPE_DOUBLE}, {"decimal", TYPE_NUMERIC},
        {"numeric", TYPE_NUMERIC}, {"string", TYPE_VARCHAR}, {"varchar", TYPE_VARCHAR},
        {"char", TYPE_CHAR}, {"text", TYPE_TEXT}, {"date", TYPE_DATE}, {"time", TYPE_TIME},
        {"timestamp", TYPE_TIMESTAMP}, {"timestamptz", TYPE_TIMESTAMPTZ}, {"uuid", TYPE_UUID},
        {"json", TYPE_JSON}, {"jsonb", TYPE_JSONB}, {"blob", TYPE_BLOB}, {"bytea", TYPE_BLOB},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum type_kind k;
        CHECK(types_lookup(cases[i].name, &k) && k == cases[i].kind);
    }
    enum type_kind k;
    CHECK(!types_lookup("strng", &k));
    CHECK_STR(types_suggest("strng"), "string");
    CHECK_STR(types_suggest("VARCHR"), "varchar");
    CHECK(types_suggest("foo") == NULL);
    CHECK_STR(types_name(TYPE_BLOB), "blob");

    struct run r;
    parse_body(&r, "create table t (a string(20), b char, c numeric(7), d Double Precision);");
    CHECK(col(up(&r, 0), 0)->type.kind == TYPE_VARCHAR && col(up(&r, 0), 0)->type.p == 20);
    CHECK(col(up(&r, 0), 1)->type.p == -1);
    CHECK(col(up(&r, 0), 2)->type.p == 7 && col(up(&r, 0), 2)->type.s == -1);
    CHECK(col(up(&r, 0), 3)->type.kind == TYPE_DOUBLE);
    free_run(&r);
}

/* The more types: spellings, precisions, arrays and native types parse
   into the model's types, and each changes the checksum, while the
   spelling of one type does not. */
static void test_more_types(void)
{
    struct run r;
    parse_body(&r, "create table t (a time(3) With Time Zone, b timestamp(0) without time zone,"
                   " c character varying(9), d character(2), e serial, f text[],"
                   " g timestamptz(3)[], h native 'geometry(Point, 4326)', i datetime,"
                   " j interval(2), k bigserial);");
    struct stmt *st = up(&r, 0);
    CHECK(col(st, 0)->type.kind == TYPE_TIMETZ && col(st, 0)->type.p == 3);
    CHECK(col(st, 1)->type.kind == TYPE_TIMESTAMP && col(st, 1)->type.p == 0);
    CHECK(col(st, 2)->type.kind == TYPE_VARCHAR && col(st, 2)->type.p == 9);
    CHECK(col(st, 3)->type.kind == TYPE_CHAR && col(st, 3)->type.p == 2);
    CHECK(col(st, 4)->type.kind == TYPE_SERIAL && !col(st, 4)->type.array);
    CHECK(col(st, 5)->type.kind == TYPE_TEXT && col(st, 5)->type.array);
    CHECK(col(st, 6)->type.kind == TYPE_TIMESTAMPTZ && col(st, 6)->type.p == 3 &&
          col(st, 6)->type.array);
    CHECK(col(st, 7)->type.kind == TYPE_NATIVE);
    CHECK_STR(col(st, 7)->type.native, "geometry(Point, 4326)");
    CHECK(col(st, 8)->type.kind == TYPE_DATETIME);
    CHECK(col(st, 9)->type.kind == TYPE_INTERVAL && col(st, 9)->type.p == 2);
    CHECK(col(st, 10)->type.kind == TYPE_BIGSERIAL);
    free_run(&r);

    const char *same[][2] = {
        {"timestamp with time zone", "timestamptz"},
        {"character varying(4)", "varchar(4)"},
        {"time(2) without time zone", "time(2)"},
    };
    const char *differ[][2] = {
        {"text", "text[]"}, {"timestamp", "timestamp(3)"}, {"integer", "serial"},
        {"native 'citext'", "native 'CITEXT'"}, {"timestamp", "datetime"},
        {"time with time zone", "time"}, {"interval", "interval(1)"},
    };
    for (int k = 0; k < 2; k++) {
        size_t n = k ? sizeof differ / sizeof differ[0] : sizeof same / sizeof same[0];
        for (size_t i = 0; i < n; i++) {
            const char *sums[2];
            struct run rs[2];
            for (int j = 0; j < 2; j++) {
                const char *ty = k ? differ[i][j] : same[i][j];
                char body[128];
                snprintf(body, sizeof body, "create table t (x %s);", ty);
                parse_body(&rs[j], body);
                sums[j] = checksum_migration(&rs[j].arena, rs[j].m);
            }
            CHECK_MSG((strcmp(sums[0], sums[1]) != 0) == (k == 1), "%s vs %s",
                      k ? differ[i][0] : same[i][0], k ? differ[i][1] : same[i][1]);
            free_run(&rs[0]);
            free_run(&rs[1]);
        }
    }
}

static void test_errors(void)
{
    struct run r;
    parse(&r, "revision 001\nrevises base\nmessage 'm'\nupgrade {\n"
              "  create table t (a int)\n"
              "  create table u (a strng);\n"
              "  drop table v;\n"
              "  drop table;\n"
              "}\n");
    CHECK(r.diag.errors == 2);
    CHECK_HAS(r.out, "t.mig:6:3: error: syntax error: unexpected \"create\", expected \";\"\n");
    CHECK_HAS(r.out, "t.mig:8:13: error: syntax error: unexpected \";\", expected name\n");
    /* The statement after the broken ones still parsed. */
    CHECK(r.m->upgrade.n == 1 && up(&r, 0)->kind == STMT_DROP_TABLE);
    free_run(&r);

    parse(&r, "revision 001\nmessage 'never closed\nupgrade { }\n");
    CHECK(r.diag.errors == 1);
    CHECK_HAS(r.out, "t.mig:2:9: error: unterminated string (opened here)\n");
    free_run(&r);

    parse(&r, "revision 001\nupgrade {\n  sql $a$ select 1 $$;\n}\n");
    CHECK(r.diag.errors == 1);
    CHECK_HAS(r.out, "t.mig:3:7: error: unterminated dollar-quoted string (opened here)\n");
    free_run(&r);

    parse(&r, "revision 001\nupgrade {\n  create table t (a int @);\n");
    CHECK_HAS(r.out, "t.mig:3:25: error: unexpected character \"@\"\n");
    CHECK_HAS(r.out, "t.mig:3:28: error: syntax error: unexpected end of file, expected \"}\" to "
                     "close \"{\" at line 2\n");
    free_run(&r);

    parse(&r, "revision 001\nrevises base\nmessage 'm'\ndowngrade { }\n");
    CHECK(r.diag.errors == 1);
    CHECK_HAS(r.out, "t.mig:1:10: error: missing \"upgrade\" block\n");
    free_run(&r);

    parse(&r, "revision 001\nrevision 002\nmessage 'm'\ncreated '2026-1-1'\nupgrade { }\n"
              "message 'late'\n");
    CHECK_HAS(r.out, "t.mig:2:1: error: \"revision\" is already given at line 1\n");
    CHECK_HAS(r.out, "t.mig:4:9: error: invalid created date \"2026-1-1\"\n");
    CHECK_HAS(r.out, "t.mig:6:1: error: \"message\" is already given at line 3\n");
    free_run(&r);

    parse(&r, "revision 001\nupgrade {\n"
              "  create table t (a strng(3), b varchar(0), c int(4), "
              "\"a23456789012345678901234567890123456789012345678901234567890123x\" int);\n}\n");
    CHECK(r.diag.errors == 4);
    CHECK_HAS(r.out, "t.mig:3:21: error: type \"strng\" does not exist\n");
    CHECK_HAS(r.out, "hint: Did you mean \"string\"?\n");
    CHECK_HAS(r.out, "error: length for type \"varchar\" must be at least 1\n");
    CHECK_HAS(r.out, "error: type \"int\" takes no parameters\n");
    CHECK_HAS(r.out, "is too long\n");
    free_run(&r);

    /* Twenty errors, then one line saying the file was abandoned. */
    char text[4096] = "revision 001\nupgrade {\n";
    for (int i = 0; i < 30; i++)
        strcat(text, "  drop table a b;\n");
    strcat(text, "}\n");
    parse(&r, text);
    CHECK(r.diag.errors == 21);
    CHECK_HAS(r.out, "t.mig:23:16: error: too many errors, stopping\n");
    free_run(&r);
}

int main(void)
{
    test_header();
    test_create_table();
    test_other_statements();
    test_alter();
    test_expressions();
    test_more_expressions();
    test_types();
    test_more_types();
    test_errors();
    puts("test_parse: ok");
    return 0;
}
