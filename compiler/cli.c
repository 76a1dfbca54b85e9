#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dialect.h"
#include "lint.h"

#ifndef MIGC_VERSION
#define MIGC_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "usage: migc COMMAND [DIR] [OPTIONS]\n"
    "\n"
    "migc compiles a directory of .mig migrations (default: migrations).\n"
    "\n"
    "commands:\n"
    "  check     parse and check every migration, build nothing\n"
    "  sql       print the SQL of a range of revisions for one dialect\n"
    "  schema    print the schema at a revision\n"
    "  history   list the revisions, newest first\n"
    "  heads     list the head revisions\n"
    "  branches  list the branch points and labels\n"
    "  show      show one revision\n"
    "  build     check, generate and compile the migrator executable\n"
    "  emit-c    check and write the migrator's C, to build it yourself\n"
    "  init      scaffold a migrations directory\n"
    "  revision  write a new migration (--autogenerate: from the model)\n"
    "  merge     write a migration merging heads\n"
    "  fmt       rewrite migrations in the canonical layout\n"
    "  convert   bring an Alembic history over (convert alembic SRC [DIR])\n"
    "  import    adopt an existing database: write a project creating its schema\n"
    "\n"
    "Run 'migc COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 errors in the migrations, 2 bad usage.\n";

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"check", cmd_check},     {"sql", cmd_sql},       {"schema", cmd_schema},
    {"history", cmd_history}, {"heads", cmd_heads},   {"branches", cmd_branches},
    {"show", cmd_show},       {"build", cmd_build},   {"emit-c", cmd_emit_c},
    {"init", cmd_init},       {"revision", cmd_revision}, {"merge", cmd_merge},
    {"fmt", cmd_fmt},         {"convert", cmd_convert}, {"import", cmd_import},
};

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("migc %s\n", MIGC_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return commands[i].run(argc - 2, argv + 2);
    cli_error(NULL, "unrecognized command \"%s\"", cmd);
    cli_hint("Run 'migc --help' for the list of commands.");
    return 2;
}

static void report(const char *cmd, const char *severity, const char *fmt, va_list ap)
{
    fprintf(stderr, "migc%s%s: %s: ", cmd ? " " : "", cmd ? cmd : "", severity);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(cmd, "error", fmt, ap);
    va_end(ap);
}

void cli_warning(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(cmd, "warning", fmt, ap);
    va_end(ap);
}

static void note(const char *prefix, const char *fmt, va_list ap)
{
    fputs(prefix, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_detail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note("detail: ", fmt, ap);
    va_end(ap);
}

void cli_hint(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note("hint: ", fmt, ap);
    va_end(ap);
}

static const struct cli_opt *find_long(const struct cli_opt *opts, int nopts,
                                       const char *name, size_t len)
{
    for (int i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

int cli_usage_error(const char *cmd, const char *usage, const char *what, const char *arg)
{
    cli_error(cmd, "%s%s%s%s", what, arg ? " \"" : "", arg ? arg : "", arg ? "\"" : "");
    fputs(usage, stderr);
    return 2;
}

int cli_dialects(const char *cmd, const char *const *names, int n, unsigned *targets)
{
    *targets = 0;
    for (int i = 0; i < n; i++) {
        const struct dialect *d = dialect_find(names[i]);
        if (!d) {
            cli_error(cmd, "unrecognized dialect \"%s\"", names[i]);
            cli_dialect_hint();
            return 2;
        }
        *targets |= d->target;
    }
    if (!*targets)
        *targets = dialect_all();
    return 0;
}

void cli_dialect_hint(void)
{
    struct strbuf b = {0};
    dialect_put_choices(&b, "--dialect ");
    cli_hint("Use %s.", strbuf_str(&b));
    strbuf_free(&b);
}

int cli_parsed_status(enum cli_parsed r)
{
    return r == CLI_HELP ? 0 : 2;
}

/* Reports a bad word of the command line. */
static enum cli_parsed bad_usage(const char *cmd, const char *usage, const char *what,
                                 const char *arg)
{
    cli_usage_error(cmd, usage, what, arg);
    return CLI_BAD_USAGE;
}

enum cli_parsed cli_parse(const char *cmd, const char *usage, int argc, char **argv,
                          const struct cli_opt *opts, int nopts, const char **pos,
                          int max_pos, int *npos)
{
    *npos = 0;
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (!only_pos && strcmp(w, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (!only_pos && (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0)) {
            fputs(usage, stdout);
            return CLI_HELP;
        }
        if (only_pos || w[0] != '-' || w[1] == '\0' ||
            (w[1] >= '0' && w[1] <= '9')) {
            if (*npos >= max_pos)
                return bad_usage(cmd, usage, "unexpected argument", w);
            pos[(*npos)++] = w;
            continue;
        }
        const struct cli_opt *o = NULL;
        const char *inline_val = NULL;
        if (w[1] == '-') {
            const char *eq = strchr(w + 2, '=');
            size_t len = eq ? (size_t)(eq - (w + 2)) : strlen(w + 2);
            o = find_long(opts, nopts, w + 2, len);
            if (eq)
                inline_val = eq + 1;
        } else if (w[2] == '\0') {
            for (int j = 0; j < nopts; j++)
                if (opts[j].short_name == w[1])
                    o = &opts[j];
        }
        if (!o)
            return bad_usage(cmd, usage, "unrecognized option", w);
        if (o->flag) {
            if (inline_val)
                return bad_usage(cmd, usage, "option takes no value:", w);
            *o->flag = true;
            continue;
        }
        const char *val = inline_val;
        if (!val) {
            if (i + 1 >= argc)
                return bad_usage(cmd, usage, "option needs a value:", w);
            val = argv[++i];
        }
        if (o->value) {
            *o->value = val;
        } else if (o->list) {
            if (*o->list_n >= o->list_max)
                return bad_usage(cmd, usage, "option given too often:", w);
            o->list[(*o->list_n)++] = val;
        }
    }
    return CLI_PARSED;
}

int cli_lint_options(struct cli_lint *l, int *argc, char **argv, struct cli_opt *opts)
{
    int j = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "-Werror") == 0 || strcmp(argv[i], "--werror") == 0)
            l->werror = true;
        else
            argv[j++] = argv[i];
    }
    *argc = j;
    opts[0] = (struct cli_opt){.name = "allow", .list = l->allow, .list_n = &l->nallow,
                               .list_max = (int)(sizeof l->allow / sizeof l->allow[0])};
    opts[1] = (struct cli_opt){.name = "no-lint", .flag = &l->no_lint};
    return 2;
}

int cli_lint_check(const char *cmd, const struct cli_lint *l)
{
    for (int i = 0; i < l->nallow; i++) {
        if (lint_rule_known(l->allow[i]))
            continue;
        struct strbuf b = {0};
        lint_put_rules(&b);
        cli_error(cmd, "unrecognized lint rule \"%s\"", l->allow[i]);
        cli_hint("The rules are %s.", strbuf_str(&b));
        strbuf_free(&b);
        return 2;
    }
    return 0;
}

void cli_lint_run(const struct cli_lint *l, struct arena *a, struct diag *d,
                  const struct compilation *c, unsigned targets)
{
    if (l->no_lint)
        return;
    struct lint_options lo = {.targets = targets, .allow = l->allow, .nallow = l->nallow};
    lint_project(a, d, c, &lo);
}
