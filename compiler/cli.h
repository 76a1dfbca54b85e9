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

/* The one way the compiler reports an error that has no place in a
   source file (one that has goes through diag, diag.h): cli_error prints
   "migc CMD: error: MESSAGE" ("migc: error: MESSAGE" when cmd is NULL) to
   stderr at once; cli_detail and cli_hint follow it with a "detail: " or
   "hint: " full sentence, as diag_detail and diag_hint do. MESSAGE is in
   PostgreSQL style: lower case, no final period. Every command reports
   its own errors with these, never with a hand-formatted fprintf.
   cli_warning is the same for a warning ("migc CMD: warning: ..."). */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warning(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What cli_parse made of the words. */
enum cli_parsed {
    CLI_PARSED,                /* options and positional words are set */
    CLI_HELP,                  /* --help printed the usage: exit 0 */
    CLI_BAD_USAGE,             /* an error and the usage were printed: exit 2 */
};

/* The exit status of a command that stops after cli_parse returned r
   (not CLI_PARSED): 0 after --help, 2 after bad usage. */
int cli_parsed_status(enum cli_parsed r);

/* Parses argv (the words after the command) against opts; positional
   words go to pos (at most max_pos). --help/-h prints usage (the command's
   help text) to stdout and returns CLI_HELP. A bad option, a missing
   argument or too many positional words prints "migc CMD: error: ..." and
   the usage to stderr and returns CLI_BAD_USAGE. */
enum cli_parsed cli_parse(const char *cmd, const char *usage, int argc, char **argv,
                          const struct cli_opt *opts, int nopts, const char **pos,
                          int max_pos, int *npos);

/* Prints "migc CMD: error: WHAT "ARG"" (ARG may be NULL) and the usage to
   stderr; returns 2, the bad-usage exit status. */
int cli_usage_error(const char *cmd, const char *usage, const char *what, const char *arg);

/* The targets mask of the --dialect words names[0..n) (a dialect's name
   or alias, dialect.h), every dialect when n is 0. An unknown word
   prints "migc CMD: error: ..." with a hint to stderr and returns 2. */
int cli_dialects(const char *cmd, const char *const *names, int n, unsigned *targets);

/* Prints "hint: Use --dialect sqlite or --dialect postgres." (every
   dialect) to stderr. */
void cli_dialect_hint(void);

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

/* Lints c (lint_project, for the dialects in targets) unless --no-lint
   was given, reporting through d. Never fails. */
void cli_lint_run(const struct cli_lint *l, struct arena *a, struct diag *d,
                  const struct compilation *c, unsigned targets);
#endif
