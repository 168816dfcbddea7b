/* app/ui/ui_internal.h - the context and helpers shared by the ui_*.c files.
 * Not for views: use ui.h.
 */
#ifndef NNLAB_UI_INTERNAL_H
#define NNLAB_UI_INTERNAL_H

#include "ui/ui.h"

#define UI_MAX_FOCUS 256
#define UI_MAX_MARKS 64
#define UI_MAX_COLS  8
#define UI_MAX_WIDGETS 256

/* Keys seen since the last frame (bit flags). */
enum {
    UI_KEY_TAB = 1 << 0, UI_KEY_BACKTAB = 1 << 1, UI_KEY_ACTIVATE = 1 << 2,
    UI_KEY_LEFT = 1 << 3, UI_KEY_RIGHT = 1 << 4, UI_KEY_UP = 1 << 5, UI_KEY_DOWN = 1 << 6,
    UI_KEY_ESCAPE = 1 << 7, UI_KEY_BACKSPACE = 1 << 8, UI_KEY_HOME = 1 << 9,
    UI_KEY_END = 1 << 10, UI_KEY_PAGEUP = 1 << 11, UI_KEY_PAGEDOWN = 1 << 12,
};

/* What ui__control reports about a widget this frame. */
enum {
    UI_HOVER = 1 << 0,     /* mouse over it (and not blocked by a popup) */
    UI_PRESSED = 1 << 1,   /* mouse went down on it this frame */
    UI_ACTIVE = 1 << 2,    /* being pressed / dragged */
    UI_CLICKED = 1 << 3,   /* released over it after pressing on it */
    UI_FOCUSED = 1 << 4,   /* has keyboard focus */
    UI_DISABLED = 1 << 5,  /* locked: ignores input */
};

typedef struct ui_layout {
    SDL_Rect area;
    int      y;                  /* top of the current row */
    int      row_h, spec_h;      /* resolved height; requested (unscaled, 0 or -1) */
    int      cols, col;          /* columns in the row; next column */
    int      x[UI_MAX_COLS], w[UI_MAX_COLS];
    int      spec_w[UI_MAX_COLS], spec_cols;
    int      started;            /* a row has been begun */
} ui_layout;

struct ui_context {
    SDL_Renderer *r;
    gfx_fonts    *fonts;
    float         scale;
    ui_theme      theme;
    Uint32        now;

    /* input accumulated by ui_handle_event, consumed by the next frame */
    int    mx, my, mouse_down, mouse_pressed, mouse_released, wheel;
    int    mouse_out;            /* the pointer left the window (until it moves in again) */
    int    keys;
    int    n_up, n_down, n_pgup, n_pgdn;   /* presses of each since the last frame (a list moves by each) */
    char   text[64];             /* SDL_TEXTINPUT since the last frame */

    /* interaction */
    ui_id  hot, active, focus;
    int    mouse_claimed;        /* a widget took this frame's press */
    ui_id  order[UI_MAX_FOCUS];  /* focusable widgets this frame, in order */
    int    n_order;
    ui_id  last_id;
    SDL_Rect last_rect;
    SDL_Rect stacked_cell;         /* the current widget's cell when its label is above it, else empty */
    ui_id  hover_id;             /* tooltip timing */
    Uint32 hover_since, focus_since;
    int    focus_by_key;
    char   tip[256];
    SDL_Rect tip_anchor, tip_rect;   /* widget the tip explains; where the tip was drawn */
    int    has_tip;

    /* open dropdown (one at a time) */
    ui_id  popup_id;
    SDL_Rect popup_rect, popup_block;   /* this frame's; last frame's (blocks widgets below) */
    /* The open list's items are copied here each frame it is drawn: it is
     * drawn in ui_end, after the caller's array (often on its stack) is gone.
     * Grown when needed and kept between frames. */
    const char **popup_items;
    char  *popup_text;
    size_t popup_text_cap;
    int    popup_items_cap;
    int    popup_n, popup_sel, popup_hover, popup_drawn;
    int    popup_rows, popup_scroll;       /* rows that fit; first row shown (a long list scrolls) */
    int    popup_mx, popup_my;             /* mouse position the hover was last taken from */

    /* number field being typed into */
    ui_id  edit_id;
    char   edit[32];
    int    edit_fresh;           /* the first typed character replaces the text */

    /* widgets noted this frame (ui__note) and in the last finished one */
    ui_widget_info widgets[UI_MAX_WIDGETS], widgets_last[UI_MAX_WIDGETS];
    int    n_widgets, n_widgets_last;
    SDL_Rect popup_last;                /* the list drawn last frame (empty: none) */
    int    popup_last_first, popup_last_rows, popup_last_n;

    ui_layout lay;
    ui_id  highlight[UI_MAX_MARKS], locked[UI_MAX_MARKS], hidden[UI_MAX_MARKS];
    int    n_highlight, n_locked, n_hidden, disabled_depth;
};

/* Interaction bookkeeping for one widget: hot/active/focus, tab order. */
int  ui__control(ui_context *ctx, ui_id id, ui_id key, SDL_Rect r, int focusable);
int  ui__is_locked(const ui_context *ctx, ui_id id, ui_id key);
/* Every widget asks first: 1 when it is hidden, and then it takes no cell, no
 * focus and no input (last id/rect cleared so a following tooltip is dropped). */
int  ui__hidden(ui_context *ctx, ui_id id, ui_id key);
int  ui__is_highlighted(const ui_context *ctx, ui_id id, ui_id key);
/* Draws the widget frame: fill by state, focus and highlight outlines. */
void ui__frame(ui_context *ctx, SDL_Rect r, int state, ui_id id, ui_id key);
void ui__outlines(ui_context *ctx, SDL_Rect r, int state, ui_id id, ui_id key);
/* Text colour for a widget state. */
SDL_Color ui__text_color(const ui_context *ctx, int state);
/* Label shown for a label with an optional "##id" suffix (copied into buf). */
const char *ui__display(const char *label, char *buf, size_t n);
/* Label on the left part of a cell; returns the rest of the cell. When that
 * would leave the control less than min_control (unscaled) pixels, or cut the
 * label, the label goes above the control in the small font instead (a narrow
 * panel at a projector's zoom) and ctx->stacked_cell is the cell. */
SDL_Rect ui__label_left(ui_context *ctx, SDL_Rect cell, const char *label, int state, int min_control);
/* Vertically centred text in r. */
void ui__text_in(ui_context *ctx, SDL_Rect r, gfx_font_id font, SDL_Color c, gfx_align align,
                 const char *s);
int  ui__point_in(int x, int y, SDL_Rect r);
/* 1 when a widget's cell is empty (row did not fit): the widget draws nothing. */
int  ui__skip(ui_context *ctx, SDL_Rect cell);
void ui__draw_popup(ui_context *ctx);
/* Notes a drawn widget for ui_widgets (label may carry "##id"). */
void ui__note(ui_context *ctx, int kind, ui_id id, const char *label, SDL_Rect r, int index, int n, int state);
/* The current choice of the widget noted last (dropdowns, tabs). */
void ui__note_selected(ui_context *ctx, int selected);

#endif
