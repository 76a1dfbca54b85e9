/* "Did you mean" suggestions: of the names a mistyped one could have
   meant, the nearest by edit distance, when it is near enough to be a
   likely typo. Candidates are offered one at a time, so callers walk
   whatever holds their names (a table of types, a schema, graph nodes)
   without first copying them into an array. Allocates nothing; the
   suggestion is one of the offered strings. Never fails. */
#ifndef MIGC_SUGGEST_H
#define MIGC_SUGGEST_H

#include <stdbool.h>

/* Longer words are never taken for typos of each other. */
enum { SUGGEST_MAX_LEN = 64 };

struct suggest {
    const char *word;          /* the mistyped name */
    bool fold_case;            /* compare ASCII letters case-insensitively */
    const char *best;          /* the nearest candidate so far, or NULL */
    int best_dist;             /* its distance; max_dist + 1 while none */
};

/* Starts a search for the candidate nearest to word, at most max_dist
   edits away. word must outlive the search. */
void suggest_init(struct suggest *s, const char *word, int max_dist, bool fold_case);

/* Considers one candidate: it becomes the suggestion when strictly nearer
   than every earlier one, so among equals the first offered wins. */
void suggest_offer(struct suggest *s, const char *candidate);

/* Levenshtein distance between a and b, or a number larger than any
   useful max_dist when either is longer than SUGGEST_MAX_LEN. */
int suggest_distance(const char *a, const char *b, bool fold_case);

#endif
