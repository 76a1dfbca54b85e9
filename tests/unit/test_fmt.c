/* The formatter: on every .mig file of the repository (tests/ and
   migrations/) that parses, formatting keeps the checksum and everything
   else the migration means, and formatting the result changes nothing;
   comments survive; a file that does not parse is refused. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "checksum.h"
#include "fmt.h"
#include "parse.h"
#include "project.h"

static int nfiles, nformatted;

static void check_file(const char *path)
{
    size_t len;
    char *text = project_read_file(path, &len);
    CHECK_MSG(text, "cannot read %s", path);
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    d.quiet_warnings = true;
    struct migration *m = parse_migration(&a, &d, path, text, len);
    if (diag_failed(&d)) {
        /* A file that does not parse (an error case) is refused. */
        struct diag d2;
        diag_init(&d2, &a);
        CHECK_MSG(!fmt_text(&a, &d2, path, text, len, false), "%s does not parse but was formatted",
                  path);
        arena_free(&a);
        free(text);
        return;
    }
    nfiles++;
    const char *sum = checksum_migration(&a, m);
    const char *out = fmt_text(&a, &d, path, text, len, false);
    if (!out) {
        diag_flush(&d, stderr);
        CHECK_MSG(0, "%s parses but was not formatted", path);
    }
    struct diag d3;
    diag_init(&d3, &a);
    struct migration *m2 = parse_migration(&a, &d3, path, out, strlen(out));
    CHECK_MSG(!diag_failed(&d3), "%s: the formatted text does not parse:\n%s", path, out);
    CHECK_MSG(strcmp(sum, checksum_migration(&a, m2)) == 0, "%s: formatting changed the checksum",
              path);
    const char *again = fmt_text(&a, &d3, path, out, strlen(out), false);
    CHECK_MSG(again && strcmp(again, out) == 0, "%s: formatting is not idempotent:\n%s\n---\n%s",
              path, out, again ? again : "(null)");
    /* Every comment of the file is still there. */
    struct vec before = {0}, after = {0};
    parse_tokens(&a, &d3, path, text, len, &before);
    parse_tokens(&a, &d3, path, out, strlen(out), &after);
    int nc = 0, nc2 = 0;
    for (int i = 0; i < before.n; i++)
        nc += VEC_AT(before, i, struct parse_token *)->kind == PTOK_COMMENT;
    for (int i = 0; i < after.n; i++)
        nc2 += VEC_AT(after, i, struct parse_token *)->kind == PTOK_COMMENT;
    CHECK_MSG(nc == nc2, "%s: %d comments before formatting, %d after", path, nc, nc2);
    nformatted += strlen(out) != len || memcmp(out, text, len) != 0;
    arena_free(&a);
    free(text);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(path);
        if (S_ISDIR(st.st_mode))
            walk(path);
        else if (n > 4 && strcmp(path + n - 4, ".mig") == 0)
            check_file(path);
    }
    closedir(d);
}

static const char *fmt(struct arena *a, const char *text, bool model)
{
    struct diag d;
    diag_init(&d, a);
    const char *out = fmt_text(a, &d, "t.mig", text, strlen(text), model);
    if (!out)
        diag_flush(&d, stderr);
    return out;
}

static void check_layout(const char *in, const char *want, bool model)
{
    struct arena a = {0};
    const char *out = fmt(&a, in, model);
    CHECK_MSG(out && strcmp(out, want) == 0, "formatting\n%s\ngave\n%s\nexpected\n%s", in,
              out ? out : "(null)", want);
    arena_free(&a);
}

int main(void)
{
    /* Comments in every position, keywords in upper case, blank lines. */
    check_layout("REVISION A1 -- id\nREVISES base\nMESSAGE 'm' /* b */\n\n\n-- up\n"
                 "UPGRADE {\n  drop TABLE X; -- gone\n\n\n  /* next */ drop view V;\n}\n",
                 "revision A1 -- id\nrevises base\nmessage 'm' /* b */\n\n-- up\n"
                 "upgrade {\n    drop table x; -- gone\n\n    /* next */\n    drop view v;\n}\n",
                 false);
    /* Expressions: unary minus, function calls, type parameters, no
       accidental comment from "- -1". */
    check_layout("revision 1 revises base message 'm' upgrade { alter table t alter column a "
                 "type NUMERIC( 10 , 2 ), alter column b set default - -1, add check "
                 "(lower(c)<>'x' and d between 1 and 2); }",
                 "revision 1\nrevises base\nmessage 'm'\n\nupgrade {\n    alter table t\n"
                 "        alter column a type numeric(10,2),\n"
                 "        alter column b set default - -1,\n"
                 "        add check (lower(c) <> 'x' and d between 1 and 2);\n}\n",
                 false);
    /* Casts, keywords that read as functions, arrays, case, PostgreSQL's
       operators. */
    check_layout("create table t(a text default 'x' :: VARCHAR( 5 ),b int check(CAST ( b AS "
                 "NUMERIC( 10 , 2 ))>EXTRACT ( YEAR FROM CURRENT_TIMESTAMP ( 3 ) )),c int "
                 "check(c=ANY(ARRAY [ 1,2 ])and CASE WHEN c>1 THEN c ELSE -c END-1>0),"
                 "d jsonb check(d->>'k'~*'x' and d?'y'));",
                 "create table t (\n    a text  default 'x'::varchar(5),\n"
                 "    b int   check (cast(b as numeric(10,2)) > extract(year from current_timestamp(3))),\n"
                 "    c int   check (c = any (array[1, 2]) and case when c > 1 then c else -c end - 1 > 0),\n"
                 "    d jsonb check (d ->> 'k' ~* 'x' and d ? 'y')\n);\n",
                 true);
    /* Materialized views and views for one dialect. */
    check_layout("revision 1 revises base message 'm' upgrade { CREATE MATERIALIZED VIEW M AS "
                 "$$ select 1 $$ WITH NO DATA; REFRESH MATERIALIZED VIEW CONCURRENTLY M; "
                 "create view V POSTGRES as $$ x $$; DROP VIEW V sqlite; drop materialized view "
                 "m; }",
                 "revision 1\nrevises base\nmessage 'm'\n\nupgrade {\n"
                 "    create materialized view m as $$ select 1 $$ with no data;\n"
                 "    refresh materialized view concurrently m;\n"
                 "    create view v postgres as $$ x $$;\n    drop view v sqlite;\n"
                 "    drop materialized view m;\n}\n",
                 false);
    /* A model: statements only. */
    check_layout("create table b(x int,yy text default 'a');create index i on b(x);",
                 "create table b (\n    x  int,\n    yy text default 'a'\n);\n"
                 "create index i on b (x);\n",
                 true);
    /* The repository's migrations. */
    walk("tests");
    walk("migrations");
    CHECK_MSG(nfiles > 20, "only %d migration files found: run from the repository root", nfiles);
    printf("ok: %d files formatted without changing a checksum (%d changed layout)\n", nfiles,
           nformatted);
    return 0;
}
