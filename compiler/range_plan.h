/* What `migc sql FROM:TO` runs: the revisions, their order and the
   direction, planned by the migrator's own code (runtime/plan.c) over the
   project's graph, so that the script is exactly the one a migrator built
   from the same files prints for `upgrade --sql FROM:TO` or
   `downgrade --sql FROM:TO`, with Alembic's offline rules. */
#ifndef MIGC_RANGE_PLAN_H
#define MIGC_RANGE_PLAN_H

#include <stdbool.h>

#include "arena.h"
#include "graph.h"

struct range_plan {
    bool upgrade;
    int *order;                /* indexes into g->revs, in the order they run */
    int norder;
    /* When planning fails: the runtime's message (Alembic's wording) and
       its detail and hint, "" when absent; arena strings. */
    const char *error, *detail, *hint;
};

/* Plans range: TO (an upgrade from base) or FROM:TO, an upgrade when it
   applies something, else a downgrade when that reverts something, else
   the upgrade's empty script. Returns false with p->error set when the
   range cannot be planned (an unknown target, a refusal). Memory is a's. */
bool range_plan_make(struct arena *a, const struct graph *g, const char *range,
                     struct range_plan *p);

#endif
