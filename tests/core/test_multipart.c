/* test_multipart.c: the multipart/form-data parser (core/multipart.c): well-formed uploads as
 * browsers and curl send them, and every malformed one refused with a reason, never a crash. */
#include "core/multipart.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *CT = "multipart/form-data; boundary=----X1";

static void parses_files_and_fields(void)
{
    const char body[] = "------X1\r\n"
                        "Content-Disposition: form-data; name=\"bills\"; filename=\"账单.csv\"\r\n"
                        "Content-Type: text/csv\r\n\r\n"
                        "a,b\r\n1,2\r\n"
                        "\r\n------X1\r\n"
                        "Content-Disposition: form-data; name=\"dry_run\"\r\n\r\n"
                        "1"
                        "\r\n------X1\r\n"
                        "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n"
                        "\r\n------X1--\r\n";
    struct multipart m;
    const char *zh = NULL, *en = NULL;
    CHECK(multipart_parse(CT, body, sizeof body - 1, &m, &zh, &en));
    CHECK_INT(m.nparts, 3);
    const struct multipart_part *p = multipart_get(&m, "bills");
    CHECK(p != NULL);
    if (p) {
        CHECK(p->is_file);
        CHECK_STR(p->filename, "账单.csv");
        CHECK_STR(p->content_type, "text/csv");
        CHECK_INT(p->len, 10);
        CHECK(memcmp(p->data, "a,b\r\n1,2\r\n", 10) == 0);
    }
    p = multipart_get(&m, "dry_run");
    CHECK(p && !p->is_file && p->len == 1 && p->data[0] == '1');
    p = multipart_get(&m, "empty");
    CHECK(p && p->is_file && p->len == 0);
    CHECK(multipart_get(&m, "nope") == NULL);
    /* A quoted boundary and a file holding the boundary text without the leading CRLF. */
    const char body2[] = "--b\"q\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx--b\"q y"
                         "\r\n--b\"q--";
    CHECK(!multipart_parse("multipart/form-data; boundary=\"b\\\"q\"", body2, sizeof body2 - 1, &m,
                           &zh, &en) ||
          m.nparts == 1);
}

static void refuses_malformed(void)
{
    struct {
        const char *ct, *body;
    } bad[] = {
        {"application/json", "{}"},
        {"multipart/form-data", "--x\r\n"},           /* no boundary */
        {"multipart/form-data; boundary=", "--\r\n"}, /* empty boundary */
        {CT, ""},                                     /* empty body */
        {CT, "--other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--other--"},
        {CT, "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"},
        {CT, "------X1\r\nContent-Disposition: form-data\r\n\r\nv\r\n------X1--"},
        {CT, "------X1\r\nContent-Type: text/plain\r\n\r\nv\r\n------X1--"},
        {CT, "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\n"},
        {CT, "------X1\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n------X1--"},
        {CT, "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n------X1\r\n"
             "Content-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n------X1--"},
        {CT, "------X1garbage"},
        {CT, "------X1\r\nno colon here\r\n\r\nv\r\n------X1--"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct multipart m;
        const char *zh = NULL, *en = NULL;
        if (multipart_parse(bad[i].ct, bad[i].body, strlen(bad[i].body), &m, &zh, &en))
            harness_fail(__FILE__, __LINE__, "case %zu accepted", i);
        else
            CHECK(zh && en && *zh && *en);
    }
    /* Too many parts. */
    char big[8192];
    size_t w = 0;
    for (int i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
        w += (size_t)snprintf(
            big + w, sizeof big - w,
            "------X1\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
    w += (size_t)snprintf(big + w, sizeof big - w, "------X1--");
    struct multipart m;
    const char *zh, *en;
    CHECK(!multipart_parse(CT, big, w, &m, &zh, &en));
    /* Headers beyond the bound. */
    char *huge = malloc(MULTIPART_MAX_HEADER * 2 + 200);
    int n = sprintf(huge, "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    memset(huge + n, 'p', MULTIPART_MAX_HEADER + 10);
    n += MULTIPART_MAX_HEADER + 10;
    n += sprintf(huge + n, "\r\n\r\nv\r\n------X1--");
    CHECK(!multipart_parse(CT, huge, (size_t)n, &m, &zh, &en));
    free(huge);
}

/* Mutated bodies never crash the parser: parts stay inside the body. */
static void mutated_bodies_never_crash(void)
{
    const char body[] = "------X1\r\n"
                        "Content-Disposition: form-data; name=\"bills\"; filename=\"b.csv\"\r\n"
                        "Content-Type: text/csv\r\n\r\n"
                        "a,b\r\n1,2\r\n"
                        "\r\n------X1\r\n"
                        "Content-Disposition: form-data; name=\"dry_run\"\r\n\r\n1"
                        "\r\n------X1--\r\n";
    uint64_t x = 2463534242ull;
    static const char bytes[] = "-\r\n\";=: X1";
    for (int iter = 0; iter < 5000; iter++) {
        size_t len = sizeof body - 1;
        char *b = malloc(len);
        memcpy(b, body, len);
        for (int k = 0; k < 2 && len > 0; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t at = (size_t)(x % len);
            if ((x >> 32) % 4 == 0)
                len = at;
            else
                b[at] = bytes[(x >> 40) % (sizeof bytes - 1)];
        }
        struct multipart m;
        const char *zh, *en;
        if (multipart_parse(CT, b, len, &m, &zh, &en))
            for (int i = 0; i < m.nparts; i++)
                CHECK(m.parts[i].data >= b && m.parts[i].data + m.parts[i].len <= b + len);
        free(b);
    }
}

int main(void)
{
    RUN(parses_files_and_fields);
    RUN(refuses_malformed);
    RUN(mutated_bodies_never_crash);
    return harness_finish("core/multipart");
}
