/* Lint: warnings about upgrade statements that are valid but risky to run
   on a live database: changes that delete or truncate data, changes that
   take strong locks on PostgreSQL tables that already hold rows, and
   renames that break code still running the previous version. Every rule
   and how to silence it is described in docs/lint.md.

   Each warning ends with its rule id, as gcc does (`... deletes its data
   [drop-column]`). A rule is silenced for one statement by a comment on
   the line directly above it (or above one action of an alter table):

       -- migc: allow drop-column: replaced by status

   naming one or more rules, separated by commas, optionally followed by a
   colon and a reason. Several such comment lines may stand together above
   the statement. A migc comment that names an unrecognized rule, or that
   stands above no statement of an upgrade block, is itself a warning.

   Lint only reads what compile_project produced; it reports through the
   diag sink and never fails as a whole. Only upgrades are linted, but for
   downgrade-leaves-object: what a written downgrade leaves of the objects
   its upgrade's sql blocks declared. */
#ifndef MIGC_LINT_H
#define MIGC_LINT_H

#include <stdbool.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"

struct lint_options {
    unsigned targets;          /* dialects (dialect.h); lock rules need DIALECT_LOCKS */
    const char *const *allow;  /* rule ids silenced in the whole project (--allow) */
    int nallow;
};

/* True when id names a lint rule. */
bool lint_rule_known(const char *id);

/* Appends the rule ids, comma-separated, to b: the list a hint gives. */
void lint_put_rules(struct strbuf *b);

/* Lints the upgrade of every revision of c that compiled, reporting
   through d. Reads the allow comments from the sources registered in d.
   Allocates from a. A compilation whose project did not load (no graph)
   is skipped. */
void lint_project(struct arena *a, struct diag *d, const struct compilation *c,
                  const struct lint_options *o);

#endif
