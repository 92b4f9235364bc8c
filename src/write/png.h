/* Internal: the physical resolution of the PNG figures (render.c, grid.c). */
#ifndef SG_PNG_H
#define SG_PNG_H

#include <stddef.h>

/**
 * Copies the PNG image `png` (`len` bytes) into a new NUL-terminated buffer of `*out_len` bytes
 * (`*out`, free with free()) with a pHYs chunk right after IHDR that gives `dpi` pixels per inch:
 * round(dpi / 0.0254) pixels per metre both ways, unit specifier 1 (the metre), its CRC from
 * zlib's crc32() (PNG, ISO/IEC 15948:2004 and W3C PNG 2nd edition, 11.3.5.3 and 5.5). A pHYs
 * the input has is replaced, not kept beside it. Graphviz's cairo renderer writes none, so a
 * word processor would place a 300 dpi figure at 96 dpi, three times too large.
 * Returns SG_OK; SG_EINVAL when `png` is not a PNG (no signature, IHDR not first, a chunk
 * running past the end) or `dpi` is not from 1 to 100000, with `*out` left NULL; SG_ENOMEM.
 */
int sg_png_set_dpi(const char *png, size_t len, int dpi, char **out, size_t *out_len);

#endif
