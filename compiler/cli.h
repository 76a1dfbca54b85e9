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
#endif
