/* Merging branches: the three-way merge of schemas, with a conflict for
   every object the branches changed differently. */
#ifndef MIGC_SCHEMA_MERGE_H
#define MIGC_SCHEMA_MERGE_H

#include "schema.h"

/* Three-way merge: the result keeps what ours and theirs each changed
   relative to base, element by element (a column, a constraint, an index,
   a view; a table's own existence). An element changed differently on both
   sides is a conflict: one struct schema_conflict per conflict is appended
   to conflicts (in name order, tables then indexes then views), and the
   result keeps ours for it. Changing an element the same way on both
   sides is no conflict. A table both sides created differently, or one
   side dropped while the other altered it, is one conflict on the table.
   Only elements that differ (as pointers) are looked at; when ours or
   theirs is base itself, the other side is returned as is. */
struct schema_conflict {
    const char *object;        /* as in schema_diff: `column "users"."email"` */
    const char *ours, *theirs; /* short descriptions of each side's version,
                                  "dropped" where a side dropped it */
    /* Where each side last changed it. A side that dropped a column or
       constraint gives its table's loc; a side that dropped a whole table,
       index or view gives no loc (file NULL): the model keeps no record of
       drops. */
    struct loc ours_loc, theirs_loc;
};

const struct schema *schema_merge3(struct arena *a, const struct schema *base,
                                   const struct schema *ours, const struct schema *theirs,
                                   struct vec *conflicts);

#endif
