/* The migrator's command line: commands, options, usage, and migc_main,
   the one entry point generated files call. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

enum {
    O_UPDOWN = 1 << 0,         /* upgrade, downgrade */
    O_JSON = 1 << 1,           /* current, history, heads, check */
    O_RANGE = 1 << 2,          /* history */
    O_STAMP = 1 << 3,
    O_LOCK = 1 << 4,           /* commands that take the write lock */
    O_GRAPH = 1 << 5,          /* history */
    O_REHEARSE = 1 << 6,       /* upgrade, downgrade */
    O_STMTLOCK = 1 << 7,       /* upgrade, downgrade */
};

struct command {
    const char *name;
    int minpos, maxpos;
    unsigned opts;             /* O_* the command accepts besides the common ones */
    const char *help;
};

static const struct command commands[] = {
    {"upgrade", 0, 1, O_UPDOWN | O_LOCK | O_REHEARSE | O_STMTLOCK | O_JSON,
     "apply up to TARGET (default head)"},
    {"downgrade", 1, 1, O_UPDOWN | O_LOCK | O_REHEARSE | O_STMTLOCK | O_JSON,
     "revert down to TARGET"},
    {"current", 0, 0, O_JSON, "the revision(s) the database is at"},
    {"history", 0, 0, O_JSON | O_RANGE | O_GRAPH, "the revisions, newest first"},
    {"heads", 0, 0, O_JSON, "the head revisions"},
    {"branches", 0, 0, 0, "the branch points"},
    {"show", 1, 1, 0, "one revision"},
    {"stamp", 1, 1, O_STAMP | O_LOCK, "set the recorded revision without running migrations"},
    {"check", 0, 0, O_JSON, "exit 3 unless the database is at head and matches"},
    {"schema", 0, 0, 0, "the expected schema at the database's revision, as SQL"},
    {"repair", 0, 0, O_LOCK,
     "record the checksums of applied migrations edited on purpose, naming each"},
};

static void usage(struct rt *rt, FILE *out)
{
    fprintf(out, "usage: %s COMMAND [ARGS] [OPTIONS]\n\n", rt->prog);
    fprintf(out, "%s applies the database migrations of %s, built into it.\n\ncommands:\n",
            rt->prog, migc_string(rt->p, rt->p->name));
    static const char *const args[] = {" [TARGET]", " TARGET", "", " [-r START:END]", "", "",
                                       " REV", " TARGET [--purge]", "", "", ""};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s", commands[i].name, args[i]);
        fprintf(out, "  %-26s %s\n", left, commands[i].help);
    }
    fputs("\noptions:\n"
          "  --database-url URL         the database (default: $", out);
    fputs(rt_url_env(rt), out);
    const char *def = migc_string(rt->p, rt->p->default_url);
    fprintf(out, ", then .env, then %s)\n", *def ? dburl_display(rt, def) : "none");
    fputs("  -q, --quiet                no progress lines\n"
          "  -v, --verbose              more detail (current, history, heads; SQL as it runs)\n"
          "  --json                     machine-readable output (current, history, heads, check,\n"
          "                             upgrade and downgrade --rehearse)\n"
          "  --graph                    history: the revision graph as a picture\n"
          "  --format mermaid|dot       with --graph: Mermaid (default) or Graphviz DOT\n"
          "  --sql                      print the SQL instead of running it (upgrade, downgrade)\n"
          "  --dialect sqlite|postgres  the SQL's dialect with --sql when there is no URL\n"
          "  --no-client-settings       with --sql, leave out the first lines that make psql\n"
          "                             and the sqlite3 shell stop at the first error\n"
          "  --transaction per-migration|all\n"
          "                             one transaction per migration (default) or for all\n"
          "  --lock-timeout SECONDS     how long a command that writes (upgrade, downgrade,\n"
          "                             stamp, repair) waits for another migrator (default 60)\n"
          "  --schema NAME              PostgreSQL: keep the version tables and the migrated\n"
          "                             objects in schema NAME (created when absent)\n"
          "  --rehearse                 upgrade, downgrade: run the range for real in one\n"
          "                             transaction, report each migration (time, errors,\n"
          "                             PostgreSQL's locks, rows written), then roll back\n"
          "  --skip-nontransactional    with --rehearse, leave out transaction none migrations\n"
          "  --statement-lock-timeout DURATION\n"
          "                             how long a migration's statement waits for a lock\n"
          "                             (5s, 500ms; PostgreSQL's lock_timeout, SQLite's busy\n"
          "                             timeout) before the migration fails; default: ", out);
    fputs(rt->p->statement_lock_timeout_ms > 0
              ? duration_format(rt, rt->p->statement_lock_timeout_ms)
              : "none", out);
    fputs(rt->p->statement_lock_timeout_ms > 0 ? " (set at build)\n" : "\n", out);
    fputs("  --retries N                try such a migration again up to N times, pausing\n"
          "                             1 s, 2 s, 4 s... in between\n"
          "  --help, --version\n"
          "\ntargets: head, heads, base, a revision id or unique prefix, +N, -N, REV+N, REV-N,\n"
          "LABEL@head, LABEL@base, LABEL@+N, LABEL@-N\n"
          "\ncheck compares the database with the migrations: pending revisions, checksums,\n"
          "unknown revisions, half-run transaction none migrations and the live schema.\n"
          "A transaction none migration that stops half-way is recorded: every later run\n"
          "names the statements that ran and the one that failed; upgrade resumes it at\n"
          "the first statement that did not run, or stamp records where the database is.\n"
          "\nexit status: 0 success, 1 database or migration error, 2 bad usage or unknown\n"
          "target, 3 check found a difference\n",
          out);
    char built[256];
    build_info_describe(built, sizeof built);
    fprintf(out, "\nbuilt: %s\n", built);
}

static int usage_error(const struct rt *rt, const char *fmt, const char *arg)
{
    fprintf(stderr, "error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nhint: Run '%s --help' for the commands and options.\n", rt->prog);
    return EXIT_USAGE;
}

/* A URL anywhere but after --database-url would be echoed by the error
   about it (an unknown command or target): it is refused unread. */
static int url_misplaced(void)
{
    fprintf(stderr, "error: a database URL is given where it is not expected\n"
                    "hint: Pass the URL with --database-url URL (it is not echoed here, "
                    "as it may hold a password).\n");
    return EXIT_USAGE;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int dispatch(struct rt *rt, int argc, char **argv)
{
    struct run_opts o = {.lock_timeout_s = -1};
    const char *stmt_lock = NULL, *retries = NULL;
    const struct command *cmd = NULL;
    const char *pos[4];
    int npos = 0;
    unsigned used = 0;         /* O_* of the options given */
    bool help = false, version = false;
    const char *transaction = NULL, *lock = NULL, *format = NULL;
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        const char *val = NULL;
        const char *eq = strncmp(w, "--", 2) == 0 ? strchr(w, '=') : NULL;
        char name[64];
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - w) : (int)strlen(w), w);
#define TAKE()                                                                                   \
    do {                                                                                         \
        if (eq)                                                                                  \
            val = eq + 1;                                                                        \
        else if (i + 1 < argc)                                                                   \
            val = argv[++i];                                                                     \
        else                                                                                     \
            return usage_error(rt, "option %s needs a value", name);                             \
    } while (0)
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
            help = true;
        else if (strcmp(name, "--version") == 0)
            version = true;
        else if (strcmp(name, "-q") == 0 || strcmp(name, "--quiet") == 0) {
            if (rt->verbose)
                return usage_error(rt, "%s cannot be combined with -v (--verbose)", w);
            rt->quiet = true;
        } else if (strcmp(name, "-v") == 0 || strcmp(name, "--verbose") == 0) {
            if (rt->quiet)
                return usage_error(rt, "%s cannot be combined with -q (--quiet)", w);
            rt->verbose = true;
        } else if (strcmp(name, "--database-url") == 0) {
            if (o.url_option)
                return usage_error(rt, "--database-url is given twice%s", "");
            TAKE();
            o.url_option = val;
        } else if (strcmp(name, "--schema") == 0) {
            TAKE();
            o.schema = val;
        } else if (strcmp(name, "--json") == 0) {
            o.json = true;
            used |= O_JSON;
        } else if (strcmp(name, "--sql") == 0) {
            o.sql = true;
            used |= O_UPDOWN;
        } else if (strcmp(name, "--no-client-settings") == 0) {
            o.no_client_settings = true;
            used |= O_UPDOWN;
        } else if (strcmp(name, "--dialect") == 0) {
            TAKE();
            o.dialect = val;
            used |= O_UPDOWN;
        } else if (strcmp(name, "--transaction") == 0) {
            TAKE();
            transaction = val;
            used |= O_UPDOWN;
        } else if (strcmp(name, "--purge") == 0) {
            o.purge = true;
            used |= O_STAMP;
        } else if (strcmp(name, "-r") == 0 || strcmp(name, "--rev-range") == 0) {
            TAKE();
            o.range = val;
            used |= O_RANGE;
        } else if (strcmp(name, "--graph") == 0) {
            o.graph = true;
            used |= O_GRAPH;
        } else if (strcmp(name, "--format") == 0) {
            TAKE();
            format = val;
            used |= O_GRAPH;
        } else if (strcmp(name, "--lock-timeout") == 0) {
            TAKE();
            lock = val;
            used |= O_LOCK;
        } else if (strcmp(name, "--rehearse") == 0) {
            o.rehearse = true;
            used |= O_REHEARSE;
        } else if (strcmp(name, "--skip-nontransactional") == 0) {
            o.skip_nontransactional = true;
            used |= O_REHEARSE;
        } else if (strcmp(name, "--statement-lock-timeout") == 0) {
            TAKE();
            stmt_lock = val;
            used |= O_STMTLOCK;
        } else if (strcmp(name, "--retries") == 0) {
            TAKE();
            retries = val;
            used |= O_STMTLOCK;
        } else if (w[0] == '-' && w[1] && !(w[1] >= '0' && w[1] <= '9')) {
            /* Only the name: the value of a misspelled --database-url=URL
               is a URL. */
            if (dburl_looks_like(name))
                return usage_error(rt, "unrecognized option%s", "");
            return usage_error(rt, "unrecognized option \"%s\"", name);
        } else if (dburl_looks_like(w)) {
            return url_misplaced();
        } else if (!cmd) {
            for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
                if (strcmp(commands[k].name, w) == 0)
                    cmd = &commands[k];
            if (!cmd)
                return usage_error(rt, "unrecognized command \"%s\"", w);
        } else {
            if (npos >= cmd->maxpos)
                return usage_error(rt, "unexpected argument \"%s\"", w);
            pos[npos++] = w;
        }
#undef TAKE
        if (val && val != o.url_option && dburl_looks_like(val))
            return url_misplaced();
    }
    if (help) {
        usage(rt, stdout);
        return EXIT_OK;
    }
    if (version) {
        char built[256];
        build_info_describe(built, sizeof built);
        printf("%s\nbuilt: %s\n", rt_migrator_label(rt), built);
        return EXIT_OK;
    }
    if (!cmd) {
        usage(rt, stderr);
        return EXIT_USAGE;
    }
    if (npos < cmd->minpos)
        return usage_error(rt, "%s needs a target", cmd->name);
    unsigned extra = used & ~cmd->opts;
    if (extra) {
        static const char *const what[] = {
            "--sql, --dialect, --no-client-settings and --transaction", "--json", "-r", "--purge",
            "--lock-timeout", "--graph and --format", "--rehearse and --skip-nontransactional",
            "--statement-lock-timeout and --retries"};
        for (int b = 0; b < 8; b++)
            if (extra & (1u << b)) {
                fprintf(stderr, "error: %s %s not taken by %s\n", what[b],
                        b == 0 || b >= 5 ? "are" : "is", cmd->name);
                fprintf(stderr, "hint: Run '%s --help' for the commands and options.\n",
                        rt->prog);
                return EXIT_USAGE;
            }
    }
    if (transaction) {
        if (strcmp(transaction, "all") == 0)
            o.all = true;
        else if (strcmp(transaction, "per-migration") != 0)
            return usage_error(rt, "unrecognized transaction mode \"%s\"", transaction);
    }
    if (lock) {
        char *end;
        long v = strtol(lock, &end, 10);
        if (*end || v < 0 || v > 86400)
            return usage_error(rt, "--lock-timeout needs a number of seconds, not \"%s\"", lock);
        o.lock_timeout_s = (int)v;
    }
    /* The build's default is for the commands that run migrations: a
       reader keeps SQLite's usual busy timeout. */
    if (cmd->opts & O_STMTLOCK)
        o.statement_lock_timeout_ms = rt->p->statement_lock_timeout_ms;
    if (stmt_lock && duration_parse(stmt_lock, &o.statement_lock_timeout_ms))
        return usage_error(rt, "--statement-lock-timeout needs a duration such as 5s, 500ms "
                               "or 2min (at most a day), not \"%s\"", stmt_lock);
    if (retries) {
        char *end;
        long v = strtol(retries, &end, 10);
        if (*end || end == retries || v < 0 || v > 100)
            return usage_error(rt, "--retries needs a number from 0 to 100, not \"%s\"", retries);
        o.retries = (int)v;
    }
    if (o.rehearse && o.sql)
        return usage_error(rt, "--rehearse cannot be combined with --sql: a rehearsal runs the "
                               "migrations%s", "");
    if ((stmt_lock || retries) && o.sql)
        return usage_error(rt, "--statement-lock-timeout and --retries cannot be combined with "
                               "--sql%s", "");
    if (o.json && (cmd->opts & O_REHEARSE) && !o.rehearse)
        return usage_error(rt, "--json needs --rehearse with %s", cmd->name);
    if (o.skip_nontransactional && !o.rehearse)
        return usage_error(rt, "--skip-nontransactional needs --rehearse%s", "");
    if (retries && o.rehearse)
        return usage_error(rt, "--retries cannot be combined with --rehearse: a rehearsal reports "
                               "a migration that timed out waiting for a lock%s", "");
    if (format && !o.graph)
        return usage_error(rt, "--format needs --graph%s", "");
    if (format && graphpic_format_parse(format, &o.graph_format))
        return usage_error(rt, "--format takes mermaid or dot, not \"%s\"", format);
    if (o.graph && o.json)
        return usage_error(rt, "--graph cannot be combined with --json%s", "");
    if (o.no_client_settings && !o.sql)
        return usage_error(rt, "--no-client-settings needs --sql%s", "");
    if (o.schema && !*o.schema)
        return usage_error(rt, "--schema needs a schema name%s", "");
    o.lock = (cmd->opts & O_LOCK) && !o.sql;
    o.create = strcmp(cmd->name, "upgrade") == 0 || strcmp(cmd->name, "stamp") == 0;
    const char *arg = npos ? pos[0] : NULL;
    if (strcmp(cmd->name, "upgrade") == 0)
        return apply_upgrade(rt, arg, &o);
    if (strcmp(cmd->name, "downgrade") == 0)
        return apply_downgrade(rt, arg, &o);
    if (strcmp(cmd->name, "current") == 0)
        return inspect_current(rt, &o);
    if (strcmp(cmd->name, "history") == 0)
        return inspect_history(rt, &o);
    if (strcmp(cmd->name, "heads") == 0)
        return inspect_heads(rt, &o);
    if (strcmp(cmd->name, "branches") == 0)
        return inspect_branches(rt, &o);
    if (strcmp(cmd->name, "show") == 0)
        return inspect_show(rt, arg, &o);
    if (strcmp(cmd->name, "stamp") == 0)
        return apply_stamp(rt, arg, &o);
    if (strcmp(cmd->name, "check") == 0)
        return verify_check(rt, &o);
    if (strcmp(cmd->name, "repair") == 0)
        return apply_repair(rt, &o);
    return inspect_schema(rt, &o);
}

int migc_main(const struct migc_project *project, int argc, char **argv)
{
    if (!project || project->abi != MIGC_ABI_VERSION) {
        fprintf(stderr, "error: this migrator's data was generated for another runtime "
                        "(ABI %d, runtime %d)\n"
                        "hint: Build it again with the same migc as its runtime library.\n",
                project ? project->abi : -1, MIGC_ABI_VERSION);
        return EXIT_DB;
    }
    struct rt rt = {0};
    rt.p = project;
    rt.prog = argc > 0 && argv[0] ? base_name(argv[0]) : migc_string(project, project->name);
    struct migc_err e = {0};
    int rc;
    if (revgraph_init(&rt, &e)) {
        err_print(&e);
        rc = e.code;
    } else {
        rc = dispatch(&rt, argc, argv);
    }
    fflush(stdout);
    rt_free(&rt);
    return rc;
}
