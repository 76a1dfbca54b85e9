/* autogen: the statements autogen_diff writes, replayed onto the schema
   they start from, give exactly the target schema, in both directions;
   equal schemas give nothing; drops carry their comment and warning; a
   model with something other than create statements is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "autogen.h"
#include "schema_compare.h"
#include "compile.h"
#include "dialect.h"
#include "parse.h"
#include "replay.h"


static const struct schema *model(struct arena *a, struct diag *d, const char *text)
{
    const struct schema *s = autogen_load_model(a, d, "model.schema", text, strlen(text), dialect_all(), NULL);
    if (!s)
        diag_flush(d, stderr);
    CHECK_MSG(s, "model does not load:\n%s", text);
    return s;
}

/* Replays the generated statements (an upgrade body) onto from. */
static const struct schema *apply(struct arena *a, struct diag *d, const struct schema *from,
                                  const char *body)
{
    const char *text = arena_printf(a, "revision x revises base message 'x' upgrade {\n%s}\n", body);
    struct migration *m = parse_migration(a, d, "gen.mig", text, strlen(text));
    struct replay_ctx rc;
    replay_init(&rc, a, d, dialect_all(), NULL);
    const struct schema *s = from;
    for (int i = 0; i < m->upgrade.n; i++)
        s = replay_stmt(&rc, s, VEC_AT(m->upgrade, i, const struct stmt *));
    if (diag_failed(d))
        diag_flush(d, stderr);
    CHECK_MSG(!diag_failed(d), "the generated statements do not apply:\n%s", body);
    return s;
}

static void round_trip(const char *before, const char *after)
{
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    d.quiet_warnings = true;
    const struct schema *x = model(&a, &d, before), *y = model(&a, &d, after);
    for (int dir = 0; dir < 2; dir++) {
        const struct schema *from = dir ? y : x, *to = dir ? x : y;
        const char *body = autogen_diff(&a, &d, from, to, false);
        CHECK_MSG(body, "no statements between\n%s\nand\n%s", before, after);
        struct vec diffs = {0};
        int n = schema_compare(&a, to, apply(&a, &d, from, body), &diffs);
        CHECK_MSG(n == 0, "after\n%s\n%s differs (%s: expected %s, got %s)", body,
                  VEC_AT(diffs, 0, struct schema_diff *)->object,
                  VEC_AT(diffs, 0, struct schema_diff *)->kind,
                  VEC_AT(diffs, 0, struct schema_diff *)->expected,
                  VEC_AT(diffs, 0, struct schema_diff *)->actual);
        CHECK_MSG(!autogen_diff(&a, &d, to, to, false), "equal schemas gave statements");
    }
    arena_free(&a);
}

int main(void)
{
    const char *users = "create table users (id bigint primary key, email varchar(100) not null, "
                        "name text);\n";
    round_trip("", users);
    round_trip(users, "create table users (id bigint primary key, email varchar(200), "
                      "name text not null default 'x', age int check (age > 0));\n");
    round_trip(users, "create table users (id bigint primary key, email varchar(100) not null "
                      "unique, name text);\ncreate index ix on users ((lower(name))) where "
                      "(name is not null);\ncreate view v as $$ select id, name from users $$;\n");
    round_trip("create table a (id int primary key);\ncreate table b (id int primary key, a_id "
               "int references a (id));\n",
               "create table b (id int primary key, a_id int);\n");
    round_trip("create table p (id int primary key, c_id int);\n",
               "create table p (id int primary key, c_id int references c (id) on delete "
               "cascade);\ncreate table c (id int primary key);\n");

    /* A dropped column: the comment, the warning and the rename note. */
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    const char *body = autogen_diff(&a, &d, model(&a, &d, users),
                                    model(&a, &d, "create table users (id bigint primary key, "
                                                  "email varchar(100) not null, nick text);\n"),
                                    true);
    CHECK_MSG(body && strstr(body, "-- review: dropping column \"users\".\"name\" deletes its data"),
              "no data-loss comment in:\n%s", body ? body : "(null)");
    CHECK_MSG(strstr(body, "rename column"), "no rename note in:\n%s", body);
    CHECK_MSG(d.warnings == 1, "%d warnings instead of 1", d.warnings);

    /* Only create statements in a model. */
    struct diag d2;
    diag_init(&d2, &a);
    d2.quiet_warnings = true;
    const char *bad = "create table t (id int);\nalter table t add column x int;\n";
    CHECK_MSG(!autogen_load_model(&a, &d2, "m.schema", bad, strlen(bad), dialect_all(), NULL),
              "a model with alter table loaded");
    arena_free(&a);
    printf("ok: autogen\n");
    return 0;
}
