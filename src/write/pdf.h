/* Internal: the PDF figures' creation date (render.c, grid.c). */
#ifndef SG_PDF_H
#define SG_PDF_H

#include <stddef.h>

/**
 * Makes the PDF `pdf` (`*len` bytes, changed in place; `*len` updated, never larger) the same
 * bytes for the same figure, whatever the time and time zone of the run. Graphviz's cairo
 * renderer writes the time of the run into the document information's /CreationDate (Debian
 * 12's cairo 1.16 ignores SOURCE_DATE_EPOCH), in the local zone ("D:20261208022314+03'00", or
 * "...Z" in UTC), through a cairo surface that Graphviz holds, so the date cannot be set
 * before it is written. Each `/CreationDate (D:...)` and `/ModDate (D:...)` string (PDF 1.7,
 * ISO 32000-1, 7.9.4: D:YYYYMMDDHHmmSS, then Z or an offset) becomes "(D:YYYYMMDDHHmmSSZ)" of
 * the time SOURCE_DATE_EPOCH gives (whole seconds since 1970, UTC: the reproducible-builds
 * convention), else of 1970-01-01 00:00:00. A string made shorter (an offset written as Z)
 * moves the bytes after it, and the cross-reference table's offsets and `startxref` are
 * corrected to match (7.5.4, 7.5.5); when the file has no such table where `startxref` says
 * (a cross-reference stream), the dates are rewritten digit for digit instead (an offset
 * becoming +00'00), the length kept. Returns the number of dates rewritten. Time O(len).
 */
size_t sg_pdf_fix_dates(char *pdf, size_t *len);

#endif
