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

const char *dotenv_parse(struct rt *rt, const char *text, size_t len, const char *key)
{
    const char *found = NULL;
    size_t klen = strlen(key);
    char *line = rt_alloc(rt, len + 1);
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
        /* A NUL inside a line ends it, as it did for fgets. */
        memcpy(line, text + at, n);
        line[n] = '\0';
        at += n;
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
    return found;
}

const char *dotenv_lookup(struct rt *rt, const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    struct sb b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk - 1, f)) > 0) {
        chunk[n] = '\0';
        /* sb holds text: a NUL in the file ends what is read of it. */
        sb_puts(&b, chunk);
        if (strlen(chunk) < n)
            break;
    }
    fclose(f);
    const char *found = dotenv_parse(rt, sb_str(&b), b.len, key);
    sb_free(&b);
    return found;
}
