/* Internal to the readers: amounts (weights) as the model stores them. */
#ifndef SG_READ_AMOUNT_H
#define SG_READ_AMOUNT_H

#include <stddef.h>

/**
 * The shortest C-locale text that reads back as `v` (every locale gives the same bytes),
 * without an exponent from 1e-4 to 1e15: "85000", "1200000.5", "0.75". -0 gives "0".
 * Writes at most `size` bytes including the NUL (32 are always enough).
 */
void sg_amount_text(double v, char *out, size_t size);

/**
 * Checks a weight written as a C-locale number ('.' decimal mark, no grouping), as GraphML
 * and DOT carry them. Returns 1 for an empty text (an unknown amount), 0 with the normalised
 * text (sg_amount_text) in `out`, or -1 with the reason in `*why` (static storage): NaN,
 * infinite, negative, not a number.
 */
int sg_amount_check(const char *text, char *out, size_t size, const char **why);

#endif
