/* tests/fuzz/fuzz_lesson.c - libFuzzer target for the lesson parser.
 *
 * Any bytes must give either a lesson or one error with a message - never a
 * crash, a leak, an out-of-bounds access or undefined behaviour. A parsed
 * lesson is then walked the way the player walks it (action texts, narration
 * spans, base configuration). Built and run by tests/fuzz/run_fuzz.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lesson/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lesson_error e;
    lesson *L = lesson_parse((const char *)data, size, "fuzz", &e);
    if (!L) {
        if (!e.msg[0] || !e.text[0]) __builtin_trap();     /* every error says what */
        return 0;
    }
    char text[256];
    lesson_span spans[64];
    for (int i = 0; i < L->n_setup; i++) lesson_action_text(&L->setup[i], text, sizeof text);
    for (int k = 0; k < L->n_steps; k++) {
        const lesson_step *s = &L->steps[k];
        for (int i = 0; i < s->n_actions; i++) lesson_action_text(&s->actions[i], text, sizeof text);
        for (int i = 0; i < s->n_paras; i++) lesson_spans(s->paras[i], spans, 64);
    }
    lesson_spans(L->summary, spans, 64);
    (void)lesson_base_config(L);
    lesson_free(L);
    return 0;
}
