/* Alembic revision files to .mig text (migc convert alembic). Reads the
   tree py_parse builds, never runs it: module-level revision,
   down_revision, branch_labels and depends_on, the docstring's message
   and Create Date become the header; the op.* calls of upgrade() and
   downgrade() become statements. A statement that cannot be converted is
   kept as a comment followed by a placeholder `sql` block that `migc
   check` refuses (placeholder.h), and a warning at its Python line says
   so. */
#ifndef MIGC_ALEMBIC_H
#define MIGC_ALEMBIC_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum alembic_status {
    ALEMBIC_FULL,      /* every statement converted */
    ALEMBIC_PARTLY,    /* some statements left to a person */
    ALEMBIC_BY_HAND,   /* nothing could be converted */
};

struct alembic_revision {
    const char *source;        /* the .py file as given */
    const char *revision;      /* the revision id */
    const char *name;          /* the .mig file name: <revision>_<slug>.mig */
    const char *text;          /* the .mig text, formatted as migc fmt writes it */
    enum alembic_status status;
    int unresolved;            /* placeholders written */
    int statements;            /* op calls and other statements read */
    bool derived_downgrade;    /* the written downgrade did nothing: migc derives one */
    bool postgres_only;        /* uses a type only PostgreSQL has (inet, T[], ...) */
};

/* Converts one revision file (text of len bytes); file names it in
   diagnostics, shown in the .mig comments (the path below the versions
   directory, so that output does not depend on where that is). Returns NULL after
   reporting an error through d when the file cannot be read as Python or
   has no usable `revision = '...'`; warnings (one per placeholder) go to
   d too. Everything lives in a. */
struct alembic_revision *alembic_convert(struct arena *a, struct diag *d, const char *file,
                                         const char *shown, const char *text, size_t len);

#endif
