/* migc convert alembic SRC [DIR]: an Alembic versions/ directory to one
   .mig file per revision (alembic.h does each file). Every file is
   converted before anything is written, so that an error anywhere leaves
   DIR as it was. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alembic.h"
#include "author.h"
#include "cli.h"
#include "project.h"

static const char convert_usage[] =
    "usage: migc convert alembic SRC [DIR]\n"
    "\n"
    "Read an Alembic versions/ directory SRC (the Python files are read, never\n"
    "run) and write one .mig file per revision into DIR (default:\n"
    "migrations/versions), keeping revision ids, parents, branch labels,\n"
    "dependencies, messages and dates. op.* calls become statements; what\n"
    "cannot be converted is kept as a comment with a placeholder that fails\n"
    "'migc check' until it is resolved, and a warning names its file and line.\n"
    "A table of the revisions converted fully, partly or by hand ends the run.\n"
    "Nothing is written when a file cannot be read or a target file exists.\n";

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Appends the paths of the *.py files under dir (recursively, Python's
   caches and __init__.py aside) to out. False when dir cannot be read. */
static bool list_py(struct arena *a, const char *dir, struct vec *out)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return false;
    struct vec names = {0};
    struct dirent *e;
    while ((e = readdir(dh)))
        if (e->d_name[0] != '.' && strcmp(e->d_name, "__pycache__") != 0)
            vec_push(a, &names, arena_strdup(a, e->d_name));
    closedir(dh);
    if (names.n)
        qsort(names.items, (size_t)names.n, sizeof names.items[0], cmp_str);
    for (int i = 0; i < names.n; i++) {
        const char *n = VEC_AT(names, i, const char *);
        const char *path = arena_printf(a, "%s/%s", dir, n);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t len = strlen(n);
        if (S_ISDIR(st.st_mode)) {
            if (!list_py(a, path, out))
                return false;
        } else if (len > 3 && strcmp(n + len - 3, ".py") == 0 && strcmp(n, "__init__.py") != 0) {
            vec_push(a, out, (void *)path);
        }
    }
    return true;
}

static const char *status_word(enum alembic_status s)
{
    return s == ALEMBIC_FULL ? "fully" : s == ALEMBIC_PARTLY ? "partly" : "by hand";
}

static int convert_run(struct arena *a, struct diag *d, const char *src, const char *dir)
{
    struct vec files = {0};
    if (!list_py(a, src, &files)) {
        cli_error("convert", "could not open directory \"%s\": %s", src, strerror(errno));
        return 1;
    }
    if (!files.n) {
        cli_error("convert", "no .py files in \"%s\"", src);
        cli_hint("Give the Alembic versions/ directory.");
        return 1;
    }
    struct vec revs = {0};
    for (int i = 0; i < files.n; i++) {
        const char *path = VEC_AT(files, i, const char *);
        size_t len;
        char *text = project_read_file(path, &len);
        if (!text) {
            cli_error("convert", "could not read \"%s\": %s", path, strerror(errno));
            return 1;
        }
        struct alembic_revision *r = alembic_convert(a, d, path, path + strlen(src) + 1, text, len);
        free(text);
        if (!r)
            continue;
        for (int j = 0; j < revs.n; j++) {
            const struct alembic_revision *o = VEC_AT(revs, j, const struct alembic_revision *);
            if (strcmp(o->revision, r->revision) == 0) {
                diag_error(d, (struct loc){r->source, 1, 1, 1}, "revision \"%s\" is also in %s",
                           r->revision, o->source);
                r = NULL;
                break;
            }
        }
        if (r)
            vec_push(a, &revs, r);
    }
    if (diag_failed(d)) {
        diag_flush(d, stderr);
        fputs("migc convert: nothing was written\n", stderr);
        return 1;
    }
    struct vec paths = {0};
    for (int i = 0; i < revs.n; i++) {
        const struct alembic_revision *r = VEC_AT(revs, i, const struct alembic_revision *);
        const char *p = arena_printf(a, "%s/%s", dir, r->name);
        struct stat st;
        if (stat(p, &st) == 0) {
            diag_flush(d, stderr);
            cli_error("convert", "\"%s\" already exists; nothing was written", p);
            return 1;
        }
        vec_push(a, &paths, (void *)p);
    }
    if (!author_make_dirs(a, dir)) {
        diag_flush(d, stderr);
        cli_error("convert", "could not create directory \"%s\": %s", dir, strerror(errno));
        return 1;
    }
    for (int i = 0; i < revs.n; i++) {
        const struct alembic_revision *r = VEC_AT(revs, i, const struct alembic_revision *);
        if (!author_write_new(VEC_AT(paths, i, const char *), r->text)) {
            diag_flush(d, stderr);
            cli_error("convert", "could not write \"%s\": %s",
                      VEC_AT(paths, i, const char *), strerror(errno));
            for (int j = 0; j < i; j++)
                remove(VEC_AT(paths, j, const char *));
            return 1;
        }
    }
    diag_flush(d, stderr);

    int counts[3] = {0}, placeholders = 0, derived = 0;
    bool postgres_only = false;
    size_t w = strlen("revision");
    for (int i = 0; i < revs.n; i++) {
        size_t n = strlen(VEC_AT(revs, i, const struct alembic_revision *)->revision);
        w = n > w ? n : w;
    }
    printf("%-*s  %-9s  %-12s  %s\n", (int)w, "revision", "converted", "placeholders", "file");
    for (int i = 0; i < revs.n; i++) {
        const struct alembic_revision *r = VEC_AT(revs, i, const struct alembic_revision *);
        counts[r->status]++;
        placeholders += r->unresolved;
        derived += r->derived_downgrade;
        postgres_only |= r->postgres_only;
        printf("%-*s  %-9s  %-12d  %s%s\n", (int)w, r->revision, status_word(r->status),
               r->unresolved, VEC_AT(paths, i, const char *),
               r->derived_downgrade ? " (downgrade derived)" : "");
    }
    printf("%d revision%s: %d fully, %d partly, %d by hand", revs.n, revs.n == 1 ? "" : "s",
           counts[ALEMBIC_FULL], counts[ALEMBIC_PARTLY], counts[ALEMBIC_BY_HAND]);
    if (placeholders)
        printf("; %d placeholder%s to resolve before migc check passes", placeholders,
               placeholders == 1 ? "" : "s");
    printf("\n");
    if (derived)
        printf("%d downgrade%s did nothing in Alembic; migc derives %s from the upgrade\n", derived,
               derived == 1 ? "" : "s", derived == 1 ? "it" : "them");
    if (postgres_only)
        printf("the converted project uses types or objects only PostgreSQL has: check and "
               "build it with --dialect postgres\n");
    return 0;
}

int cmd_convert(int argc, char **argv)
{
    const char *pos[3];
    int npos;
    enum cli_parsed parsed =
        cli_parse("convert", convert_usage, argc, argv, NULL, 0, pos, 3, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    if (npos < 2)
        return cli_usage_error(
            "convert", convert_usage,
            npos ? "missing the Alembic versions directory" : "missing the source kind", NULL);
    if (strcmp(pos[0], "alembic") != 0)
        return cli_usage_error("convert", convert_usage, "unrecognized source kind", pos[0]);
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    int rc = convert_run(&a, &d, pos[1], npos > 2 ? pos[2] : "migrations/versions");
    arena_free(&a);
    return rc;
}
