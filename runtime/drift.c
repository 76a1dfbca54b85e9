/* Drift: two catalogs (the expected one and the live one) as lists of
   facts, compared the same way whatever database they come from. Each
   driver reads its own catalog into facts; this module owns the facts'
   memory and the comparison. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

static char *lower_dup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *d = malloc(n + 1);
    if (!d)
        abort();
    for (size_t i = 0; i < n; i++)
        d[i] = (char)tolower((unsigned char)s[i]);
    d[n] = '\0';
    return d;
}

char *drift_normalize(const char *s)
{
    char *d = lower_dup(s);
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; d[i]; i++) {
        if (isspace((unsigned char)d[i])) {
            space = k > 0;
            continue;
        }
        if (space && d[i] != ')' && d[i] != ',' && (k == 0 || d[k - 1] != '('))
            d[k++] = ' ';
        space = false;
        d[k++] = d[i];
    }
    d[k] = '\0';
    return d;
}

void drift_add(struct drift_facts *c, const char *object, const char *aspect, const char *value)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = realloc(c->v, sizeof *c->v * (size_t)c->cap);
        if (!c->v)
            abort();
    }
    c->v[c->n].object = lower_dup(object);
    c->v[c->n].aspect = lower_dup(aspect);
    c->v[c->n].value = lower_dup(value);
    c->n++;
}

void drift_free(struct drift_facts *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->v[i].object);
        free(c->v[i].aspect);
        free(c->v[i].value);
    }
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

static int cmp_fact(const void *a, const void *b)
{
    const struct drift_fact *x = a, *y = b;
    int r = strcmp(x->object, y->object);
    return r ? r : strcmp(x->aspect, y->aspect);
}

/* True when the fact's object belongs to a table reported missing or
   extra as a whole (its columns need no line of their own). */
static bool inside(const char *object, const char *table)
{
    static const char *const kinds[] = {"column ", "foreign key ", "constraint "};
    size_t tl = strlen(table);
    for (int k = 0; k < 3; k++) {
        size_t kl = strlen(kinds[k]);
        if (strncmp(object, kinds[k], kl) != 0)
            continue;
        const char *rest = object + kl;
        return strncmp(rest, table, tl) == 0 && (rest[tl] == '.' || rest[tl] == '(');
    }
    return false;
}

void drift_compare(struct drift_facts *want, struct drift_facts *have, migc_diff_fn fn,
                   void *ctx)
{
    qsort(want->v, (size_t)want->n, sizeof *want->v, cmp_fact);
    qsort(have->v, (size_t)have->n, sizeof *have->v, cmp_fact);
    /* Two passes: the first finds the tables missing or extra as a whole,
       so that the second does not list their columns too. */
    const char **gone = calloc((size_t)(want->n + have->n) + 1, sizeof *gone);
    if (!gone)
        abort();
    int ngone = 0;
    for (int pass = 0; pass < 2; pass++) {
        int i = 0, j = 0;
        while (i < want->n || j < have->n) {
            int cmp = i >= want->n   ? 1
                      : j >= have->n ? -1
                                     : cmp_fact(&want->v[i], &have->v[j]);
            const struct drift_fact *f = cmp <= 0 ? &want->v[i] : &have->v[j];
            bool whole = f->aspect[0] == '\0';
            if (pass == 0 && cmp != 0 && whole && strncmp(f->object, "table ", 6) == 0)
                gone[ngone++] = f->object + 6;
            bool in_gone = false;
            for (int k = 0; k < ngone; k++)
                in_gone = in_gone || inside(f->object, gone[k]);
            if (pass == 1 && cmp != 0 && whole && !in_gone)
                fn(ctx, f->object, cmp < 0 ? "missing" : "extra",
                   cmp < 0 ? f->value : "missing", cmp < 0 ? "missing" : f->value);
            if (pass == 1 && cmp == 0 && strcmp(want->v[i].value, have->v[j].value) != 0)
                fn(ctx, f->object, f->aspect, want->v[i].value, have->v[j].value);
            if (cmp <= 0)
                i++;
            if (cmp >= 0)
                j++;
        }
    }
    free(gone);
}
