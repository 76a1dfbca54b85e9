/* A persistent ordered map from names to pointers, for the schema model.

   Keys compare case-insensitively (ASCII folding, as name_eq does), so
   "Users" and "users" are one key; iteration is in folded order. A map is
   a value: put and remove return a new map and leave the old one intact,
   sharing every node they did not have to copy (O(log n) new nodes).

   The map is a treap whose node priorities are a hash of the folded key,
   so its shape depends only on the set of keys: two maps holding the same
   keys have the same shape, and a subtree that an edit did not touch stays
   pointer-equal. pmap_diff and pmap_merge3 rely on that to skip shared
   subtrees without walking them.

   Keys and values are borrowed: the map stores the pointers it is given,
   which must outlive it (normally they live in the same arena). Nodes come
   from the arena passed in; nothing is freed. No function fails. */
#ifndef MIGC_PMAP_H
#define MIGC_PMAP_H

#include <stdbool.h>

#include "arena.h"

struct pmap_node;

/* The empty map is {NULL}. Pass maps by value. */
struct pmap {
    const struct pmap_node *root;
};

/* The value stored under key, or NULL when absent. O(log n). */
const void *pmap_get(struct pmap m, const char *key);
/* The key as stored (its spelling at the last put), or NULL when absent. */
const char *pmap_key(struct pmap m, const char *key);
/* O(n): nodes keep no sizes, to stay small. */
int pmap_count(struct pmap m);

/* Adds key or replaces its entry (the key's spelling is replaced too).
   Returns m itself when the same key pointer already maps to value. */
struct pmap pmap_put(struct arena *a, struct pmap m, const char *key, const void *value);
/* Returns m itself when key is absent. */
struct pmap pmap_remove(struct arena *a, struct pmap m, const char *key);

/* Calls fn for every entry, in key order. */
typedef void pmap_visit_fn(void *ctx, const char *key, const void *value);
void pmap_each(struct pmap m, pmap_visit_fn *fn, void *ctx);
/* Calls fn, in key order, for every entry whose key is prefix followed by
   the byte sep (then anything): composite keys such as "table\x01index"
   make a multimap. O(log n + visited), no allocation. */
void pmap_prefix(struct pmap m, const char *prefix, char sep, pmap_visit_fn *fn, void *ctx);

/* Calls fn, in key order, for every key whose value differs (as a
   pointer) between a and b; va or vb is NULL where the key is absent.
   key is b's spelling when b has the key, else a's. Shared subtrees are
   skipped, so comparing a map with an edited copy of itself costs
   O(edits x log n). Splitting where the key sets differ allocates from
   ar. */
typedef void pmap_diff_fn(void *ctx, const char *key, const void *va, const void *vb);
void pmap_diff(struct arena *ar, struct pmap a, struct pmap b, pmap_diff_fn *fn, void *ctx);

/* Three-way merge. For a key whose values differ pairwise (as pointers,
   NULL = absent) in base, ours and theirs, resolve chooses the result
   (NULL drops the key); every other key takes the value that changed, or
   the common one. Subtrees that do not differ are shared, not walked.
   resolve is called in key order. */
typedef const void *pmap_resolve_fn(void *ctx, const char *key, const void *vbase,
                                    const void *vours, const void *vtheirs);
struct pmap pmap_merge3(struct arena *ar, struct pmap base, struct pmap ours,
                        struct pmap theirs, pmap_resolve_fn *resolve, void *ctx);

/* The map's own key order (ASCII case folded, then nothing: keys equal
   under folding are the same key). <0, 0, >0. */
int pmap_key_cmp(const char *a, const char *b);

#endif
