/* SHA-256 against the FIPS 180-4 / NIST test vectors, including input
   fed in pieces across block boundaries. */
#include <stdio.h>
#include <string.h>

#include "sha256.h"

static int check(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return 0;
    fprintf(stderr, "sha256 of %s: got %s, expected %s\n", what, got, want);
    return 1;
}

int main(void)
{
    char hex[65];
    int bad = 0;
    sha256_hex("", 0, hex);
    bad |= check("\"\"", hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    bad |= check("\"abc\"", hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two, strlen(two), hex);
    bad |= check("the 448-bit message", hex,
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* One million "a", fed 1000 bytes at a time. */
    char block[1000];
    memset(block, 'a', sizeof block);
    struct sha256 s;
    unsigned char d[32];
    sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        sha256_update(&s, block, sizeof block);
    sha256_final(&s, d);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    bad |= check("a million \"a\"", hex,
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* 55, 56 and 64 bytes: the padding edge cases. */
    sha256_hex(block, 55, hex);
    bad |= check("55 \"a\"", hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    sha256_hex(block, 56, hex);
    bad |= check("56 \"a\"", hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    sha256_hex(block, 64, hex);
    bad |= check("64 \"a\"", hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    return bad;
}
