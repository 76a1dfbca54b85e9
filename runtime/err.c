/* Errors of the runtime: filled where they happen, printed once by
   migc_main. */
#include <stdio.h>

#include "migrator.h"

void err_set(struct migc_err *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code;
    e->where[0] = e->detail[0] = e->hint[0] = '\0';
}

void err_where(struct migc_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->where, sizeof e->where, fmt, ap);
    va_end(ap);
}

void err_detail(struct migc_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->detail, sizeof e->detail, fmt, ap);
    va_end(ap);
}

void err_hint(struct migc_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->hint, sizeof e->hint, fmt, ap);
    va_end(ap);
}

void err_print(const struct migc_err *e)
{
    if (e->where[0])
        fprintf(stderr, "%s: error: %s\n", e->where, e->msg);
    else
        fprintf(stderr, "error: %s\n", e->msg);
    if (e->detail[0])
        fprintf(stderr, "detail: %s\n", e->detail);
    if (e->hint[0])
        fprintf(stderr, "hint: %s\n", e->hint);
}
