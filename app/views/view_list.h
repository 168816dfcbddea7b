/* app/views/view_list.h - one line per view, in tab order. */
VIEW(playground)
VIEW(layers)
VIEW(race)
VIEW(schedule)
VIEW(surface)
VIEW(ewa)
VIEW(softmax)
