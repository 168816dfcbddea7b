/* app/lesson/lesson_internal.h - shared between the lesson sources only. */
#ifndef NNLAB_LESSON_INTERNAL_H
#define NNLAB_LESSON_INTERNAL_H

#include "lesson/lesson.h"

/* snprintf that may truncate on purpose (messages are shortened to fit). */
void lesson_textf(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

const char *lesson_fn_name(lesson_fn f);
/* 1 if metric m is measured per layer (grad_norm(K), act_mean(K), act_std(K), saturated(K)). */
int lesson_metric_of_layer(int m);
const char *lesson_op_name(lesson_op o);

/* Parse a condition. `labels` are the runs of the comparison in force at this
 * point of the lesson (n_labels = 0: a single run). `base` is the configuration
 * in force (to validate words such as `act == tanh`). Returns 0, or -1 with a
 * message in msg. */
int lesson_cond_parse(const char *text, const char (*labels)[LESSON_NAME], int n_labels,
                      const nn_config *base, lesson_cond *c, char *msg, size_t msg_len);

/* An operand's measured value, without its factor (`3 * x`: x), formatted as
 * the checker shows it ("0.3571", "tanh"). 0, or -1 when there is no run or
 * trainer to measure. */
struct lesson_runview;
int lesson_operand_text(const lesson_operand *o, const struct lesson_runview *runs, int n,
                        char *out, size_t len);

#endif
