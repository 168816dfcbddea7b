/* app/shell/net_slice.h - the Playground's network as a surface for the surface lab.
 *
 * The surface lab (labs/surface_lab.h) asks its provider for a slice when
 * surface.fn becomes "network". This provider slices the session's current
 * network (nn/slice.h) on a private copy of its training set (at most
 * NET_SLICE_MAX_EXAMPLES examples, the first ones: each point of the map
 * and each update of a path is one pass over it), so the Playground may
 * train on, reload its data or close its run while the lab walks.
 *
 *   net_slice_attach(a);      // after app_labs_init: a->slab.network_slice = ...
 *   ...
 *   net_slice_free(a);        // after slab_free (the lab's walks use the slice)
 *
 * The last two slices are kept (the lab may go back to the previous surface
 * when a new setting fails). Rendering thread only.
 */
#ifndef NNLAB_NET_SLICE_H
#define NNLAB_NET_SLICE_H

#include "shell/app.h"

#define NET_SLICE_MAX_EXAMPLES 2000
#define NET_SLICE_SEED 7

void net_slice_attach(app *a);
void net_slice_free(app *a);
/* "" or a note on what the current slice measures ("the first 2,000 of
 * 10,000 training images"). */
const char *net_slice_note(const app *a);

#endif
