/* Placeholders that a conversion (migc convert alembic) leaves where a
   person must write the statements: a `sql` block whose body begins with
   PLACEHOLDER_MARK, below a comment holding the code it stands for. It
   parses like any sql block, so the rest of the file can be checked, and
   `migc check` (and build) refuse it until it is replaced. */
#ifndef MIGC_PLACEHOLDER_H
#define MIGC_PLACEHOLDER_H

#include "ast.h"
#include "diag.h"

#define PLACEHOLDER_MARK "UNRESOLVED:"

/* Reports an error at every placeholder in m's upgrade and downgrade.
   Never fails otherwise. */
void placeholder_check(struct diag *d, const struct migration *m);

#endif
