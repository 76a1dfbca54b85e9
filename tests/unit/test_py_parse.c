/* The Python reader of migc convert alembic (py_parse) and the converter
   on top of it: the tree for each construct the subset has, string values
   in every quoting form, the line ranges of statements it cannot follow,
   errors at their place, and a sweep over every prefix and many one-byte
   changes of the conversion cases' revision files, which must each end in
   a result or an error, never a crash, a hang or a silent NULL. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alembic.h"
#include "check.h"
#include "project.h"
#include "py_parse.h"

struct run {
    struct arena arena;
    struct diag diag;
    struct py_module *m;
    const char *out;           /* every diagnostic, as printed */
};

static void parse(struct run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    diag_init(&r->diag, &r->arena);
    r->m = py_parse(&r->arena, &r->diag, "t.py", text, strlen(text));
    int errors = r->diag.errors;
    FILE *f = tmpfile();
    CHECK(f);
    diag_flush(&r->diag, f);
    long n = ftell(f);
    rewind(f);
    char *buf = arena_alloc(&r->arena, (size_t)n + 1);
    CHECK(fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    r->out = buf;
    r->diag.errors = errors;
}

static const struct py_stmt *stmt(const struct vec *v, int i)
{
    CHECK(i < v->n);
    return VEC_AT(*v, i, const struct py_stmt *);
}

static const char *str_value(const char *src)
{
    static struct run r;
    arena_free(&r.arena);
    char text[256];
    snprintf(text, sizeof text, "x = %s\n", src);
    parse(&r, text);
    CHECK_MSG(r.m, "%s: %s", src, r.out);
    const struct py_stmt *s = stmt(&r.m->body, 0);
    CHECK_INT(s->kind, PYS_ASSIGN);
    CHECK_INT(s->value->kind, PY_STR);
    return s->value->text;
}

static void test_strings(void)
{
    CHECK_STR(str_value("'a'"), "a");
    CHECK_STR(str_value("\"a\\\"b\""), "a\"b");
    CHECK_STR(str_value("'it\\'s'"), "it's");
    CHECK_STR(str_value("'''x'y'''"), "x'y");
    CHECK_STR(str_value("\"\"\"a\n\"b\"\n\"\"\""), "a\n\"b\"\n");
    CHECK_STR(str_value("r'\\n\\d'"), "\\n\\d");
    CHECK_STR(str_value("R\"\\\"\""), "\\\"");
    CHECK_STR(str_value("'\\t\\x41\\101\\u00e9'"), "\tAA\xc3\xa9");
    CHECK_STR(str_value("'\\q'"), "\\q");
    CHECK_STR(str_value("u'a' \"b\" '''c''' r'\\d'"), "abc\\d");
    CHECK_STR(str_value("('a'\n     'b')"), "ab");
    CHECK_STR(str_value("'line \\\ncontinued'"), "line continued");
    struct run r;
    parse(&r, "x = f'{a}' b'y'\n");
    CHECK(r.m);
    const struct py_expr *e = stmt(&r.m->body, 0)->value;
    CHECK(e->fstring && e->bytes);
    arena_free(&r.arena);
}

static void test_structure(void)
{
    struct run r;
    parse(&r, "\"\"\"doc\n\nmore\"\"\"\n"
              "from typing import Sequence, Union\n"
              "import sqlalchemy as sa\n"
              "revision: str = 'abc'\n"
              "down_revision = ('a', 'b')\n"
              "\n"
              "@decorated\n"
              "def helper(x, *args, y=1, **kw) -> None:\n"
              "    pass\n"
              "\n"
              "def upgrade():\n"
              "    # a comment\n"
              "    with op.batch_alter_table('t') as b:\n"
              "        b.add_column(sa.Column('c', sa.String(length=5), nullable=False))\n"
              "\n"
              "    if op.get_context().dialect.name == 'postgresql':\n"
              "        op.execute('x')\n"
              "    elif bind.engine.name in ('sqlite',):\n"
              "        pass\n"
              "    else:\n"
              "        op.execute({'k': [1, -2.5, None, True]}); op.f('n')\n"
              "    for t in ts:\n"
              "        op.drop_table(t)\n"
              "    x = [t for t in ts]\n"
              "    op.drop_table('z')\n");
    CHECK_MSG(r.m, "%s", r.out);
    const struct vec *b = &r.m->body;
    CHECK_INT(b->n, 7);
    CHECK_INT(stmt(b, 0)->kind, PYS_EXPR);
    CHECK_INT(stmt(b, 1)->kind, PYS_IMPORT);
    CHECK_INT(stmt(b, 3)->kind, PYS_ASSIGN);
    CHECK_STR(stmt(b, 3)->target->text, "revision");
    CHECK_INT(stmt(b, 4)->value->kind, PY_TUPLE);
    CHECK_INT(stmt(b, 4)->value->items.n, 2);
    const struct py_stmt *helper = stmt(b, 5);
    CHECK(helper->kind == PYS_DEF && helper->decorated);
    CHECK_INT(helper->first_line, 9);
    const struct py_stmt *up = stmt(b, 6);
    CHECK_STR(up->name, "upgrade");
    CHECK_INT(up->first_line, 13);
    CHECK_INT(up->last_line, 27);
    const struct vec *ub = &up->body;
    CHECK_INT(ub->n, 5);
    const struct py_stmt *with = stmt(ub, 0);
    CHECK_INT(with->kind, PYS_WITH);
    CHECK_STR(with->target->text, "b");
    CHECK_INT(with->body.n, 1);
    const struct py_expr *call = stmt(&with->body, 0)->value;
    CHECK_INT(call->kind, PY_CALL);
    CHECK_STR(call->base->text, "add_column");
    const struct py_stmt *ifs = stmt(ub, 1);
    CHECK_INT(ifs->kind, PYS_IF);
    CHECK_STR(ifs->value->text, "==");
    CHECK_INT(ifs->orelse.n, 1);
    const struct py_stmt *elif = stmt(&ifs->orelse, 0);
    CHECK_STR(elif->value->text, "in");
    CHECK_INT(elif->orelse.n, 2); /* a; b on one line */
    const struct py_expr *dict = VEC_AT(stmt(&elif->orelse, 0)->value->items, 0,
                                        const struct py_arg *)->value;
    CHECK_INT(dict->kind, PY_DICT);
    const struct py_stmt *loop = stmt(ub, 2);
    CHECK_INT(loop->kind, PYS_OTHER);
    CHECK_INT(loop->first_line, 24);
    CHECK_INT(loop->last_line, 25);
    CHECK_INT(stmt(ub, 3)->kind, PYS_OTHER);
    CHECK_INT(stmt(ub, 3)->first_line, 26);
    CHECK_INT(stmt(ub, 3)->last_line, 26);
    CHECK_INT(stmt(ub, 4)->kind, PYS_EXPR);
    arena_free(&r.arena);
}

static void test_errors(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"x = 'abc\n", "t.py:1:5: error: unterminated string literal"},
        {"x = 1\ny = \"\"\"abc\n", "t.py:2:5: error: unterminated triple-quoted string"},
        {"def f():\n        a\n    b\n", "t.py:3:5: error: unindent does not match any outer indentation level"},
        {"x = f(1,\n  2\n", "t.py:1:6: error: \"(\" was never closed"},
        {"x = [1)\n", "t.py:1:7: error: closing \")\" does not match opening \"[\" at line 1"},
        {"x = 1)\n", "t.py:1:6: error: unmatched \")\""},
        {"x = $y\n", "t.py:1:5: error: stray \"$\" in program"},
        {"x = 1\x01\n", "t.py:1:6: error: stray byte 0x01 in program"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run r;
        parse(&r, cases[i].text);
        CHECK_MSG(!r.m, "no error for case %zu", i);
        CHECK_HAS(r.out, cases[i].want);
        arena_free(&r.arena);
    }
}

/* One conversion of text; it must give a revision or report an error. */
static void convert_once(const char *file, const char *text, size_t len)
{
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    d.quiet_warnings = true;
    struct alembic_revision *r = alembic_convert(&a, &d, file, "x.py", text, len);
    CHECK_MSG(r || d.errors, "%s: a failed conversion without an error", file);
    CHECK_MSG(!r || !d.errors, "%s: a conversion with errors gave a result", file);
    arena_free(&a);
}

/* Every prefix (in steps, so that the sweep stays quick) and one-byte
   changes at pseudo-random places of each .py file under dir. */
static int sweep_dir(const char *dir)
{
    DIR *dh = opendir(dir);
    CHECK_MSG(dh, "cannot open %s", dir);
    struct dirent *e;
    int files = 0;
    static const char bytes[] = "'\"\\(){}[]:\n \t#@=,.$\x80";
    while ((e = readdir(dh))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".py") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *text = project_read_file(path, &len);
        CHECK_MSG(text, "cannot read %s", path);
        size_t step = len / 200 + 1;
        for (size_t k = 0; k <= len; k += step)
            convert_once(path, text, k);
        unsigned long seed = 12345;
        for (int i = 0; i < 100 && len; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            size_t at = (size_t)(seed >> 33) % len;
            char saved = text[at];
            text[at] = bytes[(seed >> 20) % (sizeof bytes - 1)];
            convert_once(path, text, len);
            text[at] = saved;
        }
        free(text);
        files++;
    }
    closedir(dh);
    return files;
}

static void test_sweep(void)
{
    DIR *dh = opendir("tests/convert/cases");
    CHECK_MSG(dh, "run from the repository root");
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.')
            continue;
        char dir[512];
        snprintf(dir, sizeof dir, "tests/convert/cases/%s/versions", e->d_name);
        files += sweep_dir(dir);
    }
    closedir(dh);
    CHECK_MSG(files >= 20, "only %d revision files found", files);
}

int main(void)
{
    test_strings();
    test_structure();
    test_errors();
    test_sweep();
    puts("ok: py_parse");
    return 0;
}
