/* A .env file, as the tools that write them expect: KEY=VALUE lines,
   optional "export ", single quotes (literal), double quotes (escapes),
   # comments on their own line or after an unquoted value. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

/* Parses the value starting at p into out (at least strlen(p)+1 bytes). */
static void parse_value(const char *p, char *out)
{
    size_t k = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\'') {
        for (p++; *p && *p != '\''; p++)
            out[k++] = *p;
    } else if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                out[k++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else {
                out[k++] = *p;
            }
        }
    } else {
        for (; *p && *p != '\n' && *p != '\r'; p++) {
            if (*p == '#' && (k == 0 || out[k - 1] == ' ' || out[k - 1] == '\t'))
                break;
            out[k++] = *p;
        }
        while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t'))
            k--;
    }
    out[k] = '\0';
}

const char *dotenv_lookup(struct rt *rt, const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    const char *found = NULL;
    char line[8192];
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "export", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
            p += 6;
            while (*p == ' ' || *p == '\t')
                p++;
        }
        if (strncmp(p, key, klen) != 0)
            continue;
        p += klen;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '=')
            continue;
        char *val = rt_alloc(rt, strlen(p) + 1);
        parse_value(p + 1, val);
        found = val;
    }
    fclose(f);
    return found;
}
