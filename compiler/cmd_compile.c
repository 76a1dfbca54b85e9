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
    "base; default head) or FROM:TO, which downgrades when TO is below FROM.\n"
    "A target is head, heads, base, a revision id or a unique prefix of one,\n"
    "or a branch label (LABEL@head, LABEL@base).\n"
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

/* Resolves a target to the set of revisions applied at it: marks[topo] is
   set for every revision a database holds once it is at target. Prints the
   error and returns false when the target is unknown or ambiguous. */
static bool resolve_target(struct arena *a, const struct graph *g, const char *target,
                           bool *marks)
{
    memset(marks, 0, (size_t)g->nrevs * sizeof *marks);
    if (strcmp(target, "base") == 0)
        return true;
    if (strcmp(target, "heads") == 0 || (strcmp(target, "head") == 0 && g->nheads <= 1)) {
        graph_mark_ancestors(a, g, g->heads, g->nheads, marks);
        return true;
    }
    if (strcmp(target, "head") == 0) {
        struct strbuf ids = {0};
        for (int i = 0; i < g->nheads; i++)
            strbuf_printf(&ids, " %s", g->heads[i]->id);
        cli_error("sql", "Multiple heads detected:%s", strbuf_str(&ids));
        cli_hint("Merge them (migc merge heads -m \"merge branches\"), or give LABEL@head or "
                 "heads as the target.");
        strbuf_free(&ids);
        return false;
    }
    struct revision *r;
    const char *err;
    if (graph_resolve(a, g, target, &r, &err) != GRAPH_RESOLVED) {
        cli_error("sql", "%s", err);
        return false;
    }
    graph_mark_ancestors(a, g, &r, 1, marks);
    return true;
}

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

    const struct graph *g = &s.project.graph;
    bool *from = arena_alloc(&s.arena, (size_t)g->nrevs + 1);
    bool *to = arena_alloc(&s.arena, (size_t)g->nrevs + 1);
    const char *colon = strchr(range, ':');
    const char *from_t = colon ? arena_strndup(&s.arena, range, (size_t)(colon - range)) : "base";
    const char *to_t = colon ? colon + 1 : range;
    if (!resolve_target(&s.arena, g, from_t, from) || !resolve_target(&s.arena, g, to_t, to))
        return session_close(&s, 2);

    /* Upgrade when TO holds everything FROM holds; downgrade when FROM
       holds everything TO holds; otherwise a mix is refused. */
    bool up_ok = true, down_ok = true;
    for (int i = 0; i < g->nrevs; i++) {
        if (from[i] && !to[i])
            up_ok = false;
        if (to[i] && !from[i])
            down_ok = false;
    }
    if (!up_ok && !down_ok) {
        cli_error("sql", "\"%s\" and \"%s\" are on different branches", from_t, to_t);
        cli_hint("Give a range whose end descends from its start (upgrade) or whose start "
                 "descends from its end (downgrade).");
        return session_close(&s, 2);
    }
    /* psql and the sqlite3 shell go on after a failing statement unless
       told to stop: the next migration's BEGIN would apply on top of a
       failed one, and a rebuild whose foreign-key check failed would
       commit. Printed once the range is known to be valid. */
    const char *settings = no_settings ? "" : sqlscript_client_settings(d->abi == MIGC_POSTGRES);
    if (up_ok) {
        fputs(settings, stdout);
        for (int i = 0; i < g->nrevs; i++)
            if (to[i] && !from[i])
                script_revision(stdout, &s.arena, d, s.comp.revs[i], true);
    } else {
        for (int i = g->nrevs - 1; i >= 0; i--) {
            if (!(from[i] && !to[i]))
                continue;
            const struct compiled_revision *cr = s.comp.revs[i];
            if (cr->irreversible) {
                cli_error("sql", "revision \"%s\" is irreversible and cannot be downgraded",
                          cr->rev->id);
                cli_detail("%s declares \"downgrade irreversible;\".", cr->rev->mig->file);
                return session_close(&s, 1);
            }
        }
        fputs(settings, stdout);
        for (int i = g->nrevs - 1; i >= 0; i--)
            if (from[i] && !to[i])
                script_revision(stdout, &s.arena, d, s.comp.revs[i], false);
    }
    return session_close(&s, 0);
}

/* ---- schema ------------------------------------------------------------- */

static const char schema_usage[] =
    "usage: migc schema [DIR] [--at REV] [--dialect sqlite|postgres]\n"
    "\n"
    "Print the schema at a revision (default: the merge of all heads), as .mig\n"
    "statements, or as SQL for a dialect.\n";

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
    struct session s;
    session_open(&s, npos ? pos[0] : "migrations", dialect_all(), false);
    if (!s.ok)
        return session_close(&s, 1);
    diag_flush(&s.diag, stderr);
    const struct graph *g = &s.project.graph;
    const struct schema *schema = s.comp.head;
    if (at && strcmp(at, "heads") != 0 && !(strcmp(at, "head") == 0 && g->nheads <= 1)) {
        if (strcmp(at, "base") == 0) {
            schema = schema_empty();
        } else {
            bool *marks = arena_alloc(&s.arena, (size_t)g->nrevs + 1);
            if (!resolve_target(&s.arena, g, at, marks))
                return session_close(&s, 2);
            struct revision *r;
            const char *err;
            graph_resolve(&s.arena, g, at, &r, &err);   /* resolve_target found it */
            schema = s.comp.revs[r->topo]->after;
        }
    }
    if (!dialect) {
        fputs(render_mig_schema(&s.arena, schema), stdout);
    } else {
        struct vec out = {0};
        render_schema(&s.arena, dialect_only(targets), schema, &out);
        script_statements(stdout, &out, false);
    }
    return session_close(&s, 0);
}
