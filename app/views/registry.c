/* app/views/registry.c - the table of views, built from view_list.h. */
#include <string.h>

#include "views/view.h"

#define VIEW(id) extern const view_def view_##id;
#include "views/view_list.h"
#undef VIEW

const view_def *const VIEWS[] = {
#define VIEW(id) &view_##id,
#include "views/view_list.h"
#undef VIEW
};
const int VIEW_COUNT = (int)(sizeof VIEWS / sizeof VIEWS[0]);

int view_index(const char *id)
{
    for (int i = 0; i < VIEW_COUNT; i++)
        if (strcmp(VIEWS[i]->id, id) == 0) return i;
    return -1;
}

const view_def *view_find(const char *id)
{
    const int i = view_index(id);
    return i < 0 ? NULL : VIEWS[i];
}
