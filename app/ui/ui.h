/* app/ui/ui.h - immediate-mode widgets on SDL_Renderer (microui's spirit,
 * written here).
 *
 *   ui_context *ui = ui_create(renderer, fonts);       // fonts from draw/font.h
 *   // event loop:   ui_handle_event(ui, &event);
 *   // every frame:
 *   ui_begin(ui, SDL_GetTicks());
 *   ui_panel(ui, (SDL_Rect){ 0, 0, 320, 600 }, "Training");
 *   ui_layout_row(ui, 1, 0);                           // one column, default height
 *   if (ui_button(ui, "Reset")) session_reset(s);
 *   ui_tooltip(ui, "Start again from the same initial weights.");
 *   ui_slider_log(ui, "Learning rate", &lr, 1e-4f, 10.0f);
 *   ui_end(ui);                                         // popups, tooltips, focus
 *   ui_destroy(ui);
 *
 * Conventions
 * - Widgets take pointers to caller-owned values and return 1 when the user
 *   changed the value (buttons: when clicked). Nothing is retained between
 *   frames except interaction state (hot, active, focus, open popup).
 * - Ids: a widget's id is its label, ui_label_id(label): two widgets drawn in
 *   one frame need different labels. Text after "##" in a label is not shown
 *   but makes the id unique ("Reset##left"). Never the value's address: views
 *   pass copies on their stack, whose address is not the same from frame to
 *   frame (an open list would close itself, a drag would drop). Lessons
 *   address controls by their label: ui_set_highlight(ui,
 *   ui_label_id("Learning rate"), 1).
 * - Layout: widgets take the next cell of the current row (ui_layout_*), so
 *   panels stack without coordinates. Heights and widths are given in
 *   unscaled pixels and multiplied by the UI scale.
 * - Keyboard: Tab / Shift+Tab move the focus (drawn as an outline), Space or
 *   Enter activates, Left/Right adjust sliders, number fields, dropdowns and
 *   tabs; Up/Down/PageUp/PageDown/Home/End scroll text panels; Escape closes
 *   a dropdown or cancels typing. The shell gives a key press to the UI
 *   when ui_wants_key() says it belongs there, and handles it itself
 *   otherwise (a control focused by a mouse click takes no keys).
 * - Scale: ui_set_scale reopens the fonts; all sizes multiply by it.
 * - Marks (lessons): locked controls (or inside ui_push_disabled) draw greyed
 *   and ignore input; hidden controls are not drawn at all and take no cell,
 *   no focus and no input (the widget returns 0 and the next widget takes its
 *   place); highlighted controls get a pulsing outline.
 *
 * Ownership: the context borrows the renderer and the fonts (both must
 * outlive it). Strings passed to widgets must stay valid until ui_end.
 * Thread-safety: one thread (the rendering thread).
 */
#ifndef NNLAB_UI_H
#define NNLAB_UI_H

#include <SDL.h>

#include "draw/font.h"
#include "draw/palette.h"

typedef Uint32 ui_id;
typedef struct ui_context ui_context;

typedef struct ui_theme {
    SDL_Color bg, panel, border;
    SDL_Color text, text_dim, text_disabled;
    SDL_Color widget, widget_hot, widget_active;
    SDL_Color accent;        /* filled parts of sliders, switches, selected tab */
    SDL_Color on_accent;     /* text or marks drawn on the accent colour */
    SDL_Color focus;         /* keyboard focus outline */
    SDL_Color highlight;     /* lesson highlight outline */
    SDL_Color tooltip_bg, tooltip_text;
    gfx_style plot;          /* ink for plots drawn inside this theme */
} ui_theme;

ui_theme ui_theme_dark(void);    /* default */
ui_theme ui_theme_light(void);   /* high contrast on white, for bright rooms */

#define UI_ROW_HEIGHT 36         /* default widget height, unscaled */
#define UI_TOOLTIP_DELAY_MS 500

/* ---- lifecycle and frame ------------------------------------------------------ */
ui_context *ui_create(SDL_Renderer *r, gfx_fonts *fonts);  /* NULL on OOM */
void        ui_destroy(ui_context *ctx);                   /* NULL is a no-op */
void        ui_handle_event(ui_context *ctx, const SDL_Event *e);
void        ui_begin(ui_context *ctx, Uint32 now_ms);
void        ui_end(ui_context *ctx);

void            ui_set_scale(ui_context *ctx, float scale);   /* 0.5..4; reopens fonts */
float           ui_scale(const ui_context *ctx);
int             ui_px(const ui_context *ctx, int unscaled);   /* unscaled * scale, rounded */
void            ui_set_theme(ui_context *ctx, const ui_theme *t);
const ui_theme *ui_get_theme(const ui_context *ctx);
gfx_fonts      *ui_fonts(const ui_context *ctx);
SDL_Renderer   *ui_renderer(const ui_context *ctx);

/* 1 while a widget has focus (by key or click) or a popup is open / mouse over
 * a widget or popup. For routing key presses use ui_wants_key. */
int ui_keyboard_captured(const ui_context *ctx);
int ui_mouse_captured(const ui_context *ctx);
/* Where the mouse is, for pictures that answer to it (a plot read under the
 * cursor, draw/hover.h): 1 and the position, or 0 and -1, -1 when it is off
 * the window, over an open list, or dragging a control. */
int ui_mouse(const ui_context *ctx, int *x, int *y);

/* ---- ids, focus, highlight, lock ---------------------------------------------- */
ui_id ui_make_id(const char *label, const void *ptr);   /* FNV-1a of label, then ptr */
ui_id ui_label_id(const char *label);                   /* = ui_make_id(label, NULL) */
ui_id ui_focus_id(const ui_context *ctx);               /* 0 = nothing focused */
/* The widget the mouse is pressing or dragging (a slider being dragged), 0 =
 * none: a view can wait for the release before an expensive change. */
ui_id ui_active_id(const ui_context *ctx);
void  ui_set_focus(ui_context *ctx, ui_id id);
ui_id ui_last_id(const ui_context *ctx);                /* the widget drawn last */
SDL_Rect ui_last_rect(const ui_context *ctx);

/* id may be a full id or a label id; up to 64 of each at a time. */
void ui_set_highlight(ui_context *ctx, ui_id id, int on);
void ui_set_locked(ui_context *ctx, ui_id id, int on);
void ui_set_hidden(ui_context *ctx, ui_id id, int on);
void ui_clear_marks(ui_context *ctx);                   /* drop all highlights, locks and hides */
void ui_push_disabled(ui_context *ctx);                 /* widgets until pop are locked */
void ui_pop_disabled(ui_context *ctx);

/* ---- layout -------------------------------------------------------------------- */
/* Draws a panel background (and title, may be NULL) and starts a layout in it. */
void     ui_panel(ui_context *ctx, SDL_Rect r, const char *title);
void     ui_layout_begin(ui_context *ctx, SDL_Rect area);  /* layout without drawing */
/* Next rows have `cols` equal cells of `height` (0 = UI_ROW_HEIGHT, -1 = the rest). */
void     ui_layout_row(ui_context *ctx, int cols, int height);
/* Cells of the given widths (<= 0: share what is left); at most 8 columns. */
void     ui_layout_row_widths(ui_context *ctx, int cols, const int *widths, int height);
void     ui_layout_space(ui_context *ctx, int height);     /* finish the row, add a gap */
SDL_Rect ui_layout_next(ui_context *ctx);                  /* the next cell (for custom drawing) */
SDL_Rect ui_layout_rest(ui_context *ctx);                  /* unused area below the current row */

/* ---- widgets ------------------------------------------------------------------- */
void ui_label(ui_context *ctx, const char *text);
void ui_heading(ui_context *ctx, const char *text);
int  ui_button(ui_context *ctx, const char *label);
int  ui_checkbox(ui_context *ctx, const char *label, int *value);
int  ui_switch(ui_context *ctx, const char *label, int *value);

/* Slider position in [0, 1] for v; log: by log10 (lo > 0), e.g. 1e-2 on
 * 1e-4..10 is 0.4. Out-of-range values clamp. */
float ui_slider_value_to_pos(float v, float lo, float hi, int log);
float ui_slider_pos_to_value(float pos, float lo, float hi, int log);
int   ui_slider(ui_context *ctx, const char *label, float *v, float lo, float hi);
int   ui_slider_log(ui_context *ctx, const char *label, float *v, float lo, float hi);
/* step > 0 snaps (linear) and sets the keyboard increment. */
int   ui_slider_ex(ui_context *ctx, const char *label, float *v, float lo, float hi, float step, int log);

/* The open list copies items (they need not outlive the call). The open list goes below the box, or above
 * when only that fits; a list longer than the room on either side shows what
 * fits and scrolls (mouse wheel; arrows, PageUp/PageDown, Home/End keep the
 * highlighted item in view). It never extends past the window. */
int  ui_dropdown(ui_context *ctx, const char *label, int *selected, const char *const *items, int n);
int  ui_number_int(ui_context *ctx, const char *label, int *v, int lo, int hi, int step);
int  ui_number_float(ui_context *ctx, const char *label, float *v, float lo, float hi, float step);
/* A row of tabs in one cell; Left/Right switch when focused. */
int  ui_tabs(ui_context *ctx, const char *id_label, const char *const *labels, int n, int *selected);
/* Help for the previous widget, shown after hovering (or keyboard focus) for UI_TOOLTIP_DELAY_MS. */
void ui_tooltip(ui_context *ctx, const char *text);
/* Wrapped paragraphs (with **bold**) in a scrolling box filling the next cell;
 * *scroll is in pixels. Returns 1 when it scrolled. */
int  ui_text_panel(ui_context *ctx, const char *id_label, const char *text, int *scroll);
/* A rectangle the caller draws in itself (a map to click or drag on): returns
 * 1 in every frame from a press inside r until the release (that frame
 * included), with the mouse position clamped into r in *mx, *my (may be
 * NULL). Draws only the lesson highlight; locked: returns 0. Not focusable. */
int  ui_pad(ui_context *ctx, const char *label, SDL_Rect r, int *mx, int *my);
/* A line of text the learner types (a file's path) filling the next cell:
 * a click (or Enter while focused) starts typing into buf (len bytes, kept
 * NUL-terminated), Backspace deletes, Enter returns 1 (use it), Escape or a
 * click elsewhere stops. label's text shows, dimmed, while buf is empty. */
int  ui_text_field(ui_context *ctx, const char *label, char *buf, int len);

/* ---- what was drawn: for tests that use the program as a person would ------
 * Every widget notes its kind, label and rectangle as it is drawn; the list of
 * the last finished frame (ui_end) is readable here, so a test can find each
 * control and click, drag or type into it without knowing the layout. */
typedef enum ui_widget_kind {
    UI_W_BUTTON, UI_W_CHECKBOX, UI_W_SWITCH, UI_W_SLIDER, UI_W_DROPDOWN,
    UI_W_NUMBER, UI_W_STEP, UI_W_TAB, UI_W_TEXT, UI_W_PAD,
    UI_W_FIELD,           /* ui_text_field */
} ui_widget_kind;

typedef struct ui_widget_info {
    ui_id    id;          /* the widget's id (for a tab: of its strip) */
    int      kind;        /* ui_widget_kind */
    SDL_Rect rect;        /* where to click; a slider: its travel (left = lo, right = hi) */
    char     label[48];   /* shown text without "##..." (a tab: its own label; a step button: "-" or "+") */
    int      index, n;    /* a tab: its index and the strip's count; a dropdown: n items */
    int      selected;    /* a dropdown's or a tab strip's current choice (else 0) */
    int      locked;      /* drawn greyed: input is ignored */
} ui_widget_info;

/* The widgets of the last finished frame, in drawing order; returns the count. */
int ui_widgets(const ui_context *ctx, const ui_widget_info **list);
/* The open dropdown list of the last finished frame: 1 and its geometry
 * (rectangle, first row shown, rows shown, item count, row height), or 0. */
int ui_open_list(const ui_context *ctx, SDL_Rect *rect, int *first, int *rows, int *n, int *row_h);
/* 1 when a key press belongs to the UI rather than to the program: Tab; the
 * navigation keys while a list is open; what a number field being typed into
 * takes; Space/Enter/arrows on a control focused with Tab. Never F-keys,
 * Ctrl/Alt chords or PageUp/PageDown (a clicker's keys). A control focused by
 * a mouse click takes no keys, so Space still plays after clicking Step. */
int ui_wants_key(const ui_context *ctx, const SDL_Keysym *k);

#endif
