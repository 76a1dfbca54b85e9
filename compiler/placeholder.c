#include "placeholder.h"

#include <string.h>

static void check_body(struct diag *d, const struct vec *body)
{
    for (int i = 0; i < body->n; i++) {
        const struct stmt *st = VEC_AT(*body, i, const struct stmt *);
        if (st->kind != STMT_SQL || !st->body)
            continue;
        const char *p = st->body + strspn(st->body, " \t\r\n");
        if (strncmp(p, PLACEHOLDER_MARK, strlen(PLACEHOLDER_MARK)) != 0)
            continue;
        diag_error(d, st->loc, "unresolved placeholder left by a conversion");
        diag_detail(d, "The comment above it holds the code it stands for, which could not "
                       "be converted.");
        diag_hint(d, "Write the statements that code runs (or none, if it needs none), then "
                     "delete the placeholder.");
    }
}

void placeholder_check(struct diag *d, const struct migration *m)
{
    check_body(d, &m->upgrade);
    if (m->downgrade_kind == DOWNGRADE_EXPLICIT)
        check_body(d, &m->downgrade);
}
