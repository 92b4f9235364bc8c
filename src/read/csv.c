/*
 * CSV reader: an edges table (with an optional nodes table) or a nodes table alone, as
 * spreadsheet programs really export them (RFC 4180 plus BOM, CRLF, ';' and tab delimiters,
 * decimal commas, thousands separators, short rows, blank rows).
 *
 * Our own small tokeniser rather than libcsv: every message needs the physical line and the
 * column of the cell, which libcsv does not report (it would have to be fed one byte per call),
 * and it trims spaces and drops blank lines by default. The tokeniser is one pass over the
 * bytes; tests/unit/test_csv.c tests it through sg_read_csv().
 */
#include "model/graph.h"
#include "read/amount.h"
#include "read/csv.h"
#include "stakegraph.h"
#include "util/strbuf.h"

#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text: encoding, BOM, UTF-8 check ---------------------------------------------------- */

/* 1 for bytes that start a character (so columns count characters, not bytes). */
static int starts_char(unsigned char c) {
    return (c & 0xC0) != 0x80;
}

/* Line and column (1-based, in characters) of byte `at` of `s`. */
static void position_of(const char *s, size_t at, long *line, long *col) {
    long l = 1, c = 1;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= at || s[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (s[i] != '\r' && starts_char((unsigned char)s[i])) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one (overlong forms,
 * surrogates and code points above U+10FFFF are not UTF-8). */
static size_t utf8_length(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Checks that `s` is UTF-8 text without NUL bytes. Returns SG_OK or SG_EPARSE (one error
 * naming the first bad byte's line and column, and how many bad bytes there are). */
static int check_utf8(const char *s, size_t n, const char *name, sg_diag *diag) {
    size_t first = n, bad = 0;
    for (size_t i = 0; i < n;) {
        /* ASCII without NUL, 8 bytes at a time */
        uint64_t w;
        if (i + 8 <= n) {
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ull) &&
                !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        size_t len = s[i] ? utf8_length((const unsigned char *)s + i, n - i) : 0;
        if (len == 0) {
            if (first == n)
                first = i;
            bad++;
            len = 1;
        }
        i += len;
    }
    if (bad == 0)
        return SG_OK;
    long line, col;
    position_of(s, first, &line, &col);
    if (s[first] == '\0')
        sg_diag_add(diag, SG_ERROR, name, line, col,
                    "a NUL byte: not a text table (a UTF-16 file without a byte-order mark? "
                    "name its encoding with --encoding utf-16le)");
    else
        sg_diag_add(diag, SG_ERROR, name, line, col,
                    "byte 0x%02X is not UTF-8 text (%zu such byte%s in the file); if the table "
                    "was saved in another encoding, name it with --encoding, for example "
                    "--encoding windows-1254, iso-8859-9 or latin1",
                    (unsigned char)s[first], bad, bad == 1 ? "" : "s");
    return SG_EPARSE;
}

/* Converts `n` bytes from `encoding` to UTF-8 with iconv into `out`. */
static int convert_encoding(const char *s, size_t n, const char *encoding, const char *name,
                            sg_buf *out, sg_diag *diag) {
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0,
                    "unknown encoding '%s' (try windows-1254, iso-8859-9, latin1, utf-16)",
                    encoding);
        return SG_EINVAL;
    }
    int rc = SG_OK;
    char *in = (char *)s;
    size_t left = n;
    char chunk[4096];
    while (rc == SG_OK && left > 0) {
        char *o = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &in, &left, &o, &room);
        sg_buf_append(out, chunk, sizeof chunk - room);
        if (r == (size_t)-1 && errno != E2BIG) {
            long line, col;
            position_of(s, (size_t)(in - s), &line, &col);
            sg_diag_add(diag, SG_ERROR, name, line, col,
                        "byte 0x%02X is not %s text (%s); check --encoding", (unsigned char)*in,
                        encoding, errno == EINVAL ? "a character cut off at the end" : "invalid");
            rc = SG_EPARSE;
        }
    }
    if (rc == SG_OK && out->failed)
        rc = SG_ENOMEM;
    iconv_close(cd);
    return rc;
}

/* The text of a table as UTF-8 without a byte-order mark, in `out` (NUL-terminated). */
static int utf8_text(const char *s, size_t n, const char *name, const char *encoding, sg_buf *out,
                     sg_diag *diag) {
    int rc = SG_OK;
    const unsigned char *u = (const unsigned char *)s;
    if (encoding &&
        (sg_ascii_casecmp(encoding, "utf-8") == 0 || sg_ascii_casecmp(encoding, "utf8") == 0))
        encoding = NULL;
    if (!encoding && n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        encoding = "UTF-16"; /* Excel's "Unicode text": iconv reads the mark */
    if (encoding) {
        rc = convert_encoding(s, n, encoding, name, out, diag);
    } else {
        sg_buf_append(out, s, n);
        rc = out->failed ? SG_ENOMEM : SG_OK;
    }
    if (rc == SG_OK && !encoding)
        rc = check_utf8(out->data ? out->data : "", out->len, name, diag);
    if (rc == SG_OK && out->len >= 3 && memcmp(out->data, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data, out->data + 3, out->len - 3 + 1);
        out->len -= 3;
    }
    if (rc == SG_OK && encoding && memchr(out->data ? out->data : "", '\0', out->len))
        rc = check_utf8(out->data, out->len, name, diag); /* NUL bytes */
    return rc;
}

/* ---- tokeniser --------------------------------------------------------------------------- */

typedef struct {
    size_t text;   /* offset of the NUL-terminated text in the table's text */
    uint32_t line; /* physical line of the cell's first character (saturating: 16 bytes a
                      cell, as 4,000,000 cells of an XL table take 64 MB) */
    uint32_t col;  /* its column, in characters (saturating) */
} cell;

typedef struct {
    size_t first; /* index of the first cell */
    size_t count;
    long line;    /* physical line where the record starts */
    long end_col; /* column just after the record's last character */
} record;

typedef struct {
    const char *name;
    char *text; /* the table's bytes, cut into cells in place (issue 10: no copy of them) */
    char *own;  /* what to free with the table (the text's block), or NULL */
    cell *cells;
    size_t n_cells, cap_cells;
    record *recs;
    size_t n_recs, cap_recs;
    int failed; /* out of memory */
} table;

static void table_free(table *t) {
    free(t->own);
    t->own = t->text = NULL;
    free(t->cells);
    free(t->recs);
    t->cells = NULL;
    t->recs = NULL;
    t->n_cells = t->cap_cells = t->n_recs = t->cap_recs = 0;
}

static const char *cell_text(const table *t, const record *r, size_t k) {
    return k < r->count ? t->text + t->cells[r->first + k].text : "";
}

/* The cell's text without the spaces and tabs around it, trimmed in place in the table's own
 * copy of the text (no allocation per cell: issue 10). */
static const char *trim_cell(const table *t, const record *r, size_t k) {
    if (k >= r->count)
        return "";
    char *s = t->text + t->cells[r->first + k].text;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static const cell *cell_at(const table *t, const record *r, size_t k) {
    return k < r->count ? &t->cells[r->first + k] : NULL;
}

static void push_cell(table *t, size_t text, long line, long col) {
    if (t->n_cells == t->cap_cells) {
        size_t cap = t->cap_cells ? 2 * t->cap_cells : 64;
        cell *p = realloc(t->cells, cap * sizeof *p);
        if (!p) {
            t->failed = 1;
            return;
        }
        t->cells = p;
        t->cap_cells = cap;
    }
    t->cells[t->n_cells++] = (cell){text, line < UINT32_MAX ? (uint32_t)line : UINT32_MAX,
                                    col < UINT32_MAX ? (uint32_t)col : UINT32_MAX};
}

/* Ends the record of the cells from `first`: kept unless every cell is empty (a blank row). */
static void end_record(table *t, size_t first, long line, long end_col) {
    int blank = 1;
    for (size_t k = first; k < t->n_cells && blank; k++)
        blank = t->text[t->cells[k].text] == '\0';
    if (blank) {
        t->n_cells = first;
        return;
    }
    if (t->n_recs == t->cap_recs) {
        size_t cap = t->cap_recs ? 2 * t->cap_recs : 32;
        record *p = realloc(t->recs, cap * sizeof *p);
        if (!p) {
            t->failed = 1;
            return;
        }
        t->recs = p;
        t->cap_recs = cap;
    }
    t->recs[t->n_recs++] = (record){first, t->n_cells - first, line, end_col};
}

/* Splits the text `s` of `n` bytes (s[n] is NUL) into records and cells (RFC 4180), in place:
 * a cell's text stays where it is, its delimiter or line break overwritten by a NUL; a quoted
 * cell is unquoted within its own bytes (its text is never longer than they are). A line break
 * inside quotes is kept as "\n". t->text becomes `s`. Errors (a quote left open, text after a
 * closing quote) go to `diag` with their line and column; returns the number of errors. */
static int tokenise(char *s, size_t n, char delim, table *t, sg_diag *diag) {
    int errors = 0;
    long line = 1, col = 1;
    size_t i = 0;
    size_t rec_first = 0;
    long rec_line = 1;
    t->text = s;
    while (i < n && !t->failed) {
        long cline = line, ccol = col;
        size_t start = i, w; /* the cell's text, and where its end is written */
        if (s[i] == '"') {
            i++;
            col++;
            start = w = i;
            int closed = 0;
            while (i < n && !closed) {
                char c = s[i];
                if (c == '"' && i + 1 < n && s[i + 1] == '"') {
                    s[w++] = '"';
                    i += 2;
                    col += 2;
                } else if (c == '"') {
                    closed = 1;
                    i++;
                    col++;
                } else if (c == '\n' || c == '\r') {
                    i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
                    s[w++] = '\n';
                    line++;
                    col = 1;
                } else {
                    size_t from = i;
                    for (; i < n && s[i] != '"' && s[i] != '\n' && s[i] != '\r'; i++)
                        col += starts_char((unsigned char)s[i]);
                    memmove(s + w, s + from, i - from);
                    w += i - from;
                }
            }
            if (!closed) {
                sg_diag_add(diag, SG_ERROR, t->name, cline, ccol,
                            "the quoted cell opened here is never closed");
                errors++;
            } else if (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r') {
                sg_diag_add(diag, SG_ERROR, t->name, line, col,
                            "text after the closing quote of a quoted cell (a quote inside "
                            "a quoted cell is written twice: \"\")");
                errors++;
                while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r') {
                    s[w++] = s[i];
                    col += starts_char((unsigned char)s[i]);
                    i++;
                }
            }
        } else {
            for (; i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r'; i++)
                col += starts_char((unsigned char)s[i]);
            w = i;
        }
        /* What ends the cell, before its NUL goes in: w <= i, and at i == n, s[n] is NUL. */
        char end = i < n ? s[i] : '\0';
        int crlf = end == '\r' && i + 1 < n && s[i + 1] == '\n';
        s[w] = '\0';
        push_cell(t, start, cline, ccol);
        if (end == delim) {
            i++;
            col++;
            if (i == n) { /* a delimiter at the very end: one more, empty cell (s[n]) */
                push_cell(t, n, line, col);
                end_record(t, rec_first, rec_line, col);
            }
            continue;
        }
        long end_col = col;
        if (i < n) { /* a line break */
            i += crlf ? 2 : 1;
            line++;
            col = 1;
        }
        end_record(t, rec_first, rec_line, end_col);
        rec_first = t->n_cells;
        rec_line = line;
    }
    return errors;
}

/* The delimiter the first non-blank line uses most, outside quotes: ',' ';' or tab. */
static char detect_delimiter(const char *s, size_t n) {
    static const char candidates[] = {',', ';', '\t'};
    size_t counts[3] = {0, 0, 0};
    int quoted = 0, seen_text = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (seen_text)
                break;
        } else if (!quoted) {
            for (int k = 0; k < 3; k++)
                counts[k] += c == candidates[k];
        }
        seen_text |= c != '\n' && c != '\r';
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

/* ---- columns ------------------------------------------------------------------------------ */

enum role {
    R_ATTR = 0, /* kept as an attribute under its name */
    R_SKIP,     /* an unnamed, empty column */
    R_SOURCE,
    R_TARGET,
    R_ID,
    R_LABEL,
    R_TYPE,      /* nodes: the type */
    R_RELATION,  /* edges: the relation */
    R_DIRECTION, /* edges: a Type or Direction column saying Directed/Undirected */
    R_WEIGHT,
};

typedef struct {
    enum role role;
    char *name;   /* the attribute name (trimmed header, or a canonical lower-case word) */
    char *header; /* the header as written, trimmed, for messages */
    long number;  /* the name's number in the graph (sg_graph_intern_name), -1 until set */
} column;

typedef struct {
    column *cols;
    size_t n;
} columns;

static void columns_free(columns *c) {
    for (size_t k = 0; k < c->n; k++) {
        free(c->cols[k].name);
        free(c->cols[k].header);
    }
    free(c->cols);
}

/* A copy of `s` without the spaces and tabs around it. */
static char *trimmed(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int is_any(const char *s, const char *const *words) {
    for (; *words; words++)
        if (sg_ascii_casecmp(s, *words) == 0)
            return 1;
    return 0;
}

/* 1 when every non-empty cell of column k says directed or undirected (and one does). */
static int says_direction(const table *t, size_t k) {
    static const char *const words[] = {"directed", "undirected", "mutual", NULL};
    size_t seen = 0;
    for (size_t r = 1; r < t->n_recs; r++) {
        char *v = trimmed(cell_text(t, &t->recs[r], k));
        if (!v)
            return 0;
        int empty = !*v, ok = empty || is_any(v, words);
        free(v);
        if (!ok)
            return 0;
        seen += !empty;
    }
    return seen > 0;
}

/* The name of an unnamed column: "" when all its cells are empty, else "column N". */
static char *unnamed_column(const table *t, size_t k) {
    for (size_t r = 1; r < t->n_recs; r++)
        if (cell_text(t, &t->recs[r], k)[0] != '\0') {
            char name[32];
            snprintf(name, sizeof name, "column %zu", k + 1);
            return sg_strdup(name);
        }
    return sg_strdup("");
}

/* Reads the header (record 0) and gives each column its role. `edges` is 1 for an edges
 * table. Returns SG_OK or SG_ENOMEM. */
static int read_header(const table *t, int edges, const char *weight_attr, columns *c) {
    const record *h = &t->recs[0];
    c->n = h->count;
    c->cols = calloc(h->count ? h->count : 1, sizeof *c->cols);
    if (!c->cols)
        return SG_ENOMEM;
    static const char *const src[] = {"source", "from", NULL};
    static const char *const tgt[] = {"target", "to", NULL};
    static const char *const lower[] = {"label", "type", "relation", "unit", "year", NULL};
    static const char *const weights[] = {"weight", "amount", "strength", "value", NULL};
    int have[R_WEIGHT + 1] = {0};
    int have_relation_col = 0;
    for (size_t k = 0; k < h->count; k++)
        if (edges && sg_ascii_casecmp(cell_text(t, h, k), "relation") == 0)
            have_relation_col = 1;
    /* The weight column: the one named, else the first of weight, amount, strength, value. */
    size_t weight_col = h->count;
    for (size_t w = 0; edges && !weight_attr && weights[w] && weight_col == h->count; w++)
        for (size_t k = 0; k < h->count && weight_col == h->count; k++) {
            char *name = trimmed(cell_text(t, h, k));
            if (!name)
                return SG_ENOMEM;
            if (sg_ascii_casecmp(name, weights[w]) == 0)
                weight_col = k;
            free(name);
        }
    for (size_t k = 0; k < h->count; k++) {
        column *col = &c->cols[k];
        col->number = -1;
        col->header = trimmed(cell_text(t, h, k));
        if (!col->header)
            return SG_ENOMEM;
        const char *name = col->header;
        enum role role = R_ATTR;
        if (!*name) {
            role = R_SKIP;
        } else if (edges && is_any(name, src) && !have[R_SOURCE]) {
            role = R_SOURCE;
        } else if (edges && is_any(name, tgt) && !have[R_TARGET]) {
            role = R_TARGET;
        } else if (edges && weight_attr && sg_ascii_casecmp(name, weight_attr) == 0 &&
                   !have[R_WEIGHT]) {
            role = R_WEIGHT;
        } else if (edges && k == weight_col) {
            role = R_WEIGHT;
        } else if (edges &&
                   (sg_ascii_casecmp(name, "type") == 0 ||
                    sg_ascii_casecmp(name, "direction") == 0) &&
                   says_direction(t, k) && !have[R_DIRECTION]) {
            role = R_DIRECTION;
        } else if (edges && !have[R_RELATION] &&
                   (sg_ascii_casecmp(name, "relation") == 0 ||
                    (!have_relation_col && sg_ascii_casecmp(name, "type") == 0))) {
            role = R_RELATION;
        } else if (!edges && sg_ascii_casecmp(name, "id") == 0 && !have[R_ID]) {
            role = R_ID;
        } else if (!edges && sg_ascii_casecmp(name, "type") == 0 && !have[R_TYPE]) {
            role = R_TYPE;
        }
        have[role] = 1;
        col->role = role;
        if (role == R_WEIGHT)
            col->name = sg_strdup(weight_attr ? weight_attr : "weight");
        else if (role == R_RELATION)
            col->name = sg_strdup("relation");
        else if (role == R_SKIP)
            col->name = unnamed_column(t, k);
        else
            col->name = sg_strdup(name);
        if (!col->name)
            return SG_ENOMEM;
        if (role == R_SKIP && *col->name)
            col->role = R_ATTR; /* an unnamed column with values: kept as "column N" */
        if (is_any(name, lower))
            for (char *p = col->name; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
    }
    /* Nodes: the id is the Id column, else (Kumu) the Label column. */
    if (!edges) {
        size_t label = h->count;
        for (size_t k = 0; k < h->count; k++)
            if (c->cols[k].role == R_ATTR && sg_ascii_casecmp(c->cols[k].header, "label") == 0 &&
                label == h->count)
                label = k;
        if (label < h->count)
            c->cols[label].role = have[R_ID] ? R_LABEL : R_ID;
    }
    return SG_OK;
}

static size_t find_role(const columns *c, enum role role) {
    for (size_t k = 0; k < c->n; k++)
        if (c->cols[k].role == role)
            return k;
    return c->n;
}

/* ---- numbers ------------------------------------------------------------------------------ */

typedef struct {
    char decimal, thousands;
    int inferred;  /* 1 when taken from the column rather than given */
    long evidence; /* the line that showed it (0: the default for the delimiter) */
} number_format;

/* What one cell says about the marks: sets *decimal to the mark it shows is decimal, or
 * *thousands to the one it shows groups thousands; *ambiguous when it has one mark followed by
 * exactly three digits (85.000, 610,086). */
static void read_marks(const char *s, char *decimal, char *thousands, int *ambiguous) {
    *decimal = *thousands = 0;
    *ambiguous = 0;
    while (*s == ' ' || *s == '+' || *s == '-')
        s++;
    size_t dots = 0, commas = 0;
    const char *last = NULL, *first = NULL;
    for (const char *p = s; *p && *p != 'e' && *p != 'E'; p++)
        if (*p == '.' || *p == ',') {
            dots += *p == '.';
            commas += *p == ',';
            last = p;
            if (!first)
                first = p;
        }
    if (!last)
        return;
    if (dots && commas) {
        *decimal = *last;
    } else if (dots + commas > 1) {
        *thousands = *last;
    } else {
        size_t before = (size_t)(last - s), after = 0;
        while (last[1 + after] >= '0' && last[1 + after] <= '9')
            after++;
        if (after != 3 || before == 0 || before > 3 || s[0] == '0')
            *decimal = *last;
        else
            *ambiguous = 1;
    }
}

/* Appends `ch` to the `cap` bytes at `buf` while there is room; counts it in any case. */
static void put(char *buf, size_t cap, size_t *len, char ch) {
    if (*len < cap)
        buf[*len] = ch;
    ++*len;
}

/* The normalised text of the C-form decimal `c` (sign, at most 15 digits, '.'), as
 * sg_amount_text would write its double, without going through the double. Returns 0 when it
 * leaves the case to sg_amount_text (below 1e-4: an exponent), else 1 with *rc 0 (text in
 * `out`) or -1 (the reason in *why). */
static int decimal_text(const char *c, char *out, size_t size, const char **why, int *rc) {
    const char *d = c + (c[0] == '+' || c[0] == '-');
    const char *dot = strchr(d, '.');
    size_t ilen = dot ? (size_t)(dot - d) : strlen(d);
    while (ilen > 0 && *d == '0')
        d++, ilen--;
    const char *frac = dot ? dot + 1 : "";
    size_t flen = strlen(frac), lead = 0;
    while (flen > 0 && frac[flen - 1] == '0')
        flen--;
    while (lead < flen && frac[lead] == '0')
        lead++;
    *rc = -1;
    if (ilen == 0 && flen == 0) {
        if (size < 2) {
            *why = "not a number";
            return 1;
        }
        memcpy(out, "0", 2); /* 0, -0 */
        *rc = 0;
        return 1;
    }
    if (c[0] == '-') {
        *why = "a negative amount (weights are amounts: 0 or more)";
        return 1;
    }
    if (ilen == 0 && lead >= 4)
        return 0;
    size_t len = (ilen ? ilen : 1) + (flen ? 1 + flen : 0);
    if (len >= size) {
        *why = "not a number";
        return 1;
    }
    char *p = out;
    if (ilen) {
        memcpy(p, d, ilen);
        p += ilen;
    } else {
        *p++ = '0';
    }
    if (flen) {
        *p++ = '.';
        memcpy(p, frac, flen);
        p += flen;
    }
    *p = '\0';
    *rc = 0;
    return 1;
}

/* Parses an amount written with `f`'s marks. Returns 1 (empty: unknown), 0 (stores the
 * normalised text in `out`) or -1 with the reason in `*why`. */
static int parse_amount(const char *s, const number_format *f, char *out, size_t size,
                        const char **why) {
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return 1;
    static const char *const nans[] = {"nan",  "+nan",     "-nan",      "inf",       "+inf",
                                       "-inf", "infinity", "+infinity", "-infinity", NULL};
    char word[16];
    const char *letter = s + (s[0] == '+' || s[0] == '-');
    if (n < sizeof word && strchr("nNiI", *letter) && *letter) {
        memcpy(word, s, n);
        word[n] = '\0';
        if (is_any(word, nans)) {
            const char *unsigned_word = word + (word[0] == '+' || word[0] == '-');
            *why = sg_ascii_casecmp(unsigned_word, "nan") == 0
                       ? "NaN is not an amount"
                       : "an infinite amount is not a number";
            return -1;
        }
    }
    /* The number in C form; an amount longer than this is no amount. */
    char c[80];
    size_t len = 0;
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        put(c, sizeof c, &len, s[i++]);
    size_t digits = 0, group = 0, groups = 0;
    int bad = 0;
    for (; i < n && !bad; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            put(c, sizeof c, &len, ch);
            digits++;
            group++;
        } else if (f->thousands && ch == f->thousands) {
            bad = (groups == 0 ? (group == 0 || group > 3) : group != 3);
            groups++;
            group = 0;
        } else {
            break;
        }
    }
    if (groups > 0 && group != 3)
        bad = 1;
    if (!bad && i < n && s[i] == f->decimal) {
        put(c, sizeof c, &len, '.');
        i++;
        size_t frac = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, frac++)
            put(c, sizeof c, &len, s[i]);
        digits += frac;
        bad = frac == 0 && digits == 0;
    }
    if (!bad && digits > 0 && i < n && (s[i] == 'e' || s[i] == 'E') && groups == 0) {
        put(c, sizeof c, &len, 'e');
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            put(c, sizeof c, &len, s[i++]);
        size_t exp = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, exp++)
            put(c, sizeof c, &len, s[i]);
        bad = exp == 0;
    }
    int rc = -1;
    double v;
    c[len < sizeof c ? len : sizeof c - 1] = '\0';
    if (len >= sizeof c) {
        *why = "not a number";
    } else if (!bad && i == n && digits > 0 && digits <= 15 &&
               c[strspn(c, "+0123456789")] == '\0') {
        /* a whole number (the common case): its digits without leading zeros */
        const char *d = c + (c[0] == '+');
        while (d[0] == '0' && d[1])
            d++;
        size_t dn = strlen(d); /* at most 15 digits */
        if (dn < size) {
            memcpy(out, d, dn + 1);
            rc = 0;
        } else {
            *why = "not a number";
        }
    } else if (!bad && i == n && digits > 0 && digits <= 15 && !strchr(c, 'e') &&
               decimal_text(c, out, size, why, &rc)) {
        /* done: at most 15 digits read back as the double they make (DBL_DIG), so the digits
         * as written, without leading and trailing zeros, are the shortest text */
    } else if (bad || digits == 0 || i < n || sg_parse_number(c, &v) != 0) {
        *why = "not a number";
    } else if (v < 0) {
        *why = "a negative amount (weights are amounts: 0 or more)";
    } else {
        sg_amount_text(v, out, size);
        rc = 0;
    }
    return rc;
}

/* Decides the marks of the weight column `k` (unless given), with the warnings and errors
 * that go with it. Returns the number of errors. */
static int weight_format(const table *t, size_t k, const sg_read_options *o, char delim,
                         number_format *f, sg_diag *diag) {
    char dec = o ? o->decimal : 0, ths = o ? o->thousands : 0;
    f->inferred = !dec && !ths;
    f->evidence = 0;
    if (dec || ths) {
        f->decimal = dec ? dec : (ths == '.' ? ',' : '.');
        f->thousands = ths ? ths : (dec == ',' ? '.' : ',');
        return 0;
    }
    long seen_decimal[2] = {0, 0}; /* line where '.' / ',' showed it is decimal */
    long first_ambiguous = 0;
    const char *ambiguous_text = NULL;
    for (size_t r = 1; r < t->n_recs; r++) {
        const char *v = cell_text(t, &t->recs[r], k);
        char d, th;
        int amb;
        read_marks(v, &d, &th, &amb);
        if (th)
            d = th == '.' ? ',' : '.';
        if (d && !seen_decimal[d == ',']) {
            seen_decimal[d == ','] = t->recs[r].line;
        }
        if (amb && !first_ambiguous) {
            first_ambiguous = cell_at(t, &t->recs[r], k)->line;
            ambiguous_text = v;
        }
    }
    if (seen_decimal[0] && seen_decimal[1]) {
        sg_diag_add(diag, SG_ERROR, t->name, seen_decimal[1], 0,
                    "the weights use ',' as decimal mark here but '.' on line %ld: give "
                    "--decimal to say which",
                    seen_decimal[0]);
        return 1;
    }
    if (seen_decimal[1] || (!seen_decimal[0] && delim == ';')) {
        f->decimal = ',';
        f->thousands = '.';
        f->evidence = seen_decimal[1];
    } else {
        f->decimal = '.';
        f->thousands = ',';
        f->evidence = seen_decimal[0];
    }
    if (first_ambiguous) {
        char buf[64];
        const char *why = NULL;
        if (parse_amount(ambiguous_text, f, buf, sizeof buf, &why) == 0) {
            if (f->evidence)
                sg_diag_add(diag, SG_WARNING, t->name, first_ambiguous, 0,
                            "weight '%s' read as %s: the weights on line %ld show '%c' as the "
                            "decimal mark and '%c' as thousands separator (give --decimal and "
                            "--thousands to say so)",
                            ambiguous_text, buf, f->evidence, f->decimal, f->thousands);
            else
                sg_diag_add(diag, SG_WARNING, t->name, first_ambiguous, 0,
                            "weight '%s' read as %s, taking '%c' as thousands separator as a "
                            "table separated by '%c' usually does (give --decimal and "
                            "--thousands to say so)",
                            ambiguous_text, buf, f->thousands, delim);
        }
    }
    return 0;
}

/* ---- building the graph ------------------------------------------------------------------- */

typedef struct {
    const sg_read_options *o;
    sg_graph *g;
    sg_diag *diag;
    int errors;
} builder;

/* Checks the row's width: extra cells must be empty. Returns 0 when the row is fine. */
static int check_width(builder *b, const table *t, const record *r, size_t width) {
    for (size_t k = width; k < r->count; k++) {
        if (cell_text(t, r, k)[0] != '\0') {
            size_t used = r->count;
            while (used > width && cell_text(t, r, used - 1)[0] == '\0')
                used--;
            sg_diag_add(b->diag, SG_ERROR, t->name, r->line, cell_at(t, r, k)->col,
                        "expected %zu fields, found %zu (a number with a decimal comma or a "
                        "name with the delimiter must be quoted)",
                        width, used);
            b->errors++;
            return -1;
        }
    }
    return 0;
}

/* Sets the column's attribute on object `index`, by the name's number once it has one (no
 * lookup of the name per cell: issue 10). */
static int set_named(sg_graph *g, sg_object on, size_t index, column *col, const char *v) {
    if (col->number < 0 && (col->number = sg_graph_intern_name(g, col->name)) < 0)
        return SG_ENOMEM;
    return sg_graph_set_attr_number(g, on, index, (size_t)col->number, v);
}

/* Sets the attributes of the row's attribute columns (and `roles` columns) on object `index`. */
static int set_attrs(builder *b, const table *t, const record *r, const columns *c, sg_object on,
                     size_t index) {
    int rc = SG_OK;
    for (size_t k = 0; k < c->n && rc == SG_OK; k++) {
        enum role role = c->cols[k].role;
        if (role != R_ATTR && role != R_LABEL && role != R_TYPE && role != R_RELATION)
            continue;
        const char *v = role == R_TYPE || role == R_RELATION ? trim_cell(t, r, k)
                                                             : cell_text(t, r, k);
        if (*v)
            rc = set_named(b->g, on, index, &c->cols[k], v);
    }
    return rc;
}

/* Reads the nodes table into b->g. */
static int read_nodes(builder *b, const table *t, const columns *c) {
    size_t id_col = find_role(c, R_ID);
    int rc = SG_OK;
    for (size_t r = 1; r < t->n_recs && rc == SG_OK; r++) {
        const record *rec = &t->recs[r];
        if (check_width(b, t, rec, c->n) != 0)
            continue;
        const char *id = trim_cell(t, rec, id_col);
        const cell *at = cell_at(t, rec, id_col);
        size_t idx;
        if (!*id) {
            sg_diag_add(b->diag, SG_ERROR, t->name, at ? at->line : rec->line,
                        at ? at->col : rec->end_col, "empty node id in column %s",
                        c->cols[id_col].header);
            b->errors++;
        } else if ((rc = sg_graph_add_node(b->g, id, &idx)) == SG_EINVAL) {
            rc = SG_OK;
            long first = 0;
            for (size_t q = 1; q < r && !first; q++) {
                if (strcmp(trim_cell(t, &t->recs[q], id_col), id) == 0)
                    first = cell_at(t, &t->recs[q], id_col)->line;
            }
            sg_diag_add(b->diag, SG_ERROR, t->name, at->line, at->col,
                        "duplicate node id '%s' (first on line %ld)", id, first);
            b->errors++;
        } else if (rc == SG_OK) {
            rc = set_attrs(b, t, rec, c, SG_ON_NODE, idx);
        }
    }
    return rc;
}

/* The node of an edge's end: found, added (no nodes table, or --create-missing) or an error.
 * Returns SG_OK with *idx set, 1 for a reported error, or a failure code. */
static int edge_end(builder *b, const table *t, const record *rec, size_t k, const column *col,
                    int have_nodes, const char *nodes_name, sg_buf *missing, size_t *n_missing,
                    size_t *idx) {
    const char *id = trim_cell(t, rec, k);
    const cell *at = cell_at(t, rec, k);
    long line = at ? at->line : rec->line, colno = at ? at->col : rec->end_col;
    int rc = SG_OK;
    if (!*id) {
        sg_diag_add(b->diag, SG_ERROR, t->name, line, colno, "empty node id in column %s",
                    col->header);
        b->errors++;
        rc = 1;
    } else if (!sg_graph_find_node(b->g, id, idx)) {
        if (have_nodes && !b->o->create_missing) {
            sg_diag_add(b->diag, SG_ERROR, t->name, line, colno,
                        "unknown node '%s' in column %s: it is not in %s (add it there, or "
                        "give --create-missing)",
                        id, col->header, nodes_name);
            b->errors++;
            rc = 1;
        } else {
            rc = sg_graph_add_node(b->g, id, idx);
            if (rc == SG_OK && have_nodes) {
                sg_buf_printf(missing, "%s%s", *n_missing ? ", " : "", id);
                ++*n_missing;
            }
        }
    }
    return rc;
}

/* Reads the edges table into b->g (whose nodes come from the nodes table when have_nodes). */
static int read_edges(builder *b, const table *t, const columns *c, int have_nodes,
                      const char *nodes_name, char delim) {
    size_t src = find_role(c, R_SOURCE), tgt = find_role(c, R_TARGET);
    size_t wcol = find_role(c, R_WEIGHT);
    number_format f = {'.', ',', 0, 0};
    if (wcol < c->n)
        b->errors += weight_format(t, wcol, b->o, delim, &f, b->diag);
    sg_buf missing = {0};
    size_t n_missing = 0;
    int rc = SG_OK;
    for (size_t r = 1; r < t->n_recs && rc == SG_OK; r++) {
        const record *rec = &t->recs[r];
        /* The ids of the rows ahead: their slots, then their ids, on the way (issue 10). */
        for (int stage = 0; stage < 2; stage++) {
            size_t ahead = r + (stage ? 8 : 16);
            if (ahead < t->n_recs) {
                sg_graph_prefetch_node(b->g, trim_cell(t, &t->recs[ahead], src), stage);
                sg_graph_prefetch_node(b->g, trim_cell(t, &t->recs[ahead], tgt), stage);
            }
        }
        if (check_width(b, t, rec, c->n) != 0)
            continue;
        size_t s = 0, d = 0;
        int rs = edge_end(b, t, rec, src, &c->cols[src], have_nodes, nodes_name, &missing,
                          &n_missing, &s);
        int rt = rs < 0 ? rs
                        : edge_end(b, t, rec, tgt, &c->cols[tgt], have_nodes, nodes_name, &missing,
                                   &n_missing, &d);
        if (rs < 0 || rt < 0) {
            rc = rs < 0 ? rs : rt;
            break;
        }
        char number[64] = "";
        int known = 0;
        if (wcol < c->n) {
            const char *why = NULL;
            const char *v = cell_text(t, rec, wcol);
            int p = parse_amount(v, &f, number, sizeof number, &why);
            if (p < 0) {
                const cell *at = cell_at(t, rec, wcol);
                char marks[96] = "";
                if (strcmp(why, "not a number") == 0 && strpbrk(v, ".,"))
                    snprintf(marks, sizeof marks,
                             " with '%c' as decimal mark and '%c' as thousands separator "
                             "(see --decimal, --thousands)",
                             f.decimal, f.thousands);
                sg_diag_add(b->diag, SG_ERROR, t->name, at->line, at->col,
                            "weight '%s' in column %s: %s%s", v, c->cols[wcol].header, why, marks);
                b->errors++;
            }
            known = p == 0;
        }
        if (rs != SG_OK || rt != SG_OK || b->errors)
            continue; /* keep checking the other rows; the graph will not be used */
        size_t e;
        rc = sg_graph_add_edge(b->g, s, d, &e);
        if (rc == SG_OK)
            rc = set_attrs(b, t, rec, c, SG_ON_EDGE, e);
        if (rc == SG_OK && known)
            rc = set_named(b->g, SG_ON_EDGE, e, &c->cols[wcol], number);
    }
    if (rc == SG_OK && n_missing > 0 && !missing.failed)
        sg_diag_add(b->diag, SG_WARNING, t->name, 0, 0,
                    "%zu node id%s of the edges %s not in %s and %s added (--create-missing): %s",
                    n_missing, n_missing == 1 ? "" : "s", n_missing == 1 ? "is" : "are", nodes_name,
                    n_missing == 1 ? "was" : "were", missing.data);
    sg_buf_free(&missing);
    return rc;
}

/* The direction: --undirected, or a Gephi Type / Kumu Direction column. */
static int directed_graph(const table *t, const columns *c, const sg_read_options *o,
                          sg_diag *diag) {
    if (o->undirected)
        return 0;
    size_t k = find_role(c, R_DIRECTION);
    if (!t || k == c->n)
        return 1;
    size_t undirected = 0, all = 0;
    for (size_t r = 1; r < t->n_recs; r++) {
        char *v = trimmed(cell_text(t, &t->recs[r], k));
        if (v && *v) {
            all++;
            undirected += sg_ascii_casecmp(v, "directed") != 0;
        }
        free(v);
    }
    if (undirected == all)
        return 0;
    if (undirected > 0)
        sg_diag_add(diag, SG_WARNING, t->name, 0, 0,
                    "%zu of %zu edges say %s Undirected, the others Directed: the graph is "
                    "read as directed (give --undirected to read every edge as a symmetric tie)",
                    undirected, all, c->cols[k].header);
    return 1;
}

/* Sizes the table for the cells and records the text can hold at most (delimiters and line
 * breaks counted), so that it never grows by doubling: growing a 64 MB array by realloc held
 * both copies at once, the peak memory of reading an XL table (issue 10). Only a hint: the
 * tokeniser still grows what it must. */
static void reserve(table *t, const char *s, size_t n, char delim) {
    size_t breaks = 0, delims = 0;
    for (size_t i = 0; i < n; i++) {
        breaks += s[i] == '\n' || s[i] == '\r';
        delims += s[i] == delim;
    }
    size_t cells = breaks + delims + 2, recs = breaks + 2;
    if (cells > SIZE_MAX / sizeof(cell))
        return;
    t->cells = sg_big_alloc(cells * sizeof *t->cells);
    t->cap_cells = t->cells ? cells : 0;
    t->recs = sg_big_alloc(recs * sizeof *t->recs);
    t->cap_recs = t->recs ? recs : 0;
}

/* Turns the bytes of a table into records: `data` (data[size] is NUL) is cut into cells in
 * place and freed with the table. Returns SG_OK, SG_EPARSE, SG_EINVAL (empty). */
static int load_table(char *data, size_t size, const char *name, const sg_read_options *o,
                      table *t, char *delim, sg_diag *diag) {
    t->name = name;
    t->own = data;
    if (size == 0) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "empty file");
        return SG_EINVAL;
    }
    sg_buf text = {0};
    const unsigned char *u = (const unsigned char *)data;
    char *s = data;
    size_t n = size;
    int rc;
    if ((!o->encoding || sg_ascii_casecmp(o->encoding, "utf-8") == 0 ||
         sg_ascii_casecmp(o->encoding, "utf8") == 0) &&
        !(size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))) {
        /* UTF-8 as it is: checked and read in place, without a copy (issue 10). */
        rc = check_utf8(data, size, name, diag);
        if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
    } else {
        rc = utf8_text(data, size, name, o->encoding, &text, diag);
        free(data); /* the converted text replaces it */
        if (!text.data)
            text.data = calloc(1, 1);
        t->own = s = text.data;
        n = text.len;
        text = (sg_buf){0}; /* the table's now */
        if (rc == SG_OK && !s)
            rc = SG_ENOMEM;
    }
    if (rc == SG_OK) {
        *delim = o->delimiter ? o->delimiter : detect_delimiter(s, n);
        reserve(t, s, n, *delim);
        if (tokenise(s, n, *delim, t, diag) > 0)
            rc = SG_EPARSE;
        else if (t->failed)
            rc = SG_ENOMEM;
        else if (t->n_recs == 0) {
            sg_diag_add(diag, SG_ERROR, name, 0, 0,
                        "no header row (the file holds only "
                        "blank lines)");
            rc = SG_EINVAL;
        }
    }
    sg_buf_free(&text);
    return rc;
}

static int is_edges_header(const table *t) {
    static const char *const ends[] = {"source", "target", "from", "to", NULL};
    const record *h = &t->recs[0];
    for (size_t k = 0; k < h->count; k++) {
        char *name = trimmed(cell_text(t, h, k));
        int yes = name && is_any(name, ends);
        free(name);
        if (yes)
            return 1;
    }
    return 0;
}

/* A copy of the `n` bytes at `s` with a NUL after them, for the tokeniser to cut up. */
static char *writable_copy(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

int sg_read_csv(const char *data, size_t size, const char *name, const char *nodes_data,
                size_t nodes_size, const char *nodes_name, const sg_read_options *opts,
                sg_graph **out, sg_diag *diag) {
    *out = NULL;
    char *e = writable_copy(data, size), *n = nodes_data ? writable_copy(nodes_data, nodes_size)
                                                         : NULL;
    if (!e || (nodes_data && !n)) {
        free(e);
        free(n);
        return SG_ENOMEM;
    }
    return sg_read_csv_owned(e, size, name, n, nodes_size, nodes_name, opts, out, diag);
}

int sg_read_csv_owned(char *data, size_t size, const char *name, char *nodes_data,
                      size_t nodes_size, const char *nodes_name, const sg_read_options *opts,
                      sg_graph **out, sg_diag *diag) {
    *out = NULL;
    sg_read_options o = opts ? *opts : (sg_read_options){0};
    if (!nodes_name)
        nodes_name = "the nodes table";
    table et = {.own = data}, nt = {.own = nodes_data};
    columns ec = {0}, nc = {0};
    builder b = {.o = &o, .diag = diag};
    char edelim = 0, ndelim = 0;
    int rc = SG_OK;
    if (o.decimal && o.thousands && o.decimal == o.thousands) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "the decimal mark and the thousands separator are both '%c'", o.decimal);
        rc = SG_EINVAL;
    }
    if (rc == SG_OK && nodes_data)
        rc = load_table(nodes_data, nodes_size, nodes_name, &o, &nt, &ndelim, diag);
    int load_edges = rc == SG_OK;
    if (load_edges)
        rc = load_table(data, size, name, &o, &et, &edelim, diag);
    const table *edges = NULL, *nodes = nodes_data ? &nt : NULL;
    if (rc == SG_OK) {
        if (is_edges_header(&et)) {
            edges = &et;
        } else if (!nodes_data) {
            nodes = &et; /* a nodes table alone: a graph without links */
        } else {
            sg_diag_add(diag, SG_ERROR, name, 1, 1,
                        "no Source and Target (or From and To) columns: not an edges table");
            rc = SG_EINVAL;
        }
    }
    if (rc == SG_OK && edges) {
        rc = read_header(edges, 1, o.weight_attr, &ec);
        if (rc == SG_OK) {
            size_t miss = find_role(&ec, R_SOURCE) == ec.n ? 0 : find_role(&ec, R_TARGET);
            if (find_role(&ec, R_SOURCE) == ec.n || miss == ec.n) {
                sg_diag_add(diag, SG_ERROR, name, et.recs[0].line, 1,
                            "the edges table needs a %s column (or %s)",
                            find_role(&ec, R_SOURCE) == ec.n ? "Source" : "Target",
                            find_role(&ec, R_SOURCE) == ec.n ? "From" : "To");
                rc = SG_EINVAL;
            } else if (o.weight_attr && find_role(&ec, R_WEIGHT) == ec.n) {
                sg_diag_add(diag, SG_ERROR, name, et.recs[0].line, 1,
                            "no column '%s' (named by --weight) in the edges table", o.weight_attr);
                rc = SG_EINVAL;
            }
        }
    }
    if (rc == SG_OK && nodes) {
        rc = read_header(nodes, 0, NULL, &nc);
        if (rc == SG_OK && find_role(&nc, R_ID) == nc.n) {
            sg_diag_add(diag, SG_ERROR, nodes->name, nodes->recs[0].line, 1,
                        "the nodes table needs an Id column (or Label)%s",
                        nodes == &et ? "; an edges table needs Source and Target columns" : "");
            rc = SG_EINVAL;
        }
    }
    if (rc == SG_OK) {
        b.g = sg_graph_new(directed_graph(edges, &ec, &o, diag));
        rc = b.g ? SG_OK : SG_ENOMEM;
        if (rc == SG_OK) /* one row a node or an edge (blank rows are dropped already) */
            rc = sg_graph_reserve(b.g, nodes ? nodes->n_recs - 1 : 0,
                                  edges ? edges->n_recs - 1 : 0);
    }
    if (rc == SG_OK && nodes)
        rc = read_nodes(&b, nodes, &nc);
    if (nodes == &nt)
        table_free(&nt); /* not needed any more: less memory at the peak (issue 10) */
    if (rc == SG_OK && edges)
        rc = read_edges(&b, edges, &ec, nodes != NULL, nodes_name, edelim);
    if (rc == SG_OK && b.errors)
        rc = SG_EINVAL;
    columns_free(&ec);
    columns_free(&nc);
    table_free(&et);
    table_free(&nt);
    if (rc != SG_OK) {
        sg_graph_free(b.g);
        b.g = NULL;
    }
    *out = b.g;
    return rc;
}
