/* The pHYs chunk of the PNG figures: PNG (ISO/IEC 15948:2004; W3C PNG 2nd edition), 5.3 chunk
 * layout, 5.5 CRC, 11.3.5.3 pHYs. */
#include "write/png.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "stakegraph.h"

static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

int sg_png_set_dpi(const char *png, size_t len, int dpi, char **out, size_t *out_len) {
    const unsigned char *in = (const unsigned char *)png;
    *out = NULL;
    *out_len = 0;
    if (!png || dpi < 1 || dpi > 100000 || len < 8 + 12 + 13 || memcmp(in, signature, 8) != 0 ||
        get32(in + 8) != 13 || memcmp(in + 12, "IHDR", 4) != 0)
        return SG_EINVAL;
    /* Every chunk whole: length, type, data, CRC (a length is at most 2^31 - 1, 5.3). */
    for (size_t at = 8; at < len;) {
        if (len - at < 12)
            return SG_EINVAL;
        uint32_t n = get32(in + at);
        if (n > 0x7fffffffu || len - at - 12 < n)
            return SG_EINVAL;
        at += 12 + (size_t)n;
    }
    char *b = malloc(len + 21 + 1);
    if (!b)
        return SG_ENOMEM;
    unsigned char *o = (unsigned char *)b;
    size_t k = 8 + 12 + 13; /* the signature and IHDR */
    memcpy(o, in, k);
    /* pHYs: 9 bytes of data, pixels per unit on x and on y, unit 1 (the metre). */
    unsigned char *phys = o + k;
    uint32_t ppm = (uint32_t)(((uint64_t)dpi * 10000u + 127u) / 254u); /* round(dpi / 0.0254) */
    put32(phys, 9);
    memcpy(phys + 4, "pHYs", 4);
    put32(phys + 8, ppm);
    put32(phys + 12, ppm);
    phys[16] = 1;
    put32(phys + 17, (uint32_t)crc32(crc32(0L, Z_NULL, 0), phys + 4, 4 + 9));
    k += 21;
    for (size_t at = 8 + 12 + 13; at < len;) {
        size_t n = 12 + (size_t)get32(in + at);
        if (memcmp(in + at + 4, "pHYs", 4) != 0) {
            memcpy(o + k, in + at, n);
            k += n;
        }
        at += n;
    }
    b[k] = '\0';
    *out = b;
    *out_len = k;
    return SG_OK;
}
