/* Durations as options spell them: a whole number and a unit, "500ms",
   "5s", "2min" (PostgreSQL's units), or a bare number of seconds, as
   --lock-timeout takes it. Shared by the migrator's options and migc
   build's, so that a build-time default reads as the option does. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

int duration_parse(const char *s, long *ms)
{
    static const struct {
        const char *unit;
        long ms;
    } units[] = {{"", 1000}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"m", 60000},
                 {"h", 3600000}};
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    char *end;
    long v = strtol(s, &end, 10);
    if (v < 0 || v > 86400000)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) {
            if (v > 86400000 / units[i].ms)
                return -1;
            *ms = v * units[i].ms;
            return 0;
        }
    return -1;
}

const char *duration_format(struct rt *rt, long ms)
{
    if (ms % 60000 == 0 && ms >= 60000)
        return rt_printf(rt, "%ld min", ms / 60000);
    if (ms % 1000 == 0)
        return rt_printf(rt, "%ld s", ms / 1000);
    if (ms > 1000)
        return rt_printf(rt, "%.1f s", ms / 1000.0);
    return rt_printf(rt, "%ld ms", ms);
}
