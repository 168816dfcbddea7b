/* app/labs/lab_setting.h - a lab's setting as lessons and tooltips name it,
 * and the one refusal of a name no lab knows. No SDL. */
#ifndef NNLAB_LAB_SETTING_H
#define NNLAB_LAB_SETTING_H

typedef struct lab_setting { const char *name, *help; } lab_setting;

/* NN_ERR_ARG with "unknown lab setting 'NAME'", naming the nearest of the
 * table's n names when one is close ("did you mean ..."). */
int lab_unknown_setting(const char *name, const lab_setting *table, int n);

#endif
