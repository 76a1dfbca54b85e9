/* migc's command line: one function per command, each taking the words
   after the command name. Each returns the process exit status:
   0 success, 1 errors in the input, 2 bad usage. */
#ifndef MIGC_CLI_H
#define MIGC_CLI_H

int cli_main(int argc, char **argv);

int cmd_check(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_heads(int argc, char **argv);
int cmd_branches(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_emit_c(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_revision(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif

#ifndef MIGC_CLI_OPTS
#define MIGC_CLI_OPTS
#include <stdbool.h>

/* One option a command accepts. Exactly one of value (takes an argument),
   flag (a switch) or list (repeatable, argument appended) is set. */
struct cli_opt {
    const char *name;          /* long name without "--" */
    char short_name;           /* 0: none */
    const char **value;
    bool *flag;
    const char **list;         /* array of at least list_max entries */
    int *list_n;
    int list_max;
};

/* Parses argv (the words after the command) against opts; positional
   words go to pos (at most max_pos). --help/-h prints usage (the command's
   help text) to stdout and returns -1. A bad option, a missing argument or
   too many positional words prints "migc CMD: error: ..." and the usage to
   stderr and returns 2. Returns 0 on success. */
int cli_parse(const char *cmd, const char *usage, int argc, char **argv,
              const struct cli_opt *opts, int nopts, const char **pos, int max_pos,
              int *npos);

/* Prints "migc CMD: error: WHAT "ARG"" (ARG may be NULL) and the usage to
   stderr; returns 2, the bad-usage exit status. */
int cli_usage_error(const char *cmd, const char *usage, const char *what, const char *arg);

/* The TARGET_* mask of the --dialect words names[0..n) ("sqlite",
   "postgres" or "postgresql"), both dialects when n is 0. An unknown word
   prints "migc CMD: error: ..." with a hint to stderr and returns 2. */
int cli_dialects(const char *cmd, const char *const *names, int n, unsigned *targets);

/* The lint switches shared by the commands that lint (check, build,
   emit-c): -Werror, --no-lint and --allow RULE (repeatable). */
struct cli_lint {
    bool werror;               /* warnings, lint's included, fail the command */
    bool no_lint;
    const char *allow[16];
    int nallow;
};

/* Before cli_parse: takes -Werror (or --werror) out of argv, as it is a
   gcc-style single-dash word cli_parse would refuse, and fills opts[0] and
   opts[1] with --allow and --no-lint bound to l. Returns how many entries
   it filled. Never fails. */
int cli_lint_options(struct cli_lint *l, int *argc, char **argv, struct cli_opt *opts);

/* After cli_parse: 0 when every --allow names a lint rule; otherwise
   prints "migc CMD: error: ..." to stderr and returns 2 (bad usage). */
int cli_lint_check(const char *cmd, const struct cli_lint *l);

struct arena;
struct diag;
struct compilation;

/* Lints c (lint_project, for the TARGET_* mask targets) unless --no-lint
   was given, reporting through d. Never fails. */
void cli_lint_run(const struct cli_lint *l, struct arena *a, struct diag *d,
                  const struct compilation *c, unsigned targets);
#endif
