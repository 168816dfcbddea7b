/* nn/parse.h - strict text-to-value parsing with one clear message.
 *
 * Each function returns NN_OK, or NN_ERR_ARG with nn_last_error() set to
 * "<name> expects <what it accepts>, got '<text>'". Used by the CLI, the
 * lesson parser and nn_config_set, so every front end words errors alike.
 */
#ifndef NN_PARSE_H
#define NN_PARSE_H

int nn_parse_int(const char *name, const char *s, long lo, long hi, long *out);
int nn_parse_float(const char *name, const char *s, double lo, double hi, double *out);
/* Comma-separated; an empty item (",," or a trailing comma) is an error. */
int nn_parse_int_list(const char *name, const char *s, long lo, long hi, int max,
                      int *out, int *count);
int nn_parse_float_list(const char *name, const char *s, double lo, double hi, int max,
                        float *out, int *count);
/* One of the names name(0..n-1); the message lists them. */
int nn_parse_choice(const char *name, const char *s, const char *(*name_of)(int), int n, int *out);

#endif
