/* libFuzzer target for what reaches SQL and C from a .mig file and its
   path. The input is a message, a directory, a file name and a migrator
   name, separated by NUL bytes. One migration with that message, in that
   file, goes through the compiler as migc sql and migc emit-c take it
   (parse, graph, compile, script_revision, emit_c); a twin with plain
   names goes the same way. Then:
   - a message holding a control character must have been refused by the
     parser (and is then forced in anyway, to test the escaping under it);
   - each SQL script (both dialects) begins with its client settings and,
     split into statements by SQLite (sqlite3_complete), holds exactly the
     twin's statements: the SQLite one also runs in memory statement by
     statement (sqlite3_prepare_v2), with the twin's statement texts;
   - the C is plain ASCII without "??" or a backslash ending a line, its
     code outside comments and string literals equals the twin's but for
     the numbers (string offsets move with the lengths of the names), and
     its string literals, each one string of the table ending in its one
     "\0", decode to the twin's but for the message, the file name and
     the migrator name, which equal the input (as sets: the table holds
     each distinct string once).
   Built by tests/fuzz/run.sh (clang, -fsanitize=fuzzer,address,undefined). */
#define _POSIX_C_SOURCE 200809L

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"
#include "emit_c.h"
#include "graph.h"
#include "migc_migrator.h"
#include "parse.h"
#include "script.h"
#include "sqlscript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *a, const char *b)
{
    fprintf(stderr, "fuzz_offline: %s\n--- got:\n%s\n--- expected:\n%s\n", what, a ? a : "",
            b ? b : "");
    abort();
}

/* One compiled migration and what migc sql and emit-c make of it. */
struct output {
    const char *sql[2];        /* sqlite, postgres */
    const char *c;
    const char *file;          /* the file name as the migrator shows it */
};

static bool compile_one(struct arena *a, const char *msg, const char *dir, const char *file,
                        const char *name, struct output *out)
{
    /* The message alone through the parser: refused when it holds a
       control character, else given back as written. */
    struct strbuf src = {0};
    strbuf_puts(&src, "revision r1\nrevises base\nmessage ");
    strbuf_put_quoted(&src, msg, '\'');
    strbuf_puts(&src, "\nupgrade {}\n");
    struct diag d;
    diag_init(&d, a);
    const char *path = arena_printf(a, "%s/%s", dir, file);
    struct migration *m = parse_migration(a, &d, path, strbuf_str(&src), strlen(strbuf_str(&src)));
    strbuf_free(&src);
    bool control = false;
    for (size_t i = 0, n = strlen(msg); i < n; i++)
        control = control || parse_control_char(msg + i, n - i);
    if (control != diag_failed(&d)) {
        if (!control)
            return false;   /* refused for another reason */
        die("a message with a control character was not refused", msg, "");
    }
    if (!control && strcmp(m->message, msg) != 0)
        die("the parser changed the message", m->message, msg);

    /* The migration, with the message forced in (a refused one too: the
       escaping must hold whatever the message holds). The message is
       given outside the text so that every statement keeps its line. */
    static const char text[] = "revision r1\nrevises base\nmessage 'm'\nupgrade {\n"
                               "    create table t1 (id int primary key, v text);\n"
                               "    insert into t1 (id, v) values (1, 'x');\n}\n";
    diag_init(&d, a);
    m = parse_migration(a, &d, path, text, sizeof text - 1);
    if (diag_failed(&d))
        die("the migration did not parse", text, "");
    m->message = arena_strdup(a, msg);

    struct diag d2;
    diag_init(&d2, a);
    struct vec migs = {0};
    vec_push(a, &migs, m);
    struct graph g;
    struct compilation comp = {0};
    if (!graph_build(a, &d2, &migs, &g) ||
        !compile_project(a, &d2, &g, dialect_all(), &comp) || !comp.revs[0])
        die("a plain migration did not compile", path, "");

    for (int k = 0; k < dialect_count; k++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            abort();
        fputs(sqlscript_client_settings(k == MIGC_POSTGRES), f);
        script_revision(f, a, dialect_table[k], comp.revs[0], true);
        fclose(f);
        out->sql[k] = arena_strdup(a, text);
        free(text);
    }
    struct emit_options o = {.name = name, .default_url = "sqlite:///app.db",
                             .migc_version = "0", .dir = dir,
                             .targets = dialect_all()};
    struct strbuf c = {0};
    emit_c(a, &comp, &o, &c);
    out->c = strbuf_to_arena(&c, a);
    out->file = emit_c_relative(a, dir, path);
    return true;
}

/* Past whitespace and comments, as SQLite's tokenizer skips them. */
static const char *skip_trivia(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/* The statements of script (after its first line, the client settings,
   which must be settings), split where sqlite3_complete says a statement
   ends, each without the comments before it, joined by "\n;;\n". */
static const char *statements(struct arena *a, const char *script, const char *settings)
{
    if (strncmp(script, settings, strlen(settings)) != 0)
        die("the script does not begin with its client settings", script, settings);
    const char *p = script + strlen(settings);
    struct strbuf b = {0};
    char *buf = arena_strdup(a, p);
    size_t start = 0, n = strlen(buf);
    for (size_t i = 0; i < n; i++) {
        if (buf[i] != ';')
            continue;
        char save = buf[i + 1];
        buf[i + 1] = '\0';
        int complete = sqlite3_complete(buf + start);
        buf[i + 1] = save;
        if (!complete)
            continue;
        const char *s = skip_trivia(buf + start);
        strbuf_putn(&b, s, (size_t)(buf + i + 1 - s));
        strbuf_puts(&b, "\n;;\n");
        start = i + 1;
    }
    if (*skip_trivia(buf + start))
        die("text after the last statement", buf + start, "");
    return strbuf_to_arena(&b, a);
}

/* The SQLite script run statement by statement in memory: the texts
   SQLite prepared, each without the comments before it. */
static const char *run_sqlite(struct arena *a, const char *script)
{
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        abort();
    struct strbuf b = {0};
    const char *p = strchr(script, '\n');   /* past ".bail on", not SQL */
    while (p && *skip_trivia(p)) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        if (sqlite3_prepare_v2(db, p, -1, &st, &tail) != SQLITE_OK)
            die("SQLite could not prepare a statement", p, sqlite3_errmsg(db));
        if (!st)
            break;
        const char *s = skip_trivia(p);
        strbuf_putn(&b, s, (size_t)(tail - s));
        strbuf_puts(&b, "\n;;\n");
        if (sqlite3_step(st) != SQLITE_DONE)
            die("a statement failed in SQLite", s, sqlite3_errmsg(db));
        sqlite3_finalize(st);
        p = tail;
    }
    sqlite3_close(db);
    return strbuf_to_arena(&b, a);
}

/* Appends c to the code, each run of blanks as one space: the string
   table's lines come and go with its strings. */
static void put_code(struct strbuf *code, char c)
{
    bool blank = c == ' ' || c == '\n';
    if (blank && code->len && code->s[code->len - 1] == ' ')
        return;
    strbuf_putc(code, blank ? ' ' : c);
}

/* The C split into code (comments as one space, runs of blanks as one,
   a run of string literals as one "", each run of digits as 0) and the decoded literals (adjacent ones
   joined, the "\0" that ends each dropped), each in a vec. */
static void split_c(struct arena *a, const char *c, struct strbuf *code, struct vec *strings)
{
    for (const unsigned char *p = (const unsigned char *)c; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p >= 0x7f)
            die("the C holds a byte outside printable ASCII", c, "");
        if (p[0] == '?' && p[1] == '?')
            die("the C holds \"?\?\", a trigraph's start", c, "");
        if (p[0] == '\\' && p[1] == '\n')
            die("the C holds a backslash at the end of a line", c, "");
    }
    const char *p = c;
    while (*p) {
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e)
                die("unterminated C comment", p, "");
            for (const char *q = p + 2; q < e; q++)
                if (q[0] == '/' && q[1] == '*')
                    die("\"/*\" inside a C comment", p, "");
            put_code(code, ' ');
            p = e + 2;
        } else if (p[0] == '/' && p[1] == '/') {
            die("a // comment in the C", p, "");
        } else if (*p == '"' && code->len >= 9 &&
                   strcmp(strbuf_str(code) + code->len - 9, "#include ") == 0) {
            const char *e = strchr(p + 1, '"');
            if (!e || memchr(p, '\n', (size_t)(e - p)))
                die("an unterminated #include", p, "");
            strbuf_putn(code, p, (size_t)(e + 1 - p));
            p = e + 1;
        } else if (*p == '"') {
            struct strbuf s = {0};
            bool ended = false;
            do {
                for (p++; *p != '"'; p++) {
                    if (ended)
                        die("text after a string's NUL", p, "");
                    if (*p == '\n' || !*p)
                        die("a string literal ends its line", p, "");
                    if (*p != '\\') {
                        strbuf_putc(&s, *p);
                        continue;
                    }
                    p++;
                    if (*p >= '0' && *p <= '7') {
                        int v = 0, k = 0;
                        for (; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
                            v = v * 8 + (*p - '0');
                        p--;
                        if (v == 0 && p[1] != '"')
                            die("a NUL escape inside a string literal", p, "");
                        if (v == 0 && !ended)
                            ended = true;
                        else if (v == 0)
                            die("two NUL escapes in one string", p, "");
                        else
                            strbuf_putc(&s, (char)v);
                    } else {
                        const char *from = "\\\"?nt", *to = "\\\"?\n\t";
                        const char *k = *p ? strchr(from, *p) : NULL;
                        if (!k)
                            die("an unexpected escape in a string literal", p - 1, "");
                        strbuf_putc(&s, to[k - from]);
                    }
                }
                p++;
                const char *q = p;
                while (*q == ' ' || *q == '\n')
                    q++;
                if (*q != '"')
                    break;
                p = q;
            } while (1);
            if (!ended)
                die("a string literal without its NUL", p, "");
            /* The table holds each distinct string once, so it may hold
               fewer than the twin's: a run of literals is one "". */
            size_t n = code->len;
            while (n > 0 && code->s[n - 1] == ' ')
                n--;
            if (n < 2 || strncmp(code->s + n - 2, "\"\"", 2) != 0)
                strbuf_puts(code, "\"\"");
            vec_push(a, strings, strbuf_to_arena(&s, a));
        } else if (*p >= '0' && *p <= '9') {
            strbuf_putc(code, '0');
            while (*p >= '0' && *p <= '9')
                p++;
        } else if (*p == '\'') {
            die("a character literal in the C", p, "");
        } else {
            put_code(code, *p++);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* message \0 directory \0 file \0 migrator name */
    const char *field[4] = {"", "", "", ""};
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int nf = 0;
    for (size_t i = 0, from = 0; i <= size && nf < 4; i++) {
        if (i == size || copy[i] == '\0') {
            field[nf++] = copy + from;
            from = i + 1;
        }
    }
    const char *msg = field[0];
    const char *dir = *field[1] ? field[1] : "migrations";
    const char *file = *field[2] ? field[2] : "0001.mig";
    const char *name = *field[3] ? field[3] : "app";

    struct arena a = {0};
    struct output got, want;
    if (!compile_one(&a, msg, dir, file, name, &got)) {
        arena_free(&a);
        free(copy);
        return 0;
    }
    if (!compile_one(&a, "plain", "migrations", "0001.mig", "app", &want))
        die("the twin did not compile", "", "");

    for (int k = 0; k < 2; k++) {
        const char *settings = sqlscript_client_settings(k == MIGC_POSTGRES);
        const char *g = statements(&a, got.sql[k], settings);
        const char *w = statements(&a, want.sql[k], settings);
        if (strcmp(g, w) != 0)
            die("the script's statements differ from the twin's", got.sql[k], want.sql[k]);
    }
    if (strcmp(run_sqlite(&a, got.sql[0]), run_sqlite(&a, want.sql[0])) != 0)
        die("SQLite ran other statements than the twin's", got.sql[0], want.sql[0]);

    struct strbuf gcode = {0}, wcode = {0};
    struct vec gstr = {0}, wstr = {0};
    split_c(&a, got.c, &gcode, &gstr);
    split_c(&a, want.c, &wcode, &wstr);
    if (strcmp(strbuf_str(&gcode), strbuf_str(&wcode)) != 0)
        die("the C code outside comments and strings differs from the twin's", got.c, want.c);
    /* The twin's strings with the input's names in place of its own: the
       strings the C must hold, no more, no fewer. The checksum hashes the
       canonical form, message included or not: any 64 hex digits will do. */
    const char **expect = arena_alloc(&a, sizeof *expect * (size_t)(wstr.n + 1));
    for (int i = 0; i < wstr.n; i++) {
        const char *w = VEC_AT(wstr, i, const char *);
        expect[i] = strcmp(w, "plain") == 0      ? msg
                    : strcmp(w, want.file) == 0 ? got.file
                    : strcmp(w, "app") == 0     ? name
                                                : w;
    }
    for (int i = 0; i < gstr.n; i++) {
        const char *g = VEC_AT(gstr, i, const char *);
        bool found = strlen(g) == 64 && strspn(g, "0123456789abcdef") == 64;
        for (int j = 0; j < wstr.n && !found; j++)
            found = strcmp(g, expect[j]) == 0;
        if (!found)
            die("a C string literal does not decode to an input", g, "");
    }
    for (int j = 0; j < wstr.n; j++) {
        bool found = strlen(expect[j]) == 64 && strspn(expect[j], "0123456789abcdef") == 64;
        for (int i = 0; i < gstr.n && !found; i++)
            found = strcmp(VEC_AT(gstr, i, const char *), expect[j]) == 0;
        if (!found)
            die("an input is missing from the C's string literals", expect[j], "");
    }
    strbuf_free(&gcode);
    strbuf_free(&wcode);
    arena_free(&a);
    free(copy);
    return 0;
}
