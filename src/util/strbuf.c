#include "util/strbuf.h"
#include "util/number.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void sg_buf_append(sg_buf *b, const char *s, size_t n) {
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sg_buf_puts(sg_buf *b, const char *s) {
    sg_buf_append(b, s, strlen(s));
}

void sg_buf_putc(sg_buf *b, char c) {
    sg_buf_append(b, &c, 1);
}

/* A C locale for LC_NUMERIC, made once; used through uselocale() so that the process locale
 * (tr_TR, de_DE, ...) never changes the decimal mark of what we print. */
static locale_t c_locale(void) {
    static locale_t loc = (locale_t)0;
    if (loc == (locale_t)0)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap) {
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        sg_buf_append(b, small, (size_t)n);
    } else if (n >= 0) {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            b->failed = 1;
        } else {
            vsnprintf(big, (size_t)n + 1, fmt, ap2);
            sg_buf_append(b, big, (size_t)n);
            free(big);
        }
    }
    va_end(ap2);
    if (loc)
        uselocale(old);
}

void sg_buf_printf(sg_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void *sg_big_alloc(size_t bytes) {
    const size_t huge = (size_t)2 << 20;
    if (bytes < huge)
        return malloc(bytes ? bytes : 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

void sg_buf_free(sg_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *sg_strdup(const char *s) {
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void sg_format_number(double v, int digits, char *out, size_t size) {
    if (size == 0)
        return;
    out[0] = '\0';
    if (isnan(v) || isinf(v))
        return;
    if (v == 0.0)
        v = 0.0; /* -0 prints as 0 */
    int d = digits > 0 ? (digits < 17 ? digits : 17) : 6;
    char text[48];
    if (v == floor(v) && fabs(v) < 1e15) {
        sg_format_fixed(v, 0, text, sizeof text);
    } else if (fabs(v) >= 1e6 && fabs(v) < 1e15) {
        /* Amounts of a million and more keep their whole part: no exponent for money; `d`
         * significant digits when the whole part has fewer, trailing zeros left out. */
        char dg[17];
        int x;
        sg_decimal_digits(v, d, dg, &x);
        int decimals = d - 1 - x;
        size_t n = sg_format_fixed(v, decimals > 0 ? decimals : 0, text, sizeof text);
        if (decimals > 0 && n < sizeof text) {
            while (n > 0 && text[n - 1] == '0')
                n--;
            if (n > 0 && text[n - 1] == '.')
                n--;
            text[n] = '\0';
        }
    } else {
        sg_format_g(v, d, text, sizeof text);
    }
    const char *t = strcmp(text, "-0") == 0 ? "0" : text;
    size_t n = strlen(t); /* copied as snprintf would, without its %s (600 instructions) */
    if (n >= size)
        n = size - 1;
    memcpy(out, t, n);
    out[n] = '\0';
}

int sg_ascii_casecmp(const char *a, const char *b) {
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

int sg_parse_number(const char *s, double *out) {
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return -1;
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    char *end;
    double v = strtod(s, &end);
    if (loc)
        uselocale(old);
    if (end == s)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end || isnan(v) || isinf(v))
        return -1;
    *out = v;
    return 0;
}

int sg_list_has(const char *list, const char *item) {
    size_t n = strlen(item);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *end = p + strcspn(p, ",");
        const char *last = end;
        while (last > p && last[-1] == ' ')
            last--;
        if ((size_t)(last - p) == n && n > 0 && strncmp(p, item, n) == 0)
            return 1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

static int name_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void sg_name_key(const char *name, sg_buf *out) {
    const char *s = name ? name : "";
    const char *end = s + strlen(s);
    while (s < end && name_space(*s))
        s++;
    while (end > s && name_space(end[-1]))
        end--;
    int pending = 0;
    for (; s < end; s++) {
        char c = *s;
        if (c == '_' || c == '-' || name_space(c)) {
            pending = 1;
            continue;
        }
        if (pending && out->len > 0)
            sg_buf_putc(out, '_');
        pending = 0;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        sg_buf_putc(out, c);
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

int sg_name_equal(const char *a, const char *b) {
    sg_buf ka = {0}, kb = {0};
    sg_name_key(a, &ka);
    sg_name_key(b, &kb);
    int equal = !ka.failed && !kb.failed && ka.len > 0 && strcmp(ka.data, kb.data) == 0;
    sg_buf_free(&ka);
    sg_buf_free(&kb);
    return equal;
}

int sg_list_has_name(const char *list, const char *item) {
    sg_buf word = {0};
    int found = 0;
    for (const char *p = list; !found; p++) {
        if (*p == ',' || *p == '\0') {
            found = word.len > 0 && sg_name_equal(word.data, item);
            word.len = 0;
            if (!*p)
                break;
        } else {
            sg_buf_putc(&word, *p);
        }
    }
    sg_buf_free(&word);
    return found;
}
