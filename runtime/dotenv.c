/* A .env file, as the tools that write them expect: KEY=VALUE lines,
   optional "export ", single quotes (literal), double quotes (escapes),
   # comments on their own line or after a value. Anything else is an
   error naming the line: a .env that is read wrong silently sends the
   migrator to the build's default database. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool key_char(char c, bool first)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/* Parses the value at p (the rest of one line, NUL-terminated) into out
   (at least strlen(p)+1 bytes). Returns NULL or what is wrong. */
static const char *parse_value(const char *p, char *out)
{
    size_t k = 0;
    while (blank(*p))
        p++;
    if (*p == '\'' || *p == '"') {
        char quote = *p++;
        for (; *p && *p != quote; p++) {
            if (quote == '"' && *p == '\\' && p[1]) {
                p++;
                out[k++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else {
                out[k++] = *p;
            }
        }
        if (*p != quote)
            return quote == '"' ? "unclosed double quote" : "unclosed single quote";
        for (p++; blank(*p); p++)
            ;
        if (*p && *p != '#')
            return "text after the closing quote";
    } else {
        for (; *p; p++) {
            if (*p == '#' && (k == 0 || blank(out[k - 1])))
                break;
            out[k++] = *p;
        }
        while (k > 0 && blank(out[k - 1]))
            k--;
    }
    out[k] = '\0';
    return NULL;
}

static int bad_line(struct migc_err *e, const char *path, int line, const char *why)
{
    err_set(e, EXIT_USAGE, "%s", why);
    err_where(e, "%s:%d", path, line);
    err_hint(e, "Each line of %s is KEY=VALUE (optionally after \"export \"), a # comment or "
                "blank; quote a value with ' or \" on one line.",
             path);
    return -1;
}

int dotenv_parse(struct rt *rt, const char *path, const char *text, size_t len,
                 const char *key, const char **value, int *line, struct migc_err *e)
{
    *value = NULL;
    *line = 0;
    size_t klen = strlen(key);
    char *buf = rt_alloc(rt, len + 1);
    size_t at = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        at = 3;
    for (int n = 1; at < len; n++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - (text + at)) : len - at;
        if (memchr(text + at, '\0', ll))
            return bad_line(e, path, n, "line holds a NUL byte");
        memcpy(buf, text + at, ll);
        at += ll + (nl ? 1 : 0);
        if (ll > 0 && buf[ll - 1] == '\r')
            ll--;
        buf[ll] = '\0';
        char *p = buf;
        while (blank(*p))
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (strncmp(p, "export", 6) == 0 && blank(p[6])) {
            p += 6;
            while (blank(*p))
                p++;
        }
        char *k = p;
        if (!key_char(*p, true))
            return bad_line(e, path, n, "line is not KEY=VALUE");
        while (key_char(*p, false))
            p++;
        size_t kl = (size_t)(p - k);
        while (blank(*p))
            p++;
        if (*p != '=')
            return bad_line(e, path, n, "line is not KEY=VALUE");
        char *val = rt_alloc(rt, strlen(p) + 1);
        const char *why = parse_value(p + 1, val);
        if (why)
            return bad_line(e, path, n, why);
        if (kl == klen && memcmp(k, key, klen) == 0) {
            *value = val;
            *line = n;
        }
    }
    return 0;
}

int dotenv_lookup(struct rt *rt, const char *path, const char *key, const char **value,
                  int *line, struct migc_err *e)
{
    *value = NULL;
    *line = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        err_set(e, EXIT_USAGE, "could not read %s: %s", path, strerror(errno));
        return -1;
    }
    size_t len = 0;
    char chunk[8192];
    size_t n;
    char *text = NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        text = realloc(text, len + n);
        if (!text)
            abort();
        memcpy(text + len, chunk, n);
        len += n;
    }
    fclose(f);
    int rc = dotenv_parse(rt, path, text ? text : "", len, key, value, line, e);
    free(text);
    return rc;
}
