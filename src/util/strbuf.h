/* Small internal helpers: growable byte buffers, locale-independent number printing. */
#ifndef SG_STRBUF_H
#define SG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/** A growable, NUL-terminated byte buffer. Zero-initialise; free with sg_buf_free(). */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* set once an allocation failed; later appends do nothing */
} sg_buf;

void sg_buf_append(sg_buf *b, const char *s, size_t n);
void sg_buf_puts(sg_buf *b, const char *s);
void sg_buf_putc(sg_buf *b, char c);
/** printf-style append, formatted in the C locale whatever the process locale is. */
void sg_buf_printf(sg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap);
void sg_buf_free(sg_buf *b);

/**
 * `bytes` of uninitialised memory, freed with free(). From 2 MiB on, aligned to 2 MiB and in
 * transparent huge pages where the kernel offers them (madvise mode): a large array is then
 * touched with one page fault per 2 MiB instead of one per 4 KiB (issue 10: a third of the CPU
 * of reading the XL table was page faults). A 2 MiB region is committed whole once touched
 * (at most 2 MiB more per block than malloc would); regions never touched cost nothing.
 */
void *sg_big_alloc(size_t bytes);

/** strdup that returns NULL for NULL input. */
char *sg_strdup(const char *s);

/**
 * Formats a number for reports: integers without a decimal point, others with `digits`
 * significant digits (6 when 0), "." as decimal mark in every locale, -0 as 0. NaN gives "".
 * Writes at most `size` bytes including the NUL.
 */
void sg_format_number(double v, int digits, char *out, size_t size);

/**
 * 1 when `item` is one of the comma-separated items of `list` (spaces around items ignored;
 * an empty item never matches), else 0. The lists of --relation, --type and --measures.
 */
int sg_list_has(const char *list, const char *item);

/**
 * The key of a category name (a node type, an edge relation), appended to `out`: surrounding
 * white space removed, ASCII lowercase, runs of ' ', '-', '_' and white space as one '_'
 * ("Capacity-Building" -> "capacity_building"). The legend's matching (style/theme.c) and the
 * --type/--relation filters use it, so both match names the same way. Never the user's locale.
 */
void sg_name_key(const char *name, sg_buf *out);

/** 1 when `a` and `b` have the same non-empty key (sg_name_key()), else 0 (also on ENOMEM). */
int sg_name_equal(const char *a, const char *b);

/**
 * 1 when one of the comma-separated items of `list` has the key of `item` (sg_name_equal());
 * an empty item never matches. The lists of --type and --relation.
 */
int sg_list_has_name(const char *list, const char *item);

/** ASCII-only case-insensitive comparison (never the user's locale). */
int sg_ascii_casecmp(const char *a, const char *b);

/**
 * Parses a whole string as a finite number in the C locale ("." decimal mark), surrounding
 * spaces allowed. Returns 0 and stores it, or -1 (empty, trailing text, NaN, infinite).
 */
int sg_parse_number(const char *s, double *out);
#endif
