/* The PDF figures' creation date: PDF 1.7 (ISO 32000-1), 7.5.4 Cross-Reference Table, 7.5.5
 * File Trailer, 7.9.4 Dates, 14.3.3 Document Information Dictionary. */
#include "write/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DATES 8 /* a document information dictionary has two dates; cairo writes one */

/* The date to write: 14 digits YYYYMMDDHHmmSS of SOURCE_DATE_EPOCH (a whole number of seconds
 * from 0), else of 0 (1970-01-01 00:00:00 UTC). */
static void fixed_date(char digits[15]) {
    const char *env = getenv("SOURCE_DATE_EPOCH");
    time_t t = 0;
    if (env && *env && strspn(env, "0123456789") == strlen(env) && strlen(env) <= 11)
        t = (time_t)strtoll(env, NULL, 10);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999 ||
        snprintf(digits, 15, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) != 14)
        memcpy(digits, "19700101000000", 15);
}

static int digit(char c) {
    return c >= '0' && c <= '9';
}

/* A date string: its "(" at `at`, `n` bytes up to and with its ")". */
typedef struct {
    size_t at, n;
} date_string;

/* The date strings of `pdf`, at most MAX_DATES, in file order. */
static size_t find_dates(const char *pdf, size_t len, date_string *out) {
    static const char *const keys[] = {"/CreationDate", "/ModDate"};
    size_t found = 0;
    for (size_t at = 0; at < len && found < MAX_DATES; at++) {
        if (pdf[at] != '/')
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            size_t n = strlen(keys[k]), p = at + n, d = 0;
            if (len - at < n || memcmp(pdf + at, keys[k], n) != 0)
                continue;
            while (p < len && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r'))
                p++;
            if (len - p < 3 + 14 + 1 || memcmp(pdf + p, "(D:", 3) != 0)
                continue;
            while (d < 14 && digit(pdf[p + 3 + d]))
                d++;
            size_t end = p + 3 + 14;
            while (d == 14 && end < len && end - p < 32 && pdf[end] != ')')
                end++;
            if (d == 14 && end < len && pdf[end] == ')')
                out[found++] = (date_string){p, end - p + 1};
        }
    }
    return found;
}

/* An offset of the file before the dates were shortened, in the file after. */
static size_t moved(size_t offset, const date_string *dates, size_t n, size_t new_n) {
    size_t shift = 0;
    for (size_t k = 0; k < n; k++)
        if (dates[k].at < offset)
            shift += dates[k].n - new_n;
    return offset - shift;
}

/* The cross-reference table `startxref` points at: its offset in `*xref`, and the offset
 * of startxref's number in `*number`; 0 when there is none (a cross-reference stream). */
static int find_xref(const char *pdf, size_t len, size_t *xref, size_t *number) {
    size_t at = len > 64 ? len - 64 : 0;
    const char *s = NULL;
    for (size_t p = at; p + 9 <= len; p++)
        if (memcmp(pdf + p, "startxref", 9) == 0)
            s = pdf + p;
    if (!s)
        return 0;
    size_t p = (size_t)(s - pdf) + 9;
    while (p < len && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r'))
        p++;
    *number = p;
    size_t x = 0;
    for (; p < len && digit(pdf[p]); p++)
        x = x * 10 + (size_t)(pdf[p] - '0');
    *xref = x;
    return p > *number && x + 4 <= len && memcmp(pdf + x, "xref", 4) == 0;
}

/* Corrects each in-use offset of the table at `xref` (in the file as it is now), its rows
 * "oooooooooo ggggg n" + 2 bytes of end of line (7.5.4), by `moved`. */
static void fix_table(char *pdf, size_t len, size_t xref, const date_string *dates, size_t n,
                      size_t new_n) {
    size_t p = xref + 4;
    for (;;) {
        while (p < len && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r'))
            p++;
        if (p >= len || !digit(pdf[p]))
            return; /* "trailer" */
        /* a subsection's "first count" line (read within `len`: the buffer has no NUL) */
        while (p < len && digit(pdf[p]))
            p++;
        while (p < len && pdf[p] == ' ')
            p++;
        size_t count = 0;
        for (; p < len && digit(pdf[p]) && count < len; p++)
            count = count * 10 + (size_t)(pdf[p] - '0');
        while (p < len && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r'))
            p++;
        for (size_t r = 0; r < count && p + 20 <= len; r++, p += 20) {
            if (pdf[p + 17] != 'n')
                continue;
            size_t offset = 0, d = 0;
            for (; d < 10 && digit(pdf[p + d]); d++)
                offset = offset * 10 + (size_t)(pdf[p + d] - '0');
            if (d < 10)
                continue;
            char row[11];
            snprintf(row, sizeof row, "%010zu", moved(offset, dates, n, new_n));
            memcpy(pdf + p, row, 10);
        }
    }
}

/* See pdf.h. */
size_t sg_pdf_fix_dates(char *pdf, size_t *len) {
    date_string dates[MAX_DATES];
    size_t n = pdf && len ? find_dates(pdf, *len, dates) : 0, xref = 0, number = 0;
    if (n == 0)
        return 0;
    char digits[15], fixed[20];
    fixed_date(digits);
    snprintf(fixed, sizeof fixed, "(D:%sZ)", digits); /* 19 bytes */
    int shorter = 0;
    for (size_t k = 0; k < n; k++)
        shorter |= dates[k].n != 19;
    int whole = 1;
    for (size_t k = 0; k < n; k++)
        whole &= dates[k].n >= 19;
    if (!shorter || !whole || !find_xref(pdf, *len, &xref, &number)) {
        /* digit for digit: the length kept */
        for (size_t k = 0; k < n; k++) {
            char *d = pdf + dates[k].at + 3;
            memcpy(d, digits, 14);
            for (size_t q = 14; q < dates[k].n - 4; q++)
                if (digit(d[q]))
                    d[q] = '0';
                else if (d[q] == '-')
                    d[q] = '+';
        }
        return n;
    }
    /* Each date as `fixed`, the bytes after it moved up; then the table and startxref. */
    size_t to = dates[0].at;
    for (size_t k = 0; k < n; k++) {
        size_t from = dates[k].at + dates[k].n;
        size_t upto = k + 1 < n ? dates[k + 1].at : *len;
        memcpy(pdf + to, fixed, 19);
        memmove(pdf + to + 19, pdf + from, upto - from);
        to += 19 + (upto - from);
    }
    *len = to;
    fix_table(pdf, *len, moved(xref, dates, n, 19), dates, n, 19);
    size_t at = moved(number, dates, n, 19), end = at;
    while (end < *len && digit(pdf[end]))
        end++;
    char text[32];
    int w = snprintf(text, sizeof text, "%zu", moved(xref, dates, n, 19));
    memmove(pdf + at + (size_t)w, pdf + end, *len - end); /* never longer: offsets only fall */
    memcpy(pdf + at, text, (size_t)w);
    *len -= (end - at) - (size_t)w;
    return n;
}
