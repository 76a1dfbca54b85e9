/* The commands that compile the whole project: check, sql and schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "compile.h"
#include "dialect.h"
#include "migc_migrator.h"
#include "project.h"
#include "range_plan.h"
#include "render.h"
#include "script.h"
#include "session.h"
#include "sqlscript.h"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char check_usage[] =
    "usage: migc check [DIR] [--dialect sqlite|postgres]... [-Werror] [--no-lint]\n"
    "                  [--allow RULE]...\n"
    "\n"
    "Parse and check every migration under DIR (default: migrations): replay\n"
    "them along the revision graph, check every statement against the schema,\n"
    "derive missing downgrades and prove each downgrade restores the schema.\n"
    "\n"
    "options:\n"
    "  --dialect D   a dialect the project targets (repeatable; default both)\n"
    "  -Werror       treat warnings as errors\n"
    "  --no-lint     skip the lint warnings (risky but valid changes; see docs/lint.md)\n"
    "  --allow RULE  silence one lint rule in the whole project (repeatable)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors in the migrations, 2 bad usage.\n";

int cmd_check(int argc, char **argv)
{
    const char *dialects[4];
    int ndialects = 0;
    struct cli_lint lint = {0};
    struct cli_opt opts[3] = {
        {.name = "dialect", .list = dialects, .list_n = &ndialects, .list_max = 4},
    };
    int nopts = 1 + cli_lint_options(&lint, &argc, argv, opts + 1);
    const char *pos[1];
    int npos;
    enum cli_parsed parsed =
        cli_parse("check", check_usage, argc, argv, opts, nopts, pos, 1, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    int rc;
    unsigned targets;
    if ((rc = cli_dialects("check", dialects, ndialects, &targets)) ||
        (rc = cli_lint_check("check", &lint)))
        return rc;
    struct session s;
    session_open(&s, npos ? pos[0] : "migrations", targets, lint.werror);
    cli_lint_run(&lint, &s.arena, &s.diag, &s.comp, targets);
    s.ok = s.ok && !diag_failed(&s.diag);
    return session_close(&s, s.ok ? 0 : 1);
}

/* ---- sql ---------------------------------------------------------------- */

static const char sql_usage[] =
    "usage: migc sql [DIR] --dialect sqlite|postgres [RANGE] [--no-client-settings]\n"
    "\n"
    "Print the SQL of a range of revisions, offline. RANGE is TARGET (from\n"
    "base; default head) or FROM:TO (from a database at FROM): the revisions\n"
    "a migrator's upgrade --sql RANGE runs, in its order, or those of its\n"
    "downgrade --sql RANGE when TO is below FROM. A target is any the\n"
    "migrator takes: head, heads, base, an id or a unique prefix of one,\n"
    "+N/-N, REV+N/REV-N, LABEL@head, LABEL@base, LABEL@+N/LABEL@-N.\n"
    "\n"
    "The script begins with the client settings that stop it at the first\n"
    "error: \\set ON_ERROR_STOP on for psql, .bail on for the sqlite3 shell.\n"
    "\n"
    "options:\n"
    "  --dialect D             the SQL's dialect: sqlite or postgres\n"
    "  --no-client-settings    leave the client settings out, for other clients\n"
    "\n"
    "Exit status: 0 success, 1 errors in the migrations, 2 bad usage or an\n"
    "unknown target.\n";

int cmd_sql(int argc, char **argv)
{
    const char *dialect = NULL;
    bool no_settings = false;
    struct cli_opt opts[] = {{.name = "dialect", .value = &dialect},
                             {.name = "no-client-settings", .flag = &no_settings}};
    const char *pos[2];
    int npos;
    enum cli_parsed parsed = cli_parse("sql", sql_usage, argc, argv, opts, 2, pos, 2, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    int rc;
    if (!dialect) {
        cli_error("sql", "missing --dialect");
        cli_dialect_hint();
        return 2;
    }
    unsigned targets;
    const char *one[1] = {dialect};
    if ((rc = cli_dialects("sql", one, 1, &targets)))
        return rc;
    const struct dialect *d = dialect_only(targets);

    const char *dir = "migrations", *range = "head";
    if (npos == 2) {
        dir = pos[0];
        range = pos[1];
    } else if (npos == 1) {
        if (is_dir(pos[0]))
            dir = pos[0];
        else
            range = pos[0];
    }

    struct session s;
    session_open(&s, dir, targets, false);
    if (!s.ok)
        return session_close(&s, 1);
    diag_flush(&s.diag, stderr);   /* warnings before the SQL */

    /* Planned as the migrator plans upgrade/downgrade --sql RANGE. */
    struct range_plan plan;
    if (!range_plan_make(&s.arena, &s.project.graph, range, &plan)) {
        cli_error("sql", "%s", plan.error);
        if (*plan.detail)
            cli_detail("%s", plan.detail);
        if (*plan.hint)
            cli_hint("%s", plan.hint);
        return session_close(&s, 2);
    }
    for (int k = 0; k < plan.norder && !plan.upgrade; k++) {
        const struct compiled_revision *cr = s.comp.revs[plan.order[k]];
        if (cr->irreversible) {
            cli_error("sql", "revision \"%s\" is irreversible and cannot be downgraded",
                      cr->rev->id);
            cli_detail("%s declares \"downgrade irreversible;\".", cr->rev->mig->file);
            return session_close(&s, 1);
        }
    }
    /* psql and the sqlite3 shell go on after a failing statement unless
       told to stop: the next migration's BEGIN would apply on top of a
       failed one, and a rebuild whose foreign-key check failed would
       commit. Printed once the range is known to be valid. */
    if (!no_settings)
        fputs(sqlscript_client_settings(d->abi == MIGC_POSTGRES), stdout);
    for (int k = 0; k < plan.norder; k++)
        script_revision(stdout, &s.arena, d, s.comp.revs[plan.order[k]], plan.upgrade);
    return session_close(&s, 0);
}

/* ---- schema ------------------------------------------------------------- */

static const char schema_usage[] =
    "usage: migc schema [DIR] [--at REV] [--dialect sqlite|postgres]\n"
    "\n"
    "Print the schema at a revision (default: the merge of all heads), as .mig\n"
    "statements, or as SQL for a dialect. Without --dialect, a project that\n"
    "compiles for one dialect only (one using what only PostgreSQL has) is\n"
    "checked for that dialect.\n";

int cmd_schema(int argc, char **argv)
{
    const char *at = NULL, *dialect = NULL;
    struct cli_opt opts[] = {{.name = "at", .value = &at}, {.name = "dialect", .value = &dialect}};
    const char *pos[1];
    int npos;
    enum cli_parsed parsed = cli_parse("schema", schema_usage, argc, argv, opts, 2, pos, 1, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    int rc;
    unsigned targets = dialect_all();
    if (dialect) {
        const char *one[1] = {dialect};
        if ((rc = cli_dialects("schema", one, 1, &targets)))
            return rc;
    }
    /* SQL for one dialect is checked for that dialect, as migc sql is:
       a PostgreSQL-only project prints its PostgreSQL schema. Without
       --dialect, a project that compiles for one dialect only (it uses
       what only PostgreSQL has, and check and build are given --dialect
       postgres) is checked for that one; one with errors on each is
       reported as check reports it. */
    const char *dir = npos ? pos[0] : "migrations";
    struct session all, one;
    session_open(&all, dir, targets, false);
    struct session *sp = &all;
    for (int i = 0; !dialect && !all.ok && i < dialect_count; i++) {
        session_open(&one, dir, dialect_table[i]->target, false);
        if (one.ok) {
            arena_free(&all.arena);
            sp = &one;
            break;
        }
        arena_free(&one.arena);
    }
    if (!sp->ok)
        return session_close(sp, 1);
    diag_flush(&sp->diag, stderr);
    const struct graph *g = &sp->project.graph;
    const struct schema *schema = sp->comp.head;
    if (at && strcmp(at, "heads") != 0 && !(strcmp(at, "head") == 0 && g->nheads <= 1)) {
        if (strcmp(at, "base") == 0) {
            schema = schema_empty();
        } else {
            struct revision *r;
            const char *err;
            enum graph_resolved why = graph_resolve(&sp->arena, g, at, &r, &err);
            if (why != GRAPH_RESOLVED) {
                cli_error("schema", "%s", err);
                if (why == GRAPH_MULTIPLE_HEADS)
                    cli_hint("Merge them (migc merge heads -m \"merge branches\"), or give "
                             "LABEL@head or heads as the target.");
                return session_close(sp, 2);
            }
            schema = sp->comp.revs[r->topo]->after;
        }
    }
    if (!dialect) {
        fputs(render_mig_schema(&sp->arena, schema), stdout);
    } else {
        struct vec out = {0};
        render_schema(&sp->arena, dialect_only(targets), schema, &out);
        script_statements(stdout, &out, false);
        fputs(render_declared_comments(&sp->arena, schema, dialect_only(targets)->name), stdout);
    }
    return session_close(sp, 0);
}
