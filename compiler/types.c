#include "types.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"

enum type_params { PARAMS_NONE, PARAMS_LENGTH, PARAMS_PRECISION, PARAMS_SECONDS };

struct type_entry {
    const char *name;
    enum type_kind kind;
    enum type_params params;
};

/* Canonical names first, in the order of LANGUAGE.md, so that a typo
   equally near a name and its alias suggests the canonical name. */
static const struct type_entry type_table[] = {
    {"smallint", TYPE_SMALLINT, PARAMS_NONE},
    {"integer", TYPE_INTEGER, PARAMS_NONE},
    {"bigint", TYPE_BIGINT, PARAMS_NONE},
    {"boolean", TYPE_BOOLEAN, PARAMS_NONE},
    {"real", TYPE_REAL, PARAMS_NONE},
    {"double", TYPE_DOUBLE, PARAMS_NONE},
    {"numeric", TYPE_NUMERIC, PARAMS_PRECISION},
    {"varchar", TYPE_VARCHAR, PARAMS_LENGTH},
    {"char", TYPE_CHAR, PARAMS_LENGTH},
    {"text", TYPE_TEXT, PARAMS_NONE},
    {"date", TYPE_DATE, PARAMS_NONE},
    {"time", TYPE_TIME, PARAMS_SECONDS},
    {"timestamp", TYPE_TIMESTAMP, PARAMS_SECONDS},
    {"timestamptz", TYPE_TIMESTAMPTZ, PARAMS_SECONDS},
    {"uuid", TYPE_UUID, PARAMS_NONE},
    {"json", TYPE_JSON, PARAMS_NONE},
    {"jsonb", TYPE_JSONB, PARAMS_NONE},
    {"blob", TYPE_BLOB, PARAMS_NONE},
    {"timetz", TYPE_TIMETZ, PARAMS_SECONDS},
    {"serial", TYPE_SERIAL, PARAMS_NONE},
    {"smallserial", TYPE_SMALLSERIAL, PARAMS_NONE},
    {"bigserial", TYPE_BIGSERIAL, PARAMS_NONE},
    {"datetime", TYPE_DATETIME, PARAMS_NONE},
    {"interval", TYPE_INTERVAL, PARAMS_SECONDS},
    {"inet", TYPE_INET, PARAMS_NONE},
    {"cidr", TYPE_CIDR, PARAMS_NONE},
    {"macaddr", TYPE_MACADDR, PARAMS_NONE},
    {"tsvector", TYPE_TSVECTOR, PARAMS_NONE},
    {"tsquery", TYPE_TSQUERY, PARAMS_NONE},
    {"money", TYPE_MONEY, PARAMS_NONE},
    {"xml", TYPE_XML, PARAMS_NONE},
    /* aliases */
    {"int", TYPE_INTEGER, PARAMS_NONE},
    {"bool", TYPE_BOOLEAN, PARAMS_NONE},
    {"decimal", TYPE_NUMERIC, PARAMS_PRECISION},
    {"string", TYPE_VARCHAR, PARAMS_LENGTH},
    {"bytea", TYPE_BLOB, PARAMS_NONE},
    /* the SQL standard's spellings (the grammar joins their words) */
    {"double precision", TYPE_DOUBLE, PARAMS_NONE},
    {"character varying", TYPE_VARCHAR, PARAMS_LENGTH},
    {"character", TYPE_CHAR, PARAMS_LENGTH},
    {"time without time zone", TYPE_TIME, PARAMS_SECONDS},
    {"time with time zone", TYPE_TIMETZ, PARAMS_SECONDS},
    {"timestamp without time zone", TYPE_TIMESTAMP, PARAMS_SECONDS},
    {"timestamp with time zone", TYPE_TIMESTAMPTZ, PARAMS_SECONDS},
    {"serial4", TYPE_SERIAL, PARAMS_NONE},
    {"serial2", TYPE_SMALLSERIAL, PARAMS_NONE},
    {"serial8", TYPE_BIGSERIAL, PARAMS_NONE},
};

#define NTYPES (sizeof type_table / sizeof type_table[0])

/* Names PostgreSQL or SQLite users reach for that are not .mig types. */
static const struct {
    const char *name, *advice;
} type_hints[] = {
    {"float", "Use \"double\" or \"real\" instead."},
    {"float8", "Use \"double\" instead."},
    {"float4", "Use \"real\" instead."},
    {"int2", "Use \"smallint\" instead."},
    {"int4", "Use \"integer\" instead."},
    {"int8", "Use \"bigint\" instead."},
    {"tinyint", "Use \"smallint\" instead."},
    {"macaddr8", "Use native 'macaddr8' instead."},
    {"citext", "Use native 'citext' instead."},
    {"vector", "Use native 'vector(n)' instead."},
};

/* PostgreSQL's limits for these type modifiers. */
#define MAX_VARCHAR_LENGTH 10485760L
#define MAX_NUMERIC_PRECISION 1000L
#define MAX_SECONDS_PRECISION 6L

/* PostgreSQL-only kinds: no SQLite type stands for them. */
bool types_postgres_only(const struct type *t)
{
    if (t->array)
        return true;
    switch (t->kind) {
    case TYPE_INTERVAL: case TYPE_INET: case TYPE_CIDR: case TYPE_MACADDR:
    case TYPE_TSVECTOR: case TYPE_TSQUERY: case TYPE_MONEY: case TYPE_XML:
        return true;
    default:
        return false;
    }
}

bool types_is_serial(enum type_kind kind)
{
    return kind == TYPE_SERIAL || kind == TYPE_SMALLSERIAL || kind == TYPE_BIGSERIAL;
}

static const struct type_entry *find_entry(const char *name)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (strcasecmp(type_table[i].name, name) == 0)
            return &type_table[i];
    return NULL;
}

bool types_lookup(const char *name, enum type_kind *out)
{
    const struct type_entry *e = find_entry(name);
    if (!e)
        return false;
    *out = e->kind;
    return true;
}

const char *types_name(enum type_kind kind)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (type_table[i].kind == kind)
            return type_table[i].name;
    return "?";
}

const char *types_suggest(const char *name)
{
    size_t len = strlen(name);
    /* A short name has few letters to spare: "foo" is no typo of "bool". */
    struct suggest sg;
    suggest_init(&sg, name, len <= 4 ? 1 : len <= 7 ? 2 : 3, true);
    for (size_t i = 0; i < NTYPES; i++)
        suggest_offer(&sg, type_table[i].name);
    return sg.best;
}

/* A parameter as written (digits only, the grammar saw to that); values too
   large for a long come back as LONG_MAX, which every range check rejects. */
static long param_value(const char *text)
{
    errno = 0;
    long v = strtol(text, NULL, 10);
    return errno == ERANGE ? LONG_MAX : v;
}

bool types_resolve(struct diag *d, const char *name, struct loc name_loc,
                   const char *const *params, const struct loc *param_locs,
                   int nparams, struct type *out)
{
    *out = (struct type){.kind = TYPE_TEXT, .p = -1, .s = -1};
    const struct type_entry *e = find_entry(name);
    if (!e) {
        diag_error(d, name_loc, "type \"%s\" does not exist", name);
        for (size_t i = 0; i < sizeof type_hints / sizeof type_hints[0]; i++)
            if (strcasecmp(type_hints[i].name, name) == 0) {
                diag_hint(d, "%s", type_hints[i].advice);
                return false;
            }
        const char *s = types_suggest(name);
        if (s)
            diag_hint(d, "Did you mean \"%s\"?", s);
        return false;
    }
    out->kind = e->kind;
    switch (e->params) {
    case PARAMS_NONE:
        if (nparams > 0) {
            diag_error(d, param_locs[0], "type \"%s\" takes no parameters", name);
            return false;
        }
        return true;
    case PARAMS_LENGTH:
        if (nparams > 1) {
            diag_error(d, param_locs[1], "type \"%s\" takes at most one parameter", name);
            return false;
        }
        if (nparams == 1) {
            long n = param_value(params[0]);
            if (n < 1) {
                diag_error(d, param_locs[0], "length for type \"%s\" must be at least 1", name);
                return false;
            }
            if (n > MAX_VARCHAR_LENGTH) {
                diag_error(d, param_locs[0], "length for type \"%s\" cannot exceed %ld",
                           name, MAX_VARCHAR_LENGTH);
                return false;
            }
            out->p = (int)n;
        }
        return true;
    case PARAMS_PRECISION:
        if (nparams > 2) {
            diag_error(d, param_locs[2], "type \"%s\" takes at most two parameters", name);
            return false;
        }
        if (nparams >= 1) {
            long p = param_value(params[0]);
            if (p < 1 || p > MAX_NUMERIC_PRECISION) {
                diag_error(d, param_locs[0],
                           "precision %s for type \"%s\" must be between 1 and %ld",
                           params[0], name, MAX_NUMERIC_PRECISION);
                return false;
            }
            out->p = (int)p;
        }
        if (nparams == 2) {
            long s = param_value(params[1]);
            if (s > out->p) {
                diag_error(d, param_locs[1],
                           "scale %s for type \"%s\" must be between 0 and the precision %d",
                           params[1], name, out->p);
                out->p = -1;
                return false;
            }
            out->s = (int)s;
        }
        return true;
    case PARAMS_SECONDS:
        if (nparams > 1) {
            diag_error(d, param_locs[1], "type \"%s\" takes at most one parameter", name);
            return false;
        }
        if (nparams == 1) {
            long p = param_value(params[0]);
            if (p > MAX_SECONDS_PRECISION) {
                diag_error(d, param_locs[0],
                           "precision %s for type \"%s\" must be between 0 and %ld",
                           params[0], name, MAX_SECONDS_PRECISION);
                return false;
            }
            out->p = (int)p;
        }
        return true;
    }
    return true;
}

bool types_resolve_native(struct diag *d, const char *text, struct loc loc, struct type *out)
{
    *out = (struct type){.kind = TYPE_NATIVE, .p = -1, .s = -1, .native = text};
    size_t n = strspn(text, " \t\r\n");
    if (text[n] == '\0') {
        diag_error(d, loc, "native type is empty");
        diag_hint(d, "Write the type as the database prints it, as in native 'citext'.");
        *out = (struct type){.kind = TYPE_TEXT, .p = -1, .s = -1};
        return false;
    }
    /* One type name, as a database prints it, and nothing that could end
       the statement it goes into or start a comment: names (quoted ones
       too), numbers, spaces and ( ) , . [ ] -. */
    int depth = 0, quotes = 0;
    bool bad = strstr(text, "--") != NULL;
    for (const char *c = text; *c && !bad; c++) {
        unsigned char u = (unsigned char)*c;
        depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
        quotes += *c == '"';
        bad = depth < 0 || u < 0x20 || u == 0x7f ||
              (u < 0x80 && !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789_ (),.[]\"-", *c));
    }
    if (bad || depth != 0 || quotes % 2) {
        diag_error(d, loc, "native type \"%s\" is not one type name", text);
        diag_detail(d, "A native type holds names, numbers, spaces and ( ) , . [ ] - only, with "
                       "its parentheses and double quotes closed.");
        diag_hint(d, "Write anything else in a sql block.");
        *out = (struct type){.kind = TYPE_TEXT, .p = -1, .s = -1};
        return false;
    }
    return true;
}
