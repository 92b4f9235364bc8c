/* What the unit tests share: the path of a file in tests/data. Include after <cmocka.h>. */
#ifndef SG_TEST_DATA_H
#define SG_TEST_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SG_TEST_DATA/rel (Meson sets SG_TEST_DATA to tests/data; "." otherwise), newly allocated. */
static char *data_path(const char *rel) {
    const char *dir = getenv("SG_TEST_DATA");
    if (dir == NULL || dir[0] == '\0')
        dir = ".";
    size_t len = strlen(dir) + 1 + strlen(rel) + 1;
    char *path = malloc(len);
    assert_non_null(path);
    snprintf(path, len, "%s/%s", dir, rel);
    return path;
}

#endif
