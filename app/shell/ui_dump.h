/* app/shell/ui_dump.h - the window's controls, written to a file for
 * scripts that drive a real window (xdotool under Xvfb).
 *
 *   NNLAB_UI_DUMP=/tmp/controls.txt nnlab ...
 *
 * After each frame whose controls differ from the last file's, the file is
 * replaced (written beside it, then renamed) with one line per control of
 * that frame, in drawing order:
 *
 *   view ID
 *   KIND X Y W H SELECTED N LOCKED LABEL
 *   open X Y W H FIRST ROWS N ROW_H        (only while a list is open)
 *
 * KIND is button, checkbox, switch, slider, dropdown, number, step, tab,
 * text, pad or field; X Y W H is where to click, in window pixels (a slider:
 * its travel). What a script needs to find each control by its label and
 * click it, as the robot tests do in-process (tests/app/robot.h).
 */
#ifndef NNLAB_UI_DUMP_H
#define NNLAB_UI_DUMP_H

struct app;

/* After frame_run: writes the file if NNLAB_UI_DUMP is set and the controls changed. */
void shell_ui_dump(struct app *a);

#endif
