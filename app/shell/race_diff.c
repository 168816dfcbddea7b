/* app/shell/race_diff.c - what differs between a race's lanes, in words
 * (see race.h). The lanes' configurations are compared setting by setting
 * through the engine's settings table, so a lesson's comparison of any
 * setting is named as it is, not assumed to be the batch size. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shell/race.h"

int race_configs_differing(const nn_config *cfgs, int n, const nn_setting **out, int max)
{
    int n_set, k = 0;
    const nn_setting *s = nn_config_settings(&n_set);
    for (int i = 0; i < n_set && k < max && n > 0; i++) {
        char first[128], other[128];
        nn_config_get(&cfgs[0], s[i].name, first, (int)sizeof first);
        for (int l = 1; l < n; l++) {
            nn_config_get(&cfgs[l], s[i].name, other, (int)sizeof other);
            if (strcmp(first, other) != 0) { out[k++] = &s[i]; break; }
        }
    }
    return k;
}

int race_differing(const race *r, const nn_setting **out, int max)
{
    return race_configs_differing(r->cfgs, r->n_lanes, out, max);
}

/* Appends to out (size n, *used filled so far), truncating. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void add(char *out, size_t n, size_t *used, const char *fmt, ...)
{
    if (*used + 1 >= n) return;
    va_list ap;
    va_start(ap, fmt);
    const int w = vsnprintf(out + *used, n - *used, fmt, ap);
    va_end(ap);
    if (w > 0) *used += (size_t)w < n - *used ? (size_t)w : n - *used - 1;
}

/* 1 if label shows v as a word of its own ("l2 = 1" shows 1, "l2 = 10" does not). */
static int shows_value(const char *label, const char *v)
{
    const size_t n = strlen(v);
    for (const char *p = strstr(label, v); n && p; p = strstr(p + 1, v)) {
        const int before = p == label || !isalnum((unsigned char)p[-1]);
        const int after = !isalnum((unsigned char)p[n]) && p[n] != '.';
        if (before && after) return 1;
    }
    return 0;
}

void race_configs_differences_text(const nn_config *cfgs, const char *const *labels, int n_lanes, char *out,
                                   size_t n)
{
    const nn_setting *d[8];
    const int k = race_configs_differing(cfgs, n_lanes, d, 8);
    size_t used = 0;
    if (n) out[0] = '\0';
    if (k == 0) { add(out, n, &used, "The runs have the same settings."); return; }
    add(out, n, &used, "Only the ");
    for (int i = 0; i < k; i++)
        add(out, n, &used, "%s**%s**", i == 0 ? "" : i == k - 1 ? " and the " : ", the ", d[i]->label);
    add(out, n, &used, "%s:", k == 1 ? " differs" : " differ");
    for (int l = 0; l < n_lanes; l++) {                     /* each run's value(s) */
        add(out, n, &used, "\n- **%s**", labels[l]);
        for (int i = 0; i < k; i++) {
            char v[128];
            nn_config_get(&cfgs[l], d[i]->name, v, (int)sizeof v);
            if (k == 1 && shows_value(labels[l], v)) break;      /* "- **adam**", not "- **adam**: adam" */
            add(out, n, &used, "%s", i ? "," : ":");
            if (k > 1) add(out, n, &used, " %s", d[i]->label);
            add(out, n, &used, " %s", v);
        }
    }
}

void race_differences_text(const race *r, char *out, size_t n)
{
    const char *labels[RACE_MAX_LANES];
    for (int l = 0; l < r->n_lanes; l++) labels[l] = r->lanes[l].label;
    race_configs_differences_text(r->cfgs, labels, r->n_lanes, out, n);
}
