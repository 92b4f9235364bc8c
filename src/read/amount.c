/* Amounts (weights) as the model stores them: checked, and in C-locale text. */
#include "read/amount.h"
#include "util/strbuf.h"
#include "util/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sg_amount_text(double v, char *out, size_t size) {
    if (v == 0)
        v = 0; /* -0 */
    char text[400];
    if (v == floor(v) && fabs(v) < 1e15) {
        sg_format_fixed(v, 0, text, sizeof text);
    } else {
        size_t n = sg_format_shortest(v, text, sizeof text);
        if (memchr(text, 'e', n) && fabs(v) >= 1e-4 && fabs(v) < 1e15) {
            /* No exponent from 1e-4 to 1e15: the same digits written out. */
            int digits = 0;
            for (size_t i = 0; i < n && text[i] != 'e'; i++)
                digits += text[i] >= '0' && text[i] <= '9';
            int decimals = digits - 1 - (int)floor(log10(fabs(v)));
            sg_format_fixed(v, decimals > 0 ? decimals : 0, text, sizeof text);
        }
    }
    size_t n = strlen(text); /* copied as snprintf would, without its %s */
    if (size == 0)
        return;
    if (n >= size)
        n = size - 1;
    memcpy(out, text, n);
    out[n] = '\0';
}

int sg_amount_check(const char *text, char *out, size_t size, const char **why) {
    const char *s = text;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return 1;
    char *copy = sg_strdup(s);
    if (!copy) {
        *why = "out of memory";
        return -1;
    }
    size_t n = strlen(copy);
    while (n > 0 && strchr(" \t\r\n", copy[n - 1]))
        copy[--n] = '\0';
    const char *word = copy + (copy[0] == '+' || copy[0] == '-');
    int rc = -1;
    double v;
    if (sg_ascii_casecmp(word, "nan") == 0)
        *why = "NaN is not an amount";
    else if (sg_ascii_casecmp(word, "inf") == 0 || sg_ascii_casecmp(word, "infinity") == 0)
        *why = "an infinite amount is not a number";
    else if (copy[strspn(copy, "0123456789+-.eE")] != '\0' || sg_parse_number(copy, &v) != 0)
        *why = "not a number"; /* strtod would take hexadecimal and "nan(...)" */
    else if (v < 0)
        *why = "a negative amount (weights are amounts: 0 or more)";
    else {
        sg_amount_text(v, out, size);
        rc = 0;
    }
    free(copy);
    return rc;
}
