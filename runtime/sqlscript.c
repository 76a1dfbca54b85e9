#include "sqlscript.h"

#include <string.h>

const char *sqlscript_client_settings(bool postgres)
{
    return postgres ? "\\set ON_ERROR_STOP on\n\n" : ".bail on\n\n";
}

/* The length of the valid UTF-8 sequence of two to four bytes at s, or 0
   (a stray continuation byte, an overlong form, a surrogate, a code past
   U+10FFFF, or a C1 control, which is escaped like the C0 ones). */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xc2 && s[1] <= 0x9f) || (c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
        (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
        return 0;
    return n;
}

void sqlscript_comment(FILE *out, const char *text)
{
    fputs("-- ", out);
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t n;
        if (*p == '\\') {
            fputs("\\\\", out);
            p++;
        } else if (*p >= 0x20 && *p < 0x7f) {
            fputc(*p++, out);
        } else if (*p == '\n' || *p == '\r' || *p == '\t') {
            fprintf(out, "\\%c", *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
            p++;
        } else if (*p >= 0x80 && (n = utf8_len(p)) > 0) {
            fwrite(p, 1, n, out);
            p += n;
        } else {
            fprintf(out, "\\x%02x", *p++);
        }
    }
    fputc('\n', out);
}
