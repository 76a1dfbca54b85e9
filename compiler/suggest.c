#include "suggest.h"

#include <string.h>

static char fold(char c, bool fold_case)
{
    return fold_case && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int suggest_distance(const char *a, const char *b, bool fold_case)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
        return 1 << 20;
    /* One row of the table, updated in place: diag holds the entry above
       and to the left before it is overwritten. */
    int row[SUGGEST_MAX_LEN + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        char x = fold(a[i - 1], fold_case);
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (x != fold(b[j - 1], fold_case));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void suggest_init(struct suggest *s, const char *word, int max_dist, bool fold_case)
{
    s->word = word;
    s->fold_case = fold_case;
    s->best = NULL;
    s->best_dist = max_dist + 1;
}

void suggest_offer(struct suggest *s, const char *candidate)
{
    int d = suggest_distance(s->word, candidate, s->fold_case);
    if (d < s->best_dist) {
        s->best_dist = d;
        s->best = candidate;
    }
}
