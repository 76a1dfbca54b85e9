#include "session.h"

#include <stdio.h>
#include <string.h>

void session_open(struct session *s, const char *dir, unsigned targets, bool werror)
{
    memset(s, 0, sizeof *s);
    diag_init(&s->diag, &s->arena);
    s->diag.werror = werror;
    if (!project_load(&s->project, &s->arena, &s->diag, dir)) {
        s->ok = false;
        return;
    }
    compile_project(&s->arena, &s->diag, &s->project.graph, targets, &s->comp);
    s->ok = !diag_failed(&s->diag);
}

int session_close(struct session *s, int status)
{
    diag_flush(&s->diag, stderr);
    arena_free(&s->arena);
    return status;
}
