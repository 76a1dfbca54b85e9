/* migc fmt: rewrites .mig files in the canonical layout (fmt.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fmt.h"
#include "project.h"

static const char fmt_usage[] =
    "usage: migc fmt [DIR|FILE]... [--check]\n"
    "\n"
    "Rewrite migration files in migc's canonical layout (4-space indentation,\n"
    "lower-case keywords, aligned column definitions), keeping every comment.\n"
    "A directory (default: migrations) means every *.mig file under it; a\n"
    "FILE ending in .schema is formatted as a model. Formatting changes only\n"
    "layout: a migration's checksum stays the same. Files that do not parse\n"
    "are reported and left untouched.\n"
    "\n"
    "options:\n"
    "  --check   change nothing; list the files that are not formatted and\n"
    "            exit 1 when there is one (for CI)\n"
    "\n"
    "Exit status: 0 success, 1 a file did not parse (or with --check, is not\n"
    "formatted), 2 bad usage.\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends the *.mig files under dir, recursively, in path order; hidden
   names are skipped as the project loader skips them. */
static bool collect(struct arena *a, const char *dir, struct vec *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct vec names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            vec_push(a, &names, arena_strdup(a, e->d_name));
    closedir(d);
    qsort(names.items, (size_t)names.n, sizeof names.items[0], cmp_str);
    for (int i = 0; i < names.n; i++) {
        const char *path = arena_printf(a, "%s/%s", dir, VEC_AT(names, i, const char *));
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            collect(a, path, out);
        else if (S_ISREG(st.st_mode) && ends_with(path, ".mig"))
            vec_push(a, out, (void *)path);
    }
    return true;
}

/* Replaces path's content through a temporary file and a rename, so that
   an interrupted run never leaves a half-written migration. */
static bool write_over(struct arena *a, const char *path, const char *text)
{
    const char *tmp = arena_printf(a, "%s.fmt-tmp", path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp)
        return false;
    bool ok = fputs(text, fp) >= 0;
    ok = fclose(fp) == 0 && ok;
    struct stat st;
    if (ok && stat(path, &st) == 0)
        chmod(tmp, st.st_mode & 07777);
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return false;
    }
    return true;
}

int cmd_fmt(int argc, char **argv)
{
    bool check = false;
    struct cli_opt opts[] = {{.name = "check", .flag = &check}};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos;
    enum cli_parsed parsed = cli_parse("fmt", fmt_usage, argc, argv, opts, 1, pos, argc, &npos);
    if (parsed != CLI_PARSED) {
        free(pos);
        return cli_parsed_status(parsed);
    }
    struct arena arena = {0};
    struct diag diag;
    diag_init(&diag, &arena);
    struct vec files = {0};
    int status = 0;
    if (npos == 0)
        pos[npos++] = "migrations";
    for (int i = 0; i < npos; i++) {
        struct stat st;
        if (stat(pos[i], &st) != 0) {
            cli_error("fmt", "could not open \"%s\": no such file or directory", pos[i]);
            status = 2;
        } else if (S_ISDIR(st.st_mode)) {
            collect(&arena, pos[i], &files);
        } else {
            vec_push(&arena, &files, (void *)pos[i]);
        }
    }
    free(pos);
    int unformatted = 0;
    for (int i = 0; i < files.n && status != 2; i++) {
        const char *path = VEC_AT(files, i, const char *);
        size_t len;
        char *text = project_read_file(path, &len);
        if (!text) {
            cli_error("fmt", "could not read \"%s\"", path);
            status = 1;
            continue;
        }
        const char *out = fmt_text(&arena, &diag, path, text, len, ends_with(path, ".schema"));
        bool same = out && strlen(out) == len && memcmp(out, text, len) == 0;
        free(text);
        if (!out) {
            status = 1;
            continue;
        }
        if (same)
            continue;
        unformatted++;
        if (check) {
            printf("%s\n", path);
        } else if (write_over(&arena, path, out)) {
            printf("formatted %s\n", path);
        } else {
            cli_error("fmt", "could not write \"%s\"", path);
            status = 1;
        }
    }
    diag_flush(&diag, stderr);
    arena_free(&arena);
    if (check && unformatted && status == 0)
        status = 1;
    return status;
}
