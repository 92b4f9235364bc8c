/* Versions of stakegraph and of the libraries it was linked with. */
#include "sg_config.h"
#include "stakegraph.h"

#include <graphviz/gvc.h>
#include <igraph.h>

const char *sg_version(void) {
    return SG_VERSION;
}

const char *sg_igraph_version(void) {
    const char *v = NULL;
    igraph_version(&v, NULL, NULL, NULL);
    return v ? v : "unknown";
}

const char *sg_graphviz_version(void) {
    /* Graphviz names its version only through a context; PACKAGE_VERSION is not installed. */
    static char version[32];
    if (!version[0]) {
        GVC_t *gvc = gvContext();
        char **info = gvc ? gvcInfo(gvc) : NULL;
        snprintf(version, sizeof version, "%s", info && info[1] ? info[1] : "unknown");
        if (gvc)
            gvFreeContext(gvc);
    }
    return version;
}
